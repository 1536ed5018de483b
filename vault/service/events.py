"""Audit records for requests the service refuses as a whole (401, 403, 429), and for the key-changing
operations it does for the privacy-request flows (a shred), beside the per-token records that
`vault.access` writes for every detokenization.

One row per refused request in the same `audit` table: actor (the credential's name, or `credential <id>`
/ `unknown caller` for a credential that does not authenticate), role, purpose (or the operation:
`tokenize`, `audit`), an empty token, the outcome and why. Never a secret, never a value. A record that
cannot be written raises `AuditWriteError`: the caller then gets 503, so nothing goes unrecorded quietly.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from vault.errors import AuditWriteError
from vault.schema import audit

if TYPE_CHECKING:
    from vault.store import Vault

UNAUTHORIZED = "unauthorized"
FORBIDDEN = "forbidden"
OVER_LIMIT = "over_limit"


def record_refusal(vault: Vault, *, actor: str, role: str, purpose: str, outcome: str, detail: str) -> None:
    """Write one audit record for a refused request; `AuditWriteError` when it cannot be committed."""
    _record(vault, actor, role, purpose, outcome, detail)


def record_operation(
    vault: Vault, *, actor: str, role: str, operation: str, outcome: str, detail: str
) -> None:
    """Write one audit record for an operation done for a caller (`shred`: counts and the request id,
    never a value); `AuditWriteError` when it cannot be committed."""
    _record(vault, actor, role, operation, outcome, detail)


def _record(vault: Vault, actor: str, role: str, purpose: str, outcome: str, detail: str) -> None:
    row = {
        "at": datetime.now(UTC),
        "actor": actor[:200],
        "role": role[:100],
        "purpose": purpose[:200],
        "token": "",
        "outcome": outcome,
        "detail": detail[:200] or None,
    }

    def work() -> None:
        with vault.transaction() as (conn, _kconn):
            conn.execute(audit.insert(), [row])

    try:
        vault.retrying(work)
    except SQLAlchemyError as error:
        raise AuditWriteError(
            f"an audit record of the service was not committed ({type(error).__name__})"
        ) from None
