"""The vault's fingerprint index as a file, so every worker of a phase matches known subjects against the
same snapshot, whatever the others write to the vault meanwhile (`flows.tokenize.zone_run`).

Only keyed hashes and small codes (`vault.fingerprint_index`): no value, no subject. It lives in the clean
zone's hidden staging directory for the run and goes with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from flows.pipeline.atomic import atomic_path
from vault.fingerprint_index import FingerprintIndex

if TYPE_CHECKING:
    from flows.tokenize.known_subjects import KnownSubjects
    from vault.store import Vault

_FIELDS = ("fingerprints", "info", "starts", "longest")
_LOADED: dict[tuple[str, int], FingerprintIndex] = {}  # (path, mtime) -> index, one per worker process


def save_snapshot(vault: Vault, path: Path) -> str:
    """Write the vault's index now; returns the path for the phase's pieces."""
    index = vault.fingerprint_index()
    with atomic_path(path) as temporary, temporary.open("wb") as handle:
        np.savez(handle, **{name: getattr(index, name) for name in _FIELDS})
    return str(path)


def load_snapshot(vault: Vault, path: str) -> KnownSubjects:
    """The snapshot as the matcher tokenize uses, read once per process."""
    from flows.tokenize.known_subjects import KnownSubjects

    key = (path, Path(path).stat().st_mtime_ns)
    if key not in _LOADED:
        _LOADED.clear()
        with np.load(path) as arrays:
            _LOADED[key] = FingerprintIndex(*(arrays[name] for name in _FIELDS))
    return KnownSubjects(vault, _LOADED[key])
