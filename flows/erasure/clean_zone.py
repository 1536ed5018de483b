"""Erasure step `clean`: apply each dataset's policy to the clean partitions that hold the subject.

The partitions come from lineage (`Vault.partitions_holding` over the subject's cluster tokens), so the
cost follows the subject's footprint, and, when the resolve step recorded the subject's fingerprints, every
partition of each dataset that can hold text: there the subject may be written in plaintext nobody
tokenized (`flows.erasure.subject_text`), found by fingerprint — a record holding one of their identifiers
(their customer id in a chat line) is theirs, and their values in text are redacted. A partition whose rows
do not change is not written: its bytes and modification time stay as they were. A changed one is written
beside itself and renamed into place.

Per partition, a plan is recorded in the vault before the rename: the policy's row counts, the hashes of
the file before and after, and the raw records to drop or replace (by position, with their tokenized
values — no plaintext). The raw step works from these plans, so a run killed between the two steps, or
between a rename and its bookkeeping, resumes without losing which raw records were the subject's:
- clean file hash == plan's `after`: it was renamed already; only the lineage is (re)recorded;
- otherwise the plan is computed again from the file as it is (the rename never happened).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from flows.erasure.subject_text import SubjectText, text_columns, text_partitions
from flows.pipeline.catalog import Catalog
from flows.pipeline.errors import PipelineError
from flows.pipeline.free_memory import releasing_free_memory
from flows.pipeline.manifest import fingerprint
from flows.pipeline.readers import read_chunks
from flows.pipeline.storage import Location, publish, staging_path, sync
from flows.requests.rewrites import manifest_entry, rewrite_clean_partition
from flows.requests.rows import apply_policy, decide_rows, string_values
from flows.requests.subject import Footprint

if TYPE_CHECKING:
    from vault.store import Vault

STEP = "clean"


@dataclass
class PartitionPlan:
    """What erasure does to one clean partition and its raw file (counts, hashes, positions; no values)."""

    dataset: str
    partition: str
    policy: str
    raw_file: str | None = None  # relative to the raw zone, from the tokenize manifest
    raw_sha_before: str | None = None
    clean_sha_before: str | None = None
    clean_sha_after: str | None = None
    rows: int = 0
    rows_deleted: int = 0
    rows_redacted: int = 0
    rows_retained: int = 0
    other_rows_holding_own_values: int = 0
    rows_identified_in_text: int = 0  # theirs by an identifier written in text (fingerprint), no token
    values_redacted_in_text: int = 0  # their values in text, found by fingerprint, now the erased marker
    raw_edits: dict[str, dict] = field(default_factory=dict)  # position -> {action, values}
    note: str = ""

    @property
    def clean_rewritten(self) -> bool:
        return self.clean_sha_after is not None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> PartitionPlan:
        return cls(**data)


def _raw_positions(catalog: Catalog, dataset: str, raw_file: str) -> list[int]:
    spec = catalog.dataset(dataset)
    positions: list[int] = []
    for chunk in read_chunks(catalog.raw_dir / raw_file, spec.format, encoding=spec.encoding):
        positions.extend(chunk.positions)
    return positions


def plan_partition(
    catalog: Catalog,
    vault: Vault,
    fp: Footprint,
    dataset: str,
    partition: str,
    table: pa.Table,
    text: SubjectText | None = None,
):
    """The plan and the new table of one partition (the table is None when nothing changes)."""
    spec = catalog.dataset(dataset)
    plan = PartitionPlan(dataset, partition, spec.erasure, rows=table.num_rows)
    rows = decide_rows(table, spec.subject_key, vault, fp)
    scanned = table
    if text:  # plaintext of theirs in text: redacted under every policy, and their identifiers own rows
        scanned, hits = text.redact(table, text_columns(spec, table.column_names), set(rows.owned))
        rows.owned = sorted(set(rows.owned) | set(hits.identified))
        rows.holding_own_value = sorted((set(rows.holding_own_value) | set(hits.holding)) - set(rows.owned))
        plan.rows_identified_in_text = len(hits.identified)
        plan.values_redacted_in_text = hits.redacted_values
    new_table = apply_policy(scanned, spec.erasure, rows, spec.subject_key, fp)
    owned = len(rows.owned)
    plan.rows_deleted = owned if spec.erasure == "delete_rows" else 0
    plan.rows_redacted = owned if spec.erasure == "redact" else 0
    plan.rows_retained = owned if spec.erasure == "retain" else 0
    plan.other_rows_holding_own_values = len(rows.holding_own_value)
    entry = manifest_entry(catalog, dataset, partition)
    if entry is None:
        plan.note = "no tokenize manifest entry: raw file not located"
    elif rows.owned or rows.holding_own_value:
        plan.raw_file = entry.file
        plan.raw_sha_before = entry.sha256
        current = fingerprint(catalog.raw_dir / entry.file).sha256
        if current != entry.sha256:
            raise PipelineError(
                f"dataset {dataset}, file {entry.file}: the raw file changed since it was tokenized; "
                "run tokenize, then rerun the erasure"
            )
        positions = _raw_positions(catalog, dataset, entry.file)
        if len(positions) != table.num_rows:
            raise PipelineError(
                f"dataset {dataset}, file {entry.file}: {len(positions)} raw records but "
                f"{table.num_rows} clean rows in {partition}; run tokenize --force on it, then rerun"
            )
        for index in rows.owned:
            if spec.erasure == "delete_rows":
                plan.raw_edits[str(positions[index])] = {"action": "drop"}
            else:
                plan.raw_edits[str(positions[index])] = {
                    "action": "replace",
                    "values": string_values(new_table, index),
                }
        for index in rows.holding_own_value:
            plan.raw_edits[str(positions[index])] = {
                "action": "replace",
                "values": string_values(scanned, index),
            }
    return plan, (new_table if new_table is not table else None)


def _write_parquet(table: pa.Table, target: Location, on_written) -> None:
    """Write beside `target` (on object storage: locally), let `on_written(temporary)` record it, then
    rename it into place (upload it whole: `flows.pipeline.storage.publish`)."""
    temporary = staging_path(target, ".erasure.tmp")
    pq.write_table(table.replace_schema_metadata(None), temporary, compression="zstd")
    sync(temporary)
    on_written(temporary)
    publish(temporary, target)


@releasing_free_memory
def erase_partition(
    catalog: Catalog,
    vault: Vault,
    fp: Footprint,
    request_id: str,
    dataset: str,
    partition: str,
    text: SubjectText | None = None,
) -> PartitionPlan:
    """Apply the policy to one partition, resumably; returns its (recorded) plan."""
    return rewrite_clean_partition(
        vault,
        request_id,
        STEP,
        dataset,
        partition,
        catalog.clean_dir / dataset / partition,
        load=PartitionPlan.from_dict,
        missing=lambda: PartitionPlan(
            dataset, partition, catalog.dataset(dataset).erasure, note="clean file missing"
        ),
        plan=lambda table: plan_partition(catalog, vault, fp, dataset, partition, table, text),
        write=_write_parquet,
    )


def erase_clean_zone(
    catalog: Catalog,
    vault: Vault,
    fp: Footprint,
    request_id: str,
    partitions: list[list[str]],
    text: SubjectText | None = None,
) -> list[dict]:
    """The clean step over every affected partition (and with `text`, every partition of the datasets that
    can hold text); returns the plans as dicts."""
    examined = dict.fromkeys(tuple(p) for p in partitions)
    if text:
        examined.update(dict.fromkeys(text_partitions(catalog)))
    return [erase_partition(catalog, vault, fp, request_id, d, p, text).to_dict() for d, p in examined]
