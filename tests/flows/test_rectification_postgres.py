"""Rectification on a PostgreSQL vault (the shared engine): the erasure test zone tokenized into a fresh
schema, the subject's email corrected everywhere and their shared landline for them only. PostgreSQL is
required: when it is unreachable this test fails, it is never skipped."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from flows.pipeline.catalog import load_catalog
from flows.rectification.filing import file_rectification
from flows.rectification.steps import run_rectification
from flows.requests.lifecycle import Verification
from tests.flows.test_erasure_postgres import KEK, postgres_url  # noqa: F401 - the fixture
from tests.flows.test_erasure_zone import clean_rows, make_people, write_zone

NEW_EMAIL = "renamed.person@example.net"


def tokenize_zone(catalog, vault) -> None:
    from flows.pipeline.column_kinds import classify_columns, sample_frame
    from flows.tokenize.tokenizing import tokenize_file
    from recognizers import detect

    for name in catalog.datasets:
        kinds = classify_columns(catalog.dataset(name), sample_frame(catalog, name))
        for path in catalog.input_files(name):
            tokenize_file(catalog, name, path, kinds, vault, detect)


def postgres_zone(root: Path, url: str):
    """The erasure test zone under `root`, its catalog pointing at the PostgreSQL vault; (catalog, people)."""
    people = make_people()
    catalog_path = write_zone(root, people)
    document = yaml.safe_load(catalog_path.read_text())
    catalog_path.write_text(yaml.safe_dump({**document, "vault": url}))
    return load_catalog(catalog_path), people


def test_rectification_on_postgresql(tmp_path, postgres_url):  # noqa: F811
    from vault.store import Vault

    catalog, people = postgres_zone(tmp_path, postgres_url)
    subject, housemate = people.subject, people.housemate
    evidence = Verification("clerk", "id card")
    with Vault.open(catalog.vault_url, kek=KEK) as vault:
        tokenize_zone(catalog, vault)
        email_id = file_rectification(
            vault, "phone", subject.mobile, "email", NEW_EMAIL, verification=evidence
        )
        outcome = run_rectification(catalog, vault, email_id)
        assert outcome.status == "completed", vault.get_request(email_id)["error"]
        assert run_rectification(catalog, vault, email_id).already_done
        assert vault.resolve_subject("email", subject.email).already_erased
        assert vault.resolve_subject("email", NEW_EMAIL).subject_ids == [
            vault.subject_id(subject.customer_id)
        ]
        landline_id = file_rectification(
            vault, "customer_id", subject.customer_id, "phone", "+32 2 555 01 99", subject.landline, evidence
        )
        assert run_rectification(catalog, vault, landline_id).status == "completed"
        assert vault.resolve_subject("phone", subject.landline).subject_ids == [
            vault.subject_id(housemate.customer_id)
        ]
        new_landline = vault.deriver.derive("PHONE_NUMBER", "+32 2 555 01 99").token
    receipt = json.loads(Path(outcome.receipt_path).read_text())
    assert receipt["verification"]["passed"] and receipt["old_value"]["outcome"] == "shredded"
    crm = {r["customer_id"]: r for r in clean_rows(tmp_path, "crm_customers")}
    assert crm[subject.customer_id]["landline"] == new_landline != crm[housemate.customer_id]["landline"]
    assert subject.email not in (tmp_path / "raw" / "crm" / "customers.csv").read_text()
