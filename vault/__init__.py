"""The token vault: tokens, encryption and keys, store, subjects and lineage, access and audit, shredding.

Entry point: `from vault.store import Vault`; `Vault.open(url)` (SQLite file by default, PostgreSQL by
URL). Token format and normalisation live below this package, in `values`.

Modules, one concern each:
- `tokens` keyed derivation;
- `keys` KEK loading and AES-GCM; `keystore` wrapped data keys; `rotation` KEK rotation;
- `schema` tables and migrations; `engine` SQLite/PostgreSQL engines; `sql` set-based helpers;
- `store` the `Vault` class and bulk tokenization; `lineage` partitions holding tokens;
- `policy` + `default_policy.yaml` who may see what; `access` audited detokenization;
- `erasure` resolve, plan, shred, tombstones; `footprint` lookups behind a request's footprint and
  its proof; `privacy_requests` erasure/access requests and their run progress;
- `surrogates` format-preserving email/card surrogates.
"""
