"""The erasure flow: a Prefect deployment triggered with a request id, one task per step.

Thin by design: the flow loads the catalog once, opens the vault once (through the vault service when
`PIIVAULT_VAULT_URL` is set: `vault.request_client`, no KEK here) and runs `ERASURE_STEPS`
(`flows.erasure.steps`) in order, each as a task (`flows.requests.tasks`), which skips what an earlier,
killed run already did. Tasks return counts, persist no result and cache nothing; errors name datasets,
files and positions, never values.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import partial
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from flows.erasure.clean_zone import STEP as CLEAN
from flows.erasure.raw_zone import STEP as RAW
from flows.erasure.receipt import receipt_markdown
from flows.erasure.steps import ERASURE_STEPS, VERIFY, erasure_context
from flows.pipeline.catalog import load_catalog
from flows.pipeline.storage import zone_location
from flows.pipeline.task_runners import RunnerSettings, task_map
from flows.pipeline.tasks import runner_for, runner_settings
from flows.pipeline.zone_lock import zone_lock
from flows.requests.lifecycle import COMPLETED
from flows.requests.run import run_request
from flows.requests.tasks import run_step_as_task


@flow(name="erase", log_prints=False)
def erase(request_id: str, catalog_path: str = "catalog.yaml", runner: RunnerSettings | None = None) -> dict:
    """Erase the subject of a verified erasure request everywhere; resumable, and a no-op once completed.
    `runner`: where the clean, raw and verify steps' files are handled (default: the catalog's `runner:`
    section, else automatic on the clean zone's size); every other step runs in order in this process."""
    from vault.request_client import open_request_vault

    logger = get_run_logger()
    catalog = load_catalog(catalog_path)
    choice = runner_for(runner_settings(catalog, runner), catalog, clean_bytes(catalog))
    logger.info("%s", choice.line())
    # never beside a tokenize run over the same zone (flows.pipeline.zone_lock)
    with (
        zone_lock(catalog, f"erase {request_id}", notify=logger.warning),
        open_request_vault(catalog.vault_url) as vault,
        task_map(choice) as run_tasks,
    ):
        ctx = erasure_context(catalog, vault, request_id)
        run = spread_steps(catalog_path, run_tasks, choice) if choice.parallel else run_step_as_task
        outcome = run_request(ctx, ERASURE_STEPS, run=run, log=logger.info)
    if outcome.already_done:
        logger.info(
            "request %s is completed already: nothing to do (receipt %s)", request_id, outcome.receipt_path
        )
    elif outcome.status == COMPLETED:
        path = zone_location(outcome.receipt_path, Path.cwd())  # the reports zone may be on S3
        create_markdown_artifact(
            key=f"erasure-receipt-{request_id.lower()}",
            markdown=receipt_markdown(json.loads(path.read_text()), path),
            description=f"erasure receipt {request_id}",
        )
        logger.info("request %s completed; receipt %s", request_id, path)
    else:
        logger.warning("%s", outcome.reason)
    return outcome.__dict__


def clean_bytes(catalog) -> int:
    """The clean zone's size: what an erasure may read (its automatic runner choice)."""
    return sum(p.stat().st_size for p in catalog.clean_dir.rglob("*.parquet") if p.is_file())


def spread_steps(catalog_path: str, run_tasks, choice):
    """`run_step_as_task`, with the clean step's partitions first erased by tasks on the workers, the raw
    step's files purged there, and the verify step's file checks made there, largest files first
    (`flows.erasure.spread`); a task that fails fails the run, which a rerun resumes."""
    from flows.erasure.spread import (
        clean_batches,
        erase_clean_partitions,
        purge_raw_files,
        raw_batches,
        verify_checks,
    )
    from flows.erasure.work_order import BATCHES_PER_WORKER, worker_count
    from flows.pipeline.tasks import failure_text, raise_for_failures
    from flows.requests import progress

    count = BATCHES_PER_WORKER * worker_count(choice)

    def run(ctx, step):
        if step.name == CLEAN and progress.done_state(ctx.vault, ctx.request_id, CLEAN) is None:
            calls = [
                {"catalog_path": catalog_path, "request_id": ctx.request_id, "partitions": batch}
                for batch in clean_batches(ctx, count)
            ]
            states = run_tasks(erase_clean_partitions, calls)
            raise_for_failures([failure_text(s) for s in states if not s.is_completed()])
        if step.name == RAW and progress.done_state(ctx.vault, ctx.request_id, RAW) is None:
            calls = [
                {"catalog_path": catalog_path, "request_id": ctx.request_id, "partitions": batch}
                for batch in raw_batches(ctx, count)
            ]
            states = run_tasks(purge_raw_files, calls)
            raise_for_failures([failure_text(s) for s in states if not s.is_completed()])
        if step.name == VERIFY and progress.done_state(ctx.vault, ctx.request_id, VERIFY) is None:
            checked = verify_checks(ctx, catalog_path, run_tasks, count)
            step = replace(step, work=partial(step.work, checked=checked))
        return run_step_as_task(ctx, step)

    return run
