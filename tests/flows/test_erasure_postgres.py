"""Erasure and access on a PostgreSQL vault (the shared engine): the same zone, tokenized into a fresh
schema, erased and exported; the progress table is created there on first use. PostgreSQL is required:
when it is unreachable this test fails, it is never skipped."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from sqlalchemy import create_engine, text

from flows.access.run import run_access
from flows.erasure.steps import run_erasure
from flows.pipeline.catalog import load_catalog
from flows.requests.lifecycle import Verification, file_request
from tests.flows.test_erasure_zone import clean_rows, make_people, write_zone
from vault.engine import normalise_url
from vault.key_schema import key_schema_name

POSTGRES_URL = os.environ.get("PIIVAULT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
KEK = bytes(range(60, 92))


@pytest.fixture
def postgres_url():
    engine = create_engine(normalise_url(POSTGRES_URL))
    name = "pv_erasure_" + secrets.token_hex(6)
    try:
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
    except Exception as error:  # noqa: BLE001 - an unreachable server must fail the test, loudly
        pytest.fail(f"PostgreSQL is unreachable at PIIVAULT_TEST_POSTGRES_URL ({type(error).__name__})")
    sep = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{sep}options={quote(f'-csearch_path={name}')}"
    with engine.begin() as conn:
        for schema in (name, key_schema_name(name)):  # the vault's and its key store's
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def test_erasure_and_access_on_postgresql(tmp_path, postgres_url):
    from flows.pipeline.column_kinds import classify_columns, sample_frame
    from flows.tokenize.tokenizing import tokenize_file
    from recognizers import detect
    from vault.store import Vault

    people = make_people()
    catalog_path = write_zone(tmp_path, people)
    document = yaml.safe_load(catalog_path.read_text())
    catalog_path.write_text(yaml.safe_dump({**document, "vault": postgres_url}))
    catalog = load_catalog(catalog_path)
    with Vault.open(catalog.vault_url, kek=KEK) as vault:
        for name in catalog.datasets:
            kinds = classify_columns(catalog.dataset(name), sample_frame(catalog, name))
            for path in catalog.input_files(name):
                tokenize_file(catalog, name, path, kinds, vault, detect)
        crm_before = clean_rows(tmp_path, "crm_customers")
        access_id = file_request(vault, "access", "phone", people.subject.mobile, Verification("c", "m"))
        outcome = run_access(catalog, vault, access_id, "officer")
        assert outcome.status == "completed" and outcome.counts["records"]["crm_customers"] == 1
        erase_id = file_request(vault, "erase", "phone", people.subject.mobile, Verification("c", "m"))
        outcome = run_erasure(catalog, vault, erase_id)
        assert outcome.status == "completed"
        assert run_erasure(catalog, vault, erase_id).already_done
        assert vault.resolve_subject("customer_id", people.subject.customer_id).status == "none"
        assert vault.resolve_subject("customer_id", people.namesake.customer_id).status == "one"
    receipt = json.loads(Path(outcome.receipt_path).read_text())
    assert receipt["verification"]["passed"] and receipt["datasets"]["crm_customers"]["rows_deleted"] == 1
    assert len(clean_rows(tmp_path, "crm_customers")) == len(crm_before) - 1
