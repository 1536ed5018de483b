"""Partitions: a file read piece by piece gives exactly the records, positions and bad records of the file
read whole, whatever the format and wherever the cuts fall."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.pipeline.partitions import TEXT_SHARE, plan_partitions, read_partition
from flows.pipeline.readers import file_layout, read_chunks


def _records(chunks) -> tuple[list, list, list]:
    rows, positions, bad = [], [], []
    for chunk in chunks:
        rows.extend(chunk.frame.astype(object).where(chunk.frame.notna(), None).values.tolist())
        positions.extend(chunk.positions)
        bad.extend((b.position, b.reason, b.raw) for b in chunk.bad)
    return rows, positions, bad


def _both(path, fmt, target):
    layout = file_layout(path, fmt)
    whole = _records(read_chunks(path, fmt, layout, chunk_rows=7))
    parts = plan_partitions(path, fmt, layout, target_bytes=target)
    pieces = _records(c for p in parts for c in read_partition(path, fmt, layout, p, chunk_rows=7))
    return whole, pieces, parts


def _text_lines(n: int) -> list[bytes]:
    lines = [f"line {i} call me on 0{i:09d} or write to p{i}@example.com\n".encode() for i in range(n)]
    lines[5] = b"\xff\xfe broken bytes\n"
    lines[9] = b"\n"
    return lines


@pytest.mark.parametrize("target", [1, 50, 333, 4096])
def test_text_pieces_read_as_the_whole_file(tmp_path, target):
    path = tmp_path / "chat.log"
    path.write_bytes(b"".join(_text_lines(120)) + b"no final newline")
    whole, pieces, parts = _both(path, "text", target)
    assert pieces == whole
    assert len(parts) > 1
    assert [p.start for p in parts[1:]] == [p.end for p in parts[:-1]]


@pytest.mark.parametrize("target", [1, 200, 1000])
def test_jsonl_pieces_keep_line_numbers_and_bad_records(tmp_path, target):
    path = tmp_path / "web.jsonl"
    lines = [json.dumps({"user": {"email": f"u{i}@example.com"}, "n": i}) + "\n" for i in range(80)]
    lines[3] = "{broken\n"
    lines[40] = "\n"
    lines[41] = "[1, 2]\n"
    path.write_text("".join(lines))
    whole, pieces, parts = _both(path, "jsonl", target)
    assert len(parts) > 1
    assert pieces == whole
    assert [b[0] for b in pieces[2]] == [4, 42]


@pytest.mark.parametrize("target", [1, 100, 700])
def test_csv_pieces_never_cut_a_quoted_newline(tmp_path, target):
    path = tmp_path / "crm.csv"
    rows = ["\n", "id,name,notes\n"]
    for i in range(60):
        note = f'"said ""hi""\nover two lines {i}"' if i % 7 == 0 else f"note {i}"
        rows.append(f"C{i},Name {i},{note}\n")
    rows[20] = "C-bad,too,many,fields\n"
    rows[30] = 'C-open,"unclosed quote,x\n'
    path.write_text("".join(rows))
    whole, pieces, parts = _both(path, "csv", target)
    assert len(parts) > 1
    assert pieces == whole
    assert all(p.prefix_end > 0 for p in parts[1:])


def test_csv_without_header_is_one_piece(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,a\n" + "1,2\n" * 200)
    whole, pieces, parts = _both(path, "csv", 10)
    assert len(parts) == 1 and parts[0].whole
    assert pieces == whole


def test_parquet_pieces_are_runs_of_row_groups(tmp_path):
    path = tmp_path / "invoices.parquet"
    frame = pd.DataFrame({"email": [f"x{i}@example.com" for i in range(1000)], "amount": range(1000)})
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=100)
    whole, pieces, parts = _both(path, "parquet", 1)
    assert len(parts) == 10
    assert pieces == whole
    assert pieces[1][0] == 1 and pieces[1][-1] == 1000


def test_small_file_is_one_whole_piece(tmp_path):
    path = tmp_path / "small.log"
    path.write_bytes(b"one\ntwo\n")
    assert [p.whole for p in plan_partitions(path, "text", file_layout(path, "text"))] == [True]


def test_a_text_file_is_cut_finer_than_json_lines_of_the_same_size(tmp_path):
    # every byte of a text file is free text, which detection reads at far more than a typed cell's cost:
    # its pieces are TEXT_SHARE times smaller than the setting, so a few chat files still spread
    text, jsonl = tmp_path / "chat.log", tmp_path / "events.jsonl"
    text.write_bytes(b"".join(_text_lines(400)))
    jsonl.write_text("".join(json.dumps({"n": i, "note": "x" * 40}) + "\n" for i in range(300)))
    setting = max(text.stat().st_size, jsonl.stat().st_size) + 1
    assert len(plan_partitions(jsonl, "jsonl", file_layout(jsonl, "jsonl"), setting)) == 1
    whole, pieces, parts = _both(text, "text", setting)
    assert len(parts) >= TEXT_SHARE - 1 and pieces == whole
    assert max(p.end - p.start for p in parts) <= setting // TEXT_SHARE + 200  # a cut waits for a newline
