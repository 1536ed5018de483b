"""The tokenize use case: raw zone into tokenized Parquet in the clean zone, values into the vault, with
lineage and subject links (flow, per-file logic, linking through shared identifiers)."""
