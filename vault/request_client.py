"""The vault as the privacy-request flows use it when a vault service holds the keys (`RequestVault`).

Erasure, access, rectification and retention runs do most of their vault work on rows that hold no key:
their request and progress rows, lineage, links, footprints, tombstones. That work stays where it is: the
flow process opens the vault database (the catalog's `vault:` URL) and runs the same code as the embedded
vault, so receipts, clean zones and export packages come out the same. What needs key material goes to
`piivault vault serve` with a credential whose role the policy gives the `requests` operation
(`vault/service/request_routes.py`):
- keyed hashes: subject ids and tokens (with value hashes) of normalised forms (`KeylessDeriver`, cached:
  a request's identifier hash, the subject's rows found by their customer id, verification recognising
  their emails and phones in text), and the derived keys of the fingerprints and the quarantine;
- values: `detokenize` through `POST /v1/detokenize` with the request's purpose, audited per token under
  the credential's name and within its role's ceilings: the role and the audited name are the
  credential's, so a run's `role`/`actor` arguments are not sent (the embedded vault records them);
- the key store: the shred (`shred_subject`) and what it left (`shred_evidence`), a rectification's
  retired value (`retire_value`, `retirement_evidence`) and its corrected value stored (`tokenize_batch`),
  a retention run's orphan values (`shred_orphans`, which then names its run).
The flow process never opens the key store and holds no KEK and no master secret: `keystore_engine` and
the KEK's methods raise `VaultError` saying so. `open_request_vault` picks this or the embedded vault.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields

from sqlalchemy import Connection

from values.normalise import normalise
from vault import erasure, privacy_requests, rectification
from vault.access import Detokenized
from vault.client import ServiceConfig, VaultClient, service_config
from vault.engine import make_engine
from vault.erasure import ShredReport
from vault.errors import VaultError
from vault.footprint import ShredEvidence
from vault.rectification import Retirement
from vault.store import Vault
from vault.tokens import Derived

CACHE_LIMIT = 100_000  # keyed hashes kept per run (a verification asks for each distinct candidate once)
BATCH = 5_000  # forms per keyed-hash request


class RequestClient(VaultClient):
    """The service calls of a request run (a credential whose role may run `requests`)."""

    def derived_key(self, label: str) -> bytes:
        """The derived key `label` (fingerprints, quarantine sealing, its index)."""
        return self.key(f"/v1/requests/keys/{label}")

    def subject_ids(self, keys: Sequence[str]) -> list[str]:
        """Subject ids of subject keys, computed in the service (its subject key never leaves it)."""
        found: list[str] = []
        for start in range(0, len(keys), BATCH):
            body = {"keys": list(keys[start : start + BATCH])}
            got = self.field("POST", "/v1/requests/subject-ids", "subject_ids", list, json=body)
            if len(got) != len(body["keys"]):
                raise self._off_contract("/v1/requests/subject-ids")
            found.extend(got)
        return found

    def derive(self, items: Sequence[tuple[str, str]]) -> list[Derived]:
        """Token and value hash of each (entity type, normalised form), derived in the service."""
        found: list[Derived] = []
        for start in range(0, len(items), BATCH):
            body = {"items": [list(item) for item in items[start : start + BATCH]]}
            answer = self.request("POST", "/v1/requests/derive", json=body)
            tokens = answer.get("tokens") if isinstance(answer, dict) else None
            hashes = answer.get("value_hashes") if isinstance(answer, dict) else None
            wanted = len(body["items"])
            if not (isinstance(tokens, list) and isinstance(hashes, list) and len(tokens) == wanted):
                raise self._off_contract("/v1/requests/derive")
            found.extend(Derived(t, bytes.fromhex(h)) for t, h in zip(tokens, hashes, strict=True))
        return found

    def shred_subject(self, subject_id: str, request_id: str) -> ShredReport:
        body = {"subject_id": subject_id, "request_id": request_id}
        return _counts(self, "/v1/requests/shred", ShredReport, body)

    def shred_evidence(self, subject_ids, own_tokens, own_hashes) -> ShredEvidence:
        body = {
            "subject_ids": list(subject_ids),
            "own_tokens": list(own_tokens),
            "own_hashes": list(own_hashes),
        }
        return _counts(self, "/v1/requests/shred-evidence", ShredEvidence, body)

    def tokenize(self, items: Sequence[tuple[str, str]]) -> list[str]:
        body = {"items": [list(item) for item in items]}
        tokens = self.field("POST", "/v1/requests/tokenize", "tokens", list, json=body)
        if len(tokens) != len(items):
            raise self._off_contract("/v1/requests/tokenize")
        return tokens

    def retire_value(self, subject_ids, old_token, new_token, request_id, keep) -> Retirement:
        body = {
            "request_id": request_id,
            "subject_ids": list(subject_ids),
            "old_token": old_token,
            "new_token": new_token,
            "keep": bool(keep),
        }
        return _counts(self, "/v1/requests/retire", Retirement, body)

    def retirement_evidence(self, subject_ids, old_token, new_token) -> dict[str, int]:
        body = {"subject_ids": list(subject_ids), "old_token": old_token, "new_token": new_token}
        answer = self.request("POST", "/v1/requests/retirement-evidence", json=body)
        if not isinstance(answer, dict) or not all(isinstance(v, int) for v in answer.values()):
            raise self._off_contract("/v1/requests/retirement-evidence")
        return answer

    def shred_orphans(self, token_list, request_id: str) -> int:
        body = {"request_id": request_id, "tokens": list(token_list)}
        return self.field("POST", "/v1/requests/shred-orphans", "shredded", int, json=body)


def _counts(client: RequestClient, path: str, kind: type, body: dict):
    """A dataclass of counts (and ids) from a call's JSON answer; off the contract otherwise."""
    answer = client.request("POST", path, json=body)
    names = [f.name for f in fields(kind)]
    if not isinstance(answer, dict) or set(answer) != set(names):
        raise client._off_contract(path)
    return kind(**{name: answer[name] for name in names})


class _Transactions(threading.local):
    """How many vault transactions this thread has open (`RequestVault.transaction`)."""

    open = 0


class KeylessDeriver:
    """`Vault.deriver` for a request run: every keyed hash computed by the service, each asked once."""

    def __init__(self, client: RequestClient, transactions: _Transactions | None = None):
        self._client = client
        self._transactions = transactions or _Transactions()
        self._subjects: dict[str, str] = {}
        self._derived: dict[tuple[str, str], Derived] = {}
        self._keys: dict[str, bytes] = {}

    def subject_hash(self, subject_key: str) -> str:
        return self.subject_hashes([subject_key])[0]

    def subject_hashes(self, keys: Iterable[str]) -> list[str]:
        """Subject ids of `keys`, in order; the ones not asked before in one request."""
        keys = [key.strip() for key in keys]
        missing = sorted({key for key in keys if key not in self._subjects})
        if missing:
            self._outside_transactions()
            _bounded(self._subjects, len(missing))
            self._subjects.update(zip(missing, self._client.subject_ids(missing), strict=True))
        return [self._subjects[key] for key in keys]

    def derive_normalised(self, entity_type: str, normalised: str) -> Derived:
        key = (entity_type, normalised)
        if key not in self._derived:
            self._outside_transactions()
            _bounded(self._derived, 1)
            (self._derived[key],) = self._client.derive([key])
        return self._derived[key]

    def derive(self, entity_type: str, value: str) -> Derived:
        return self.derive_normalised(entity_type, normalise(entity_type, value))

    def derived_key(self, label: str) -> bytes:
        if label not in self._keys:
            self._outside_transactions()
            self._keys[label] = self._client.derived_key(label)
        return self._keys[label]

    def _outside_transactions(self) -> None:
        if self._transactions.open:
            raise VaultError(
                "a keyed hash was asked of the vault service inside a vault transaction (which would wait "
                "for the service while the service waits for it): ask for it before the transaction"
            )


def _bounded(cache: dict, adding: int) -> None:
    if len(cache) + adding > CACHE_LIMIT:
        cache.clear()


class RequestVault(Vault):
    """The vault database without its key store, with the service for what needs a key (module doc)."""

    def __init__(self, engine, client: RequestClient):  # no Vault.__init__: it opens the key store
        self.engine = engine
        self._client = client
        self._writer = None
        self.conflicts_retried = 0
        self._opened = True
        self._transactions = _Transactions()
        self.deriver = KeylessDeriver(client, self._transactions)

    @classmethod
    def connect(cls, url: str, config: ServiceConfig) -> RequestVault:
        """The vault database at `url` (created and migrated by the service, which opened it first) and
        the service `config` names."""
        client = RequestClient(config)
        try:
            return cls(make_engine(url), client)
        except BaseException:
            client.close()
            raise

    @property
    def keystore_engine(self):
        raise VaultError(
            f"the key store is the vault service's ({self._client.config.shown_url}): a request run "
            "through the service does not open it"
        )

    @property
    def kek(self):
        raise VaultError("the KEK is the vault service's: a request run through the service holds none")

    def close(self) -> None:
        self.engine.dispose()
        self._client.close()

    @contextmanager
    def transaction(self) -> Iterator[tuple[Connection, None]]:
        """A transaction on the vault database only (the key store is the service's). No call to the
        service may happen inside it (`KeylessDeriver` refuses one): on SQLite it holds the write lock,
        which the service's own reads and audit records wait for, while it would wait for the service."""
        with self.engine.begin() as conn:
            self._transactions.open += 1
            try:
                yield conn, None
            finally:
                self._transactions.open -= 1

    def subject_ids(self, subject_keys: Iterable[str]) -> list[str]:
        """`subject_id` of many keys in one round trip (callers that have them all at hand use it)."""
        return self.deriver.subject_hashes(subject_keys)

    # Keyed hashes a write needs are asked for before its transaction opens: on SQLite that transaction
    # holds the write lock, which the service needs for the audit record of a refusal.

    def link(self, subject_key: str, token_list: Iterable[str]) -> None:
        self.subject_id(str(subject_key))
        super().link(subject_key, token_list)

    def create_request(self, kind: str, identifier_type: str, identifier: str, **details) -> str:
        erasure.identifier_hash(self, identifier_type, identifier)
        return privacy_requests.create_request(self, kind, identifier_type, identifier, **details)

    def detokenize(
        self, token_list: Sequence[str], *, role: str, purpose: str, actor: str, policy=None
    ) -> list[Detokenized]:
        """Values the credential's role may see for `purpose` (audited by the service under the
        credential's name; `role`, `actor` and `policy` are the credential's and the service's)."""
        return self._client.detokenize(token_list, purpose=purpose)

    def shred_subject(self, subject_id: str, request_id: str | None = None) -> ShredReport:
        if request_id is None:
            raise VaultError("a shred through the vault service names its erasure request")
        return self._client.shred_subject(subject_id, request_id)

    def shred_evidence(self, subject_ids, own_tokens, own_hashes) -> ShredEvidence:
        return self._client.shred_evidence(subject_ids, own_tokens, own_hashes)

    def tokenize_batch(self, items, dataset: str | None = None, format_preserving: bool = False) -> list[str]:
        """A rectification's corrected values stored by the service (no subject, no dataset: filing
        links them); anything else tokenizes through the pipeline's client."""
        if dataset is not None or format_preserving or any(subject is not None for *_v, subject in items):
            raise VaultError("a request run stores corrected values only: tokenize through the pipeline")
        return self._client.tokenize([(entity_type, value) for entity_type, value, _s in items])

    def retire_value(self, subject_ids, old_token, new_token, request_id, keep) -> Retirement:
        return self._client.retire_value(subject_ids, old_token, new_token, request_id, keep)

    def retirement_evidence(self, subject_ids, old_token, new_token) -> dict[str, int]:
        return self._client.retirement_evidence(subject_ids, old_token, new_token)

    def shred_orphans(self, token_list, request_id: str | None = None) -> int:
        if request_id is None:
            raise VaultError("a shred through the vault service names its retention run")
        return self._client.shred_orphans(token_list, request_id)

    def link_subject(self, subject_id: str, token_list, plaintext=None) -> None:
        self.fingerprinter  # noqa: B018 - its key fetched before the transaction opens
        rectification.link_subject(self, subject_id, token_list, plaintext)

    def _key_store_only(self, *_args, **_kwargs):
        raise VaultError("this needs the vault's keys: run it where the vault service runs")

    open_data_keys = rotation_lock = use_kek = rotate_kek = _key_store_only


def open_request_vault(url: str):
    """The vault a privacy-request run uses: `RequestVault` when `PIIVAULT_VAULT_URL` is set (no KEK in
    this process), else the embedded vault at `url` (`Vault.open`, KEK from the environment)."""
    config = service_config()
    if config is None:
        return Vault.open(url)
    return RequestVault.connect(url, config)
