"""Erasure is resumable and idempotent: stopped at any fault-injection point — by an exception, or by
`os._exit(137)` in a real subprocess as `kill -9` would — a rerun completes, and the zone ends exactly as
an uninterrupted run leaves it (same bytes in every raw, clean and manifest file, same receipt counts)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.erasure.steps import STEPS, run_erasure
from flows.pipeline.catalog import load_catalog
from flows.pipeline.faults import FAULT_ENV, InjectedFault
from flows.requests.lifecycle import Verification, file_request
from tests.flows.test_erasure_zone import copy_zone

REPO = Path(__file__).resolve().parents[2]
POINTS = (*STEPS, "clean-partition", "raw-file")


def contents(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every raw, clean and manifest file (no temporary leftovers)."""
    found = {}
    for zone in ("raw", "clean"):
        for path in sorted((root / zone).rglob("*")):
            if path.is_file():
                assert not path.name.startswith("."), f"leftover temporary file {path.name}"
                found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def file_erasure(root: Path, email: str) -> str:
    from vault.store import Vault

    with Vault.open(load_catalog(root / "catalog.yaml").vault_url) as vault:
        return file_request(vault, "erase", "email", email, Verification("clerk", "id card"))


def erase(root: Path, request_id: str):
    from vault.store import Vault

    catalog = load_catalog(root / "catalog.yaml")
    with Vault.open(catalog.vault_url) as vault:
        return run_erasure(catalog, vault, request_id), vault.get_request(request_id)


def receipt_counts(path: str) -> dict:
    receipt = json.loads(Path(path).read_text())
    return {
        "datasets": receipt["datasets"],
        "subject": receipt["subject"],
        "passed": receipt["verification"]["passed"],
    }


@pytest.fixture(scope="module")
def reference(template, tmp_path_factory):
    """The zone after one uninterrupted erasure of the subject."""
    root, people = template
    zone = copy_zone(root, tmp_path_factory.mktemp("reference") / "zone")
    outcome, _request = erase(zone, file_erasure(zone, people.subject.email))
    assert outcome.status == "completed"
    return contents(zone), receipt_counts(outcome.receipt_path)


@pytest.mark.parametrize("point", POINTS)
def test_a_run_stopped_at_any_point_is_finished_by_a_rerun(point, template, reference, tmp_path, monkeypatch):
    root, people = template
    zone = copy_zone(root, tmp_path / "zone")
    request_id = file_erasure(zone, people.subject.email)
    monkeypatch.setenv(FAULT_ENV, point)
    with pytest.raises(InjectedFault):
        erase(zone, request_id)
    monkeypatch.delenv(FAULT_ENV)
    from vault.store import Vault

    with Vault.open(load_catalog(zone / "catalog.yaml").vault_url) as vault:
        request = vault.get_request(request_id)
    assert request["status"] == "failed" and point in request["error"]
    outcome, request = erase(zone, request_id)
    assert (outcome.status, outcome.already_done, request["status"]) == ("completed", False, "completed")
    assert contents(zone) == reference[0]
    assert receipt_counts(outcome.receipt_path) == reference[1]
    again, _request = erase(zone, request_id)
    assert again.already_done and contents(zone) == reference[0]


def test_kill_9_in_a_subprocess_then_the_flow_finishes(template, reference, tmp_path, capsys):
    from flows.cli import main as piivault

    root, people = template
    zone = copy_zone(root, tmp_path / "zone")
    request_id = file_erasure(zone, people.subject.email)
    script = (
        "import sys; from flows.pipeline.catalog import load_catalog; "
        "from flows.erasure.steps import run_erasure; "
        "from vault.store import Vault; c = load_catalog(sys.argv[1]); "
        "v = Vault.open(c.vault_url); run_erasure(c, v, sys.argv[2])"
    )
    env = {**os.environ, FAULT_ENV: "raw-file:kill", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(zone / "catalog.yaml"), request_id],
        env=env,
        cwd=REPO,
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 137, done.stderr.decode()[-2000:]
    assert contents(zone) != reference[0]  # stopped half way: one raw file rewritten, not all
    status = piivault(["erase", request_id, "--catalog", str(zone / "catalog.yaml")])
    out = capsys.readouterr().out.strip()
    assert status == 0
    assert contents(zone) == reference[0]
    assert receipt_counts(out) == reference[1]


def test_verification_fails_on_a_leftover_and_names_no_value(template, tmp_path, monkeypatch):
    from flows.demo.synthetic_people import render_phone
    from flows.pipeline.errors import PipelineError

    root, people = template
    zone = copy_zone(root, tmp_path / "zone")
    request_id = file_erasure(zone, people.subject.email)
    monkeypatch.setenv(FAULT_ENV, "shred")
    with pytest.raises(InjectedFault):
        erase(zone, request_id)
    monkeypatch.delenv(FAULT_ENV)
    national = render_phone(people.subject.mobile, "national_dots")
    chat = zone / "raw" / "support" / "chat-2026-01-05.log"
    lines = chat.read_text().count("\n")
    with chat.open("a") as handle:  # somebody pasted the erased person's number back in
        handle.write(f"2026-01-06T08:00:00Z chat-7 agent: number on file was {national}\n")
    with pytest.raises(PipelineError) as failure:
        erase(zone, request_id)
    message = str(failure.value)
    assert f"file support/chat-2026-01-05.log, line {lines + 1}, entity_type PHONE_NUMBER" in message
    from vault.store import Vault

    with Vault.open(load_catalog(zone / "catalog.yaml").vault_url) as vault:
        error = vault.get_request(request_id)["error"]
    for text in (message, error):
        assert national not in text and people.subject.mobile not in text and people.subject.email not in text
