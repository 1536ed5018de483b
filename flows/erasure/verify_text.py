"""Verification by fingerprint: no value the subject alone holds is left in any file that could hold them.

Tokens prove what tokenize found is gone; fingerprints prove what it did not find is gone too. Every clean
partition the clean step examined (lineage's, and every file of each dataset that can hold text: see
`flows.erasure.subject_text`) and the raw file behind each are searched for every fingerprint of the
subject cluster that nobody outside it holds — names in any order, streets, emails, phones, cards and
customer ids, in any case, across line breaks:
- clean: the text columns (free text, text lines, undeclared columns);
- raw: every string field of every readable record (typed ones are plaintext there), except the subject
  key of a `retain` dataset (records kept for a legal obligation keep their key).
A finding names zone, dataset, file, position (row or line) and entity type — never the value — and fails
the run. No plaintext is needed: the fingerprints are keyed hashes, recorded before the shred.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from flows.erasure.clean_zone import PartitionPlan
from flows.erasure.subject_text import SubjectText, text_columns
from flows.erasure.verify import Checked, Verification, raw_files_behind, run_check
from flows.pipeline.catalog import Catalog
from flows.pipeline.readers import read_chunks
from flows.pipeline.storage import read_table

if TYPE_CHECKING:
    from vault.store import Vault

CLEAN_TEXT_CHECK, RAW_TEXT_CHECK = "clean text", "raw text"  # `flows.erasure.verify.Checked` keys


def _left(text: SubjectText, values: list) -> dict[str, list[str]]:
    """Distinct string value -> entity types of the fingerprints only the cluster holds found in it."""
    distinct = sorted({v for v in values if isinstance(v, str) and v.strip()})
    found = {}
    for value, matches in zip(distinct, text.scan(distinct), strict=True):
        kinds = sorted({m.entity_type for m in matches if text.theirs_alone(m)})
        if kinds:
            found[value] = kinds
    return found


def _check_values(result, text, columns: dict[str, list], positions, where: dict, kind: str) -> None:
    for values in columns.values():
        left = _left(text, values)
        for value, position in zip(values, positions, strict=True):
            for entity_type in left.get(value, ()):
                result.findings.append({**where, kind: position, "entity_type": entity_type})


def check_clean_text(catalog: Catalog, text: SubjectText, plan: PartitionPlan, result: Verification) -> None:
    path = catalog.clean_dir / plan.dataset / plan.partition
    if not path.exists():
        return
    spec = catalog.dataset(plan.dataset)
    table = read_table(path)
    columns = {c: table.column(c).to_pylist() for c in text_columns(spec, table.column_names)}
    where = {"zone": "clean", "dataset": plan.dataset, "file": plan.partition}
    _check_values(result, text, columns, range(1, table.num_rows + 1), where, "row")


def check_raw_text(catalog: Catalog, text: SubjectText, dataset: str, raw_file: str, result) -> None:
    path = catalog.raw_dir / raw_file
    if not path.exists():
        return
    spec = catalog.dataset(dataset)
    keep_key = spec.subject_key if spec.erasure == "retain" else None
    where = {"zone": "raw", "dataset": dataset, "file": raw_file}
    for chunk in read_chunks(path, spec.format, encoding=spec.encoding):
        frame = chunk.frame
        columns = {c: frame[c].tolist() for c in frame.columns if c != keep_key and _holds_text(frame[c])}
        _check_values(result, text, columns, chunk.positions, where, "position")


def _holds_text(column: pd.Series) -> bool:
    """Whether a raw column can hold strings: object (text formats' readers) or pandas' string dtype, which
    a Parquet file's string columns come as since pandas 3 (an object-only test skipped them all)."""
    return column.dtype == object or isinstance(column.dtype, pd.StringDtype)


def check_text(
    catalog: Catalog,
    vault: Vault,
    text: SubjectText | None,
    plans: list[dict],
    result,
    checked: Checked | None = None,
) -> None:
    """Search the examined clean partitions and their raw files for the cluster's own fingerprints.
    `checked`: the files' checks made beforehand (`flows.erasure.verify.run_check`)."""
    if not text:
        return
    for data in plans:
        plan = PartitionPlan.from_dict(data)
        run_check(
            result,
            checked,
            (CLEAN_TEXT_CHECK, plan.dataset, plan.partition),
            lambda r, plan=plan: check_clean_text(catalog, text, plan, r),
        )
    for dataset, raw_file in raw_files_behind(catalog, plans):
        run_check(
            result,
            checked,
            (RAW_TEXT_CHECK, dataset, raw_file),
            lambda r, d=dataset, f=raw_file: check_raw_text(catalog, text, d, f, r),
        )
