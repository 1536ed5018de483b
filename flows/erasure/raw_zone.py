"""Erasure step `raw`: purge the subject's records from the raw files behind the rewritten clean partitions.

Raw files are located through the tokenize manifest (raw file -> clean partition), never by scanning the
raw zone: only files whose partition plan lists records to drop or replace are read and rewritten; every
other raw file keeps its bytes and modification time. A rewrite goes to a temporary file beside the raw
file, its hash is recorded in the vault, then it is renamed into place and the manifest entry updated to
the new size and hash (so the next tokenize run skips the file). Resuming: a raw file whose hash is the
recorded `after` was renamed already and only needs its manifest entry.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from flows.erasure.clean_zone import PartitionPlan, item_key
from flows.erasure.raw_records import rewrite_raw_file
from flows.pipeline.catalog import Catalog
from flows.pipeline.errors import PipelineError, failure_context
from flows.pipeline.faults import fault_point
from flows.pipeline.manifest import fingerprint, load_entry, save_entry
from flows.pipeline.storage import Location, publish, staging_path, sync
from flows.requests import progress

if TYPE_CHECKING:
    from vault.store import Vault

STEP = "raw"


def _update_manifest(catalog: Catalog, plan: PartitionPlan, state: dict) -> None:
    clean_dir = catalog.clean_dir / plan.dataset
    entry = load_entry(clean_dir, plan.raw_file)
    if entry is None or entry.sha256 == state["sha_after"]:
        return
    moved = {int(k): v for k, v in state["moved_lines"].items()}
    save_entry(
        clean_dir,
        replace(
            entry,
            size=state["size_after"],
            sha256=state["sha_after"],
            records_in=entry.records_in - state["dropped"],
            records_out=entry.records_out - state["dropped"],
            bad_positions=[moved.get(p, p) for p in entry.bad_positions],
        ),
    )


def purge_raw_file(catalog: Catalog, vault: Vault, request_id: str, plan: PartitionPlan) -> dict:
    """Rewrite one raw file per its plan, resumably; returns counts and hashes."""
    key = item_key(plan.dataset, plan.partition)
    found = progress.load(vault, request_id, STEP, key)
    if found and found[1]:
        return found[0]
    path = catalog.raw_dir / plan.raw_file
    with failure_context(plan.dataset, plan.raw_file):
        current = fingerprint(path)
        state = found[0] if found else None
        if state is None or current.sha256 != state["sha_after"]:
            if current.sha256 != plan.raw_sha_before:
                raise PipelineError(
                    f"dataset {plan.dataset}, file {plan.raw_file}: the raw file changed during the erasure"
                )
            state = _rewrite(catalog, vault, request_id, plan, path, key)
            fault_point("raw-file")
        _update_manifest(catalog, plan, state)
    progress.save(vault, request_id, STEP, state, done=True, item=key)
    fault_point("raw-done")
    return state


def _rewrite(
    catalog: Catalog, vault: Vault, request_id: str, plan: PartitionPlan, path: Location, key: str
) -> dict:
    entry = load_entry(catalog.clean_dir / plan.dataset, plan.raw_file)
    watch = set(entry.bad_positions) if entry else set()
    edits = {int(position): edit for position, edit in plan.raw_edits.items()}
    temporary = staging_path(path, ".erasure.tmp")
    spec = catalog.dataset(plan.dataset)
    result = rewrite_raw_file(path, temporary, spec.format, edits, watch, spec.encoding)
    sync(temporary)
    after = fingerprint(temporary)
    state = {
        "dataset": plan.dataset,
        "file": plan.raw_file,
        "dropped": result.dropped,
        "replaced": result.replaced,
        "moved_lines": {str(k): v for k, v in result.moved_lines.items()},
        "sha_after": after.sha256,
        "size_after": after.size,
    }
    progress.save(vault, request_id, STEP, state, item=key)
    fault_point("raw-plan")
    publish(temporary, path)  # a rename; on object storage one upload of the whole file
    return state


def purge_raw_zone(catalog: Catalog, vault: Vault, request_id: str, plans: list[dict]) -> list[dict]:
    """The raw step over every plan with raw records to change; returns one result per rewritten raw file."""
    results = []
    for data in plans:
        plan = PartitionPlan.from_dict(data)
        if plan.raw_file and plan.raw_edits:
            results.append(purge_raw_file(catalog, vault, request_id, plan))
    return results
