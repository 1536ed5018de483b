"""What a retention run would delete, decided once from the catalog, the zones and the vault: the plan.

- Raw files: a file is past its retention when its modification time (when it landed in the zone; the
  rewrites of rectification keep it) is older than the dataset's `retention.raw`. It goes only when its
  manifest entry shows it tokenized, unchanged since, under the dataset's current settings and with its
  clean file in place (`flows.pipeline.manifest.is_up_to_date`); otherwise it is kept and reported with
  the reason, so no data leaves the raw zone before the clean zone holds it.
- Clean rows: a row is past its retention when its date — the dataset's `retention.date_column`, else the
  date in its partition's name (`web-2026-01-05`, or `invoices-2026-01`: the month's last day) — is older
  than `retention.clean`. Rows without a readable date, and partitions without a date in their name, are
  kept and counted.
- Subjects: customers whose relationship ended (`subjects.closed`: a date column of a dataset with a
  subject key; every row of theirs closed, the latest closing older than `subjects.erase_after`) and whom
  the vault still holds. The plan keeps their subject ids (keyed hashes); the customer ids themselves are
  handed only to the caller that writes the privacy officer's list.

Everything in the plan is paths, counts, dates and keyed hashes: no personal value.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from flows.pipeline.catalog import Catalog, days
from flows.pipeline.manifest import MANIFEST_DIR, fingerprint, is_up_to_date, load_entry, named_outputs
from flows.pipeline.storage import is_remote, parquet_file, read_schema, read_table
from flows.requests.subject import subject_ids_of

if TYPE_CHECKING:
    from vault.store import Vault

_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTH = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?![\d-])")


@dataclass
class RetentionPlan:
    """What is due (JSON-safe: paths, counts, dates and subject ids)."""

    as_of: str
    raw_due: list[list[str]] = field(default_factory=list)  # [dataset, raw file]
    raw_kept: list[list[str]] = field(default_factory=list)  # [dataset, raw file, reason]
    clean_due: list[list] = field(default_factory=list)  # [dataset, partition, rows due, rows]
    undated: list[list] = field(default_factory=list)  # [dataset, partition, rows without a date]
    subjects_due: list[str] = field(default_factory=list)  # subject ids (keyed hashes)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> RetentionPlan:
        return cls(**data)


def partition_date(partition: str) -> date | None:
    """The date a partition's name carries (the last one), a month meaning its last day; None without."""
    found = _DAY.findall(partition)
    if found:
        year, month, day = map(int, found[-1])
        return date(year, month, day)
    found = _MONTH.findall(partition)
    if found:
        year, month = map(int, found[-1])
        return date(year, month, calendar.monthrange(year, month)[1])
    return None


def _as_dates(values: list) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype=object), utc=True, errors="coerce", format="mixed")


def raw_decision(catalog: Catalog, dataset: str, path, kinds: dict, now: datetime) -> str | None:
    """None when the raw file may go now; else why it stays (`not due` when it is younger)."""
    from flows.tokenize.tokenizing import file_settings

    spec = catalog.dataset(dataset)
    landed = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    if now - landed <= timedelta(days=days(spec.retention.raw)):
        return "not due"
    relpath = catalog.relative_to_raw(path)
    clean_dir = catalog.clean_dir / dataset
    entry = load_entry(clean_dir, relpath)
    if entry is None:
        return "not tokenized"
    if not is_up_to_date(entry, fingerprint(path), file_settings(spec, kinds), clean_dir):
        return "not tokenized under the current settings (changed since, or other settings): run tokenize"
    return None


def plan_raw(catalog: Catalog, dataset: str, now: datetime, plan: RetentionPlan) -> None:
    from flows.pipeline.column_kinds import classify_columns, sample_frame

    spec = catalog.dataset(dataset)
    if spec.retention is None or spec.retention.raw is None:
        return
    files = [p for p in catalog.input_files(dataset) if catalog.inside_raw(p)]
    if not files:
        return
    kinds = classify_columns(spec, sample_frame(catalog, dataset))
    for path in files:
        reason = raw_decision(catalog, dataset, path, kinds, now)
        relpath = catalog.relative_to_raw(path)
        if reason is None:
            plan.raw_due.append([dataset, relpath])
        elif reason != "not due":
            plan.raw_kept.append([dataset, relpath, reason])


def clean_partitions(catalog: Catalog, dataset: str) -> list[str]:
    """The clean partitions of a dataset (paths relative to its clean directory), sorted."""
    root = catalog.clean_dir / dataset
    if is_remote(root):  # on object storage: what the manifest names (flows.pipeline.manifest)
        return named_outputs(root)
    if not root.is_dir():
        return []
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.parquet")
        if MANIFEST_DIR not in p.relative_to(root).parts and not p.name.startswith(".")
    )


def due_rows(catalog: Catalog, dataset: str, partition: str, cutoff: datetime) -> tuple[list[int], int, int]:
    """(indexes of rows past retention, rows, rows without a date) of one clean partition."""
    spec = catalog.dataset(dataset)
    path = catalog.clean_dir / dataset / partition
    rows = parquet_file(path).metadata.num_rows
    column = spec.retention.date_column
    if column is None:
        dated = partition_date(partition)
        if dated is None:
            return [], rows, rows
        return (list(range(rows)) if dated < cutoff.date() else []), rows, 0
    if column not in read_schema(path).names:
        return [], rows, rows
    dates = _as_dates(read_table(path, columns=[column]).column(column).to_pylist())
    due = [i for i, moment in enumerate(dates) if not pd.isna(moment) and moment < cutoff]
    return due, rows, int(dates.isna().sum())


def plan_clean(catalog: Catalog, dataset: str, now: datetime, plan: RetentionPlan) -> None:
    spec = catalog.dataset(dataset)
    if spec.retention is None or spec.retention.clean is None:
        return
    cutoff = now - timedelta(days=days(spec.retention.clean))
    for partition in clean_partitions(catalog, dataset):
        due, rows, undated = due_rows(catalog, dataset, partition, cutoff)
        if due:
            plan.clean_due.append([dataset, partition, len(due), rows])
        if undated:
            plan.undated.append([dataset, partition, undated])


def closed_customers(catalog: Catalog, now: datetime) -> list[str]:
    """Customer ids whose every row in the closure dataset is closed, the latest before the cutoff."""
    policy = catalog.subjects
    if policy is None:
        return []
    dataset = policy.closed.dataset
    key, column = catalog.dataset(dataset).subject_key, policy.closed.column
    cutoff = now - timedelta(days=days(policy.erase_after))
    latest: dict[str, pd.Timestamp | None] = {}
    for partition in clean_partitions(catalog, dataset):
        path = catalog.clean_dir / dataset / partition
        if not {key, column} <= set(read_schema(path).names):
            continue
        table = read_table(path, columns=[key, column])
        closed = _as_dates(table.column(column).to_pylist())
        for customer, moment in zip(table.column(key).to_pylist(), closed, strict=True):
            if customer is None or not str(customer).strip():
                continue
            customer = str(customer).strip()
            if pd.isna(moment) or latest.get(customer, 0) is None:
                latest[customer] = None  # a row without a closing date: the relationship goes on
            else:
                latest[customer] = max(moment, latest.get(customer) or moment)
    return sorted(c for c, moment in latest.items() if moment is not None and moment < cutoff)


def make_plan(catalog: Catalog, vault: Vault, now: datetime | None = None) -> tuple[RetentionPlan, list[str]]:
    """The plan, and the customer ids of the subjects due (for the privacy officer's list only)."""
    now = now or datetime.now(UTC)
    plan = RetentionPlan(as_of=now.isoformat())
    for dataset in catalog.datasets:
        plan_raw(catalog, dataset, now, plan)
        plan_clean(catalog, dataset, now, plan)
    customers = closed_customers(catalog, now)
    by_id = dict(zip(subject_ids_of(vault, customers), customers, strict=True))
    alive = vault.existing_subjects(by_id)
    plan.subjects_due = sorted(alive)
    return plan, sorted(by_id[s] for s in alive)
