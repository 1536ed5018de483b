"""Resumable rewrites of a request's clean partitions and raw files, shared by erasure and rectification.

Each rewrite records its plan in the vault (`flows.requests.progress`, one item per clean partition) with
the new file's hash before the rename, so a run stopped anywhere resumes without redoing or losing work:
- a file whose hash is the recorded `after` was renamed already: only its bookkeeping is redone;
- otherwise the plan is computed again from the file as it is (the rename never happened).
The steps differ in what they plan and how they write; `fault_prefix` names their fault points apart
(`clean-plan` for erasure, `rectify-clean-plan` for rectification).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

import pyarrow as pa

from flows.pipeline.catalog import Catalog
from flows.pipeline.errors import PipelineError, failure_context
from flows.pipeline.faults import fault_point
from flows.pipeline.manifest import fingerprint, load_entry, load_manifest, save_entry
from flows.pipeline.storage import Location, read_table
from flows.requests import progress
from flows.requests.rows import placeholders_in

if TYPE_CHECKING:
    from vault.store import Vault


class CleanPlan(Protocol):
    """What a clean step records per partition: at least the file's hashes before and after."""

    clean_sha_before: str | None
    clean_sha_after: str | None

    def to_dict(self) -> dict: ...


class RawPlan(Protocol):
    """What the raw step needs of a partition's plan: where its raw file is and its hash when tokenized."""

    dataset: str
    partition: str
    raw_file: str | None
    raw_sha_before: str | None


Plan = TypeVar("Plan", bound=CleanPlan)


def item_key(dataset: str, partition: str) -> str:
    """The progress item of one clean partition (and of the raw file behind it)."""
    return f"{dataset}/{partition}"


def manifest_entry(catalog: Catalog, dataset: str, partition: str):
    """The tokenize manifest entry that produced a clean partition (its raw file), or None."""
    for entry in load_manifest(catalog.clean_dir / dataset):
        if entry.output == partition:
            return entry
    return None


def rewrite_clean_partition(
    vault: Vault,
    request_id: str,
    step: str,
    dataset: str,
    partition: str,
    path: Location,
    *,
    load: Callable[[dict], Plan],
    missing: Callable[[], Plan],
    plan: Callable[[pa.Table], tuple[Plan, pa.Table | None]],
    write: Callable[[pa.Table, Location, Callable[[Path], None]], None],
    fault_prefix: str = "",
) -> Plan:
    """Rewrite one clean partition at `path`, resumably; returns its (recorded) plan.

    `load` reads a recorded plan, `missing()` is the plan of a partition whose file is gone, `plan(table)`
    gives the plan and the new table (None when nothing changes), and `write(table, path, on_written)`
    writes it beside `path`, calls `on_written(temporary)` and renames it into place."""
    key = item_key(dataset, partition)
    found = progress.load(vault, request_id, step, key)
    if found and found[1]:
        return load(found[0])
    with failure_context(dataset, partition):
        if not path.exists():
            gone = missing()
            progress.save(vault, request_id, step, gone.to_dict(), done=True, item=key)
            return gone
        current = fingerprint(path).sha256
        earlier = load(found[0]) if found else None
        if earlier is not None and earlier.clean_sha_after == current:
            recorded, table = earlier, read_table(path)  # renamed before the run stopped
        else:
            recorded, table = plan(read_table(path))
            recorded.clean_sha_before = current
            if table is not None:

                def record(temporary: Path) -> None:
                    recorded.clean_sha_after = fingerprint(temporary).sha256
                    progress.save(vault, request_id, step, recorded.to_dict(), item=key)
                    fault_point(f"{fault_prefix}clean-plan")

                write(table, path, record)
                fault_point(f"{fault_prefix}clean-partition")
        if table is not None:
            vault.record_lineage(dataset, partition, sorted(placeholders_in(table)), replace=True)
            fault_point(f"{fault_prefix}clean-lineage")
    progress.save(vault, request_id, step, recorded.to_dict(), done=True, item=key)
    fault_point(f"{fault_prefix}clean-done")
    return recorded


def update_manifest(catalog: Catalog, dataset: str, raw_file: str, state: dict) -> None:
    """The tokenize manifest entry of a rewritten raw file: its new size and hash (so the next tokenize
    run skips it), fewer records by those dropped, and its bad records' positions as they moved."""
    clean_dir = catalog.clean_dir / dataset
    entry = load_entry(clean_dir, raw_file)
    if entry is None or entry.sha256 == state["sha_after"]:
        return
    moved = {int(k): v for k, v in state["moved_lines"].items()}
    dropped = state.get("dropped", 0)
    save_entry(
        clean_dir,
        replace(
            entry,
            size=state["size_after"],
            sha256=state["sha_after"],
            records_in=entry.records_in - dropped,
            records_out=entry.records_out - dropped,
            bad_positions=[moved.get(p, p) for p in entry.bad_positions],
        ),
    )


def rewrite_raw_behind(
    catalog: Catalog,
    vault: Vault,
    request_id: str,
    step: str,
    plan: RawPlan,
    rewrite: Callable[[str], dict],
    *,
    changed: str,
    fault_prefix: str = "",
) -> dict:
    """Rewrite the raw file behind one partition's plan, resumably; returns its recorded state.

    `rewrite(key)` writes the new file beside the old one, records its state (`sha_after`, `size_after`,
    `moved_lines`, and `dropped` where records go) under `key` and renames it into place; a raw file whose
    hash is neither that `after` nor the plan's `before` stops the run with `changed` in the message."""
    key = item_key(plan.dataset, plan.partition)
    found = progress.load(vault, request_id, step, key)
    if found and found[1]:
        return found[0]
    path = catalog.raw_dir / plan.raw_file
    with failure_context(plan.dataset, plan.raw_file):
        current = fingerprint(path)
        state = found[0] if found else None
        if state is None or current.sha256 != state["sha_after"]:
            if current.sha256 != plan.raw_sha_before:
                raise PipelineError(f"dataset {plan.dataset}, file {plan.raw_file}: the raw file {changed}")
            state = rewrite(key)
            fault_point(f"{fault_prefix}raw-file")
        update_manifest(catalog, plan.dataset, plan.raw_file, state)
    progress.save(vault, request_id, step, state, done=True, item=key)
    fault_point(f"{fault_prefix}raw-done")
    return state
