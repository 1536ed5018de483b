"""Retention step `raw`: delete the raw files past their retention that the plan found tokenized.

A raw file goes with what only it explains: its manifest entry (so erasure and rectification, which find
raw records through the manifest, know there is no raw file behind the clean partition any more) and its
quarantine file (the sealed unreadable records of that file: raw data too). They go in that order, so a
run killed half way leaves at worst a raw file without its manifest entry, which the rerun deletes (and
which a tokenize run in between would only tokenize again to the same clean file). The clean partition
stays: clean rows have their own retention. Fault point: `retention-raw-file` (one file done).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows.pipeline.catalog import Catalog
from flows.pipeline.errors import failure_context
from flows.pipeline.faults import fault_point
from flows.pipeline.manifest import load_entry, retire_entry
from flows.requests import progress

if TYPE_CHECKING:
    from vault.store import Vault

STEP = "raw"


def delete_raw_file(catalog: Catalog, vault: Vault, run_id: str, dataset: str, relpath: str) -> dict:
    """Delete one raw file, its quarantine file and its manifest entry; resumable, idempotent."""
    key = f"{dataset}/{relpath}"
    found = progress.load(vault, run_id, STEP, key)
    if found and found[1]:
        return found[0]
    clean_dir = catalog.clean_dir / dataset
    with failure_context(dataset, relpath):
        entry = load_entry(clean_dir, relpath)
        quarantine = entry.quarantine_file if entry else (found[0]["quarantine_file"] if found else None)
        size = entry.size if entry else (found[0]["size"] if found else 0)
        state = {"dataset": dataset, "file": relpath, "size": size, "quarantine_file": quarantine}
        progress.save(vault, run_id, STEP, state, item=key)
        retire_entry(clean_dir, relpath)  # the clean file stays (its own retention applies)
        if quarantine:
            (catalog.quarantine_dir / quarantine).unlink(missing_ok=True)
        (catalog.raw_dir / relpath).unlink(missing_ok=True)
    progress.save(vault, run_id, STEP, state, done=True, item=key)
    fault_point("retention-raw-file")
    return state


def delete_raw_files(catalog: Catalog, vault: Vault, run_id: str, due: list[list[str]]) -> list[dict]:
    """The raw step over every file due; one result per file."""
    return [delete_raw_file(catalog, vault, run_id, dataset, relpath) for dataset, relpath in due]
