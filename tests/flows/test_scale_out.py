"""Scale-out end to end: the multi-machine set-up on one machine — a real Prefect server process, a
`dask.distributed` LocalCluster of 2 worker processes, a PostgreSQL vault — against a sequential run of
the same zone in this process. Tokenize, scan and one erasure (its clean step's partitions and its verify
step's file checks on the workers, in batches, largest first); the clean Parquet and, after the erasure,
the raw files are byte-identical, the vault holds the same entries, the manifests, scan report and receipt
agree apart from ids and timings.

Two copies of one demo zone (with bad records, and partitions of 20 KB so every file of any size is cut
in several pieces), two vault schemas sharing one master secret (their key stores start as copies), so
tokens and subject ids are comparable. PostgreSQL is required: when unreachable the test fails."""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from sqlalchemy import create_engine, text

from tests.flows.canaries import seed_bad_input
from vault.engine import normalise_url
from vault.key_schema import key_schema_name

POSTGRES_URL = os.environ.get("PIIVAULT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
KEK = bytes(range(100, 132))
PARTITION_MIB = 0.02  # ~20 KB: every demo file is cut in several pieces
ROWS = 800

VAULT_ENTRIES = {
    "tokens": "SELECT token, entity_type, encode(value_hash, 'hex') FROM tokens",
    "subjects": "SELECT subject_id FROM subjects",
    "links": "SELECT subject_id, token FROM links",
    "lineage": "SELECT p.dataset, p.partition, l.token FROM lineage l JOIN partitions p USING (partition_id)",
    "fingerprints": "SELECT fingerprint, subject_id, token, entity_type FROM fingerprints",
    "fingerprint_keys": "SELECT fingerprint, kind, first_word, words, shared FROM fingerprint_keys",
    "tombstones": "SELECT encode(value_hash, 'hex'), entity_type FROM tombstones",
}


def _schema_url(name: str) -> str:
    sep = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{sep}options={quote(f'-csearch_path={name}')}"


def _copy_key_store(conn, source: str, target: str) -> None:
    """Vault schema `target`'s key store made a copy of `source`'s: the same master secret, so the same
    tokens and subject ids."""
    first, second = key_schema_name(source), key_schema_name(target)
    conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{second}"'))
    tables = conn.execute(
        text("SELECT table_name FROM information_schema.tables WHERE table_schema = :s"), {"s": first}
    ).scalars()
    for table in list(tables):
        conn.execute(text(f'CREATE TABLE "{second}"."{table}" (LIKE "{first}"."{table}" INCLUDING ALL)'))
        conn.execute(text(f'INSERT INTO "{second}"."{table}" SELECT * FROM "{first}"."{table}"'))


@pytest.fixture(scope="module")
def schemas():
    """Two fresh vault schemas whose key stores hold the same master secret."""
    from vault.store import Vault

    engine = create_engine(normalise_url(POSTGRES_URL))
    names = ["pv_scale_" + secrets.token_hex(5) for _ in range(2)]
    try:
        with engine.begin() as conn:
            for name in names:
                conn.execute(text(f'CREATE SCHEMA "{name}"'))
    except Exception as error:  # noqa: BLE001 - an unreachable server must fail the test, loudly
        pytest.fail(f"PostgreSQL is unreachable at PIIVAULT_TEST_POSTGRES_URL ({type(error).__name__})")
    urls = [_schema_url(name) for name in names]
    Vault.open(urls[0], kek=KEK).close()  # creates the first key store and its master secret
    with engine.begin() as conn:
        _copy_key_store(conn, names[0], names[1])
    yield names, urls
    with engine.begin() as conn:
        for name in names:
            for schema in (name, key_schema_name(name)):
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def _zone(root: Path, vault_url: str) -> Path:
    from flows.demo.data import write_demo_zone

    zone = write_demo_zone(root, rows=ROWS, seed=5)
    seed_bad_input(zone.raw_dir, big_line_bytes=1_000)  # a 2 MiB line costs the erasure minutes
    document = yaml.safe_load(zone.catalog_path.read_text())
    document["vault"] = vault_url
    document["runner"] = {"partition_mib": PARTITION_MIB}
    zone.catalog_path.write_text(yaml.safe_dump(document, sort_keys=False))
    return zone.catalog_path


@pytest.fixture(scope="module")
def prefect_api_server(tmp_path_factory):
    """A real Prefect server process (what `prefect server start` runs), its URL in the environment so
    the Dask worker processes report to it."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.cli.prefect_server import temporary_server

    home = tmp_path_factory.mktemp("prefect-server-home")
    with temporary_server(home, lambda _line: None) as url:
        os.environ["PREFECT_API_URL"] = url
        try:
            with temporary_settings(updates={PREFECT_API_URL: url}):
                yield url
        finally:
            del os.environ["PREFECT_API_URL"]


@pytest.fixture(scope="module")
def cluster(prefect_api_server):
    """A LocalCluster of 2 worker processes, started after PREFECT_API_URL and the KEK are in the
    environment they inherit; the flows reach it by address, as they reach a cluster of other machines."""
    from distributed import LocalCluster

    os.environ["PIIVAULT_KEK"] = base64.b64encode(KEK).decode()
    try:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
            yield local.scheduler_address
    finally:
        del os.environ["PIIVAULT_KEK"]


@pytest.fixture(scope="module")
def runs(schemas, cluster, tmp_path_factory):
    """The same zone tokenized, scanned and erased: sequentially in this process (the command's default)
    and as flow runs whose partitions go to the 2 workers."""
    from flows.cli.tokenize import tokenize_in_process
    from flows.demo.data import write_demo_zone  # noqa: F401 - imported before the workers spawn
    from flows.erasure.flow import erase
    from flows.erasure.steps import run_erasure
    from flows.pipeline.catalog import load_catalog
    from flows.pipeline.task_runners import RunnerSettings
    from flows.requests.lifecycle import Verification, file_request
    from flows.scan.flow import scan
    from flows.scan.run import scan_in_process
    from flows.tokenize.flow import tokenize
    from vault.store import Vault

    _names, urls = schemas
    roots = [tmp_path_factory.mktemp("sequential"), tmp_path_factory.mktemp("cluster")]
    catalogs = [_zone(root, url) for root, url in zip(roots, urls, strict=True)]
    outcome: dict = {"roots": roots, "urls": urls}
    sequential = load_catalog(catalogs[0])
    results, failures = tokenize_in_process(sequential, None, False, sequential.runner.partition_bytes)
    assert failures == []
    outcome["results"] = [results, None]
    _report, outcome["scan"], _failures = scan_in_process(sequential, None, lambda _line: None)
    person = _customer(roots[0])
    with Vault.open(urls[0]) as vault:
        request = file_request(vault, "erase", "customer_id", person, Verification("clerk", "id card"))
        outcome["receipts"] = [run_erasure(sequential, vault, request).receipt_path]

    on_cluster = RunnerSettings(dask_address=cluster, partition_mib=PARTITION_MIB)
    outcome["results"][1] = tokenize(catalog_path=str(catalogs[1]), runner=on_cluster)
    outcome["scan_report"] = scan(catalog_path=str(catalogs[1]), runner=on_cluster)
    with Vault.open(urls[1]) as vault:
        request = file_request(vault, "erase", "customer_id", person, Verification("clerk", "id card"))
    erased = erase(request_id=request, catalog_path=str(catalogs[1]), runner=on_cluster)
    outcome["receipts"].append(erased["receipt_path"])
    return outcome


def _customer(root: Path) -> str:
    """A customer whose records are in several datasets (the CRM's first row)."""
    lines = (root / "raw" / "crm" / "customers.csv").read_text().splitlines()
    return lines[1].split(",")[0]


def _tree(root: Path, under: str) -> dict[str, bytes]:
    """Every file of a zone (the command's column-kinds memo left out: a flow run keeps none)."""
    base = root / under
    files = (p for p in sorted(base.rglob("*")) if p.is_file())
    return {str(p.relative_to(base)): p.read_bytes() for p in files if ".piivault" not in p.parts}


def _vault_entries(url: str) -> dict[str, list]:
    from vault.engine import normalise_url as normalised

    engine = create_engine(normalised(url))
    with engine.connect() as conn:
        entries = {name: sorted(map(tuple, conn.execute(text(q)).all())) for name, q in VAULT_ENTRIES.items()}
    engine.dispose()
    return entries


def _without_run_details(value):
    """A receipt or manifest with its ids, times and durations left out."""
    if isinstance(value, dict):
        return {
            k: _without_run_details(v)
            for k, v in value.items()
            if not any(word in k for word in ("id", "seconds", "_at", "time", "duration", "path", "deadline"))
        }
    if isinstance(value, list):
        return [_without_run_details(v) for v in value]
    return value


def test_clean_zone_is_byte_identical(runs):
    sequential, cluster = (_tree(root, "clean") for root in runs["roots"])
    parquet = [name for name in sequential if name.endswith(".parquet") and "_manifest" not in name]
    assert len(parquet) >= 10
    assert sequential.keys() == cluster.keys()
    for name in sequential:
        if "_manifest" not in name:
            assert sequential[name] == cluster[name], name


def test_files_were_cut_in_pieces_and_results_agree(runs):
    sequential, cluster = runs["results"]
    key = lambda r: (r["dataset"], r["file"])  # noqa: E731
    assert sorted(sequential, key=key) == sorted(cluster, key=key)
    assert any(r["quarantined"] for r in sequential)


def test_manifests_agree(runs):
    sequential, cluster = (_tree(root, "clean") for root in runs["roots"])
    manifests = [name for name in sequential if "_manifest" in name]
    assert manifests
    for name in manifests:
        assert json.loads(sequential[name]) == json.loads(cluster[name]), name


def test_vault_entries_are_the_same(runs):
    sequential, cluster = (_vault_entries(url) for url in runs["urls"])
    assert sequential["tokens"] and sequential["lineage"] and sequential["tombstones"]
    for table in VAULT_ENTRIES:
        assert sequential[table] == cluster[table], table


def test_scan_reports_agree(runs):
    report = json.loads(Path(runs["scan_report"]).with_suffix(".json").read_text())
    by_name = {summary["dataset"]: summary for summary in report["datasets"]}
    for summary in runs["scan"]:
        shown = {k: v for k, v in by_name[summary["dataset"]].items() if k != "scanned_at"}
        assert shown == json.loads(json.dumps(summary))


def test_raw_zone_is_byte_identical_after_the_erasure(runs):
    """The raw step purges from the plans the clean step's tasks recorded on the workers (several
    partitions to a task, largest first): the same records go, byte for byte."""
    sequential, cluster = (_tree(root, "raw") for root in runs["roots"])
    assert sequential.keys() == cluster.keys()
    for name in sequential:
        assert sequential[name] == cluster[name], name


def test_erasure_receipts_agree(runs):
    sequential, cluster = (json.loads(Path(path).read_text()) for path in runs["receipts"])
    assert sequential["verification"]["passed"]
    assert _without_run_details(sequential) == _without_run_details(cluster)


def _schema_with_the_same_keys(names: list[str]) -> tuple[str, str]:
    """(name, url) of a third vault schema whose key store is a copy of the first's (same master secret)."""
    engine = create_engine(normalise_url(POSTGRES_URL))
    name = "pv_scale_" + secrets.token_hex(5)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
        _copy_key_store(conn, names[0], name)
    engine.dispose()
    return name, _schema_url(name)


def test_a_spread_erasure_through_the_vault_service_needs_no_kek_on_the_workers(
    runs, schemas, tmp_path, monkeypatch
):
    """The erasure flow on 2 worker processes that hold the vault service's URL and a privacy_officer
    credential and no KEK (nor does this process once the zone is tokenized): same receipt as the
    sequential embedded run's."""
    from distributed import Client, LocalCluster

    from flows.cli.tokenize import tokenize_in_process
    from flows.erasure.flow import erase
    from flows.pipeline.catalog import load_catalog
    from flows.pipeline.task_runners import RunnerSettings
    from flows.requests.lifecycle import Verification, file_request
    from flows.scan.run import scan_in_process
    from tests.vault.service_harness import service_env, start_service
    from vault.client import VAULT_TOKEN_FILE_ENV, VAULT_URL_ENV
    from vault.keys import KEK_ENV, write_kek_file
    from vault.request_client import open_request_vault

    names, _urls = schemas
    name, url = _schema_with_the_same_keys(names)
    try:
        catalog_path = _zone(tmp_path / "served", url)
        catalog = load_catalog(catalog_path)
        _results, failures = tokenize_in_process(catalog, None, False, catalog.runner.partition_bytes)
        assert failures == []
        scan_in_process(catalog, None, lambda _line: None)  # prepared as the sequential run's zone
        keys = tmp_path / "keys"
        keys.mkdir()
        write_kek_file(keys / "kek", KEK)
        service = start_service(["--vault", url], keys / "service.log", service_env(keys / "kek"))
        try:
            credential = service.issue("privacy_officer", "officer 1", keys)
            monkeypatch.delenv(KEK_ENV)
            monkeypatch.setenv(VAULT_URL_ENV, service.url)
            monkeypatch.setenv(VAULT_TOKEN_FILE_ENV, str(credential))
            customer = _customer(tmp_path / "served")  # the one erased in order (its row has left that zone)
            evidence = Verification("clerk", "id card")
            workers = {"n_workers": 2, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
            with LocalCluster(**workers) as local, Client(local) as client:
                assert list(client.run(lambda: KEK_ENV in os.environ).values()) == [False, False]
                with open_request_vault(url) as vault:
                    request = file_request(vault, "erase", "customer_id", customer, evidence)
                on_workers = RunnerSettings(dask_address=local.scheduler_address, partition_mib=PARTITION_MIB)
                erased = erase(request_id=request, catalog_path=str(catalog_path), runner=on_workers)
        finally:
            service.stop()
        assert erased["status"] == "completed"
        sequential = json.loads(Path(runs["receipts"][0]).read_text())
        served = json.loads(Path(erased["receipt_path"]).read_text())
        assert served["verification"]["passed"]
        assert _without_run_details(served) == _without_run_details(sequential)
    finally:
        engine = create_engine(normalise_url(POSTGRES_URL))
        with engine.begin() as conn:
            for schema in (name, key_schema_name(name)):
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()
