"""The flows' commands: demo-data output, catalog errors as exit status 2, the served deployments."""

from __future__ import annotations

import yaml

from flows.cli import main


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
    assert "cannot read catalog" in capsys.readouterr().err


def test_serve_schedules_nightly_tokenize_and_weekly_scan_with_path_parameters(tmp_path):
    from flows.cli.serve import SCAN_CRON, TOKENIZE_CRON, deployments

    tokenize, scan, erasure, access = deployments(str(tmp_path / "catalog.yaml"), TOKENIZE_CRON, SCAN_CRON)
    assert (tokenize.name, scan.name, erasure.name, access.name) == (
        "nightly-tokenize",
        "weekly-scan",
        "erasure",
        "access",
    )
    assert not erasure.schedules and not access.schedules  # on demand, with a request id
    assert [s.schedule.cron for s in tokenize.schedules] == ["0 2 * * *"]
    assert [s.schedule.cron for s in scan.schedules] == ["0 4 * * 0"]
    assert tokenize.parameters == {"catalog_path": str((tmp_path / "catalog.yaml").resolve())}


def test_prefect_yaml_declares_the_scheduled_deployments_with_existing_entrypoints():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    document = yaml.safe_load((root / "prefect.yaml").read_text())
    deployments = {d["name"]: d for d in document["deployments"]}
    assert set(deployments) >= {"nightly-tokenize", "weekly-scan"}
    for deployment in deployments.values():
        module, _, function = deployment["entrypoint"].partition(":")
        assert f"def {function}(" in (root / module).read_text()
        assert set(deployment["parameters"]) <= {"catalog_path", "datasets", "force", "request_id"}
