"""Credentials of the vault service: API tokens bound to a role, stored only as a keyed hash.

A credential reads `pvs_<id>.<secret>`: the id (16 hex digits) is public and names the row; the secret
(32 random bytes, URL-safe base64) is printed once by `piivault vault token issue` and never stored. The
vault keeps HMAC-SHA256(key, id "." secret) under a key derived from its master secret
(`Vault.derived_key`), so a copy of the vault database cannot be turned into working credentials, and the
hash is compared in constant time. The role, name and expiry live beside the hash; revoking sets
`revoked_at`, which the next request sees (nothing is cached).
"""

from __future__ import annotations

import base64
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select, update

from vault.errors import VaultError
from vault.schema import service_credentials

if TYPE_CHECKING:
    from vault.store import Vault

PREFIX = "pvs_"
CREDENTIAL_PATTERN = re.compile(r"pvs_([0-9a-f]{16})\.([A-Za-z0-9_-]{43})")
KEY_LABEL = "vault service credentials"
UNKNOWN_CALLER = "unknown caller"  # the audit's actor for a bearer token naming no credential
_DURATION = re.compile(r"(\d+)([mhdw])")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


class CredentialError(VaultError):
    """A credential cannot be issued or revoked as asked (unknown id, bad expiry); names no secret."""


@dataclass(frozen=True)
class Credential:
    """A credential's public record (never its secret)."""

    credential_id: str
    role: str
    name: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    def status(self, now: datetime | None = None) -> str:
        """`active`, `expired` or `revoked`."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expires_at <= (now or datetime.now(UTC)) else "active"


@dataclass(frozen=True)
class Issued:
    """A credential just issued: `secret` is the whole bearer token, shown once and stored nowhere."""

    credential: Credential
    secret: str


@dataclass(frozen=True)
class Verdict:
    """Outcome of presenting a bearer token: the credential when valid, else why not (for the audit)."""

    credential: Credential | None
    reason: str
    credential_id: str | None = None  # the public id, when the token had the shape of one


def parse_duration(text: str) -> timedelta:
    """`30d`, `12h`, `90m`, `2w` -> a positive timedelta; CredentialError otherwise."""
    match = _DURATION.fullmatch(text.strip())
    if not match or int(match.group(1)) == 0:
        raise CredentialError(f"expiry {text!r} must be a positive number of m, h, d or w, e.g. 30d")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def _hash(vault: Vault, credential_id: str, secret: str) -> bytes:
    key = vault.derived_key(KEY_LABEL)
    return hmac.digest(key, f"{credential_id}.{secret}".encode(), "sha256")


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes for what was written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _record(row) -> Credential:
    return Credential(
        row.credential_id,
        row.role,
        row.name,
        _aware(row.created_at),
        _aware(row.expires_at),
        None if row.revoked_at is None else _aware(row.revoked_at),
    )


def issue(vault: Vault, *, role: str, name: str, expires_at: datetime) -> Issued:
    """Store a new credential for `role` in the name of `name`; the returned secret is its only copy."""
    if not name.strip() or len(name) > 200 or not role or len(role) > 100:
        raise CredentialError("a credential needs a name of 1 to 200 characters and a role of at most 100")
    if name == UNKNOWN_CALLER or name.startswith("credential "):
        # the audit's actor for refused credentials: a credential so named would read their records as its own
        raise CredentialError(f"{name!r} is reserved for the audit records of refused credentials")
    credential_id = secrets.token_hex(8)
    secret = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")
    now = datetime.now(UTC)
    row = {
        "credential_id": credential_id,
        "secret_hash": _hash(vault, credential_id, secret),
        "role": role,
        "name": name,
        "created_at": now,
        "expires_at": expires_at,
        "revoked_at": None,
    }

    def work() -> None:
        with vault.transaction() as (conn, _kconn):
            conn.execute(service_credentials.insert().values(**row))

    vault.retrying(work)
    credential = Credential(credential_id, role, name, now, expires_at, None)
    return Issued(credential, f"{PREFIX}{credential_id}.{secret}")


def verify(vault: Vault, presented: str | None) -> Verdict:
    """The credential a bearer token stands for, if it is known, unexpired, unrevoked and its secret's
    keyed hash matches (compared in constant time); otherwise why not, for the audit only."""
    match = CREDENTIAL_PATTERN.fullmatch(presented or "")
    if match is None:
        return Verdict(None, "no credential, or not one in piivault's form")
    credential_id, secret = match.groups()
    with vault.engine.connect() as conn:
        row = conn.execute(
            select(service_credentials).where(service_credentials.c.credential_id == credential_id)
        ).first()
    expected = bytes(row.secret_hash) if row is not None else b"\0" * 32
    matches = hmac.compare_digest(_hash(vault, credential_id, secret), expected)
    if row is None:
        return Verdict(None, "unknown credential id", credential_id)
    if not matches:
        return Verdict(None, "wrong secret for the credential id (forged?)", credential_id)
    credential = _record(row)
    status = credential.status()
    if status != "active":
        return Verdict(None, f"credential {status}", credential_id)
    return Verdict(credential, "", credential_id)


def revoke(vault: Vault, credential_id: str) -> Credential:
    """Revoke a credential now (revoking one already revoked keeps the first time). `credential_id` may be
    the whole bearer token: only its public id is used, and an error never echoes what was given."""
    whole = CREDENTIAL_PATTERN.fullmatch(credential_id)
    credential_id = whole.group(1) if whole else credential_id.strip()
    if not re.fullmatch(r"[0-9a-f]{16}", credential_id):
        raise CredentialError("not a credential id (16 hex digits, as `piivault vault token list` shows)")

    def work():
        with vault.transaction() as (conn, _kconn):
            conn.execute(
                update(service_credentials)
                .where(service_credentials.c.credential_id == credential_id)
                .where(service_credentials.c.revoked_at.is_(None))
                .values(revoked_at=datetime.now(UTC))
            )
            return conn.execute(
                select(service_credentials).where(service_credentials.c.credential_id == credential_id)
            ).first()

    row = vault.retrying(work)
    if row is None:
        raise CredentialError(f"no credential with id {credential_id!r}")
    return _record(row)


def list_credentials(vault: Vault) -> list[Credential]:
    """Every credential's public record, oldest first."""
    with vault.engine.connect() as conn:
        rows = conn.execute(
            select(service_credentials).order_by(
                service_credentials.c.created_at, service_credentials.c.credential_id
            )
        )
        return [_record(row) for row in rows]
