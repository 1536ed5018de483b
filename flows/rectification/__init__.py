"""The rectification use case (GDPR Art. 16, 19): filing a correction, the ordered steps of its run
(resolve, clean, raw, retire, verify, receipt), each larger step in its own module, and the Prefect flow."""
