"""SQLAlchemy engines for the vault: SQLite (one tokenizing process at a time), PostgreSQL by URL.

SQLite: WAL (readers never block the writer), a 60 s busy timeout, `secure_delete=ON` (deleted keys and
ciphertexts are overwritten with zeros, not left in free pages), and every transaction opened with
`BEGIN IMMEDIATE`, so a transaction that will write takes the write lock up front and waits for it,
instead of failing with SQLITE_BUSY when it upgrades from a read later. A second process tokenizing at
once is refused up front (`vault.writer_lock`): parallel writers need PostgreSQL.
PostgreSQL: `postgresql://` URLs use the psycopg 3 driver; a `?options=-csearch_path%3Dname` query selects
a schema (the tests use one fresh schema per test); the key store's schema is derived from it
(`vault.key_schema`).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

SQLITE_BUSY_TIMEOUT_MS = 60_000
SQLITE_CACHE_KIB = 64 * 1024


def normalise_url(url: str) -> str:
    """Pick the psycopg 3 driver for bare `postgresql://` URLs."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def sqlite_path(url: str) -> Path | None:
    """The database file of an SQLite URL, or None for other backends."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise ValueError("the vault needs an SQLite file, not an in-memory database")
    return Path(parsed.database)


def _ensure_wal(cursor) -> None:
    """Switch the file to WAL once. Switching needs an exclusive lock and SQLite reports "database is
    locked" at once, without the busy handler, while another process holds one (several processes
    opening a new vault together do): retry until the busy timeout. WAL then stays set in the file."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal":
                mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode == "wal":
                return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("could not switch the vault database to WAL: database is locked")
        time.sleep(0.02)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        _ensure_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")  # keeps large token indexes in memory
        cursor.execute("PRAGMA wal_autocheckpoint=10000")  # checkpoint every ~40 MB, not every 4 MB
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, connections: int | None = None) -> Engine:
    """An engine for a vault or key-store URL. `connections`: exactly that many pooled connections, none
    beyond (the vault service sizes its thread pool to match: `vault.service.serve`); default a small pool
    that may overflow by as many."""
    url = normalise_url(url)
    pool = {} if connections is None else {"pool_size": connections, "max_overflow": 0}
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **pool)
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **(pool or {"pool_size": 2, "max_overflow": 2}))


def keystore_url_for(url: str) -> str:
    """Default key store of an SQLite vault: a second SQLite file beside it. (A PostgreSQL vault's is a
    schema of its own, which takes a connection to name: `vault.key_schema`.)"""
    path = sqlite_path(url)
    if path is None:
        raise ValueError("a PostgreSQL vault's default key store is its key schema (vault.key_schema)")
    return "sqlite:///" + str(path.with_name(path.name + ".keys"))
