"""Retention step `clean`: drop the clean rows past their retention, and their raw records with them.

Only the partitions the plan lists are read and rewritten. Their rows past retention go from the clean
file (written beside it and renamed) and the lineage is recorded again from what is left, so an erasure no
longer visits a partition for tokens it does not hold. When the partition's raw file is still in the raw
zone, the same records are dropped from it too (by position, every other record byte for byte; the file
keeps its modification time) and the manifest entry is updated: raw and clean stay row for row, so a later
tokenize run skips the file instead of bringing the rows back, and erasure still maps rows to records. A
raw file changed since it was tokenized is not touched: the partition is kept and reported. A partition
left without rows and without a raw file is deleted.

Resumable: the plan of a partition (hashes before and after) is recorded before any rename; the raw file
is renamed before the clean one, so a rerun tells from the hashes what is left to do, and recomputes the
rest from the files (the dates decide, from the run's recorded `as_of`). Fault points:
`retention-clean-plan`, `retention-clean-raw`, `retention-clean-partition`.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from flows.erasure.raw_records import rewrite_raw_file
from flows.pipeline.atomic import temporary_path
from flows.pipeline.catalog import Catalog, days
from flows.pipeline.errors import failure_context
from flows.pipeline.faults import fault_point
from flows.pipeline.manifest import fingerprint, load_manifest, save_entry
from flows.pipeline.readers import read_chunks
from flows.pipeline.storage import publish, read_table
from flows.requests import progress
from flows.requests.rows import placeholders_in
from flows.retention.plan import due_rows

if TYPE_CHECKING:
    from vault.store import Vault

STEP = "clean"


def cutoff(catalog: Catalog, dataset: str, as_of: str) -> datetime:
    return datetime.fromisoformat(as_of) - timedelta(days=days(catalog.dataset(dataset).retention.clean))


def _entry(catalog: Catalog, dataset: str, partition: str):
    for entry in load_manifest(catalog.clean_dir / dataset):
        if entry.output == partition:
            return entry
    return None


def _kept(table: pa.Table, due: list[int]) -> pa.Table:
    drop = set(due)
    return table.filter(pa.array([i not in drop for i in range(table.num_rows)], pa.bool_()))


def _write_parquet(table: pa.Table, target: Path) -> Path:
    temporary = temporary_path(target)
    pq.write_table(table.replace_schema_metadata(None), temporary, compression="zstd")
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    return temporary


def _drop_raw_records(catalog: Catalog, dataset: str, entry, due: list[int], rows: int):
    """A temporary raw file without the records of the due rows, and what it dropped; None when the raw
    file does not match its clean partition any more (then nothing is changed)."""
    spec = catalog.dataset(dataset)
    path = catalog.raw_dir / entry.file
    positions = [
        p for chunk in read_chunks(path, spec.format, encoding=spec.encoding) for p in chunk.positions
    ]
    if len(positions) != rows:
        return None
    temporary = temporary_path(path)
    edits = {positions[i]: {"action": "drop"} for i in due}
    result = rewrite_raw_file(path, temporary, spec.format, edits, set(entry.bad_positions), spec.encoding)
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    before = path.stat()
    os.utime(temporary, ns=(before.st_atime_ns, before.st_mtime_ns))
    return temporary, result


def _fresh(
    catalog: Catalog, vault: Vault, run_id: str, dataset: str, partition: str, moment: datetime
) -> dict:
    path = catalog.clean_dir / dataset / partition
    due, rows, _undated = due_rows(catalog, dataset, partition, moment)
    state = {"dataset": dataset, "partition": partition, "rows": rows, "rows_dropped": 0, "note": ""}
    state |= {"raw_file": None, "raw_records_dropped": 0, "deleted": False, "clean_sha_after": None}
    if not due:
        return state
    entry = _entry(catalog, dataset, partition)
    raw = entry if entry is not None and (catalog.raw_dir / entry.file).exists() else None
    raw_temporary = None
    if raw is not None:
        if fingerprint(catalog.raw_dir / raw.file).sha256 != raw.sha256:
            return state | {"note": "kept: its raw file changed since it was tokenized; run tokenize first"}
        dropped = _drop_raw_records(catalog, dataset, raw, due, rows)
        if dropped is None:
            return state | {"note": "kept: raw records and clean rows differ; run tokenize --force on it"}
        raw_temporary, result = dropped
        after = fingerprint(raw_temporary)
        state |= {
            "raw_file": raw.file,
            "raw_records_dropped": result.dropped,
            "moved_lines": {str(k): v for k, v in result.moved_lines.items()},
            "raw_sha_after": after.sha256,
            "raw_size_after": after.size,
        }
    table = _kept(read_table(path), due)
    state |= {"rows_dropped": len(due), "deleted": table.num_rows == 0 and raw is None}
    clean_temporary = None if state["deleted"] else _write_parquet(table, path)
    if clean_temporary is not None:
        state["clean_sha_after"] = fingerprint(clean_temporary).sha256
    try:
        progress.save(vault, run_id, STEP, state, item=f"{dataset}/{partition}")
        fault_point("retention-clean-plan")
        if raw_temporary is not None:
            publish(raw_temporary, catalog.raw_dir / raw.file)
            fault_point("retention-clean-raw")
        _replace_clean(path, clean_temporary)
    finally:
        for temporary in (raw_temporary, clean_temporary):
            if temporary is not None:
                temporary.unlink(missing_ok=True)
    return state


def _replace_clean(path: Path, temporary: Path | None) -> None:
    if temporary is None:
        path.unlink(missing_ok=True)
    else:
        publish(temporary, path)
    fault_point("retention-clean-partition")


def _resume(catalog: Catalog, state: dict, moment: datetime) -> None:
    """Finish a partition whose plan was recorded: its raw file was renamed already (else the caller starts
    afresh); rename its clean file if that is still to do."""
    path = catalog.clean_dir / state["dataset"] / state["partition"]
    if state["deleted"]:
        path.unlink(missing_ok=True)
        return
    if path.exists() and fingerprint(path).sha256 != state["clean_sha_after"]:
        due, _rows, _undated = due_rows(catalog, state["dataset"], state["partition"], moment)
        _replace_clean(path, _write_parquet(_kept(read_table(path), due), path))


def _raw_renamed(catalog: Catalog, state: dict) -> bool:
    if state["raw_file"] is None:
        return True
    path = catalog.raw_dir / state["raw_file"]
    return path.exists() and fingerprint(path).sha256 == state["raw_sha_after"]


def _bookkeeping(catalog: Catalog, vault: Vault, state: dict) -> None:
    """The manifest entry of a rewritten raw file, and the partition's lineage."""
    dataset, partition = state["dataset"], state["partition"]
    if state["raw_file"] is not None:
        entry = _entry(catalog, dataset, partition)
        if entry is not None and entry.sha256 != state["raw_sha_after"]:
            moved = {int(k): v for k, v in state["moved_lines"].items()}
            save_entry(
                catalog.clean_dir / dataset,
                replace(
                    entry,
                    size=state["raw_size_after"],
                    sha256=state["raw_sha_after"],
                    records_in=entry.records_in - state["raw_records_dropped"],
                    records_out=entry.records_out - state["raw_records_dropped"],
                    bad_positions=[moved.get(p, p) for p in entry.bad_positions],
                ),
            )
    path = catalog.clean_dir / dataset / partition
    held = sorted(placeholders_in(read_table(path))) if path.exists() else []
    vault.record_lineage(dataset, partition, held, replace=True)


def drop_partition_rows(
    catalog: Catalog, vault: Vault, run_id: str, dataset: str, partition: str, as_of: str
) -> dict:
    """Drop one partition's rows past retention (and their raw records), resumably; returns counts."""
    key = f"{dataset}/{partition}"
    found = progress.load(vault, run_id, STEP, key)
    if found and found[1]:
        return found[0]
    moment = cutoff(catalog, dataset, as_of)
    with failure_context(dataset, partition):
        if not (catalog.clean_dir / dataset / partition).exists() and not found:
            state = {"dataset": dataset, "partition": partition, "rows": 0, "rows_dropped": 0}
            state |= {
                "raw_file": None,
                "raw_records_dropped": 0,
                "deleted": False,
                "note": "clean file missing",
            }
        elif found and _raw_renamed(catalog, found[0]):
            state = found[0]
            _resume(catalog, state, moment)
        else:
            state = _fresh(catalog, vault, run_id, dataset, partition, moment)
        if state["rows_dropped"]:
            _bookkeeping(catalog, vault, state)
    progress.save(vault, run_id, STEP, state, done=True, item=key)
    return state


def drop_clean_rows(catalog: Catalog, vault: Vault, run_id: str, due: list[list], as_of: str) -> list[dict]:
    """The clean step over every partition with rows due; one result per partition."""
    return [drop_partition_rows(catalog, vault, run_id, d, p, as_of) for d, p, _due, _rows in due]
