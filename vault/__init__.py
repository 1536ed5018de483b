"""The token vault: tokens, encryption and keys, store, subjects and lineage, access and audit, shredding."""
