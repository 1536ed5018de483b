"""Retention on a PostgreSQL vault: the erasure test zone tokenized into a fresh schema, then one retention
run with `auto_erase` — raw files and clean rows past retention deleted, the value only a deleted file held
shredded, the customer whose relationship ended erased. PostgreSQL is required: never skipped."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from tests.flows.test_erasure_postgres import KEK, postgres_url  # noqa: F401 - the fixture
from tests.flows.test_erasure_zone import open_vault
from tests.flows.test_rectification_postgres import postgres_zone, tokenize_zone
from tests.flows.test_retention import LONELY, retain, with_retention


def test_retention_on_postgresql(tmp_path, postgres_url, monkeypatch):  # noqa: F811
    monkeypatch.setenv("PIIVAULT_KEK", base64.b64encode(KEK).decode())
    catalog, people = postgres_zone(tmp_path, postgres_url)
    with open_vault(tmp_path) as vault:
        tokenize_zone(catalog, vault)
    with_retention(tmp_path, people, auto_erase=True)
    outcome, request = retain(tmp_path)
    assert outcome.status == "completed", request["error"]
    receipt = json.loads(Path(outcome.receipt_path).read_text())
    assert receipt["totals"]["raw_files_deleted"] == 3 and receipt["totals"]["clean_rows_dropped"] > 0
    assert receipt["subjects"]["erasures"]["completed"] == 1
    with open_vault(tmp_path) as vault:
        lonely = vault.deriver.derive("EMAIL_ADDRESS", LONELY).token
        assert vault.detokenize([lonely], role="support", purpose="account management", actor="t")[
            0
        ].outcome != ("allowed")
        assert vault.resolve_subject("customer_id", people.subject.customer_id).status == "none"
        assert vault.resolve_subject("customer_id", people.namesake.customer_id).status == "one"
