"""The bottom layer: what a personal value is, below both detection and the vault.

`token_format` (what a token looks like, recognised on sight), `normalise` (one canonical form per value,
so spellings of the same value share a token), `phones` (E.164 parsing with `phonenumbers`) and `emails`
(disguised addresses read back). Detection (`recognizers`) and the vault (`vault`) both import these and
never each other; nothing here imports a project package.
"""
