"""The catalog contract: valid files load with resolved zones; every error names the dataset and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.pipeline.catalog import CatalogError, load_catalog

VALID = """
zones: {raw: data/raw, clean: data/clean}
vault: sqlite:///data/vault.db
datasets:
  crm_customers:
    path: crm/customers*.csv
    format: csv
    subject_key: customer_id
    erasure: delete_rows
    columns: {email: EMAIL_ADDRESS, notes: free_text, plan: none}
  web_logs:
    path: logs/web-*.jsonl
    format: jsonl
    erasure: redact
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalog.yaml"
    path.write_text(text)
    return path


def test_valid_catalog_resolves_zones_and_vault_against_its_directory(tmp_path):
    catalog = load_catalog(write(tmp_path, VALID))
    assert catalog.raw_dir == tmp_path / "data/raw"
    assert catalog.clean_dir == tmp_path / "data/clean"
    assert catalog.quarantine_dir == tmp_path / "data/quarantine"
    assert catalog.vault_url == f"sqlite:///{tmp_path.resolve()}/data/vault.db"
    assert catalog.dataset("crm_customers").columns["notes"] == "free_text"
    assert catalog.selected(None) == ["crm_customers", "web_logs"]


def test_input_files_are_sorted_matches_of_the_glob(tmp_path):
    catalog = load_catalog(write(tmp_path, VALID))
    for name in ("logs/web-2.jsonl", "logs/web-1.jsonl", "logs/app-1.jsonl"):
        (catalog.raw_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (catalog.raw_dir / name).write_text("{}\n")
    assert [catalog.relative_to_raw(p) for p in catalog.input_files("web_logs")] == [
        "logs/web-1.jsonl",
        "logs/web-2.jsonl",
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("format: jsonl", "format: xml", "dataset 'web_logs', field 'format'"),
        ("erasure: redact", "erasure: forget", "dataset 'web_logs', field 'erasure'"),
        ("erasure: redact", "erasure: redact\n    colour: blue", "dataset 'web_logs', field 'colour'"),
        ("email: EMAIL_ADDRESS", "email: EMAIL", "dataset 'crm_customers', field 'columns'"),
        ("path: logs/web-*.jsonl", "path: /etc/*.jsonl", "dataset 'web_logs', field 'path'"),
        ("    erasure: delete_rows\n", "", "dataset 'crm_customers', field 'erasure'"),
        ("vault: sqlite:///data/vault.db", "vault: mysql://x", "field 'vault'"),
        ("zones: {raw: data/raw, clean: data/clean}", "zones: {raw: data/raw}", "field 'zones.clean'"),
    ],
)
def test_errors_name_the_dataset_and_the_field(tmp_path, old, new, expected):
    assert old in VALID
    with pytest.raises(CatalogError) as error:
        load_catalog(write(tmp_path, VALID.replace(old, new, 1)))
    assert expected in str(error.value)


def test_unknown_dataset_and_broken_yaml_are_clear(tmp_path):
    catalog = load_catalog(write(tmp_path, VALID))
    with pytest.raises(CatalogError, match="'billing' is not in the catalog"):
        catalog.selected(["billing"])
    with pytest.raises(CatalogError, match="not valid YAML at line"):
        load_catalog(write(tmp_path, "zones: [\n"))
    with pytest.raises(CatalogError, match="cannot read catalog"):
        load_catalog(tmp_path / "missing.yaml")
