"""The tokenize manifest: what each raw input file was (size, hash) and what it produced.

One small JSON entry per input file, under `<clean>/<dataset>/_manifest/`, so concurrent file tasks never
write the same file and pyarrow (which skips `_` paths) never mistakes an entry for data. An input whose
size, hash and settings match its entry, and whose outputs are still there, is skipped on the next run.
Entries hold paths, counts and hashes only — no personal data.

On object storage, where nothing can be renamed into place, the manifest is the commit: a file's entry is
written last, with a single PUT, after the clean file and the quarantine file it names, and readers there
trust only what an entry names (`named_outputs`). A tokenize killed between its uploads and its entry
leaves objects no entry names; readers ignore them and the next writer to take the zone lock deletes them
(`sweep_unpublished`). One entry per raw file rather than one per dataset keeps that commit a blind write:
concurrent file tasks never read-modify-write a shared object, which a store without compare-and-swap
could not make safe.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from flows.pipeline.atomic import write_bytes_atomic
from flows.pipeline.storage import Location, is_remote

if TYPE_CHECKING:
    from flows.pipeline.catalog import Catalog

MANIFEST_DIR = "_manifest"
RETIRED_DIR = "_retired"  # object storage: clean files kept after retention deleted their raw file


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


def fingerprint(path: Location, block: int = 1 << 20) -> FileFingerprint:
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


def entry_path(dataset_clean_dir: Location, raw_relpath: str) -> Location:
    return dataset_clean_dir / MANIFEST_DIR / (str(PurePosixPath(raw_relpath)) + ".json")


def load_entry(dataset_clean_dir: Location, raw_relpath: str) -> ManifestEntry | None:
    path = entry_path(dataset_clean_dir, raw_relpath)
    try:
        return ManifestEntry(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None  # missing or unreadable: the file is simply processed again


def save_entry(dataset_clean_dir: Location, entry: ManifestEntry) -> Location:
    path = entry_path(dataset_clean_dir, entry.file)
    write_bytes_atomic(path, entry.to_json())
    return path


def load_manifest(dataset_clean_dir: Location) -> list[ManifestEntry]:
    """Every entry of a dataset, in file order."""
    root = dataset_clean_dir / MANIFEST_DIR
    entries = []
    for path in sorted(root.rglob("*.json")) if is_remote(root) or root.exists() else []:
        try:
            entries.append(ManifestEntry(**json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, TypeError):
            continue
    return entries


def is_up_to_date(
    entry: ManifestEntry | None, current: FileFingerprint, settings: str, dataset_clean_dir: Location
) -> bool:
    """True when the input and settings are unchanged and the output is still in place."""
    return (
        entry is not None
        and entry.size == current.size
        and entry.sha256 == current.sha256
        and entry.settings == settings
        and (dataset_clean_dir / entry.output).exists()
    )


def named_outputs(dataset_clean_dir: Location) -> list[str]:
    """The clean files (relative to the dataset's clean directory) the manifest names, in name order; on
    object storage also those kept after their raw file was retired, and only those that exist (one
    listing, so a partition retention deleted whole is not named)."""
    names = {entry.output for entry in load_manifest(dataset_clean_dir)}
    if is_remote(dataset_clean_dir):
        for marker in (dataset_clean_dir / RETIRED_DIR).rglob("*.json"):
            try:
                names.add(json.loads(marker.read_text())["output"])
            except (OSError, ValueError, KeyError, TypeError):
                continue
        existing = {p.relative_to(dataset_clean_dir).as_posix() for p in dataset_clean_dir.rglob("*.parquet")}
        names &= existing
    return sorted(names)


def retire_entry(dataset_clean_dir: Location, raw_relpath: str) -> None:
    """Forget a raw file that is gone for good (retention deleted it) while its clean file stays: the entry
    goes; on object storage a marker naming the clean file is written first, or readers there, which trust
    only what is named, would drop it and the next sweep would delete it."""
    entry = load_entry(dataset_clean_dir, raw_relpath)
    if entry is not None and is_remote(dataset_clean_dir):
        marker = dataset_clean_dir / RETIRED_DIR / (entry.output + ".json")
        write_bytes_atomic(marker, json.dumps({"output": entry.output}).encode())
    entry_path(dataset_clean_dir, raw_relpath).unlink(missing_ok=True)


def sweep_unpublished(catalog: Catalog) -> int:
    """Delete the clean and quarantine objects of a zone on object storage that no manifest entry names
    (uploads of a run killed before its entries); returns how many went. Run under the zone lock only:
    a writer's objects are unnamed until it writes their entries."""
    removed = 0
    for name in catalog.datasets:
        clean = catalog.clean_dir / name
        entries = load_manifest(clean)
        outputs = set(named_outputs(clean))
        quarantined = {entry.quarantine_file for entry in entries if entry.quarantine_file}
        if is_remote(clean):
            removed += _remove_unnamed(clean, "*.parquet", clean, outputs)
        quarantine = catalog.quarantine_dir
        if is_remote(quarantine):
            removed += _remove_unnamed(quarantine / name, "*.quarantine.jsonl", quarantine, quarantined)
    return removed


def _remove_unnamed(root, pattern: str, base, named: set[str]) -> int:
    removed = 0
    for path in root.rglob(pattern):
        relative = path.relative_to(base).as_posix()
        if MANIFEST_DIR in path.relative_to(root).parts or relative in named:
            continue
        path.unlink(missing_ok=True)
        removed += 1
    return removed
