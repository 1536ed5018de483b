"""Rectification is resumable: killed with `kill -9` (`os._exit(137)` in a real subprocess) after any of its
steps, or stopped by an exception at any fault point inside them, a rerun completes and the zone ends
exactly as an uninterrupted run leaves it (same bytes in every raw, clean and manifest file, same receipt)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.pipeline.catalog import load_catalog
from flows.pipeline.faults import FAULT_ENV, InjectedFault
from flows.rectification.filing import file_rectification
from flows.rectification.steps import STEPS, run_rectification
from flows.requests.lifecycle import Verification
from tests.flows.test_erasure_resume import contents
from tests.flows.test_erasure_zone import copy_zone, open_vault

REPO = Path(__file__).resolve().parents[2]
NEW_EMAIL = "renamed.person@example.net"
INNER_POINTS = (
    "rectify-clean-plan",
    "rectify-clean-partition",
    "rectify-clean-lineage",
    "rectify-clean-done",
    "rectify-raw-plan",
    "rectify-raw-file",
    "rectify-raw-done",
)
SCRIPT = (
    "import sys; from flows.pipeline.catalog import load_catalog; "
    "from flows.rectification.steps import run_rectification; "
    "from vault.store import Vault; c = load_catalog(sys.argv[1]); "
    "v = Vault.open(c.vault_url); run_rectification(c, v, sys.argv[2])"
)


def file_request(root: Path, customer_id: str) -> str:
    with open_vault(root) as vault:
        return file_rectification(
            vault, "customer_id", customer_id, "email", NEW_EMAIL, verification=Verification("clerk", "id")
        )


def rectify(root: Path, request_id: str):
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        return run_rectification(catalog, vault, request_id), vault.get_request(request_id)


def receipt_of(path: str) -> dict:
    receipt = json.loads(Path(path).read_text())
    return {k: receipt[k] for k in ("datasets", "recipients", "old_value")} | {
        "passed": receipt["verification"]["passed"],
        "vault_checks": receipt["verification"]["vault_checks"],
    }


@pytest.fixture(scope="module")
def reference(template, tmp_path_factory):
    """The zone after one uninterrupted rectification of the subject's email."""
    root, people = template
    zone = copy_zone(root, tmp_path_factory.mktemp("reference") / "zone")
    outcome, _request = rectify(zone, file_request(zone, people.subject.customer_id))
    assert outcome.status == "completed"
    return contents(zone), receipt_of(outcome.receipt_path)


def finish_and_compare(zone: Path, request_id: str, reference) -> None:
    outcome, request = rectify(zone, request_id)
    assert (outcome.status, outcome.already_done, request["status"]) == ("completed", False, "completed")
    assert contents(zone) == reference[0]
    assert receipt_of(outcome.receipt_path) == reference[1]
    again, _request = rectify(zone, request_id)
    assert again.already_done and contents(zone) == reference[0]


@pytest.mark.parametrize("point", STEPS)
def test_kill_9_after_each_step_then_a_rerun_finishes(point, template, reference, tmp_path):
    root, people = template
    zone = copy_zone(root, tmp_path / "zone")
    request_id = file_request(zone, people.subject.customer_id)
    env = {**os.environ, FAULT_ENV: f"{point}:kill", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(zone / "catalog.yaml"), request_id],
        env=env,
        cwd=REPO,
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 137, done.stderr.decode()[-2000:]
    with open_vault(zone) as vault:
        assert vault.get_request(request_id)["status"] == "running"  # killed: nothing could record it
    finish_and_compare(zone, request_id, reference)


@pytest.mark.parametrize("point", INNER_POINTS)
def test_a_run_stopped_inside_a_step_is_finished_by_a_rerun(
    point, template, reference, tmp_path, monkeypatch
):
    root, people = template
    zone = copy_zone(root, tmp_path / "zone")
    request_id = file_request(zone, people.subject.customer_id)
    monkeypatch.setenv(FAULT_ENV, point)
    with pytest.raises(InjectedFault):
        rectify(zone, request_id)
    monkeypatch.delenv(FAULT_ENV)
    with open_vault(zone) as vault:
        request = vault.get_request(request_id)
    assert request["status"] == "failed" and point in request["error"]
    finish_and_compare(zone, request_id, reference)
