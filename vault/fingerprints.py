"""Subject fingerprints: keyed hashes of the written forms of every value and identifier of a subject,
kept by the vault so the flows find a known person where detection alone would miss them.

What is hashed, and what is too common to be (a lone given name, a town, a street without its number),
is `vault.fingerprint_forms`'. Fingerprints are written when tokenize links a value to a subject, the only
moment its plaintext is in hand (`record`, from `Vault.tokenize_batch` and `Vault.link_to_sole_owner`).

A fingerprint held by several subjects (namesakes, a household's landline and address) is shared: it
still marks a personal value, but never attributes a record to one of them. `fingerprints` holds who
holds what (subject, token); `fingerprint_keys` one compact row per fingerprint, all an in-memory index
needs (`vault.fingerprint_index`). When a subject is shredded, its fingerprints nobody else holds are
tombstoned: their key rows stay, marked erased (time and request), with no holder, so late data and
verification still recognise the erased person's values and nothing says whose they were.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, select, update

from vault.fingerprint_forms import (
    DIGITS,
    EMAIL,
    ERASED,
    IDENTIFIER_KINDS,
    KIND_CODES,
    KIND_MASK,
    KINDS,
    SHARED,
    SUBJECT_KEY,
    WORD_KINDS,
    WORDS,
    Fingerprinter,
    Form,
    fold_word,
    key_forms,
    value_forms,
    word_spans,
    word_table,
    words,
)
from vault.schema import fingerprint_changes, fingerprint_keys, fingerprints
from vault.sql import chunks, insert_ignore, select_in, select_where_in

if TYPE_CHECKING:
    from vault.store import Vault

# The forms' names, re-exported: callers need one module for fingerprints.
__all__ = [
    "DIGITS",
    "EMAIL",
    "ERASED",
    "IDENTIFIER_KINDS",
    "KIND_CODES",
    "KIND_MASK",
    "KINDS",
    "SHARED",
    "SUBJECT_KEY",
    "WORDS",
    "WORD_KINDS",
    "Fingerprinter",
    "Form",
    "Holder",
    "SubjectFingerprint",
    "changes",
    "fold_word",
    "generation",
    "holders",
    "key_forms",
    "prepare",
    "record",
    "release_token",
    "subject_fingerprints",
    "tombstone_subject",
    "value_forms",
    "word_spans",
    "word_table",
    "words",
]

# -- writing -----------------------------------------------------------------------------------------

_changes = 0  # fingerprint writes by this process: an index loaded before one is stale (`changes`)
_writer: tuple[int, str] | None = None  # (pid, this process's row in `fingerprint_changes`)


def changes() -> int:
    """How many times this process has changed fingerprints (written, tombstoned, released): a cached
    index (`flows.tokenize.known_subjects`) is reloaded when the count moved since it was loaded."""
    return _changes


def generation(vault: Vault) -> tuple[int, int]:
    """Where the vault's fingerprints stand, in every process: (writing processes, their changes), which
    moves with every committed change. Cheap (a row per process that ever wrote fingerprints), so a cached
    index can be checked before each use; read it before loading an index, so a change committed during
    the load costs one more load later, never a stale index."""
    with vault.engine.connect() as conn:
        count, total = conn.execute(
            select(func.count(), func.coalesce(func.sum(fingerprint_changes.c.changes), 0))
        ).one()
    return int(count), int(total)


def _writer_row() -> str:
    """This process's row (a forked child makes its own: no two processes share one, so writers never
    wait for each other on it)."""
    global _writer
    if _writer is None or _writer[0] != os.getpid():
        _writer = (os.getpid(), f"{socket.gethostname()[:30]}-{os.getpid()}-{secrets.token_hex(8)}")
    return _writer[1]


def _changed(conn: Connection) -> None:
    """Count a change in this process and, in the writer's transaction (so it is seen with the change),
    in this process's row of `fingerprint_changes`."""
    global _changes
    _changes += 1
    writer = _writer_row()
    insert_ignore(conn, fingerprint_changes, [{"writer": writer, "changes": 0}])
    conn.execute(
        update(fingerprint_changes)
        .where(fingerprint_changes.c.writer == writer)
        .values(changes=fingerprint_changes.c.changes + 1)
    )


def _holder_rows(fingerprinter: Fingerprinter, subject_id: str, token: str, kind: str, forms: list[Form]):
    for form in forms:
        fp = fingerprinter.form(form)
        holder = {"fingerprint": fp, "subject_id": subject_id, "token": token, "entity_type": kind}
        key = {
            "fingerprint": fp,
            "kind": KIND_CODES[kind],
            "first_word": fingerprinter.first_word(form),
            "words": form.words,
        }
        yield (fp, subject_id, token), holder, key


def _holders_of(conn: Connection, fingerprint_list) -> dict[int, set[str]]:
    rows = select_where_in(conn, fingerprints, ["fingerprint", "subject_id"], "fingerprint", fingerprint_list)
    found: dict[int, set[str]] = {}
    for fp, subject_id in rows:
        found.setdefault(fp, set()).add(subject_id)
    return found


# (subject id, token) -> the rows `record` writes for that link (token "" for the subject's own key)
Prepared = dict[tuple[str, str], list[tuple]]


def prepare(
    fingerprinter: Fingerprinter, linked: Iterable[tuple], subject_keys: dict[str, str] | None = None
) -> Prepared:
    """The rows `record` would write for `linked` and `subject_keys` (same shapes), computed before the
    writer's transaction opens (`vault.write_prep`): finding the forms and hashing them is the costly part
    of recording, and another writer waiting on this one's row locks would wait for it too."""
    prepared: Prepared = {}
    for subject_id, token, entity_type, value, *rest in linked:
        forms = value_forms(entity_type, value, *rest)
        prepared[(subject_id, token)] = list(
            _holder_rows(fingerprinter, subject_id, token, entity_type, forms)
        )
    for subject_id, key in (subject_keys or {}).items():
        forms = key_forms(key)
        prepared[(subject_id, "")] = list(_holder_rows(fingerprinter, subject_id, "", SUBJECT_KEY, forms))
    return prepared


def record(
    conn: Connection,
    fingerprinter: Fingerprinter,
    linked: Iterable[tuple],
    subject_keys: dict[str, str] | None = None,
    prepared: Prepared | None = None,
) -> int:
    """Write the fingerprints of (subject id, token, entity type, plaintext value[, normalised value])
    links, in the caller's transaction: the plaintext is in hand only where values are linked. Pairs
    that have fingerprints already are skipped, so a rerun costs one lookup, and re-tokenizing
    (`--force`) writes those of links made before fingerprints existed. `subject_keys` (subject id ->
    key) adds each key's own fingerprint. Each fingerprint's key row says whether several subjects hold
    it; a new holder of an erased one (a new customer with an erased person's name) makes it live again.
    `prepared` (`prepare`): rows computed beforehand, used for the links it covers. Returns how many
    holder rows were offered."""
    linked = list(linked)
    subject_keys = subject_keys or {}
    if not linked and not subject_keys:
        return 0
    subject_ids = sorted({subject_id for subject_id, *_ in linked} | set(subject_keys))
    existing = set(select_where_in(conn, fingerprints, ["subject_id", "token"], "subject_id", subject_ids))
    holders: dict[tuple, dict] = {}
    keys: dict[int, dict] = {}
    prepared = prepared or {}
    offered = [
        prepared[(subject_id, token)]
        if (subject_id, token) in prepared
        else _holder_rows(
            fingerprinter, subject_id, token, entity_type, value_forms(entity_type, value, *rest)
        )
        for subject_id, token, entity_type, value, *rest in linked
        if (subject_id, token) not in existing
    ]
    offered += [
        prepared[(subject_id, "")]
        if (subject_id, "") in prepared
        else _holder_rows(fingerprinter, subject_id, "", SUBJECT_KEY, key_forms(key))
        for subject_id, key in sorted(subject_keys.items())
        if (subject_id, "") not in existing
    ]
    for rows in offered:
        for primary, holder, key in rows:
            holders[primary] = holder
            keys.setdefault(key["fingerprint"], key)
    if not holders:
        return 0
    insert_ignore(conn, fingerprints, [holders[k] for k in sorted(holders)])
    _update_keys(conn, keys)
    _changed(conn)
    return len(holders)


def _update_keys(conn: Connection, keys: dict[int, dict]) -> None:
    """Insert the key rows of new fingerprints; mark shared the ones several subjects now hold, and live
    again the erased ones a subject holds now.

    The key rows are inserted first and then locked in key order, before their holders are counted: two
    transactions giving one fingerprint its first holders at once would otherwise each count only its own
    (READ COMMITTED) and leave it unshared. Locked, the second waits for the first's commit and counts
    both; key order keeps concurrent writers from deadlocking."""
    fresh = [{**keys[fp], "shared": 0, "erased_at": None, "request_id": None} for fp in sorted(keys)]
    insert_ignore(conn, fingerprint_keys, fresh)
    stored = {  # locked in key order (no-op on SQLite, whose writers run one at a time)
        fp: (flag, erased_at is not None)
        for fp, flag, erased_at in select_where_in(
            conn, fingerprint_keys, ["fingerprint", "shared", "erased_at"], "fingerprint", keys, lock=True
        )
    }
    shared = {fp for fp, who in _holders_of(conn, keys).items() if len(who) > 1}
    changed = sorted(fp for fp, (flag, erased) in stored.items() if erased or bool(flag) != (fp in shared))
    for flag in (0, 1):  # set-based: one statement per flag and chunk, not one per fingerprint
        for chunk in chunks([fp for fp in changed if (fp in shared) == flag]):
            conn.execute(
                update(fingerprint_keys)
                .where(fingerprint_keys.c.fingerprint.in_(list(chunk)))
                .values(shared=flag, erased_at=None, request_id=None)
            )


def tombstone_subject(conn: Connection, subject_id: str, request_id: str | None, now: datetime) -> int:
    """In the shred's transaction: the subject's fingerprints nobody else holds are tombstoned (their key
    rows stay, marked erased: late data and verification still recognise them, unattributed), the ones
    one other subject holds are theirs alone now, and every holder row of the subject goes. Returns how
    many were tombstoned."""
    held = set(
        conn.execute(
            select(fingerprints.c.fingerprint).where(fingerprints.c.subject_id == subject_id)
        ).scalars()
    )
    others = {fp: who - {subject_id} for fp, who in _holders_of(conn, held).items()}
    erased = sorted(fp for fp in held if not others.get(fp))
    alone = sorted(fp for fp in held if len(others.get(fp, ())) == 1)
    for chunk in chunks(erased):
        conn.execute(
            update(fingerprint_keys)
            .where(fingerprint_keys.c.fingerprint.in_(list(chunk)))
            .values(shared=0, erased_at=now, request_id=request_id)
        )
    for chunk in chunks(alone):
        conn.execute(
            update(fingerprint_keys).where(fingerprint_keys.c.fingerprint.in_(list(chunk))).values(shared=0)
        )
    conn.execute(delete(fingerprints).where(fingerprints.c.subject_id == subject_id))
    _changed(conn)
    return len(erased)


def release_token(
    conn: Connection, subject_ids: list[str], token: str, request_id: str | None, now: datetime
) -> int:
    """In a rectification's transaction: `subject_ids` no longer hold `token` (a value corrected away).
    Their holder rows for it go; its fingerprints nobody holds any more are tombstoned (still recognised,
    unattributed, like an erased subject's), and the ones one subject holds now are no longer shared.
    Returns how many were tombstoned."""
    theirs = (fingerprints.c.token == token, fingerprints.c.subject_id.in_(subject_ids))
    held = set(conn.execute(select(fingerprints.c.fingerprint).where(*theirs)).scalars())
    conn.execute(delete(fingerprints).where(*theirs))
    left = _holders_of(conn, held)
    erased = sorted(fp for fp in held if not left.get(fp))
    alone = sorted(fp for fp in held if len(left.get(fp, ())) == 1)
    for chunk in chunks(erased):
        conn.execute(
            update(fingerprint_keys)
            .where(fingerprint_keys.c.fingerprint.in_(list(chunk)))
            .values(shared=0, erased_at=now, request_id=request_id)
        )
    for chunk in chunks(alone):
        conn.execute(
            update(fingerprint_keys).where(fingerprint_keys.c.fingerprint.in_(list(chunk))).values(shared=0)
        )
    _changed(conn)
    return len(erased)


# -- reading -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubjectFingerprint:
    """One fingerprint of a subject cluster: JSON-safe, no value (`own`: no one outside holds it)."""

    fingerprint: int
    first_word: int
    words: int
    entity_type: str
    own: bool
    token: str  # the value's token ("" for a subject key)

    def to_list(self) -> list:
        return [self.fingerprint, self.first_word, self.words, self.entity_type, self.own, self.token]

    @classmethod
    def from_list(cls, data: list) -> SubjectFingerprint:
        return cls(*data)


def subject_fingerprints(vault: Vault, subject_ids: Iterable[str]) -> list[SubjectFingerprint]:
    """Every fingerprint of the cluster `subject_ids`, each marked own or shared with someone outside."""
    cluster = sorted(set(subject_ids))
    with vault.engine.connect() as conn:
        rows = select_in(
            conn,
            lambda chunk: select(
                fingerprints.c.fingerprint, fingerprints.c.entity_type, fingerprints.c.token
            ).where(fingerprints.c.subject_id.in_(chunk)),
            cluster,
        )
        fps = {row[0] for row in rows}
        outside = {fp for fp, who in _holders_of(conn, fps).items() if who - set(cluster)}
        shape = {
            fp: (first, count)
            for fp, first, count in select_in(
                conn,
                lambda chunk: select(
                    fingerprint_keys.c.fingerprint, fingerprint_keys.c.first_word, fingerprint_keys.c.words
                ).where(fingerprint_keys.c.fingerprint.in_(chunk)),
                fps,
            )
        }
    found = {
        (fp, token): SubjectFingerprint(fp, *shape.get(fp, (fp, 1)), kind, fp not in outside, token)
        for fp, kind, token in rows
    }
    return [found[key] for key in sorted(found)]


@dataclass(frozen=True)
class Holder:
    """Who holds a fingerprint: the value's token and type, and the subject."""

    token: str
    entity_type: str
    subject_id: str


def holders(vault: Vault, fingerprint_list: Iterable[int]) -> dict[int, list[Holder]]:
    """Fingerprint -> its live holders (erased ones have none), for the few fingerprints a scan matched."""
    with vault.engine.connect() as conn:
        rows = select_in(
            conn,
            lambda chunk: select(
                fingerprints.c.fingerprint,
                fingerprints.c.token,
                fingerprints.c.entity_type,
                fingerprints.c.subject_id,
            ).where(fingerprints.c.fingerprint.in_(chunk)),
            fingerprint_list,
        )
    found: dict[int, list[Holder]] = {}
    for fp, token, kind, subject_id in rows:
        found.setdefault(fp, []).append(Holder(token, kind, subject_id))
    return found
