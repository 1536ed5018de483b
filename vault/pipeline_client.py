"""The vault as a tokenize flow's worker uses it, through the vault service (`PipelineClient`).

A worker with a `pipeline` credential holds no KEK, no master secret and no vault database: every call the
tokenize path makes on `Vault` has the same name and result here, answered by the service
(`vault/service/pipeline_routes.py`) or computed with one of the derived keys the service hands pipeline
credentials. `tests/flows/test_tokenize_through_service.py` tokenizes a demo zone both ways and gets the
same clean zone, vault rows and fingerprint index.

What the tokenize path uses of `Vault`, and where it happens for a worker without the KEK:
- in the service: `tokenize_batch` (both passes, format-preserving too), `link_found`,
  `link_to_sole_owner` (its values fingerprinted there), `record_lineage`, `fingerprint_holders`,
  `fingerprint_index` (the run's snapshot), `fingerprint_generation` (whether a cached index is still
  current), `deriver.derive_normalised` (a match whose fingerprint has several tokens takes the one
  written as the text writes it: the token key never leaves the service) and `subject_id` (the
  quarantine index's customer-id-shaped words; cached, but asked one word at a time, as
  `flows.pipeline.quarantine_index.IndexKey` asks: a big bad record costs a round trip per distinct word
  until `IndexKey` asks in batches);
- in the worker, with derived keys the service gives only to roles that may tokenize (`derived_key`):
  the fingerprint key (`fingerprinter`: known-subject matching hashes every word of every text, millions a
  run, which no round trip could carry) and the quarantine's sealing and index keys (bad records read from
  the raw zone, sealed and indexed where they were read). Each lets the worker do with keyed hashes what it
  can do with the raw zone it reads anyway; none opens a stored value, derives a token or checks a
  credential. Moving the text scan into the service instead needs `TextScanner` under `vault/` (the
  service may not import `flows`) and ships every text to it.
The tokenize flow's tasks (`flows.tokenize.flow`) and `piivault tokenize` in its own process
(`flows/cli/tokenize.py`) open their vault with `open_tokenize_vault`: this client when
`PIIVAULT_VAULT_URL` is set, else the catalog's vault. `engine` stands for `Vault.engine` only where the
path names the vault by it (`KnownSubjects.load`'s cache key); nothing here has a database connection.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import islice

import numpy as np

from vault.client import ServiceConfig, VaultClient, service_config
from vault.fingerprint_forms import KEY_LABEL as FINGERPRINT_KEY_LABEL
from vault.fingerprint_index import FingerprintIndex
from vault.fingerprints import Fingerprinter, Holder

INDEX_FIELDS = ("fingerprints", "info", "starts", "longest")
SUBJECT_ID_CACHE = 100_000
LINEAGE_CHUNK = 10_000  # tokens a chunk of the streamed lineage body


@dataclass(frozen=True)
class DerivedToken:
    """What `Vault.deriver.derive_normalised` gives a caller that only needs the token."""

    token: str


class RemoteDeriver:
    """`Vault.deriver` for known-subject matching: tokens of normalised forms, derived in the service."""

    def __init__(self, client: PipelineClient):
        self._client = client

    def derive_normalised(self, entity_type: str, normalised: str) -> DerivedToken:
        body = {"items": [[entity_type, normalised]]}
        (token,) = self._client.field("POST", "/v1/pipeline/derive", "tokens", list, json=body)
        return DerivedToken(token)


@dataclass(frozen=True)
class ServiceLocation:
    """Stands for `Vault.engine` where callers only name the vault (a cache key, a message): the
    service's URL, never a credential."""

    shown: str

    @property
    def url(self) -> ServiceLocation:
        return self

    def render_as_string(self, hide_password: bool = True) -> str:
        return self.shown


def open_tokenize_vault(embedded_url: str):
    """The vault the tokenize path uses: a `PipelineClient` when `PIIVAULT_VAULT_URL` is set (no KEK
    here), else the embedded vault at `embedded_url` (`Vault.open`, KEK from the environment)."""
    client = PipelineClient.from_env()
    if client is not None:
        return client
    from vault.store import Vault

    return Vault.open(embedded_url)


class PipelineClient(VaultClient):
    """A tokenize worker's vault behind `piivault vault serve` (a credential whose role may tokenize)."""

    def __init__(self, config: ServiceConfig):
        super().__init__(config)
        self._keys: dict[str, bytes] = {}
        self._subject_ids: dict[str, str] = {}

    @classmethod
    def from_env(cls) -> PipelineClient | None:
        config: ServiceConfig | None = service_config()
        return None if config is None else cls(config)

    def link_found(self, pairs: Iterable[tuple[str, str]]) -> set[str]:
        """As `Vault.link_found`: links tokens found by fingerprint; returns the erased subjects' keys."""
        keyed = ((key, token) for key, token in pairs if not (key is None or key != key))  # None, NaN: none
        body = {"pairs": [[str(key).strip(), token] for key, token in keyed if str(key).strip()]}
        if not body["pairs"]:
            return set()
        return set(self.field("POST", "/v1/pipeline/link-found", "erased", list, json=body))

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
        return self.field("POST", "/v1/pipeline/link-to-sole-owner", "linked", int, json=body)

    def record_lineage(
        self, dataset: str, partition: str, token_list: Iterable[str], replace: bool = False
    ) -> int:
        """As `Vault.record_lineage`: the number of distinct tokens recorded. Sent as a stream of lines
        (`vault.service.lineage_stream`), read from `token_list` as it goes: a file's lineage is never one
        list here or one body there."""
        header = {"dataset": dataset, "partition": partition, "replace": replace}
        return self.field(
            "POST", "/v1/pipeline/lineage", "recorded", int, content=_lineage_lines(header, token_list)
        )

    def fingerprint_holders(self, fingerprint_list: Iterable[int]) -> dict[int, list[Holder]]:
        """As `Vault.fingerprint_holders`: fingerprint -> its live holders."""
        body = {"fingerprints": [int(f) for f in fingerprint_list]}
        rows = self.field("POST", "/v1/pipeline/fingerprint-holders", "holders", list, json=body)
        found: dict[int, list[Holder]] = {}
        for fingerprint, token, entity_type, subject_id in rows:
            found.setdefault(fingerprint, []).append(Holder(token, entity_type, subject_id))
        return found

    def fingerprint_generation(self) -> tuple[int, int]:
        """As `Vault.fingerprint_generation`: where the fingerprints stand (it moves with every change)."""
        writers, changes = self.field("GET", "/v1/pipeline/fingerprint-generation", "generation", list)
        return int(writers), int(changes)

    def fingerprint_index(self) -> FingerprintIndex:
        """As `Vault.fingerprint_index`: the index's arrays (keyed hashes and codes only)."""
        content = self.request("GET", "/v1/pipeline/fingerprint-index", raw=True)
        try:
            with np.load(io.BytesIO(content)) as arrays:
                return FingerprintIndex(*(arrays[name] for name in INDEX_FIELDS))
        except (ValueError, KeyError, OSError):
            raise self._off_contract("/v1/pipeline/fingerprint-index") from None

    # -- what the worker computes itself, with the keys the service hands a pipeline credential -------

    def derived_key(self, label: str) -> bytes:
        """`Vault.derived_key` for the labels the service gives workers (fingerprints, quarantine, its
        index); cached for the client's life. Any other label is refused by the service (404)."""
        if label not in self._keys:
            self._keys[label] = self.key(f"/v1/pipeline/keys/{label}")
        return self._keys[label]

    @cached_property
    def fingerprinter(self) -> Fingerprinter:
        """`Vault.fingerprinter`: keyed hashing of written forms, under the key the service derives."""
        return Fingerprinter(self.derived_key(FINGERPRINT_KEY_LABEL))

    @cached_property
    def deriver(self) -> RemoteDeriver:
        """`Vault.deriver`, for the one use known-subject matching makes of it (`derive_normalised`)."""
        return RemoteDeriver(self)

    @cached_property
    def engine(self) -> ServiceLocation:
        """`Vault.engine`, for callers that only name the vault by it (`KnownSubjects.load`'s cache key)."""
        return ServiceLocation(self.config.shown_url)

    def subject_id(self, subject_key: str) -> str:
        """`Vault.subject_id`, computed in the service (its key never leaves it); cached."""
        cache = self._subject_ids
        found = cache.get(subject_key)
        if found is None:
            (found,) = self.field(
                "POST", "/v1/pipeline/subject-ids", "subject_ids", list, json={"keys": [subject_key]}
            )
            if len(cache) >= SUBJECT_ID_CACHE:
                cache.clear()
            cache[subject_key] = found
        return found


def _lineage_lines(header: dict, token_list: Iterable[str]) -> Iterator[bytes]:
    """The lineage body: its header line, then the tokens a line, in chunks of `LINEAGE_CHUNK` tokens."""
    yield json.dumps(header).encode() + b"\n"
    tokens = iter(token_list)
    while chunk := list(islice(tokens, LINEAGE_CHUNK)):
        yield "".join(f"{token}\n" for token in chunk).encode("utf-8")
