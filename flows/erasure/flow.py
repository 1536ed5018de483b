"""The erasure flow: a Prefect deployment triggered with a request id, one task per step.

Thin by design: each task opens the vault, runs one step of `flows.erasure.steps` (which skips what an
earlier, killed run already did) and returns counts. Tasks pass nothing but the catalog path and the
request id, persist no result and cache nothing; errors name datasets, files and positions, never values.
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.erasure import steps

STEP_TASK = {"persist_result": False, "cache_policy": NO_CACHE}


def _run_step(catalog_path: str, request_id: str, step) -> dict:
    from flows.pipeline.catalog import load_catalog
    from vault.store import Vault

    catalog = load_catalog(catalog_path)
    with Vault.open(catalog.vault_url) as vault:
        return step(catalog, vault, request_id)


@task(name="erasure-begin", **STEP_TASK)
def begin_request(catalog_path: str, request_id: str) -> dict | None:
    """Check the request may run; the finished outcome when it completed already."""
    from flows.pipeline.catalog import load_catalog
    from vault.store import Vault

    with Vault.open(load_catalog(catalog_path).vault_url) as vault:
        outcome = steps.begin(vault, request_id)
    return None if outcome is None else outcome.__dict__


@task(name="erasure-resolve-subject", **STEP_TASK)
def resolve_subject(catalog_path: str, request_id: str) -> int:
    """Step 1: the subject, their tokens and the partitions holding them; returns the partition count."""
    return len(_run_step(catalog_path, request_id, steps.step_resolve)["partitions"])


@task(name="erasure-rewrite-clean-partitions", **STEP_TASK)
def rewrite_clean_partitions(catalog_path: str, request_id: str) -> dict:
    """Step 2: apply the dataset policies to the partitions holding the subject."""
    return _run_step(catalog_path, request_id, steps.step_clean)


@task(name="erasure-purge-raw-files", **STEP_TASK)
def purge_raw_files(catalog_path: str, request_id: str) -> dict:
    """Step 3: purge the subject's records from the raw files behind those partitions."""
    return _run_step(catalog_path, request_id, steps.step_raw)


@task(name="erasure-purge-quarantine", **STEP_TASK)
def purge_quarantine(catalog_path: str, request_id: str) -> dict:
    """Step 3b: drop or redact the subject's values in quarantined records (and their raw lines)."""
    return _run_step(catalog_path, request_id, steps.step_quarantine)


@task(name="erasure-shred-subject", **STEP_TASK)
def shred_subject(catalog_path: str, request_id: str) -> dict:
    """Step 4: crypto-shred the subject's own values and write tombstones."""
    return _run_step(catalog_path, request_id, steps.step_shred)


@task(name="erasure-verify", **STEP_TASK)
def verify(catalog_path: str, request_id: str) -> dict:
    """Step 5: prove nothing of the subject is left in the affected files and the vault."""
    return _run_step(catalog_path, request_id, steps.step_verify)["verification"]


@task(name="erasure-write-receipt", **STEP_TASK)
def write_receipt(catalog_path: str, request_id: str) -> str:
    """Step 6: the receipt (JSON file and Prefect artifact); completes the request."""
    from flows.erasure.receipt import receipt_markdown
    from flows.pipeline.catalog import load_catalog

    receipt, path = _run_step(catalog_path, request_id, steps.step_receipt)
    create_markdown_artifact(
        key=f"erasure-receipt-{request_id.lower()}",
        markdown=receipt_markdown(
            receipt, load_catalog(catalog_path).reports_dir / "erasure" / f"{request_id}.json"
        ),
        description=f"erasure receipt {request_id}",
    )
    return path


@flow(name="erase", log_prints=False)
def erase(request_id: str, catalog_path: str = "catalog.yaml") -> dict:
    """Erase the subject of a verified erasure request everywhere; resumable, and a no-op once completed."""
    from flows.pipeline.catalog import load_catalog
    from flows.pipeline.zone_lock import zone_lock

    logger = get_run_logger()
    # never beside a tokenize run over the same zone (flows.pipeline.zone_lock)
    with zone_lock(load_catalog(catalog_path), f"erase {request_id}", notify=logger.warning):
        return _erase(request_id, catalog_path, logger)


def _erase(request_id: str, catalog_path: str, logger) -> dict:
    finished = begin_request(catalog_path, request_id)
    if finished is not None:
        logger.info(
            "request %s is completed already: nothing to do (receipt %s)",
            request_id,
            finished["receipt_path"],
        )
        return finished
    try:
        partitions = resolve_subject(catalog_path, request_id)
    except steps.NeedsReview as review:
        logger.warning("%s", review)
        return steps.Outcome(request_id, steps.NEEDS_REVIEW, reason=str(review)).__dict__
    logger.info("request %s: %d partitions hold the subject", request_id, partitions)
    try:
        clean = rewrite_clean_partitions(catalog_path, request_id)
        raw = purge_raw_files(catalog_path, request_id)
        quarantine = purge_quarantine(catalog_path, request_id)
        shred = shred_subject(catalog_path, request_id)
        logger.info(
            "request %s: %d partitions examined, %d raw and %d quarantine files rewritten, "
            "%d values shredded",
            request_id,
            clean["partitions"],
            raw["files"],
            quarantine["files"],
            shred["tokens_shredded"],
        )
        verify(catalog_path, request_id)
        path = write_receipt(catalog_path, request_id)
    except BaseException as error:
        _record_failure(catalog_path, request_id, error)
        raise
    logger.info("request %s completed; receipt %s", request_id, path)
    return steps.Outcome(request_id, steps.COMPLETED, path).__dict__


def _record_failure(catalog_path: str, request_id: str, error: BaseException) -> None:
    from flows.pipeline.catalog import load_catalog
    from vault.store import Vault

    with Vault.open(load_catalog(catalog_path).vault_url) as vault:
        steps.record_failure(vault, request_id, error)
