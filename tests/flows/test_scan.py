"""Scan task logic through `task.fn` (no Prefect server): counts, shares, masked evidence, classification."""

from __future__ import annotations

import json
from dataclasses import asdict

from flows.pipeline.tasks import classify_dataset_columns, list_raw_files
from flows.scan.flow import plan_scan_file, scan_raw_partition, summarise_dataset
from flows.scan.partitioned import merge_scans
from flows.scan.report import html_report, markdown, table_rows

CATALOG = """
zones: {raw: raw, clean: clean}
vault: sqlite:///vault.db
datasets:
  events:
    path: events/*.jsonl
    format: jsonl
    erasure: redact
    columns: {note: free_text}
"""
EVENTS = [
    {"user": {"email": "Ann.Peeters@Example.com"}, "amount": 3, "note": "call me on +32 470 11 22 33"},
    {"user": {"email": "bob@example.org"}, "amount": 5, "note": "nothing personal"},
    {"user": {"email": "ann.peeters@example.com"}, "amount": 7, "note": None},
]


def test_scan_tasks_count_classify_and_mask(tmp_path):
    (tmp_path / "raw" / "events").mkdir(parents=True)
    lines = [json.dumps(e) for e in EVENTS] + ["{broken"]
    (tmp_path / "raw" / "events" / "e.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "catalog.yaml").write_text(CATALOG)
    catalog_path = str(tmp_path / "catalog.yaml")

    kinds = classify_dataset_columns.fn(catalog_path, "events")
    assert kinds == {"user.email": "EMAIL_ADDRESS", "amount": None, "note": "free_text"}
    files = []
    for f in list_raw_files.fn(catalog_path, "events"):
        plan = plan_scan_file.fn(catalog_path, "events", f, 20)  # 20-byte partitions: one line each
        assert len(plan.partitions) == 4
        scans = [scan_raw_partition.fn(catalog_path, plan, part, kinds) for part in plan.partitions]
        files.append(asdict(merge_scans(plan, scans)))
    summary = summarise_dataset.fn(catalog_path, "events", kinds, files)

    assert (summary["records_in"], summary["records_ok"]) == (4, 3)
    assert summary["quarantined"] == [{"file": "events/e.jsonl", "line": 4, "reason": "malformed JSON"}]
    email = summary["columns"]["user.email"]["entities"]["EMAIL_ADDRESS"]
    assert (email["count"], email["share"]) == (3, 1.0)
    assert email["examples"] == ["A***@E***.com", "b***@e***.org", "a***@e***.com"]
    phone = summary["columns"]["note"]["entities"]["PHONE_NUMBER"]
    assert (phone["count"], phone["rows"], phone["examples"]) == (1, 1, ["+32 *** ** ** 33"])
    assert summary["columns"]["amount"] == {"classification": None, "declared": False, "entities": {}}

    rendered = html_report([summary], "now") + markdown([summary]) + json.dumps(table_rows([summary]))
    for value in ("Ann.Peeters", "ann.peeters", "bob@", "470 11 22 33"):
        assert value not in rendered
    assert "<svg" in html_report([summary], "now")
