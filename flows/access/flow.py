"""The access flow: a Prefect deployment triggered with a request id; writes the subject's export package.

The flow loads the catalog once, opens the vault once (through the vault service when
`PIIVAULT_VAULT_URL` is set: `vault.request_client`, no KEK here) and runs `ACCESS_STEPS`
(`flows.access.run`) as tasks that persist no result and cache nothing; the artifact and the logs carry
counts and the package path, never a value.
"""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from flows.access.run import ACCESS_STEPS, access_context
from flows.pipeline.catalog import load_catalog
from flows.requests.lifecycle import COMPLETED
from flows.requests.run import run_request
from flows.requests.tasks import run_step_as_task


@flow(name="access", log_prints=False)
def access(request_id: str, catalog_path: str = "catalog.yaml", actor: str = "privacy-officer") -> dict:
    """Answer a verified access request with an export package; a no-op once completed."""
    from vault.request_client import open_request_vault

    logger = get_run_logger()
    catalog = load_catalog(catalog_path)
    with open_request_vault(catalog.vault_url) as vault:
        ctx = access_context(catalog, vault, request_id, actor)
        outcome = run_request(ctx, ACCESS_STEPS, run=run_step_as_task, log=logger.info)
    if outcome.already_done:
        logger.info("request %s is completed already: nothing to do (%s)", request_id, outcome.receipt_path)
    elif outcome.status != COMPLETED:
        logger.warning("request %s needs review: %s", request_id, outcome.reason)
    else:
        records = ", ".join(f"{d} {n}" for d, n in outcome.counts["records"].items()) or "none"
        create_markdown_artifact(
            key=f"access-export-{request_id.lower()}",
            markdown=(
                f"# piivault access {request_id}\n\nValues held: {outcome.counts['values']}; "
                f"records: {records}.\n\nPackage: `{outcome.receipt_path}`\n"
            ),
            description=f"access request {request_id}",
        )
    return outcome.__dict__
