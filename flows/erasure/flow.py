"""The erasure flow: a Prefect deployment triggered with a request id, one task per step.

Thin by design: the flow loads the catalog once, opens the vault once and runs `ERASURE_STEPS`
(`flows.erasure.steps`) in order, each as a task (`flows.requests.tasks`), which skips what an earlier,
killed run already did. Tasks return counts, persist no result and cache nothing; errors name datasets,
files and positions, never values.
"""

from __future__ import annotations

import json
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from flows.erasure.receipt import receipt_markdown
from flows.erasure.steps import ERASURE_STEPS, erasure_context
from flows.pipeline.catalog import load_catalog
from flows.pipeline.storage import zone_location
from flows.pipeline.zone_lock import zone_lock
from flows.requests.lifecycle import COMPLETED
from flows.requests.run import run_request
from flows.requests.tasks import run_step_as_task


@flow(name="erase", log_prints=False)
def erase(request_id: str, catalog_path: str = "catalog.yaml") -> dict:
    """Erase the subject of a verified erasure request everywhere; resumable, and a no-op once completed."""
    from vault.store import Vault

    logger = get_run_logger()
    catalog = load_catalog(catalog_path)
    # never beside a tokenize run over the same zone (flows.pipeline.zone_lock)
    with (
        zone_lock(catalog, f"erase {request_id}", notify=logger.warning),
        Vault.open(catalog.vault_url) as vault,
    ):
        ctx = erasure_context(catalog, vault, request_id)
        outcome = run_request(ctx, ERASURE_STEPS, run=run_step_as_task, log=logger.info)
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
