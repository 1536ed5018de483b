"""Retention step `closure`: customers whose relationship ended long enough ago.

Without `subjects.auto_erase` they are only counted here; the privacy officer gets their customer ids in
a list file (`write_due_list`: `<reports>/retention/<run>-subjects-due.txt`, mode 0600, one id a line),
never in logs, Prefect or the receipt. With `auto_erase: true` the run files one erasure request per
subject — by the subject id it planned with (the keyed hash a customer-id request stores anyway), verified
as `retention policy` — and runs erasure's own steps (`flows.erasure.steps.ERASURE_STEPS`) on it, with
their usual receipts. A request left unfinished by an earlier run (failed, needs review) is run again
rather than filed twice. One subject's erasure failing does not stop the others; the counts say so and
the next run retries it. Fault point: `retention-erasure` (one subject's erasure finished).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from flows.erasure.steps import ERASURE_STEPS, erasure_context
from flows.pipeline.atomic import write_bytes_atomic
from flows.pipeline.catalog import Catalog
from flows.pipeline.faults import fault_point
from flows.requests import progress
from flows.requests.lifecycle import COMPLETED
from flows.requests.run import run_request, run_step

if TYPE_CHECKING:
    from vault.store import Vault

STEP = "closure"
VERIFIED_BY = "retention policy"


def write_due_list(catalog: Catalog, name: str, customer_ids: list[str]) -> Path | None:
    """The customer ids due for erasure, for the privacy officer only (0600); None when there are none."""
    if not customer_ids:
        return None
    path = catalog.reports_dir / "retention" / f"{name}-subjects-due.txt"
    write_bytes_atomic(path, "".join(f"{c}\n" for c in customer_ids).encode("utf-8"))
    path.chmod(0o600)
    return path


def _request_for(vault: Vault, subject_id: str, run_id: str, erase_after: str) -> str:
    """An unfinished erasure request for the subject, or a new one verified by the retention policy."""
    for request in vault.list_requests():
        if (
            request["kind"] == "erase"
            and request["identifier_type"] == "customer_id"
            and request["identifier_hash"] == subject_id
            and request["status"] != COMPLETED
        ):
            return request["request_id"]
    method = f"retention run {run_id}: relationship closed more than {erase_after} ago (catalog subjects)"
    return vault.create_erasure_by_subject(subject_id, VERIFIED_BY, method)


def erase_closed_subjects(
    catalog: Catalog, vault: Vault, run_id: str, subject_ids: list[str], run=run_step
) -> dict:
    """File (or resume) and run an erasure for each subject; counts by outcome, and the request ids."""
    counts = {"completed": 0, "needs_review": 0, "failed": 0}
    requests: list[str] = []
    for subject_id in subject_ids:
        found = progress.load(vault, run_id, STEP, subject_id)
        if found and found[1]:
            state = found[0]
        else:
            request_id = _request_for(vault, subject_id, run_id, catalog.subjects.erase_after)
            progress.save(vault, run_id, STEP, {"request_id": request_id}, item=subject_id)
            try:
                outcome = run_request(erasure_context(catalog, vault, request_id), ERASURE_STEPS, run=run)
                status = outcome.status
            except Exception:  # recorded on the erasure request (names no value); the next run retries
                status = "failed"
            state = {"request_id": request_id, "status": status}
            progress.save(vault, run_id, STEP, state, done=True, item=subject_id)
            fault_point("retention-erasure")
        counts[state["status"] if state["status"] in counts else "failed"] += 1
        requests.append(state["request_id"])
    return counts | {"requests": requests}


def closure(
    catalog: Catalog, vault: Vault, run_id: str, subject_ids: list[str], run: Callable = run_step
) -> dict:
    """Count the subjects due; erase them when the catalog says `auto_erase: true`."""
    policy = catalog.subjects
    result = {"subjects_due": len(subject_ids), "auto_erase": bool(policy and policy.auto_erase)}
    if not subject_ids or not result["auto_erase"]:
        return result
    return result | {"erasures": erase_closed_subjects(catalog, vault, run_id, subject_ids, run)}
