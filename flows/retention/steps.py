"""The retention run: plan, raw, clean, closure, vault, receipt — data not kept after its time.

A retention run is recorded among the requests (kind `retention`, naming nobody) and runs through the same
runner as the privacy requests (`flows.requests.run`): each step records its state, so a killed run
resumes where it stopped, and the next `piivault retention` resumes an unfinished run before starting a
new one. Ages are judged against the run's recorded start (`received_at`), so a resumed run decides as
the first attempt did.

1. plan: what is due (`flows.retention.plan`); the list of customer ids due for erasure is written for
   the privacy officer (0600) when the catalog does not erase them itself;
2. raw: raw files past retention, tokenized under the current settings, deleted (`raw_files`);
3. clean: clean rows past retention dropped, with their raw records if the raw file is still there
   (`clean_rows`);
4. closure: subjects whose relationship ended are counted, or erased with erasure's steps (`closure`);
5. vault: values no clean partition, no subject and no open request holds any more are shredded, and
   corrections of erased subjects forgotten (`vault.retention`);
6. receipt: counts and paths, no personal data.
`dry_run` computes the plan and changes nothing.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from flows.pipeline.catalog import Catalog
from flows.pipeline.zone_lock import zone_lock
from flows.requests import progress
from flows.requests.lifecycle import COMPLETED, get_request
from flows.requests.run import Outcome, RequestContext, Step, recorded, run_request
from flows.retention.clean_rows import STEP as CLEAN
from flows.retention.clean_rows import drop_clean_rows
from flows.retention.closure import closure as closure_of
from flows.retention.closure import write_due_list
from flows.retention.plan import RetentionPlan, make_plan
from flows.retention.raw_files import STEP as RAW
from flows.retention.raw_files import delete_raw_files
from flows.retention.receipt import build_receipt, write_receipt

if TYPE_CHECKING:
    from vault.store import Vault

KIND = "retention"
PLAN, CLOSURE, VAULT, RECEIPT = "plan", "closure", "vault", "receipt"
VERIFIED_BY = "retention policy"
METHOD = "catalog retention settings"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def recorded_plan(ctx: RequestContext) -> RetentionPlan:
    return RetentionPlan.from_dict(recorded(ctx, PLAN)["plan"])


def plan(ctx: RequestContext) -> dict:
    """1. What is due, as of the run's start; the privacy officer's list of customers due for erasure."""
    as_of = _aware(get_request(ctx.vault, ctx.request_id)["received_at"])
    decided, customers = make_plan(ctx.catalog, ctx.vault, as_of)
    auto = ctx.catalog.subjects is not None and ctx.catalog.subjects.auto_erase
    due_list = None if auto else write_due_list(ctx.catalog, ctx.request_id, customers)
    return {"plan": decided.to_dict(), "due_list": str(due_list) if due_list else None}


def raw(ctx: RequestContext) -> dict:
    """2. Delete the raw files past retention that are tokenized under the current settings."""
    return {
        "files": len(delete_raw_files(ctx.catalog, ctx.vault, ctx.request_id, recorded_plan(ctx).raw_due))
    }


def clean(ctx: RequestContext) -> dict:
    """3. Drop the clean rows past retention (and their raw records), rewriting only those partitions."""
    decided = recorded_plan(ctx)
    results = drop_clean_rows(ctx.catalog, ctx.vault, ctx.request_id, decided.clean_due, decided.as_of)
    return {"partitions": len(results), "rows_dropped": sum(r["rows_dropped"] for r in results)}


def closure(ctx: RequestContext) -> dict:
    """4. Subjects whose relationship ended: counted, or erased when the catalog says so."""
    result = closure_of(ctx.catalog, ctx.vault, ctx.request_id, recorded_plan(ctx).subjects_due)
    return result | {"due_list": recorded(ctx, PLAN)["due_list"]}


def vault(ctx: RequestContext) -> dict:
    """5. Shred the values nothing holds any more; forget the corrections of erased subjects."""
    shredded = ctx.vault.shred_orphans(ctx.vault.orphan_tokens(), request_id=ctx.request_id)
    return {"values_shredded": shredded, "corrections_forgotten": ctx.vault.forget_corrections_of_erased()}


def receipt(ctx: RequestContext) -> dict:
    """6. Write the receipt: counts, paths and each step's duration."""
    started = time.monotonic()
    states = {
        s.name: progress.done_state(ctx.vault, ctx.request_id, s.name) or {} for s in RETENTION_STEPS[:-1]
    }
    decided = states.pop(PLAN)
    states[PLAN] = {"seconds": decided.get("seconds", 0.0)}
    raw_results = [s for s, _done in progress.items(ctx.vault, ctx.request_id, RAW).values()]
    clean_results = [s for s, _done in progress.items(ctx.vault, ctx.request_id, CLEAN).values()]
    states[RECEIPT] = {"seconds": time.monotonic() - started}
    document = build_receipt(ctx.catalog, ctx.request_id, decided["plan"], states, raw_results, clean_results)
    return {"receipt_path": str(write_receipt(ctx.catalog, document))} | document["totals"]


RETENTION_STEPS: tuple[Step, ...] = (
    Step(PLAN, "retention-plan", plan, lambda s: f"{len(s['plan']['raw_due'])} raw files due"),
    Step(RAW, "retention-delete-raw-files", raw, lambda s: f"{s['files']} raw files deleted"),
    Step(CLEAN, "retention-drop-clean-rows", clean, lambda s: f"{s['rows_dropped']} clean rows dropped"),
    Step(CLOSURE, "retention-closed-subjects", closure, lambda s: f"{s['subjects_due']} subjects due"),
    Step(VAULT, "retention-shred-orphan-values", vault, lambda s: f"{s['values_shredded']} values shredded"),
    Step(RECEIPT, "retention-write-receipt", receipt, lambda s: f"receipt {s['receipt_path']}"),
)
STEPS: tuple[str, ...] = tuple(step.name for step in RETENTION_STEPS)


def retention_context(catalog: Catalog, vault: Vault, run_id: str) -> RequestContext:
    return RequestContext(catalog, vault, run_id, kind=KIND)


def start_or_resume(vault: Vault, now: datetime | None = None) -> str:
    """The id of an unfinished retention run (resumed as it was), else of a new one starting now."""
    for request in vault.list_requests():
        if request["kind"] == KIND and request["status"] != COMPLETED:
            return request["request_id"]
    return vault.create_run_record(KIND, VERIFIED_BY, METHOD, received_at=now)


def run_retention(catalog: Catalog, vault: Vault, now: datetime | None = None) -> Outcome:
    """One retention run (an unfinished one first), without Prefect, holding the zone lock."""
    with zone_lock(catalog, "retention"):
        run_id = start_or_resume(vault, now)
        return run_request(retention_context(catalog, vault, run_id), RETENTION_STEPS)


def dry_run(catalog: Catalog, vault: Vault, now: datetime | None = None) -> dict:
    """What a run would delete now, changing nothing but the privacy officer's list of subjects due."""
    decided, customers = make_plan(catalog, vault, now)
    auto = catalog.subjects is not None and catalog.subjects.auto_erase
    due_list = None if auto else write_due_list(catalog, "dry-run", customers)
    return decided.to_dict() | {
        "due_list": str(due_list) if due_list else None,
        "auto_erase": auto,
        "values_no_file_holds_now": len(vault.orphan_tokens()),
    }
