"""Erasure step `raw`: purge the subject's records from the raw files behind the rewritten clean partitions.

Raw files are located through the tokenize manifest (raw file -> clean partition), never by scanning the
raw zone: only files whose partition plan lists records to drop or replace are read and rewritten; every
other raw file keeps its bytes and modification time. A rewrite goes to a temporary file beside the raw
file, its hash is recorded in the vault, then it is renamed into place and the manifest entry updated to
the new size and hash (so the next tokenize run skips the file). Resuming: a raw file whose hash is the
recorded `after` was renamed already and only needs its manifest entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows.erasure.clean_zone import PartitionPlan
from flows.erasure.raw_records import rewrite_raw_file
from flows.pipeline.catalog import Catalog
from flows.pipeline.faults import fault_point
from flows.pipeline.manifest import fingerprint, load_entry
from flows.pipeline.storage import Location, publish, staging_path, sync
from flows.requests import progress
from flows.requests.rewrites import rewrite_raw_behind

if TYPE_CHECKING:
    from vault.store import Vault

STEP = "raw"


def purge_raw_file(catalog: Catalog, vault: Vault, request_id: str, plan: PartitionPlan) -> dict:
    """Rewrite one raw file per its plan, resumably; returns counts and hashes."""
    path = catalog.raw_dir / plan.raw_file
    return rewrite_raw_behind(
        catalog,
        vault,
        request_id,
        STEP,
        plan,
        lambda key: _rewrite(catalog, vault, request_id, plan, path, key),
        changed="changed during the erasure",
    )


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
