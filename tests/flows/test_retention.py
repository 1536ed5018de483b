"""Retention on the erasure test zone with retention settings, a real SQLite vault and real files, judged as
of a fixed moment (the run's recorded start): raw files past retention deleted once tokenized (untokenized
and changed ones kept and reported), clean rows dropped by date column and by partition date with their
raw records, values nothing holds shredded, closed relationships listed for the privacy officer or
erased, a receipt without personal data, and a dry run that changes nothing."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from flows.pipeline.catalog import load_catalog
from flows.pipeline.manifest import load_entry
from flows.retention.steps import dry_run, run_retention
from tests.flows.test_erasure_zone import clean_rows, file_states, open_vault

AS_OF = datetime(2028, 1, 5, 9, 30, tzinfo=UTC)  # web rows before 2026-01-05T09:30 are 730 days old
LANDED = datetime(2026, 1, 5, tzinfo=UTC).timestamp()
LONELY = "lonely.visitor@example.org"
RETENTION = {
    "web_logs": {"clean": "730d", "date_column": "ts"},
    "support_chats": {"raw": "30d", "clean": "365d"},
    "call_records": {"raw": "30d"},
}


def tokenize_files(root: Path, files: list[tuple[str, Path]]) -> None:
    from flows.pipeline.column_kinds import classify_columns, sample_frame
    from flows.tokenize.tokenizing import tokenize_file
    from recognizers import detect

    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        for dataset, path in files:
            kinds = classify_columns(catalog.dataset(dataset), sample_frame(catalog, dataset))
            tokenize_file(catalog, dataset, path, kinds, vault, detect)


def with_retention(root: Path, people, auto_erase: bool = False) -> None:
    """Retention settings and a closure record in the zone's catalog; a CRM file of closed relationships
    and an old chat file quoting an email nobody is linked to, both tokenized; every raw file landed long
    ago."""
    subject, housemate, other = people.subject, people.housemate, people.others[0]
    catalog_path = root / "catalog.yaml"
    document = yaml.safe_load(catalog_path.read_text())
    for dataset, settings in RETENTION.items():
        document["datasets"][dataset]["retention"] = settings
    document["datasets"]["crm_customers"]["columns"]["closed_on"] = "none"
    document["subjects"] = {
        "closed": {"dataset": "crm_customers", "column": "closed_on"},
        "erase_after": "365d",
        "auto_erase": auto_erase,
    }
    catalog_path.write_text(yaml.safe_dump(document, sort_keys=False))
    closed = root / "raw" / "crm" / "customers-closed.csv"
    closed.write_text(
        "customer_id,closed_on\n"
        f"{subject.customer_id},2026-06-30\n{housemate.customer_id},\n{other.customer_id},2027-12-01\n"
    )
    chat = root / "raw" / "support" / "chat-2026-01-04.log"
    chat.write_text(f"2026-01-04T10:00:00Z chat-0 visitor: write to {LONELY} please\n")
    tokenize_files(root, [("crm_customers", closed), ("support_chats", chat)])
    for path in (root / "raw").rglob("*"):
        if path.is_file():
            os.utime(path, (LANDED, LANDED))


def retain(root: Path):
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        outcome = run_retention(catalog, vault, now=AS_OF)
        return outcome, vault.get_request(outcome.request_id)


@pytest.fixture
def retention_zone(zone):
    root, people = zone
    with_retention(root, people)
    return root, people


def test_a_retention_run_deletes_what_is_due_and_keeps_untokenized_files(retention_zone):
    root, people = retention_zone
    raw = root / "raw"
    # a call-record file that landed long ago but was never tokenized, and one changed since it was
    untokenized = raw / "telecom" / "cdr-2026-01-07.csv"
    untokenized.write_text("call_id,caller,callee\nC9,+3225550100,+3225550101\n")
    changed = raw / "telecom" / "cdr-2026-01-05.csv"
    with changed.open("a") as handle:
        handle.write("C5,+3225550102,+3225550103\n")
    for path in (untokenized, changed):
        os.utime(path, (LANDED, LANDED))
    with open_vault(root) as vault:
        lonely = vault.deriver.derive("EMAIL_ADDRESS", LONELY).token
        assert vault.partitions_holding([lonely]) == [("support_chats", "support/chat-2026-01-04.parquet")]
    web_before = clean_rows(root, "web_logs")
    untouched = {
        p: s
        for p, s in file_states(root).items()
        if "web-2026-01-06" in p or "crm/" in p or "billing/" in p or "marketing/" in p
    }

    outcome, request = retain(root)

    assert (outcome.status, request["kind"], request["verified_by"]) == (
        "completed",
        "retention",
        "retention policy",
    )
    # raw: the chats (tokenized, 30 days) went with their manifest entries; the untokenized and the
    # changed call-record files stay
    assert not list((raw / "support").glob("*.log"))
    assert load_entry(root / "clean" / "support_chats", "support/chat-2026-01-05.log") is None
    assert untokenized.exists() and changed.exists()
    # clean: chats are past 365 days by their partitions' dates, and their raw files are gone: deleted
    assert not list((root / "clean" / "support_chats").rglob("*.parquet"))
    # web rows before 2026-01-05T09:30 dropped, from the clean file and from the raw file still there
    web_after = clean_rows(root, "web_logs")
    assert web_after == [r for r in web_before if r["ts"] >= "2026-01-05T09:30:00Z"]
    web_raw = (raw / "logs" / "web-2026-01-05.jsonl").read_text().splitlines()
    assert len(web_raw) == len(people.others) and all('"ts": "2026-01-05T10:' in line for line in web_raw)
    entry = load_entry(root / "clean" / "web_logs", "logs/web-2026-01-05.jsonl")
    assert (entry.records_in, entry.records_out) == (len(people.others), len(people.others))
    assert os.stat(raw / "logs" / "web-2026-01-05.jsonl").st_mtime == LANDED  # its age is kept
    assert {p: s for p, s in file_states(root).items() if p in untouched} == untouched
    # vault: the email only the deleted chat held is shredded; lineage follows the rewritten partitions
    with open_vault(root) as vault:
        revealed = vault.detokenize([lonely], role="support", purpose="account management", actor="t")
        assert revealed[0].outcome != "allowed"
        subject_email = vault.deriver.derive("EMAIL_ADDRESS", people.subject.email).token
        assert ("web_logs", "logs/web-2026-01-05.parquet") not in vault.partitions_holding([subject_email])
    # the receipt: counts and paths, kept files with reasons, the privacy officer's list; no personal data
    text = Path(outcome.receipt_path).read_text()
    receipt = json.loads(text)
    assert receipt["datasets"]["support_chats"]["raw_files_deleted"] == [
        "support/chat-2026-01-04.log",
        "support/chat-2026-01-05.log",
    ]
    kept = {k["file"]: k["reason"] for k in receipt["datasets"]["call_records"]["raw_files_kept"]}
    assert kept["telecom/cdr-2026-01-07.csv"] == "not tokenized"
    assert kept["telecom/cdr-2026-01-05.csv"].startswith("not tokenized under the current settings")
    assert receipt["datasets"]["web_logs"]["clean_rows_dropped"] == 4
    assert receipt["datasets"]["web_logs"]["raw_records_dropped"] == 4
    assert receipt["vault"]["values_shredded"] >= 1
    assert receipt["subjects"]["due_for_erasure"] == 1 and receipt["subjects"]["auto_erase"] is False
    due_list = Path(receipt["subjects"]["list_for_the_privacy_officer"])
    assert due_list.read_text() == f"{people.subject.customer_id}\n"
    assert due_list.stat().st_mode & 0o777 == 0o600
    for secret in (people.subject.customer_id, people.subject.email, LONELY, "[pv:"):
        assert secret.lower() not in text.lower()
    # nothing is due any more: a second run deletes nothing
    again, _request = retain(root)
    assert again.request_id != outcome.request_id
    totals = json.loads(Path(again.receipt_path).read_text())["totals"]
    assert (totals["raw_files_deleted"], totals["clean_rows_dropped"], totals["raw_files_kept"]) == (0, 0, 2)


def test_a_dry_run_lists_what_would_go_and_changes_nothing(retention_zone):
    root, people = retention_zone
    before = file_states(root)
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        listed = dry_run(catalog, vault, now=AS_OF)
        assert not [r for r in vault.list_requests() if r["kind"] == "retention"]
    assert file_states(root) == before
    assert ["support_chats", "support/chat-2026-01-05.log"] in listed["raw_due"]
    assert ["web_logs", "logs/web-2026-01-05.parquet", 4, 10] in listed["clean_due"]
    assert (
        listed["subjects_due"] and Path(listed["due_list"]).read_text() == f"{people.subject.customer_id}\n"
    )


def test_ended_relationships_are_erased_when_the_catalog_says_so(zone):
    root, people = zone
    with_retention(root, people, auto_erase=True)
    outcome, _request = retain(root)
    assert outcome.status == "completed"
    receipt = json.loads(Path(outcome.receipt_path).read_text())
    erasures = receipt["subjects"]["erasures"]
    assert (erasures["completed"], erasures["failed"], erasures["needs_review"]) == (1, 0, 0)
    assert receipt["subjects"]["list_for_the_privacy_officer"] is None
    with open_vault(root) as vault:
        (erasure,) = [vault.get_request(r) for r in erasures["requests"]]
        assert (erasure["kind"], erasure["status"], erasure["verified_by"]) == (
            "erase",
            "completed",
            "retention policy",
        )
        assert outcome.request_id in erasure["method"]
        assert vault.resolve_subject("customer_id", people.subject.customer_id).status == "none"
        assert vault.resolve_subject("customer_id", people.housemate.customer_id).status == "one"
        assert vault.resolve_subject("customer_id", people.others[0].customer_id).status == "one"
    assert json.loads(Path(erasure["receipt_path"]).read_text())["verification"]["passed"]
    assert people.subject.customer_id not in (root / "raw" / "crm" / "customers.csv").read_text()


def test_the_command_and_the_flow_leave_nothing_personal_behind(retention_zone, capsys, prefect_server):
    from flows.cli import main as piivault
    from flows.retention.flow import retention

    root, people = retention_zone
    catalog = str(root / "catalog.yaml")
    assert piivault(["retention", "--dry-run", "--catalog", catalog]) == 0
    out = capsys.readouterr().out
    assert "raw files due: 3" in out and "support/chat-2026-01-05.log" in out
    assert "due for erasure: 0" in out  # today, the relationship ended less than 365 days ago
    outcome = retention(catalog_path=catalog)  # a real flow run, judged as of today
    assert outcome["status"] == "completed"
    assert not list((root / "raw" / "support").glob("*.log"))
    status = piivault(["retention", "--catalog", catalog])
    receipt_path = capsys.readouterr().out.strip()
    assert status == 0 and json.loads(Path(receipt_path).read_text())["totals"]["raw_files_deleted"] == 0
    with open_vault(root) as vault:
        runs = [r for r in vault.list_requests() if r["kind"] == "retention"]
    assert [r["status"] for r in runs] == ["completed", "completed"]
    assert piivault(["requests", "--catalog", catalog]) == 0
    assert capsys.readouterr().out.count("retention") == 2
    prefect_db = b"".join(
        p.read_bytes() for p in prefect_server.parent.glob(prefect_server.name + "*")
    ).lower()
    for value in (people.subject.email, people.subject.customer_id, LONELY, people.subject.full_name):
        assert value.lower().encode() not in prefect_db
    assert f"retention-receipt-{outcome['request_id']}".encode() in prefect_db
