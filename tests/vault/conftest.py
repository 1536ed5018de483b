"""Vault test fixtures: the same tests run on an SQLite file and on PostgreSQL (one fresh schema per test).

PostgreSQL is required: when it is unreachable the PostgreSQL cases fail, they are never skipped.
"""

from __future__ import annotations

import os
import secrets
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from vault.engine import normalise_url
from vault.key_schema import key_schema_name
from vault.store import Vault

POSTGRES_URL = os.environ.get("PIIVAULT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
TEST_KEK = bytes(range(100, 132))  # fixed 32-byte test KEK
OTHER_KEK = bytes(range(200, 232))


@pytest.fixture(scope="session")
def postgres_schemas():
    """Creates schemas on demand; drops every one of them at the end of the session."""
    engine = create_engine(normalise_url(POSTGRES_URL))
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure to connect must fail the run, loudly
        pytest.fail(f"PostgreSQL is unreachable at PIIVAULT_TEST_POSTGRES_URL ({type(error).__name__})")
    created: list[str] = []

    def new_schema() -> str:
        name = "pv_test_" + secrets.token_hex(6)
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        created.append(name)
        sep = "&" if "?" in POSTGRES_URL else "?"
        return f"{POSTGRES_URL}{sep}options={quote(f'-csearch_path={name}')}"

    yield new_schema
    for name in created:  # and each one's key schema (`vault.key_schema`), one transaction each: dropping
        # them all in one takes a lock per table and runs out of the server's lock table
        with engine.begin() as conn:
            for schema in (name, key_schema_name(name)):
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def vault_url(request, tmp_path):
    """A fresh, empty vault URL on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/vault.db"
    return request.getfixturevalue("postgres_schemas")()


@pytest.fixture
def vault(vault_url):
    """A fresh vault with the fixed test KEK."""
    opened = Vault.open(vault_url, kek=TEST_KEK)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_vault(tmp_path):
    """A fresh SQLite vault (for the tests about files on disk)."""
    opened = Vault.open(f"sqlite:///{tmp_path}/vault.db", kek=TEST_KEK)
    yield opened
    opened.close()
