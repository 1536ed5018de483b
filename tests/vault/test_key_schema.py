"""A PostgreSQL vault keeps its data keys in a schema of its own by default (`vault.key_schema`): a dump
of the vault's schema holds ciphertexts and no key; everything works with it; a vault whose keys were
in its own schema (created before the rule) has them moved at its next open and keeps working."""

import subprocess
from urllib.parse import unquote

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from vault.engine import normalise_url
from vault.errors import VaultError
from vault.key_schema import MAX_IDENTIFIER, key_schema_name, with_search_path
from vault.keys import KEK_ENV, KEK_FILE_ENV, write_kek_file
from vault.rotation import rotate_kek_file
from vault.schema import data_keys, secrets, tokens
from vault.store import KEYSTORE_URL_ENV, Vault

from .conftest import POSTGRES_URL, TEST_KEK

OFFICER = {"role": "privacy_officer", "purpose": "access request", "actor": "test"}
KEYSTORE_TABLES = {"data_keys", "secrets", "keystore_version"}
PEOPLE = [
    ("EMAIL_ADDRESS", "ann@example.com", "CUST-000001"),
    ("PERSON", "Ann Lee", "CUST-000001"),
    ("EMAIL_ADDRESS", "bob@example.com", "CUST-000002"),
    ("PHONE_NUMBER", "+32 2 555 12 34", "CUST-000002"),
]


@pytest.fixture(autouse=True)
def no_keystore_url(monkeypatch):
    monkeypatch.delenv(KEYSTORE_URL_ENV, raising=False)


def schema_of(url: str) -> str:
    return unquote(url).split("search_path=")[1]


def tables_in(vault: Vault, schema: str) -> set[str]:
    with vault.engine.connect() as conn:
        return set(inspect(conn).get_table_names(schema=schema))


def values(vault: Vault, token_list: list[str]) -> list[str | None]:
    return [r.value for r in vault.detokenize(token_list, **OFFICER)]


def test_the_vault_schema_holds_no_key_and_everything_works(postgres_schemas, tmp_path, monkeypatch):
    kek_file = tmp_path / "vault.kek"
    write_kek_file(kek_file, TEST_KEK)
    monkeypatch.delenv(KEK_ENV, raising=False)
    monkeypatch.setenv(KEK_FILE_ENV, str(kek_file))
    url = postgres_schemas()
    schema = schema_of(url)
    with Vault.open(url) as vault:
        toks = vault.tokenize_batch(PEOPLE)
        assert schema_of(vault.keystore_engine.url.render_as_string()) == f"{schema}_keys"
        assert tables_in(vault, schema) & KEYSTORE_TABLES == set()
        assert tables_in(vault, f"{schema}_keys") == KEYSTORE_TABLES
        with vault.keystore_engine.connect() as kconn:
            wrapped = [bytes(w) for (w,) in kconn.execute(select(data_keys.c.wrapped_key))]
            wrapped += [bytes(w) for (w,) in kconn.execute(select(secrets.c.wrapped))]
        with vault.engine.connect() as conn:
            ciphertexts = [bytes(c) for (c,) in conn.execute(select(tokens.c.ciphertext))]
        # A backup of the vault's schema alone, as pg_dump takes it: the values, and no key that opens them.
        dump = subprocess.run(
            ["pg_dump", "--schema", schema, "--data-only", POSTGRES_URL.split("?")[0]],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert all(c.hex() in dump for c in ciphertexts)
        assert not any(w.hex() in dump for w in wrapped)

        assert values(vault, toks) == [v for _t, v, _k in PEOPLE]
        rotate_kek_file(vault, kek_file)
        assert values(vault, toks) == [v for _t, v, _k in PEOPLE]
        vault.shred_subject(vault.subject_id("CUST-000001"))
        assert [r.outcome for r in vault.detokenize(toks, **OFFICER)] == ["not_found"] * 2 + ["allowed"] * 2
        with vault.keystore_engine.connect() as kconn:
            assert {t for (t,) in kconn.execute(select(data_keys.c.token))} == set(toks[2:])
    with Vault.open(url) as again:  # reopened: the same key schema, nothing moved or created twice
        assert values(again, toks[2:]) == ["bob@example.com", "+32 2 555 12 34"]


def test_a_vault_with_its_keys_in_its_own_schema_has_them_moved_and_keeps_working(postgres_schemas, caplog):
    url = postgres_schemas()
    schema = schema_of(url)
    with Vault.open(url, kek=TEST_KEK, keystore_url=url) as before:  # as every vault was made until now
        toks = before.tokenize_batch(PEOPLE)
        assert tables_in(before, schema) >= KEYSTORE_TABLES
    with Vault.open(url, kek=TEST_KEK) as moved:
        assert tables_in(moved, schema) & KEYSTORE_TABLES == set()
        assert tables_in(moved, f"{schema}_keys") == KEYSTORE_TABLES
        assert values(moved, toks) == [v for _t, v, _k in PEOPLE]
        assert moved.tokenize_batch(PEOPLE) == toks  # the same master secret: the same tokens
    assert "rotate the KEK" in caplog.text
    with Vault.open(url, kek=TEST_KEK) as vault, vault.engine.begin() as conn:  # key tables in both: refused
        conn.execute(text(f'CREATE TABLE "{schema}".secrets (name text)'))
    with pytest.raises(VaultError, match="key-store tables are in both"):
        Vault.open(url, kek=TEST_KEK)


def test_an_explicit_key_store_url_is_used_as_it_is(postgres_schemas):
    url, keystore_url = postgres_schemas(), postgres_schemas()
    with Vault.open(url, kek=TEST_KEK, keystore_url=keystore_url) as vault:
        vault.tokenize_batch(PEOPLE[:1])
        assert tables_in(vault, schema_of(keystore_url)) == KEYSTORE_TABLES
        assert tables_in(vault, key_schema_name(schema_of(url))) == set()


def test_key_schema_names_are_distinct_and_fit():
    assert key_schema_name("public") == "public_keys"
    assert key_schema_name("pv_test_0a1b2c") != key_schema_name("pv_test_0a1b2d")
    long_a, long_b = "tenant_" + "a" * 60, "tenant_" + "a" * 59 + "b"
    for name in (long_a, long_b):
        assert len(key_schema_name(name).encode()) <= MAX_IDENTIFIER
    assert key_schema_name(long_a) != key_schema_name(long_b)


@pytest.mark.parametrize(
    "options, expected",
    [
        (None, "-csearch_path=v_keys"),
        ("-csearch_path=v", "-csearch_path=v_keys"),
        ("-c search_path=v -c statement_timeout=5000", "-c statement_timeout=5000 -csearch_path=v_keys"),
        ("--search_path=v", "-csearch_path=v_keys"),
    ],
)
def test_the_key_store_url_searches_only_the_key_schema(options, expected):
    url = "postgresql://u@h/db" + (f"?options={options}" if options else "")
    assert make_url(with_search_path(url, "v_keys")).query["options"] == expected


@pytest.fixture
def restricted_url(postgres_schemas):
    """A vault URL for a role that may create tables in its schema but no schema in the database."""
    url = postgres_schemas()
    schema = schema_of(url)
    role = "pv_test_role_" + schema[-12:]
    engine = create_engine(normalise_url(POSTGRES_URL))
    with engine.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'GRANT USAGE, CREATE ON SCHEMA "{schema}" TO "{role}"'))
    base = make_url(normalise_url(url)).set(username=role)
    yield base.render_as_string(hide_password=False), schema, role, engine
    with engine.begin() as conn:
        for owned in (schema, key_schema_name(schema)):
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{owned}" CASCADE'))
        conn.execute(text(f'DROP OWNED BY "{role}"'))
        conn.execute(text(f'DROP ROLE "{role}"'))
    engine.dispose()


def test_a_user_who_may_not_create_schemas_is_told_what_to_do(restricted_url):
    url, schema, role, engine = restricted_url
    with pytest.raises(VaultError, match=f'CREATE SCHEMA "{schema}_keys".*PIIVAULT_KEYSTORE_URL'):
        Vault.open(url, kek=TEST_KEK)
    with engine.begin() as conn:  # what the message asks for, done by whoever may
        conn.execute(text(f'CREATE SCHEMA "{schema}_keys" AUTHORIZATION "{role}"'))
    with Vault.open(url, kek=TEST_KEK) as vault:
        assert values(vault, vault.tokenize_batch(PEOPLE[:1])) == ["ann@example.com"]
