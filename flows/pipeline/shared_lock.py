"""The zone lock across machines, for a zone on object storage with a PostgreSQL vault.

S3 has no lock, and the zone lock's file (`flows.pipeline.zone_lock`) is local to one machine. When the
vault is PostgreSQL, every machine that runs the flows already reaches one server: a session-level
advisory lock there, keyed by a hash of the clean zone's URL, keeps a tokenize on one machine from running
beside an erasure on another. The server drops it when the holder's connection ends, so a holder killed
with `kill -9` (its socket closed by the kernel) or a machine that vanished (once TCP keepalive gives up)
leaves nothing locked. The holder is named by its connection's `application_name` (flow, process id,
host: never data), which is what a waiting run reports.

The lock holds no transaction open: it is taken and released in short transactions of their own on a
connection kept for the run, so `idle_in_transaction_session_timeout` never ends it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from flows.pipeline.catalog import Catalog
from flows.pipeline.storage import is_remote

POLL_SECONDS = 0.2
_HOLDER = (
    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
    "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = :high "
    "AND l.objid::bigint = :low AND l.objsubid = 1"
)


def applies(catalog: Catalog) -> bool:
    """True when the zone lock must reach other machines and can: zones on object storage, and a
    PostgreSQL vault they all share."""
    return is_remote(catalog.clean_dir) and catalog.vault_url.startswith(("postgresql:", "postgresql+"))


def lock_key(catalog: Catalog) -> int:
    """The advisory lock's 64-bit key: a hash of the clean zone's URL (the same on every machine)."""
    digest = hashlib.sha256(f"piivault zone lock|{catalog.clean_dir}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _holder(conn, key: int) -> str:
    from sqlalchemy import text

    unsigned = key & 0xFFFFFFFFFFFFFFFF
    row = conn.execute(text(_HOLDER), {"high": unsigned >> 32, "low": unsigned & 0xFFFFFFFF}).first()
    conn.commit()
    return row[0] if row and row[0] else "another flow (on another machine)"


@contextlib.contextmanager
def shared_zone_lock(
    catalog: Catalog,
    flow_name: str,
    notify: Callable[[str], None],
    limit: float,
    busy: Callable[[str, float], Exception],
) -> Iterator[None]:
    """Hold the PostgreSQL advisory lock of the catalog's clean zone for the block (nothing to do unless
    `applies`); wait for its holder up to `limit` seconds, then raise `busy(holder, waited)`."""
    if not applies(catalog):
        yield
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from vault.engine import normalise_url

    since = datetime.now(UTC).strftime("%H:%M:%SZ")
    me = f"piivault {flow_name} pid {os.getpid()} on {socket.gethostname()} since {since}"[:63]
    engine = create_engine(
        normalise_url(catalog.vault_url), poolclass=NullPool, connect_args={"application_name": me}
    )
    key = lock_key(catalog)
    try:
        with engine.connect() as conn:
            started, told = time.monotonic(), False
            while True:
                taken = conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar()
                conn.commit()
                if taken:
                    break
                holder, waited = _holder(conn, key), time.monotonic() - started
                if waited >= limit:
                    raise busy(holder, waited)
                if not told:
                    notify(f"{flow_name}: waiting for {holder} to release the clean zone lock")
                    told = True
                time.sleep(POLL_SECONDS)
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                conn.commit()
    finally:
        engine.dispose()
