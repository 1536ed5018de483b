"""Fixtures for the flows tests: one Prefect test server per session (it takes ~20 s to start), a Prefect
home of its own, and one demo raw zone with canary values and bad input, run through scan and tokenize once.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Before Prefect is imported anywhere: keep its profile, local database and logs out of the user's home.
_PREFECT_HOME = Path(tempfile.mkdtemp(prefix="piivault-prefect-home-"))
atexit.register(shutil.rmtree, _PREFECT_HOME, True)
os.environ["PREFECT_HOME"] = str(_PREFECT_HOME)
os.environ.setdefault("PREFECT_LOGGING_TO_API_BATCH_INTERVAL", "0.3")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # offline: no telemetry

# A script's background job (`.ci/run &`, nohup) starts with SIGINT ignored, and every child inherits an
# ignored signal: a Python child then installs no KeyboardInterrupt handler, and the Ctrl-C the serve tests
# send (`os.killpg(..., SIGINT)`) is lost, serve running on until killed. A handler, unlike an ignore, goes
# back to the default in each child at exec, as in a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

import pytest  # noqa: E402

from tests.flows.canaries import CANARY_VALUES, seed_bad_input, seed_canaries  # noqa: E402


@pytest.fixture(scope="session")
def prefect_server():
    """The session's Prefect test server; yields the path of its SQLite database."""
    from prefect.settings import PREFECT_SERVER_DATABASE_CONNECTION_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        url = PREFECT_SERVER_DATABASE_CONNECTION_URL.value()
        yield Path(url.split(":///", 1)[1])


@dataclass
class PipelineRun:
    """The demo zone after one scan and one tokenize flow run."""

    root: Path
    catalog_path: Path
    report_path: Path
    results: list[dict]
    bad_files: dict[str, int]  # raw relpath -> number of records it holds (good + bad)


@pytest.fixture(scope="session")
def pipeline_run(prefect_server, tmp_path_factory) -> PipelineRun:
    """A few hundred demo records with canaries and bad input, scanned and tokenized by real flow runs."""
    from flows.demo.data import write_demo_zone
    from flows.scan.flow import scan
    from flows.tokenize.flow import tokenize

    root = tmp_path_factory.mktemp("demo")
    zone = write_demo_zone(root, rows=400, seed=11)
    seed_canaries(zone.raw_dir)
    bad_files = seed_bad_input(zone.raw_dir)
    report = scan(catalog_path=str(zone.catalog_path))
    results = tokenize(catalog_path=str(zone.catalog_path))
    return PipelineRun(root, zone.catalog_path, Path(report), results, bad_files)


@pytest.fixture(scope="session")
def prefect_home() -> Path:
    """The session's PREFECT_HOME (profiles, local result storage, logs)."""
    return _PREFECT_HOME


@pytest.fixture(scope="session")
def canary_values() -> tuple[str, ...]:
    return CANARY_VALUES


@pytest.fixture(scope="session")
def template(prefect_server, tmp_path_factory):
    """The erasure test zone, tokenized once by a real flow run; tests use copies (`zone`)."""
    from tests.flows.test_erasure_zone import tokenized_template

    return tokenized_template(tmp_path_factory)


@pytest.fixture
def zone(template, tmp_path):
    """A private copy of the tokenized erasure zone, and its people."""
    from tests.flows.test_erasure_zone import copy_zone

    root, people = template
    return copy_zone(root, tmp_path / "zone"), people
