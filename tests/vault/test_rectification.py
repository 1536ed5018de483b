"""Rectification primitives on SQLite and PostgreSQL: retiring an old value (shared, kept, shredded), the
redirect that gives a late copy of a corrected-away value its new token, the request row's tokens, and
the migration that adds them to an older vault."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.vault.conftest import TEST_KEK
from values.token_format import ERASED_MARKER
from vault.rectification import KEPT, SHARED, SHREDDED
from vault.store import Vault
from vault.surrogates import email_surrogate

OLD, NEW = "ann.old@example.org", "ann.new@example.net"


def _email_fingerprints(vault: Vault, email: str) -> list[int]:
    from vault.fingerprints import value_forms

    return [vault.fingerprinter.form(form) for form in value_forms("EMAIL_ADDRESS", email)]


def tokenize(vault: Vault, entity_type: str, value: str, hint: str | None, **options) -> str:
    return vault.tokenize_batch([(entity_type, value, hint)], **options)[0]


def test_a_value_others_hold_is_only_unlinked_from_the_subject(vault):
    name = tokenize(vault, "PERSON", "Ann Lee", "C1")
    assert tokenize(vault, "PERSON", "ANN  LEE", "C2") == name  # a namesake
    new = tokenize(vault, "PERSON", "Ann Smith", None)
    one, two = vault.subject_id("C1"), vault.subject_id("C2")
    retired = vault.retire_value([one], name, new, "r1", keep=False)
    assert (retired.outcome, retired.links_removed) == (SHARED, 1)
    assert vault.resolve_subject("customer_id", "C1").status == "one"
    assert vault.token_holders([two])[name] == {two}
    assert (
        vault.detokenize([name], role="support", purpose="account management", actor="t")[0].value
        == "Ann Lee"
    )
    assert vault.corrected_tokens([one]) == {name}
    assert name not in {f.token for f in vault.subject_fingerprints([one])}  # no longer theirs
    assert {f.token for f in vault.subject_fingerprints([two])} == {name}
    assert tokenize(vault, "PERSON", "Ann Lee", "C1") == name  # not tombstoned: the namesake still has it


def test_a_value_kept_as_issued_stays_linked_and_comes_back_when_linked_again(vault):
    address = tokenize(vault, "ADDRESS", "1 Old Road, Ghent", "C1")
    new = tokenize(vault, "ADDRESS", "2 New Road, Ghent", None)
    one = vault.subject_id("C1")
    assert vault.retire_value([one], address, new, "r1", keep=True).outcome == KEPT
    assert vault.token_holders([one]) == {address: {one}}  # still theirs: an erasure shreds it
    assert vault.corrected_tokens([one]) == {address}
    vault.link_subject(one, [address])  # corrected back to it later
    assert vault.corrected_tokens([one]) == set()


def test_a_value_of_theirs_alone_is_shredded_tombstoned_and_redirected(vault):
    old = tokenize(vault, "EMAIL_ADDRESS", OLD, "C1")
    tokenize(vault, "PERSON", "Bo Diaz", "C2")
    new = tokenize(vault, "EMAIL_ADDRESS", NEW, None)
    one = vault.subject_id("C1")
    vault.link_subject(one, [new], {new: ("EMAIL_ADDRESS", NEW)})
    assert {f.token for f in vault.subject_fingerprints([one])} == {old, new}
    retired = vault.retire_value([one], old, new, "r1", keep=False)
    assert (retired.outcome, retired.links_removed) == (SHREDDED, 1)
    assert {f.token for f in vault.subject_fingerprints([one])} == {new}
    erased = [h for fp in _email_fingerprints(vault, OLD) for h in vault.fingerprint_holders([fp]).values()]
    assert erased == []  # the old email's fingerprint: held by nobody now (tombstoned, unattributed)
    evidence = vault.retirement_evidence([one], old, new)
    assert evidence == {
        "corrections_recorded": 1,
        "old_links_left": 0,
        "old_token_stored": 0,
        "old_value_tombstoned": 1,
        "new_token_stored": 1,
        "new_token_linked": 1,
        "old_data_key_left": 0,
        "shredded": 1,
    }
    assert (
        vault.detokenize([old], role="support", purpose="account management", actor="t")[0].outcome
        != "allowed"
    )
    # late data: the subject's records and records of nobody get the new token; someone else's stay erased
    assert tokenize(vault, "EMAIL_ADDRESS", OLD.upper(), "C1") == new
    assert tokenize(vault, "EMAIL_ADDRESS", OLD, None) == new
    assert tokenize(vault, "EMAIL_ADDRESS", OLD, "C2") == ERASED_MARKER
    assert tokenize(vault, "EMAIL_ADDRESS", OLD, "C1", format_preserving=True) == email_surrogate(new)
    again = vault.retire_value([one], old, new, "r1", keep=False)  # a rerun finds it done
    assert (again.outcome, again.links_removed) == (SHREDDED, 0)
    # once the subject is erased, the new value goes too and the old one stays erased
    vault.shred_subject(one)
    assert tokenize(vault, "EMAIL_ADDRESS", OLD, None) == ERASED_MARKER
    assert tokenize(vault, "EMAIL_ADDRESS", OLD, "C1") == ERASED_MARKER


def test_the_request_row_keeps_the_field_type_and_tokens_only(vault):
    new = tokenize(vault, "ADDRESS", "2 New Road, Ghent", None)
    request_id = vault.create_request("rectify", "customer_id", "C1", status="verified")
    vault.set_rectification(request_id, "ADDRESS", new)
    row = vault.get_request(request_id)
    assert (row["kind"], row["field_type"], row["new_token"], row["old_token"]) == (
        "rectify",
        "ADDRESS",
        new,
        None,
    )
    assert "C1" not in str(row) and "Ghent" not in str(row)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_older_vault_gains_the_rectification_columns(backend, tmp_path, request):
    url = (
        f"sqlite:///{tmp_path}/vault.db"
        if backend == "sqlite"
        else request.getfixturevalue("postgres_schemas")()
    )
    with Vault.open(url, kek=TEST_KEK) as vault:
        request_id = vault.create_request("erase", "customer_id", "C1")
        with vault.engine.begin() as conn:  # back to version 2's tables
            for column in ("field_type", "new_token", "old_token"):
                conn.execute(text(f"ALTER TABLE requests DROP COLUMN {column}"))
            conn.execute(text("DROP TABLE rectifications"))
            conn.execute(text("DELETE FROM schema_version WHERE version = 3"))
    with Vault.open(url, kek=TEST_KEK) as vault:
        assert vault.get_request(request_id)["new_token"] is None
        new = tokenize(vault, "PERSON", "Ann Smith", None)
        vault.set_rectification(request_id, "PERSON", new)
        assert vault.get_request(request_id)["new_token"] == new
        assert vault.corrected_tokens([vault.subject_id("C1")]) == set()
