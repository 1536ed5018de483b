"""Atomic file replacement: write beside the target, fsync, rename — readers never see half a file.

A temporary's name says which process wrote it (`.<target>.<host>-<pid>.<random>.tmp`), so a later run can
tell the temporaries of a process that was killed (kill -9 runs no cleanup) from those of one still
writing, and remove only the former (`sweep_temporaries`, run by every writer of a zone when it takes the
zone lock).
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

_HOST = re.sub(r"[^A-Za-z0-9]", "_", socket.gethostname())[:64] or "host"
_OWNED = re.compile(r"^\..+\.(?P<host>[A-Za-z0-9_]+)-(?P<pid>\d+)\.[0-9a-f]{32}\.tmp$")
_UNOWNED = re.compile(r"^\..+\.[0-9a-f]{32}\.tmp$")  # the form before temporaries named their process


def temporary_path(target: Path) -> Path:
    """A fresh temporary path beside `target`, named after this process."""
    return target.with_name(f".{target.name}.{_HOST}-{os.getpid()}.{uuid.uuid4().hex}.tmp")


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's directory; on success it replaces `target` in one rename.

    The temporary name starts with `.` so dataset readers (pyarrow ignores dot files) never pick it up."""
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


def write_bytes_atomic(target: Path, data: bytes) -> None:
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


def sweep_temporaries(*roots: Path) -> int:
    """Remove the stale temporaries under `roots` (recursively); returns how many went."""
    removed = 0
    for root in roots:
        if not root.is_dir():
            continue
        for path in root.rglob(".*.tmp"):
            if path.is_file() and is_stale_temporary(path):
                path.unlink(missing_ok=True)
                removed += 1
    return removed
