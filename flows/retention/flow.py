"""The retention flow: the scheduled `retention` deployment, one task per step of `RETENTION_STEPS`.

Thin, like the request flows: the catalog loaded once, the vault opened once (its keyed work the vault
service's when `PIIVAULT_VAULT_URL` is set: `vault.request_client`), the zone locked (retention
deletes and rewrites raw and clean files, so it never runs beside tokenize, erase or rectify), an
unfinished run resumed before a new one starts. Tasks persist no result and cache nothing; logs and the
artifact hold counts and paths.
"""

from __future__ import annotations

import json
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from flows.pipeline.catalog import load_catalog
from flows.pipeline.storage import zone_location
from flows.pipeline.zone_lock import zone_lock
from flows.requests.lifecycle import COMPLETED
from flows.requests.run import run_request
from flows.requests.tasks import run_step_as_task
from flows.retention.receipt import receipt_markdown
from flows.retention.steps import RETENTION_STEPS, retention_context, start_or_resume


@flow(name="retention", log_prints=False)
def retention(catalog_path: str = "catalog.yaml") -> dict:
    """Delete what is past its retention, shred what nothing holds, list or erase ended relationships."""
    from vault.request_client import open_request_vault

    logger = get_run_logger()
    catalog = load_catalog(catalog_path)
    with (
        zone_lock(catalog, "retention", notify=logger.warning),
        open_request_vault(catalog.vault_url) as vault,
    ):
        run_id = start_or_resume(vault)
        outcome = run_request(
            retention_context(catalog, vault, run_id), RETENTION_STEPS, run=run_step_as_task, log=logger.info
        )
    if outcome.status == COMPLETED and not outcome.already_done:
        path = zone_location(outcome.receipt_path, Path.cwd())  # the reports zone may be on S3
        create_markdown_artifact(
            key=f"retention-receipt-{run_id.lower()}",
            markdown=receipt_markdown(json.loads(path.read_text()), path),
            description=f"retention run {run_id}",
        )
        logger.info("retention run %s completed; receipt %s", run_id, path)
    return outcome.__dict__
