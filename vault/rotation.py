"""`piivault keys rotate`: re-wrap every data key under a new KEK; no token and no ciphertext changes.

Crash-safe order for a file-held KEK: the new KEK is first written to `<kek file>.new` (0600), then all
keys are re-wrapped in one key-store transaction, then `.new` atomically replaces the KEK file. A rotation
stopped in between leaves the vault readable with one of the two files; `Vault.open` tries `.new` when
the KEK file no longer matches, and running the rotation again completes it.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from vault.keys import read_kek_file, write_kek_file

if TYPE_CHECKING:
    from vault.store import Vault

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RotationResult:
    """What a rotation did (key ids are public fingerprints, never key material)."""

    old_kek_id: str
    new_kek_id: str
    keys_rewrapped: int
    kek_file: Path


def pending_kek_path(kek_file: Path) -> Path:
    """Where a rotation keeps the new KEK until the re-wrap has committed."""
    return kek_file.with_name(kek_file.name + ".new")


def rotate_kek_file(vault: Vault, kek_file: Path) -> RotationResult:
    """Rotate the KEK held in `kek_file` (the file ends up holding the new KEK).

    When the vault was opened with the pending KEK of an interrupted rotation, this finishes that
    rotation instead of starting another one.
    """
    if kek_file.name.endswith(".new") and kek_file.with_name(kek_file.name[: -len(".new")]).exists():
        kek_file = kek_file.with_name(kek_file.name[: -len(".new")])
    pending = pending_kek_path(kek_file)
    if not pending.exists():
        write_kek_file(pending, AESGCM.generate_key(bit_length=256))
    new_kek = read_kek_file(pending)
    old_id = vault.kek.key_id
    count = vault.rotate_kek(new_kek)
    os.replace(pending, kek_file)
    log.info("rotated the KEK %s -> %s, %d keys re-wrapped", old_id, new_kek.key_id, count)
    return RotationResult(old_id, new_kek.key_id, count, kek_file)


def rotate_to_new_file(vault: Vault, new_kek_file: Path) -> RotationResult:
    """Rotate a KEK from the environment: the new one goes to `new_kek_file` (which must not exist)."""
    write_kek_file(new_kek_file, AESGCM.generate_key(bit_length=256))
    new_kek = read_kek_file(new_kek_file)
    old_id = vault.kek.key_id
    count = vault.rotate_kek(new_kek)
    return RotationResult(old_id, new_kek.key_id, count, new_kek_file)
