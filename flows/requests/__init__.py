"""What every privacy request shares: filing and verification, the request lifecycle and its deadline, the
subject's footprint, which rows are the subject's, per-step progress, and the step runner."""
