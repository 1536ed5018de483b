"""Erasure end to end on real Prefect flow runs, a real SQLite vault and a tokenized zone with a household
and namesakes: what changes (the subject's rows, per policy; their raw records; the vault), what must not
(everyone else's rows, files without the subject, shared values), the receipt, reviews, late data."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from flows.cli import main as piivault
from flows.pipeline.catalog import load_catalog
from tests.flows.test_erasure_zone import (
    SUBSCRIBER_ONLY,
    UNRELATED_WEB_LOG,
    clean_rows,
    file_states,
    open_vault,
    personal_values,
)
from values.token_format import ERASED_MARKER

SUPPORT = {"role": "support", "purpose": "account management", "actor": "test"}


def token_of(vault, entity_type: str, value: str) -> str:
    return vault.deriver.derive(entity_type, value).token


def leaks(data: bytes, values: list[str]) -> list[str]:
    lowered = data.lower()
    return [v for v in values if v.lower().encode() in lowered]


def erase_cli(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    status = piivault(["erase", *args, "--catalog", str(root / "catalog.yaml")])
    out, err = capsys.readouterr()
    return status, out.strip(), err


def test_erase_command_removes_the_subject_and_nobody_else(zone, capsys, prefect_server):
    root, people = zone
    subject, namesake, housemate = people.subject, people.namesake, people.housemate
    before_rows = {d: clean_rows(root, d) for d in load_catalog(root / "catalog.yaml").datasets}
    before_files = file_states(root)
    with open_vault(root) as vault:
        email = token_of(vault, "EMAIL_ADDRESS", subject.email)
        mobile = token_of(vault, "PHONE_NUMBER", subject.mobile)
        name = token_of(vault, "PERSON", subject.full_name)
        landline = token_of(vault, "PHONE_NUMBER", subject.landline)

    evidence = ["--verified-by", "clerk 7", "--method", "id card"]
    # as a Prefect flow run (`--prefect`): what reaches Prefect is checked below
    status, receipt_path, _err = erase_cli(
        root, capsys, "--prefect", "--email", subject.email.upper(), *evidence
    )
    assert status == 0, _err
    after_files = file_states(root)

    def theirs(row: dict) -> bool:
        return row.get("customer_id") == subject.customer_id or any(
            isinstance(v, str) and (email in v or mobile in v) for v in row.values()
        )

    # delete_rows: the subject's rows are gone, every other row is identical and in order.
    for dataset in ("crm_customers", "newsletter"):
        expected = [r for r in before_rows[dataset] if not theirs(r)]
        assert len(expected) < len(before_rows[dataset])
        assert clean_rows(root, dataset) == expected
    # redact: same rows, the subject's tokens (their name too, in their own rows) become the marker.
    for dataset in ("web_logs", "support_chats"):
        after = clean_rows(root, dataset)
        assert len(after) == len(before_rows[dataset])
        changed = [(b, a) for b, a in zip(before_rows[dataset], after, strict=True) if b != a]
        assert changed and all(theirs(b) for b, _a in changed)
        for _b, a in changed:
            assert (
                ERASED_MARKER in json.dumps(a) and email not in json.dumps(a) and mobile not in json.dumps(a)
            )
    # retain: untouched in the clean zone; the subject's own tokens are unresolvable now.
    for dataset in ("call_records", "billing_invoices"):
        assert clean_rows(root, dataset) == before_rows[dataset]
    # The namesake's rows (same name token) and the household's shared landline survive.
    chats = [r["line"] for r in clean_rows(root, "support_chats")]
    assert sum(name in line for line in chats) >= 1  # "Hi, this is <name>": a name alone identifies no one
    with open_vault(root) as vault:
        outcomes = vault.detokenize([email, mobile, name, landline], **SUPPORT)
        assert [o.outcome for o in outcomes] == ["not_found", "not_found", "allowed", "allowed"]
        assert outcomes[2].value == namesake.full_name and outcomes[3].value == housemate.landline
        assert vault.resolve_subject("customer_id", namesake.customer_id).status == "one"
        assert vault.resolve_subject("phone", housemate.landline).subject_ids == [
            vault.subject_id(housemate.customer_id)
        ]
        assert vault.resolve_subject("email", subject.email).already_erased

    # Only files that held the subject changed; the rest keep bytes and modification time.
    changed_files = {p for p in before_files if before_files[p] != after_files.get(p)}
    assert f"raw/{UNRELATED_WEB_LOG}" not in changed_files
    assert "clean/web_logs/logs/web-2026-01-06.parquet" not in changed_files
    assert "clean/call_records/telecom/cdr-2026-01-05.parquet" not in changed_files
    assert "raw/crm/customers.csv" in changed_files and "raw/telecom/cdr-2026-01-05.csv" in changed_files
    # The raw zone holds none of the subject's own values; the namesake's and housemate's are still there
    # (the household's address is shared, so it stays in the housemate's records).
    raw_bytes = b"".join(
        (root / p).read_bytes()
        for p in after_files
        if p.startswith("raw/") and p.endswith(("csv", "jsonl", "log"))
    )
    assert (
        leaks(raw_bytes, [subject.email, subject.customer_id, subject.mobile[-8:], subject.card_number]) == []
    )
    assert namesake.email.encode() in raw_bytes and housemate.email.encode() in raw_bytes

    # The receipt: counts per dataset, verification passed, no personal data.
    receipt_bytes = Path(receipt_path).read_bytes()
    receipt = json.loads(receipt_bytes)
    assert receipt["verification"]["passed"] is True
    assert receipt["datasets"]["crm_customers"]["rows_deleted"] == 1
    assert receipt["datasets"]["call_records"]["rows_retained"] >= 1
    # "the payment with card <theirs>": not their row (no identifier), unchanged in the clean zone, but its
    # raw record now holds the token instead of the card number.
    assert receipt["datasets"]["support_chats"]["other_rows_holding_own_values"] == 1
    assert receipt["files_rewritten"]["clean"] >= 3 and receipt["subject"]["shared_values_kept"] >= 2
    assert leaks(receipt_bytes, personal_values(subject) + [subject.full_name, email, mobile]) == []

    # A second run is a no-op that says so.
    request_id = receipt["request_id"]
    status, out, err = erase_cli(root, capsys, request_id)
    assert (status, out) == (0, receipt_path) and "completed already" in err
    assert file_states(root) == after_files
    # Nothing personal reached Prefect (flow and task runs, logs, artifacts, parameters).
    prefect_db = b"".join(p.read_bytes() for p in prefect_server.parent.glob(prefect_server.name + "*"))
    assert leaks(prefect_db, personal_values(subject) + [subject.full_name]) == []
    assert f"erasure-receipt-{request_id}".encode() in prefect_db


def test_late_data_of_an_erased_person_comes_out_erased(zone, prefect_server):
    from flows.erasure.steps import run_erasure
    from flows.requests.lifecycle import Verification, file_request
    from flows.tokenize.flow import tokenize

    root, people = zone
    subject = people.subject
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        request_id = file_request(vault, "erase", "customer_id", subject.customer_id, Verification("c", "m"))
        assert run_erasure(catalog, vault, request_id).status == "completed"
        tokens_before = vault.engine.connect().exec_driver_sql("select count(*) from tokens").scalar()
    late = {
        "ts": "2026-02-01T00:00:00Z",
        "page": "/",
        "user": {"email": subject.email.title()},
        "search": None,
        "ms": 1,
    }
    (root / "raw" / "logs" / "web-2026-02-01.jsonl").write_text(json.dumps(late) + "\n", encoding="utf-8")
    results = tokenize(catalog_path=str(root / "catalog.yaml"), datasets=["web_logs"])
    assert [r["file"] for r in results if not r["skipped"]] == ["logs/web-2026-02-01.jsonl"]
    import pyarrow.parquet as pq

    row = pq.read_table(root / "clean" / "web_logs" / "logs" / "web-2026-02-01.parquet").to_pylist()[0]
    assert row["user.email"] == ERASED_MARKER
    with open_vault(root) as vault:
        assert vault.engine.connect().exec_driver_sql("select count(*) from tokens").scalar() == tokens_before
        resolution = vault.resolve_subject("email", subject.email)
        assert (resolution.status, resolution.already_erased) == ("none", True)
        assert vault.partitions_holding([token_of(vault, "EMAIL_ADDRESS", subject.email)]) == []


def test_shared_or_unknown_identifier_goes_to_review_and_changes_nothing(zone, capsys):
    root, people = zone
    before = file_states(root)
    args = ("--verified-by", "clerk", "--method", "id card")
    status, _out, err = erase_cli(root, capsys, "--phone", people.subject.landline, *args)
    assert status == 4 and "more than one subject" in err
    status, _out, err = erase_cli(root, capsys, "--email", "nobody.at.all@example.org", *args)
    assert status == 4 and "matches no subject" in err
    assert file_states(root) == before
    with open_vault(root) as vault:
        assert [r["status"] for r in vault.list_requests()] == ["needs_review", "needs_review"]
        assert vault.resolve_subject("email", people.subject.email).status == "one"
    assert people.subject.landline not in err


def test_unverified_request_waits_and_is_never_run(zone, capsys):
    root, people = zone
    before = file_states(root)
    catalog = str(root / "catalog.yaml")
    assert piivault(["request", "erase", "--email", people.subject.email, "--catalog", catalog]) == 0
    request_id = capsys.readouterr().out.strip()
    status, _out, err = erase_cli(root, capsys, request_id)
    assert status == 3 and "not verified" in err
    status, _out, err = erase_cli(root, capsys, "--email", people.subject.email)
    assert status == 3
    assert file_states(root) == before
    with open_vault(root) as vault:
        rows = vault.list_requests()
        assert [r["status"] for r in rows] == ["awaiting_verification"] * 2
        # The vault holds the identifier only as a keyed hash.
        assert all(people.subject.email not in json.dumps(r, default=str) for r in rows)
    db = sqlite3.connect(root / "vault.db")
    try:
        dump = "\n".join(db.iterdump())
    finally:
        db.close()
    assert people.subject.email not in dump and people.subject.email.upper() not in dump
    # Verification evidence given later makes the waiting request run: awaiting -> verified -> completed.
    status, receipt_path, err = erase_cli(
        root, capsys, request_id, "--verified-by", "clerk", "--method", "id"
    )
    assert status == 0, err
    with open_vault(root) as vault:
        request = vault.get_request(request_id)
    assert (request["status"], request["verified_by"], request["receipt_path"]) == (
        "completed",
        "clerk",
        receipt_path,
    )


def test_a_person_known_only_by_email_can_be_erased(zone, capsys):
    root, _people = zone
    before = clean_rows(root, "newsletter")
    args = ("--verified-by", "clerk", "--method", "email round trip")
    status, receipt_path, err = erase_cli(root, capsys, "--email", SUBSCRIBER_ONLY.upper(), *args)
    assert status == 0, err
    with open_vault(root) as vault:
        token = token_of(vault, "EMAIL_ADDRESS", SUBSCRIBER_ONLY)
        assert vault.resolve_subject("email", SUBSCRIBER_ONLY).already_erased
    assert clean_rows(root, "newsletter") == [r for r in before if r["email"] != token]
    assert SUBSCRIBER_ONLY.encode() not in (root / "raw" / "marketing" / "newsletter.csv").read_bytes()
    assert json.loads(Path(receipt_path).read_text())["datasets"]["newsletter"]["rows_deleted"] == 1
