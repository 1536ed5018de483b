"""The erasure run, step by step: resolve, clean, raw, quarantine, shred, verify, receipt — resumable and
idempotent.

Each step reads what it needs from the progress rows of earlier steps (`flows.requests.progress`), does
its work (skipping what a killed run already did), records its own state, and only then counts as done.
A rerun skips done steps; a run of a completed request does nothing and says so.

What survives the shred: nothing later steps need is plaintext. The footprint (tokens, keyed hashes,
subject ids) is recorded at step 1, with keyed hashes of the last digits of the subject's phones (read
once through an audited privacy-officer detokenization) so verification can skip most phone-shaped
strings cheaply; the clean step records which raw records to change by position; the verify step
re-derives tokens of candidate values with the vault's token key, which the shred leaves in place. So the
shred may come before verification, and no copy of a personal value is ever saved. The footprint is
deleted when the request completes; only step durations stay in the progress rows (counts in the receipt).

Fault injection, for the resumability tests: `flows.pipeline.faults` (a point after every step, and inside
the clean and raw steps between a rename and its bookkeeping).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from flows.erasure.clean_zone import STEP as CLEAN
from flows.erasure.clean_zone import affected_partitions, erase_clean_zone
from flows.erasure.quarantine import STEP as QUARANTINE
from flows.erasure.quarantine import check_quarantine, purge_quarantine_zone
from flows.erasure.raw_zone import STEP as RAW
from flows.erasure.raw_zone import purge_raw_zone
from flows.erasure.receipt import build_receipt, write_receipt
from flows.erasure.verify import phone_tail_hashes, raise_if_failed, verify_erasure
from flows.pipeline.catalog import Catalog
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

RESOLVE, SHRED, VERIFY, RECEIPT = "resolve", "shred", "verify", "receipt"
STEPS: tuple[str, ...] = (RESOLVE, CLEAN, RAW, QUARANTINE, SHRED, VERIFY, RECEIPT)

NEEDS_REVIEW_REASONS = {
    "none": "the identifier matches no subject in the vault: nothing erased, check the identifier",
    "many": "the identifier matches more than one subject (a shared value): nothing erased, "
    "file the request with an identifier of this person alone",
    "erased": "the identifier was erased already (tombstoned): nothing left to erase",
}


class NeedsReview(RuntimeError):
    """The request cannot be resolved to exactly one subject; nothing was changed."""


@dataclass(frozen=True)
class Outcome:
    """How a run ended: status, receipt path (when completed), and whether it was a no-op."""

    request_id: str
    status: str
    receipt_path: str | None = None
    already_done: bool = False
    reason: str = ""


def _footprint(vault, request_id: str) -> Footprint:
    state = progress.done_state(vault, request_id, RESOLVE)
    if state is None:
        raise RuntimeError(f"request {request_id}: step {RESOLVE} has not run")
    return Footprint.from_dict(state["footprint"])


def _plans(vault, request_id: str) -> list[dict]:
    state = progress.done_state(vault, request_id, CLEAN)
    if state is None:
        raise RuntimeError(f"request {request_id}: step {CLEAN} has not run")
    return [
        state_ for state_, _done in sorted(progress.items(vault, request_id, CLEAN).values(), key=_plan_key)
    ]


def _plan_key(item: tuple[dict, bool]) -> tuple[str, str]:
    return item[0]["dataset"], item[0]["partition"]


def begin(vault, request_id: str) -> Outcome | None:
    """Check the request may run; an Outcome when there is nothing to do (completed already)."""
    request = get_request(vault, request_id, kind="erase")
    check_runnable(request)
    if request["status"] == COMPLETED:
        forget_footprint(vault, request_id)  # in case the run stopped between completing and forgetting
        return Outcome(request_id, COMPLETED, request["receipt_path"], already_done=True)
    vault.update_request(request_id, status=RUNNING, error=None)
    return None


def _run_once(vault, request_id: str, step: str, work: Callable[[], dict]) -> dict:
    """The step's recorded result; or run it, record it with its duration, then pass its fault point.
    This is what makes a rerun after a crash skip the steps that finished."""
    done = progress.done_state(vault, request_id, step)
    if done is None:
        started = time.monotonic()
        done = work()
        done["seconds"] = time.monotonic() - started
        progress.save(vault, request_id, step, done, done=True)
    fault_point(step)
    return done


def step_resolve(catalog: Catalog, vault, request_id: str) -> dict:
    """1. The subject and their tokens, and the partitions holding any of them (from lineage)."""

    def work() -> dict:
        request = get_request(vault, request_id)
        fp = footprint(vault, request["identifier_type"], request["identifier_hash"])
        if fp.status != "one":
            reason = NEEDS_REVIEW_REASONS[fp.status]
            vault.update_request(request_id, status=NEEDS_REVIEW, error=reason)
            raise NeedsReview(f"request {request_id}: {reason}")
        fp.phone_tails = phone_tail_hashes(vault, fp, request_id)
        partitions = [list(p) for p in affected_partitions(vault, catalog, fp)]
        return {"footprint": fp.to_dict(), "partitions": partitions}

    return _run_once(vault, request_id, RESOLVE, work)


def step_clean(catalog: Catalog, vault, request_id: str) -> dict:
    """2. Apply each dataset's policy to the partitions holding the subject."""

    def work() -> dict:
        partitions = progress.done_state(vault, request_id, RESOLVE)["partitions"]
        erase_clean_zone(catalog, vault, _footprint(vault, request_id), request_id, partitions)
        return {"partitions": len(partitions)}

    return _run_once(vault, request_id, CLEAN, work)


def step_raw(catalog: Catalog, vault, request_id: str) -> dict:
    """3. Purge the subject's records from the raw files behind those partitions."""

    def work() -> dict:
        return {"files": len(purge_raw_zone(catalog, vault, request_id, _plans(vault, request_id)))}

    return _run_once(vault, request_id, RAW, work)


def _quarantine_results(vault, request_id: str) -> list[dict]:
    found = progress.items(vault, request_id, QUARANTINE).values()
    return sorted((state for state, done in found if done), key=lambda s: (s["dataset"], s["file"]))


def step_quarantine(catalog: Catalog, vault, request_id: str) -> dict:
    """3b. Drop or redact the subject's values in quarantined (unreadable) records and their raw lines."""

    def work() -> dict:
        results = purge_quarantine_zone(catalog, vault, request_id, _footprint(vault, request_id))
        return {"files": len(results)}

    return _run_once(vault, request_id, QUARANTINE, work)


def step_shred(catalog: Catalog, vault, request_id: str) -> dict:
    """4. Crypto-shred the subject's own values, unlink shared ones, write tombstones."""

    def work() -> dict:
        fp = _footprint(vault, request_id)
        for subject_id in fp.subjects:  # each shred is idempotent: a rerun finds nothing left to do
            vault.shred_subject(subject_id, request_id=request_id)
        return {
            "tokens_shredded": len(fp.own_tokens),
            "tokens_kept_shared": len(fp.cluster_tokens) - len(fp.own_tokens),
        }

    return _run_once(vault, request_id, SHRED, work)


def step_verify(catalog: Catalog, vault, request_id: str) -> dict:
    """5. Re-scan the affected clean and raw files and the vault; fail with findings if anything is left."""

    def work() -> dict:
        request = get_request(vault, request_id)
        fp = _footprint(vault, request_id)
        quarantined = _quarantine_results(vault, request_id)
        touched = [(r["dataset"], r["file"]) for r in quarantined if r["raw_changed"]]
        result = verify_erasure(catalog, vault, fp, request, _plans(vault, request_id), touched)
        check_quarantine(catalog, vault, fp, result)
        result.passed = not result.findings
        raise_if_failed(result)
        return {"verification": result.to_dict()}

    return _run_once(vault, request_id, VERIFY, work)


def step_receipt(catalog: Catalog, vault, request_id: str) -> tuple[dict, str]:
    """6. Write the receipt, complete the request, forget the subject's tokens; (receipt, path)."""
    started = time.monotonic()
    request = get_request(vault, request_id)
    steps = {step: progress.done_state(vault, request_id, step) or {} for step in STEPS[:-1]}
    fp = _footprint(vault, request_id)
    steps[RESOLVE] = {
        "seconds": steps[RESOLVE].get("seconds", 0.0),
        "subjects": len(fp.subjects),
        "cluster_tokens": len(fp.cluster_tokens),
    }
    raw_results = [state for state, _done in progress.items(vault, request_id, RAW).values()]
    steps[RECEIPT] = {"seconds": time.monotonic() - started}
    quarantined = _quarantine_results(vault, request_id)
    receipt = build_receipt(catalog, request, steps, _plans(vault, request_id), raw_results, quarantined)
    path = write_receipt(catalog, receipt)
    fault_point(RECEIPT)
    vault.update_request(request_id, status=COMPLETED, receipt_path=str(path), error=None)
    forget_footprint(vault, request_id)
    return receipt, str(path)


def forget_footprint(vault, request_id: str) -> None:
    """Drop the subject's tokens and plans from the progress rows; keep each step's duration."""
    kept = {}
    for step in STEPS:
        found = progress.load(vault, request_id, step)
        if found is not None:
            kept[step] = {"seconds": found[0].get("seconds", 0.0)}
    progress.forget_state(vault, request_id, kept)


def record_failure(vault, request_id: str, error: BaseException) -> None:
    """Mark the request failed with a message that holds no personal data (ours never do)."""
    from flows.pipeline.errors import PipelineError

    if isinstance(error, NeedsReview):
        return
    # Only our own errors are known to hold no personal value; a library's message might quote data.
    detail = str(error) if isinstance(error, PipelineError | InjectedFault | RequestError) else ""
    vault.update_request(request_id, status=FAILED, error=f"{type(error).__name__}: {detail}"[:2000])


def run_erasure(catalog: Catalog, vault, request_id: str) -> Outcome:
    """Every step in order, without Prefect (the flow runs the same steps as tasks), holding the zone lock."""
    from flows.pipeline.zone_lock import zone_lock

    with zone_lock(catalog, f"erase {request_id}"):
        return _run_erasure(catalog, vault, request_id)


def _run_erasure(catalog: Catalog, vault, request_id: str) -> Outcome:
    finished = begin(vault, request_id)
    if finished is not None:
        return finished
    try:
        step_resolve(catalog, vault, request_id)
        for step in (step_clean, step_raw, step_quarantine, step_shred, step_verify):
            step(catalog, vault, request_id)
        _receipt, path = step_receipt(catalog, vault, request_id)
    except NeedsReview as review:
        return Outcome(request_id, NEEDS_REVIEW, reason=str(review))
    except BaseException as error:
        record_failure(vault, request_id, error)
        raise
    return Outcome(request_id, COMPLETED, path)
