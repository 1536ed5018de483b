"""A retention run is resumable: stopped after any step or at any fault point inside one — by an exception,
or by `kill -9` (`os._exit(137)`) in a real subprocess — the next run resumes it (judging ages as of its
recorded start) and the zone ends exactly as an uninterrupted run leaves it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.pipeline.faults import FAULT_ENV, InjectedFault
from flows.retention.steps import STEPS
from tests.flows.test_erasure_resume import contents
from tests.flows.test_erasure_zone import copy_zone, open_vault
from tests.flows.test_retention import AS_OF, retain, with_retention

REPO = Path(__file__).resolve().parents[2]
INNER_POINTS = (
    "retention-raw-file",
    "retention-clean-plan",
    "retention-clean-raw",
    "retention-clean-partition",
)
SCRIPT = (
    "import sys; from datetime import datetime; from flows.pipeline.catalog import load_catalog; "
    "from flows.retention.steps import run_retention; from vault.store import Vault; "
    "c = load_catalog(sys.argv[1]); "
    "run_retention(c, Vault.open(c.vault_url), datetime.fromisoformat(sys.argv[2]))"
)


@pytest.fixture(scope="module")
def retention_template(template, tmp_path_factory):
    root, people = template
    zone = copy_zone(root, tmp_path_factory.mktemp("retention-template") / "zone")
    with_retention(zone, people)
    return zone


def receipt_of(path: str) -> dict:
    receipt = json.loads(Path(path).read_text())
    return {k: receipt[k] for k in ("datasets", "totals", "vault")} | {
        "due": receipt["subjects"]["due_for_erasure"]
    }


@pytest.fixture(scope="module")
def reference(retention_template, tmp_path_factory):
    zone = copy_zone(retention_template, tmp_path_factory.mktemp("reference") / "zone")
    outcome, _request = retain(zone)
    assert outcome.status == "completed"
    return contents(zone), receipt_of(outcome.receipt_path)


def finish_and_compare(zone: Path, reference) -> None:
    outcome, request = retain(zone)
    assert (outcome.status, request["status"]) == ("completed", "completed")
    assert contents(zone) == reference[0]
    assert receipt_of(outcome.receipt_path) == reference[1]
    with open_vault(zone) as vault:
        assert [r["status"] for r in vault.list_requests() if r["kind"] == "retention"] == ["completed"]


@pytest.mark.parametrize("point", (*STEPS, *INNER_POINTS))
def test_a_stopped_run_is_resumed_by_the_next(point, retention_template, reference, tmp_path, monkeypatch):
    zone = copy_zone(retention_template, tmp_path / "zone")
    monkeypatch.setenv(FAULT_ENV, point)
    with pytest.raises(InjectedFault):
        retain(zone)
    monkeypatch.delenv(FAULT_ENV)
    finish_and_compare(zone, reference)


@pytest.mark.parametrize("point", ("retention-clean-raw", "clean"))
def test_kill_9_then_the_next_run_finishes(point, retention_template, reference, tmp_path):
    zone = copy_zone(retention_template, tmp_path / "zone")
    env = {**os.environ, FAULT_ENV: f"{point}:kill", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(zone / "catalog.yaml"), AS_OF.isoformat()],
        env=env,
        cwd=REPO,
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 137, done.stderr.decode()[-2000:]
    finish_and_compare(zone, reference)
