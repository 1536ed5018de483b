"""The access use case: everything held about a subject, detokenized for the privacy officer, as an
export package (steps, export writer, Prefect flow)."""
