"""Prefect flows and the pipeline around them: catalog, readers and writers, scan, tokenize, erase, access."""
