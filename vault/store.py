"""The vault: one entry point (`Vault.open`) over the store, the keys and the token deriver.

Bulk first: `tokenize_batch` handles a batch in transactions of up to `STORE_SLICE` values, each with a
fixed number of set-based statements (a SELECT of existing tokens, INSERT ... ON CONFLICT DO NOTHING of new
keys and tokens, links), so many processes can tokenize overlapping values into one PostgreSQL vault at once
and end with exactly one token and one data key per value. The CPU work of a transaction (data keys wrapped,
values sealed, fingerprints hashed) is done before it opens (`vault.write_prep`): a writer that meets a
value another is inserting waits for that one's commit, so it waits only for statements. Each table is
written in key order (data keys, tokens, fingerprints, subjects, links) and the tables in one order, so
concurrent transactions take their row locks in one global order and cannot deadlock each other (`retrying`
still retries one that PostgreSQL reports). On SQLite every transaction is BEGIN IMMEDIATE and one process
at a time may tokenize (`vault.writer_lock`). The key store is apart: another file, or another schema
(`key_schema`).

Operations beyond tokenizing live in their own modules (`lineage`, `access`, `erasure`, `footprint`,
`privacy_requests`) and are exposed here as methods, so flows and notebooks need only this class.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError

from values.normalise import normalise
from values.token_format import ERASED_MARKER, is_token
from vault import (
    access,
    erasure,
    fingerprints,
    footprint,
    keystore,
    lineage,
    privacy_requests,
    rectification,
    retention,
    write_prep,
)
from vault.engine import keystore_url_for, make_engine, sqlite_path
from vault.errors import (
    KekChangedError,
    KekMismatchError,
    KekRotatedError,
    TokenCollisionError,
    VaultError,
)
from vault.fingerprint_index import load_index as load_fingerprint_index
from vault.key_schema import prepare_key_schema
from vault.keys import Kek, KeyWrapper, find_kek, load_kek, pending_kek_path
from vault.policy import Policy, load_policy
from vault.rotation import rotation_running
from vault.schema import (
    KEYSTORE_MIGRATIONS,
    VAULT_MIGRATIONS,
    keystore_version,
    links,
    migrate,
    schema_version,
    subjects,
    surrogates,
    tokens,
    tombstones,
)
from vault.sql import insert_ignore, select_in, select_where_in
from vault.surrogates import card_surrogate, email_surrogate, is_email_surrogate
from vault.tokens import TokenDeriver
from vault.writer_lock import WriterLock

log = logging.getLogger(__name__)

# (entity type, value, subject hint or None): one value to tokenize, and the subject it was seen with.
Item = tuple[str, str, str | None]

KEYSTORE_URL_ENV = "PIIVAULT_KEYSTORE_URL"
_RETRYABLE_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected (PostgreSQL)
_DEADLOCK_RETRIES = 5
STORE_SLICE = 5_000  # distinct values per transaction of a batch (`_slices`)
_KEK_RELOADS = 10  # rotations committed under one operation's feet before it gives up (one is the rule)


@dataclass
class _Pending:
    entity_type: str
    value: str = field(repr=False)
    value_hash: bytes = field(repr=False)
    normalised: str | None = field(default=None, repr=False)  # what fingerprints start from


class Vault:
    """Tokens, encrypted values, subjects, lineage, access and erasure over one store."""

    def __init__(self, engine: Engine, keystore_engine: Engine, wrapper: KeyWrapper):
        self.engine = engine
        self.keystore_engine = keystore_engine
        self._wrapper = wrapper
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        self._writer = WriterLock(Path(database)) if database else None  # `vault.writer_lock`
        self.conflicts_retried = 0  # deadlocks and serialization failures retried (the concurrency test)
        self._opened = False  # until then a KEK that does not match is a wrong KEK, not a rotated one
        self.deriver = self.retrying(self._open_key_store)
        self._opened = True

    def _open_key_store(self) -> TokenDeriver:
        with self.transaction() as (conn, kconn):
            migrate(conn, schema_version, VAULT_MIGRATIONS)
            migrate(kconn, keystore_version, KEYSTORE_MIGRATIONS)
            if (
                not keystore.has_master_secret(kconn)
                and conn.execute(select(tokens.c.token).limit(1)).first()
            ):
                # A fresh key store beside a vault that holds tokens: a new master secret would silently
                # change every token and leave every stored value unreadable.
                where = self.keystore_engine.url.render_as_string(hide_password=True)
                raise VaultError(
                    f"the key store at {where} is empty but the vault holds tokens: "
                    "restore the key store instead of starting a new one"
                )
            return TokenDeriver(keystore.master_secret(kconn, self._wrapper))

    @classmethod
    def open(
        cls,
        url: str,
        kek: bytes | str | None = None,
        keystore_url: str | None = None,
        connections: int | None = None,
    ) -> Vault:
        """Open (creating and migrating if needed) the vault at `url`.

        `kek`: raw 32 bytes or base64 text; default from `PIIVAULT_KEK_FILE` / `PIIVAULT_KEK`, or for an
        SQLite vault the key file beside it (created on first use). `keystore_url`: where the wrapped data
        keys live; default `PIIVAULT_KEYSTORE_URL`, else a second SQLite file beside an SQLite vault, else
        a schema of its own beside a PostgreSQL vault's (`vault.key_schema`: `<schema>_keys`, created, and
        a vault whose keys were in its own schema has them moved there), so a backup of the vault's schema
        never holds the keys that open it. `connections`: each database's pool holds exactly that many
        (`vault.engine.make_engine`; the vault service sizes its threads to match).
        """
        path = sqlite_path(url)
        loaded = load_kek(kek, path)
        ks_url = keystore_url or os.environ.get(KEYSTORE_URL_ENV)
        if ks_url is None and path is not None:
            ks_url = keystore_url_for(url)
        new_files = [p for p in (path, ks_url and sqlite_path(ks_url)) if p is not None and not p.exists()]
        engine = make_engine(url, connections)
        keystore_engine = engine
        try:
            if ks_url is None:
                ks_url = prepare_key_schema(engine, url)
            keystore_engine = engine if ks_url == url else make_engine(ks_url, connections)
            vault = cls(engine, keystore_engine, KeyWrapper(loaded))
            for created in new_files:  # values and keys are encrypted, but still nobody else's business
                created.chmod(0o600)
            return vault
        except BaseException:
            engine.dispose()
            keystore_engine.dispose()
            raise

    @property
    def kek(self) -> Kek:
        return self._wrapper.kek

    def close(self) -> None:
        """Release the database connections (and an SQLite vault's writer lock)."""
        if self._writer is not None:
            self._writer.release()
        self.engine.dispose()
        if self.keystore_engine is not self.engine:
            self.keystore_engine.dispose()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[tuple[Connection, Connection]]:
        """One transaction on the vault and one on the key store (the same one when they share a database).

        The key-store transaction commits first: keys are never missing for committed tokens, and a shred
        that stops half way has already destroyed the keys.
        """
        with self.engine.begin() as conn:
            if self.keystore_engine is self.engine:
                yield conn, conn
            else:
                with self.keystore_engine.begin() as kconn:
                    yield conn, kconn

    def retrying(self, work):
        """Run `work()` (one transaction) again when PostgreSQL reports a deadlock or serialization failure,
        or when a KEK rotation has committed since this process loaded its KEK (`KekChangedError`, raised
        before anything was wrapped or unwrapped): the KEK is reloaded first (`_adopt_kek`)."""
        conflicts = reloads = 0
        while True:
            try:
                return work()
            except KekChangedError as changed:
                reloads += 1
                if reloads > _KEK_RELOADS:
                    raise
                self._adopt_kek(changed.current_kek_id)
            except DBAPIError as error:
                if getattr(error.orig, "sqlstate", None) not in _RETRYABLE_SQLSTATES:
                    raise
                conflicts += 1
                self.conflicts_retried += 1
                if conflicts > _DEADLOCK_RETRIES:
                    raise
                time.sleep(0.05 * conflicts)

    def _adopt_kek(self, current_id: str) -> None:
        """Use the KEK whose id is `current_id`, reloaded from where this one came from: its file, or the
        pending `.new` of a rotation that has re-wrapped but not yet replaced the file. A clear error when
        it cannot be found there: a wrong KEK at open, a rotated one that cannot be reloaded afterwards."""
        loaded = self._wrapper.kek
        found = find_kek(loaded, current_id)
        if found is None:
            error = KekRotatedError if self._opened else KekMismatchError
            raise error(self._kek_mismatch_message(loaded, current_id))
        if found.pending and not rotation_running(found.path):
            log.warning(
                "using the pending KEK in %s: a rotation stopped after its re-wrap; "
                "`piivault keys rotate` finishes it",
                pending_kek_path(loaded.path),
            )
        elif self._opened:
            log.info("the vault's KEK was rotated: reloaded KEK %s from %s", found.key_id, found.source)
        self._wrapper = KeyWrapper(found)

    def _kek_mismatch_message(self, loaded: Kek, current_id: str) -> str:
        pending = pending_kek_path(loaded.path) if loaded.path is not None else None
        if not self._opened:
            also = f" (and {pending} does not hold KEK {current_id} either)" if pending else ""
            return (
                f"this vault's keys are wrapped with KEK {current_id}, but the KEK from {loaded.source} is "
                f"{loaded.key_id}{also}: configure the right KEK (PIIVAULT_KEK_FILE or PIIVAULT_KEK)"
            )
        reload = (
            f"and neither {loaded.path} nor {pending} holds KEK {current_id} now"
            if pending
            else "which cannot be reloaded"
        )
        return (
            f"the vault's KEK was rotated to {current_id} while this process used KEK {loaded.key_id} from "
            f"{loaded.source}, {reload}: restart it with the vault's current KEK (nothing was written "
            "under the old one)"
        )

    # -- tokenizing ---------------------------------------------------------------------------------

    def tokenize_batch(
        self, items: Sequence[Item], dataset: str | None = None, format_preserving: bool = False
    ) -> list[str]:
        """Tokens for `items`, in order: ERASED_MARKER for tombstoned values, placeholders unchanged.

        Idempotent; stores each new value encrypted under its own data key and links values to the subject
        hint they were seen with. `format_preserving` returns email/card surrogates instead of tokens.
        Raises `TokenCollisionError` (naming the token and dataset, never a value) on a collision.
        """
        results: list[str | None] = [None] * len(items)
        pending: dict[str, _Pending] = {}
        wanted: list[tuple[int, str, str | None]] = []
        derive, pending_get = self.deriver.derive_normalised, pending.get
        for index, (entity_type, value, raw_hint) in enumerate(items):
            if value is None or not value.strip() or _is_placeholder(value):
                results[index] = value
                continue
            hint = None if raw_hint is None else _subject_hint(raw_hint)
            normalised = normalise(entity_type, value)
            derived = derive(entity_type, normalised)
            token = derived.token
            seen = pending_get(token)
            if seen is None:
                pending[token] = _Pending(entity_type, value.strip(), derived.value_hash, normalised)
            elif seen.value_hash != derived.value_hash:
                raise TokenCollisionError(_collision_message(token, dataset))
            wanted.append((index, token, hint))
        if pending:
            if self._writer is not None:
                self._writer.acquire()  # one tokenizing process per SQLite vault (`vault.writer_lock`)
            erased, erased_hints = set(), set()
            for part, part_wanted in _slices(pending, wanted):
                tombstoned, tombstoned_hints = self.retrying(
                    lambda p=part, w=part_wanted: self._store_batch(p, w, dataset, format_preserving)
                )
                erased |= tombstoned
                erased_hints |= tombstoned_hints
            if not (erased or erased_hints or format_preserving):  # the common case, kept lean
                for index, token, _hint in wanted:
                    results[index] = token
                return results  # type: ignore[return-value]
            moved = rectification.redirects(self, {pending[t].value_hash: t for t in erased})
            for index, token, hint in wanted:
                if hint in erased_hints:
                    results[index] = ERASED_MARKER
                elif token in erased:
                    results[index] = self._corrected(moved.get(token), hint, format_preserving)
                else:
                    results[index] = self._output(token, pending, format_preserving)
        return results  # type: ignore[return-value]

    def _corrected(self, moved: dict[str, str] | None, hint: str | None, format_preserving: bool) -> str:
        """A tombstoned value: the new token when a rectification corrected it away for this record's subject
        (or the record has none), else the erased marker (`vault.rectification`)."""
        new = rectification.redirected(self, moved, hint)
        if new is None:
            return ERASED_MARKER
        return email_surrogate(new) if format_preserving and new.startswith("[pv:email:") else new

    def _output(self, token: str, pending: dict[str, _Pending], format_preserving: bool) -> str:
        if format_preserving:
            entry = pending[token]
            if entry.entity_type == "EMAIL_ADDRESS":
                return email_surrogate(token)
            if entry.entity_type == "CREDIT_CARD":
                return card_surrogate(token, normalise("CREDIT_CARD", entry.value))
        return token

    def _store_batch(self, pending, wanted, dataset, format_preserving) -> tuple[set[str], set[str]]:
        """The one transaction of a batch; returns the tombstoned tokens and the erased subjects' hints.

        A value seen only with an erased subject's key is neither stored nor linked: late data of an
        erased customer comes out erased even when the value itself was never seen before.
        """
        now = datetime.now(UTC)
        with self.engine.connect() as conn:  # a guess of which values are new, read before the transaction
            stored = self._existing_hashes(conn, list(pending))
        prepared = write_prep.prepare(  # the CPU work, before any row is locked (`vault.write_prep`)
            pending, wanted, stored, self.deriver, self._wrapper, self.fingerprinter
        )
        subject_of = prepared.subject_of
        hint_ids = {bytes.fromhex(subject_of[h]): h for _i, _t, h in wanted if h is not None}
        with self.transaction() as (conn, kconn):
            _will_link(conn)  # before reading the tombstones: a shred cannot commit between the two
            erased_hints = self._tombstoned(conn, hint_ids)
            live = {token for _i, token, hint in wanted if hint not in erased_hints}
            pending = {token: entry for token, entry in pending.items() if token in live}
            existing = self._existing_hashes(conn, list(pending))
            for token, value_hash in existing.items():
                if value_hash != pending[token].value_hash:
                    raise TokenCollisionError(_collision_message(token, dataset))
            missing = [token for token in pending if token not in existing]
            erased = self._tombstoned(conn, {pending[t].value_hash: t for t in missing})
            new = sorted(token for token in missing if token not in erased)
            if new:
                wrapper = keystore.current_wrapper(kconn, self._wrapper)  # no rotation until we commit
                data_keys = keystore.ensure_data_keys(kconn, wrapper, new, prepared.keys)
                rows = [
                    {
                        "token": token,
                        "entity_type": pending[token].entity_type,
                        "ciphertext": prepared.ciphertext(token, data_keys[token], pending[token].value),
                        "value_hash": pending[token].value_hash,
                        "created_at": now,
                    }
                    for token in new
                ]
                inserted = insert_ignore(conn, tokens, rows, returning="token") or set()
                if conn.dialect.name != "sqlite":  # SQLite's IMMEDIATE transaction already excludes races
                    raced = [token for token in new if token not in inserted]
                    for token, value_hash in self._existing_hashes(conn, raced).items():
                        if value_hash != pending[token].value_hash:
                            raise TokenCollisionError(_collision_message(token, dataset))
            pairs = {
                (hint, token)
                for _i, token, hint in wanted
                if hint is not None and hint not in erased_hints and token not in erased
            }
            if pairs:  # the plaintext is in hand here: fingerprint what is linked (`vault.fingerprints`)
                fingerprints.record(
                    conn,
                    self.fingerprinter,
                    [
                        (subject_of[h], t, pending[t].entity_type, pending[t].value, pending[t].normalised)
                        for h, t in pairs
                    ],
                    {subject_of[hint]: hint for hint, _token in pairs},
                    prepared.fingerprints,
                )
            self._link_pairs(conn, pairs, now, subject_of)
            if format_preserving:
                self._record_card_surrogates(conn, pending, erased, dataset)
        return erased, erased_hints

    def _existing_hashes(self, conn: Connection, token_list: list[str]) -> dict[str, bytes]:
        rows = select_where_in(conn, tokens, ["token", "value_hash"], "token", token_list)
        return {token: bytes(value_hash) for token, value_hash in rows}

    def _tombstoned(self, conn: Connection, hash_to_token: dict[bytes, str]) -> set[str]:
        """The values of `hash_to_token` whose hash is tombstoned."""
        if not hash_to_token:
            return set()
        rows = select_where_in(conn, tombstones, ["value_hash"], "value_hash", hash_to_token)
        return {hash_to_token[bytes(value_hash)] for (value_hash,) in rows}

    def _record_card_surrogates(self, conn: Connection, pending, erased, dataset) -> None:
        rows = {
            card_surrogate(token, normalise("CREDIT_CARD", entry.value)): token
            for token, entry in pending.items()
            if entry.entity_type == "CREDIT_CARD" and token not in erased
        }
        insert_ignore(conn, surrogates, [{"surrogate": s, "token": t} for s, t in sorted(rows.items())])
        stored = select_in(
            conn,
            lambda chunk: select(surrogates.c.surrogate, surrogates.c.token).where(
                surrogates.c.surrogate.in_(chunk)
            ),
            rows,
        )
        for surrogate, token in stored:
            if rows[surrogate] != token:
                raise TokenCollisionError(f"card surrogate collision for token {token} in dataset {dataset}")

    # -- subjects -----------------------------------------------------------------------------------

    def _link_pairs(
        self,
        conn: Connection,
        pairs: Iterable[tuple[str, str]],
        now: datetime,
        subject_of: dict[str, str] | None = None,
    ) -> None:
        """Insert the subjects and links of (hint, token) pairs; `subject_of`: hint -> subject id, when
        already computed."""
        known = subject_of or {}
        by_subject = {hint: known.get(hint) or self.deriver.subject_hash(hint) for hint, _token in pairs}
        insert_ignore(
            conn, subjects, [{"subject_id": s, "created_at": now} for s in sorted(set(by_subject.values()))]
        )
        rows = sorted({(by_subject[hint], token) for hint, token in pairs})
        insert_ignore(conn, links, [{"subject_id": s, "token": t} for s, t in rows])

    def link(self, subject_key: str, token_list: Iterable[str]) -> None:
        """Link tokens to the subject identified by `subject_key` (e.g. a customer id)."""
        subject_key = _subject_hint(subject_key)
        if subject_key is None:
            raise ValueError("link needs a subject key")
        pairs = [(subject_key, t) for t in token_list if is_token(t) and t != ERASED_MARKER]

        def work():
            with self.transaction() as (conn, _kconn):
                _will_link(conn)
                self._link_pairs(conn, pairs, datetime.now(UTC))

        self.retrying(work)

    def link_to_sole_owner(
        self, anchored: dict[str, set[str]], values: dict[str, tuple[str, str]] | None = None
    ) -> int:
        """Link each anchor token's companions to the one subject the anchor already belongs to; anchors
        with no subject or several (a family landline) link nothing. Returns how many links were added.
        This never creates a subject: only a subject key does. `values` (token -> entity type, plaintext)
        lets the new links be fingerprinted."""
        if not anchored:
            return 0

        def work() -> int:
            with self.transaction() as (conn, _kconn):
                _will_link(conn)
                owners: dict[str, set[str]] = {}
                for subject_id, token in select_in(
                    conn,
                    lambda chunk: select(links.c.subject_id, links.c.token).where(links.c.token.in_(chunk)),
                    sorted(anchored),
                ):
                    owners.setdefault(token, set()).add(subject_id)
                rows = sorted(
                    {
                        (next(iter(subjects_)), companion)
                        for anchor, subjects_ in owners.items()
                        if len(subjects_) == 1
                        for companion in anchored[anchor]
                    }
                )
                if values:
                    linked = [(s, t, *values[t]) for s, t in rows if t in values]
                    fingerprints.record(conn, self.fingerprinter, linked)
                insert_ignore(conn, links, [{"subject_id": s, "token": t} for s, t in rows])
            return len(rows)

        return self.retrying(work)

    def link_found(self, pairs: Iterable[tuple[str, str]]) -> set[str]:
        """Link tokens that known-subject matching found in text (their values are in the vault already)
        to the subject keys of the records they were found in, as `tokenize_batch` links what detection
        finds. Returns the keys of erased subjects: their records' values come out erased, unlinked."""
        pairs = {(hint, token) for raw, token in pairs if (hint := _subject_hint(raw)) is not None}
        if not pairs:
            return set()

        def work() -> set[str]:
            with self.transaction() as (conn, _kconn):
                _will_link(conn)  # before reading the tombstones: a shred cannot commit between the two
                hint_ids = {bytes.fromhex(self.deriver.subject_hash(h)): h for h, _t in pairs}
                erased = self._tombstoned(conn, hint_ids)
                self._link_pairs(conn, {(h, t) for h, t in pairs if h not in erased}, datetime.now(UTC))
                return erased

        return self.retrying(work)

    @cached_property
    def fingerprinter(self) -> fingerprints.Fingerprinter:
        """Keyed hashing of values' written forms, under a key derived from the master secret."""
        return fingerprints.Fingerprinter.for_vault(self)

    def derived_key(self, label: str) -> bytes:
        """A secret 32-byte key for `label`, derived from the master secret: same on every open and across
        KEK rotations, and never stored. For other components' encryption (e.g. the flows' quarantine)."""
        return self.deriver.derived_key(label)

    def subject_id(self, subject_key: str) -> str:
        """The vault's id for a subject key: a keyed hash, safe to log and to put in receipts."""
        return self.deriver.subject_hash(subject_key)

    # -- lineage ------------------------------------------------------------------------------------

    def record_lineage(
        self, dataset: str, partition: str, token_list: Iterable[str], replace: bool = False
    ) -> int:
        """Record that `partition` of `dataset` holds `token_list` (`replace`: forget what it held before).

        An iterable that can be read again (a list, the tokenize assembly's merged token files) is read in
        batches, once per attempt, so a file's lineage is never held whole; an iterator is listed first."""
        if iter(token_list) is token_list:  # read once: kept for a retry
            token_list = list(token_list)

        def work():
            with self.transaction() as (conn, _kconn):
                return lineage.record(conn, dataset, partition, token_list, replace)

        return self.retrying(work)

    def partitions_holding(self, token_list: Iterable[str]) -> list[tuple[str, str]]:
        """(dataset, partition) pairs that hold any of the tokens, sorted."""
        with self.engine.connect() as conn:
            return lineage.holding(conn, list(token_list))

    # -- access -------------------------------------------------------------------------------------

    def detokenize(
        self, token_list: Sequence[str], *, role: str, purpose: str, actor: str, policy: Policy | None = None
    ) -> list[access.Detokenized]:
        """Values the role may see for the purpose (`vault.access`); every token is audited first."""
        return access.detokenize(
            self, list(token_list), role=role, purpose=purpose, actor=actor, policy=policy or load_policy()
        )

    def audit_records(self, limit: int | None = 100, token: str | None = None, actor: str | None = None):
        """Newest audit records first (never a value in them)."""
        return access.audit_records(self, limit=limit, token=token, actor=actor)

    # -- keys ---------------------------------------------------------------------------------------

    def open_data_keys(self, kconn: Connection, token_list: list[str]) -> dict[str, bytes]:
        """The data keys of `token_list` (shredded ones absent), in the caller's key-store transaction,
        under the KEK checked current under the lock rotations wait for (`keystore.current_wrapper`). Run
        that transaction under `retrying`: it raises `KekChangedError` after a rotation."""
        if not token_list:
            return {}
        return keystore.data_keys_for(kconn, keystore.current_wrapper(kconn, self._wrapper), token_list)

    @contextmanager
    def rotation_lock(self) -> Iterator[tuple[Connection, KeyWrapper]]:
        """A transaction that no wrap, unwrap or other rotation runs beside: yields the key-store connection
        and the current KEK's wrapper. Run it under `retrying` (`KekChangedError` when this process's KEK
        is stale); call `use_kek` once a re-wrap in it has committed."""
        with self.transaction() as (_conn, kconn):
            yield kconn, keystore.current_wrapper(kconn, self._wrapper, exclusive=True)

    def use_kek(self, kek: Kek) -> None:
        """Use `kek` from now on: a rotation to it has committed (a wrong one is caught at the next use)."""
        self._wrapper = KeyWrapper(kek)

    def rotate_kek(self, new_kek: Kek) -> keystore.Rewrap:
        """Re-wrap every data key and the master secret under `new_kek`; no token changes. Only the key
        store: `vault.rotation` puts the KEK files around it."""

        def work() -> keystore.Rewrap:
            with self.rotation_lock() as (kconn, current):
                if current.kek.key_id == new_kek.key_id:
                    return keystore.Rewrap()
                return keystore.rewrap_all(kconn, current, new_kek)

        report = self.retrying(work)
        self.use_kek(new_kek)
        return report

    # -- erasure and requests (see `vault.erasure`, `vault.footprint`, `vault.privacy_requests`) -------

    resolve_subject = erasure.resolve_subject
    resolve_hash = erasure.resolve_hash
    subject_tokens = erasure.subject_tokens
    shred_subject = erasure.shred_subject
    plan_shred = erasure.plan_shred
    shredded_among = erasure.shredded_among
    erased_subject_keys = erasure.erased_subject_keys
    identifier_hash = erasure.identifier_hash
    token_for_hash = footprint.token_for_hash
    token_holders = footprint.token_holders
    existing_subjects = footprint.existing_subjects
    value_hashes = footprint.value_hashes
    card_surrogates = footprint.card_surrogates
    shred_evidence = footprint.shred_evidence
    subject_fingerprints = fingerprints.subject_fingerprints
    fingerprint_holders = fingerprints.holders
    fingerprint_index = load_fingerprint_index
    fingerprint_generation = fingerprints.generation
    create_request = privacy_requests.create_request
    update_request = privacy_requests.update_request
    get_request = privacy_requests.get_request
    list_requests = privacy_requests.list_requests
    save_request_step = privacy_requests.save_request_step
    load_request_step = privacy_requests.load_request_step
    request_step_items = privacy_requests.request_step_items
    forget_request_steps = privacy_requests.forget_request_steps
    set_rectification = rectification.set_details
    link_subject = rectification.link_subject
    corrected_tokens = rectification.corrected_tokens
    retire_value = rectification.retire_value
    retirement_evidence = rectification.retirement_evidence
    create_run_record = retention.create_run_record
    create_erasure_by_subject = retention.create_erasure_by_subject
    orphan_tokens = retention.orphan_tokens
    shred_orphans = retention.shred_orphans
    forget_corrections_of_erased = retention.forget_corrections_of_erased


def _slices(pending: dict[str, _Pending], wanted: list) -> Iterator[tuple[dict[str, _Pending], list]]:
    """A batch's values in transactions of at most `STORE_SLICE` tokens, in token order, each with the
    links it makes. A writer that meets a value another is inserting waits for that one's transaction to
    commit: bounded transactions keep that wait short however large the caller's batch (a flow's chunk of
    50,000 rows), so writers meeting the same values interleave instead of taking turns batch by batch."""
    if len(pending) <= STORE_SLICE:
        yield pending, wanted
        return
    ordered = sorted(pending)
    slice_of = {token: index // STORE_SLICE for index, token in enumerate(ordered)}
    links: list[list] = [[] for _ in range(0, len(ordered), STORE_SLICE)]
    for entry in wanted:
        links[slice_of[entry[1]]].append(entry)
    for number, start in enumerate(range(0, len(ordered), STORE_SLICE)):
        yield {token: pending[token] for token in ordered[start : start + STORE_SLICE]}, links[number]


def _will_link(conn: Connection) -> None:
    """Take, first, the table lock that inserting links takes last (PostgreSQL). A shred locks `links`
    against writers before it tombstones fingerprints; a writer that had locked fingerprint rows first and
    only then waited for `links` would deadlock with it. Writers do not conflict with each other on it."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("LOCK TABLE links IN ROW EXCLUSIVE MODE")


def _is_placeholder(value: str) -> bool:
    """Already a token, the erased marker or an email surrogate: left as it is."""
    return (value.startswith("[pv:") and is_token(value)) or is_email_surrogate(value)


def _subject_hint(raw) -> str | None:
    """A subject key as text; None for missing ones (None, NaN, blank), which must not become a subject."""
    if raw is None or (isinstance(raw, float) and raw != raw):
        return None
    text = str(raw).strip()
    return text or None


def _collision_message(token: str, dataset: str | None) -> str:
    where = f" in dataset {dataset}" if dataset else ""
    return (
        f"token collision{where}: token {token} is already held for a different value; "
        "stop and investigate (joins on this token would merge different people)"
    )
