"""The vault as a tokenize flow's worker uses it, through the vault service (`PipelineClient`).

A worker with a `pipeline` credential tokenizes through the service (`VaultClient.tokenize_batch`) and,
with the routes of `vault/service/pipeline_routes.py`, makes the other calls of the tokenize path that need
the vault's database or keys there too, with the same names and results as the embedded `Vault`:
`link_found`, `link_to_sole_owner`, `record_lineage`, `fingerprint_holders`, `fingerprint_index`.

What the tokenize path uses of `Vault`, and where each call has to be for a worker without the KEK:
- through the service now: `tokenize_batch` (both passes, format-preserving too), `link_found`,
  `link_to_sole_owner` (its values are fingerprinted in the service), `record_lineage`,
  `fingerprint_holders`, `fingerprint_index` (the run's snapshot, `flows.tokenize.known_snapshot`);
- still in the worker, each needing a key derived from the master secret:
  - `fingerprinter` (`flows.tokenize.known_subjects.TextScanner` hashes every word of every text with
    the fingerprint key): either the scan moves into the service (texts in, matches out; `TextScanner`
    must then live under `vault/`, since the service may not import `flows`), or the service hands
    `pipeline` credentials that one derived key (it lets its holder test guesses against the index, no
    more: the worker reads the raw zone anyway);
  - `deriver.derive_normalised` (`KnownSubjects`, when a match's fingerprint has several tokens, picks the
    one written as the text writes it): a service call deriving tokens of normalised forms, or the choice
    made in the service beside the holders' lookup; the token key must never leave the service;
  - `derived_key("flows.quarantine")` and `derived_key("flows.quarantine-index")` with `subject_id`
    (`flows.pipeline.quarantine`: bad records sealed and indexed): the service seals and indexes records
    sent to it (a record kept in part, read again in pieces, as a stream), or hands out those two keys
    and answers subject ids in batches (`IndexKey` asks one word at a time today);
- and the flow must open a `PipelineClient` instead of `Vault.open` when `PIIVAULT_VAULT_URL` is set
  (`flows.tokenize.flow`'s one `_vault(catalog)`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import numpy as np

from vault.client import ServiceConfig, VaultClient, service_config
from vault.fingerprint_index import FingerprintIndex
from vault.fingerprints import Holder

INDEX_FIELDS = ("fingerprints", "info", "starts", "longest")


class PipelineClient(VaultClient):
    """A tokenize worker's vault behind `piivault vault serve` (a credential whose role may tokenize)."""

    @classmethod
    def from_env(cls) -> PipelineClient | None:
        config: ServiceConfig | None = service_config()
        return None if config is None else cls(config)

    def link_found(self, pairs: Iterable[tuple[str, str]]) -> set[str]:
        """As `Vault.link_found`: links tokens found by fingerprint; returns the erased subjects' keys."""
        body = {"pairs": [[str(key), token] for key, token in pairs if key is not None]}
        if not body["pairs"]:
            return set()
        return set(self._field("POST", "/v1/pipeline/link-found", "erased", list, json=body))

    def link_to_sole_owner(
        self, anchored: dict[str, set[str]], values: dict[str, tuple[str, str]] | None = None
    ) -> int:
        """As `Vault.link_to_sole_owner`: the number of links added."""
        if not anchored:
            return 0
        body = {
            "anchored": [[anchor, sorted(companions)] for anchor, companions in anchored.items()],
            "values": [[token, kind, value] for token, (kind, value) in (values or {}).items()],
        }
        return self._field("POST", "/v1/pipeline/link-to-sole-owner", "linked", int, json=body)

    def record_lineage(
        self, dataset: str, partition: str, token_list: Iterable[str], replace: bool = False
    ) -> int:
        """As `Vault.record_lineage`: the number of distinct tokens recorded."""
        body = {"dataset": dataset, "partition": partition, "tokens": list(token_list), "replace": replace}
        return self._field("POST", "/v1/pipeline/lineage", "recorded", int, json=body)

    def fingerprint_holders(self, fingerprint_list: Iterable[int]) -> dict[int, list[Holder]]:
        """As `Vault.fingerprint_holders`: fingerprint -> its live holders."""
        body = {"fingerprints": [int(f) for f in fingerprint_list]}
        rows = self._field("POST", "/v1/pipeline/fingerprint-holders", "holders", list, json=body)
        found: dict[int, list[Holder]] = {}
        for fingerprint, token, entity_type, subject_id in rows:
            found.setdefault(fingerprint, []).append(Holder(token, entity_type, subject_id))
        return found

    def fingerprint_index(self) -> FingerprintIndex:
        """As `Vault.fingerprint_index`: the index's arrays (keyed hashes and codes only)."""
        content = self.request("GET", "/v1/pipeline/fingerprint-index", raw=True)
        try:
            with np.load(io.BytesIO(content)) as arrays:
                return FingerprintIndex(*(arrays[name] for name in INDEX_FIELDS))
        except (ValueError, KeyError, OSError):
            raise self._off_contract("/v1/pipeline/fingerprint-index") from None

    def _field(self, method: str, path: str, name: str, kind: type, **kwargs):
        answer = self.request(method, path, **kwargs)
        value = answer.get(name) if isinstance(answer, dict) else None
        if not isinstance(value, kind) or isinstance(value, bool):
            raise self._off_contract(path)
        return value
