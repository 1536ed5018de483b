"""The key store: wrapped data keys (one per token) and the wrapped master secret, apart from the values.

Deleting a token's row here is the crypto-shred: its ciphertext in the vault tables, and in any copy of
them, can no longer be opened. On SQLite the key store is its own file with `secure_delete=ON`, and a
shred checkpoints its WAL so the deleted wrapped keys do not linger in the log either.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, select, text, update

from vault.errors import KekMismatchError
from vault.keys import Kek, KeyWrapper, new_data_key
from vault.schema import data_keys, secrets
from vault.sql import chunks, insert_ignore, select_where_in

MASTER = "token_master"


def has_master_secret(conn: Connection) -> bool:
    """True once the key store holds the master secret."""
    return conn.execute(select(secrets.c.name).where(secrets.c.name == MASTER)).first() is not None


def master_secret(conn: Connection, wrapper: KeyWrapper) -> bytes:
    """The master secret, created (and wrapped by the KEK) on first use."""
    insert_ignore(
        conn,
        secrets,
        [{"name": MASTER, "wrapped": wrapper.wrap(new_data_key(), MASTER), "kek_id": wrapper.kek.key_id}],
    )
    wrapped, kek_id = conn.execute(
        select(secrets.c.wrapped, secrets.c.kek_id).where(secrets.c.name == MASTER)
    ).one()
    if kek_id != wrapper.kek.key_id:
        raise KekMismatchError(
            f"this vault's keys are wrapped with KEK {kek_id}, but the KEK from {wrapper.kek.source} is "
            f"{wrapper.kek.key_id}: configure the right KEK (PIIVAULT_KEK_FILE or PIIVAULT_KEK)"
        )
    return wrapper.unwrap(wrapped, MASTER)


def ensure_data_keys(conn: Connection, wrapper: KeyWrapper, tokens: list[str]) -> dict[str, bytes]:
    """Data keys for `tokens`: existing ones are kept (another process may have created them first)."""
    fresh = {token: new_data_key() for token in sorted(tokens)}
    wrapped_fresh = {token: wrapper.wrap(key, token) for token, key in fresh.items()}
    rows = [{"token": t, "wrapped_key": w} for t, w in wrapped_fresh.items()]
    inserted = insert_ignore(conn, data_keys, rows, returning="token")
    keys = {token: fresh[token] for token in inserted or ()}
    unknown = [token for token in tokens if token not in keys]  # lost a race, left over, or not reported
    for token, wrapped in select_where_in(conn, data_keys, ["token", "wrapped_key"], "token", unknown):
        keys[token] = fresh[token] if wrapped == wrapped_fresh[token] else wrapper.unwrap(wrapped, token)
    return keys


def data_keys_for(conn: Connection, wrapper: KeyWrapper, tokens: list[str]) -> dict[str, bytes]:
    """Existing data keys for `tokens`; shredded tokens are absent."""
    stored = select_where_in(conn, data_keys, ["token", "wrapped_key"], "token", tokens)
    return {token: wrapper.unwrap(bytes(wrapped), token) for token, wrapped in stored}


def delete_data_keys(conn: Connection, tokens: list[str]) -> None:
    """Crypto-shred: delete the data keys of `tokens`."""
    for chunk in chunks(sorted(tokens)):
        conn.execute(delete(data_keys).where(data_keys.c.token.in_(list(chunk))))


def checkpoint(conn: Connection) -> None:
    """On SQLite, copy the WAL into the database and truncate it, so deleted keys leave the log too."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def rewrap_all(conn: Connection, old: KeyWrapper, new_kek: Kek) -> int:
    """Re-wrap every key under `new_kek` in the caller's transaction; return how many were re-wrapped."""
    new = KeyWrapper(new_kek)
    count = 0
    for name, wrapped in conn.execute(select(secrets.c.name, secrets.c.wrapped)).all():
        conn.execute(
            update(secrets)
            .where(secrets.c.name == name)
            .values(wrapped=new.wrap(old.unwrap(wrapped, name), name), kek_id=new_kek.key_id)
        )
        count += 1
    batch: list[dict] = []
    rows = conn.execute(select(data_keys.c.token, data_keys.c.wrapped_key)).all()
    for token, wrapped in rows:
        batch.append({"t": token, "w": new.wrap(old.unwrap(wrapped, token), token)})
    statement = text("UPDATE data_keys SET wrapped_key = :w WHERE token = :t")
    for chunk in chunks(batch, 5000):
        conn.execute(statement, list(chunk))
    return count + len(rows)
