"""Property-based fuzzing of the raw-zone readers and of `tokenize_file` (issue 11).

Arbitrary bytes — lines of prose, CSV and JSON with canary values, in UTF-8, UTF-16 or Latin-1, with `\\n`,
`\\r\\n`, `\\r`, mixed or no line ending at the end, a byte order mark, records over the record limit (a
small `max_record_bytes` keeps it fast), and Parquet files with corrupted or truncated bytes — never crash a
reader, and never lose a record: every physical line is a record, part of one, the CSV header or blank;
every record comes out either as a row (with its values) or as a `BadRecord` holding its raw bytes, at its
position. No value reaches an exception, a log record or a reason. `tokenize_file` on the same kind of
file keeps records in = records out + quarantined and writes no value into its manifest or its logs.

Reproducible: Hypothesis runs derandomized, with no example database. The rows at the end are what
fuzzing found, kept as regressions.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.pipeline.readers import DEFAULT_MAX_RECORD_BYTES, BadRecord, file_layout, read_chunks

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI is reproducible
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
MAX_RECORD = 200  # bytes: records over it are quarantined as too large
BOM = b"\xef\xbb\xbf"
CANARIES = ("zebulon.quargleworth@canarymail.com", "Quarglestraat 77", "+32 470 55 12 34", "4556737586899855")
REASONS = re.compile(
    r"record too large|invalid (UTF-8|[\w-]+)|malformed CSV|malformed JSON|not a JSON object|"
    r"JSON nested too deeply|conflicting field names|no field in any record|unreadable CSV header|"
    r"unreadable Parquet file|"
    r"wrong number of fields \(\d+, header has \d+\)"
)

# ---------------------------------------------------------------- what goes into a file

words = st.one_of(
    st.sampled_from(CANARIES),
    st.sampled_from(
        [",", '"', '""', "{", "}", "[", "]", ":", "\t", " ", "\\", "é", "€", "\x00", "\ufeff", "."]
    ),
    st.text(max_size=12),
    st.text(alphabet='ab," {}:', max_size=8),
)
json_keys = st.sampled_from(["a", "b", "a.b", "b.c", "", "é", "user", "user.email"])
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(1 << 70), max_value=1 << 70),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from(CANARIES),
        st.text(max_size=10),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(json_keys, inner, max_size=3)),
    max_leaves=8,
)
json_objects = st.dictionaries(json_keys, json_values, max_size=4)


@st.composite
def line_texts(draw, fmt: str) -> str:
    """One record's text as the format would have it, or junk."""
    kind = draw(st.sampled_from(["junk", "shaped", "shaped", "long"]))
    if kind == "junk":
        return "".join(draw(st.lists(words, max_size=6)))
    if kind == "long":  # over the record limit
        return draw(st.sampled_from(CANARIES)) * (MAX_RECORD // 10)
    if fmt == "jsonl":
        return json.dumps(draw(json_objects), ensure_ascii=draw(st.booleans()))
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(
            draw(st.lists(words.map("".join), min_size=1, max_size=3))
        )
        return out.getvalue()
    return "".join(draw(st.lists(words, max_size=6)))


def encode(text: str, encoding: str) -> bytes:
    if encoding == "bytes":  # not text at all
        return text.encode("utf-8", "surrogatepass")[::-1]
    return text.encode(encoding, errors="replace" if encoding == "latin-1" else "surrogatepass")


@st.composite
def raw_files(draw, fmt: str) -> bytes:
    """A file of `fmt` records in mixed encodings and line endings; sometimes a BOM, a header, no final
    line ending."""
    texts = draw(st.lists(line_texts(fmt), max_size=8))
    if fmt == "csv" and draw(st.booleans()):
        texts.insert(
            0, draw(st.sampled_from(["email,name", "a", 'a,"b""c"', "x,y,z", '"a"x,b', "a,a", "note,,"]))
        )
    endings = st.sampled_from(["\n", "\r\n", "\r", "\n", "\n\n"])
    encodings = st.sampled_from(["utf-8", "utf-8", "utf-8", "latin-1", "utf-16", "utf-16-le", "bytes"])
    data = b"".join(encode(text, draw(encodings)) + draw(endings).encode() for text in texts)
    if data and draw(st.booleans()):
        data = data.rstrip(b"\r\n")  # no line ending at the end of the file
    return (BOM if draw(st.integers(0, 5)) == 0 else b"") + data


# ---------------------------------------------------------------- what must come out


def physical_lines(data: bytes) -> list[bytes]:
    """The file split where the readers split it: after every `\\n` (a `\\r` alone ends no line)."""
    lines = re.findall(rb"[^\n]*\n|[^\n]+$", data)
    if lines and lines[0].startswith(BOM):
        lines[0] = lines[0][len(BOM) :]
    return lines


def read_all(path: Path, fmt: str, encoding: str = "utf-8", limit: int = MAX_RECORD):
    """(layout, [(position, cells in column order)], bad records) of a file, read in small chunks."""
    layout = file_layout(path, fmt, max_record_bytes=limit, encoding=encoding)
    good: list[tuple[int, list]] = []
    bad: list[BadRecord] = []
    for chunk in read_chunks(path, fmt, layout, chunk_rows=3, max_record_bytes=limit, encoding=encoding):
        assert len(chunk.frame) == len(chunk.positions)
        good += list(zip(chunk.positions, chunk.frame.values.tolist(), strict=True))
        bad += chunk.bad
    return layout, good, bad


def assert_nothing_leaks(bad: list[BadRecord], caplog) -> None:
    for record in bad:
        assert REASONS.fullmatch(record.reason), record.reason
    assert not any(canary in caplog.text for canary in CANARIES)


def is_blank_csv_line(line: bytes) -> bool:
    return line in (b"\n", b"\r\n", b"\r", b"")


def leaves(value) -> list:
    """The scalar values inside a JSON value (what must survive flattening)."""
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in leaves(item)]
    return [] if value is None else [value]


def holds(cells: list, value) -> bool:
    """A row holds a JSON leaf as a cell of its own, or inside a cell of JSON text."""
    text = json.dumps(value, ensure_ascii=False)
    return any(
        (cell == value and type(cell) is type(value))
        or (isinstance(cell, str) and (cell == value or text in cell))
        for cell in cells
    )


def check_lines(fmt: str, data: bytes, good, bad) -> None:
    """text and jsonl: one record per physical line (jsonl: blank lines are none), each a row or bad."""
    lines = physical_lines(data)
    expected = {
        number
        for number, line in enumerate(lines, start=1)
        if fmt == "text" or line.strip() or len(line) > MAX_RECORD
    }
    positions = [p for p, _row in good] + [b.position for b in bad]
    assert sorted(positions) == sorted(expected), "a record lost, duplicated or misplaced"
    for record in bad:
        assert record.raw == lines[record.position - 1], f"line {record.position}: not its raw bytes"
    for position, row in good:
        line = lines[position - 1]
        if fmt == "text":
            assert row == [line.decode("utf-8").rstrip("\r\n")]
        else:
            for leaf in leaves(json.loads(line.decode("utf-8"))):
                assert holds(row, leaf), f"line {position}: a value was lost"


def check_csv(data: bytes, layout, good, bad) -> None:
    """csv: every non-blank physical line is in exactly one record (the header, a row or a bad record);
    a bad record holds its lines' bytes; a row re-parsed from its lines gives the same values."""
    lines = physical_lines(data)
    starts = sorted(
        [(p, "row", row) for p, row in good] + [(b.position, "bad", b) for b in bad], key=lambda s: s[0]
    )
    first = next((n for n, line in enumerate(lines, start=1) if not is_blank_csv_line(line)), None)
    names = layout.schema.names
    if names:
        assert first is not None and (not starts or first < starts[0][0])
        starts.insert(0, (first, "header", names))
    elif starts:
        assert starts[0][0] == first, "lines before the first record are lost"
    numbers = [s[0] for s in starts]
    assert numbers == sorted(set(numbers)), "two records at one position"
    for index, (start, kind, item) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines) + 1
        span = lines[start - 1 : end - 1]
        if kind == "bad":
            taken = len(item.raw)
            covered = 0
            while covered < len(span) and taken >= len(span[covered]) and taken > 0:
                taken -= len(span[covered])
                covered += 1
            assert taken == 0 and item.raw == b"".join(span[:covered]), f"line {start}: not its raw bytes"
            assert all(is_blank_csv_line(line) for line in span[covered:]), f"after line {start}: lines lost"
            continue
        parsed = [
            r for r in csv.reader(io.StringIO(b"".join(span).decode("utf-8"), newline=""), strict=True) if r
        ]
        values = names if kind == "header" else item
        assert parsed == [values], f"line {start}: the row's values are not its lines'"


@FUZZ
@given(data=st.data(), fmt=st.sampled_from(["text", "jsonl", "csv"]))
def test_the_readers_read_every_record_of_any_bytes_once(data, fmt, tmp_path, caplog):
    caplog.clear()
    caplog.set_level(logging.DEBUG)
    raw = data.draw(raw_files(fmt))
    path = tmp_path / f"input.{fmt}"
    path.write_bytes(raw)
    layout, good, bad = read_all(path, fmt)
    assert_nothing_leaks(bad, caplog)
    if fmt == "csv":
        check_csv(raw, layout, good, bad)
    else:
        check_lines(fmt, raw, good, bad)


@FUZZ
@given(data=st.data(), fmt=st.sampled_from(["text", "jsonl", "csv"]))
def test_a_latin_1_dataset_reads_every_line_of_any_bytes(data, fmt, tmp_path, caplog):
    caplog.clear()
    raw = data.draw(raw_files(fmt))
    path = tmp_path / f"input.{fmt}"
    path.write_bytes(raw)
    _layout, good, bad = read_all(path, fmt, encoding="latin-1")
    assert_nothing_leaks(bad, caplog)
    assert not [b for b in bad if b.reason.startswith("invalid")]  # every byte is a Latin-1 character
    positions = [p for p, _row in good] + [b.position for b in bad]
    assert len(positions) == len(set(positions))
    assert all(1 <= p <= len(physical_lines(raw)) for p in positions)


@st.composite
def damaged_parquet(draw) -> tuple[bytes, bytes, int]:
    """(original bytes, damaged bytes, rows) of a small Parquet file holding canaries."""
    rows = draw(st.integers(1, 40))
    table = pa.table(
        {
            "email": [CANARIES[i % len(CANARIES)] for i in range(rows)],
            "n": list(range(rows)),
            "note": [draw(st.text(max_size=6)) for _ in range(rows)],
        }
    )
    out = io.BytesIO()
    pq.write_table(
        table,
        out,
        row_group_size=draw(st.integers(1, 16)),
        compression=draw(st.sampled_from(["none", "zstd"])),
    )
    original = out.getvalue()
    damaged = bytearray(original)
    how = draw(st.sampled_from(["flip", "flip", "truncate", "zero"]))
    if how == "truncate":
        damaged = damaged[: draw(st.integers(0, len(damaged) - 1))]
    else:
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(damaged) - 1))
            damaged[at] = 0 if how == "zero" else draw(st.integers(0, 255))
    return original, bytes(damaged), rows


@FUZZ
@given(case=damaged_parquet())
def test_a_damaged_parquet_file_is_read_whole_or_quarantined_whole(case, tmp_path, caplog):
    caplog.clear()
    original, damaged, rows = case
    path = tmp_path / "input.parquet"
    path.write_bytes(damaged)
    _layout, good, bad = read_all(path, "parquet")
    assert_nothing_leaks(bad, caplog)
    if bad:  # one bad record: the whole file, and no row of it taken for good
        assert [(b.position, b.reason, b.raw) for b in bad] == [(0, "unreadable Parquet file", damaged)]
        assert good == []
    else:
        assert [p for p, _row in good] == list(range(1, len(good) + 1))
        if damaged == original:
            assert len(good) == rows


# ---------------------------------------------------------------- tokenize_file on the same inputs


CATALOG = {
    "zones": {"raw": "raw", "clean": "clean", "quarantine": "quarantine", "reports": "reports"},
    "vault": "sqlite:///vault.db",
    "datasets": {
        "fuzz_text": {"path": "text/*.log", "format": "text", "erasure": "redact"},
        "fuzz_jsonl": {"path": "jsonl/*.jsonl", "format": "jsonl", "erasure": "redact"},
        "fuzz_csv": {"path": "csv/*.csv", "format": "csv", "erasure": "delete_rows"},
    },
}
EXTENSIONS = {"text": "log", "jsonl": "jsonl", "csv": "csv"}


@pytest.fixture(scope="module")
def fuzz_zone(tmp_path_factory):
    """A catalog with one dataset per text format, and its vault, shared by every example."""
    import yaml

    from flows.pipeline.catalog import load_catalog
    from vault.store import Vault

    root = tmp_path_factory.mktemp("fuzz-zone")
    (root / "catalog.yaml").write_text(yaml.safe_dump(CATALOG), encoding="utf-8")
    catalog = load_catalog(root / "catalog.yaml")
    with Vault.open(catalog.vault_url) as vault:
        yield catalog, vault


@settings(FUZZ, max_examples=30)
@given(data=st.data(), fmt=st.sampled_from(["text", "jsonl", "csv"]))
def test_tokenize_file_keeps_every_record_and_writes_no_value_where_it_must_not(data, fmt, fuzz_zone, caplog):
    from flows.pipeline.column_kinds import classify_columns, sample_frame
    from flows.pipeline.manifest import entry_path
    from flows.pipeline.quarantine import read_quarantine
    from flows.tokenize.tokenizing import tokenize_file
    from recognizers import detect

    caplog.clear()
    caplog.set_level(logging.DEBUG)
    catalog, vault = fuzz_zone
    name = f"fuzz_{fmt}"
    path = catalog.raw_dir / fmt / f"input.{EXTENSIONS[fmt]}"
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.draw(raw_files(fmt))
    path.write_bytes(raw)
    _layout, good, bad = read_all(path, fmt, limit=DEFAULT_MAX_RECORD_BYTES)
    kinds = classify_columns(catalog.dataset(name), sample_frame(catalog, name))
    try:
        result = tokenize_file(catalog, name, path, kinds, vault, detect, force=True)
    except Exception as error:
        assert not any(canary in str(error) for canary in CANARIES)
        raise
    assert result.records_in == result.records_out + result.quarantined
    assert (result.records_out, result.quarantined) == (len(good), len(bad))
    clean = pq.read_table(catalog.clean_dir / name / result.output)
    assert clean.num_rows == result.records_out
    entry = entry_path(catalog.clean_dir / name, result.file).read_text(encoding="utf-8")
    assert json.loads(entry)["records_in"] == result.records_in
    if result.quarantine_file:
        sealed = read_quarantine(catalog.quarantine_dir / result.quarantine_file)
        assert [item["position"] for item in sealed] == [b["line"] for b in result.bad]
    for text in (entry, caplog.text, json.dumps(result.to_dict())):
        assert not any(canary in text for canary in CANARIES)


# ---------------------------------------------------------------- what fuzzing found


def _parquet(damage) -> bytes:
    out = io.BytesIO()
    table = pa.table({"email": [CANARIES[0], "ann@example.com"], "n": [1, 2]})
    pq.write_table(table, out, compression="none")
    return damage(bytearray(out.getvalue()))


def _set(data: bytearray, at: int, value: int) -> bytes:
    data[at] = value
    return bytes(data)


WHOLE_PARQUET = [(0, "unreadable Parquet file")]
FOUND = [
    # a BOM before a first line over the limit: the line was cut in two, every line number after it shifted
    ("text", BOM + b"x" * DEFAULT_MAX_RECORD_BYTES + b"\nnext\n", [2], [(1, "record too large")]),
    (
        "csv",
        BOM + b"x" * DEFAULT_MAX_RECORD_BYTES + b"\na\n1\n",
        [],
        [
            (1, "unreadable CSV header"),
            (2, "wrong number of fields (1, header has 0)"),
            (3, "wrong number of fields (1, header has 0)"),
        ],
    ),
    # records ended by a lone \r: the header pass crashed on csv.Error
    ("csv", b"a,b\rx,y\r", [], [(1, "malformed CSV")]),
    # a header only the lenient header pass could read: the record pass dropped the next record unseen
    (
        "csv",
        b'"a"x,b\n1,2\n3,4\n',
        [],
        [(1, "malformed CSV"), (2, "unreadable CSV header"), (3, "wrong number of fields (2, header has 0)")],
    ),
    # a column name used twice: tokenize crashed on the duplicate column
    (
        "csv",
        b"a,a\n1,2\n",
        [],
        [(1, "unreadable CSV header"), (2, "wrong number of fields (2, header has 0)")],
    ),
    # nesting deeper than the interpreter's recursion limit: RecursionError
    ("jsonl", b"[" * 5000 + b"\n" + b'{"a": 1}\n', [2], [(1, "JSON nested too deeply")]),
    # a literal dotted key and a nested path flattened to one column: one value silently lost
    ("jsonl", b'{"a.b": 1, "a": {"b": 2}}\n{"a": {"b": 3}}\n', [2], [(1, "conflicting field names")]),
    # records holding no field at all (`{}`): tokenize counted them in, wrote no row, quarantined none
    ("jsonl", b"{}\n\n{}\n", [], [(1, "no field in any record"), (3, "no field in any record")]),
    ("jsonl", b'{}\n{"a": 1}\n', [1, 2], []),  # beside a record with a field, `{}` is a row of nulls
    # a damaged page header, and strings that are not UTF-8: OSError / ArrowException half way through
    ("parquet", _parquet(lambda data: _set(data, 4, 0)), [], WHOLE_PARQUET),
    (
        "parquet",
        _parquet(lambda data: bytes(data.replace(b"zebulon", b"\xff\xfe\xfdbulon"))),
        [],
        WHOLE_PARQUET,
    ),
]


@pytest.mark.parametrize("fmt, data, good, bad", FOUND)
def test_what_fuzzing_found(fmt, data, good, bad, tmp_path):
    path = tmp_path / f"input.{fmt}"
    path.write_bytes(data)
    _layout, rows, records = read_all(path, fmt, limit=DEFAULT_MAX_RECORD_BYTES)
    assert ([p for p, _row in rows], [(b.position, b.reason) for b in records]) == (good, bad)
