"""Tokenize logic: one raw file in, one clean Parquet file out, personal values replaced by vault tokens.

Per chunk, every value to tokenize — typed column cells and the spans `recognizers.detect` finds in free
text — goes to the vault in one bulk `tokenize_batch` call. Values are linked to the dataset's subject key
when it has one; otherwise a record's values are linked to the subject of its one strong identifier
(`flows.tokenize.linking`): a phone in a web search goes to the customer whose email the event carries.
Lineage (which clean file holds which tokens) is recorded before the clean file is renamed into place, so
erasure never misses a file. A manifest entry makes an unchanged input a no-op on the next run.

Beyond detection, text is matched against what the vault already knows (`flows.tokenize.known_subjects`):
a known customer's value written where detection misses it (`georgia briggs`, a street split across a
line break) gets that value's token, as if detection had found it; detection wins an overlap unless the
match is longer; an email or a card number found written whole is tokenized as detection's finding
would be (a format-preserving dataset shows its surrogate). Scanning fails safe: a column the sample
classified as not personal is still scanned in full (each distinct string once) for the pattern entities
and known subjects, and a finding anywhere makes it free text for the whole file (every partition of the
file is done again with it, `flows.tokenize.partitioned`: `FileResult.promoted` names such columns with the
rows that held something). Only non-string
values and columns declared `none` in the catalog, and the subject key, are never scanned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from flows.pipeline.catalog import Catalog, Dataset
from flows.pipeline.column_kinds import FREE_TEXT, present, scanned_columns
from flows.pipeline.faults import fault_point
from flows.pipeline.manifest import (
    settings_hash,
)
from flows.pipeline.partitions import DEFAULT_PARTITION_BYTES
from flows.pipeline.readers import DEFAULT_CHUNK_ROWS
from flows.tokenize.full_scan import pattern_detector
from flows.tokenize.known_subjects import Found, KnownSubjects
from flows.tokenize.linking import anchored_records
from values.token_format import ERASED_MARKER

if TYPE_CHECKING:
    from vault.store import Vault

SETTINGS_VERSION = 2  # bump when the output of the same input and settings changes (2: known subjects,
# full scans of columns the sample called not personal)

# Texts detected and matched at once: what detection holds while it reads a batch (texts, NER windows,
# findings, the scanner's arrays of code points) grows with the batch. A chat piece of bench.scale's 1M-row
# zone (32,000 lines, one chunk) peaked ~100 MiB above its start when its lines went to detection at once,
# ~25 MiB in batches of 5,000, at the same throughput (spaCy reads in batches of its own).
TEXT_BATCH = 5_000
Item = tuple[str, str, str | None]  # (entity type, value, subject hint)
Known = tuple[str, str | None, str]  # (token found by fingerprint, subject hint, entity type)
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
    # columns the sample called not personal where the full scan found something -> rows that held it
    promoted: dict[str, int] = field(default_factory=dict)

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
    """The values of one chunk to tokenize, deduplicated, and where each one goes back. A reference to a
    value is its index in `items` (detected or typed), or `-(index + 1)` in `known` (found by fingerprint)."""

    items: dict[Item, int] = field(default_factory=dict)
    known: dict[Known, int] = field(default_factory=dict)
    typed: dict[str, list[int | None]] = field(default_factory=dict)  # column -> item index per row
    spans: dict[str, list[list[tuple[int, int, int]] | None]] = field(default_factory=dict)
    row_values: list[list[tuple[int, bool]]] = field(default_factory=list)  # per row: (ref, in typed column)
    found: dict[str, int] = field(default_factory=dict)  # text column -> rows where something was found

    def add(self, item: Item) -> int:
        return self.items.setdefault(item, len(self.items))

    def add_known(self, known: Known) -> int:
        return -(self.known.setdefault(known, len(self.known)) + 1)


def merge_spans(findings: list, found: list[Found]) -> list[tuple[int, int, object]]:
    """Detection's findings and known-subject matches as non-overlapping (start, end, what) by start:
    detection wins an overlap unless the match is longer than every finding it overlaps; on the very
    same span the match wins (the same text, with the known value's token, linked to its subject). A
    live subject's customer id (no token) replaces nothing."""
    spans: list[tuple[int, int, object]] = [(f.start, f.end, f) for f in findings]
    for match in found:
        if match.token is None:
            continue
        overlapping = [s for s in spans if s[0] < match.end and match.start < s[1]]
        same = [s for s in overlapping if (s[0], s[1]) == (match.start, match.end)]
        if not same and overlapping and match.end - match.start <= max(e - b for b, e, _ in overlapping):
            continue
        spans = [s for s in spans if not any(s is o for o in overlapping)]
        spans.append((match.start, match.end, match))
    return sorted(spans, key=lambda span: span[0])


def _plan_text_column(plan: _ChunkPlan, column: str, cells: list, subject: list, find) -> None:
    """Spans of one text column (each distinct text scanned once), into the plan."""
    texts = sorted({value for value in cells if value is not None})
    spans_of = dict(zip(texts, find(texts), strict=True)) if texts else {}
    column_spans: list[list[tuple[int, int, int]] | None] = []
    rows_found = 0
    for row, (value, hint) in enumerate(zip(cells, subject, strict=True)):
        if value is None or not spans_of.get(value):
            column_spans.append(None)
            continue
        spans = []
        for start, end, what in spans_of[value]:
            if isinstance(what, Found) and not what.as_written:
                erased = what.token == ERASED_MARKER  # an erased subject's value: linked to no one
                ref = plan.add_known((what.token, None if erased else hint, what.entity_type))
            else:
                ref = plan.add((what.entity_type, value[start:end], hint))
            spans.append((start, end, ref))
            plan.row_values[row].append((ref, False))
        rows_found += 1
        column_spans.append(spans)
    plan.spans[column] = column_spans
    plan.found[column] = rows_found


def _finder(detect: Detector, known: KnownSubjects | None):
    """Texts -> merged spans: `detect`'s findings and, when the vault knows subjects, their matches;
    `TEXT_BATCH` texts at a time."""
    matching = known is not None and len(known) > 0

    def find(texts: list[str]) -> list[list[tuple[int, int, object]]]:
        spans = []
        for at in range(0, len(texts), TEXT_BATCH):
            batch = texts[at : at + TEXT_BATCH]
            found = known.find(batch) if matching else [[]] * len(batch)
            spans += [merge_spans(f, k) for f, k in zip(detect(batch), found, strict=True)]
        return spans

    return find


def _plan_chunk(
    frame: pd.DataFrame,
    kinds: dict[str, str | None],
    subject: list[str | None],
    detect: Detector,
    known: KnownSubjects | None = None,
    scan_only: list[str] = (),
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
        _plan_text_column(plan, column, cells, subject, _finder(detect, known))
    for column in scan_only:  # strings only: a number stored as a number is no free text
        cells = [v if isinstance(v, str) and present(v) else None for v in frame[column].tolist()]
        _plan_text_column(plan, column, cells, subject, _finder(pattern_detector(detect), known))
    return plan


def _replace_spans(text: str, spans: list[tuple[int, int, int]], shown: list[str], known: list[str]) -> str:
    parts, cursor = [], 0
    for start, end, ref in sorted(spans):
        parts.append(text[cursor:start])
        parts.append(shown[ref] if ref >= 0 else known[-ref - 1])
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


def _known_tokens(plan: _ChunkPlan, vault: Vault, keyed: bool) -> list[str]:
    """The tokens found by fingerprint, linked to the records' subject keys as detection's would be;
    an erased subject's record gets the erased marker."""
    known = list(plan.known)
    erased: set[str] = set()
    if keyed:
        erased = vault.link_found([(h, t) for t, h, _ in known if h is not None and t != ERASED_MARKER])
        fault_point("tokenize-found-links")
    return [ERASED_MARKER if h is not None and h.strip() in erased else t for t, h, _ in known]


def tokenize_chunk(
    frame: pd.DataFrame,
    kinds: dict[str, str | None],
    name: str,
    dataset: Dataset,
    vault: Vault,
    detect: Detector,
    known: KnownSubjects | None = None,
) -> tuple[pd.DataFrame, set[str], dict[str, int]]:
    """The chunk with personal values replaced by tokens, the set of tokens it now holds, and per text
    column (free text, or scanned because the sample called it not personal) the rows that held something."""
    scan_only = scanned_columns(frame, kinds, dataset)
    kinds = {column: kind for column, kind in kinds.items() if kind is not None and column in frame.columns}
    if dataset.subject_key and dataset.subject_key in frame.columns:
        subject = [_cell(v) for v in frame[dataset.subject_key].tolist()]
    else:
        subject = [None] * len(frame)
    plan = _plan_chunk(frame, kinds, subject, detect, known, scan_only)
    items = list(plan.items)
    # Lineage and links always use the tokens; a format-preserving dataset shows surrogates instead
    # (a second, idempotent call, which also records card surrogate -> token in the vault).
    tokens = vault.tokenize_batch(items, dataset=name) if items else []
    fault_point("tokenize-batch")
    shown = tokens
    if dataset.format_preserving and items:
        shown = vault.tokenize_batch(items, dataset=name, format_preserving=True)
        fault_point("tokenize-batch")
    known_tokens = _known_tokens(plan, vault, bool(dataset.subject_key)) if plan.known else []
    if not dataset.subject_key:
        kinds_of = [entity_type for _t, _h, entity_type in plan.known]

        def value(ref: int) -> tuple[str, str]:
            return (items[ref][0], tokens[ref]) if ref >= 0 else (kinds_of[-ref - 1], known_tokens[-ref - 1])

        records = ([(*value(ref), typed) for ref, typed in row] for row in plan.row_values)
        plaintext = {
            token: item[:2]
            for item, token in zip(items, tokens, strict=True)
            if token != item[1] and token != ERASED_MARKER
        }
        vault.link_to_sole_owner(anchored_records(records), plaintext)
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
        if column in scan_only and not plan.found[column]:
            continue  # scanned, nothing found: the column stays as it was
        original = frame[column].tolist()
        out[column] = pd.Series(
            [
                _replace_spans(v, s, shown, known_tokens) if s else _keep(v)
                for s, v in zip(spans, original, strict=True)
            ],
            index=frame.index,
            dtype=object,
        )
    held = {t for t in tokens if t != ERASED_MARKER} | {t for t in known_tokens if t != ERASED_MARKER}
    return out, held, plan.found


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


def tokenize_file(
    catalog: Catalog,
    name: str,
    path: Path,
    kinds: dict[str, str | None],
    vault: Vault,
    detect: Detector,
    force: bool = False,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    known_subjects: bool = True,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
) -> FileResult:
    """Tokenize one raw file into its clean file, quarantining unreadable records; skip it when unchanged.
    `known_subjects`: also match the vault's fingerprints in text (off only to reproduce older output).
    In this process, partition after partition (`flows.tokenize.partitioned`), as a cluster would."""
    from flows.tokenize.partitioned import assemble_file, plan_file, tokenize_partitions

    plan = plan_file(catalog, name, path, kinds, force, partition_bytes)
    if plan.skipped:
        return FileResult(name, plan.file, plan.output, skipped=True)
    known = KnownSubjects.load(vault) if known_subjects else None
    parts = tokenize_partitions(catalog, plan, kinds, vault, detect, known, chunk_rows)
    return assemble_file(catalog, plan, parts, vault)
