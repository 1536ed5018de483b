"""Fault-injection points of the writing flows (tokenize, erasure, access), so tests can stop one at any
commit point and prove a rerun finishes with the same result.

A point is passed right after something is committed (a vault transaction, a rename, a recorded step).
Three switches, all unset in production, where a point only counts itself:
- `PIIVAULT_FAULT_AFTER=<point>[:kill]` stops the process at the first point of that name;
- `PIIVAULT_FAULT_AT=<n>[:kill]` stops it at the n-th point it reaches, whatever the name (1 is the first);
- `PIIVAULT_FAULT_TRACE=<file>` appends the name of every point reached to the file, one a line, so a test
  learns the points of an uninterrupted run and then stops a run at each in turn.
Stopping raises `InjectedFault`; with `:kill` the process ends on the spot with `os._exit(137)`, as `kill -9`
would (no cleanup, no `finally`).

Points: every request step's name (after the step is recorded, `flows.requests.run`); `atomic-rename` (a
file written through `flows.pipeline.atomic` just renamed into place: clean files, quarantine files, manifest
entries, receipts, reports); tokenize's `tokenize-batch` (a chunk's values committed to the vault),
`tokenize-found-links` (the values known-subject matching found in a chunk's text linked to the records'
subject keys), `tokenize-links` (its links through shared identifiers committed) and `tokenize-lineage` (a
file's lineage recorded, its clean file not yet renamed); erasure's `clean-plan` (a partition's plan
recorded, its new file written beside it), `clean-partition` (that file renamed, its lineage and plan not
yet recorded), `clean-lineage`, `clean-done`, `raw-plan` (a raw file's rewrite recorded, written beside
it), `raw-file` (renamed, its manifest entry not yet updated), `raw-done`, `quarantine-plan`,
`quarantine-file` (a raw file holding quarantined records of the subject renamed, the re-sealed quarantine
file and the manifest entry not yet), `quarantine-sealed` (the re-sealed quarantine file renamed, the
manifest entry not yet updated), `quarantine-done` and `shred-subject` (one subject shredded).
"""

from __future__ import annotations

import os
import threading

from flows.pipeline.errors import PipelineError

FAULT_ENV = "PIIVAULT_FAULT_AFTER"
FAULT_AT_ENV = "PIIVAULT_FAULT_AT"
FAULT_TRACE_ENV = "PIIVAULT_FAULT_TRACE"
KILLED_STATUS = 137  # what a shell reports for a process ended by SIGKILL

_lock = threading.Lock()
_reached = 0


class InjectedFault(PipelineError):
    """Raised by a fault-injection point (tests only); a PipelineError, so it passes through unchanged."""


def points_reached() -> int:
    """How many fault points this process has passed (or stopped at) so far."""
    return _reached


def reset_points() -> None:
    """Count points from zero again (a test running several flows in one process)."""
    global _reached
    with _lock:
        _reached = 0


def _wanted(setting: str) -> tuple[str, bool]:
    target, _, mode = os.environ.get(setting, "").partition(":")
    return target, mode == "kill"


def fault_point(point: str) -> None:
    """Count this point; record it when tracing; stop here when the environment asks for a fault at it."""
    global _reached
    with _lock:
        _reached += 1
        number = _reached
    trace = os.environ.get(FAULT_TRACE_ENV)
    if trace:
        with open(trace, "a", encoding="utf-8") as handle:
            handle.write(point + "\n")
    name, kill_named = _wanted(FAULT_ENV)
    at, kill_at = _wanted(FAULT_AT_ENV)
    if name == point:
        kill = kill_named
    elif at.isdigit() and int(at) == number:
        kill = kill_at
    else:
        return
    if kill:
        os._exit(KILLED_STATUS)
    raise InjectedFault(f"injected fault at {point} (point {number})")
