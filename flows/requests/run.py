"""A privacy request run as data: an ordered list of steps over one run context, shared by erasure and access.

A run is `begin` (may it run; is it done already?), then each `Step` in order, then completion. Each step
does its work once: `run_step` returns the state a finished step recorded in the progress rows
(`flows.requests.progress`), or runs it, records its state and duration, and only then passes the step's
fault point (`flows.pipeline.faults`). So a killed run resumes where it stopped, a rerun of a completed
request is a no-op, and the receipt's step names and timings come from the same list. The Prefect flows
turn each step into a task (`flows.erasure.flow`, `flows.access.flow`); `run_request` is the same run
without Prefect.

The last step's state names what the run produced (`receipt_path`); completion records it on the request
and forgets the subject's tokens from the progress rows, keeping each step's duration.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flows.pipeline.catalog import Catalog
from flows.pipeline.errors import PipelineError
from flows.pipeline.faults import InjectedFault, fault_point
from flows.requests import progress
from flows.requests.lifecycle import (
    COMPLETED,
    FAILED,
    NEEDS_REVIEW,
    RUNNING,
    RequestError,
    check_runnable,
    get_request,
)
from flows.requests.subject import Footprint, footprint

if TYPE_CHECKING:
    from vault.store import Vault

RESOLVE = "resolve"

NEEDS_REVIEW_REASONS = {
    "none": "the identifier matches no subject in the vault: nothing erased, check the identifier",
    "many": "the identifier matches more than one subject (a shared value): nothing erased, "
    "file the request with an identifier of this person alone",
    "erased": "the identifier was erased already (tombstoned): nothing left to erase",
}


class NeedsReview(RuntimeError):
    """The request cannot be resolved to exactly one subject; nothing was changed."""


@dataclass
class RequestContext:
    """One run's context: the catalog loaded once, the vault opened once, the request and who runs it."""

    catalog: Catalog
    vault: Vault
    request_id: str
    kind: str
    actor: str = "privacy-officer"


@dataclass(frozen=True)
class Step:
    """One step of a request run: its name (progress rows, receipt), its Prefect task name, the work
    (returns the JSON-safe state it records: tokens, hashes, paths, counts — never a value) and the line
    its result makes in the logs (counts only)."""

    name: str
    task_name: str
    work: Callable[[RequestContext], dict]
    summary: Callable[[dict], str] = field(default=lambda state: "")


@dataclass(frozen=True)
class Outcome:
    """How a run ended: status, receipt path (when completed), whether it was a no-op, and the counts
    of its last step (never a value)."""

    request_id: str
    status: str
    receipt_path: str | None = None
    already_done: bool = False
    reason: str = ""
    counts: dict = field(default_factory=dict)


StepRunner = Callable[[RequestContext, Step], dict]


def run_step(ctx: RequestContext, step: Step) -> dict:
    """The step's recorded state; or run it, record it with its duration, then pass its fault point."""
    done = progress.done_state(ctx.vault, ctx.request_id, step.name)
    if done is None:
        started = time.monotonic()
        done = step.work(ctx)
        done["seconds"] = time.monotonic() - started
        progress.save(ctx.vault, ctx.request_id, step.name, done, done=True)
    fault_point(step.name)
    return done


def recorded(ctx: RequestContext, step: str) -> dict:
    """The state a finished earlier step recorded; RuntimeError when it has not run."""
    state = progress.done_state(ctx.vault, ctx.request_id, step)
    if state is None:
        raise RuntimeError(f"request {ctx.request_id}: step {step} has not run")
    return state


def resolve_footprint(ctx: RequestContext) -> Footprint:
    """The request's one subject and everything the vault links to them; NeedsReview (and the request
    marked so) when the identifier matches nobody, more than one subject, or an erased one."""
    request = get_request(ctx.vault, ctx.request_id)
    fp = footprint(ctx.vault, request["identifier_type"], request["identifier_hash"])
    if fp.status != "one":
        reason = NEEDS_REVIEW_REASONS[fp.status]
        ctx.vault.update_request(ctx.request_id, status=NEEDS_REVIEW, error=reason)
        raise NeedsReview(f"request {ctx.request_id}: {reason}")
    return fp


def recorded_footprint(ctx: RequestContext) -> Footprint:
    """The footprint the resolve step recorded."""
    return Footprint.from_dict(recorded(ctx, RESOLVE)["footprint"])


def forget_footprint(ctx: RequestContext, steps: Sequence[Step]) -> None:
    """Drop the subject's tokens and plans from the progress rows; keep each step's duration."""
    kept = {}
    for step in steps:
        found = progress.load(ctx.vault, ctx.request_id, step.name)
        if found is not None:
            kept[step.name] = {"seconds": found[0].get("seconds", 0.0)}
    progress.forget_state(ctx.vault, ctx.request_id, kept)


def begin(ctx: RequestContext, steps: Sequence[Step]) -> Outcome | None:
    """Check the request may run; an Outcome when there is nothing to do (completed already)."""
    request = get_request(ctx.vault, ctx.request_id, kind=ctx.kind)
    check_runnable(request)
    if request["status"] == COMPLETED:
        forget_footprint(ctx, steps)  # in case the run stopped between completing and forgetting
        return Outcome(ctx.request_id, COMPLETED, request["receipt_path"], already_done=True)
    ctx.vault.update_request(ctx.request_id, status=RUNNING, error=None)
    return None


def record_failure(ctx: RequestContext, error: BaseException) -> None:
    """Mark the request failed with a message that holds no personal data (ours never do)."""
    if isinstance(error, NeedsReview):
        return
    # Only our own errors are known to hold no personal value; a library's message might quote data.
    detail = str(error) if isinstance(error, PipelineError | InjectedFault | RequestError) else ""
    ctx.vault.update_request(ctx.request_id, status=FAILED, error=f"{type(error).__name__}: {detail}"[:2000])


def run_request(
    ctx: RequestContext,
    steps: Sequence[Step],
    run: StepRunner = run_step,
    log: Callable[[str], None] | None = None,
) -> Outcome:
    """Every step in order (each through `run`: directly, or as a Prefect task), then completion."""
    finished = begin(ctx, steps)
    if finished is not None:
        return finished
    state: dict = {}
    try:
        for step in steps:
            state = run(ctx, step)
            if log is not None and (line := step.summary(state)):
                log(f"request {ctx.request_id}: {line}")
    except NeedsReview as review:
        return Outcome(ctx.request_id, NEEDS_REVIEW, reason=str(review))
    except BaseException as error:
        record_failure(ctx, error)
        raise
    path = state["receipt_path"]
    ctx.vault.update_request(ctx.request_id, status=COMPLETED, receipt_path=path, error=None)
    forget_footprint(ctx, steps)
    counts = {k: v for k, v in state.items() if k not in ("receipt_path", "seconds")}
    return Outcome(ctx.request_id, COMPLETED, path, counts=counts)
