"""Subject fingerprints on both backends: written when tokenize links a value to a subject (and only
then), keyed, shared between namesakes, tombstoned by a shred, loaded into the numpy index."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import func, select

from tests.vault.conftest import TEST_KEK
from vault.fingerprint_forms import (
    ERASED,
    KIND_CODES,
    KIND_MASK,
    SHARED,
    Fingerprinter,
    address_forms,
    key_forms,
    name_forms,
    phone_forms,
    value_forms,
    words,
)
from vault.fingerprint_index import FingerprintIndex
from vault.fingerprints import record
from vault.schema import fingerprint_keys, fingerprints
from vault.store import Vault

CUSTOMER = [
    ("PERSON", "Georgia Briggs", "C100002"),
    ("ADDRESS", "9 David Canyon, FY2 8ZG Youngmouth", "C100002"),
    ("PHONE_NUMBER", "+44 7700 900123", "C100002"),
    ("EMAIL_ADDRESS", "g.briggs@example.com", "C100002"),
    ("CREDIT_CARD", "4111 1111 1111 1111", "C100002"),
]
NAMESAKE = [("PERSON", "GEORGIA BRIGGS", "C100003"), ("EMAIL_ADDRESS", "other.gb@example.org", "C100003")]


def forms(found) -> list[str]:
    return sorted(f.text for f in found)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Georgia Briggs", ["briggs georgia", "georgia briggs"]),
        ("BRIGGS, Georgia", ["briggs georgia", "georgia briggs"]),
        ("José  Müller", ["jose muller", "muller jose"]),
        (
            "Anna Maria Lopez",
            ["anna lopez", "anna maria lopez", "lopez anna", "lopez anna maria", "maria lopez anna"],
        ),
        ("Georgia", []),  # a lone given name is no evidence
        ("Li Na", []),  # fewer than five letters
    ],
)
def test_name_forms_are_folded_word_orders_never_a_single_word(value, expected):
    assert forms(name_forms(value)) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("9 David Canyon, FY2 8ZG Youngmouth", ["9 david canyon", "9 david canyon fy2 8zg youngmouth"]),
        ("Rue de la Loi 16\n1000 Bruxelles", ["rue de la loi 16", "rue de la loi 16 1000 bruxelles"]),
        (
            "Flat 3\n12 Main St\nLondon SW1A 1AA",
            ["12 main st", "flat 3 12 main st", "flat 3 12 main st london sw1a 1aa"],
        ),
        (
            "C. de Irene Pinilla, 12, 50915 Asturias",
            ["c de irene pinilla 12", "c de irene pinilla 12 50915 asturias"],
        ),
        (
            "75 Jonathan Forest Apt 30, North Mariamouth, SD 89883",
            [
                "75 jonathan forest",
                "75 jonathan forest apt 30",
                "75 jonathan forest apt 30 north mariamouth sd 89883",
            ],
        ),
        ("Youngmouth", []),  # a town alone
    ],
)
def test_address_forms_are_the_whole_address_and_its_street_lines(value, expected):
    assert forms(address_forms(value)) == expected


def test_phone_card_email_and_key_forms():
    assert forms(phone_forms("+32 475 12 34 56")) == ["0475123456", "32475123456"]
    assert forms(value_forms("CREDIT_CARD", "4111-1111-1111-1111")) == ["4111111111111111"]
    assert forms(value_forms("EMAIL_ADDRESS", "Ann.Lee@Example.COM")) == ["ann.lee@example.com"]
    assert forms(key_forms("C100002")) == ["c100002"]
    assert key_forms("C12") == [] and key_forms("12345") == [] and key_forms("customer") == []
    assert words("Ærø-Straße 5") == ["ærø", "strasse", "5"]


def test_fingerprints_are_keyed():
    one, other = Fingerprinter(bytes(32)), Fingerprinter(bytes(range(32)))
    (form,) = value_forms("EMAIL_ADDRESS", "ann@example.com")
    assert one.form(form) != other.form(form)
    assert one.form(form) == Fingerprinter(bytes(32)).form(form)


def rows(vault: Vault, table) -> list[tuple]:
    with vault.engine.connect() as conn:
        return conn.execute(select(table)).all()


def test_linking_values_writes_their_fingerprints_once(vault):
    vault.tokenize_batch(CUSTOMER, dataset="crm")
    written = rows(vault, fingerprints)
    subject = vault.subject_id("C100002")
    assert {r.subject_id for r in written} == {subject}
    kinds = sorted(r.entity_type for r in written)
    # two name orders, address and street line, E.164 and national phone digits, email, card, customer id
    assert kinds == sorted(
        ["PERSON"] * 2 + ["ADDRESS"] * 2 + ["PHONE_NUMBER"] * 2 + ["EMAIL_ADDRESS", "CREDIT_CARD", "SUBJECT"]
    )
    vault.tokenize_batch(CUSTOMER, dataset="crm")  # a rerun adds nothing
    assert len(rows(vault, fingerprints)) == len(written)
    for row in written:  # keyed hashes only: no column holds any of the values
        assert not any(value.casefold() in str(tuple(row)).casefold() for _t, value, _h in CUSTOMER)


def test_values_without_a_subject_have_no_fingerprints(vault):
    vault.tokenize_batch([(kind, value, None) for kind, value, _ in CUSTOMER])
    assert rows(vault, fingerprints) == []


def test_namesakes_share_a_fingerprint_and_the_index_says_so(vault):
    vault.tokenize_batch(CUSTOMER + NAMESAKE)
    index = vault.fingerprint_index()
    fingerprinter = vault.fingerprinter
    name = fingerprinter.form(name_forms("Georgia Briggs")[0])
    (email,) = [fingerprinter.form(f) for f in value_forms("EMAIL_ADDRESS", "g.briggs@example.com")]
    info = index.lookup(np.array([name, email, 12345], dtype=np.int64))
    assert info[0] & KIND_MASK == KIND_CODES["PERSON"] and info[0] & SHARED
    assert info[1] & KIND_MASK == KIND_CODES["EMAIL_ADDRESS"] and not info[1] & SHARED
    assert info[2] == 0
    assert index.start_lengths(np.array([fingerprinter.word("9")], dtype=np.int64))[0] == 6
    holders = vault.fingerprint_holders([name])[name]
    assert {h.subject_id for h in holders} == {vault.subject_id("C100002"), vault.subject_id("C100003")}


def test_a_shred_tombstones_own_fingerprints_and_keeps_shared_ones_live(vault):
    vault.tokenize_batch(CUSTOMER + NAMESAKE)
    subject = vault.subject_id("C100002")
    own = [f for f in vault.subject_fingerprints([subject]) if f.own]
    shared = [f for f in vault.subject_fingerprints([subject]) if not f.own]
    assert {f.entity_type for f in shared} == {"PERSON"} and len(own) == 7
    vault.shred_subject(subject, request_id="r1")
    graves = [k for k in rows(vault, fingerprint_keys) if k.erased_at is not None]
    assert sorted(g.fingerprint for g in graves) == sorted(f.fingerprint for f in own)
    assert all(g.request_id == "r1" and not g.shared for g in graves)
    with vault.engine.connect() as conn:
        left = conn.execute(
            select(func.count()).select_from(fingerprints).where(fingerprints.c.subject_id == subject)
        ).scalar()
    assert left == 0  # nothing says whose the erased fingerprints were
    index = vault.fingerprint_index()
    info = index.lookup(np.array([f.fingerprint for f in own + shared], dtype=np.int64))
    assert all(i & ERASED for i in info[: len(own)])
    assert not any(i & (ERASED | SHARED) for i in info[len(own) :])  # the namesake's name, theirs alone now
    vault.shred_subject(subject, request_id="r1")  # idempotent
    assert len([k for k in rows(vault, fingerprint_keys) if k.erased_at is not None]) == len(graves)


def test_a_new_holder_makes_an_erased_fingerprint_live_again(vault):
    (token, *_) = vault.tokenize_batch(CUSTOMER)
    vault.shred_subject(vault.subject_id("C100002"))
    # the value itself is tombstoned, so only a link made from its plaintext elsewhere can do this
    with vault.transaction() as (conn, _kconn):
        record(conn, vault.fingerprinter, [(vault.subject_id("C7"), token, "PERSON", "Georgia Briggs")])
    name = vault.fingerprinter.form(name_forms("Georgia Briggs")[0])
    assert vault.fingerprint_index().lookup(np.array([name], dtype=np.int64))[0] == KIND_CODES["PERSON"]


def test_sole_owner_links_are_fingerprinted_with_the_values_given(vault):
    (email, *_rest) = vault.tokenize_batch([CUSTOMER[3], CUSTOMER[0]])
    phone, street = vault.tokenize_batch(
        [("PHONE_NUMBER", "+32 475 12 34 56", None), CUSTOMER[1][:2] + (None,)]
    )
    values = {phone: ("PHONE_NUMBER", "+32 475 12 34 56"), street: ("ADDRESS", CUSTOMER[1][1])}
    assert vault.link_to_sole_owner({email: {phone, street}}, values) == 2
    kinds = sorted(f.entity_type for f in vault.subject_fingerprints([vault.subject_id("C100002")]))
    assert kinds.count("PHONE_NUMBER") == 2 and kinds.count("ADDRESS") == 2  # E.164, national; whole, street


def test_found_tokens_link_to_live_subjects_and_report_erased_ones(vault):
    name, *_ = vault.tokenize_batch(CUSTOMER)
    vault.tokenize_batch([("EMAIL_ADDRESS", "x@example.net", "C9")])
    vault.shred_subject(vault.subject_id("C9"))
    assert vault.link_found([(" C100003 ", name), ("C9", name), (None, name)]) == {"C9"}
    assert name in vault.subject_tokens(vault.subject_id("C100003"))
    assert vault.resolve_subject("customer_id", "C9").subject_ids == []  # nothing linked to the erased


def test_the_index_is_small_and_prefers_live_entries():
    fps = np.array([5, 3, 5, 9], dtype=np.int64)
    info = np.array([KIND_CODES["PERSON"] | ERASED, KIND_CODES["ADDRESS"], KIND_CODES["PERSON"], 6], np.uint8)
    first = np.array([1, 2, 1, 9], dtype=np.int64)
    count = np.array([2, 4, 2, 1], dtype=np.int64)
    index = FingerprintIndex.from_arrays(fps, info, first, count)
    assert index.fingerprints.tolist() == [3, 5, 9]
    assert index.lookup(np.array([5], dtype=np.int64))[0] == KIND_CODES["PERSON"]  # live wins
    assert index.starts.tolist() == [1, 2, 9] and index.longest.tolist() == [2, 4, 1]
    assert index.nbytes == 3 * 9 + 3 * 9
    assert index.lookup(np.array([4, 10, -1], dtype=np.int64)).tolist() == [0, 0, 0]


def test_a_new_vault_has_the_fingerprint_tables_in_its_schema(vault_url):
    with Vault.open(vault_url, kek=TEST_KEK) as opened:
        assert rows(opened, fingerprints) == [] and rows(opened, fingerprint_keys) == []
