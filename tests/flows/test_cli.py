"""The flows' commands: demo-data output, where the catalog is found and the errors that say so, the served
deployments, identifiers kept out of process arguments, and scans of some datasets updating the report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from flows.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_demo_data_writes_a_raw_zone_and_a_valid_catalog(tmp_path, capsys):
    from flows.pipeline.catalog import load_catalog

    assert main(["demo-data", "--rows", "300", "--out", str(tmp_path)]) == 0
    catalog = load_catalog(tmp_path / "catalog.yaml")
    assert set(catalog.datasets) == {
        "crm_customers",
        "web_logs",
        "call_records",
        "support_chats",
        "billing_invoices",
        "newsletter",
    }
    assert all(catalog.input_files(name) for name in catalog.datasets)
    assert "crm_customers" in capsys.readouterr().out


def test_demo_data_is_deterministic_and_writes_people_differently_across_services(tmp_path):
    from flows.demo.data import write_demo_zone

    first = write_demo_zone(tmp_path / "a", rows=300, seed=5)
    second = write_demo_zone(tmp_path / "b", rows=300, seed=5)
    files = sorted(p.relative_to(first.raw_dir) for p in first.raw_dir.rglob("*") if p.is_file())
    for relpath in files:
        assert (first.raw_dir / relpath).read_bytes() == (second.raw_dir / relpath).read_bytes(), relpath
    web = "".join(p.read_text() for p in (first.raw_dir / "logs").glob("*.jsonl"))
    upper = [p.email.upper() for p in first.people if p.email.upper() != p.email]
    assert any(email in web for email in upper)  # the CRM's lower-case emails, upper-cased in the logs


def test_catalog_errors_exit_2_with_the_field_named(tmp_path, capsys):
    bad = tmp_path / "catalog.yaml"
    bad.write_text(
        yaml.safe_dump(
            {
                "zones": {"raw": "raw", "clean": "clean"},
                "vault": "sqlite:///v.db",
                "datasets": {"logs": {"path": "*.log", "format": "xml", "erasure": "redact"}},
            }
        )
    )
    assert main(["scan", "--catalog", str(bad)]) == 2
    assert "dataset 'logs', field 'format'" in capsys.readouterr().err
    assert main(["tokenize", "--catalog", str(tmp_path / "missing.yaml")]) == 2
    assert capsys.readouterr().err == (
        f"piivault tokenize: cannot read catalog {tmp_path}/missing.yaml: No such file or directory "
        "(catalog taken from --catalog)\n"
    )


def test_every_command_finds_the_catalog_by_option_then_environment_then_working_directory(
    tmp_path, monkeypatch, capsys
):
    from flows.demo.data import write_demo_zone

    zone = write_demo_zone(tmp_path / "zone", rows=40)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("PIIVAULT_CATALOG", raising=False)
    for command in (
        ["requests"],
        ["audit"],
        ["scan"],
        ["tokenize"],
        ["serve"],
        ["erase", "r1"],
        ["access", "r1"],
    ):
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert err.startswith(f"piivault {command[0]}: cannot read catalog {elsewhere}/catalog.yaml"), err
        assert "(catalog taken from the working directory; give" in err and len(err.splitlines()) == 1
    monkeypatch.setenv("PIIVAULT_CATALOG", str(tmp_path / "nowhere.yaml"))
    assert main(["requests"]) == 2
    assert (
        "nowhere.yaml: No such file or directory (catalog taken from PIIVAULT_CATALOG"
        in capsys.readouterr().err
    )
    monkeypatch.setenv("PIIVAULT_CATALOG", str(zone.catalog_path))
    assert main(["requests"]) == 0  # the environment variable, from any directory
    assert main(["requests", "--catalog", str(tmp_path / "nowhere.yaml")]) == 2  # the option wins
    assert "(catalog taken from --catalog)" in capsys.readouterr().err
    monkeypatch.delenv("PIIVAULT_CATALOG")
    monkeypatch.chdir(zone.catalog_path.parent)
    assert main(["requests"]) == 0  # ./catalog.yaml


def test_serve_schedules_nightly_tokenize_and_weekly_scan_with_path_parameters(tmp_path):
    from flows.cli.serve import SCAN_CRON, TOKENIZE_CRON, deployments

    tokenize, scan, erasure, access = deployments(str(tmp_path / "catalog.yaml"), TOKENIZE_CRON, SCAN_CRON)
    # named apart from prefect.yaml's, so serve never takes a work-pool deployment over
    assert (tokenize.name, scan.name, erasure.name, access.name) == (
        "nightly-tokenize-served",
        "weekly-scan-served",
        "erasure-served",
        "access-served",
    )
    document = yaml.safe_load((REPO / "prefect.yaml").read_text())
    assert not {d.name for d in (tokenize, scan, erasure, access)} & {
        d["name"] for d in document["deployments"]
    }
    assert not erasure.schedules and not access.schedules  # on demand, with a request id
    assert [s.schedule.cron for s in tokenize.schedules] == ["0 2 * * *"]
    assert [s.schedule.cron for s in scan.schedules] == ["0 4 * * 0"]
    assert tokenize.parameters == {"catalog_path": str((tmp_path / "catalog.yaml").resolve())}


def test_prefect_yaml_declares_the_scheduled_deployments_with_existing_entrypoints():
    document = yaml.safe_load((REPO / "prefect.yaml").read_text())
    deployments = {d["name"]: d for d in document["deployments"]}
    assert set(deployments) >= {"nightly-tokenize", "weekly-scan"}
    for deployment in deployments.values():
        module, _, function = deployment["entrypoint"].partition(":")
        assert f"def {function}(" in (REPO / module).read_text()
        assert set(deployment["parameters"]) <= {"catalog_path", "datasets", "force", "request_id"}
        # the catalog and the code's directory are fixed at deploy time by the build step
        assert deployment["parameters"]["catalog_path"] == "{{ piivault.catalog_path }}"
    assert document["build"] == [{"flows.pipeline.prefect_env.deployment_paths": {"id": "piivault"}}]
    assert document["pull"][0]["prefect.deployments.steps.set_working_directory"]["directory"] == (
        "{{ piivault.home }}"
    )


def test_the_deploy_step_fixes_absolute_paths_and_refuses_a_missing_catalog(tmp_path, monkeypatch):
    from flows.demo.data import write_demo_zone
    from flows.pipeline.prefect_env import deployment_paths

    zone = write_demo_zone(tmp_path / "data", rows=40)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PIIVAULT_HOME", raising=False)
    monkeypatch.setenv("PIIVAULT_CATALOG", "data/catalog.yaml")
    assert deployment_paths() == {"home": str(tmp_path), "catalog_path": str(zone.catalog_path)}
    monkeypatch.delenv("PIIVAULT_CATALOG")
    with pytest.raises(SystemExit) as stopped:
        deployment_paths()
    assert str(stopped.value) == (
        f"piivault: cannot deploy: cannot read catalog {tmp_path}/catalog.yaml: No such file or directory "
        "(catalog taken from the working directory; "
        "set PIIVAULT_CATALOG to the catalog's path before deploying)"
    )


@pytest.fixture
def filed_zone(tmp_path):
    """A small demo zone, tokenized in process, and one of its customers."""
    from flows.demo.data import write_demo_zone

    zone = write_demo_zone(tmp_path / "zone", rows=60)
    assert main(["tokenize", "--catalog", str(zone.catalog_path)]) == 0
    return zone


def _requests(zone) -> list[dict]:
    from flows.pipeline.catalog import load_catalog
    from vault.store import Vault

    with Vault.open(load_catalog(zone.catalog_path).vault_url) as vault:
        return vault.list_requests()


def test_an_identifier_from_standard_input_never_appears_in_the_process_arguments(filed_zone):
    email = filed_zone.people[0].email
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    command = [sys.executable, "-m", "flows.cli", "request", "erase", "--email", "-"]
    command += ["--catalog", str(filed_zone.catalog_path)]
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    arguments: list[bytes] = []
    while b"--email" not in arguments:  # until the exec: then it waits for the line we have not sent
        assert time.monotonic() < deadline and process.poll() is None
        arguments = Path(f"/proc/{process.pid}/cmdline").read_bytes().split(b"\0")
        time.sleep(0.05)
    out, err = process.communicate(f"{email}\n".encode(), timeout=120)
    assert process.returncode == 0, err.decode()[-2000:]
    assert not [a for a in arguments if email.encode() in a] and b"-" in arguments  # what `ps` shows
    assert email.encode() not in out + err
    request_id = out.decode().strip()
    # the same person as the identifier given as a value, from a file, and in upper case
    identifier_file = filed_zone.catalog_path.parent / "identifier.txt"
    identifier_file.write_text(email.upper() + "\n")
    assert (
        main(
            ["request", "erase", "--email", f"@{identifier_file}", "--catalog", str(filed_zone.catalog_path)]
        )
        == 0
    )
    hashes = {r["request_id"]: r["identifier_hash"] for r in _requests(filed_zone)}
    assert len(hashes) == 2 and len(set(hashes.values())) == 1 and request_id in hashes


def test_identifier_sources_that_hold_nothing_are_refused_by_option_and_path(
    filed_zone, tmp_path, capsys, monkeypatch
):
    import io

    catalog = ["--catalog", str(filed_zone.catalog_path)]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n"))
    assert main(["request", "erase", "--phone", "-", *catalog]) == 2
    assert capsys.readouterr().err == "piivault request: --phone -: standard input holds no identifier\n"
    missing = tmp_path / "nothing.txt"
    assert main(["erase", "--customer-id", f"@{missing}", *catalog]) == 2
    assert capsys.readouterr().err == (
        f"piivault erase: --customer-id @{missing}: cannot read the file (No such file or directory)\n"
    )
    assert _requests(filed_zone) == []


def test_scanning_one_dataset_updates_its_part_of_the_report_and_keeps_the_others(filed_zone, capsys):
    reports = filed_zone.catalog_path.parent / "reports"
    catalog = ["--catalog", str(filed_zone.catalog_path)]
    assert main(["scan", "newsletter", "crm_customers", *catalog]) == 0
    first = json.loads((reports / "scan-report.json").read_text())
    assert [s["dataset"] for s in first["datasets"]] == ["crm_customers", "newsletter"]  # catalog order
    (reports / "scan" / "newsletter.json").write_text(
        (reports / "scan" / "newsletter.json")
        .read_text()
        .replace(first["generated_at"], "2000-01-01 00:00:00 UTC")
    )
    assert main(["scan", "crm_customers", *catalog]) == 0
    second = json.loads((reports / "scan-report.json").read_text())
    scanned = {s["dataset"]: s["scanned_at"] for s in second["datasets"]}
    assert scanned == {"crm_customers": second["generated_at"], "newsletter": "2000-01-01 00:00:00 UTC"}
    html = (reports / "scan-report.html").read_text()
    assert "<h2>newsletter" in html and "<h2>crm_customers" in html and "Scanned 2000-01-01" in html
    assert f"scan report: {reports / 'scan-report.html'}" in capsys.readouterr().out


def test_demo_runs_in_process_without_prefect(tmp_path):
    code = (
        "import sys; from flows.cli import main; status = main(sys.argv[1:]); "
        "assert 'prefect' not in sys.modules, 'prefect imported'; sys.exit(status)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    done = subprocess.run(
        [sys.executable, "-c", code, "demo", "--rows", "60", "--out", str(tmp_path / "data")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert (tmp_path / "data" / "reports" / "scan-report.html").exists()
    assert list((tmp_path / "data" / "clean" / "crm_customers").rglob("*.parquet"))
    assert "flow runs:" not in done.stdout and not (tmp_path / "data" / ".prefect").exists()
