"""The vault service's client: the vault as the CLI, the notebooks and the flows use it, over HTTP.

With `PIIVAULT_VAULT_URL` set (and a credential in `PIIVAULT_VAULT_TOKEN`, or in the file
`PIIVAULT_VAULT_TOKEN_FILE` names), callers talk to `piivault vault serve` instead of opening the vault
database: they hold no KEK and no master secret, and the role they detokenize under is the credential's,
never one they claim. `VaultClient` offers what those callers use of the embedded `vault.store.Vault`, with
the same names and return types (`tokenize_batch`, `detokenize`, `audit_records`), so a caller picks one or
the other once (`open_access_vault`) and is otherwise unchanged. `PIIVAULT_VAULT_CA` names the CA bundle
that signed an `https://` service's certificate (default: the system's).

The service's refusals become `vault.errors` classes whose messages say what to do and never hold a
credential or a value: 401 `ServiceAuthError`, 403 `ServiceForbiddenError` (for `detokenize`, every token
comes back `denied` instead, as the embedded vault reports a purpose outside the policy), 429
`ServiceLimitError`, 503 `AuditWriteError` (the audit was not written, so no value came back), and an
unreachable or broken service `ServiceUnavailableError`.
"""

from __future__ import annotations

import base64
import binascii
import os
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx

from vault.access import Detokenized
from vault.errors import AuditWriteError, VaultError

VAULT_URL_ENV = "PIIVAULT_VAULT_URL"
VAULT_TOKEN_ENV = "PIIVAULT_VAULT_TOKEN"
VAULT_TOKEN_FILE_ENV = "PIIVAULT_VAULT_TOKEN_FILE"
VAULT_CA_ENV = "PIIVAULT_VAULT_CA"
TIMEOUT = httpx.Timeout(120.0, connect=10.0)  # a bulk tokenize of a big chunk takes a while on the server
TOKENIZE_BATCH = 20_000  # items per tokenize request: big enough to stay bulk, small enough for one body
AUDIT_MAX = 10_000  # the most records the service returns for one query ("all" means this many)

Item = tuple[str, str, str | None]


class ServiceAuthError(VaultError):
    """The service refused the credential (401): unknown, expired or revoked."""


class ServiceForbiddenError(VaultError):
    """The credential's role may not do this (403)."""


class ServiceLimitError(VaultError):
    """Over the credential's request-size or rate ceiling (429)."""


class ServiceUnavailableError(VaultError):
    """The service could not be reached, or answered something that is not the contract."""


@dataclass(frozen=True)
class Caller:
    """Who the service knows the credential as: the name its audit records and the role it acts under."""

    name: str
    role: str


@dataclass(frozen=True)
class ServiceConfig:
    """Where the vault service is and the credential to present (kept out of reprs, so out of logs)."""

    url: str
    credential: str = field(repr=False)
    ca_file: Path | None = None

    @property
    def shown_url(self) -> str:
        """The URL as messages show it: scheme, host, port and path, never a user or password in it."""
        url = httpx.URL(self.url)
        port = f":{url.port}" if url.port else ""
        return f"{url.scheme}://{url.host}{port}{url.path.rstrip('/')}"


def service_config(environ: Mapping[str, str] | None = None) -> ServiceConfig | None:
    """The service the environment names, or None when `PIIVAULT_VAULT_URL` is unset (embedded vault).

    A URL without a credential, an unreadable token file or a CA file that is not there is a
    `VaultError` naming the variable, never silently the embedded vault."""
    env = os.environ if environ is None else environ
    url = (env.get(VAULT_URL_ENV) or "").strip()
    if not url:
        return None
    try:
        scheme = httpx.URL(url).scheme
    except httpx.InvalidURL:
        scheme = ""
    if scheme not in ("http", "https"):
        raise VaultError(f"{VAULT_URL_ENV} must be an http:// or https:// URL of `piivault vault serve`")
    credential = (env.get(VAULT_TOKEN_ENV) or "").strip()
    if not credential and env.get(VAULT_TOKEN_FILE_ENV):
        path = Path(env[VAULT_TOKEN_FILE_ENV])
        try:
            credential = path.read_text(encoding="utf-8").strip()
        except OSError as error:
            raise VaultError(
                f"cannot read the vault credential file {path} ({VAULT_TOKEN_FILE_ENV}): {error.strerror}"
            ) from None
        if not credential:
            raise VaultError(f"the vault credential file {path} ({VAULT_TOKEN_FILE_ENV}) is empty")
    if not credential:
        raise VaultError(
            f"{VAULT_URL_ENV} is set but no credential is: set {VAULT_TOKEN_FILE_ENV} to the file holding "
            f"the token `piivault vault token issue` printed (or {VAULT_TOKEN_ENV} to the token)"
        )
    ca_file = Path(env[VAULT_CA_ENV]) if env.get(VAULT_CA_ENV) else None
    if ca_file is not None and not ca_file.is_file():
        raise VaultError(f"the CA bundle {ca_file} ({VAULT_CA_ENV}) is not a file")
    return ServiceConfig(url.rstrip("/"), credential, ca_file)


def open_access_vault(embedded_url: str | None = None):
    """The vault for tokenize/detokenize/audit callers: a `VaultClient` when the environment names a
    service, else the embedded vault at `embedded_url` (KEK from the environment, as `Vault.open`)."""
    client = VaultClient.from_env()
    if client is not None:
        return client
    if embedded_url is None:
        raise VaultError(f"no vault: give a vault URL or set {VAULT_URL_ENV}")
    from vault.store import Vault

    return Vault.open(embedded_url)


class VaultClient:
    """The vault behind `piivault vault serve`: what callers use of `Vault`, over HTTP with a credential."""

    def __init__(self, config: ServiceConfig):
        self.config = config
        self._http = httpx.Client(
            base_url=config.url,
            headers={"Authorization": f"Bearer {config.credential}"},
            verify=ssl.create_default_context(cafile=str(config.ca_file)) if config.ca_file else True,
            timeout=TIMEOUT,
            trust_env=False,  # no proxy from the environment sees the credential or the values
        )

    @classmethod
    def from_env(cls) -> VaultClient | None:
        """A client for the service the environment names, or None (use the embedded vault)."""
        config = service_config()
        return None if config is None else cls(config)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> VaultClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the calls ----------------------------------------------------------------------------------

    def health(self) -> dict:
        """The service's health answer (`{"status": "ok"}`)."""
        return self.request("GET", "/v1/health")

    def tokenize_batch(
        self, items: Sequence[Item], dataset: str | None = None, format_preserving: bool = False
    ) -> list[str]:
        """Tokens for `items`, in order, as `Vault.tokenize_batch` gives them (bulk, in bodies of
        `TOKENIZE_BATCH` items)."""
        tokens: list[str] = []
        for start in range(0, len(items), TOKENIZE_BATCH):
            chunk = [list(item) for item in items[start : start + TOKENIZE_BATCH]]
            body = {"items": chunk, "dataset": dataset, "format_preserving": format_preserving}
            answer = self.request("POST", "/v1/tokenize", json=body)
            got = answer.get("tokens") if isinstance(answer, dict) else None
            if not isinstance(got, list) or len(got) != len(chunk):
                raise self._off_contract("/v1/tokenize")
            tokens.extend(got)
        return tokens

    def detokenize(
        self,
        token_list: Sequence[str],
        *,
        purpose: str,
        role: str | None = None,
        actor: str | None = None,
        policy: object | None = None,
    ) -> list[Detokenized]:
        """Values the credential's role may see for `purpose`, as `Vault.detokenize` gives them; the
        service audits every token under the credential's name. A role, an actor or a policy is refused:
        they are the credential's and the service's, never the caller's to claim."""
        claimed = [name for name, given in (("role", role), ("actor", actor), ("policy", policy)) if given]
        if claimed:
            raise VaultError(
                f"{' and '.join(claimed)} cannot be given to the vault service at {self.config.shown_url}: "
                "the role and the audited name are the credential's, the policy is the service's"
            )
        requested = list(token_list)
        try:
            answer = self.request("POST", "/v1/detokenize", json={"tokens": requested, "purpose": purpose})
        except ServiceForbiddenError as refused:
            # The whole request is outside the credential's policy: as the embedded vault says it.
            return [Detokenized(token, "denied", None, str(refused)) for token in requested]
        results = answer.get("results") if isinstance(answer, dict) else None
        if not isinstance(results, list) or len(results) != len(requested):
            raise self._off_contract("/v1/detokenize")
        return [Detokenized(r["token"], r["outcome"], r.get("value"), r.get("reason") or "") for r in results]

    def whoami(self) -> Caller:
        """The credential's name and role, as the service knows them (`GET /v1/me`)."""
        answer = self.request("GET", "/v1/me")
        if not isinstance(answer, dict) or not {"name", "role"} <= answer.keys():
            raise self._off_contract("/v1/me")
        return Caller(answer["name"], answer["role"])

    def audit_records(self, limit: int | None = 100, token: str | None = None, actor: str | None = None):
        """Newest audit records first, as `Vault.audit_records` gives them (`at` a datetime; no value);
        `limit` None asks for the service's most (`AUDIT_MAX`). Needs a role with the `audit` operation."""
        return self._records("/v1/audit", limit, token=token, actor=actor)

    def own_audit_records(self, limit: int | None = 100, token: str | None = None):
        """The audit records of this credential's own requests, newest first (any role may read them)."""
        return self._records("/v1/me/audit", limit, token=token)

    def _records(self, path: str, limit: int | None, **filters):
        params = {"limit": AUDIT_MAX if limit is None else min(limit, AUDIT_MAX), **filters}
        answer = self.request("GET", path, params={k: v for k, v in params.items() if v is not None})
        records = answer.get("records") if isinstance(answer, dict) else None
        if not isinstance(records, list):
            raise self._off_contract(path)
        for record in records:
            if isinstance(record.get("at"), str):
                record["at"] = datetime.fromisoformat(record["at"])
        return records

    # -- HTTP ---------------------------------------------------------------------------------------

    def field(self, method: str, path: str, name: str, kind: type, **kwargs):
        """One field of a call's JSON answer, of `kind`; off the contract otherwise."""
        answer = self.request(method, path, **kwargs)
        value = answer.get(name) if isinstance(answer, dict) else None
        if not isinstance(value, kind) or isinstance(value, bool):
            raise self._off_contract(path)
        return value

    def key(self, path: str) -> bytes:
        """A derived key the service hands this credential's role (`{"key": base64}` at `path`)."""
        encoded = self.field("GET", path, "key", str)
        try:
            return base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise self._off_contract(path) from None

    def request(self, method: str, path: str, raw: bool = False, **kwargs):
        """One call to the service: its JSON answer (its bytes with `raw`), or the `vault.errors` class its
        status means."""
        where = f"the vault service at {self.config.shown_url}"
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            raise ServiceUnavailableError(f"cannot reach {where} ({type(error).__name__})") from None
        status = response.status_code
        if status < 400:
            if raw:
                return response.content
            try:
                return response.json()
            except ValueError:
                raise self._off_contract(path) from None
        detail = _detail(response)
        if status == 401:
            raise ServiceAuthError(
                f"{where} refused the credential (401): it is unknown, expired or revoked; ask for a new "
                f"one (`piivault vault token issue`) and set it in {VAULT_TOKEN_FILE_ENV}"
            )
        if status == 403:
            raise ServiceForbiddenError(f"{where} refused {path} for this credential's role (403){detail}")
        if status == 429:
            raise ServiceLimitError(f"{where}: over this credential's ceiling for {path} (429){detail}")
        if status == 503:
            raise AuditWriteError(f"{where} could not write the audit record (503): no value returned")
        raise ServiceUnavailableError(f"{where} answered {status} to {method} {path}{detail}")

    def _off_contract(self, path: str) -> ServiceUnavailableError:
        return ServiceUnavailableError(
            f"the vault service at {self.config.shown_url} answered {path} with something that is not "
            "the piivault contract: check that the URL is `piivault vault serve`"
        )


def _detail(response: httpx.Response) -> str:
    """The service's own explanation (FastAPI's `detail`: it names roles, purposes and limits, never a
    value), as `: ...`; nothing when there is none."""
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return ""
    return f": {detail[:300]}" if isinstance(detail, str) and detail else ""
