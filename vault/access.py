"""Detokenization by role and purpose, audited.

Every requested token gets an audit record (actor, role, purpose, token, time, outcome, reason; never the
value), allowed or not. The records are written in the same transaction that reads the ciphertexts, and
values are handed back only after that transaction has committed: if the audit cannot be written, the
caller gets `AuditWriteError` and no value. A KEK rotation committed since the vault was opened makes
that transaction start again with the reloaded KEK (`Vault.retrying`), so a reader never fails, nor is
told to configure another KEK, because a rotation ran beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from values.token_format import ENTITY_TYPES, ERASED_MARKER, TOKEN_PATTERN
from vault.errors import AuditWriteError, VaultError
from vault.keys import open_sealed
from vault.policy import Policy
from vault.schema import audit, tokens
from vault.sql import select_in
from vault.surrogates import resolve_placeholders

if TYPE_CHECKING:
    from vault.store import Vault

NOT_A_TOKEN = "<not a token>"  # what the audit records for input that is not a token (it may be a value)


@dataclass(frozen=True)
class Detokenized:
    """The outcome for one requested token: `value` is set only when `outcome` is `allowed`."""

    token: str
    outcome: str  # allowed | denied | erased | not_found | invalid
    value: str | None = field(default=None, repr=False)  # kept out of reprs, so out of logs and tracebacks
    reason: str = ""


def _shape(value: str, form: str) -> str:
    if form == "last4":
        return "".join(ch for ch in value if ch.isdigit())[-4:]
    return value


def detokenize(
    vault: Vault, requested: list[str], *, role: str, purpose: str, actor: str, policy: Policy
) -> list[Detokenized]:
    """Values of `requested` tokens (or surrogates) that `role` may see for `purpose`, audited."""
    now = datetime.now(UTC)
    try:
        return vault.retrying(lambda: _read_and_audit(vault, requested, role, purpose, actor, policy, now))
    except SQLAlchemyError as error:
        # Reading failed, or the audit insert or its commit did: either way no value leaves the vault.
        raise AuditWriteError(
            f"detokenization aborted, the audit record was not committed ({type(error).__name__}); "
            "no value returned"
        ) from None


def _read_and_audit(vault: Vault, requested, role, purpose, actor, policy, now) -> list[Detokenized]:
    results: list[Detokenized] = []
    with vault.transaction() as (conn, kconn):
        resolved = resolve_placeholders(conn, requested)
        wanted: dict[str, str] = {}  # token -> form, for allowed tokens
        decisions = []
        for item in requested:
            token = resolved.get(item)
            if item == ERASED_MARKER:
                decisions.append((item, "erased", None, "the value was erased"))
            elif token is None:
                decisions.append((NOT_A_TOKEN, "invalid", None, "not a piivault token"))
            else:
                entity_type = ENTITY_TYPES[TOKEN_PATTERN.fullmatch(token).group(1)]
                decision = policy.decide(role, purpose, entity_type)
                if decision.allowed:
                    wanted[token] = decision.form
                    decisions.append((token, "allowed", decision.form, ""))
                else:
                    decisions.append((token, "denied", None, decision.reason))
        rows = select_in(
            conn,
            lambda chunk: select(tokens.c.token, tokens.c.ciphertext).where(tokens.c.token.in_(chunk)),
            wanted,
        )
        ciphertexts = {token: bytes(ciphertext) for token, ciphertext in rows}
        data_keys = vault.open_data_keys(kconn, list(ciphertexts))
        for token, outcome, form, reason in decisions:
            if outcome != "allowed":
                results.append(Detokenized(token, outcome, None, reason))
            elif token not in ciphertexts:
                results.append(
                    Detokenized(token, "not_found", None, "not in the vault (erased or never issued)")
                )
            elif token not in data_keys:
                results.append(Detokenized(token, "erased", None, "the value's key was shredded"))
            else:
                try:
                    value = open_sealed(data_keys[token], ciphertexts[token], token.encode()).decode()
                except InvalidTag:
                    raise VaultError(
                        f"the stored value of token {token} does not decrypt: vault corrupted"
                    ) from None
                results.append(Detokenized(token, "allowed", _shape(value, form), ""))
        conn.execute(
            audit.insert(),
            [
                {
                    "at": now,
                    "actor": actor[:200],
                    "role": role[:100],
                    "purpose": purpose[:200],
                    "token": r.token,
                    "outcome": r.outcome,
                    "detail": r.reason[:200] or None,
                }
                for r in results
            ],
        )
    return results


def audit_records(
    vault: Vault, limit: int | None = 100, token: str | None = None, actor: str | None = None
) -> list[dict]:
    """The newest audit records first (no value is ever in them)."""
    query = select(audit).order_by(audit.c.audit_id.desc())
    if token is not None:
        query = query.where(audit.c.token == token)
    if actor is not None:
        query = query.where(audit.c.actor == actor)
    if limit is not None:
        query = query.limit(limit)
    with vault.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]
