"""`piivault detect` contract: one output line per input line, in order, offsets into `text`, malformed
lines reported by number without their content, the run going on."""

import json
import subprocess
import sys

from flows.cli import main

GOOD = [
    {"id": 1, "text": "From: Ann Lee <ann@example.com>"},
    {"id": "b", "text": "nothing personal"},
    {"id": 3, "text": "card 4111 1111 1111 1111, call 02 555 12 34"},
]


def write_input(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_findings_in_input_order_with_offsets(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_input(source, [json.dumps(record) for record in GOOD])
    assert main(["detect", str(source), "-o", str(target)]) == 0
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [row["id"] for row in rows] == [1, "b", 3]
    for row in rows:
        for finding in row["findings"]:
            assert set(finding) == {"entity_type", "start", "end", "score"}
    spans = [(f["entity_type"], GOOD[0]["text"][f["start"] : f["end"]]) for f in rows[0]["findings"]]
    assert spans == [("PERSON", "Ann Lee"), ("EMAIL_ADDRESS", "ann@example.com")]
    assert rows[1]["findings"] == []
    assert [GOOD[2]["text"][f["start"] : f["end"]] for f in rows[2]["findings"]] == [
        "4111 1111 1111 1111",
        "02 555 12 34",
    ]


def test_output_lines_are_the_findings_to_dict(tmp_path):
    """Each line is the JSON of `Finding.to_dict()` for each finding, non-ASCII written as is."""
    from recognizers import detect

    records = [*GOOD, {"id": "é", "text": "Thérèse Chauvin (0647435293), thérèse@exemple.fr"}]
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_input(source, [json.dumps(record) for record in records])
    assert main(["detect", str(source), "-o", str(target)]) == 0
    found = detect([record["text"] for record in records])
    expected = [
        json.dumps({"id": record["id"], "findings": [f.to_dict() for f in each]}, ensure_ascii=False)
        for record, each in zip(records, found, strict=True)
    ]
    assert target.read_text(encoding="utf-8").splitlines() == expected


def test_entities_option(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_input(source, [json.dumps(GOOD[2])])
    assert main(["detect", str(source), "-o", str(target), "--entities", "PHONE_NUMBER"]) == 0
    (row,) = [json.loads(line) for line in target.read_text().splitlines()]
    assert [f["entity_type"] for f in row["findings"]] == ["PHONE_NUMBER"]


def test_malformed_lines_are_reported_and_skipped(tmp_path, capsys):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_input(
        source,
        [
            json.dumps(GOOD[0]),
            'not json {"text": "secret-ann@example.com"}',
            json.dumps({"id": 7, "text": 42}),
            json.dumps({"text": "Marie Dubois"}),
            "[1, 2]",
            json.dumps({"id": 9}),
            json.dumps(GOOD[2]),
        ],
    )
    assert main(["detect", str(source), "-o", str(target), "--batch-size", "2"]) == 0
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [row["id"] for row in rows] == [1, None, 7, None, None, 9, 3]
    assert [bool(row["findings"]) for row in rows] == [True, False, False, False, False, False, True]
    err = capsys.readouterr().err
    for number in (2, 3, 4, 5, 6):
        assert f"line {number}:" in err
    assert "line 1:" not in err and "line 7:" not in err
    assert "secret" not in err and "Marie" not in err


def test_console_script_subprocess(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_input(source, [json.dumps(record) for record in GOOD])
    completed = subprocess.run(
        [sys.executable, "-m", "flows.cli", "detect", str(source), "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert len(target.read_text().splitlines()) == len(GOOD)
