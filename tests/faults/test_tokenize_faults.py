"""Tokenize killed at every commit point in turn, then rerun, ends as one uninterrupted run (issue 11).

Each kill is a real process stopped by `os._exit(137)` as kill -9 would (`tests/faults/conftest.py` runs
them): after each vault batch commit, after links and lineage are recorded, and after every atomic rename
(quarantine file, clean file, manifest entry) of every raw file of the zone. The rerun must leave the same
clean Parquet bytes, manifests, raw files and quarantine entries, the same vault rows (no token, link or
lineage row lost or duplicated) and no temporary: the killed writer's are swept when the rerun takes the
zone lock. The fault switches themselves are tested here too.
"""

from __future__ import annotations

import pytest

from flows.pipeline import faults
from flows.pipeline.faults import FAULT_AT_ENV, FAULT_ENV, FAULT_TRACE_ENV, InjectedFault, fault_point
from tests.faults.conftest import report

TOKENIZE_POINTS = {
    "tokenize-batch",
    "tokenize-found-links",
    "tokenize-links",
    "tokenize-lineage",
    "atomic-rename",
}
RAW_FILES = 9  # in the fault zone: every format, two newsletters, two web logs, customer notes


@pytest.fixture(scope="module")
def kills(kill_runs) -> dict:
    return kill_runs["tokenize"]


def test_the_uninterrupted_run_passes_a_point_after_every_commit(kills):
    points = kills["points"]
    assert TOKENIZE_POINTS <= set(points)
    assert points.count("tokenize-lineage") == RAW_FILES
    assert points.count("tokenize-found-links") == 1  # the customer notes: one chunk of keyed free text
    # per file its clean file and manifest entry; a quarantine file for the three with bad records
    assert points.count("atomic-rename") >= 2 * RAW_FILES + 3
    reference = kills["reference"]
    assert reference["no_op"] and reference["snapshot"]["temporaries"] == []
    assert len(reference["snapshot"]["quarantine"]) == 3
    vault = reference["snapshot"]["vault"]
    assert all(vault[table] for table in ("tokens", "links", "lineage", "fingerprints", "fingerprint_keys"))


def test_a_run_killed_at_any_commit_point_is_finished_by_a_rerun(kills):
    assert len(kills["runs"]) == len(kills["points"])
    assert report(kills) == []


def test_the_temporaries_of_killed_writers_are_gone_after_the_rerun(kills):
    left = [run for run in kills["runs"] if run["left_after_kill"]]
    assert left, "no kill left a temporary: the sweep was never exercised"
    assert all(name.rsplit("/", 1)[-1].startswith(".") for run in left for name in run["left_after_kill"])
    assert all(run["snapshot"]["temporaries"] == [] for run in kills["runs"])


@pytest.fixture
def counted(monkeypatch):
    for variable in (FAULT_ENV, FAULT_AT_ENV, FAULT_TRACE_ENV):
        monkeypatch.delenv(variable, raising=False)
    faults.reset_points()
    yield monkeypatch
    faults.reset_points()


def test_fault_at_stops_at_the_nth_point_whatever_its_name(counted, tmp_path):
    trace = tmp_path / "trace"
    counted.setenv(FAULT_TRACE_ENV, str(trace))
    counted.setenv(FAULT_AT_ENV, "3")
    fault_point("a")
    fault_point("b")
    with pytest.raises(InjectedFault, match=r"injected fault at a \(point 3\)"):
        fault_point("a")
    fault_point("c")
    assert trace.read_text().splitlines() == ["a", "b", "a", "c"]
    assert faults.points_reached() == 4


def test_fault_after_names_a_point_and_unset_switches_only_count(counted):
    counted.setenv(FAULT_ENV, "b")
    fault_point("a")
    with pytest.raises(InjectedFault, match="injected fault at b"):
        fault_point("b")
    counted.delenv(FAULT_ENV)
    fault_point("b")
    assert faults.points_reached() == 3
