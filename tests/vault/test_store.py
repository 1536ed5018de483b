"""The store, on SQLite and PostgreSQL: bulk tokenization, idempotence, links, lineage, surrogates, schema."""

import pytest
from sqlalchemy import func, inspect, select, update

from values.token_format import ERASED_MARKER, TOKEN_PATTERN
from vault.errors import SchemaVersionError, TokenCollisionError
from vault.schema import (
    VAULT_SCHEMA_VERSION,
    data_keys,
    links,
    request_steps,
    schema_version,
    subjects,
    tokens,
    tokens_by_value_hash,
)
from vault.store import Vault
from vault.surrogates import luhn_valid

from .conftest import TEST_KEK

PEOPLE = [
    ("PERSON", "John Smith", "C1"),
    ("EMAIL_ADDRESS", "john.smith@example.com", "C1"),
    ("PHONE_NUMBER", "+32 2 555 12 34", "C1"),
    ("CREDIT_CARD", "4111 1111 1111 1111", "C1"),
    ("ADDRESS", "1 Main St, Springfield", "C1"),
    ("PERSON", "JOHN  SMITH", "C2"),  # a namesake: same name token, another subject
    ("EMAIL_ADDRESS", "John.Smith@Example.com", None),  # same email, seen in a log without subject
]


def count(vault, table):
    engine = vault.keystore_engine if table is data_keys else vault.engine
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_batch_gives_one_token_per_value_in_order(vault):
    result = vault.tokenize_batch(PEOPLE, dataset="crm")
    assert len(result) == len(PEOPLE)
    assert all(TOKEN_PATTERN.fullmatch(t) for t in result)
    assert result[0] == result[5]  # JOHN  SMITH joins John Smith
    assert result[1] == result[6]
    assert len(set(result)) == 5
    assert count(vault, tokens) == 5
    assert count(vault, data_keys) == 5


def test_tokenizing_is_idempotent_and_stable_across_reopen(vault_url):
    with Vault.open(vault_url, kek=TEST_KEK) as first:
        before = first.tokenize_batch(PEOPLE)
        again = first.tokenize_batch(PEOPLE)
    with Vault.open(vault_url, kek=TEST_KEK) as reopened:
        after = reopened.tokenize_batch(PEOPLE)
        assert count(reopened, tokens) == 5
        assert count(reopened, links) == 6  # C1: five values; C2: the shared name
    assert before == again == after


def test_tokens_and_erased_marker_pass_through_unchanged(vault):
    token = vault.tokenize_batch([("PERSON", "Jane Doe", None)])[0]
    items = [("PERSON", token, None), ("EMAIL_ADDRESS", ERASED_MARKER, None), ("PERSON", "  ", None)]
    assert vault.tokenize_batch(items) == [token, ERASED_MARKER, "  "]
    assert count(vault, tokens) == 1


def test_links_record_subjects_and_shared_values(vault):
    vault.tokenize_batch(PEOPLE)
    assert count(vault, subjects) == 2
    name = vault.tokenize_batch([("PERSON", "john smith", None)])[0]
    with vault.engine.connect() as conn:
        holders = conn.execute(select(links.c.subject_id).where(links.c.token == name)).scalars().all()
    assert sorted(holders) == sorted([vault.subject_id("C1"), vault.subject_id("C2")])


def test_link_adds_tokens_to_a_subject(vault):
    extra = vault.tokenize_batch([("PHONE_NUMBER", "+44 20 7946 0958", None)])
    vault.link("C9", extra)
    assert vault.subject_tokens(vault.subject_id("C9")) == extra


def test_collision_stops_the_batch_without_echoing_the_value(vault):
    token = vault.tokenize_batch([("PERSON", "Alice Martin", None)])[0]
    # Make the stored entry belong to another value, as a real HMAC collision would.
    with vault.engine.begin() as conn:
        conn.execute(update(tokens).where(tokens.c.token == token).values(value_hash=b"\x00" * 16))
    with pytest.raises(TokenCollisionError) as raised:
        vault.tokenize_batch([("PERSON", "Alice Martin", None)], dataset="crm_customers")
    message = str(raised.value)
    assert token in message and "crm_customers" in message
    assert "alice" not in message.lower()


def test_lineage_finds_the_partitions_holding_tokens(vault):
    a, b, c = vault.tokenize_batch([("PERSON", n, None) for n in ("Ann Lee", "Bob Ray", "Cy Young")])
    vault.record_lineage("web_logs", "2026-11-01.jsonl", [a, b, ERASED_MARKER])
    vault.record_lineage("web_logs", "2026-11-02.jsonl", [b])
    vault.record_lineage("crm", "customers.csv", [c, a])
    assert vault.partitions_holding([b]) == [
        ("web_logs", "2026-11-01.jsonl"),
        ("web_logs", "2026-11-02.jsonl"),
    ]
    assert vault.partitions_holding([a]) == [("crm", "customers.csv"), ("web_logs", "2026-11-01.jsonl")]
    vault.record_lineage("web_logs", "2026-11-01.jsonl", [b], replace=True)  # partition rewritten without a
    assert vault.partitions_holding([a]) == [("crm", "customers.csv")]
    assert vault.partitions_holding(["[pv:name:aaaaaaaaaaaaaaaaaaaa]"]) == []


def test_format_preserving_surrogates(vault):
    items = [("EMAIL_ADDRESS", "Jane@Example.org", "C5"), ("CREDIT_CARD", "5500 0000 0000 0004", "C5")]
    email, card = vault.tokenize_batch(items, format_preserving=True)
    token_email, token_card = vault.tokenize_batch(items)
    assert email.endswith("@pv.invalid") and email.split("@")[0] in token_email
    assert len(card) == 16 and card.startswith("0") and card.endswith("0004") and not luhn_valid(card)
    assert vault.tokenize_batch(items, format_preserving=True) == [email, card]  # deterministic
    assert vault.tokenize_batch([("EMAIL_ADDRESS", email, None)]) == [email]  # surrogate left alone
    found = vault.detokenize([email, card], role="privacy_officer", purpose="access request", actor="t")
    assert [r.value for r in found] == ["Jane@Example.org", "5500 0000 0000 0004"]
    assert [r.token for r in found] == [token_email, token_card]


def test_schema_is_versioned_and_newer_schemas_are_refused(vault_url):
    with Vault.open(vault_url, kek=TEST_KEK) as opened:
        with opened.engine.begin() as conn:
            version = conn.execute(select(func.max(schema_version.c.version))).scalar_one()
            assert version == VAULT_SCHEMA_VERSION == 7
            conn.execute(schema_version.insert().values(version=99))
    with pytest.raises(SchemaVersionError, match="version 99"):
        Vault.open(vault_url, kek=TEST_KEK)


def test_a_version_1_vault_is_migrated_to_version_2(vault_url):
    with Vault.open(vault_url, kek=TEST_KEK) as opened:
        opened.tokenize_batch(PEOPLE[:2], dataset="crm")
        with opened.engine.begin() as conn:  # back to what version 1 created
            tokens_by_value_hash.drop(conn)
            request_steps.drop(conn)
            conn.execute(schema_version.delete().where(schema_version.c.version == 2))
    with Vault.open(vault_url, kek=TEST_KEK) as reopened:
        found = inspect(reopened.engine)
        assert "request_steps" in found.get_table_names()
        assert "tokens_by_value_hash" in {index["name"] for index in found.get_indexes("tokens")}
        assert count(reopened, tokens) == 2


def test_large_batch_in_one_call(vault):
    items = [("EMAIL_ADDRESS", f"user{i % 2500}@example.com", f"C{i % 2500}") for i in range(5000)]
    result = vault.tokenize_batch(items)
    assert len(set(result)) == 2500
    assert count(vault, tokens) == 2500
    assert count(vault, links) == 2500


def test_missing_subject_keys_do_not_become_subjects(vault):
    items = [("PERSON", "Ann Lee", None), ("PERSON", "Bob Ray", float("nan")), ("PERSON", "Cy Young", "  "),
             ("PERSON", "Di Lane", 1042), ("PERSON", None, "C1")]  # fmt: skip
    result = vault.tokenize_batch(items)
    assert result[4] is None
    assert count(vault, subjects) == 1
    assert vault.subject_tokens(vault.subject_id("1042")) == [result[3]]


def test_lineage_of_format_preserving_datasets_records_the_tokens(vault):
    items = [("EMAIL_ADDRESS", "Jane@Example.org", "C5"), ("CREDIT_CARD", "5500 0000 0000 0004", "C5")]
    surrogate_values = vault.tokenize_batch(items, format_preserving=True)
    vault.record_lineage("billing", "part-0.parquet", surrogate_values)
    assert vault.partitions_holding(vault.tokenize_batch(items)) == [("billing", "part-0.parquet")]
    assert vault.partitions_holding(surrogate_values) == [("billing", "part-0.parquet")]


def test_companions_are_linked_only_to_the_sole_owner_of_their_anchor(vault):
    email, landline, card, phone, stray = vault.tokenize_batch(
        [
            ("EMAIL_ADDRESS", "ann@example.com", "C1"),
            ("PHONE_NUMBER", "+3225551234", "C1"),
            ("CREDIT_CARD", "4111111111111111", None),
            ("PHONE_NUMBER", "+32475123456", None),
            ("EMAIL_ADDRESS", "nobody@example.com", None),
        ]
    )
    vault.link("C2", [landline])  # a family landline: two subjects share it
    added = vault.link_to_sole_owner({email: {card}, landline: {phone}, stray: {phone}})
    assert added == 1
    assert card in vault.subject_tokens(vault.subject_id("C1"))
    assert phone not in vault.subject_tokens(vault.subject_id("C1"))
    assert phone not in vault.subject_tokens(vault.subject_id("C2"))
    assert count(vault, subjects) == 2  # never a new subject
