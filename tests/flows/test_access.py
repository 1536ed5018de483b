"""Access requests through `piivault access` and the Prefect access flow, and the request listing:
the export package holds the subject's records detokenized (and nobody else's values), every value was
audited for the privacy officer, nothing personal reaches Prefect; requests list overdue ones first."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

from flows.cli import main as piivault
from flows.requests.lifecycle import (
    Verification,
    file_request,
    requests_for_listing,
)
from tests.flows.test_erasure_zone import open_vault, personal_values


def test_access_command_exports_the_subjects_records_audited(zone, capsys, prefect_server):
    root, people = zone
    subject = people.subject
    catalog = str(root / "catalog.yaml")
    args = ["--verified-by", "clerk", "--method", "id card", "--actor", "officer-7", "--catalog", catalog]
    assert piivault(["access", "--customer-id", subject.customer_id, *args]) == 0
    package = Path(capsys.readouterr().out.strip())
    assert sorted(p.name for p in package.iterdir()) == [
        "billing_invoices.csv",
        "call_records.csv",
        "crm_customers.csv",
        "export.json",
        "newsletter.csv",
        "summary.txt",
        "support_chats.csv",
        "web_logs.csv",
    ]
    assert oct(package.stat().st_mode & 0o777) == "0o700"
    export = json.loads((package / "export.json").read_text())
    held = {(v["type"], v["value"]): v["shared_with_others"] for v in export["values_held_in_the_vault"]}
    assert held[("EMAIL_ADDRESS", subject.email)] is False
    assert held[("PERSON", subject.full_name)] is True  # the namesake has the same name
    crm = list(csv.DictReader((package / "crm_customers.csv").open()))
    assert [(r["customer_id"], r["email"], r["phone"]) for r in crm] == [
        (subject.customer_id, subject.email, subject.mobile)
    ]
    assert any(subject.email.lower() in json.dumps(r).lower() for r in export["records"]["web_logs"])
    everything = json.dumps(export)
    for other in (people.namesake, people.housemate, *people.others):
        assert other.email not in everything and other.mobile not in everything  # others' tokens stay tokens
    with open_vault(root) as vault:
        audit = vault.audit_records(limit=None, actor="officer-7")
        assert audit and {(a["role"], a["purpose"]) for a in audit} == {("privacy_officer", "access request")}
        request = vault.list_requests()[0]
        assert (request["status"], request["receipt_path"]) == ("completed", str(package))
    # A second run is a no-op; nothing personal reached Prefect.
    assert piivault(["access", request["request_id"], "--catalog", catalog]) == 0
    assert "completed already" in capsys.readouterr().err
    prefect_db = b"".join(p.read_bytes() for p in prefect_server.parent.glob(prefect_server.name + "*"))
    assert [v for v in personal_values(subject) if v.lower().encode() in prefect_db.lower()] == []


def test_access_by_a_shared_phone_needs_review(zone, capsys):
    root, people = zone
    status = piivault(
        ["access", "--phone", people.subject.landline, "--verified-by", "c", "--method", "m"]
        + ["--catalog", str(root / "catalog.yaml")]
    )
    assert status == 4 and "more than one subject" in capsys.readouterr().err
    assert not (root / "reports" / "access").exists()


def test_requests_list_overdue_ones_first(zone, capsys):
    root, people = zone
    with open_vault(root) as vault:
        recent = file_request(vault, "erase", "email", people.others[0].email, Verification("c", "m"))
        old = file_request(
            vault, "access", "phone", people.others[1].mobile, received_at=datetime(2025, 1, 10, tzinfo=UTC)
        )
        listed = requests_for_listing(vault)
        assert [(r["request_id"], r["overdue"]) for r in listed] == [(old, True), (recent, False)]
        assert listed[0]["deadline"].replace(tzinfo=UTC) == datetime(2025, 2, 10, tzinfo=UTC)
    assert piivault(["requests", "--catalog", str(root / "catalog.yaml")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith(old) and lines[1].endswith("OVERDUE") and "awaiting_verification" in lines[1]
    assert lines[2].startswith(recent) and "verified" in lines[2] and "OVERDUE" not in lines[2]
