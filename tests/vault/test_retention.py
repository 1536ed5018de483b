"""Retention primitives on SQLite and PostgreSQL: values nothing holds any more are found and shredded
(without a tombstone: they may come back), values a partition, a subject or an open request holds are
not; a retention run is recorded among the requests; corrections of erased subjects are forgotten."""

from __future__ import annotations

from vault.store import Vault


def tokenize(vault: Vault, entity_type: str, value: str, hint: str | None = None) -> str:
    return vault.tokenize_batch([(entity_type, value, hint)])[0]


def test_orphans_are_values_no_partition_subject_or_open_request_holds(vault):
    in_file = tokenize(vault, "EMAIL_ADDRESS", "in.file@example.org")
    tokenize(vault, "PERSON", "Ann Lee", "C1")  # linked to a subject
    pending = tokenize(vault, "ADDRESS", "2 New Road, Ghent")
    orphan = tokenize(vault, "EMAIL_ADDRESS", "gone@example.org")
    vault.record_lineage("newsletter", "n.parquet", [in_file])
    request_id = vault.create_request("rectify", "customer_id", "C1", status="verified")
    vault.set_rectification(request_id, "ADDRESS", pending)
    assert vault.orphan_tokens() == [orphan]
    vault.update_request(request_id, status="completed")
    assert vault.orphan_tokens() == sorted([orphan, pending])


def test_shredding_an_orphan_rechecks_it_and_writes_no_tombstone(vault):
    orphan = tokenize(vault, "EMAIL_ADDRESS", "gone@example.org")
    held = tokenize(vault, "EMAIL_ADDRESS", "back@example.org")
    vault.record_lineage("web_logs", "w.parquet", [held])  # landed again since the list was made
    assert vault.shred_orphans([orphan, held]) == 1
    support = {"role": "support", "purpose": "account management", "actor": "t"}
    assert vault.detokenize([orphan], **support)[0].outcome != "allowed"
    assert vault.detokenize([held], **support)[0].value == "back@example.org"
    # not erased: the same value seen again is tokenized again, to the same token
    assert tokenize(vault, "EMAIL_ADDRESS", "GONE@example.org") == orphan
    assert vault.detokenize([orphan], **support)[0].value == "GONE@example.org"
    assert vault.shred_orphans([]) == 0


def test_a_retention_run_is_listed_among_the_requests(vault):
    run_id = vault.create_run_record("retention", "retention policy", "catalog retention settings")
    (row,) = [r for r in vault.list_requests() if r["request_id"] == run_id]
    assert (row["kind"], row["identifier_type"], row["identifier_hash"], row["status"]) == (
        "retention",
        "none",
        "",
        "verified",
    )


def test_corrections_of_erased_subjects_are_forgotten(vault):
    from vault.retention import forget_corrections_of_erased

    old = tokenize(vault, "EMAIL_ADDRESS", "old@example.org", "C1")
    new = tokenize(vault, "EMAIL_ADDRESS", "new@example.org", None)
    one = vault.subject_id("C1")
    vault.link_subject(one, [new])
    vault.retire_value([one], old, new, "r1", keep=False)
    assert forget_corrections_of_erased(vault) == 0
    vault.shred_subject(one)
    assert forget_corrections_of_erased(vault) == 1
    assert vault.corrected_tokens([one]) == set()
