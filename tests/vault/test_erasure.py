"""Erasure primitives: resolve, shred what is the subject's alone, tombstones for late data."""

import pytest

from values.token_format import ERASED_MARKER

FAMILY = [
    ("PERSON", "Ann Lee", "C1"),
    ("EMAIL_ADDRESS", "ann.lee@example.com", "C1"),
    ("PHONE_NUMBER", "+32 2 555 12 34", "C1"),  # the family landline
    ("CREDIT_CARD", "4111 1111 1111 1111", "C1"),
    ("PERSON", "Bob Lee", "C2"),
    ("EMAIL_ADDRESS", "bob.lee@example.com", "C2"),
    ("PHONE_NUMBER", "02 555 12 34", "C2"),  # same landline, national format
    ("PERSON", "John Smith", "C3"),
    ("PERSON", "John Smith", "C4"),  # namesakes
]
OFFICER = {"role": "privacy_officer", "purpose": "erasure request", "actor": "test"}


@pytest.fixture
def family(vault):
    toks = vault.tokenize_batch(FAMILY)
    return dict(zip([v for _t, v, _h in FAMILY], toks, strict=True))


def test_resolve_by_email_phone_and_customer_id(vault, family):
    ann = vault.resolve_subject("email", "ANN.LEE@example.com")
    assert (ann.status, ann.subject_ids) == ("one", [vault.subject_id("C1")])
    assert vault.resolve_subject("customer_id", "C1").subject_ids == [vault.subject_id("C1")]
    landline = vault.resolve_subject("phone", "+3225551234")
    assert landline.status == "many" and len(landline.subject_ids) == 2
    nobody = vault.resolve_subject("email", "nobody@example.com")
    assert (nobody.status, nobody.subject_ids, nobody.already_erased) == ("none", [], False)
    with pytest.raises(ValueError, match="identifier type"):
        vault.resolve_subject("name", "Ann Lee")


def test_subject_tokens_are_everything_linked(vault, family):
    expected = sorted(
        family[v] for v in ("Ann Lee", "ann.lee@example.com", "+32 2 555 12 34", "4111 1111 1111 1111")
    )
    assert vault.subject_tokens(vault.subject_id("C1")) == expected


def test_shred_destroys_own_values_and_keeps_shared_ones(vault, family):
    report = vault.shred_subject(vault.subject_id("C1"), request_id="r1")
    assert (report.tokens_linked, report.tokens_shredded, report.tokens_kept_shared) == (4, 3, 1)
    found = vault.detokenize(
        [family["Ann Lee"], family["ann.lee@example.com"], family["+32 2 555 12 34"], family["Bob Lee"]],
        **OFFICER,
    )
    assert [r.outcome for r in found] == ["not_found", "not_found", "allowed", "allowed"]
    assert found[2].value == "+32 2 555 12 34"  # the landline stays readable for Bob
    assert vault.resolve_subject("customer_id", "C1").status == "none"
    assert vault.resolve_subject("phone", "+3225551234").subject_ids == [vault.subject_id("C2")]
    # Bob erased too: now the landline has no subject left and is shredded with him.
    report = vault.shred_subject(vault.subject_id("C2"))
    assert report.tokens_shredded == 3
    assert vault.detokenize([family["+32 2 555 12 34"]], **OFFICER)[0].outcome == "not_found"


def test_namesake_erasure_keeps_the_other_john_smith(vault, family):
    vault.shred_subject(vault.subject_id("C3"))
    assert vault.detokenize([family["John Smith"]], **OFFICER)[0].value == "John Smith"
    assert vault.tokenize_batch([("PERSON", "john smith", "C4")]) == [family["John Smith"]]


def test_shred_is_idempotent(vault, family):
    first = vault.shred_subject(vault.subject_id("C1"))
    second = vault.shred_subject(vault.subject_id("C1"))
    assert first.tokens_shredded == 3
    assert (second.tokens_linked, second.tokens_shredded) == (0, 0)


def test_tombstones_turn_late_data_of_the_erased_into_erased_markers(vault, family):
    vault.shred_subject(vault.subject_id("C1"))
    late = vault.tokenize_batch(
        [
            ("EMAIL_ADDRESS", "Ann.Lee@Example.com", None),  # her value, seen in a late log line
            ("CREDIT_CARD", "4111-1111-1111-1111", "C7"),  # her card, now under another id: still erased
            ("PERSON", "Ann B. Lee", "C1"),  # a new value arriving with her erased customer id
            ("PHONE_NUMBER", "+32 2 555 12 34", "C2"),  # the shared landline: Bob's, not erased
        ]
    )
    assert late[:3] == [ERASED_MARKER] * 3
    assert late[3] == family["+32 2 555 12 34"]
    assert vault.resolve_subject("customer_id", "C7").status == "none"  # erased values link nothing
    assert vault.resolve_subject("email", "ann.lee@example.com").already_erased
    assert vault.resolve_subject("customer_id", "C1").already_erased


def test_requests_store_keyed_hashes_only(vault):
    request_id = vault.create_request("erase", "email", "Ann.Lee@example.com")
    request = vault.get_request(request_id)
    assert request["status"] == "received" and request["kind"] == "erase"
    assert request["identifier_hash"] == vault.identifier_hash("email", "ann.lee@EXAMPLE.com")
    assert "ann" not in str(request).lower()
    assert request["deadline"] > request["received_at"]
    vault.update_request(request_id, status="verified", verified_by="officer 7", method="id document")
    assert vault.get_request(request_id)["verified_by"] == "officer 7"
    assert [r["request_id"] for r in vault.list_requests(status="verified")] == [request_id]
    with pytest.raises(ValueError):
        vault.update_request(request_id, identifier_hash="x")
    with pytest.raises(ValueError):
        vault.create_request("sell", "email", "a@b.c")


def test_shred_needs_a_subject_id_not_a_customer_key(vault, family):
    with pytest.raises(ValueError, match="subject id"):
        vault.shred_subject("C1")


def test_plan_then_shred_then_find_what_to_redact(vault, family):
    ann = vault.subject_id("C1")
    vault.record_lineage("crm", "customers.csv", list(family.values()))
    vault.record_lineage("web_logs", "day-1.jsonl", [family["Bob Lee"]])
    plan = vault.plan_shred(ann)
    assert plan.shared_tokens == [family["+32 2 555 12 34"]]
    assert len(plan.own_tokens) == 3 and plan.partitions == [("crm", "customers.csv")]
    vault.shred_subject(ann)
    everything = list(family.values()) + [ERASED_MARKER, "not a token"]
    assert vault.shredded_among(everything) == set(plan.own_tokens)
    assert vault.erased_subject_keys(["C1", "C2", "C9", None]) == {"C1"}
