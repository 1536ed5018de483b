"""Keys: the key-encrypting key (KEK), AES-GCM data keys, and how values are sealed with them.

Key hierarchy
- KEK (32 bytes): never stored in any vault database. Taken from the file named by `PIIVAULT_KEK_FILE`,
  else from `PIIVAULT_KEK` (base64), else, for the embedded SQLite default only, from `<vault>.kek` beside
  the database, created on first use with 0600 permissions (a log line says so, without key material).
- Data keys: one random AES-256 key per distinct value (per token). Each is wrapped (AES-GCM) by the KEK
  and kept in the key store (`vault.keystore`), apart from the ciphertexts in the vault tables.
- Master secret: one random 32-byte secret from which the token HMAC keys derive, wrapped by the KEK in
  the key store too, so `piivault keys rotate` re-wraps it without changing any token.

Why a key per value: a value is shared when several subjects are linked to it (two John Smiths, one
family landline). Erasing a subject deletes the data keys of the values linked to that subject alone;
values still linked to another subject keep their key and stay readable for them, and are shredded when
their last subject is erased. A per-subject key could not do that without copying shared values.

Every wrap and every ciphertext carries the token as AES-GCM associated data, so a key or ciphertext
moved to another row fails to open instead of yielding another person's value.

A KEK rotation (`vault.rotation`) can replace the KEK under a running process. The key store says which KEK
is current (`vault.keystore`); a process that finds its own stale reloads it from where it came from
(`find_kek`: its file, or the pending `.new` of a rotation in progress) and retries. A KEK from
`PIIVAULT_KEK` or an argument cannot be reloaded: that process stops with `KekRotatedError`.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from vault.errors import KekMismatchError, KekMissingError

log = logging.getLogger(__name__)

KEK_FILE_ENV = "PIIVAULT_KEK_FILE"
KEK_ENV = "PIIVAULT_KEK"
KEY_BYTES = 32
NONCE_BYTES = 12


@dataclass(frozen=True)
class Kek:
    """A key-encrypting key and where it came from (for messages; never the key itself)."""

    key: bytes
    source: str
    # The configured KEK file, when the KEK came from one (also when it was read from that file's pending
    # `.new` during a rotation): where a stale KEK is reloaded from, and what `keys rotate` replaces.
    path: Path | None = None
    pending: bool = False  # read from the pending `.new` of `path`: a rotation's new KEK

    @property
    def key_id(self) -> str:
        """Public fingerprint of the KEK, stored with wrapped keys to say which KEK they need."""
        return hashlib.sha256(b"piivault kek id" + self.key).hexdigest()[:16]

    def __repr__(self) -> str:  # never print key material
        return f"Kek(id={self.key_id}, source={self.source})"


def decode_kek(text: str, source: str, path: Path | None = None) -> Kek:
    """A KEK from its base64 text; a clear error when it is not 32 bytes of base64."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except ValueError:
        raise KekMissingError(f"the KEK from {source} is not valid base64") from None
    if len(key) != KEY_BYTES:
        raise KekMissingError(f"the KEK from {source} must be {KEY_BYTES} bytes, base64-encoded")
    return Kek(key, source, path)


def read_kek_file(path: Path, configured: Path | None = None) -> Kek:
    """Read a KEK file (base64 text); `configured`: the KEK file it stands in for, when `path` is that
    file's pending `.new`."""
    try:
        text = path.read_text()
    except OSError as error:
        raise KekMissingError(f"cannot read the KEK file {path}: {error.strerror}") from None
    kek = decode_kek(text, f"file {path}", configured or path)
    return Kek(kek.key, kek.source, kek.path, pending=configured is not None and configured != path)


def pending_kek_path(kek_file: Path) -> Path:
    """Where a rotation keeps the new KEK until its re-wrap has committed and it replaces `kek_file`."""
    return kek_file.with_name(kek_file.name + ".new")


def write_kek_file(path: Path, kek: bytes) -> None:
    """Write a KEK file with 0600 permissions, atomically and durably; fails if the file already exists.

    Durably: a rotation commits keys wrapped under this KEK right after, so the file and its directory
    entry must survive a power cut that the database commit survives."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_kek_path(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, base64.b64encode(kek) + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # atomic, and refuses to replace a KEK another process created first
    finally:
        tmp.unlink()
    sync_directory(path.parent)


def temporary_kek_path(path: Path) -> Path:
    """The scratch file `write_kek_file` writes before linking it to `path`."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def leftover_temporary_files(path: Path) -> list[Path]:
    """Scratch files of `write_kek_file(path, ...)` that a killed process left (each holds a KEK that
    wraps nothing). Only safe to delete while nobody else may be writing `path`."""
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def sync_directory(directory: Path) -> None:
    """fsync a directory, so a file created or renamed in it stays so after a power cut."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def find_kek(loaded: Kek, wanted_id: str) -> Kek | None:
    """The KEK whose id is `wanted_id`, from the file `loaded` came from or its pending `.new`; None when
    neither holds it, or when `loaded` did not come from a file (an argument, `PIIVAULT_KEK`).

    A rotation commits its re-wrap with the new KEK in `.new`, then renames `.new` over the file: a reader
    between the two finds it in `.new`, one after in the file, one during may see neither the old file nor
    `.new` and looks again."""
    if loaded.path is None:
        return None
    for _attempt in range(3):
        for candidate in (loaded.path, pending_kek_path(loaded.path)):
            try:
                found = read_kek_file(candidate, loaded.path)
            except KekMissingError:  # not there (yet, or any more), or half-written by hand
                continue
            if found.key_id == wanted_id:
                return found
    return None


def default_kek_path(sqlite_path: Path) -> Path:
    """Where the embedded default keeps its KEK: beside the SQLite vault."""
    return sqlite_path.with_name(sqlite_path.name + ".kek")


def load_kek(explicit: bytes | str | None = None, sqlite_path: Path | None = None) -> Kek:
    """The KEK to use: explicit argument, `PIIVAULT_KEK_FILE`, `PIIVAULT_KEK`, or the embedded default file.

    For an SQLite vault without any configured KEK, the default file beside it is read, or created with
    0600 permissions on first use. Any other vault without a KEK is an error.
    """
    if isinstance(explicit, bytes):
        if len(explicit) != KEY_BYTES:
            raise KekMissingError(f"the KEK must be {KEY_BYTES} bytes")
        return Kek(explicit, "argument")
    if isinstance(explicit, str):
        return decode_kek(explicit, "argument")
    if os.environ.get(KEK_FILE_ENV):
        return read_kek_file(Path(os.environ[KEK_FILE_ENV]))
    if os.environ.get(KEK_ENV):
        return decode_kek(os.environ[KEK_ENV], f"environment variable {KEK_ENV}")
    if sqlite_path is None:
        raise KekMissingError(
            f"no KEK configured: set {KEK_FILE_ENV} to a key file or {KEK_ENV} to a base64 key "
            "(only the embedded SQLite vault creates its own key file)"
        )
    path = default_kek_path(sqlite_path)
    if not path.exists():
        try:
            write_kek_file(path, AESGCM.generate_key(bit_length=256))
            log.warning("created a new KEK file %s (0600); back it up apart from the vault database", path)
        except FileExistsError:
            pass  # another process created it first: use theirs
    return read_kek_file(path)


def new_data_key() -> bytes:
    """A fresh random AES-256 key."""
    return os.urandom(KEY_BYTES)


def seal(key: bytes, plaintext: bytes, associated: bytes) -> bytes:
    """AES-GCM: nonce || ciphertext+tag."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, associated)


def open_sealed(key: bytes, sealed: bytes, associated: bytes) -> bytes:
    """Inverse of `seal`; raises `InvalidTag` when the key or the associated data is wrong."""
    return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], associated)


class KeyWrapper:
    """Wraps and unwraps data keys under one KEK."""

    def __init__(self, kek: Kek):
        self.kek = kek
        self._aead = AESGCM(kek.key)

    def wrap(self, data_key: bytes, label: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, data_key, b"piivault wrap|" + label.encode())

    def unwrap(self, wrapped: bytes, label: str) -> bytes:
        try:
            return self._aead.decrypt(
                wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], b"piivault wrap|" + label.encode()
            )
        except InvalidTag:
            raise KekMismatchError(
                f"a data key ({label}) does not open with KEK {self.kek.key_id} from {self.kek.source}: "
                "wrong KEK for this vault"
            ) from None
