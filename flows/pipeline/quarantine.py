"""Quarantine for records the readers could not read: kept encrypted, so nothing is lost and nothing leaks.

One quarantine file per input file that had bad records, JSON lines of
`{"dataset", "file", "position", "reason", "sealed"}`: the position and reason are not personal; the raw
record is sealed with AES-GCM (nonce + ciphertext, base64) under a key from the vault's key hierarchy,
with the dataset, file and position as associated data so a sealed record cannot be moved to another place.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from flows.pipeline.atomic import atomic_path
from flows.pipeline.readers import BadRecord

if TYPE_CHECKING:
    from vault.store import Vault

Sealer = Callable[[bytes, bytes], bytes]  # (plaintext, associated data) -> sealed bytes
NONCE_BYTES = 12


def aesgcm_sealer(key: bytes) -> Sealer:
    """Seal with AES-GCM under `key` (16/24/32 bytes); the random nonce is prefixed to the ciphertext."""
    cipher = AESGCM(key)

    def seal(plaintext: bytes, associated: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + cipher.encrypt(nonce, plaintext, associated)

    return seal


def quarantine_key(vault: Vault) -> bytes:
    """The quarantine's AES-256 key, derived from the vault's master secret (so it survives KEK rotation):
    opening a quarantined record needs the vault's keys."""
    return vault.derived_key("flows.quarantine")  # the label predates the package split: keep it


def quarantine_sealer(vault: Vault) -> Sealer:
    """Seal quarantined records under the quarantine key."""
    return aesgcm_sealer(quarantine_key(vault))


def aesgcm_opener(key: bytes) -> Callable[[bytes, bytes], bytes]:
    """The inverse of `aesgcm_sealer`, for a privacy officer who must inspect a quarantined record."""
    cipher = AESGCM(key)
    return lambda sealed, associated: cipher.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], associated)


def associated_data(dataset: str, file: str, position: int) -> bytes:
    return f"piivault-quarantine|{dataset}|{file}|{position}".encode()


@dataclass
class QuarantineFile:
    """Collects the bad records of one input file and writes them, sealed, in one atomic step."""

    path: Path
    dataset: str
    file: str
    seal: Sealer
    entries: list[dict] = field(default_factory=list)

    def add(self, record: BadRecord) -> None:
        sealed = self.seal(record.raw, associated_data(self.dataset, self.file, record.position))
        self.entries.append(
            {
                "dataset": self.dataset,
                "file": self.file,
                "position": record.position,
                "reason": record.reason,
                "sealed": base64.b64encode(sealed).decode("ascii"),
            }
        )

    def close(self) -> Path | None:
        """Write the file when there is anything to keep (and remove a stale one when there is not)."""
        if not self.entries:
            self.path.unlink(missing_ok=True)
            return None
        with atomic_path(self.path) as temporary:
            with temporary.open("w", encoding="utf-8") as handle:
                for entry in self.entries:
                    handle.write(json.dumps(entry, sort_keys=True) + "\n")
        return self.path


def read_quarantine(path: Path) -> list[dict]:
    """The entries of a quarantine file (still sealed)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
