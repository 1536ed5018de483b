"""The erasure use case: the ordered steps of an erasure run (resolve, clean, raw, quarantine, shred,
verify, receipt), each in its own module, and the Prefect flow that runs them as tasks."""
