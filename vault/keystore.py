"""The key store: wrapped data keys (one per token) and the wrapped master secret, apart from the values.

Deleting a token's row here is the crypto-shred: its ciphertext in the vault tables, and in any copy of
them, can no longer be opened. On SQLite the key store is its own file with `secure_delete=ON`, and a
shred checkpoints its WAL so the deleted wrapped keys do not linger in the log either.

Rotation and everyone else agree on the KEK inside their transactions. The master secret's row carries the
current KEK's id (`secrets.kek_id`). Every transaction that wraps or unwraps a key first reads it with
`current_wrapper`, under a lock that a rotation's re-wrap conflicts with, and holds that lock to its end:
- PostgreSQL: `SELECT ... FOR SHARE` of the row, which takes ROW SHARE on the `secrets` table; a rotation
  takes `LOCK TABLE secrets IN EXCLUSIVE MODE` before it reads a key. A table lock, not only `FOR UPDATE`
  of the row: table lock requests queue fairly, so a stream of overlapping writers cannot starve a waiting
  rotation, and writers that come after it wait for it (then read the new id, READ COMMITTED);
- SQLite: every transaction is `BEGIN IMMEDIATE` (`vault.engine`), readers included, so a rotation runs
  alone.
A process whose KEK differs from the id it reads raises `KekChangedError` before wrapping or unwrapping
anything; `Vault.retrying` reloads the KEK and runs the transaction again. No key can therefore be wrapped
under a KEK that a rotation discards. Each data key also records its KEK's id (`data_keys.kek_id`), so a key
stranded before this was so (key-store version 1) is named as stranded instead of as a wrong KEK.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, delete, or_, select, text, update

from vault.errors import KekChangedError, KekMismatchError, KeyStrandedError, VaultError
from vault.keys import Kek, KeyWrapper, new_data_key
from vault.schema import data_keys, secrets
from vault.sql import chunks, insert_ignore, select_where_in

MASTER = "token_master"
UNKNOWN_KEK = "unknown"  # kek_id of a key that opened with no KEK a rotation had: stranded before it
REWRAP_PAGE = 5000  # keys read, re-wrapped and written back at a time by a rotation
STRANDED_SHOWN = 5  # stranded tokens named in a message (the count is always given)


def has_master_secret(conn: Connection) -> bool:
    """True once the key store holds the master secret."""
    return conn.execute(select(secrets.c.name).where(secrets.c.name == MASTER)).first() is not None


def current_wrapper(conn: Connection, loaded: KeyWrapper, *, exclusive: bool = False) -> KeyWrapper:
    """`loaded`, once checked to be the vault's current KEK under a lock held until the transaction ends.

    Shared by default (writers and readers); `exclusive` for a rotation, which excludes them all. Raises
    `KekChangedError` when a rotation has replaced `loaded`: nothing may be wrapped or unwrapped with it."""
    if conn.dialect.name == "postgresql":
        if exclusive:
            conn.execute(text(f"LOCK TABLE {secrets.name} IN EXCLUSIVE MODE"))
            query = select(secrets.c.kek_id).where(secrets.c.name == MASTER)
        else:
            query = select(secrets.c.kek_id).where(secrets.c.name == MASTER).with_for_update(read=True)
    else:  # SQLite: this transaction is BEGIN IMMEDIATE, so no rotation runs beside it
        query = select(secrets.c.kek_id).where(secrets.c.name == MASTER)
    kek_id = conn.execute(query).scalar()
    if kek_id is None:
        raise VaultError("the key store holds no master secret: open the vault with Vault.open first")
    if kek_id != loaded.kek.key_id:
        raise KekChangedError(kek_id, loaded.kek.key_id)
    return loaded


def master_secret(conn: Connection, wrapper: KeyWrapper) -> bytes:
    """The master secret, created (and wrapped by the KEK) on first use."""
    insert_ignore(
        conn,
        secrets,
        [{"name": MASTER, "wrapped": wrapper.wrap(new_data_key(), MASTER), "kek_id": wrapper.kek.key_id}],
    )
    current = current_wrapper(conn, wrapper)
    wrapped = conn.execute(select(secrets.c.wrapped).where(secrets.c.name == MASTER)).scalar_one()
    return current.unwrap(bytes(wrapped), MASTER)


@dataclass
class FreshKeys:
    """New data keys and their wrapping under one KEK, made before the transaction that stores them
    (`vault.write_prep`): wrapping is CPU work that writers meeting the same values should not wait for."""

    kek_id: str
    keys: dict[str, bytes] = field(repr=False)
    wrapped: dict[str, bytes] = field(repr=False)


def fresh_keys(wrapper: KeyWrapper, tokens: list[str]) -> FreshKeys:
    """A fresh data key per token, wrapped under `wrapper`'s KEK (not checked current: `ensure_data_keys`
    does that in its transaction and wraps again if a rotation came between)."""
    keys = {token: new_data_key() for token in sorted(tokens)}
    return FreshKeys(
        wrapper.kek.key_id, keys, {token: wrapper.wrap(key, token) for token, key in keys.items()}
    )


def ensure_data_keys(
    conn: Connection, wrapper: KeyWrapper, tokens: list[str], fresh: FreshKeys | None = None
) -> dict[str, bytes]:
    """Data keys for `tokens`: existing ones are kept (another process may have created them first).

    `wrapper` must come from `current_wrapper` in this transaction. `fresh`: keys made beforehand for
    (some of) `tokens`, used when wrapped under that same KEK; the others are made here."""
    if fresh is None or fresh.kek_id != wrapper.kek.key_id:
        fresh = fresh_keys(wrapper, tokens)
    elif lacking := [token for token in tokens if token not in fresh.keys]:
        more = fresh_keys(wrapper, lacking)
        fresh = FreshKeys(fresh.kek_id, {**fresh.keys, **more.keys}, {**fresh.wrapped, **more.wrapped})
    kek_id = wrapper.kek.key_id
    rows = [{"token": t, "wrapped_key": fresh.wrapped[t], "kek_id": kek_id} for t in sorted(tokens)]
    inserted = insert_ignore(conn, data_keys, rows, returning="token")
    keys = {token: fresh.keys[token] for token in inserted or ()}
    unknown = [token for token in tokens if token not in keys]  # lost a race, left over, or not reported
    for token, wrapped, row_kek_id in select_where_in(
        conn, data_keys, ["token", "wrapped_key", "kek_id"], "token", unknown
    ):
        wrapped = bytes(wrapped)
        keys[token] = (
            fresh.keys[token]
            if wrapped == fresh.wrapped[token]
            else _unwrap(wrapper, token, wrapped, row_kek_id)
        )
    return keys


def data_keys_for(conn: Connection, wrapper: KeyWrapper, tokens: list[str]) -> dict[str, bytes]:
    """Existing data keys for `tokens`; shredded tokens are absent.

    `wrapper` must come from `current_wrapper` in this transaction."""
    stored = select_where_in(conn, data_keys, ["token", "wrapped_key", "kek_id"], "token", tokens)
    return {token: _unwrap(wrapper, token, bytes(wrapped), kek_id) for token, wrapped, kek_id in stored}


def _unwrap(wrapper: KeyWrapper, token: str, wrapped: bytes, kek_id: str | None) -> bytes:
    """Unwrap a data key under the vault's current KEK; a key under any other KEK is stranded, and its
    error says so: the KEK is the right one (it opens the master secret), this key needs another."""
    if kek_id is not None and kek_id != wrapper.kek.key_id:
        raise KeyStrandedError(_stranded_message([token], wrapper.kek, kek_id))
    try:
        return wrapper.unwrap(wrapped, token)
    except KekMismatchError:
        raise KeyStrandedError(_stranded_message([token], wrapper.kek, kek_id)) from None


def _stranded_message(tokens: list[str], kek: Kek, kek_id: str | None) -> str:
    under = "a KEK it did not record" if kek_id in (None, UNKNOWN_KEK) else f"KEK {kek_id}"
    named = ", ".join(tokens[:STRANDED_SHOWN]) + (", ..." if len(tokens) > STRANDED_SHOWN else "")
    return (
        f"the data key of token {named} is stranded: wrapped under {under}, not under this vault's KEK "
        f"{kek.key_id} (which opens its other keys); its value cannot be read unless that KEK is restored"
    )


def delete_data_keys(conn: Connection, tokens: list[str]) -> None:
    """Crypto-shred: delete the data keys of `tokens`."""
    for chunk in chunks(sorted(tokens)):
        conn.execute(delete(data_keys).where(data_keys.c.token.in_(list(chunk))))


def checkpoint(conn: Connection) -> None:
    """On SQLite, copy the WAL into the database and truncate it, so deleted keys leave the log too."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


@dataclass
class Rewrap:
    """What a re-wrap did: keys re-wrapped (the master secret included) and the stranded tokens, which it
    left as they were (they open with neither KEK; tokens are not personal values)."""

    rewrapped: int = 0
    stranded: list[str] = field(default_factory=list)


def rewrap_all(conn: Connection, old: KeyWrapper, new_kek: Kek) -> Rewrap:
    """Re-wrap every key under `old` (or not yet recorded) with `new_kek`, in the caller's transaction.

    `old` must come from `current_wrapper(..., exclusive=True)` in this transaction. Keys already stranded,
    and keys that open with neither KEK (stranded before the key store recorded KEKs; now marked
    `UNKNOWN_KEK`), are reported and left alone: they open with no KEK the vault has, and they must not
    stop every later rotation. The master secret's row takes the new id last."""
    new = KeyWrapper(new_kek)
    report = Rewrap()
    mark = text("UPDATE data_keys SET kek_id = :k WHERE token = :t")
    pending = or_(data_keys.c.kek_id == old.kek.key_id, data_keys.c.kek_id.is_(None))
    last = ""
    while True:
        rows = conn.execute(
            select(data_keys.c.token, data_keys.c.wrapped_key, data_keys.c.kek_id)
            .where(and_(data_keys.c.token > last, pending))
            .order_by(data_keys.c.token)
            .limit(REWRAP_PAGE)
        ).all()
        if not rows:
            break
        rewrapped: dict[str, bytes] = {}
        stranded = []
        for token, wrapped, _kek_id in rows:
            try:
                key = old.unwrap(bytes(wrapped), token)
            except KekMismatchError:
                stranded.append({"t": token, "k": UNKNOWN_KEK})
                continue
            rewrapped[token] = new.wrap(key, token)
        _store_rewrapped(conn, rewrapped, new_kek.key_id)
        if stranded:
            conn.execute(mark, stranded)
        report.rewrapped += len(rewrapped)
        last = rows[-1][0]
    report.stranded = sorted(
        conn.execute(
            select(data_keys.c.token).where(
                data_keys.c.kek_id.is_not(None), data_keys.c.kek_id != new_kek.key_id
            )
        ).scalars()
    )
    for name, wrapped in conn.execute(select(secrets.c.name, secrets.c.wrapped)).all():
        conn.execute(
            update(secrets)
            .where(secrets.c.name == name)
            .values(wrapped=new.wrap(old.unwrap(bytes(wrapped), name), name), kek_id=new_kek.key_id)
        )
        report.rewrapped += 1
    return report


def _store_rewrapped(conn: Connection, rewrapped: dict[str, bytes], kek_id: str) -> None:
    """Write a page of re-wrapped keys: one statement on PostgreSQL, where every writer waits for the
    rotation (a statement per key would be a round trip per key); SQLite's executemany stays in process."""
    if not rewrapped:
        return
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "UPDATE data_keys AS d SET wrapped_key = v.w, kek_id = %s "
            "FROM (SELECT unnest(%s::text[]) AS t, unnest(%s::bytea[]) AS w) AS v WHERE d.token = v.t",
            (kek_id, list(rewrapped), list(rewrapped.values())),
        )
    else:  # straight to the driver: SQLAlchemy's per-row parameter processing costs more than the update
        conn.exec_driver_sql(
            "UPDATE data_keys SET wrapped_key = ?, kek_id = ? WHERE token = ?",
            [(wrapped, kek_id, token) for token, wrapped in rewrapped.items()],
        )
