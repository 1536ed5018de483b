"""Erasure primitives: resolve a subject from a strong identifier, shred what is theirs alone, tombstone it.

Shredding a subject, in one transaction on the vault and one on the key store (key store first):
- the subject's own tokens are those linked to no other subject; shared ones (a namesake, a family
  landline) only lose this subject's link and stay readable for the others;
- for each own token: its value hash goes to `tombstones`, its data key is deleted from the key store
  (the crypto-shred: every copy of its ciphertext is now noise), its row and card surrogate are deleted;
- the subject's links and row are deleted and the subject id itself is tombstoned, so late rows carrying
  the erased customer's id come out erased too;
- the subject's fingerprints that nobody else holds become fingerprint tombstones (`vault.fingerprints`),
  so their values are still recognised, unattributed, in late data and by verification;
- on SQLite both WALs are then checkpointed, so deleted keys and ciphertexts do not linger in the logs.
Running it again finds nothing left to do: it is idempotent, and a run stopped half way is finished by a
rerun (the links that drive it are deleted last).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import delete, select, text

from values.normalise import normalise
from values.token_format import ERASED_MARKER, TOKEN_PATTERN
from vault import fingerprints, keystore, lineage
from vault.schema import links, subjects, surrogates, tokens, tombstones
from vault.sql import chunks, insert_ignore, select_in

if TYPE_CHECKING:
    from vault.store import Vault

log = logging.getLogger(__name__)

SUBJECT_TOMBSTONE_TYPE = "SUBJECT"
# Strong identifiers an erasure or access request may name a person by.
IDENTIFIER_TYPES: dict[str, str | None] = {
    "email": "EMAIL_ADDRESS",
    "phone": "PHONE_NUMBER",
    "customer_id": None,
}


@dataclass(frozen=True)
class Resolution:
    """Who a strong identifier points at. `status`: none | one | many (the latter two need review)."""

    status: Literal["none", "one", "many"]
    subject_ids: list[str]
    already_erased: bool  # the identifier's value (or subject id) is tombstoned


@dataclass(frozen=True)
class ShredReport:
    """What a shred did, in counts only (safe for receipts)."""

    subject_id: str
    tokens_linked: int
    tokens_shredded: int
    tokens_kept_shared: int


@dataclass(frozen=True)
class ShredPlan:
    """What a shred of one subject will do; the erasure flow keeps it so a rerun after a crash knows
    which tokens and partitions the subject had (the shred deletes the links that say so)."""

    subject_id: str
    own_tokens: list[str]  # shredded: linked to this subject alone
    shared_tokens: list[str]  # kept: other subjects hold them too
    partitions: list[tuple[str, str]]  # (dataset, partition) holding any of the subject's tokens


def plan_shred(vault: Vault, subject_id: str) -> ShredPlan:
    """The subject's own and shared tokens and the partitions holding them, without changing anything."""
    with vault.engine.connect() as conn:
        linked = sorted(conn.execute(select(links.c.token).where(links.c.subject_id == subject_id)).scalars())
        shared = _shared(conn, subject_id, linked)
        partitions = lineage.holding(conn, linked)
    own = [token for token in linked if token not in shared]
    return ShredPlan(subject_id, own, sorted(shared), partitions)


def shredded_among(vault: Vault, token_list: list[str]) -> set[str]:
    """The tokens (among `token_list`) whose value is no longer in the vault: shredded, so to be redacted.

    Every token in a clean dataset was issued by the vault, so one without an entry was erased; this lets
    an erasure rerun find what to redact even after the links are gone."""
    candidates = {t for t in token_list if t != ERASED_MARKER and TOKEN_PATTERN.fullmatch(t)}
    with vault.engine.connect() as conn:
        present = {
            t
            for (t,) in select_in(
                conn, lambda chunk: select(tokens.c.token).where(tokens.c.token.in_(chunk)), candidates
            )
        }
    return candidates - present


def erased_subject_keys(vault: Vault, subject_keys: list[str]) -> set[str]:
    """The subject keys (e.g. customer ids) among `subject_keys` whose subject was erased."""
    by_hash = {
        bytes.fromhex(vault.deriver.subject_hash(str(k))): str(k) for k in subject_keys if k is not None
    }
    with vault.engine.connect() as conn:
        rows = select_in(
            conn,
            lambda chunk: select(tombstones.c.value_hash).where(tombstones.c.value_hash.in_(chunk)),
            by_hash,
        )
    return {by_hash[bytes(h)] for (h,) in rows}


def _shared(conn, subject_id: str, linked: list[str]) -> set[str]:
    """Tokens among `linked` that another subject holds too."""
    return {
        token
        for (token,) in select_in(
            conn,
            lambda chunk: select(links.c.token).where(
                links.c.token.in_(chunk), links.c.subject_id != subject_id
            ),
            linked,
        )
    }


def identifier_hash(vault: Vault, identifier_type: str, value: str) -> str:
    """Keyed hash (hex) of a strong identifier: what requests store instead of the identifier."""
    entity_type = _entity_type(identifier_type)
    if entity_type is None:
        return vault.deriver.subject_hash(value)
    return vault.deriver.derive_normalised(entity_type, normalise(entity_type, value)).value_hash.hex()


def _entity_type(identifier_type: str) -> str | None:
    if identifier_type not in IDENTIFIER_TYPES:
        raise ValueError(f"identifier type must be one of {', '.join(IDENTIFIER_TYPES)}")
    return IDENTIFIER_TYPES[identifier_type]


def resolve_subject(vault: Vault, identifier_type: str, value: str) -> Resolution:
    """Subjects an email, phone number or customer id points at."""
    entity_type = _entity_type(identifier_type)
    with vault.engine.connect() as conn:
        if entity_type is None:
            subject_id = vault.deriver.subject_hash(value)
            found = conn.execute(
                select(subjects.c.subject_id).where(subjects.c.subject_id == subject_id)
            ).all()
            ids = [row[0] for row in found]
            erased_hash = bytes.fromhex(subject_id)
        else:
            derived = vault.deriver.derive_normalised(entity_type, normalise(entity_type, value))
            found = conn.execute(select(links.c.subject_id).where(links.c.token == derived.token)).all()
            ids = sorted({row[0] for row in found})
            erased_hash = derived.value_hash
        erased = conn.execute(
            select(tombstones.c.value_hash).where(tombstones.c.value_hash == erased_hash)
        ).first()
    status = "none" if not ids else "one" if len(ids) == 1 else "many"
    return Resolution(status, ids, erased is not None)


def resolve_hash(vault: Vault, identifier_type: str, identifier_hash: str) -> Resolution:
    """Subjects a request's stored identifier hash (`identifier_hash`, hex) points at: like
    `resolve_subject`, for callers that hold only the keyed hash, never the identifier."""
    entity_type = _entity_type(identifier_type)
    with vault.engine.connect() as conn:
        if entity_type is None:  # a customer-id hash is the subject id
            found = conn.execute(
                select(subjects.c.subject_id).where(subjects.c.subject_id == identifier_hash)
            ).all()
            ids = [row[0] for row in found]
        else:  # an email or phone hash is the value hash of one token, whose links name the subjects
            token = conn.execute(
                select(tokens.c.token).where(
                    tokens.c.value_hash == bytes.fromhex(identifier_hash), tokens.c.entity_type == entity_type
                )
            ).scalar()
            ids = []
            if token is not None:
                ids = sorted(
                    set(conn.execute(select(links.c.subject_id).where(links.c.token == token)).scalars())
                )
        erased = conn.execute(
            select(tombstones.c.value_hash).where(tombstones.c.value_hash == bytes.fromhex(identifier_hash))
        ).first()
    status = "none" if not ids else "one" if len(ids) == 1 else "many"
    return Resolution(status, ids, erased is not None)


def subject_tokens(vault: Vault, subject_id: str) -> list[str]:
    """Every token linked to the subject, sorted."""
    with vault.engine.connect() as conn:
        return sorted(conn.execute(select(links.c.token).where(links.c.subject_id == subject_id)).scalars())


def shred_subject(vault: Vault, subject_id: str, request_id: str | None = None) -> ShredReport:
    """Crypto-shred the subject's own values, unlink them from shared ones, tombstone both."""
    if not re.fullmatch(r"[0-9a-f]{32}", subject_id):
        raise ValueError("subject_id must be a vault subject id (from Vault.subject_id or resolve_subject)")
    report = vault.retrying(lambda: _shred(vault, subject_id, request_id, datetime.now(UTC)))
    checkpoint_wal(vault)
    return report


def _shred(vault: Vault, subject_id: str, request_id: str | None, now: datetime) -> ShredReport:
    with vault.transaction() as (conn, kconn):
        if conn.dialect.name == "postgresql":
            # No new link may appear while we decide which values are this subject's alone
            # (SQLite's BEGIN IMMEDIATE already excludes every other writer).
            conn.execute(text("LOCK TABLE links IN SHARE ROW EXCLUSIVE MODE"))
        linked = sorted(conn.execute(select(links.c.token).where(links.c.subject_id == subject_id)).scalars())
        shared = _shared(conn, subject_id, linked)
        own = [token for token in linked if token not in shared]
        rows = select_in(
            conn,
            lambda chunk: select(tokens.c.value_hash, tokens.c.entity_type).where(tokens.c.token.in_(chunk)),
            own,
        )
        graves = [
            {"value_hash": bytes(h), "entity_type": t, "erased_at": now, "request_id": request_id}
            for h, t in rows
        ]
        graves.append(
            {
                "value_hash": bytes.fromhex(subject_id),
                "entity_type": SUBJECT_TOMBSTONE_TYPE,
                "erased_at": now,
                "request_id": request_id,
            }
        )
        insert_ignore(conn, tombstones, sorted(graves, key=lambda g: g["value_hash"]))
        keystore.delete_data_keys(kconn, own)
        for chunk in chunks(own):
            conn.execute(delete(surrogates).where(surrogates.c.token.in_(list(chunk))))
            conn.execute(delete(tokens).where(tokens.c.token.in_(list(chunk))))
        fingerprints.tombstone_subject(conn, subject_id, request_id, now)
        conn.execute(delete(links).where(links.c.subject_id == subject_id))
        conn.execute(delete(subjects).where(subjects.c.subject_id == subject_id))
    return ShredReport(subject_id, len(linked), len(own), len(shared))


def checkpoint_wal(vault: Vault) -> None:
    """SQLite: fold the WALs into the files (secure_delete has zeroed the freed pages) and truncate them."""
    for engine in {id(e): e for e in (vault.engine, vault.keystore_engine)}.values():
        if engine.dialect.name != "sqlite":
            continue
        raw = engine.raw_connection()
        try:
            busy = raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            raw.close()
        if busy:
            log.warning(
                "%s: WAL checkpoint blocked by a reader; it completes at the next checkpoint", engine.url
            )
