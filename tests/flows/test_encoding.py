"""A dataset in another ASCII-compatible encoding (`encoding: latin-1` in the catalog) is read, tokenized,
erased and verified in that encoding, instead of being quarantined row by row as invalid UTF-8; an encoding
the readers cannot split into lines (UTF-16) is refused when the catalog loads, naming dataset and field."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
import yaml

from flows.erasure.steps import run_erasure
from flows.pipeline.catalog import CatalogError, load_catalog, parse_catalog
from flows.requests.lifecycle import Verification, file_request
from tests.flows.test_erasure_zone import open_vault

LEGACY = "legacy/contacts.csv"
ACCENTED = "Hélène Müller-Lüdenscheidt"


def _add_legacy_dataset(root, people, encoding: str | None) -> None:
    subject = people.subject
    rows = [
        "customer_id,name,email",
        f"{subject.customer_id},{subject.full_name} (Tél. bureau),{subject.email}",
        f"CU99999999,{ACCENTED},helene.mueller@example.de",
    ]
    (root / "raw" / "legacy").mkdir()
    (root / "raw" / LEGACY).write_bytes(("\r\n".join(rows) + "\r\n").encode("latin-1"))
    catalog_path = root / "catalog.yaml"
    document = yaml.safe_load(catalog_path.read_text())
    document["datasets"]["legacy_contacts"] = {
        "path": "legacy/contacts*.csv",
        "format": "csv",
        "subject_key": "customer_id",
        "erasure": "delete_rows",
        "columns": {"name": "PERSON", "email": "EMAIL_ADDRESS"},
        **({"encoding": encoding} if encoding else {}),
    }
    catalog_path.write_text(yaml.safe_dump(document, sort_keys=False))


def _legacy_result(results: list[dict]) -> dict:
    return next(r for r in results if r["dataset"] == "legacy_contacts")


def test_a_latin1_dataset_is_read_erased_and_verified_in_its_encoding(zone, prefect_server):
    from flows.tokenize.flow import tokenize

    root, people = zone
    _add_legacy_dataset(root, people, "latin-1")
    result = _legacy_result(tokenize(catalog_path=str(root / "catalog.yaml")))
    assert (result["records_in"], result["records_out"], result["quarantined"]) == (2, 2, 0)
    catalog = load_catalog(root / "catalog.yaml")
    names = pq.read_table(catalog.clean_dir / "legacy_contacts" / "legacy/contacts.parquet").column("name")
    with open_vault(root) as vault:
        revealed = vault.detokenize(
            names.to_pylist(), role="privacy_officer", purpose="access request", actor="t"
        )
        assert ACCENTED in [r.value for r in revealed]  # read as latin-1, not as mojibake
        request = file_request(vault, "erase", "email", people.subject.email, Verification("c", "m"))
        outcome = run_erasure(catalog, vault, request)
    assert outcome.status == "completed"
    raw = (root / "raw" / LEGACY).read_bytes()
    assert people.subject.email.encode() not in raw and people.subject.customer_id.encode() not in raw
    assert ACCENTED.encode("latin-1") in raw  # the other record kept byte for byte, still latin-1


def test_without_the_setting_the_same_file_is_quarantined_as_invalid_utf8(zone, prefect_server):
    from flows.tokenize.flow import tokenize

    root, people = zone
    _add_legacy_dataset(root, people, None)
    result = _legacy_result(tokenize(catalog_path=str(root / "catalog.yaml")))
    assert result["quarantined"] == 2 and {b["reason"] for b in result["bad"]} == {"invalid UTF-8"}


@pytest.mark.parametrize("encoding, accepted", [("cp1252", True), ("ISO-8859-15", True), ("utf-16", False)])
def test_the_catalog_accepts_only_encodings_the_readers_can_split(tmp_path, encoding, accepted):
    document = {
        "zones": {"raw": "raw", "clean": "clean"},
        "vault": "sqlite:///vault.db",
        "datasets": {"legacy": {"path": "*.csv", "format": "csv", "erasure": "redact", "encoding": encoding}},
    }
    if accepted:
        assert parse_catalog(document, tmp_path).dataset("legacy").encoding
    else:
        with pytest.raises(CatalogError, match="dataset 'legacy', field 'encoding': 'utf-16' is not ASCII"):
            parse_catalog(document, tmp_path)
