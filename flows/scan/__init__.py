"""The scan use case: what personal data each dataset holds, as counts and masked evidence (flow, logic,
report renderings, masking)."""
