"""Tokenize logic: one raw file in, one clean Parquet file out, personal values replaced by vault tokens.

Per chunk, every value to tokenize — typed column cells and the spans `recognizers.detect` finds in free
text — goes to the vault in one bulk `tokenize_batch` call. Values are linked to the dataset's subject key
when it has one; otherwise a record's values are linked to the subject of its one strong identifier
(`flows.tokenize.linking`): a phone in a web search goes to the customer whose email the event carries.
Lineage (which clean file holds which tokens) is recorded before the clean file is renamed into place, so
erasure never misses a file. A manifest entry makes an unchanged input a no-op on the next run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from flows.pipeline.catalog import Catalog, Dataset
from flows.pipeline.column_kinds import FREE_TEXT, kind_for, present
from flows.pipeline.errors import failure_context
from flows.pipeline.faults import fault_point
from flows.pipeline.manifest import (
    ManifestEntry,
    fingerprint,
    is_up_to_date,
    load_entry,
    save_entry,
    settings_hash,
)
from flows.pipeline.quarantine import QuarantineFile, quarantine_sealer
from flows.pipeline.readers import DEFAULT_CHUNK_ROWS, file_layout, read_chunks
from flows.pipeline.writers import CleanFileWriter, clean_relpath, clean_schema
from flows.tokenize.linking import anchored_records
from values.token_format import ERASED_MARKER

if TYPE_CHECKING:
    from vault.store import Vault

SETTINGS_VERSION = 1  # bump when the output of the same input and settings changes

Item = tuple[str, str, str | None]  # (entity type, value, subject hint)
Detector = Callable[[list[str]], list[list]]


@dataclass
class FileResult:
    """What tokenizing one raw file did (paths and counts only)."""

    dataset: str
    file: str
    output: str
    skipped: bool
    records_in: int = 0
    records_out: int = 0
    quarantined: int = 0
    quarantine_file: str | None = None
    tokens: int = 0
    bad: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _cell(value: object) -> str | None:
    """A cell as the string to tokenize, or None when there is nothing (null, empty, already a token)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = value if isinstance(value, str) else str(value)
    return text if present(text) else None


@dataclass
class _ChunkPlan:
    """The values of one chunk to tokenize, deduplicated, and where each one goes back."""

    items: dict[Item, int] = field(default_factory=dict)
    typed: dict[str, list[int | None]] = field(default_factory=dict)  # column -> item index per row
    spans: dict[str, list[list[tuple[int, int, int]] | None]] = field(default_factory=dict)
    row_values: list[list[tuple[int, bool]]] = field(default_factory=list)  # per row: (item, in typed column)

    def add(self, item: Item) -> int:
        return self.items.setdefault(item, len(self.items))


def _plan_chunk(
    frame: pd.DataFrame, kinds: dict[str, str | None], subject: list[str | None], detect: Detector
):
    plan = _ChunkPlan(row_values=[[] for _ in range(len(frame))])
    for column, kind in kinds.items():
        cells = [_cell(v) for v in frame[column].tolist()]
        if kind != FREE_TEXT:
            indexes: list[int | None] = []
            for row, (value, hint) in enumerate(zip(cells, subject, strict=True)):
                if value is None:
                    indexes.append(None)
                    continue
                index = plan.add((kind, value, hint))
                indexes.append(index)
                plan.row_values[row].append((index, True))
            plan.typed[column] = indexes
            continue
        texts = sorted({value for value in cells if value is not None})
        findings = dict(zip(texts, detect(texts), strict=True)) if texts else {}
        column_spans: list[list[tuple[int, int, int]] | None] = []
        for row, (value, hint) in enumerate(zip(cells, subject, strict=True)):
            if value is None or not findings.get(value):
                column_spans.append(None)
                continue
            spans = []
            for finding in findings[value]:
                index = plan.add((finding.entity_type, value[finding.start : finding.end], hint))
                spans.append((finding.start, finding.end, index))
                plan.row_values[row].append((index, False))
            column_spans.append(spans)
        plan.spans[column] = column_spans
    return plan


def _replace_spans(text: str, spans: list[tuple[int, int, int]], tokens: list[str]) -> str:
    parts, cursor = [], 0
    for start, end, index in sorted(spans):
        parts.append(text[cursor:start])
        parts.append(tokens[index])
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


def tokenize_chunk(
    frame: pd.DataFrame,
    kinds: dict[str, str | None],
    name: str,
    dataset: Dataset,
    vault: Vault,
    detect: Detector,
) -> tuple[pd.DataFrame, set[str]]:
    """The chunk with personal values replaced by tokens, and the set of tokens it now holds."""
    kinds = {column: kind for column, kind in kinds.items() if kind is not None and column in frame.columns}
    if dataset.subject_key and dataset.subject_key in frame.columns:
        subject = [_cell(v) for v in frame[dataset.subject_key].tolist()]
    else:
        subject = [None] * len(frame)
    plan = _plan_chunk(frame, kinds, subject, detect)
    items = list(plan.items)
    # Lineage and links always use the tokens; a format-preserving dataset shows surrogates instead
    # (a second, idempotent call, which also records card surrogate -> token in the vault).
    tokens = vault.tokenize_batch(items, dataset=name) if items else []
    fault_point("tokenize-batch")
    shown = tokens
    if dataset.format_preserving and items:
        shown = vault.tokenize_batch(items, dataset=name, format_preserving=True)
        fault_point("tokenize-batch")
    if not dataset.subject_key:
        records = ([(items[i][0], tokens[i], typed) for i, typed in row] for row in plan.row_values)
        vault.link_to_sole_owner(anchored_records(records))
        fault_point("tokenize-links")
    out = frame.copy()
    for column, indexes in plan.typed.items():
        original = frame[column].tolist()
        out[column] = pd.Series(
            [shown[i] if i is not None else _keep(v) for i, v in zip(indexes, original, strict=True)],
            index=frame.index,
            dtype=object,
        )
    for column, spans in plan.spans.items():
        original = frame[column].tolist()
        out[column] = pd.Series(
            [_replace_spans(v, s, shown) if s else _keep(v) for s, v in zip(spans, original, strict=True)],
            index=frame.index,
            dtype=object,
        )
    return out, {t for t in tokens if t != ERASED_MARKER}


def _keep(value: object) -> str | None:
    """A cell with nothing to tokenize, as a string column stores it."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value if isinstance(value, str) else str(value)


def file_settings(dataset: Dataset, kinds: dict[str, str | None]) -> str:
    """Hash of everything besides the input bytes that shapes a clean file."""
    return settings_hash(
        {
            "version": SETTINGS_VERSION,
            "format": dataset.format,
            "kinds": kinds,
            "subject_key": dataset.subject_key,
            "format_preserving": dataset.format_preserving,
            # only when not the default, so files tokenized before the setting existed stay up to date
            **({"encoding": dataset.encoding} if dataset.encoding != "utf-8" else {}),
        }
    )


def record_lineage(vault: Vault, dataset: str, partition: str, tokens: set[str]) -> None:
    """Replace what the vault knows `partition` holds with `tokens`."""
    vault.record_lineage(dataset, partition, sorted(tokens), replace=True)


def tokenize_file(
    catalog: Catalog,
    name: str,
    path: Path,
    kinds: dict[str, str | None],
    vault: Vault,
    detect: Detector,
    force: bool = False,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> FileResult:
    """Tokenize one raw file into its clean file, quarantining unreadable records; skip it when unchanged."""
    dataset = catalog.dataset(name)
    catalog.check_inside_raw(name, path)
    relpath = catalog.relative_to_raw(path)
    clean_dir = catalog.clean_dir / name
    output = clean_relpath(relpath)
    settings = file_settings(dataset, kinds)
    with failure_context(name, relpath):
        current = fingerprint(path)
        if not force and is_up_to_date(load_entry(clean_dir, relpath), current, settings, clean_dir):
            return FileResult(name, relpath, output, skipped=True)
        layout = file_layout(path, dataset.format, encoding=dataset.encoding)
    tokenized = {c for c in layout.schema.names if kind_for(kinds, dataset, c) is not None}
    column_kinds = {c: kind_for(kinds, dataset, c) for c in layout.schema.names}
    quarantine = QuarantineFile(
        catalog.quarantine_dir / name / (relpath + ".quarantine.jsonl"),
        name,
        relpath,
        quarantine_sealer(vault),
    )
    result = FileResult(name, relpath, output, skipped=False)
    held: set[str] = set()
    with failure_context(name, relpath):  # the final rename too: errors name the file
        with CleanFileWriter(clean_dir / output, clean_schema(layout.schema, tokenized)) as writer:
            chunks = read_chunks(path, dataset.format, layout, chunk_rows, encoding=dataset.encoding)
            for chunk in chunks:
                result.records_in += len(chunk.frame) + len(chunk.bad)
                for bad in chunk.bad:
                    quarantine.add(bad)
                    result.bad.append({layout.position_kind: bad.position, "reason": bad.reason})
                if chunk.frame.empty:
                    continue
                with failure_context(name, relpath, chunk.positions, layout.position_kind):
                    clean, tokens = tokenize_chunk(chunk.frame, column_kinds, name, dataset, vault, detect)
                    writer.write(clean)
                held |= tokens
                result.records_out += len(clean)
            record_lineage(vault, name, output, held)  # before the rename: erasure never misses a file
            fault_point("tokenize-lineage")
            written = quarantine.close()
    result.quarantined = len(result.bad)
    result.tokens = len(held)
    result.quarantine_file = str(written.relative_to(catalog.quarantine_dir)) if written else None
    with failure_context(name, relpath):
        save_entry(clean_dir, _manifest_entry(result, current, settings))
    return result


def _manifest_entry(result: FileResult, current, settings: str) -> ManifestEntry:
    return ManifestEntry(
        dataset=result.dataset,
        file=result.file,
        size=current.size,
        sha256=current.sha256,
        settings=settings,
        output=result.output,
        records_in=result.records_in,
        records_out=result.records_out,
        quarantined=result.quarantined,
        quarantine_file=result.quarantine_file,
        bad_positions=[next(iter(b.values())) for b in result.bad],
    )
