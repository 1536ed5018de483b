"""Rectification end to end on the erasure test zone (a household sharing a landline and an address, a
namesake), a real SQLite vault and real files: what changes (the subject's rows and raw records, the vault),
what must not (everyone else's rows, shared values), reviews, the receipt, and late data."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from flows.pipeline.catalog import load_catalog
from flows.rectification.filing import file_rectification
from flows.rectification.steps import run_rectification
from flows.requests.lifecycle import Verification
from tests.flows.test_erasure_zone import clean_rows, file_states, open_vault
from values.token_format import ERASED_MARKER

NEW_EMAIL = "renamed.person@example.net"
NEW_LANDLINE = "+32 2 555 01 99"
EVIDENCE = Verification("clerk 7", "id card at the shop")


def token_of(vault, entity_type: str, value: str) -> str:
    return vault.deriver.derive(entity_type, value).token


def rectify(root: Path, customer_id: str, field: str, value: str, old: str | None = None):
    """File a verified rectification for the customer and run it; (outcome, request row)."""
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        request_id = file_rectification(
            vault, "customer_id", customer_id, field, value, old_value=old, verification=EVIDENCE
        )
        outcome = run_rectification(catalog, vault, request_id)
        return outcome, vault.get_request(request_id)


def raw_text(root: Path) -> str:
    """Every raw text file of the zone, concatenated (Parquet left out)."""
    return "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted((root / "raw").rglob("*"))
        if p.is_file() and p.suffix != ".parquet"
    )


def row_of(rows: list[dict], customer_id: str) -> dict:
    (row,) = [r for r in rows if r.get("customer_id") == customer_id]
    return row


def test_an_email_of_theirs_alone_is_corrected_everywhere_and_shredded(zone):
    root, people = zone
    subject, others = people.subject, [people.namesake, people.housemate, *people.others]
    before = {d: clean_rows(root, d) for d in load_catalog(root / "catalog.yaml").datasets}
    with open_vault(root) as vault:
        old, new = (
            token_of(vault, "EMAIL_ADDRESS", subject.email),
            token_of(vault, "EMAIL_ADDRESS", NEW_EMAIL),
        )

    outcome, request = rectify(root, subject.customer_id, "email", NEW_EMAIL)

    assert (outcome.status, request["status"]) == ("completed", "completed"), request["error"]
    assert request["field_type"] == "EMAIL_ADDRESS" and request["new_token"] == new
    assert NEW_EMAIL not in json.dumps({k: str(v) for k, v in request.items()})
    # clean zone: their CRM row, their web events, their newsletter row, the chat line quoting their
    # email (theirs alone) all hold the new token; nothing holds the old one; other rows are unchanged.
    for dataset, rows in before.items():
        after = clean_rows(root, dataset)
        assert len(after) == len(rows)
        assert old not in json.dumps(after)
        for b, a in zip(rows, after, strict=True):
            if old not in json.dumps(b):
                assert a == b, f"{dataset}: a row without the old email changed"
            else:
                assert json.dumps(a) == json.dumps(b).replace(old, new)
    assert row_of(clean_rows(root, "crm_customers"), subject.customer_id)["email"] == new
    # raw zone: the old email is nowhere (any case), the new one is where it was
    text = raw_text(root)
    assert subject.email.lower() not in text.lower()
    assert NEW_EMAIL in text and f"please reach me at {NEW_EMAIL} today" in text
    for person in others:
        assert person.email in text
    # vault: the old value is shredded and tombstoned, the request's person now has the new email
    with open_vault(root) as vault:
        assert vault.resolve_subject("email", subject.email).status == "none"
        assert vault.resolve_subject("email", subject.email).already_erased
        resolved = vault.resolve_subject("email", NEW_EMAIL)
        assert resolved.subject_ids == [vault.subject_id(subject.customer_id)]
        assert vault.detokenize([old], role="support", purpose="account management", actor="t")[
            0
        ].outcome != ("allowed")
        audit = vault.audit_records(limit=None, actor=f"piivault rectification {request['request_id']}")
        assert {(a["role"], a["purpose"]) for a in audit} == {("privacy_officer", "rectification request")}
    receipt_text = Path(outcome.receipt_path).read_text()
    receipt = json.loads(receipt_text)
    assert receipt["old_value"]["outcome"] == "shredded" and receipt["verification"]["passed"]
    assert receipt["recipients"] == ["crm_customers", "newsletter", "support_chats", "web_logs"]
    assert {d: v["subject_rows_updated"] for d, v in receipt["datasets"].items()} == {
        "crm_customers": 1,
        "newsletter": 1,
        "support_chats": 1,
        "web_logs": 2,
    }
    for secret in (subject.email, NEW_EMAIL, old, new, subject.customer_id, "[pv:"):
        assert secret.lower() not in receipt_text.lower()


def test_a_late_file_with_the_old_email_comes_out_with_the_new_token(zone):
    from flows.pipeline.column_kinds import classify_columns, sample_frame
    from flows.tokenize.tokenizing import tokenize_file
    from recognizers import detect

    root, people = zone
    subject, namesake = people.subject, people.namesake
    outcome, _request = rectify(root, subject.customer_id, "email", NEW_EMAIL)
    assert outcome.status == "completed"
    late = root / "raw" / "crm" / "customers-late.csv"
    late.write_text(
        "customer_id,name,email,phone,landline,address,segment\n"
        f"{subject.customer_id},{subject.full_name},{subject.email.upper()},,,,consumer\n"
        f"{namesake.customer_id},{namesake.full_name},{subject.email},,,,consumer\n",
        encoding="utf-8",
    )
    web = root / "raw" / "logs" / "web-2026-02-01.jsonl"
    web.write_text(json.dumps({"ts": "2026-02-01T09:00:00Z", "user": {"email": subject.email}}) + "\n")
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        for dataset, path in (("crm_customers", late), ("web_logs", web)):
            kinds = classify_columns(catalog.dataset(dataset), sample_frame(catalog, dataset))
            tokenize_file(catalog, dataset, path, kinds, vault, detect)
        new = token_of(vault, "EMAIL_ADDRESS", NEW_EMAIL)
    late_rows = [
        r for r in clean_rows(root, "crm_customers") if r["segment"] == "consumer" and not r["phone"]
    ]
    assert [r["email"] for r in late_rows] == [
        new,
        ERASED_MARKER,
    ]  # theirs: the new one; someone else's: erased
    assert [r["user.email"] for r in clean_rows(root, "web_logs") if r["ts"] == "2026-02-01T09:00:00Z"] == [
        new
    ]


def test_a_shared_landline_needs_review_then_changes_for_the_subject_only(zone):
    root, people = zone
    subject, housemate = people.subject, people.housemate
    before_files = file_states(root)
    outcome, request = rectify(root, subject.customer_id, "phone", NEW_LANDLINE)
    assert outcome.status == "needs_review" and "--old-value" in request["error"]
    assert file_states(root) == before_files  # nothing changed

    before = {d: clean_rows(root, d) for d in ("crm_customers", "call_records", "support_chats")}
    outcome, request = rectify(root, subject.customer_id, "phone", NEW_LANDLINE, old=subject.landline)
    assert outcome.status == "completed", request["error"]
    with open_vault(root) as vault:
        landline = token_of(vault, "PHONE_NUMBER", subject.landline)
        new = token_of(vault, "PHONE_NUMBER", NEW_LANDLINE)
        # the housemate still holds the landline; the subject no longer does
        assert vault.resolve_subject("phone", subject.landline).subject_ids == [
            vault.subject_id(housemate.customer_id)
        ]
    crm = clean_rows(root, "crm_customers")
    assert row_of(crm, subject.customer_id)["landline"] == new
    assert row_of(crm, housemate.customer_id)["landline"] == landline
    assert {k: v for k, v in row_of(crm, subject.customer_id).items() if k != "landline"} == {
        k: v for k, v in row_of(before["crm_customers"], subject.customer_id).items() if k != "landline"
    }
    # the household's call record and the housemate's chat line keep the shared landline
    assert clean_rows(root, "call_records") == before["call_records"]
    assert clean_rows(root, "support_chats") == before["support_chats"]
    crm_raw = (root / "raw" / "crm" / "customers.csv").read_text()
    assert crm_raw.count(subject.landline) == 1 and NEW_LANDLINE in crm_raw  # the housemate's line stays
    receipt = json.loads(Path(outcome.receipt_path).read_text())
    assert receipt["old_value"]["outcome"] == "shared" and receipt["recipients"] == ["crm_customers"]


def test_a_namesake_keeps_the_name_and_invoices_stay_as_issued(zone):
    root, people = zone
    subject, namesake = people.subject, people.namesake
    catalog_path = root / "catalog.yaml"
    document = yaml.safe_load(catalog_path.read_text())
    document["datasets"]["billing_invoices"]["rectification"] = "keep"
    catalog_path.write_text(yaml.safe_dump(document, sort_keys=False))
    before = {
        d: clean_rows(root, d) for d in ("crm_customers", "billing_invoices", "support_chats", "web_logs")
    }
    invoices_raw = (root / "raw" / "billing" / "invoices-2026-01.parquet").read_bytes()

    new_name = f"{subject.full_name} Marriedname"  # the old name inside the new one: still proven gone
    outcome, request = rectify(root, subject.customer_id, "name", new_name)

    assert outcome.status == "completed", request["error"]
    with open_vault(root) as vault:
        old, new = token_of(vault, "PERSON", subject.full_name), token_of(vault, "PERSON", new_name)
    crm = clean_rows(root, "crm_customers")
    assert row_of(crm, subject.customer_id)["name"] == new
    assert row_of(crm, namesake.customer_id)["name"] == old
    # the namesake's chat line and web search, and the anonymous chat line naming them, keep the name
    assert clean_rows(root, "support_chats") == before["support_chats"]
    assert clean_rows(root, "web_logs") == before["web_logs"]
    # invoices are kept as issued, raw and clean
    assert clean_rows(root, "billing_invoices") == before["billing_invoices"]
    assert (root / "raw" / "billing" / "invoices-2026-01.parquet").read_bytes() == invoices_raw
    crm_raw = (root / "raw" / "crm" / "customers.csv").read_text()
    assert (
        f"{subject.customer_id},{new_name}," in crm_raw
        and f"{namesake.customer_id},{subject.full_name}," in crm_raw
    )
    receipt = json.loads(Path(outcome.receipt_path).read_text())
    assert receipt["old_value"]["outcome"] == "shared"
    assert receipt["recipients"] == ["billing_invoices", "crm_customers"]
    assert receipt["datasets"]["billing_invoices"]["rows_kept_as_issued"] == 1
    assert receipt["datasets"]["billing_invoices"]["policy"] == "keep"


def test_reviews_name_no_value_and_a_second_run_does_nothing(zone):
    root, people = zone
    subject = people.subject
    outcome, request = rectify(root, "CU-NOBODY-1", "email", NEW_EMAIL)
    assert outcome.status == "needs_review" and "no subject" in request["error"]
    outcome, request = rectify(root, subject.customer_id, "email", NEW_EMAIL, old="not.theirs@example.org")
    assert outcome.status == "needs_review" and "not one of this person's" in request["error"]
    for text in (request["error"], outcome.reason):
        assert "@" not in text
    outcome, request = rectify(root, subject.customer_id, "email", NEW_EMAIL)
    assert outcome.status == "completed"
    states = file_states(root)
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        again = run_rectification(catalog, vault, request["request_id"])
    assert again.already_done and file_states(root) == states
