"""`piivault keys rotate`: re-wrap every data key under a new KEK; no token and no ciphertext changes.

For a file-held KEK, in this order, each step safe to stop after (`vault.faults` names the points):
1. take `<kek file>.lock` (`flock`), so a second rotation of the same file waits, then does its own;
2. take the key store's rotation lock (`Vault.rotation_lock`): no wrap, unwrap or other rotation runs
   beside it, and a process whose KEK is stale reloads it first;
3. write the new KEK to `<kek file>.new` (0600, fsynced) — or, when `.new` is already there, reuse it: a
   rotation stopped before its commit left it, and nothing is wrapped under it;
4. re-wrap every key in that one key-store transaction and commit (the master secret's row then names the
   new KEK);
5. rename `.new` over the KEK file.
Stopped before 4 commits, nothing changed but `.new`; stopped after, `.new` holds the vault's KEK and every
process finds it there (`vault.keys.find_kek`). Running the rotation again finishes either: it re-wraps with
the left `.new`, or only renames it when its re-wrap had committed.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from vault import keystore
from vault.errors import KekMissingError
from vault.faults import fault_point
from vault.keys import (
    leftover_temporary_files,
    pending_kek_path,
    read_kek_file,
    sync_directory,
    write_kek_file,
)

if TYPE_CHECKING:
    from vault.store import Vault

log = logging.getLogger(__name__)

__all__ = [
    "RotationResult",
    "pending_kek_path",
    "rotate_kek_file",
    "rotate_to_new_file",
    "rotation_lock_path",
    "rotation_running",
]


@dataclass(frozen=True)
class RotationResult:
    """What a rotation did (key ids are public fingerprints, never key material; tokens are not values).

    `finished`: it only completed a rotation stopped after its re-wrap (no key re-wrapped now).
    `stranded`: tokens whose data keys open with no KEK the vault has, left as they were."""

    old_kek_id: str
    new_kek_id: str
    keys_rewrapped: int
    kek_file: Path
    finished: bool = False
    stranded: list[str] = field(default_factory=list)


def rotation_lock_path(kek_file: Path) -> Path:
    """The file a rotation of `kek_file` holds an exclusive `flock` on while it runs."""
    return kek_file.with_name(kek_file.name + ".lock")


def rotation_running(kek_file: Path) -> bool:
    """True while a rotation of `kek_file` holds its lock (so a pending `.new` is a rotation in progress,
    not one that was stopped)."""
    try:
        fd = os.open(rotation_lock_path(kek_file), os.O_RDONLY)
    except OSError:
        return False  # no rotation ever ran here, or the directory cannot be read: say nothing more
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def rotate_kek_file(vault: Vault, kek_file: Path) -> RotationResult:
    """Rotate the KEK held in `kek_file` (the file ends up holding the new KEK), or finish the rotation of
    it that was stopped part way."""
    with _exclusive(rotation_lock_path(kek_file)):
        return vault.retrying(lambda: _rotate_file(vault, kek_file))


def _rotate_file(vault: Vault, kek_file: Path) -> RotationResult:
    """One attempt of `rotate_kek_file`, under its file lock (`Vault.retrying` runs it again after a
    rotation from elsewhere made this process's KEK stale)."""
    pending = pending_kek_path(kek_file)
    with vault.rotation_lock() as (kconn, current):
        for leftover in leftover_temporary_files(pending):
            leftover.unlink(missing_ok=True)  # a KEK a killed rotation never linked into place
        if not pending.exists():
            write_kek_file(pending, AESGCM.generate_key(bit_length=256))
            fault_point("rotation-pending-written")
        new = read_kek_file(pending, kek_file)
        finished = new.key_id == current.kek.key_id  # its re-wrap committed before: only the rename is left
        report = keystore.Rewrap() if finished else keystore.rewrap_all(kconn, current, new)
        if not finished:
            fault_point("rotation-rewrapped")
    fault_point("rotation-committed")
    vault.use_kek(new)
    old_id = _file_kek_id(kek_file) if finished else current.kek.key_id
    os.replace(pending, kek_file)
    sync_directory(kek_file.parent)
    fault_point("rotation-replaced")
    log.info("rotated the KEK %s -> %s, %d keys re-wrapped", old_id, new.key_id, report.rewrapped)
    return RotationResult(old_id, new.key_id, report.rewrapped, kek_file, finished, report.stranded)


def _file_kek_id(kek_file: Path) -> str:
    """The id of the KEK in `kek_file`, or "none" when it cannot be read (only for reporting)."""
    try:
        return read_kek_file(kek_file).key_id
    except KekMissingError:
        return "none"


def rotate_to_new_file(vault: Vault, new_kek_file: Path) -> RotationResult:
    """Rotate a KEK from the environment: the new one goes to `new_kek_file` (which must not exist).

    The KEK of a process that took it from the environment cannot be reloaded: processes still running
    with the old one fail with `KekRotatedError` at their next wrap or unwrap, and strand nothing. So does
    this rotation when another one committed first."""
    if new_kek_file.exists():
        raise FileExistsError(errno.EEXIST, "the new KEK file already exists", str(new_kek_file))

    def rotate() -> RotationResult:
        with vault.rotation_lock() as (kconn, current):
            write_kek_file(new_kek_file, AESGCM.generate_key(bit_length=256))
            try:
                new = read_kek_file(new_kek_file)
                report = keystore.rewrap_all(kconn, current, new)
                fault_point("rotation-rewrapped")
            except BaseException:
                new_kek_file.unlink(missing_ok=True)  # its KEK wraps nothing: leave nothing to misuse
                raise
        vault.use_kek(new)
        old_id = current.kek.key_id
        return RotationResult(old_id, new.key_id, report.rewrapped, new_kek_file, False, report.stranded)

    return vault.retrying(rotate)


@contextmanager
def _exclusive(lock_file: Path) -> Iterator[None]:
    """An exclusive `flock` on `lock_file` (0600, created if missing), released on exit or process death."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("another rotation of %s is running: waiting for it to finish", lock_file.stem)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
