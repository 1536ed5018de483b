"""Readers: chunked streaming with source positions; unreadable records come back as bad records."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.pipeline.readers import file_layout, read_chunks


def records(path, fmt, **kwargs):
    chunks = list(read_chunks(path, fmt, **kwargs))
    rows = [row for chunk in chunks for row in chunk.frame.to_dict("records")]
    positions = [p for chunk in chunks for p in chunk.positions]
    bad = [(b.position, b.reason) for chunk in chunks for b in chunk.bad]
    return rows, positions, bad, chunks


def test_csv_quoted_multiline_fields_and_bad_rows(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(
        b'id,name,notes\n1,Ann,"two\nlines"\n2,Bob\n3,"bad"x,y\n4,\xff\xfe,z\n\n5,Eve,"say ""hi"""\n'
    )
    rows, positions, bad, _ = records(path, "csv")
    assert rows == [
        {"id": "1", "name": "Ann", "notes": "two\nlines"},
        {"id": "5", "name": "Eve", "notes": 'say "hi"'},
    ]
    assert positions == [2, 8]
    assert bad == [
        (4, "wrong number of fields (2, header has 3)"),
        (5, "malformed CSV"),
        (6, "invalid UTF-8"),
    ]


def test_jsonl_nested_fields_become_paths_and_bad_lines_are_kept_aside(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_bytes(
        b'{"user": {"email": "a@b.com", "age": 3}, "q": "x"}\n{broken\n\n[1]\n'
        b'{"user": {"email": "c@d.com"}, "tags": ["a"], "q": 5}\n\xff\n'
    )
    layout = file_layout(path, "jsonl")
    assert layout.schema.names == ["user.email", "user.age", "q", "tags"]
    assert layout.schema.field("user.age").type == pa.int64()
    assert layout.schema.field("q").type == pa.string()  # str and int mixed: kept as text
    rows, positions, bad, _ = records(path, "jsonl", layout=layout)
    assert rows[1] == {"user.email": "c@d.com", "user.age": None, "q": "5", "tags": '["a"]'}
    assert positions == [1, 5]
    assert bad == [(2, "malformed JSON"), (4, "not a JSON object"), (6, "invalid UTF-8")]


def test_text_lines_oversized_line_is_quarantined_without_holding_it_all(tmp_path):
    path = tmp_path / "c.log"
    with path.open("wb") as handle:
        handle.write(b"hello\n" + b"x" * (3 << 20) + b"\nbye\n")
    rows, positions, bad, chunks = records(path, "text", max_record_bytes=1 << 20)
    assert [r["line"] for r in rows] == ["hello", "bye"]
    assert positions == [1, 3]
    assert bad == [(2, "record too large")]
    assert len(chunks[0].bad[0].raw) == (3 << 20) + 1  # kept whole (below the quarantine cap) for sealing


def test_chunks_stream_with_positions(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps({"i": i}) + "\n" for i in range(10)))
    chunks = list(read_chunks(path, "jsonl", chunk_rows=4))
    assert [len(c.frame) for c in chunks] == [4, 4, 2]
    assert chunks[2].positions == [9, 10]


def test_parquet_by_batches_and_unreadable_parquet(tmp_path):
    path = tmp_path / "e.parquet"
    pq.write_table(pa.table({"n": list(range(7)), "s": [str(i) for i in range(7)]}), path, row_group_size=3)
    rows, positions, bad, chunks = records(path, "parquet", chunk_rows=3)
    assert [r["n"] for r in rows] == list(range(7))
    assert positions == list(range(1, 8))
    broken = tmp_path / "f.parquet"
    broken.write_bytes(b"PAR1 not really")
    rows, positions, bad, _ = records(broken, "parquet")
    assert (rows, bad) == ([], [(0, "unreadable Parquet file")])


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "text"])
def test_empty_file_has_no_records(tmp_path, fmt):
    path = tmp_path / "empty"
    path.write_bytes(b"")
    assert records(path, fmt)[:3] == ([], [], [])


def test_csv_oversized_row_and_unterminated_quote_are_quarantined(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes(b"id,name\n1,Ann\n2," + b"x" * (2 << 20) + b'\n3,Bob\n4,"open\n5,Eve\n')
    rows, positions, bad, _ = records(path, "csv", max_record_bytes=1 << 20)
    assert rows == [{"id": "1", "name": "Ann"}, {"id": "3", "name": "Bob"}]
    assert positions == [2, 4]
    assert bad == [(3, "record too large"), (5, "malformed CSV")]  # the open quote runs to the end


def test_a_byte_order_mark_is_not_part_of_the_header(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfid,email\n1,a@b.com\n")
    assert file_layout(path, "csv").schema.names == ["id", "email"]
    assert records(path, "csv")[0] == [{"id": "1", "email": "a@b.com"}]
