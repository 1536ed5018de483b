"""The access flow: a Prefect deployment triggered with a request id; writes the subject's export package.

The task passes only the catalog path and the request id, persists no result and caches nothing; the
artifact and the logs carry counts and the package path, never a value.
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE


@task(name="access-export-subject", persist_result=False, cache_policy=NO_CACHE)
def export_subject_records(catalog_path: str, request_id: str, actor: str) -> dict:
    """Resolve the subject, gather and detokenize their records (audited), write the package."""
    from flows.access.run import run_access
    from flows.pipeline.catalog import load_catalog
    from vault.store import Vault

    catalog = load_catalog(catalog_path)
    with Vault.open(catalog.vault_url) as vault:
        outcome, export = run_access(catalog, vault, request_id, actor)
    result = dict(outcome.__dict__)
    if export is not None:
        result.update(values=export.values, records=export.records)
    return result


@flow(name="access", log_prints=False)
def access(request_id: str, catalog_path: str = "catalog.yaml", actor: str = "privacy-officer") -> dict:
    """Answer a verified access request with an export package; a no-op once completed."""
    logger = get_run_logger()
    result = export_subject_records(catalog_path, request_id, actor)
    if result["already_done"]:
        logger.info("request %s is completed already: nothing to do (%s)", request_id, result["receipt_path"])
    elif result["status"] != "completed":
        logger.warning("request %s needs review: %s", request_id, result["reason"])
    else:
        records = ", ".join(f"{d} {n}" for d, n in result["records"].items()) or "none"
        logger.info("request %s: %d values, records: %s", request_id, result["values"], records)
        create_markdown_artifact(
            key=f"access-export-{request_id.lower()}",
            markdown=(
                f"# piivault access {request_id}\n\nValues held: {result['values']}; records: {records}.\n\n"
                f"Package: `{result['receipt_path']}`\n"
            ),
            description=f"access request {request_id}",
        )
    return result
