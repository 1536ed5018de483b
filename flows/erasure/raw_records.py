"""Raw-zone purge: rewrite one raw file with the subject's records dropped or replaced, per format.

The records to change are known by position (line, CSV record start line, or Parquet row) from the clean
step, which maps clean rows to raw records through the same readers the tokenizer used. Every other
record is copied byte for byte (text, JSON lines, CSV) or row for row (Parquet). A replaced record takes
the string values of its clean row — tokens, and `ERASED_MARKER` where the subject was — so the raw zone
keeps no plaintext of it and re-tokenizing the file gives the same clean row again.

Returned with the new file: how many records were dropped and where the lines of the remaining
(quarantined) records moved, so the tokenize manifest can be updated and the file is not redone.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from flows.pipeline.storage import read_table


@dataclass
class RawRewrite:
    """What rewriting a raw file did (counts and positions only)."""

    dropped: int = 0
    replaced: int = 0
    moved_lines: dict[int, int] = field(default_factory=dict)  # old line -> new line, for asked-for lines


def _ending(line: bytes) -> bytes:
    if line.endswith(b"\r\n"):
        return b"\r\n"
    return b"\n" if line.endswith(b"\n") else b""


# ---------------------------------------------------------------- text and JSON lines


def _text_record(_raw: bytes, values: dict, ending: bytes, encoding: str) -> bytes:
    line = values.get("line")
    return ("" if line is None else line).encode(encoding) + ending


def _set_path(record: dict, dotted: str, value: object) -> bool:
    """Set a flattened (`user.email`) field in a nested JSON object; False when the path is not there."""
    if dotted in record:
        record[dotted] = value
        return True
    head, _, rest = dotted.partition(".")
    if rest and isinstance(record.get(head), dict):
        return _set_path(record[head], rest, value)
    return False


def _get_path(record: dict, dotted: str) -> object:
    if dotted in record:
        return record[dotted]
    head, _, rest = dotted.partition(".")
    if rest and isinstance(record.get(head), dict):
        return _get_path(record[head], rest)
    return None


def _as_text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _jsonl_record(raw: bytes, values: dict, ending: bytes, encoding: str) -> bytes:
    record = json.loads(raw.decode(encoding))
    for dotted, clean in values.items():
        if isinstance(clean, str) and clean != _as_text(_get_path(record, dotted)):
            _set_path(record, dotted, clean)
    return json.dumps(record, ensure_ascii=False).encode(encoding) + ending


def _rewrite_lines(
    source: BinaryIO, target: BinaryIO, edits: dict[int, dict], render, watch: set[int], encoding: str
) -> RawRewrite:
    result = RawRewrite()
    new_line = 0
    for number, line in enumerate(source, start=1):
        edit = edits.get(number)
        if edit is not None and edit["action"] == "drop":
            result.dropped += 1
            continue
        new_line += 1
        if number in watch:
            result.moved_lines[number] = new_line
        if edit is None:
            target.write(line)
        else:
            target.write(render(line.rstrip(b"\r\n"), edit["values"], _ending(line), encoding))
            result.replaced += 1
    return result


# ---------------------------------------------------------------- CSV


def csv_records(
    source: BinaryIO, encoding: str = "utf-8"
) -> Iterator[tuple[int, list[bytes], list[str] | None]]:
    """(first line number, physical lines, parsed fields or None when malformed) per CSV record."""
    consumed: list[bytes] = []
    number = 0

    def lines() -> Iterator[str]:
        nonlocal number
        for line in source:
            number += 1
            consumed.append(line)
            yield line.decode(encoding, errors="replace")

    reader = csv.reader(lines(), strict=True)
    while True:
        start = number + 1
        consumed.clear()
        try:
            row = next(reader)
        except StopIteration:
            if consumed:
                yield start, list(consumed), None
            return
        except csv.Error:
            yield start, list(consumed), None
            continue
        yield start, list(consumed), row


def _rewrite_csv(
    source: BinaryIO, target: BinaryIO, edits: dict[int, dict], watch: set[int], encoding: str
) -> RawRewrite:
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 24))
    result = RawRewrite()
    header: list[str] | None = None
    new_line = 0
    for start, lines, row in csv_records(source, encoding):
        edit = edits.get(start) if header is not None else None
        if header is None and row:
            header = row
        if edit is not None and edit["action"] == "drop":
            result.dropped += 1
            continue
        for offset in range(len(lines)):
            if start + offset in watch:
                result.moved_lines[start + offset] = new_line + 1 + offset
        if edit is None or row is None:
            target.write(b"".join(lines))
            new_line += len(lines)
            continue
        fields = [
            ("" if edit["values"].get(name) is None else edit["values"][name])
            if name in edit["values"]
            else value
            for name, value in zip(header, row, strict=True)
        ]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=_ending(lines[-1]).decode() or "\n").writerow(fields)
        text = buffer.getvalue()
        if not _ending(lines[-1]):
            text = text.rstrip("\r\n")
        target.write(text.encode(encoding, errors="replace"))
        new_line += text.count("\n") + (0 if text.endswith("\n") else 1)
        result.replaced += 1
    return result


# ---------------------------------------------------------------- Parquet


def _rewrite_parquet(source: Path, target: Path, edits: dict[int, dict]) -> RawRewrite:
    table = read_table(source)
    result = RawRewrite()
    replace = {row - 1: e["values"] for row, e in edits.items() if e["action"] == "replace"}
    if replace:
        columns = []
        for name in table.column_names:
            column = table.column(name)
            if pa.types.is_string(column.type) and any(name in v for v in replace.values()):
                cells = column.to_pylist()
                for index, values in replace.items():
                    if name in values:
                        cells[index] = values[name]
                column = pa.array(cells, column.type)
            columns.append(column)
        table = pa.Table.from_arrays(columns, schema=table.schema)
        result.replaced = len(replace)
    drops = sorted(row - 1 for row, e in edits.items() if e["action"] == "drop")
    if drops:
        flags = [True] * table.num_rows
        for index in drops:
            flags[index] = False
        table = table.filter(pc.equal(pa.array(flags), True))
        result.dropped = len(drops)
    pq.write_table(table, target, compression="zstd")
    return result


def rewrite_raw_file(
    source: Path, target: Path, fmt: str, edits: dict[int, dict], watch: set[int], encoding: str = "utf-8"
) -> RawRewrite:
    """Write `source` with `edits` (position -> {action: drop|replace, values}) applied to `target`; a
    replaced record is written in the file's own `encoding`, every other record byte for byte."""
    if fmt == "parquet":
        return _rewrite_parquet(source, target, edits)
    with source.open("rb") as reading, target.open("wb") as writing:
        if fmt == "csv":
            return _rewrite_csv(reading, writing, edits, watch, encoding)
        render = _jsonl_record if fmt == "jsonl" else _text_record
        return _rewrite_lines(reading, writing, edits, render, watch, encoding)
