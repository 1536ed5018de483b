"""The lookups erasure and access requests make through the vault (`vault.footprint`, `resolve_hash`),
on both backends: resolving a stored identifier hash, token holders, subjects, hashes, surrogates, and the
evidence that a shred left nothing."""

import pytest

FAMILY = [
    ("PERSON", "Ann Lee", "C1"),
    ("EMAIL_ADDRESS", "ann.lee@example.com", "C1"),
    ("PHONE_NUMBER", "+32 2 555 12 34", "C1"),  # the family landline
    ("CREDIT_CARD", "4111 1111 1111 1111", "C1"),
    ("PERSON", "Bob Lee", "C2"),
    ("PHONE_NUMBER", "02 555 12 34", "C2"),  # same landline, national format
    ("EMAIL_ADDRESS", "news@example.com", None),  # a newsletter-only address: held, linked to nobody
]


@pytest.fixture
def family(vault):
    toks = vault.tokenize_batch(FAMILY)
    return dict(zip([v for _t, v, _h in FAMILY], toks, strict=True))


@pytest.mark.parametrize(
    "identifier_type, value",
    [
        ("email", "ANN.LEE@example.com"),
        ("phone", "+3225551234"),
        ("customer_id", "C1"),
        ("email", "nobody@example.com"),
        ("customer_id", "C9"),
        ("email", "news@example.com"),
    ],
)
def test_resolve_hash_agrees_with_resolve_subject(vault, family, identifier_type, value):
    by_hash = vault.resolve_hash(identifier_type, vault.identifier_hash(identifier_type, value))
    assert by_hash == vault.resolve_subject(identifier_type, value)


def test_resolve_hash_sees_the_shredded_as_erased(vault, family):
    ann_email = vault.identifier_hash("email", "ann.lee@example.com")
    assert vault.resolve_hash("email", ann_email).status == "one"
    vault.shred_subject(vault.subject_id("C1"))
    gone = vault.resolve_hash("email", ann_email)
    assert (gone.status, gone.subject_ids, gone.already_erased) == ("none", [], True)
    landline = vault.resolve_hash("phone", vault.identifier_hash("phone", "02 555 12 34"))
    assert (landline.subject_ids, landline.already_erased) == ([vault.subject_id("C2")], False)
    assert vault.resolve_hash("customer_id", vault.subject_id("C1")).already_erased
    with pytest.raises(ValueError, match="identifier type"):
        vault.resolve_hash("name", ann_email)


def test_token_for_hash_finds_held_values_of_that_type_only(vault, family):
    news = vault.identifier_hash("email", "news@example.com")
    assert vault.token_for_hash("EMAIL_ADDRESS", news) == family["news@example.com"]
    assert vault.token_for_hash("PHONE_NUMBER", news) is None
    assert vault.token_for_hash("EMAIL_ADDRESS", vault.identifier_hash("email", "x@example.com")) is None


def test_token_holders_name_every_subject_of_every_linked_token(vault, family):
    ann, bob = vault.subject_id("C1"), vault.subject_id("C2")
    holders = vault.token_holders([ann])
    assert holders == {
        family["Ann Lee"]: {ann},
        family["ann.lee@example.com"]: {ann},
        family["+32 2 555 12 34"]: {ann, bob},
        family["4111 1111 1111 1111"]: {ann},
    }
    assert set(vault.token_holders([ann, bob])) == set(holders) | {family["Bob Lee"]}
    assert vault.token_holders([vault.subject_id("C9")]) == {}
    assert vault.token_holders([]) == {}


def test_existing_subjects(vault, family):
    ann, bob, nobody = (vault.subject_id(k) for k in ("C1", "C2", "C9"))
    assert vault.existing_subjects([ann, nobody, bob]) == {ann, bob}
    assert vault.existing_subjects(iter([nobody])) == set()


def test_value_hashes_are_the_identifier_hashes_of_stored_tokens(vault, family):
    email, landline = family["ann.lee@example.com"], family["+32 2 555 12 34"]
    expected = sorted(
        [
            vault.identifier_hash("email", "ann.lee@example.com"),
            vault.identifier_hash("phone", "+32 2 555 12 34"),
        ]
    )
    assert vault.value_hashes([landline, email, email]) == expected
    vault.shred_subject(vault.subject_id("C1"))  # the email goes, the shared landline stays
    assert vault.value_hashes([email, landline]) == [vault.identifier_hash("phone", "+32 2 555 12 34")]


def test_card_surrogates_map_back_to_their_token(vault, family):
    card = family["4111 1111 1111 1111"]
    (surrogate,) = vault.tokenize_batch([("CREDIT_CARD", "4111111111111111", "C1")], format_preserving=True)
    assert surrogate != card
    assert vault.card_surrogates([card, family["Ann Lee"]]) == {surrogate: card}
    assert vault.card_surrogates([family["Ann Lee"]]) == {}


def test_shred_evidence_before_and_after_a_shred(vault, family):
    ann = vault.subject_id("C1")
    own = sorted(t for t, who in vault.token_holders([ann]).items() if who == {ann})
    hashes = vault.value_hashes(own)
    before = vault.shred_evidence([ann], own, hashes)
    assert (before.tokens_left, before.data_keys_left, before.links_left, before.subjects_left) == (
        3,
        3,
        4,
        1,
    )
    assert before.hashes_tombstoned == 0
    vault.shred_subject(ann)
    after = vault.shred_evidence([ann], own, hashes)
    assert (after.tokens_left, after.data_keys_left, after.links_left, after.subjects_left) == (0, 0, 0, 0)
    assert after.hashes_tombstoned == 3
    assert vault.shred_evidence([], [], []) == vault.shred_evidence([vault.subject_id("C9")], [], [])
