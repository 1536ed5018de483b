"""A raw zone is read only inside itself: a link in it that points elsewhere on the machine is refused with
one line naming the dataset and the file, and every other file and dataset is still tokenized; a dataset
whose glob matches nothing says so."""

from __future__ import annotations

import logging

import pytest
import yaml

from flows.pipeline.catalog import load_catalog
from flows.pipeline.errors import PipelineError

OUTSIDE_CANARY = "outside.canary@example.org"


def test_a_link_out_of_the_raw_zone_fails_alone_by_name(zone, prefect_server, tmp_path, caplog):
    from flows.tokenize.flow import tokenize

    root, _people = zone
    outside = tmp_path / "elsewhere" / "secrets.jsonl"
    outside.parent.mkdir()
    outside.write_text(f'{{"ts": "2026-01-09T10:00:00Z", "user": {{"email": "{OUTSIDE_CANARY}"}}}}\n')
    link = root / "raw" / "logs" / "web-2026-01-09.jsonl"
    link.symlink_to(outside)
    inside_link = root / "raw" / "logs" / "web-2026-01-10.jsonl"  # a link within the zone is read as usual
    inside_link.symlink_to(root / "raw" / "logs" / "web-2026-01-05.jsonl")
    catalog_path = root / "catalog.yaml"
    document = yaml.safe_load(catalog_path.read_text())
    document["datasets"]["archive"] = {"path": "archive/*.csv", "format": "csv", "erasure": "redact"}
    catalog_path.write_text(yaml.safe_dump(document, sort_keys=False))
    caplog.set_level(logging.WARNING)

    with pytest.raises(PipelineError) as failed:
        tokenize(catalog_path=str(catalog_path), force=True)

    message = str(failed.value)
    assert message == (
        "1 file(s) failed: dataset web_logs, file logs/web-2026-01-09.jsonl: "
        "a link to a file outside the raw zone; not read"
    )
    catalog = load_catalog(catalog_path)
    clean = {p.relative_to(catalog.clean_dir).as_posix() for p in catalog.clean_dir.rglob("*.parquet")}
    assert "web_logs/logs/web-2026-01-05.parquet" in clean and "crm_customers/crm/customers.parquet" in clean
    assert "web_logs/logs/web-2026-01-09.parquet" not in clean
    written = b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink())
    assert OUTSIDE_CANARY.encode() not in written  # not in the clean zone, the quarantine, the vault
    assert any("dataset archive: no file matches 'archive/*.csv'" in r.getMessage() for r in caplog.records)
