"""Scan logic: what kind of personal data each column of a dataset holds, and how much of it.

Counts, share of rows and masked evidence per column and entity; which kind each column is comes from
`flows.pipeline.column_kinds`. Results hold counts, positions and masked evidence only, never a value as
it was found.

Scanning fails safe, as tokenize does: a string column the sample called not personal is still scanned in
full (`flows.pipeline.column_kinds.scanned_columns`; each distinct value once, by the pattern recognizers
where a value has the shape of an address, phone, email or card: `flows.tokenize.full_scan`). A finding
makes it free text for tokenize; the scan counts what it found there and, per file, the rows that held
something (`FileScan.promoted`), which the report lists with their share of rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from flows.pipeline.catalog import Dataset
from flows.pipeline.column_kinds import FREE_TEXT, kind_for, present, scanned_columns
from flows.pipeline.readers import file_layout, read_chunks
from flows.scan.masking import mask_value

EXAMPLES_PER_ENTITY = 3


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
    # columns the sample called not personal where the full scan found something -> rows that held it
    promoted: dict[str, int] = field(default_factory=dict)

    def tally(self, column: str, entity_type: str) -> EntityTally:
        return self.columns.setdefault(column, {}).setdefault(entity_type, EntityTally())


def _detect_patterns(texts: list[str]) -> list[list]:
    from flows.tokenize.full_scan import pattern_detector
    from recognizers import detect

    return pattern_detector(detect)(texts)


def full_scan_column(scan: FileScan, column: str, values: list[object]) -> None:
    """A column the sample called not personal, scanned in full (each distinct string once) for the
    pattern entities: what it holds is tallied as free text's, the rows holding it count as promoted."""
    texts = [value for value in values if present(value)]
    distinct = sorted(set(texts))
    found = dict(zip(distinct, _detect_patterns(distinct), strict=True)) if distinct else {}
    rows = 0
    for text in texts:
        findings = found[text]
        if not findings:
            continue
        rows += 1
        for entity_type, count in Counter(f.entity_type for f in findings).items():
            tally = scan.tally(column, entity_type)
            tally.count += count
            tally.rows += 1
        for finding in findings:
            scan.tally(column, finding.entity_type).add_example(
                finding.entity_type, text[finding.start : finding.end]
            )
    if rows:
        scan.promoted[column] = scan.promoted.get(column, 0) + rows


def scan_chunk(scan: FileScan, frame, kinds: dict[str, str | None], dataset: Dataset) -> None:
    """Tally every column of one chunk: classified ones by kind, the others the sample called not
    personal in full (`full_scan_column`); declared `none`, the subject key and non-strings never."""
    for column in frame.columns:
        kind = kind_for(kinds, dataset, column)
        if kind is not None:
            scan_chunk_column(scan, column, kind, frame[column].tolist())
    for column in scanned_columns(frame, kinds, dataset):
        full_scan_column(scan, column, frame[column].tolist())


def merge_promoted(into: FileScan, piece: FileScan) -> None:
    """Add a piece's promoted rows to a whole file's (`flows.scan.partitioned.merge_scans`)."""
    for column, rows in piece.promoted.items():
        into.promoted[column] = into.promoted.get(column, 0) + rows


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
    layout = file_layout(path, dataset.format, encoding=dataset.encoding)
    scan = FileScan(file=relpath, position_kind=layout.position_kind)
    for chunk in read_chunks(path, dataset.format, layout, chunk_rows, encoding=dataset.encoding):
        scan.records_in += len(chunk.frame) + len(chunk.bad)
        scan.records_ok += len(chunk.frame)
        scan.bad.extend({"position": b.position, "reason": b.reason} for b in chunk.bad)
        scan_chunk(scan, chunk.frame, kinds, dataset)
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
    promoted: dict[str, dict] = {}
    for scan in files:
        for column, rows in sorted(scan.promoted.items()):
            entry = promoted.setdefault(column, {"column": column, "rows": 0, "files": []})
            entry["rows"] += rows
            share = round(rows / scan.records_ok, 4) if scan.records_ok else 0.0
            entry["files"].append({"file": scan.file, "rows": rows, "share": share})
    for entry in promoted.values():
        entry["share"] = round(entry["rows"] / records, 4) if records else 0.0
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
        # scanned in full though the sample called them not personal, and found holding personal data
        "promoted": [promoted[column] for column in sorted(promoted)],
    }
