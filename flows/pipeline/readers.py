"""Streaming readers for the raw zone: CSV, JSON lines, text (one record a line) and Parquet.

Each reader yields `Chunk`s of at most `chunk_rows` good records, so memory stays flat however large a
file is, and every record keeps the line (or Parquet row) it came from. A record that cannot be read —
malformed CSV, broken JSON, bytes invalid in the file's encoding, too large — becomes a `BadRecord` in the
same chunk instead of stopping the run: the caller quarantines it and counts it, so records in = records
out + quarantined.

Text files are UTF-8 unless the catalog names another ASCII-compatible encoding for the dataset
(`encoding: latin-1`): records are split on the newline byte before they are decoded, which only works
when a newline is one byte `\n` in that encoding (the catalog refuses UTF-16 and the like).

A raw file may be a local path or an object of a zone on object storage (`flows.pipeline.storage`): both
are opened with `path.open("rb")` and read as a stream; Parquet through the store's filesystem.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import pandas as pd
import pyarrow as pa

from flows.pipeline.storage import Location, parquet_file, read_schema

DEFAULT_CHUNK_ROWS = 50_000
DEFAULT_MAX_RECORD_BYTES = 1 << 20  # a record larger than this is quarantined, not parsed
QUARANTINE_KEEP_BYTES = 16 << 20  # at most this much of an oversized record is kept (encrypted)
TEXT_COLUMN = "line"
DEFAULT_ENCODING = "utf-8"


def invalid_reason(encoding: str) -> str:
    """Why an undecodable record is quarantined (`invalid UTF-8` for the default encoding)."""
    return "invalid UTF-8" if encoding == DEFAULT_ENCODING else f"invalid {encoding}"


@dataclass(frozen=True)
class BadRecord:
    """A record that could not be read: where it was, why (never its content), and its raw bytes."""

    position: int
    reason: str
    raw: bytes


@dataclass
class Chunk:
    """Good records as a DataFrame (one row per record), their source positions, and the bad records."""

    frame: pd.DataFrame
    positions: list[int]
    bad: list[BadRecord] = field(default_factory=list)


@dataclass(frozen=True)
class FileLayout:
    """The columns of one input file and their Arrow types, known before its first chunk is read."""

    schema: pa.Schema
    position_kind: str  # "line" or "row": what a record's position counts


def _physical_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, bytes, oversized) for every physical line; an oversized line is kept only in part."""
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        # A UTF-8 byte order mark is not part of the first record; it is dropped only once the line is
        # known to be whole, so a long first line is never cut in two.
        mark = 3 if number == 1 and line.startswith(b"\xef\xbb\xbf") else 0
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield number, line[mark:], len(line) - mark > max_bytes
            continue
        kept = bytearray(line[mark:])
        while True:  # skip to the end of the line, keeping a bounded prefix for the quarantine
            more = handle.readline(1 << 20)
            if len(kept) < QUARANTINE_KEEP_BYTES:
                kept += more[: QUARANTINE_KEEP_BYTES - len(kept)]
            if not more or more.endswith(b"\n"):
                break
        yield number, bytes(kept), True


# ---------------------------------------------------------------- text


def _text_chunks(path: Location, chunk_rows: int, max_bytes: int, encoding: str) -> Iterator[Chunk]:
    values: list[str] = []
    positions: list[int] = []
    bad: list[BadRecord] = []
    with path.open("rb") as handle:
        for number, raw, oversized in _physical_lines(handle, max_bytes):
            if oversized:
                bad.append(BadRecord(number, "record too large", raw))
                continue
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                bad.append(BadRecord(number, invalid_reason(encoding), raw))
                continue
            values.append(text.rstrip("\r\n"))
            positions.append(number)
            if len(values) >= chunk_rows:
                yield Chunk(pd.DataFrame({TEXT_COLUMN: values}, dtype=object), positions, bad)
                values, positions, bad = [], [], []
    if values or bad:
        yield Chunk(pd.DataFrame({TEXT_COLUMN: values}, dtype=object), positions, bad)


# ---------------------------------------------------------------- JSON lines


class _FieldClash(ValueError):
    """Two fields of one JSON object flatten to the same dotted path (`{"a.b": 1, "a": {"b": 2}}`)."""


def _flatten(value: dict, prefix: str = "", out: dict | None = None) -> dict:
    """Nested objects become dotted paths (`user.email`); lists stay whole, to be stored as JSON text."""
    out = {} if out is None else out
    for key, item in value.items():
        path = f"{prefix}{key}"
        if isinstance(item, dict) and item:
            _flatten(item, path + ".", out)
        elif path in out:
            raise _FieldClash  # one value would silently replace the other
        else:
            out[path] = item
    return out


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int" if -(1 << 63) <= value < (1 << 63) else "str"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    return "json"


_MERGED_KIND = {frozenset({"int", "float"}): "float"}
_ARROW_TYPE = {"bool": pa.bool_(), "int": pa.int64(), "float": pa.float64(), "str": pa.string()}


def _parse_json_line(raw: bytes, encoding: str) -> tuple[dict | None, str | None]:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None, invalid_reason(encoding)
    try:
        value = json.loads(text)
        if not isinstance(value, dict):
            return None, "not a JSON object"
        return _flatten(value), None
    except json.JSONDecodeError:
        return None, "malformed JSON"
    except RecursionError:  # `[[[[…` a few thousand deep: no column could hold it anyway
        return None, "JSON nested too deeply"
    except _FieldClash:
        return None, "conflicting field names"


def _jsonl_layout(path: Location, max_bytes: int, encoding: str) -> FileLayout:
    """First pass over a JSON lines file: every field path in order of first sight, and its type."""
    kinds: dict[str, str] = {}
    with path.open("rb") as handle:
        for _, raw, oversized in _physical_lines(handle, max_bytes):
            if oversized or not raw.strip():
                continue
            record, _ = _parse_json_line(raw, encoding)
            for key, value in (record or {}).items():
                kind = _json_kind(value)
                seen = kinds.get(key)
                if seen is None or seen == "null":
                    kinds[key] = kind
                elif kind not in ("null", seen):
                    kinds[key] = _MERGED_KIND.get(frozenset({seen, kind}), "str")
    fields = [pa.field(key, _ARROW_TYPE.get(kind, pa.string())) for key, kind in kinds.items()]
    return FileLayout(pa.schema(fields), "line")


def _conform(value: object, arrow_type: pa.DataType) -> object:
    """A JSON value as its column stores it: lists, objects and mixed types become JSON text."""
    if value is None or value == {}:
        return None
    if arrow_type == pa.string() and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _jsonl_chunks(
    path: Location, layout: FileLayout, chunk_rows: int, max_bytes: int, encoding: str
) -> Iterator[Chunk]:
    names = layout.schema.names
    types = {f.name: f.type for f in layout.schema}
    records: list[dict] = []
    positions: list[int] = []
    bad: list[BadRecord] = []

    def chunk() -> Chunk:
        rows = [[_conform(record.get(name), types[name]) for name in names] for record in records]
        return Chunk(pd.DataFrame(rows, columns=names, dtype=object), positions, bad)

    with path.open("rb") as handle:
        for number, raw, oversized in _physical_lines(handle, max_bytes):
            if oversized:
                bad.append(BadRecord(number, "record too large", raw))
                continue
            if not raw.strip():
                continue  # a blank line is not a record
            record, reason = _parse_json_line(raw, encoding)
            if record is not None and not names:  # only `{}`s: a row without columns cannot be stored
                record, reason = None, "no field in any record"
            if record is None:
                bad.append(BadRecord(number, reason or "unreadable", raw))
                continue
            records.append(record)
            positions.append(number)
            if len(records) >= chunk_rows:
                yield chunk()
                records, positions, bad = [], [], []
    if records or bad:
        yield chunk()


# ---------------------------------------------------------------- CSV


class _LineFeed:
    """Feeds decoded physical lines to `csv.reader` and remembers the raw bytes of the current record."""

    def __init__(self, handle: BinaryIO, max_bytes: int, encoding: str):
        self._lines = _physical_lines(handle, max_bytes)
        self._encoding = encoding
        self.record_raw = bytearray()
        self.record_start = 0
        self.oversized = False
        self.undecodable = False
        self.last_line = 0

    def start_record(self) -> None:
        self.record_raw = bytearray()
        self.record_start = self.last_line + 1
        self.oversized = False
        self.undecodable = False

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        number, raw, oversized = next(self._lines)
        self.last_line = number
        if len(self.record_raw) < QUARANTINE_KEEP_BYTES:
            self.record_raw += raw
        if oversized:
            self.oversized = True
            return "\n"  # keep the parser's line structure; the record is quarantined anyway
        try:
            return raw.decode(self._encoding)
        except UnicodeDecodeError:
            # keep parsing so the record ends where it should, then quarantine it as a whole
            self.undecodable = True
            return raw.decode(self._encoding, errors="replace")


def _csv_header(path: Location, max_bytes: int, encoding: str) -> list[str] | None:
    """The first record's fields, or None when it cannot serve as the header (then every record is
    quarantined). Parsed as strictly as the records are: a header only a lenient parser reads would be a
    malformed record to the record pass, which would then take the next record for the header and drop it."""
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    with path.open("rb") as handle:
        feed = _LineFeed(handle, max_bytes, encoding)
        try:
            for row in csv.reader(feed, strict=True):
                if row:  # a name used twice (`a,a`, `x,,`) cannot say which column is which
                    unusable = feed.oversized or feed.undecodable or len(set(row)) < len(row)
                    return None if unusable else row
        except csv.Error:  # malformed, or records ended by a lone `\r`: every record is quarantined
            return None
    return None


def _csv_layout(path: Location, max_bytes: int, encoding: str) -> FileLayout:
    header = _csv_header(path, max_bytes, encoding) or []
    return FileLayout(pa.schema([pa.field(name, pa.string()) for name in header]), "line")


def _csv_chunks(
    path: Location, layout: FileLayout, chunk_rows: int, max_bytes: int, encoding: str
) -> Iterator[Chunk]:
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    names = layout.schema.names
    rows: list[list[str]] = []
    positions: list[int] = []
    bad: list[BadRecord] = []
    header_seen = False
    with path.open("rb") as handle:
        feed = _LineFeed(handle, max_bytes, encoding)
        reader = csv.reader(feed, strict=True)
        while True:
            feed.start_record()
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error:
                bad.append(BadRecord(feed.record_start, "malformed CSV", bytes(feed.record_raw)))
                continue
            if not row and not feed.oversized:
                continue  # a blank line is not a record
            if not header_seen:
                header_seen = True
                if not names:  # the header itself is unreadable: every record is quarantined
                    bad.append(BadRecord(feed.record_start, "unreadable CSV header", bytes(feed.record_raw)))
                continue
            if feed.oversized:
                bad.append(BadRecord(feed.record_start, "record too large", bytes(feed.record_raw)))
            elif not names or len(row) != len(names):
                reason = f"wrong number of fields ({len(row)}, header has {len(names)})"
                bad.append(BadRecord(feed.record_start, reason, bytes(feed.record_raw)))
            elif feed.undecodable:
                bad.append(BadRecord(feed.record_start, invalid_reason(encoding), bytes(feed.record_raw)))
            else:
                rows.append(row)
                positions.append(feed.record_start)
            if len(rows) >= chunk_rows:
                yield Chunk(pd.DataFrame(rows, columns=names, dtype=object), positions, bad)
                rows, positions, bad = [], [], []
    if rows or bad:
        yield Chunk(pd.DataFrame(rows, columns=names, dtype=object), positions, bad)


# ---------------------------------------------------------------- Parquet


def _parquet_layout(path: Location) -> FileLayout:
    try:
        schema = read_schema(path)
    except (pa.ArrowException, OSError):
        schema = pa.schema([])
    return FileLayout(schema.remove_metadata(), "row")


def _unreadable_parquet(path: Location) -> Chunk:
    with path.open("rb") as handle:
        raw = handle.read(QUARANTINE_KEEP_BYTES)
    return Chunk(pd.DataFrame(), [], [BadRecord(0, "unreadable Parquet file", raw)])


def _parquet_chunks(path: Location, chunk_rows: int) -> Iterator[Chunk]:
    try:
        parquet = parquet_file(path)
        for batch in parquet.iter_batches(batch_size=chunk_rows):
            batch.validate(full=True)  # a damaged page or string fails here, before any row is out
    except (pa.ArrowException, OSError):
        yield _unreadable_parquet(path)  # the whole file is one quarantined record
        return
    row = 1
    for batch in parquet.iter_batches(batch_size=chunk_rows):
        frame = batch.to_pandas(types_mapper=None)
        yield Chunk(frame, list(range(row, row + batch.num_rows)))
        row += batch.num_rows


# ---------------------------------------------------------------- entry points


def file_layout(
    path: Location,
    fmt: str,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    encoding: str = DEFAULT_ENCODING,
) -> FileLayout:
    """The columns a file's chunks will have (JSON lines need a first pass over the file for this)."""
    if fmt == "text":
        return FileLayout(pa.schema([pa.field(TEXT_COLUMN, pa.string())]), "line")
    if fmt == "jsonl":
        return _jsonl_layout(path, max_record_bytes, encoding)
    if fmt == "csv":
        return _csv_layout(path, max_record_bytes, encoding)
    if fmt == "parquet":
        return _parquet_layout(path)
    raise ValueError(f"unknown format {fmt!r}")


def read_chunks(
    path: Location,
    fmt: str,
    layout: FileLayout | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    encoding: str = DEFAULT_ENCODING,
) -> Iterator[Chunk]:
    """Stream the records of one raw file in chunks; unreadable records come back as `BadRecord`s."""
    layout = layout or file_layout(path, fmt, max_record_bytes, encoding)
    if fmt == "text":
        return _text_chunks(path, chunk_rows, max_record_bytes, encoding)
    if fmt == "jsonl":
        return _jsonl_chunks(path, layout, chunk_rows, max_record_bytes, encoding)
    if fmt == "csv":
        return _csv_chunks(path, layout, chunk_rows, max_record_bytes, encoding)
    if fmt == "parquet":
        return _parquet_chunks(path, chunk_rows)
    raise ValueError(f"unknown format {fmt!r}")
