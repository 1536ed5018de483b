"""Rectification step `clean`: the new value's token in place of the old one, in the subject's clean rows.

Only the partitions lineage says hold the old value's token are read. In a dataset whose policy is
`rectification: update` (the default), the subject's rows (keyed to them, or holding one of their own
strong identifiers: `flows.requests.rows`) get the new token wherever the old one was — whole cells and
tokens inside free text, and the email surrogate in a format-preserving dataset. When the old value was
the subject's alone, other rows that hold it (an anonymous chat line quoting their old address) get the
new one too; a value others hold as well (a namesake's name, a household's landline) is never changed in
their rows. A `keep` dataset (records kept as issued, such as invoices) is only counted.

Per partition a plan is recorded before the rename: counts, file hashes, and the clean row indexes whose
raw records the raw step must correct (no value). A partition that does not change is not written. The
same resume rules as erasure's clean step: a clean file whose hash is the plan's `after` was renamed
already. Fault points: `rectify-clean-plan`, `rectify-clean-partition`, `rectify-clean-lineage`,
`rectify-clean-done`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from flows.pipeline.atomic import temporary_path
from flows.pipeline.catalog import Catalog
from flows.pipeline.storage import publish, sync
from flows.requests.rewrites import manifest_entry, rewrite_clean_partition
from flows.requests.rows import decide_rows
from flows.requests.subject import Footprint
from vault.surrogates import email_surrogate

if TYPE_CHECKING:
    from vault.store import Vault

STEP = "clean"


@dataclass
class Correction:
    """What a rectification changes: the old and new token, and whether others hold the old value."""

    old_token: str
    new_token: str
    old_shared: bool

    def forms(self, format_preserving: bool) -> dict[str, str]:
        """Old form -> new form as a clean cell shows them (tokens, and email surrogates where shown)."""
        pairs = {self.old_token: self.new_token}
        if format_preserving and self.old_token.startswith("[pv:email:"):
            pairs[email_surrogate(self.old_token)] = email_surrogate(self.new_token)
        return pairs


@dataclass
class PartitionPlan:
    """What the rectification does to one clean partition (counts, hashes and row indexes; no values)."""

    dataset: str
    partition: str
    policy: str
    raw_file: str | None = None
    raw_sha_before: str | None = None
    clean_sha_before: str | None = None
    clean_sha_after: str | None = None
    rows: int = 0
    subject_rows_updated: int = 0
    other_rows_updated: int = 0
    rows_kept_as_issued: int = 0
    changed: dict[str, list[str]] = field(default_factory=dict)  # clean row index -> columns changed
    subject_rows: list[int] = field(default_factory=list)  # the subject's rows (verification re-scans them)
    note: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> PartitionPlan:
        return cls(**data)


def _string_columns(table: pa.Table) -> list[str]:
    return [n for n in table.column_names if pa.types.is_string(table.column(n).type)]


def _mask(indexes: list[int], rows: int) -> pa.Array:
    flags = [False] * rows
    for index in indexes:
        flags[index] = True
    return pa.array(flags, pa.bool_())


def target_rows(table: pa.Table, subject_key: str | None, vault: Vault, fp: Footprint, old_shared: bool):
    """(the subject's rows, other rows whose old value may change): the latter only for a value of theirs
    alone."""
    decision = decide_rows(table, subject_key, vault, fp)
    return decision.owned, ([] if old_shared else decision.holding_own_value)


def correct_table(
    table: pa.Table, rows: list[int], forms: dict[str, str]
) -> tuple[pa.Table, dict[str, list[str]]]:
    """The table with each old form replaced by its new form in `rows`, and row index -> columns changed."""
    if not rows:
        return table, {}
    selected = _mask(rows, table.num_rows)
    changed: dict[str, list[str]] = {}
    columns = []
    strings = set(_string_columns(table))
    for name in table.column_names:
        column = table.column(name)
        if name in strings:
            hit = pa.array([False] * table.num_rows, pa.bool_())
            replaced = column
            for old, new in forms.items():
                hit = pc.or_(hit, pc.fill_null(pc.match_substring(column, old), False))
                replaced = pc.replace_substring(replaced, old, new)
            hit = pc.and_(hit, selected)
            if pc.any(hit).as_py():
                column = pc.if_else(hit, replaced, column)
                for index in pc.indices_nonzero(hit).to_pylist():
                    changed.setdefault(str(index), []).append(name)
        columns.append(column)
    if not changed:
        return table, {}
    return pa.Table.from_arrays(columns, schema=table.schema), changed


def plan_partition(
    catalog: Catalog, vault: Vault, fp: Footprint, correction: Correction, dataset: str, partition: str, table
):
    """The plan and the corrected table of one partition (the table is None when nothing changes)."""
    spec = catalog.dataset(dataset)
    plan = PartitionPlan(dataset, partition, spec.rectification, rows=table.num_rows)
    owned, others = target_rows(table, spec.subject_key, vault, fp, correction.old_shared)
    corrected, changed = correct_table(table, owned + others, correction.forms(spec.format_preserving))
    owned_set = set(owned)
    if spec.rectification == "keep":
        plan.rows_kept_as_issued = sum(1 for index in changed if int(index) in owned_set)
        plan.note = "kept as issued"
        return plan, None
    plan.changed = changed
    plan.subject_rows_updated = sum(1 for index in changed if int(index) in owned_set)
    plan.other_rows_updated = len(changed) - plan.subject_rows_updated
    plan.subject_rows = sorted(owned)
    if changed:
        entry = manifest_entry(catalog, dataset, partition)
        if entry is None:
            plan.note = "no tokenize manifest entry: raw file not located"
        else:
            plan.raw_file = entry.file
            plan.raw_sha_before = entry.sha256
    return plan, (corrected if changed else None)


def _write(table: pa.Table, target, on_written) -> None:
    """Write beside `target` (on object storage: locally), let `on_written(temporary)` record it, then
    rename it into place (upload it whole)."""
    temporary = temporary_path(target)
    try:
        pq.write_table(table.replace_schema_metadata(None), temporary, compression="zstd")
        sync(temporary)
        on_written(temporary)
        publish(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def correct_partition(
    catalog: Catalog,
    vault: Vault,
    fp: Footprint,
    correction: Correction,
    request_id: str,
    dataset: str,
    partition: str,
) -> PartitionPlan:
    """Correct one partition, resumably; returns its (recorded) plan."""
    return rewrite_clean_partition(
        vault,
        request_id,
        STEP,
        dataset,
        partition,
        catalog.clean_dir / dataset / partition,
        load=PartitionPlan.from_dict,
        missing=lambda: PartitionPlan(
            dataset, partition, catalog.dataset(dataset).rectification, note="clean file missing"
        ),
        plan=lambda table: plan_partition(catalog, vault, fp, correction, dataset, partition, table),
        write=_write,
        fault_prefix="rectify-",
    )


def correct_clean_zone(
    catalog: Catalog,
    vault: Vault,
    fp: Footprint,
    correction: Correction,
    request_id: str,
    partitions: list[list[str]],
) -> list[dict]:
    """The clean step over every partition holding the old value; returns the plans as dicts."""
    return [
        correct_partition(catalog, vault, fp, correction, request_id, d, p).to_dict() for d, p in partitions
    ]
