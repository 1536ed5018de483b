"""Atomic file replacement: write beside the target, fsync, rename — readers never see half a file.

A temporary's name says which process wrote it (`.<target>.<host>-<pid>.<random>.tmp`), so a later run can
tell the temporaries of a process that was killed (kill -9 runs no cleanup) from those of one still
writing, and remove only the former (`sweep_temporaries`, run by every writer of a zone when it takes the
zone lock).

On object storage (`flows.pipeline.storage.ZonePath`) there is no rename: the temporary is a file in the
local staging directory, and success uploads it under the target's key in one request, so readers see the
old object or the whole new one. What the rename also gave locally — nothing counts before it is complete
— comes from the manifest there: an object counts once the manifest entry written after it names it.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

from flows.pipeline.faults import fault_point
from flows.pipeline.storage import Location, is_remote, staging_dir

_HOST = re.sub(r"[^A-Za-z0-9]", "_", socket.gethostname())[:64] or "host"
_OWNED = re.compile(r"^\..+\.(?P<host>[A-Za-z0-9_]+)-(?P<pid>\d+)\.[0-9a-f]{32}\.tmp$")
_UNOWNED = re.compile(r"^\..+\.[0-9a-f]{32}\.tmp$")  # the form before temporaries named their process


def temporary_path(target: Location) -> Path:
    """A fresh temporary path beside `target`, named after this process; for a target on object storage,
    in the local staging directory (swept the same way)."""
    name = f".{target.name}.{_HOST}-{os.getpid()}.{uuid.uuid4().hex}.tmp"
    return staging_dir() / name if is_remote(target) else target.with_name(name)


@contextlib.contextmanager
def atomic_path(target: Location) -> Iterator[Path]:
    """Yield a temporary path in the target's directory; on success it replaces `target` in one rename
    (on object storage: a local temporary, uploaded whole under the target's key).

    The temporary name starts with `.` so dataset readers (pyarrow ignores dot files) never pick it up."""
    if is_remote(target):
        with _uploaded(target) as temporary:
            yield temporary
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_path(target)
    try:
        yield temporary
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        fault_point("atomic-rename")
    finally:
        temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def _uploaded(target) -> Iterator[Path]:
    temporary = temporary_path(target)
    try:
        yield temporary
        target.fs.put_file(str(temporary), target.key)
        fault_point("atomic-rename")
    finally:
        temporary.unlink(missing_ok=True)


def write_bytes_atomic(target: Location, data: bytes) -> None:
    """`data` as the whole of `target`, atomically (one PUT on object storage)."""
    if is_remote(target):
        target.write_bytes(data)
        fault_point("atomic-rename")
        return
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def is_stale_temporary(path: Path) -> bool:
    """A temporary of ours whose writer is gone: a process of this host that no longer runs, or the older
    unowned form (written before temporaries named their process)."""
    owned = _OWNED.match(path.name)
    if owned is None:
        return _UNOWNED.match(path.name) is not None
    return owned["host"] == _HOST and not _alive(int(owned["pid"]))


def sweep_temporaries(*roots: Location) -> int:
    """Remove the stale temporaries under `roots` (recursively); returns how many went. A zone on object
    storage has none (its temporaries are staged locally: the staging directory is swept instead)."""
    removed = 0
    if any(is_remote(root) for root in roots):
        roots = (*(root for root in roots if not is_remote(root)), staging_dir())
    for root in roots:
        if not root.is_dir():
            continue
        for path in root.rglob(".*.tmp"):
            if path.is_file() and is_stale_temporary(path):
                path.unlink(missing_ok=True)
                removed += 1
    return removed
