"""Scan logic: what kind of personal data each column of a dataset holds, and how much of it.

Used by the scan flow (counts, share of rows, masked evidence, column classification) and by the tokenize
flow (which columns to tokenize, and how). Declared column kinds in the catalog win; other columns are
classified by `recognizers.classify_column` from their name and a sample of values. Results hold counts,
positions and masked evidence only, never a value as it was found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from flows.catalog import Catalog, Dataset
from flows.masking import mask_value
from flows.readers import TEXT_COLUMN, file_layout, read_chunks
from vault.token_format import is_token

FREE_TEXT = "free_text"
SAMPLE_ROWS = 200
EXAMPLES_PER_ENTITY = 3


def present(value: object) -> bool:
    """A cell worth looking at: a non-empty string that is not already a piivault token."""
    return isinstance(value, str) and value.strip() != "" and not is_token(value.strip())


def _as_text(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def declared_kind(dataset: Dataset, column: str) -> str | None | bool:
    """The catalog's kind for `column` (None for `none`), or False when the catalog does not say."""
    if dataset.format == "text" and column == TEXT_COLUMN:
        return FREE_TEXT
    if column not in dataset.columns:
        return False
    kind = dataset.columns[column]
    return None if kind == "none" else kind


def sample_frame(catalog: Catalog, name: str, rows: int = SAMPLE_ROWS) -> pd.DataFrame:
    """The first `rows` readable records of a dataset (across its files), for column classification."""
    dataset = catalog.dataset(name)
    frames, taken = [], 0
    for path in catalog.input_files(name):
        for chunk in read_chunks(path, dataset.format, chunk_rows=rows):
            frames.append(chunk.frame.head(rows - taken))
            taken += len(frames[-1])
            if taken >= rows:
                break
        if taken >= rows:
            break
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def classify_columns(dataset: Dataset, sample: pd.DataFrame) -> dict[str, str | None]:
    """Column -> entity type, `free_text`, or None (not personal); declared kinds win over classification."""
    from recognizers import classify_column

    kinds: dict[str, str | None] = {}
    for column in sample.columns:
        declared = declared_kind(dataset, column)
        if declared is not False:
            kinds[column] = declared
            continue
        # integers too: a phone or card number may be stored as a number in Parquet
        values = [_as_text(v) for v in sample[column].tolist() if present(_as_text(v))]
        if column == dataset.subject_key or not values:
            kinds[column] = None  # the subject key is the pseudonymous id erasure resolves people by
            continue
        kinds[column] = classify_column(column, values)
    return kinds


def kind_for(kinds: dict[str, str | None], dataset: Dataset, column: str) -> str | None:
    """The kind of a column that the sample did not show (a field that first appears later in a file)."""
    if column in kinds:
        return kinds[column]
    declared = declared_kind(dataset, column)
    return None if declared is False else declared


@dataclass
class EntityTally:
    """Findings of one entity type in one column."""

    count: int = 0
    rows: int = 0
    examples: list[str] = field(default_factory=list)

    def add_example(self, entity_type: str, value: str) -> None:
        masked = mask_value(entity_type, value)
        if len(self.examples) < EXAMPLES_PER_ENTITY and masked not in self.examples:
            self.examples.append(masked)


@dataclass
class FileScan:
    """Counts for one raw file: records, quarantined positions, per column and entity tallies."""

    file: str
    records_in: int = 0
    records_ok: int = 0
    bad: list[dict] = field(default_factory=list)  # {"position", "reason"}
    position_kind: str = "line"
    columns: dict[str, dict[str, EntityTally]] = field(default_factory=dict)

    def tally(self, column: str, entity_type: str) -> EntityTally:
        return self.columns.setdefault(column, {}).setdefault(entity_type, EntityTally())


def scan_chunk_column(scan: FileScan, column: str, kind: str, values: list[object]) -> None:
    """Tally one column of one chunk: typed columns count their cells, free text is detected span by span."""
    if kind != FREE_TEXT:
        tally = scan.tally(column, kind)
        for value in values:
            if present(value):
                tally.count += 1
                tally.rows += 1
                tally.add_example(kind, value)
        return
    from recognizers import detect

    texts = [value for value in values if present(value)]
    for text, findings in zip(texts, detect(texts), strict=True):
        per_type = Counter(finding.entity_type for finding in findings)
        for entity_type, count in per_type.items():
            tally = scan.tally(column, entity_type)
            tally.count += count
            tally.rows += 1
        for finding in findings:
            scan.tally(column, finding.entity_type).add_example(
                finding.entity_type, text[finding.start : finding.end]
            )


def scan_file(
    path: Path, relpath: str, dataset: Dataset, kinds: dict[str, str | None], chunk_rows: int = 50_000
) -> FileScan:
    """Stream one raw file and tally what it holds (unreadable records are counted with their position)."""
    layout = file_layout(path, dataset.format)
    scan = FileScan(file=relpath, position_kind=layout.position_kind)
    for chunk in read_chunks(path, dataset.format, layout=layout, chunk_rows=chunk_rows):
        scan.records_in += len(chunk.frame) + len(chunk.bad)
        scan.records_ok += len(chunk.frame)
        scan.bad.extend({"position": b.position, "reason": b.reason} for b in chunk.bad)
        for column in chunk.frame.columns:
            kind = kind_for(kinds, dataset, column)
            if kind is not None:
                scan_chunk_column(scan, column, kind, chunk.frame[column].tolist())
    return scan


def dataset_summary(name: str, dataset: Dataset, kinds: dict[str, str | None], files: list[FileScan]) -> dict:
    """One dataset's scan result as plain data (counts, shares, masked examples) for reports and artifacts."""
    records = sum(f.records_ok for f in files)
    columns: dict[str, dict] = {}
    for column, kind in kinds.items():
        columns[column] = {"classification": kind, "declared": column in dataset.columns, "entities": {}}
    for scan in files:
        for column, tallies in scan.columns.items():
            entry = columns.setdefault(
                column,
                {"classification": kind_for(kinds, dataset, column), "declared": False, "entities": {}},
            )
            for entity_type, tally in tallies.items():
                total = entry["entities"].setdefault(entity_type, {"count": 0, "rows": 0, "examples": []})
                total["count"] += tally.count
                total["rows"] += tally.rows
                for example in tally.examples:
                    if len(total["examples"]) < EXAMPLES_PER_ENTITY and example not in total["examples"]:
                        total["examples"].append(example)
    for entry in columns.values():
        for total in entry["entities"].values():
            total["share"] = round(total["rows"] / records, 4) if records else 0.0
    return {
        "dataset": name,
        "format": dataset.format,
        "files": len(files),
        "records_in": sum(f.records_in for f in files),
        "records_ok": records,
        "quarantined": [
            {"file": f.file, f.position_kind: bad["position"], "reason": bad["reason"]}
            for f in files
            for bad in f.bad
        ],
        "empty_files": [f.file for f in files if f.records_in == 0],
        "columns": columns,
    }
