"""Zones on object storage: the scan and tokenize flows read a raw zone on a real S3-compatible server
(moto's server mode, started here on 127.0.0.1) and write the clean zone, manifests, quarantine and report
there; the clean Parquet and the manifests are byte for byte those of a local run of the same data from
the same vault state. Readers trust only what a manifest names; a stray object is ignored, then swept by
the next writer to take the zone lock, which still keeps a tokenize from running beside an erasure."""

from __future__ import annotations

import json
import shutil
import signal
from pathlib import Path

import pytest
import yaml

from flows.pipeline.catalog import CatalogError, load_catalog
from flows.pipeline.storage import filesystem
from tests.flows.object_store import BUCKET, s3_store, upload_tree  # noqa: F401 (fixture)
from tests.flows.test_erasure_zone import make_people, write_zone

BROKEN_LINE = '{"ts": "2026-01-05T12:00:00Z", "user": {"email": "%s"'  # no closing braces: quarantined


def s3_catalog(root: Path, prefix: str) -> Path:
    """The local zone's catalog with its four zones moved under `s3://BUCKET/prefix/` (vault stays local)."""
    document = yaml.safe_load((root / "catalog.yaml").read_text(encoding="utf-8"))
    document["zones"] = {zone: f"s3://{BUCKET}/{prefix}/{zone}" for zone in document["zones"]}
    path = root / "catalog.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def twin_zones(tmp_path: Path, prefix: str) -> tuple[Path, Path]:
    """The erasure test zone (with one unreadable JSON line) twice, from one vault state: a local copy and
    one whose zones are on S3 under `prefix` (its raw files uploaded, the local ones removed)."""
    from vault.store import Vault

    local = tmp_path / "local"
    people = make_people()
    catalog = write_zone(local, people)
    with (local / "raw" / "logs" / "web-2026-01-05.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(BROKEN_LINE % people.subject.email + "\n")
    Vault.open(load_catalog(catalog).vault_url).close()  # keys created once, shared by both copies
    remote = tmp_path / "remote"
    shutil.copytree(local, remote)
    upload_tree(remote / "raw", f"{BUCKET}/{prefix}/raw")
    shutil.rmtree(remote / "raw")
    s3_catalog(remote, prefix)
    return local, remote


def local_files(zone: Path) -> dict[str, bytes]:
    return {
        p.relative_to(zone).as_posix(): p.read_bytes()
        for p in sorted(zone.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(zone).parts)
    }


def remote_files(prefix: str) -> dict[str, bytes]:
    fs = filesystem("s3")
    root = f"{BUCKET}/{prefix}"
    return {key[len(root) + 1 :]: fs.cat_file(key) for key in sorted(fs.find(root))}


@pytest.mark.usefixtures("s3_store")
def test_scan_and_tokenize_on_s3_write_what_a_local_run_writes(prefect_server, tmp_path):
    from flows.scan.flow import scan
    from flows.tokenize.flow import tokenize

    local, remote = twin_zones(tmp_path, "twin")
    local_results = tokenize(catalog_path=str(local / "catalog.yaml"))
    report = scan(catalog_path=str(remote / "catalog.yaml"))
    remote_results = tokenize(catalog_path=str(remote / "catalog.yaml"))

    assert report == f"s3://{BUCKET}/twin/reports/scan-report.html"
    assert [r["records_in"] for r in remote_results] == [r["records_in"] for r in local_results]
    assert sum(r["quarantined"] for r in remote_results) == 1
    on_s3 = remote_files("twin")
    here = local_files(local / "clean")
    clean = {name: data for name, data in here.items() if name.endswith(".parquet")}
    manifests = {name: data for name, data in here.items() if "/_manifest/" in name}
    assert clean and manifests
    for name, data in {**clean, **manifests}.items():  # byte-identical Parquet and manifest entries
        assert on_s3[f"clean/{name}"] == data, name
    quarantine = [name for name in on_s3 if name.startswith("quarantine/")]
    assert quarantine == ["quarantine/web_logs/logs/web-2026-01-05.jsonl.quarantine.jsonl"]
    assert make_people().subject.email.encode() not in on_s3[quarantine[0]]  # sealed, as locally
    summary = json.loads(on_s3["reports/scan-report.json"])
    assert {d["dataset"] for d in summary["datasets"]} == set(load_catalog(local / "catalog.yaml").datasets)
    assert not (remote / "clean").exists() and not (remote / "raw").exists()  # nothing written locally

    again = tokenize(catalog_path=str(remote / "catalog.yaml"))  # unchanged: every file skipped
    assert again and all(r["skipped"] for r in again)
    assert remote_files("twin") == on_s3


@pytest.mark.usefixtures("s3_store")
def test_readers_trust_only_what_a_manifest_names_and_the_lock_sweeps_the_rest(prefect_server, tmp_path):
    from flows.analysis import load_dataset
    from flows.pipeline.writers import read_clean
    from flows.pipeline.zone_lock import lock_path, zone_lock
    from flows.tokenize.flow import tokenize

    _local, remote = twin_zones(tmp_path, "stray")
    tokenize(catalog_path=str(remote / "catalog.yaml"))
    catalog = load_catalog(remote / "catalog.yaml")
    clean = catalog.clean_dir / "web_logs"
    rows = len(read_clean(clean))
    named = remote_files("stray")["clean/web_logs/logs/web-2026-01-05.parquet"]
    # an upload no manifest entry names: a tokenize killed before its entry was written
    (clean / "logs" / "web-2026-01-07.parquet").write_bytes(named)
    (catalog.quarantine_dir / "web_logs" / "logs" / "web-2026-01-07.jsonl.quarantine.jsonl").write_bytes(
        b"{}\n"
    )
    assert len(read_clean(clean)) == rows
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PIIVAULT_CATALOG", str(remote / "catalog.yaml"))
        assert len(load_dataset(load_catalog(remote / "catalog.yaml"), "web_logs")) == rows

    assert lock_path(catalog).parent != remote  # a local lock, named after the zone's URL
    with zone_lock(catalog, "test"):
        pass
    left = remote_files("stray")
    assert "clean/web_logs/logs/web-2026-01-07.parquet" not in left
    assert "quarantine/web_logs/logs/web-2026-01-07.jsonl.quarantine.jsonl" not in left
    assert left["clean/web_logs/logs/web-2026-01-05.parquet"] == named


def erase_subject(root: Path) -> dict:
    """File a verified erasure of the zone's subject and run the erase flow on it; returns its outcome."""
    from flows.erasure.flow import erase
    from flows.requests.lifecycle import Verification, file_request
    from vault.store import Vault

    with Vault.open(load_catalog(root / "catalog.yaml").vault_url) as vault:
        request_id = file_request(
            vault, "erase", "email", make_people().subject.email, Verification("clerk 7", "id card")
        )
    return erase(request_id=request_id, catalog_path=str(root / "catalog.yaml"))


@pytest.mark.usefixtures("s3_store")
def test_an_erasure_on_s3_zones_does_what_it_does_locally(prefect_server, tmp_path):
    from flows.tokenize.flow import tokenize

    subject = make_people().subject
    local, remote = twin_zones(tmp_path, "erase")
    for root in (local, remote):
        tokenize(catalog_path=str(root / "catalog.yaml"))
    before = remote_files("erase")
    local_outcome = erase_subject(local)
    remote_outcome = erase_subject(remote)

    assert local_outcome["status"] == remote_outcome["status"] == "completed"
    assert remote_outcome["receipt_path"].startswith(f"s3://{BUCKET}/erase/reports/erasure/")
    after = remote_files("erase")
    receipt = json.loads(after[remote_outcome["receipt_path"].split("/erase/", 1)[1]])
    assert receipt["verification"]["passed"]
    here = {f"clean/{k}": v for k, v in local_files(local / "clean").items() if k.endswith(".parquet")}
    here |= {f"raw/{k}": v for k, v in local_files(local / "raw").items()}
    changed = [name for name in here if after[name] != before.get(name)]
    assert (
        "raw/logs/web-2026-01-05.jsonl" in changed and "clean/crm_customers/crm/customers.parquet" in changed
    )
    for name, data in here.items():  # clean partitions and raw files rewritten as the local run did
        assert after[name] == data, name
    raw_text = b"".join(data for name, data in after.items() if name.startswith("raw/"))
    assert subject.email.encode() not in raw_text.lower() and subject.customer_id.encode() not in raw_text
    assert [n for n in after if n.startswith("quarantine/")] == [
        n for n in before if n.startswith("quarantine/")
    ]


@pytest.mark.parametrize(
    "zones, field",
    [
        (
            {"raw": "s3://b/raw", "clean": "s3://b/clean", "aws_secret_access_key": "x"},
            "zones.aws_secret_access_key",
        ),
        (
            {"raw": "s3://b/raw", "clean": "s3://b/clean", "storage_options": {"key": "x"}},
            "zones.storage_options",
        ),
    ],
)
def test_a_catalog_holding_credentials_is_refused(tmp_path, zones, field):
    document = {
        "zones": zones,
        "vault": "sqlite:///v.db",
        "datasets": {"d": {"path": "*.txt", "format": "text", "erasure": "redact"}},
    }
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        load_catalog(tmp_path / "catalog.yaml")
    assert field in str(error.value) and "AWS_ACCESS_KEY_ID" in str(error.value)
    assert "'x'" not in str(error.value)


def test_a_zone_url_with_a_user_and_password_is_refused_without_echoing_them(tmp_path):
    document = {
        "zones": {"raw": "s3://AKIAEXAMPLE:s3cr3t@bucket/raw", "clean": "s3://bucket/clean"},
        "vault": "sqlite:///v.db",
        "datasets": {"d": {"path": "*.txt", "format": "text", "erasure": "redact"}},
    }
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        load_catalog(tmp_path / "catalog.yaml")
    assert "field 'zones.raw'" in str(error.value)
    assert "s3cr3t" not in str(error.value) and "AKIAEXAMPLE" not in str(error.value)


@pytest.mark.parametrize(
    "url, expected",
    [
        ("s3:///raw", "s3:// URL names no bucket"),
        ("nosuch://bucket/raw", "nosuch:// is not a storage fsspec knows"),
        ("s3://bucket/raw?versionId=1", "a zone URL holds no user, password or query"),
    ],
)
def test_a_zone_url_fsspec_cannot_serve_is_refused_on_load(tmp_path, url, expected):
    document = {
        "zones": {"raw": url, "clean": "clean"},
        "vault": "sqlite:///v.db",
        "datasets": {"d": {"path": "*.txt", "format": "text", "erasure": "redact"}},
    }
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        load_catalog(tmp_path / "catalog.yaml")
    assert "field 'zones.raw'" in str(error.value) and expected in str(error.value)


def test_local_paths_and_file_urls_stay_local(tmp_path):
    document = {
        "zones": {"raw": f"file://{tmp_path}/raw", "clean": "data/clean", "reports": "s3://bucket/reports"},
        "vault": "sqlite:///v.db",
        "datasets": {"d": {"path": "*.txt", "format": "text", "erasure": "redact"}},
    }
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    catalog = load_catalog(tmp_path / "catalog.yaml")
    assert catalog.raw_dir == tmp_path / "raw"
    assert catalog.clean_dir == tmp_path / "data" / "clean"
    assert catalog.quarantine_dir == tmp_path / "data" / "quarantine"
    assert str(catalog.reports_dir) == "s3://bucket/reports"


@pytest.mark.usefixtures("s3_store")
def test_the_zone_lock_keeps_a_tokenize_from_an_s3_zone_another_process_erases(
    prefect_server, tmp_path, monkeypatch
):
    from flows.pipeline.zone_lock import TIMEOUT_ENV, ZoneBusy
    from flows.tokenize.flow import tokenize
    from tests.flows.test_zone_lock import HOLD, python

    _local, remote = twin_zones(tmp_path, "locked")
    before = remote_files("locked")
    holder = python(
        HOLD.replace("tokenize (test holder)", "erase (test holder)"), str(remote / "catalog.yaml")
    )
    try:
        assert holder.stdout.readline().strip() == "held", holder.stderr.read()
        monkeypatch.setenv(TIMEOUT_ENV, "0.5")
        with pytest.raises(ZoneBusy) as busy:
            tokenize(catalog_path=str(remote / "catalog.yaml"))
        assert f"locked by erase (test holder) (process {holder.pid}" in str(busy.value)
        assert f"s3://{BUCKET}/locked/clean" in str(busy.value)
    finally:
        holder.communicate("\n", timeout=60)
    assert remote_files("locked") == before  # nothing written


def twin_files(local: Path, prefix: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """(local, on S3) bytes of every clean Parquet file and raw file of a pair of twin zones."""
    here = {f"clean/{k}": v for k, v in local_files(local / "clean").items() if k.endswith(".parquet")}
    here |= {f"raw/{k}": v for k, v in local_files(local / "raw").items()}
    there = {k: v for k, v in remote_files(prefix).items() if k.startswith("raw/") or k.endswith(".parquet")}
    return here, there


@pytest.mark.usefixtures("s3_store")
def test_a_rectification_on_s3_zones_does_what_it_does_locally(prefect_server, tmp_path):
    from flows.rectification.filing import file_rectification
    from flows.rectification.flow import rectify
    from flows.requests.lifecycle import Verification
    from flows.tokenize.flow import tokenize
    from vault.store import Vault

    subject = make_people().subject
    local, remote = twin_zones(tmp_path, "rectify")
    outcomes = []
    for root in (local, remote):
        tokenize(catalog_path=str(root / "catalog.yaml"))
        with Vault.open(load_catalog(root / "catalog.yaml").vault_url) as vault:
            request_id = file_rectification(
                vault,
                "customer_id",
                subject.customer_id,
                "email",
                "renamed.person@example.net",
                verification=Verification("clerk 7", "id card"),
            )
        outcomes.append(rectify(request_id=request_id, catalog_path=str(root / "catalog.yaml")))

    assert [o["status"] for o in outcomes] == ["completed", "completed"]
    assert outcomes[1]["receipt_path"].startswith(f"s3://{BUCKET}/rectify/reports/rectification/")
    here, there = twin_files(local, "rectify")
    assert here == there
    assert subject.email.encode() not in there["raw/crm/customers.csv"].lower()
    assert b"renamed.person@example.net" in there["raw/crm/customers.csv"]


@pytest.mark.usefixtures("s3_store")
def test_retention_on_s3_zones_does_what_it_does_locally(prefect_server, tmp_path):
    from flows.pipeline.writers import read_clean
    from flows.retention.steps import run_retention
    from flows.tokenize.flow import tokenize
    from tests.flows.test_retention import AS_OF, RETENTION
    from vault.store import Vault

    local, remote = twin_zones(tmp_path, "retention")
    outcomes = []
    for root in (local, remote):
        document = yaml.safe_load((root / "catalog.yaml").read_text(encoding="utf-8"))
        for dataset, settings in RETENTION.items():
            document["datasets"][dataset]["retention"] = settings
        (root / "catalog.yaml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        tokenize(catalog_path=str(root / "catalog.yaml"))
        catalog = load_catalog(root / "catalog.yaml")
        with Vault.open(catalog.vault_url) as vault:
            outcomes.append(run_retention(catalog, vault, now=AS_OF))

    assert [o.status for o in outcomes] == ["completed", "completed"]
    here, there = twin_files(local, "retention")
    assert here == there
    assert not any(k.startswith(("raw/support/", "raw/telecom/")) for k in there)  # 30 days: deleted
    # the call records' clean files stay visible without their raw files (their own retention applies)
    remote_catalog = load_catalog(remote / "catalog.yaml")
    calls = read_clean(remote_catalog.clean_dir / "call_records")
    assert len(calls) == len(read_clean(local / "clean" / "call_records")) > 0
    receipt = json.loads(remote_files("retention")[outcomes[1].receipt_path.split("/retention/", 1)[1]])
    assert receipt["datasets"]["web_logs"]["clean_rows_dropped"] == 4


@pytest.mark.usefixtures("s3_store")
def test_an_access_export_is_refused_on_an_s3_reports_zone(prefect_server, tmp_path):
    from flows.access.run import run_access
    from flows.pipeline.errors import PipelineError
    from flows.requests.lifecycle import Verification, file_request
    from flows.tokenize.flow import tokenize
    from vault.store import Vault

    _local, remote = twin_zones(tmp_path, "access")
    tokenize(catalog_path=str(remote / "catalog.yaml"))
    catalog = load_catalog(remote / "catalog.yaml")
    with Vault.open(catalog.vault_url) as vault:
        email = make_people().subject.email
        request_id = file_request(vault, "access", "email", email, Verification("clerk 7", "id card"))
        with pytest.raises(PipelineError) as refused:
            run_access(catalog, vault, request_id, actor="officer")
    assert f"the reports zone s3://{BUCKET}/access/reports is on object storage" in str(refused.value)
    assert email not in str(refused.value)
    assert not [name for name in remote_files("access") if name.startswith("reports/access/")]


TOKENIZE_IN_PROCESS = (
    "import sys\n"
    "from flows.pipeline.catalog import load_catalog\n"
    "from flows.pipeline.column_kinds import classify_columns, sample_frame\n"
    "from flows.pipeline.zone_lock import zone_lock\n"
    "from flows.tokenize.tokenizing import tokenize_file\n"
    "from recognizers import detect\n"
    "from vault.store import Vault\n"
    "catalog = load_catalog(sys.argv[1])\n"
    "with zone_lock(catalog, 'tokenize'), Vault.open(catalog.vault_url) as vault:\n"
    "    for name in sorted(catalog.datasets, key=lambda n: catalog.dataset(n).subject_key is None):\n"
    "        kinds = classify_columns(catalog.dataset(name), sample_frame(catalog, name))\n"
    "        for path in catalog.input_files(name):\n"
    "            tokenize_file(catalog, name, path, kinds, vault, detect)\n"
)


@pytest.mark.usefixtures("s3_store")
def test_a_tokenize_killed_between_an_upload_and_its_manifest_entry_is_finished_by_a_rerun(tmp_path):
    from flows.pipeline.faults import FAULT_AT_ENV, FAULT_TRACE_ENV
    from flows.pipeline.storage import STAGING_ENV
    from flows.pipeline.writers import read_clean
    from tests.flows.test_zone_lock import python

    local, remote = twin_zones(tmp_path, "killed")
    staging = tmp_path / "staging"
    trace = tmp_path / "trace"

    def run(root: Path, **env: str) -> int:
        process = python(
            TOKENIZE_IN_PROCESS, str(root / "catalog.yaml"), **{STAGING_ENV: str(staging), **env}
        )
        _out, err = process.communicate(timeout=900)
        assert process.returncode in (0, 137), err[-2000:]
        return process.returncode

    assert run(local, **{FAULT_TRACE_ENV: str(trace)}) == 0  # the uninterrupted reference, on disk
    points = trace.read_text().splitlines()
    first_upload = points.index("tokenize-lineage") + 2  # 1-based: the clean file's upload, before its entry
    assert points[first_upload - 1] == "atomic-rename"
    assert run(remote, **{FAULT_AT_ENV: f"{first_upload}:kill"}) == 137

    catalog = load_catalog(remote / "catalog.yaml")
    killed = remote_files("killed")
    assert "clean/crm_customers/crm/customers.parquet" in killed  # uploaded ...
    assert not [name for name in killed if "/_manifest/" in name]  # ... and named by no entry
    assert read_clean(catalog.clean_dir / "crm_customers").empty  # so no reader sees it
    assert list(staging.glob(".*.tmp"))  # the killed writer's staged copy, left by kill -9

    assert run(remote) == 0
    on_s3 = remote_files("killed")
    here = local_files(local / "clean")
    assert {f"clean/{k}": v for k, v in here.items()} == {
        k: v for k, v in on_s3.items() if k.startswith("clean/")
    }
    assert not list(staging.glob(".*.tmp"))  # swept by the rerun, which took the zone lock


@pytest.mark.usefixtures("s3_store")
@pytest.mark.parametrize("release", ["exit", "kill -9"])
def test_with_a_postgresql_vault_the_zone_lock_reaches_other_machines(tmp_path, monkeypatch, release):
    """Two processes with separate local lock directories (as on two machines) over one bucket: the
    advisory lock in the shared PostgreSQL vault stops the second, naming the first, until the first
    exits or is killed."""
    from flows.pipeline.zone_lock import LOCK_DIR_ENV, ZoneBusy, zone_lock
    from tests.flows.test_erasure_postgres import POSTGRES_URL
    from tests.flows.test_zone_lock import HOLD, python

    document = {
        "zones": {"raw": f"s3://{BUCKET}/shared/raw", "clean": f"s3://{BUCKET}/shared/clean"},
        "vault": POSTGRES_URL,
        "datasets": {"d": {"path": "*.txt", "format": "text", "erasure": "redact"}},
    }
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    catalog = load_catalog(tmp_path / "catalog.yaml")
    holder = python(
        HOLD.replace("tokenize (test holder)", "erase"),
        str(tmp_path / "catalog.yaml"),
        **{LOCK_DIR_ENV: str(tmp_path / "machine-a")},
    )
    try:
        assert holder.stdout.readline().strip() == "held", holder.stderr.read()
        monkeypatch.setenv(LOCK_DIR_ENV, str(tmp_path / "machine-b"))
        with pytest.raises(ZoneBusy) as busy, zone_lock(catalog, "tokenize", timeout=0.5):
            pass
        assert f"is locked by piivault erase pid {holder.pid} on " in str(busy.value)
    finally:
        if release == "exit":
            holder.communicate("\n", timeout=60)
        else:
            holder.send_signal(signal.SIGKILL)
            holder.wait(timeout=60)
    with zone_lock(catalog, "tokenize", timeout=60):  # released with the holder's connection
        pass


@pytest.mark.usefixtures("s3_store")
def test_the_commands_in_process_scan_and_tokenize_an_s3_zone(tmp_path, capsys, monkeypatch):
    from flows.cli import main as piivault

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    local, remote = twin_zones(tmp_path, "commands")
    for root in (local, remote):
        assert piivault(["scan", "--catalog", str(root / "catalog.yaml")]) == 0
        assert piivault(["tokenize", "--catalog", str(root / "catalog.yaml")]) == 0
    out = capsys.readouterr().out
    assert f"s3://{BUCKET}/commands/clean" in out
    on_s3 = remote_files("commands")
    here = local_files(local / "clean")
    for name, data in here.items():
        if name.endswith(".parquet") or "/_manifest/" in name:
            assert on_s3[f"clean/{name}"] == data, name
    assert "reports/scan-report.html" in on_s3
    assert piivault(["tokenize", "--catalog", str(remote / "catalog.yaml")]) == 0  # nothing to do
    assert remote_files("commands") == on_s3
