"""The rectification flow: a Prefect deployment triggered with a request id, one task per step.

Thin by design, like the erasure flow: the catalog loaded once, the vault opened once (its keyed work the
vault service's when `PIIVAULT_VAULT_URL` is set: `vault.request_client`), the zone locked
(a rectification rewrites clean and raw files, so it never runs beside tokenize or erase), and
`RECTIFY_STEPS` (`flows.rectification.steps`) run as tasks that skip what a killed run already did.
Tasks persist no result and cache nothing; logs and the artifact hold counts and dataset names.
"""

from __future__ import annotations

import json
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from flows.pipeline.catalog import load_catalog
from flows.pipeline.storage import zone_location
from flows.pipeline.zone_lock import zone_lock
from flows.rectification.receipt import receipt_markdown
from flows.rectification.steps import RECTIFY_STEPS, rectification_context
from flows.requests.lifecycle import COMPLETED
from flows.requests.run import run_request
from flows.requests.tasks import run_step_as_task


@flow(name="rectify", log_prints=False)
def rectify(request_id: str, catalog_path: str = "catalog.yaml") -> dict:
    """Correct one value of the subject of a verified rectification request everywhere it is theirs."""
    from vault.request_client import open_request_vault

    logger = get_run_logger()
    catalog = load_catalog(catalog_path)
    with (
        zone_lock(catalog, f"rectify {request_id}", notify=logger.warning),
        open_request_vault(catalog.vault_url) as vault,
    ):
        ctx = rectification_context(catalog, vault, request_id)
        outcome = run_request(ctx, RECTIFY_STEPS, run=run_step_as_task, log=logger.info)
    if outcome.already_done:
        logger.info("request %s is completed already: nothing to do (%s)", request_id, outcome.receipt_path)
    elif outcome.status == COMPLETED:
        path = zone_location(outcome.receipt_path, Path.cwd())  # the reports zone may be on S3
        create_markdown_artifact(
            key=f"rectification-receipt-{request_id.lower()}",
            markdown=receipt_markdown(json.loads(path.read_text()), path),
            description=f"rectification receipt {request_id}",
        )
        logger.info("request %s completed; receipt %s", request_id, path)
    else:
        logger.warning("%s", outcome.reason)
    return outcome.__dict__
