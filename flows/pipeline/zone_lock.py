"""One writer at a time over a catalog's clean zone: tokenize and erase never run over it together.

Why: an erasure rewrites clean partitions and raw files while a tokenize run may be writing the same
partitions from the raw data it read before the purge; whichever rename lands last wins, and a tokenize
that lands last resurrects the erased person's rows (and links their values again).

The embedded default is an advisory `fcntl.flock` on a lock file beside the clean zone
(`<zones>/.<clean>.lock`): every flow process on the box that writes the zone takes it for the whole run.
The kernel drops it when the holder dies (even on `kill -9`), so a crash never leaves the zone locked. The
waiting side polls and says who holds the lock (flow name, process id, since when — never data), and
gives up after `PIIVAULT_LOCK_TIMEOUT` seconds (default 3600) with `ZoneBusy`, which names the holder.
The lock is not re-entrant: a flow takes it once, at its entry point, and never calls another entry point.
Whoever takes it first removes the temporaries that killed writers left in the clean, quarantine and
reports zones (`flows.pipeline.atomic.sweep_temporaries`: only those of processes that no longer run).

A clean zone on object storage (`s3://…`) has no file to lock beside it, and S3 offers no lock: the lock
file is then a local one named after the zone's URL (`<PIIVAULT_LOCK_DIR>/<hash of the URL>.lock`; default
`~/.cache/piivault/locks`), so every flow process of one machine that writes the zone still takes the
same lock, and whoever takes it also deletes the objects no manifest names (uploads of a killed run:
`flows.pipeline.manifest.sweep_unpublished`). With a PostgreSQL vault, which every machine reaches, the
lock also reaches other machines: an advisory lock in the vault's database keyed by the zone's URL
(`flows.pipeline.shared_lock`), taken after the local one. With an SQLite vault (one machine by nature)
there is nothing further to take: flows on several machines over one bucket must then be serialised in
Prefect, as below.

A shared deployment (workers on several machines, a network file system without reliable `flock`) must
serialise these flows in Prefect instead: run the tokenize and erasure deployments in one work queue with
concurrency limit 1 (`prefect work-queue create piivault-writers --pool <pool> --limit 1`), or create a
global concurrency limit (`prefect gcl create piivault-clean-zone --limit 1`) and wrap both flows in
`prefect.concurrency.sync.concurrency("piivault-clean-zone", strict=True)`. The Prefect limit is not the
default here because Prefect 3.9 only enforces a limit that exists on the server: without one,
`concurrency()` lets every caller through (and `strict=True` fails instead), so the embedded set-up, which
runs on Prefect's temporary server, would have no protection at all.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from flows.pipeline.atomic import sweep_temporaries
from flows.pipeline.catalog import Catalog
from flows.pipeline.errors import PipelineError
from flows.pipeline.manifest import sweep_unpublished
from flows.pipeline.shared_lock import shared_zone_lock
from flows.pipeline.storage import is_remote

TIMEOUT_ENV = "PIIVAULT_LOCK_TIMEOUT"
LOCK_DIR_ENV = "PIIVAULT_LOCK_DIR"
DEFAULT_TIMEOUT_SECONDS = 3600.0
POLL_SECONDS = 0.2
logger = logging.getLogger("piivault.zone_lock")


class ZoneBusy(PipelineError):
    """Another flow held the clean zone's lock for longer than this one would wait."""


def lock_path(catalog: Catalog) -> Path:
    """The lock file: beside a local clean zone; for one on object storage, a local file named after its
    URL (`PIIVAULT_LOCK_DIR`), the same for every process of this machine."""
    clean = catalog.clean_dir
    if is_remote(clean):
        directory = Path(os.environ.get(LOCK_DIR_ENV) or Path.home() / ".cache" / "piivault" / "locks")
        return directory / f"{hashlib.sha256(str(clean).encode()).hexdigest()[:32]}.lock"
    return clean.with_name(f".{clean.name}.lock")


def _holder(handle) -> str:
    handle.seek(0)
    try:
        info = json.loads(handle.read() or "{}")
    except ValueError:
        return "another flow"
    if not info:
        return "another flow"
    return f"{info.get('flow', 'a flow')} (process {info.get('pid')}, since {info.get('since')})"


def _timeout() -> float:
    try:
        return float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT_SECONDS))
    except ValueError:
        return DEFAULT_TIMEOUT_SECONDS


@contextlib.contextmanager
def zone_lock(
    catalog: Catalog,
    flow_name: str,
    notify: Callable[[str], None] | None = None,
    timeout: float | None = None,
) -> Iterator[None]:
    """Hold the clean zone's lock for the block; wait for the holder (bounded), telling `notify` (default:
    a warning on the `piivault.zone_lock` logger, which reaches stderr even when logging is not set up)."""
    notify = notify or logger.warning
    path = lock_path(catalog)
    path.parent.mkdir(parents=True, exist_ok=True)
    limit = _timeout() if timeout is None else timeout
    with open(path, "a+", encoding="utf-8") as handle:
        started = time.monotonic()
        told = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited >= limit:
                    raise ZoneBusy(
                        f"{flow_name}: the clean zone {catalog.clean_dir} is locked by {_holder(handle)}; "
                        f"gave up after {waited:.0f} s ({TIMEOUT_ENV} to wait longer)"
                    ) from None
                if not told:
                    notify(f"{flow_name}: waiting for {_holder(handle)} to release the clean zone lock")
                    told = True
                time.sleep(POLL_SECONDS)
        try:
            handle.seek(0)
            handle.truncate()
            since = datetime.now(UTC).isoformat(timespec="seconds")
            handle.write(json.dumps({"flow": flow_name, "pid": os.getpid(), "since": since}))
            handle.flush()

            def busy(holder: str, waited: float) -> ZoneBusy:
                return ZoneBusy(
                    f"{flow_name}: the clean zone {catalog.clean_dir} is locked by {holder}; "
                    f"gave up after {waited:.0f} s ({TIMEOUT_ENV} to wait longer)"
                )

            with shared_zone_lock(catalog, flow_name, notify, limit, busy):  # other machines' flows
                sweep_temporaries(catalog.clean_dir, catalog.quarantine_dir, catalog.reports_dir)
                if is_remote(catalog.clean_dir) or is_remote(catalog.quarantine_dir):
                    sweep_unpublished(catalog)
                yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
