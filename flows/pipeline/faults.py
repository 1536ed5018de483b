"""Fault-injection points of request runs (erasure, access), so tests can stop one anywhere and prove a rerun
finishes.

`PIIVAULT_FAULT_AFTER=<point>` raises `InjectedFault` when the run reaches that point;
`PIIVAULT_FAULT_AFTER=<point>:kill` ends the process on the spot with `os._exit(137)`, as `kill -9` would
(no cleanup, no `finally`). Points: every step name (after the step is recorded), `clean-partition` (a
clean file renamed, its lineage and plan not yet recorded), `raw-file` (a raw file renamed, its
manifest entry not yet updated) and `quarantine-file` (a raw file holding quarantined records of the
subject renamed, the re-sealed quarantine file and the manifest entry not yet). Unset in production:
then every point is a no-op.
"""

from __future__ import annotations

import os

from flows.pipeline.errors import PipelineError

FAULT_ENV = "PIIVAULT_FAULT_AFTER"


class InjectedFault(PipelineError):
    """Raised by a fault-injection point (tests only); a PipelineError, so it passes through unchanged."""


def fault_point(point: str) -> None:
    """Stop here when the environment asks for a fault at `point`."""
    name, _, mode = os.environ.get(FAULT_ENV, "").partition(":")
    if name != point:
        return
    if mode == "kill":
        os._exit(137)
    raise InjectedFault(f"injected fault at {point}")
