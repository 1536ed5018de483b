"""The tokenize path through the vault service: a worker process holding no KEK (only the service's URL
and a `pipeline` credential) tokenizes a demo zone, bad records and known subjects in text included, into
the same clean zone, the same vault rows and the same fingerprint index as the embedded vault does.

Two copies of one zone and of one vault (the same master secret, so the same tokens): one tokenized with
the embedded vault, the other through `piivault vault serve` (`vault.pipeline_client.PipelineClient`), by
`piivault tokenize` in processes of their own and by the Prefect flow (both pick the service when
`PIIVAULT_VAULT_URL` is set: `vault.pipeline_client.open_tokenize_vault`). The second zone's catalog
names a vault nobody can open, so nothing written for it can have bypassed the service.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
import yaml
from sqlalchemy import select

from flows.pipeline.quarantine import read_quarantine
from tests.flows.canaries import seed_bad_input, seed_canaries
from tests.vault.service_harness import start_service
from vault.client import VAULT_TOKEN_FILE_ENV, VAULT_URL_ENV
from vault.keys import KEK_FILE_ENV, write_kek_file
from vault.schema import lineage, links, partitions, tokens
from vault.store import Vault

KEK = bytes(range(90, 122))
ROWS, SEED = 60, 5


def demo_zone(root: Path, vault_url: str) -> Path:
    """A demo zone with canaries and bad records, its catalog naming `vault_url`."""
    from flows.demo.data import write_demo_zone

    zone = write_demo_zone(root, rows=ROWS, seed=SEED)
    seed_canaries(zone.raw_dir)
    seed_bad_input(zone.raw_dir, big_line_bytes=1 << 10)
    catalog = yaml.safe_load(zone.catalog_path.read_text())
    catalog["vault"] = vault_url
    zone.catalog_path.write_text(yaml.safe_dump(catalog, sort_keys=False))
    return zone.catalog_path


def piivault_tokenize(catalog: Path, env: dict[str, str]) -> str:
    """`piivault tokenize --catalog CATALOG` in a child process, in its own process (no Prefect); its
    output (it must succeed)."""
    env = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", "tokenize", "--catalog", str(catalog)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def vault_rows(url: str) -> dict[str, object]:
    """What the vault holds that tokenize writes: tokens, links, lineage, the fingerprint index."""
    with Vault.open(url, kek=KEK) as vault, vault.engine.connect() as conn:
        held = {
            "tokens": sorted(conn.execute(select(tokens.c.token, tokens.c.entity_type)).all()),
            "links": sorted(conn.execute(select(links.c.subject_id, links.c.token)).all()),
            "lineage": sorted(
                conn.execute(
                    select(partitions.c.dataset, partitions.c.partition, lineage.c.token).join(
                        partitions, partitions.c.partition_id == lineage.c.partition_id
                    )
                ).all()
            ),
        }
        index = vault.fingerprint_index()
    held["index"] = [getattr(index, f).tolist() for f in ("fingerprints", "info", "starts", "longest")]
    return held


def clean_tables(catalog: Path) -> dict[str, object]:
    """Every clean Parquet file of the zone, by path under the clean zone."""
    clean = catalog.parent / yaml.safe_load(catalog.read_text())["zones"]["clean"]
    return {
        str(p.relative_to(clean)): pq.read_table(p).to_pylist()
        for p in sorted(clean.rglob("*.parquet"))
        if ".piivault" not in p.parts
    }


def quarantined(catalog: Path) -> list[tuple]:
    """(dataset, file, position, reason) of every quarantined record (the sealed bytes differ by nonce)."""
    root = catalog.parent / "quarantine"
    return sorted(
        (e["dataset"], e["file"], e["position"], e["reason"], e.get("index") is not None)
        for path in sorted(root.rglob("*.quarantine.jsonl"))
        for e in read_quarantine(path)
    )


@pytest.fixture
def two_zones(tmp_path):
    """The same zone twice, and the same fresh vault twice (one master secret); the KEK in a file."""
    write_kek_file(tmp_path / "kek", KEK)
    urls = {side: f"sqlite:///{tmp_path}/vault-{side}/vault.db" for side in ("embedded", "service")}
    (tmp_path / "vault-embedded").mkdir()
    Vault.open(urls["embedded"], kek=KEK).close()
    shutil.copytree(tmp_path / "vault-embedded", tmp_path / "vault-service")
    catalogs = {
        "embedded": demo_zone(tmp_path / "zone-embedded", urls["embedded"]),
        # the service's worker names a vault nobody can open: everything it writes goes through the service
        "service": demo_zone(tmp_path / "zone-service", f"sqlite:///{tmp_path}/no-such-directory/vault.db"),
    }
    return tmp_path, urls, catalogs


def test_piivault_tokenize_without_the_kek_goes_through_the_service_as_the_embedded_vault_does(two_zones):
    directory, urls, catalogs = two_zones
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PIIVAULT_KEK", "PIIVAULT_VAULT_"))}
    base.pop("PIIVAULT_KEYSTORE_URL", None)
    holder = base | {KEK_FILE_ENV: str(directory / "kek")}
    embedded = piivault_tokenize(catalogs["embedded"], holder)

    service = start_service(["--vault", urls["service"]], directory / "service.log", holder)
    try:
        credential = service.issue("pipeline", "worker 1", directory)
        through = piivault_tokenize(
            catalogs["service"], base | {VAULT_URL_ENV: service.url, VAULT_TOKEN_FILE_ENV: str(credential)}
        )
    finally:
        service.stop()

    assert through.replace("zone-service", "zone-embedded") == embedded and " rows, " in embedded
    assert_same_tokenization(urls, catalogs)


def test_the_tokenize_flow_runs_through_the_service_without_the_kek(two_zones, prefect_server, monkeypatch):
    from flows.tokenize.flow import tokenize

    directory, urls, catalogs = two_zones
    for name in [n for n in os.environ if n.startswith(("PIIVAULT_KEK", "PIIVAULT_VAULT_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv(KEK_FILE_ENV, str(directory / "kek"))
    embedded = tokenize(catalog_path=str(catalogs["embedded"]))

    service = start_service(["--vault", urls["service"]], directory / "service.log", dict(os.environ))
    try:
        credential = service.issue("pipeline", "worker 2", directory)
        monkeypatch.delenv(KEK_FILE_ENV)  # the flow's process: the service's URL and a credential, no KEK
        monkeypatch.setenv(VAULT_URL_ENV, service.url)
        monkeypatch.setenv(VAULT_TOKEN_FILE_ENV, str(credential))
        through = tokenize(catalog_path=str(catalogs["service"]))
    finally:
        service.stop()

    assert through == embedded and any(not r["skipped"] for r in through)
    assert_same_tokenization(urls, catalogs)


def assert_same_tokenization(urls: dict[str, str], catalogs: dict[str, Path]) -> None:
    """The two zones' clean files and quarantine entries, and the two vaults' rows and index, are equal."""
    clean = clean_tables(catalogs["embedded"])
    assert clean and clean == clean_tables(catalogs["service"])
    bad = quarantined(catalogs["embedded"])
    assert bad and bad == quarantined(catalogs["service"])
    rows = vault_rows(urls["embedded"])
    assert rows["links"] and rows["lineage"] and rows["index"][0]
    assert vault_rows(urls["service"]) == rows
    assert np.array_equal(rows["index"][0], sorted(rows["index"][0]))
