"""Rectification primitives: a request's corrected field, and what becomes of the value it corrects away.

A rectification request row keeps the corrected field's entity type and the new value's token (and the
old value's token when the requester named it): never a value (`set_details`). The new value is linked to
the subject (`link_subject`), which also makes a value corrected away earlier current again if it comes
back.

Retiring the old value (`retire_value`), in one transaction (links locked on PostgreSQL, so no link can
appear while the vault decides who else holds the value):
- another subject holds it too (a namesake's name, a family landline): only the subject's links go
  (`shared`); the others keep it;
- records that must stay as issued (a `keep` dataset, such as invoices) still hold it: it stays linked to
  the subject, so an erasure of the subject still shreds it, and is only marked corrected away (`kept`);
- otherwise it is the subject's alone: unlinked, crypto-shredded (data key, card surrogates and token row
  deleted) and tombstoned (`shredded`).
Unlinked (shared or shredded), the subject's fingerprints of it go too; those nobody holds any more are
tombstoned, as an erased subject's are (`vault.fingerprints.release_token`).
Each outcome is recorded in `rectifications` (value hash, subject, old and new token). For a shredded
value the row is also a redirect: tokenizing the old value again for that subject, or in a record of no
subject, gives the new token (`redirects`, `redirected`, used by `Vault.tokenize_batch`); in another
subject's record it comes out erased, as any tombstoned value does.

Everything going in and out is tokens, keyed hashes, subject ids and counts: no personal value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import and_, delete, func, select, text, update

from vault import fingerprints, keystore
from vault.erasure import checkpoint_wal
from vault.schema import data_keys, links, rectifications, requests, subjects, surrogates, tokens, tombstones
from vault.sql import insert_ignore, select_in

if TYPE_CHECKING:
    from vault.store import Vault

SHREDDED, SHARED, KEPT = "shredded", "shared", "kept"


@dataclass(frozen=True)
class Retirement:
    """What retiring an old value did (counts and an outcome only: safe for receipts)."""

    outcome: str  # shredded | shared | kept
    links_removed: int


def set_details(
    vault: Vault, request_id: str, field_type: str, new_token: str, old_token: str | None = None
) -> None:
    """Record a rectification request's corrected field (entity type) and tokens on its row."""
    with vault.transaction() as (conn, _kconn):
        result = conn.execute(
            update(requests)
            .where(requests.c.request_id == request_id)
            .values(
                field_type=field_type, new_token=new_token, old_token=old_token, updated_at=datetime.now(UTC)
            )
        )
        if result.rowcount != 1:
            raise KeyError(f"no request {request_id}")


def link_subject(
    vault: Vault,
    subject_id: str,
    token_list: Iterable[str],
    plaintext: dict[str, tuple[str, str]] | None = None,
) -> None:
    """Link tokens to an existing subject (by subject id), fingerprinting those whose (entity type, value)
    `plaintext` gives (`vault.fingerprints`), and make any of them that was corrected away for that subject
    but kept in the vault current again."""
    token_list = sorted(set(token_list))
    plaintext = plaintext or {}

    def work() -> None:
        with vault.transaction() as (conn, _kconn):
            if conn.execute(select(subjects.c.subject_id).where(subjects.c.subject_id == subject_id)).first():
                linked = [(subject_id, t, *plaintext[t]) for t in token_list if t in plaintext]
                fingerprints.record(conn, vault.fingerprinter, linked)
                insert_ignore(conn, links, [{"subject_id": subject_id, "token": t} for t in token_list])
            conn.execute(
                delete(rectifications).where(
                    rectifications.c.subject_id == subject_id,
                    rectifications.c.old_token.in_(token_list),
                    rectifications.c.outcome != SHREDDED,
                )
            )

    vault.retrying(work)


def corrected_tokens(vault: Vault, subject_ids: Iterable[str]) -> set[str]:
    """Old tokens corrected away for any of `subject_ids` (no longer their current value of that field)."""
    with vault.engine.connect() as conn:
        rows = select_in(
            conn,
            lambda chunk: select(rectifications.c.old_token).where(rectifications.c.subject_id.in_(chunk)),
            sorted(set(subject_ids)),
        )
    return {token for (token,) in rows}


def retire_value(
    vault: Vault, subject_ids: list[str], old_token: str, new_token: str, request_id: str, keep: bool
) -> Retirement:
    """Unlink the old value from the subject's cluster; shred and tombstone it when no one else holds it
    and `keep` is False (no record kept as issued holds it). Idempotent: a rerun reports the outcome."""
    retired = vault.retrying(
        lambda: _retire(vault, sorted(subject_ids), old_token, new_token, request_id, keep, datetime.now(UTC))
    )
    if retired.outcome == SHREDDED:
        checkpoint_wal(vault)
    return retired


def _retire(vault, subject_ids, old_token, new_token, request_id, keep, now) -> Retirement:
    with vault.transaction() as (conn, kconn):
        if conn.dialect.name == "postgresql":
            conn.execute(text("LOCK TABLE links IN SHARE ROW EXCLUSIVE MODE"))
        row = conn.execute(
            select(tokens.c.value_hash, tokens.c.entity_type).where(tokens.c.token == old_token)
        ).first()
        if row is None:  # shredded by an earlier, interrupted run
            done = conn.execute(
                select(rectifications.c.outcome).where(
                    rectifications.c.old_token == old_token, rectifications.c.subject_id.in_(subject_ids)
                )
            ).first()
            return Retirement(done[0] if done else SHREDDED, 0)
        value_hash, entity_type = bytes(row[0]), row[1]
        others = conn.execute(
            select(links.c.subject_id)
            .where(links.c.token == old_token, links.c.subject_id.not_in(subject_ids))
            .limit(1)
        ).first()
        outcome = SHARED if others else KEPT if keep else SHREDDED
        removed = 0
        if outcome != KEPT:
            removed = conn.execute(
                delete(links).where(links.c.token == old_token, links.c.subject_id.in_(subject_ids))
            ).rowcount
            fingerprints.release_token(conn, subject_ids, old_token, request_id, now)
        insert_ignore(
            conn,
            rectifications,
            [
                {
                    "value_hash": value_hash,
                    "subject_id": subject_id,
                    "entity_type": entity_type,
                    "old_token": old_token,
                    "new_token": new_token,
                    "request_id": request_id,
                    "rectified_at": now,
                    "outcome": outcome,
                }
                for subject_id in subject_ids
            ],
        )
        if outcome == SHREDDED:
            insert_ignore(
                conn,
                tombstones,
                [
                    {
                        "value_hash": value_hash,
                        "entity_type": entity_type,
                        "erased_at": now,
                        "request_id": request_id,
                    }
                ],
            )
            keystore.delete_data_keys(kconn, [old_token])
            conn.execute(delete(surrogates).where(surrogates.c.token == old_token))
            conn.execute(delete(tokens).where(tokens.c.token == old_token))
    return Retirement(outcome, removed)


def redirects(vault: Vault, hash_to_token: dict[bytes, str]) -> dict[str, dict[str, str]]:
    """For tombstoned values (value hash -> token): token -> {subject id: new token} of the values a
    rectification shredded, whose new token the vault still holds (an erased subject's does not)."""
    if not hash_to_token:
        return {}
    joined = rectifications.join(tokens, tokens.c.token == rectifications.c.new_token)
    with vault.engine.connect() as conn:
        rows = select_in(
            conn,
            lambda chunk: (
                select(rectifications.c.value_hash, rectifications.c.subject_id, rectifications.c.new_token)
                .select_from(joined)
                .where(rectifications.c.value_hash.in_(chunk), rectifications.c.outcome == SHREDDED)
            ),
            list(hash_to_token),
        )
    found: dict[str, dict[str, str]] = {}
    for value_hash, subject_id, new_token in rows:
        found.setdefault(hash_to_token[bytes(value_hash)], {})[subject_id] = new_token
    return found


def redirected(vault: Vault, choices: dict[str, str] | None, hint: str | None) -> str | None:
    """The new token a corrected-away value takes in a record of `hint` (a subject key, or None for a
    record of no subject); None when the record belongs to someone else (it stays erased)."""
    if not choices:
        return None
    if hint is None:
        distinct = set(choices.values())
        return next(iter(distinct)) if len(distinct) == 1 else None
    return choices.get(vault.subject_id(hint))


def retirement_evidence(
    vault: Vault, subject_ids: list[str], old_token: str, new_token: str
) -> dict[str, int]:
    """What the vault holds of a retired old value and of its replacement, in counts: the vault half of a
    rectification's proof."""
    with vault.engine.connect() as conn:
        recorded = conn.execute(
            select(rectifications.c.value_hash, rectifications.c.outcome).where(
                rectifications.c.old_token == old_token, rectifications.c.subject_id.in_(subject_ids)
            )
        ).all()

        def count(query) -> int:
            return int(conn.execute(query).scalar() or 0)

        evidence = {
            "corrections_recorded": len(recorded),
            "old_links_left": count(
                select(func.count())
                .select_from(links)
                .where(links.c.token == old_token, links.c.subject_id.in_(subject_ids))
            ),
            "old_token_stored": count(
                select(func.count()).select_from(tokens).where(tokens.c.token == old_token)
            ),
            "old_value_tombstoned": count(
                select(func.count())
                .select_from(tombstones)
                .where(tombstones.c.value_hash.in_([bytes(h) for h, _o in recorded] or [b""]))
            ),
            "new_token_stored": count(
                select(func.count()).select_from(tokens).where(tokens.c.token == new_token)
            ),
            "new_token_linked": count(
                select(func.count())
                .select_from(links)
                .where(and_(links.c.token == new_token, links.c.subject_id.in_(subject_ids)))
            ),
        }
        outcomes = {o for _h, o in recorded}
    with vault.keystore_engine.connect() as kconn:
        evidence["old_data_key_left"] = int(
            kconn.execute(
                select(func.count()).select_from(data_keys).where(data_keys.c.token == old_token)
            ).scalar()
            or 0
        )
    evidence["shredded"] = int(SHREDDED in outcomes)
    return evidence
