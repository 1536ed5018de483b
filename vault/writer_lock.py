"""One tokenizing process at a time on an SQLite vault: a second one is refused, with the setting that
lets many write at once.

SQLite lets one transaction write at a time: processes tokenizing into one file would queue behind each
other's batches (never faster than one) and, behind a long one, fail with "database is locked". So the
first `tokenize_batch` of a process takes an exclusive `flock` on `<vault file>.writer` and holds it until
the process closes its last vault on that file; another process's first `tokenize_batch` meanwhile raises
`ParallelWritersError` at once, naming the PostgreSQL setting. Reading takes no writer lock (detokenize,
audit, the lookups of erasure and access): their few writes, audit rows, wait their turn inside SQLite.
Vaults of one process share the lock (its threads are one writer, serialised by `BEGIN IMMEDIATE`); a
forked child does not inherit it. The OS drops it when the process ends, killed or not: nothing stale.
"""

from __future__ import annotations

import fcntl
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from vault.errors import VaultError

LOCK_SUFFIX = ".writer"


class ParallelWritersError(VaultError):
    """Another process is tokenizing into this SQLite vault."""


@dataclass
class _Hold:
    fd: int
    users: int


_held: dict[Path, _Hold] = {}  # this process's writer locks, by lock file
_guard = threading.Lock()


def _forget_inherited() -> None:
    """In a forked child: the parent's locks are not the child's to use, nor to keep held once it exits."""
    for hold in _held.values():
        os.close(hold.fd)
    _held.clear()


os.register_at_fork(after_in_child=_forget_inherited)


def lock_path(db_path: Path) -> Path:
    """The writer lock file beside an SQLite vault file."""
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


class WriterLock:
    """The writer lock of one SQLite vault file, as one `Vault` uses it: `acquire` before writing (again
    is a no-op), `release` on close."""

    def __init__(self, db_path: Path):
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._mine = False

    def acquire(self) -> None:
        """Take the lock (shared with this process's other vaults on the file), or raise
        `ParallelWritersError` when another process holds it."""
        if self._mine:
            return
        with _guard:
            hold = _held.get(self.path)
            if hold is None:
                hold = _held[self.path] = _Hold(self._lock_file(), 0)
            hold.users += 1
        self._mine = True

    def release(self) -> None:
        """Let go of this vault's share; the file lock goes with the process's last one."""
        if not self._mine:
            return
        self._mine = False
        with _guard:
            hold = _held.get(self.path)
            if hold is None:  # forked since acquiring: the parent's lock was never this process's
                return
            hold.users -= 1
            if hold.users == 0:
                del _held[self.path]
                os.close(hold.fd)

    def _lock_file(self) -> int:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
            os.close(fd)
            raise ParallelWritersError(self._refusal(holder)) from None
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)  # who holds it, for the next one's message
        return fd

    def _refusal(self, holder: str) -> str:
        who = f"process {holder}" if holder.isdigit() else "another process"
        return (
            f"the SQLite vault {self.db_path} takes one writer at a time and {who} is tokenizing into it "
            f"(it holds {self.path}): for parallel workers, set the catalog's `vault:` (or --vault) to a "
            "PostgreSQL URL, postgresql://user@host/db; or run one worker at a time"
        )
