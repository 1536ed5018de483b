"""Erasure killed at every commit point in turn, then rerun, ends as one uninterrupted run (issue 11).

Each kill is a real process stopped by `os._exit(137)` as kill -9 would (`tests/faults/conftest.py` runs
them), at every point the uninterrupted run passes: after each recorded step, and inside the steps after
every plan recorded, every clean, raw and quarantine file renamed, every lineage and manifest update, every
item marked done and every subject shredded. The rerun completes the request and leaves the same raw, clean
and manifest bytes, the same quarantine entries, the same receipt apart from its timings, the same vault rows
(tokens, links, lineage, tombstones, progress, audit) and no temporary at all: neither a killed writer's nor
the erasure's own `.erasure.tmp` resume files. A second rerun is a no-op.
"""

from __future__ import annotations

import pytest

from flows.erasure.steps import STEPS
from tests.faults.conftest import report

INSIDE_STEPS = {
    "clean-plan",
    "clean-partition",
    "clean-lineage",
    "clean-done",
    "raw-plan",
    "raw-file",
    "atomic-rename",
    "raw-done",
    "quarantine-plan",
    "quarantine-file",
    "quarantine-sealed",
    "quarantine-done",
    "shred-subject",
}


@pytest.fixture(scope="module")
def kills(kill_runs) -> dict:
    return kill_runs["erasure"]


def test_the_uninterrupted_run_passes_a_point_after_every_commit(kills):
    points = kills["points"]
    assert set(STEPS) | INSIDE_STEPS <= set(points)
    assert [p for p in points if p in STEPS] == list(STEPS)
    assert points.count("clean-plan") == points.count("clean-partition") == points.count("clean-lineage")
    assert points.count("raw-plan") == points.count("raw-file") == points.count("raw-done")
    reference = kills["reference"]
    assert reference["no_op"] and reference["snapshot"]["temporaries"] == []
    (receipt,) = reference["snapshot"]["reports"].values()
    assert receipt["verification"]["passed"] and receipt["files_rewritten"]["quarantine"] >= 2
    assert reference["snapshot"]["vault"]["tombstones"]


def test_a_run_killed_at_any_commit_point_is_finished_by_a_rerun(kills):
    assert len(kills["runs"]) == len(kills["points"])
    assert report(kills) == []


def test_no_temporary_is_left_once_the_erasure_completes(kills):
    left = {name.rsplit(".", 2)[-2] for run in kills["runs"] for name in run["left_after_kill"]}
    assert {"erasure", "erasure-quarantine"} <= left  # killed runs left their resume files ...
    assert all(run["snapshot"]["temporaries"] == [] for run in kills["runs"])  # ... the reruns used them up
