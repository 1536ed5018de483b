"""The tokenize manifest: what each raw input file was (size, hash) and what it produced.

One small JSON entry per input file, under `<clean>/<dataset>/_manifest/`, so concurrent file tasks never
write the same file and pyarrow (which skips `_` paths) never mistakes an entry for data. An input whose
size, hash and settings match its entry, and whose outputs are still there, is skipped on the next run.
Entries hold paths, counts and hashes only — no personal data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from flows.pipeline.atomic import write_bytes_atomic

MANIFEST_DIR = "_manifest"


@dataclass(frozen=True)
class FileFingerprint:
    size: int
    sha256: str


@dataclass
class ManifestEntry:
    """One raw input file and what tokenizing it produced."""

    dataset: str
    file: str  # path relative to the raw zone
    size: int
    sha256: str
    settings: str  # hash of everything else that shapes the output (columns, kinds, format)
    output: str  # path relative to the dataset's clean directory
    records_in: int
    records_out: int
    quarantined: int
    quarantine_file: str | None = None
    bad_positions: list[int] = field(default_factory=list)

    def to_json(self) -> bytes:
        return (json.dumps(asdict(self), sort_keys=True, indent=1) + "\n").encode()


def fingerprint(path: Path, block: int = 1 << 20) -> FileFingerprint:
    """Size and SHA-256 of a file, read in blocks so memory stays flat."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while data := handle.read(block):
            digest.update(data)
            size += len(data)
    return FileFingerprint(size, digest.hexdigest())


def settings_hash(settings: dict) -> str:
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]


def entry_path(dataset_clean_dir: Path, raw_relpath: str) -> Path:
    return dataset_clean_dir / MANIFEST_DIR / (str(PurePosixPath(raw_relpath)) + ".json")


def load_entry(dataset_clean_dir: Path, raw_relpath: str) -> ManifestEntry | None:
    path = entry_path(dataset_clean_dir, raw_relpath)
    try:
        return ManifestEntry(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None  # missing or unreadable: the file is simply processed again


def save_entry(dataset_clean_dir: Path, entry: ManifestEntry) -> Path:
    path = entry_path(dataset_clean_dir, entry.file)
    write_bytes_atomic(path, entry.to_json())
    return path


def load_manifest(dataset_clean_dir: Path) -> list[ManifestEntry]:
    """Every entry of a dataset, in file order."""
    root = dataset_clean_dir / MANIFEST_DIR
    entries = []
    for path in sorted(root.rglob("*.json")) if root.exists() else []:
        try:
            entries.append(ManifestEntry(**json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, TypeError):
            continue
    return entries


def is_up_to_date(
    entry: ManifestEntry | None, current: FileFingerprint, settings: str, dataset_clean_dir: Path
) -> bool:
    """True when the input and settings are unchanged and the output is still in place."""
    return (
        entry is not None
        and entry.size == current.size
        and entry.sha256 == current.sha256
        and entry.settings == settings
        and (dataset_clean_dir / entry.output).exists()
    )
