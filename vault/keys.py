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
    path: Path | None = None  # the KEK file, when the KEK came from one

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


def read_kek_file(path: Path) -> Kek:
    """Read a KEK file (base64 text)."""
    try:
        text = path.read_text()
    except OSError as error:
        raise KekMissingError(f"cannot read the KEK file {path}: {error.strerror}") from None
    return decode_kek(text, f"file {path}", path)


def write_kek_file(path: Path, kek: bytes) -> None:
    """Write a KEK file with 0600 permissions, atomically; fails if the file already exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
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
