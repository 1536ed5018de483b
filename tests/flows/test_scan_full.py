"""A real scan flow run scans in full the columns its sample calls not personal, and its report (JSON,
HTML and the markdown artifact's text) lists the ones found holding personal data, with the rows that
held something and their share, per dataset and per file; never a value."""

from __future__ import annotations

import json

from flows.scan.report import markdown

CATALOG = """
zones: {raw: raw, clean: clean, reports: reports}
vault: sqlite:///vault.db
datasets:
  web:
    path: web/*.jsonl
    format: jsonl
    erasure: redact
    columns: {note: none}
"""


def _events(day: str, found: dict[int, str]) -> str:
    events = [
        {"ts": f"{day}T10:{i // 60:02d}:{i % 60:02d}Z", "query": "roaming charges spain", "note": "x"}
        for i in range(300)
    ]
    for row, query in found.items():
        events[row]["query"] = query
    events[270]["note"] = "call +32 475 12 34 56"  # declared none: never scanned
    return "".join(json.dumps(e) + "\n" for e in events)


def test_the_scan_report_lists_columns_the_full_scan_made_free_text(prefect_server, tmp_path):
    from flows.scan.flow import scan

    (tmp_path / "raw" / "web").mkdir(parents=True)
    (tmp_path / "catalog.yaml").write_text(CATALOG)
    first = {250: "callback +32 475 12 34 56", 260: "mail me at ann.peeters@example.com"}
    (tmp_path / "raw" / "web" / "a.jsonl").write_text(_events("2026-01-05", first))
    (tmp_path / "raw" / "web" / "b.jsonl").write_text(_events("2026-01-06", {299: "call 0475 12 34 56"}))

    html_path = scan(catalog_path=str(tmp_path / "catalog.yaml"))

    document = json.loads((tmp_path / "reports" / "scan-report.json").read_text())
    (summary,) = document["datasets"]
    assert summary["columns"]["query"]["classification"] is None  # the sample: short phrases
    assert summary["promoted"] == [
        {
            "column": "query",
            "rows": 3,
            "share": 0.005,
            "files": [
                {"file": "web/a.jsonl", "rows": 2, "share": 0.0067},
                {"file": "web/b.jsonl", "rows": 1, "share": 0.0033},
            ],
        }
    ]
    assert set(summary["columns"]["query"]["entities"]) == {"PHONE_NUMBER", "EMAIL_ADDRESS"}
    assert summary["columns"]["note"]["entities"] == {}
    text = markdown([summary])
    assert "- `query`: 3 rows held personal data (0.5% of rows); per file: `web/a.jsonl` 2 (0.7%)" in text
    assert "| query | free text (full scan) | PHONE_NUMBER | 2 |" in text
    page = (tmp_path / "reports" / "scan-report.html").read_text()
    assert str(html_path).endswith("scan-report.html")
    assert "Scanned in full" in page and "<td>query</td><td>3</td><td>0.5%</td>" in page
    for value in ("475 12 34 56", "ann.peeters", "example.com"):
        assert value not in page and value not in text and value not in json.dumps(document)
