"""Tokenize and erase never write a clean zone together: with the zone lock held by another real process,
an erasure process waits (saying for whom) and finishes once the holder is gone — even a holder killed with
SIGKILL — and a run that waited too long stops with an error naming the holder, having changed nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from flows.pipeline.catalog import load_catalog
from flows.pipeline.zone_lock import TIMEOUT_ENV, ZoneBusy
from flows.requests.lifecycle import Verification, file_request
from tests.flows.test_erasure_zone import file_states

REPO = Path(__file__).resolve().parents[2]
HOLD = (
    "import sys; from flows.pipeline.catalog import load_catalog\n"
    "from flows.pipeline.zone_lock import zone_lock\n"
    "with zone_lock(load_catalog(sys.argv[1]), 'tokenize (test holder)'):\n"
    "    print('held', flush=True); sys.stdin.readline()\n"
)
ERASE = (
    "import sys; from flows.pipeline.catalog import load_catalog; "
    "from flows.erasure.steps import run_erasure; "
    "from vault.store import Vault; c = load_catalog(sys.argv[1]); "
    "v = Vault.open(c.vault_url); print(run_erasure(c, v, sys.argv[2]).status, flush=True)"
)


def python(script: str, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def hold_lock(root: Path) -> subprocess.Popen:
    holder = python(HOLD, str(root / "catalog.yaml"))
    assert holder.stdout.readline().strip() == "held", holder.stderr.read()
    return holder


def file_erasure(root: Path, email: str) -> str:
    from vault.store import Vault

    with Vault.open(load_catalog(root / "catalog.yaml").vault_url) as vault:
        return file_request(vault, "erase", "email", email, Verification("clerk", "id card"))


def request_status(root: Path, request_id: str) -> str:
    from vault.store import Vault

    with Vault.open(load_catalog(root / "catalog.yaml").vault_url) as vault:
        return vault.get_request(request_id)["status"]


@pytest.mark.parametrize("release", ["exit", "kill -9"])
def test_an_erasure_process_waits_for_the_holder_then_completes(zone, release):
    root, people = zone
    request_id = file_erasure(root, people.subject.email)
    before = file_states(root)
    holder = hold_lock(root)
    try:
        eraser = python(ERASE, str(root / "catalog.yaml"), request_id, **{TIMEOUT_ENV: "600"})
        waiting = eraser.stderr.readline()  # blocks until the eraser reports that it waits
        assert f"erase {request_id}: waiting for tokenize (test holder) (process {holder.pid}" in waiting
        assert request_status(root, request_id) == "verified" and file_states(root) == before
    finally:
        if release == "exit":
            holder.communicate("\n", timeout=60)
        else:
            holder.send_signal(signal.SIGKILL)
            holder.wait(timeout=60)
    out, err = eraser.communicate(timeout=600)
    assert eraser.returncode == 0, err[-2000:]
    assert out.strip() == "completed" and request_status(root, request_id) == "completed"


def test_a_run_that_waited_too_long_names_the_holder_and_changes_nothing(zone, monkeypatch):
    from flows.erasure.steps import run_erasure
    from flows.tokenize.flow import tokenize
    from vault.store import Vault

    root, people = zone
    request_id = file_erasure(root, people.subject.email)
    before = file_states(root)
    catalog = load_catalog(root / "catalog.yaml")
    holder = hold_lock(root)
    try:
        monkeypatch.setenv(TIMEOUT_ENV, "0.5")
        with Vault.open(catalog.vault_url) as vault, pytest.raises(ZoneBusy) as busy:
            run_erasure(catalog, vault, request_id)
        assert f"locked by tokenize (test holder) (process {holder.pid}" in str(busy.value)
        with pytest.raises(ZoneBusy):
            tokenize(catalog_path=str(root / "catalog.yaml"), force=True)
    finally:
        holder.communicate("\n", timeout=60)
    assert file_states(root) == before
    assert request_status(root, request_id) == "verified"
