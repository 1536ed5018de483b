"""A request step as a Prefect task: the flows of erasure and access run their step lists through it.

One task function, renamed per step (`erasure-shred-subject`, `access-export-subject`, …), so the Prefect
UI shows each step as its own task run. The task persists no result and caches nothing: its input is the
run context (catalog, open vault, request id), its result a state of tokens, hashes, paths and counts.
A request that needs review is a normal outcome, not a failed task: the task returns the reason and the
runner raises `NeedsReview` outside it, so Prefect logs no traceback for it.
"""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.requests.run import NeedsReview, RequestContext, Step, run_step

_NEEDS_REVIEW = "needs_review"


@task(name="request-step", persist_result=False, cache_policy=NO_CACHE)
def request_step(ctx: RequestContext, step: Step) -> dict:
    """Run one step of a privacy request (it skips what an earlier, killed run did)."""
    try:
        return run_step(ctx, step)
    except NeedsReview as review:
        return {_NEEDS_REVIEW: str(review)}


def run_step_as_task(ctx: RequestContext, step: Step) -> dict:
    """`run_step` as a Prefect task named after the step; NeedsReview is raised again outside the task."""
    state = request_step.with_options(name=step.task_name)(ctx, step)
    if _NEEDS_REVIEW in state:
        raise NeedsReview(state[_NEEDS_REVIEW])
    return state
