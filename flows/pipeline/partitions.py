"""Partitions of one raw file: bounded pieces that workers process apart and an assembly step joins again.

A partition is a byte range of a text, JSON lines or CSV file cut at a record boundary, or a run of
Parquet row groups. The boundaries are a function of the file alone (its bytes and `target_bytes`), so a
sequential run and a run on a Dask cluster cut a file the same way; each partition's records keep their
file-global line (or row) numbers, so quarantine entries and error messages read as for the whole file.

Where a record ends:
- text and JSON lines: every newline (a record is one physical line);
- CSV: where the readers' strict `csv.reader` ends one (a quoted field may hold newlines), found by one
  parsing pass over the file, which costs far less than tokenizing it; a partition after the first is read
  with the header's bytes in front of its range, as the readers expect a header first;
- Parquet: row-group boundaries (a row group is never split). A file that pyarrow cannot read whole is one
  partition: the readers quarantine it as one record.

A file no larger than `target_bytes` (for a text file `TEXT_SHARE` times smaller), and a CSV without a
usable header, is one partition read exactly as before partitions existed. Reading goes through
`flows.pipeline.readers.read_chunks`, given an object whose `open()` returns the range (the readers open
their source with `.open("rb")`).
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from flows.pipeline.readers import DEFAULT_MAX_RECORD_BYTES, Chunk, FileLayout, read_chunks

DEFAULT_PARTITION_BYTES = 8 << 20
# A text file is free text from end to end: detection reads every byte of it, at about a hundred times
# what a typed cell costs per byte, so its pieces are cut this many times finer than the setting. Else a
# few chat files of some MiB each are one piece each, the longest of the run: at 3 such files and 2 workers
# one worker idled a third of the time, and a piece's lines are what a worker's memory peaks on.
TEXT_SHARE = 8
_SCAN_BLOCK = 8 << 20


@dataclass(frozen=True)
class Partition:
    """One piece of a file: bytes [start, end) (text formats) or row groups [start, end) (Parquet);
    `before`: the records' line (row) numbers are offset by it; `prefix_end`: for a CSV piece after the
    first, the header's bytes [0, prefix_end) read in front of it, `prefix_lines` physical lines long."""

    index: int
    start: int
    end: int
    before: int = 0
    prefix_end: int = 0
    prefix_lines: int = 0
    whole: bool = False  # the whole file, read as the readers read it

    @property
    def name(self) -> str:
        return f"{self.index:05d}"


def plan_partitions(
    path: Path,
    fmt: str,
    layout: FileLayout,
    target_bytes: int = DEFAULT_PARTITION_BYTES,
    encoding: str = "utf-8",
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
) -> list[Partition]:
    """The file's partitions, in file order; one whole partition when it is small or cannot be split.
    `target_bytes` is the setting: a text file's pieces are `TEXT_SHARE` times smaller."""
    if fmt == "text":
        target_bytes = max(1, target_bytes // TEXT_SHARE)
    size = path.stat().st_size
    whole = [Partition(0, 0, size, whole=True)]
    if size <= target_bytes:
        return whole
    if fmt in ("text", "jsonl"):
        return _line_partitions(path, size, target_bytes) or whole
    if fmt == "csv":
        if not layout.schema.names:
            return whole  # no header: every record is quarantined, as one piece
        return _csv_partitions(path, target_bytes, encoding, max_record_bytes) or whole
    if fmt == "parquet":
        return _parquet_partitions(path, target_bytes) or whole
    raise ValueError(f"unknown format {fmt!r}")


def _line_partitions(path: Path, size: int, target: int) -> list[Partition]:
    """Cut at the first newline at or after every multiple of `target`; count lines before each cut."""
    parts: list[Partition] = []
    start, lines_before, lines, offset, want = 0, 0, 0, 0, target
    with path.open("rb") as handle:
        while block := handle.read(_SCAN_BLOCK):
            cursor = 0
            while offset + len(block) > want:
                cut = block.find(b"\n", max(want - offset - 1, cursor))
                if cut < 0:
                    break
                lines += block.count(b"\n", cursor, cut + 1)
                cursor = cut + 1
                end = offset + cursor
                if end < size:
                    parts.append(Partition(len(parts), start, end, before=lines_before))
                    start, lines_before = end, lines
                want = end + target
            lines += block.count(b"\n", cursor)
            offset += len(block)
    if not parts:
        return []
    parts.append(Partition(len(parts), start, size, before=lines_before))
    return parts


def _csv_record_ends(path: Path, encoding: str, max_bytes: int) -> Iterator[tuple[int, int, bool]]:
    """(byte offset after it, physical lines up to it, non-blank) for every record the readers' strict
    `csv.reader` sees, malformed ones included, with their oversized-line and decoding rules."""
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    consumed = [0, 0]  # bytes, lines
    with path.open("rb") as handle:

        def lines() -> Iterator[str]:
            while line := handle.readline(max_bytes + 1):
                size = len(line)
                oversized = size > max_bytes
                if oversized and not line.endswith(b"\n"):
                    while more := handle.readline(1 << 20):
                        size += len(more)
                        if more.endswith(b"\n"):
                            break
                consumed[0] += size
                consumed[1] += 1
                yield "\n" if oversized else line.decode(encoding, errors="replace")

        reader = csv.reader(lines(), strict=True)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error:
                row = None  # malformed: a record all the same, quarantined by the reader
            yield consumed[0], consumed[1], row != []


def _csv_partitions(path: Path, target: int, encoding: str, max_bytes: int) -> list[Partition]:
    parts: list[Partition] = []
    header_end = header_lines = None
    start, lines_before, want = 0, 0, target
    end = lines = 0
    for end, lines, non_blank in _csv_record_ends(path, encoding, max_bytes):
        if header_end is None:
            if non_blank:
                header_end, header_lines = end, lines
            continue
        if end >= want:
            parts.append(_csv_piece(len(parts), start, end, lines_before, header_end, header_lines))
            start, lines_before, want = end, lines, end + target
    if start < end:
        parts.append(_csv_piece(len(parts), start, end, lines_before, header_end, header_lines))
    return parts if len(parts) > 1 else []


def _csv_piece(index: int, start: int, end: int, before: int, header_end: int, header_lines: int):
    if index == 0:
        return Partition(0, start, end)
    return Partition(index, start, end, before=before, prefix_end=header_end, prefix_lines=header_lines)


def _parquet_partitions(path: Path, target: int) -> list[Partition]:
    """Runs of row groups of about `target` bytes; none when the file is one row group or unreadable."""
    try:
        parquet = pq.ParquetFile(path)
        groups = [parquet.metadata.row_group(i) for i in range(parquet.metadata.num_row_groups)]
        if len(groups) < 2:
            return []
        for batch in parquet.iter_batches(batch_size=65_536):
            batch.validate(full=True)  # damaged: the readers quarantine the whole file as one record
    except (pa.ArrowException, OSError):
        return []
    parts: list[Partition] = []
    start, rows_before, rows, size = 0, 0, 0, 0
    for number, group in enumerate(groups):
        rows += group.num_rows
        size += group.total_byte_size
        if size >= target and number + 1 < len(groups):
            parts.append(Partition(len(parts), start, number + 1, before=rows_before))
            start, rows_before, size = number + 1, rows, 0
    if not parts:
        return []
    parts.append(Partition(len(parts), start, len(groups), before=rows_before))
    return parts


# ---------------------------------------------------------------- reading one partition


class _RangeStream(io.RawIOBase):
    """Bytes [0, prefix_end) then [start, end) of a file, as one readable stream."""

    def __init__(self, path: Path, partition: Partition):
        self._file = path.open("rb")
        self._pieces = [(0, partition.prefix_end), (partition.start, partition.end)]
        self._position = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self._pieces:
            start, end = self._pieces[0]
            if self._position is None:
                self._file.seek(start)
                self._position = start
            wanted = min(len(buffer), end - self._position)
            if wanted <= 0:
                self._pieces.pop(0)
                self._position = None
                continue
            got = self._file.readinto(memoryview(buffer)[:wanted])
            if not got:
                return 0
            self._position += got
            return got
        return 0

    def close(self) -> None:
        self._file.close()
        super().close()


@dataclass(frozen=True)
class _RangeSource:
    """What the readers open: the partition's bytes behind the `open("rb")` they call on a path."""

    path: Path
    partition: Partition

    def open(self, mode: str = "rb") -> io.BufferedReader:
        return io.BufferedReader(_RangeStream(self.path, self.partition), buffer_size=1 << 20)


def read_partition(
    path: Path,
    fmt: str,
    layout: FileLayout,
    partition: Partition,
    chunk_rows: int,
    encoding: str = "utf-8",
) -> Iterator[Chunk]:
    """The partition's records in chunks, positions file-global (as the readers give them for the file)."""
    if partition.whole:
        yield from read_chunks(path, fmt, layout, chunk_rows, encoding=encoding)
        return
    if fmt == "parquet":
        yield from _parquet_range(path, partition, chunk_rows)
        return
    offset = partition.before - partition.prefix_lines
    source = _RangeSource(path, partition)
    for chunk in read_chunks(source, fmt, layout, chunk_rows, encoding=encoding):  # type: ignore[arg-type]
        yield Chunk(
            chunk.frame,
            [p + offset for p in chunk.positions],
            [dataclasses.replace(b, position=b.position + offset) for b in chunk.bad],
        )


def _parquet_range(path: Path, partition: Partition, chunk_rows: int) -> Iterator[Chunk]:
    parquet = pq.ParquetFile(path)
    row = partition.before + 1
    groups = list(range(partition.start, partition.end))
    for batch in parquet.iter_batches(batch_size=chunk_rows, row_groups=groups):
        yield Chunk(batch.to_pandas(types_mapper=None), list(range(row, row + batch.num_rows)))
        row += batch.num_rows
