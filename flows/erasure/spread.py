"""The erasure's clean and verify steps spread over Dask workers.

Before the clean step runs in the flow's process, every partition it will examine (lineage's, and with the
subject's fingerprints every partition of the datasets that can hold text: the bulk of an erasure's reading)
is erased by a task on a worker, through the very function the step calls per partition
(`flows.erasure.clean_zone.erase_partition`), which records each partition's plan in the progress rows.
The step then finds every partition done and only gathers the plans. The files written, the plans and the
receipt are those of a run in order: `erase_partition` works per partition and is resumable, so a task that
fails or a run killed half way leaves nothing a rerun does not finish. Tasks return counts only.

The verify step re-reads every examined clean partition and the raw file behind it (values, then every
fingerprint of the subject in their text): most of an erasure's time at size. Before it runs, a task per
partition makes that partition's and its raw file's checks on a worker (`check_partition`), each on a
fresh `Verification`, and returns their findings (places and entity types, never a value) and counts;
the step then absorbs them in its own order (`flows.erasure.verify.run_check`), so its result is the one
a run in order makes. They are handed to the step in memory, never recorded: a rerun checks again.

The tasks open the vault as the flow does (`vault.request_client.open_request_vault`): with the vault
service configured, workers hold no KEK.
"""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.erasure.clean_zone import STEP as CLEAN
from flows.erasure.clean_zone import PartitionPlan, erase_partition
from flows.erasure.subject_text import SubjectText, text_partitions
from flows.erasure.verify import (
    CLEAN_CHECK,
    RAW_CHECK,
    Checked,
    PlaintextMatcher,
    Verification,
    check_clean,
    check_raw,
    raw_file_of,
)
from flows.erasure.verify_text import CLEAN_TEXT_CHECK, RAW_TEXT_CHECK, check_clean_text, check_raw_text
from flows.pipeline.catalog import Catalog, load_catalog
from flows.pipeline.tasks import failure_text, raise_for_failures, retry_on_io
from flows.requests import progress
from flows.requests.run import RESOLVE, RequestContext, recorded, recorded_footprint
from flows.requests.subject import Footprint


def clean_partitions(ctx: RequestContext) -> list[tuple[str, str]]:
    """(dataset, partition) the clean step examines, in its order."""
    from flows.erasure.steps import subject_text

    examined = dict.fromkeys(tuple(p) for p in recorded(ctx, RESOLVE)["partitions"])
    if subject_text(ctx):
        examined.update(dict.fromkeys(text_partitions(ctx.catalog)))
    return list(examined)


@task(
    name="erasure-clean-partition",
    persist_result=False,
    cache_policy=NO_CACHE,
    retries=2,
    retry_delay_seconds=2,
    retry_condition_fn=retry_on_io,
)
def erase_clean_partition(catalog_path: str, request_id: str, dataset: str, partition: str) -> dict:
    """Apply the dataset's erasure policy to one clean partition (on a worker); returns counts."""
    from flows.erasure.steps import erasure_context, subject_text
    from vault.request_client import open_request_vault

    catalog = load_catalog(catalog_path)
    with open_request_vault(catalog.vault_url) as vault:  # the vault service when configured: no KEK here
        ctx = erasure_context(catalog, vault, request_id)
        text = subject_text(ctx)
        plan = erase_partition(catalog, vault, recorded_footprint(ctx), request_id, dataset, partition, text)
    return {"dataset": dataset, "partition": partition, "rewritten": plan.clean_rewritten}


def check_partition(
    catalog: Catalog,
    vault,
    fp: Footprint,
    text: SubjectText | None,
    dataset: str,
    partition: str,
    raw_file: str | None,
) -> Checked:
    """The verify step's checks of one clean partition and of the raw file behind it, each on a fresh
    `Verification` (the fingerprint checks only when the subject has fingerprints, as the step)."""
    matcher = PlaintextMatcher(vault, fp)
    plan = PartitionPlan(dataset=dataset, partition=partition, policy=catalog.dataset(dataset).erasure)
    checks = {(CLEAN_CHECK, dataset, partition): lambda r: check_clean(catalog, vault, fp, plan, matcher, r)}
    if raw_file is not None:
        checks[(RAW_CHECK, dataset, raw_file)] = lambda r: check_raw(
            catalog, vault, fp, dataset, raw_file, matcher, r
        )
    if text:
        checks[(CLEAN_TEXT_CHECK, dataset, partition)] = lambda r: check_clean_text(catalog, text, plan, r)
        if raw_file is not None:
            checks[(RAW_TEXT_CHECK, dataset, raw_file)] = lambda r: check_raw_text(
                catalog, text, dataset, raw_file, r
            )
    checked: Checked = {}
    for key, check in checks.items():
        checked[key] = Verification()
        check(checked[key])
    return checked


@task(
    name="erasure-verify-partition",
    persist_result=False,
    cache_policy=NO_CACHE,
    retries=2,
    retry_delay_seconds=2,
    retry_condition_fn=retry_on_io,
)
def verify_partition(
    catalog_path: str, request_id: str, dataset: str, partition: str, raw_file: str | None
) -> list[list]:
    """Check one erased clean partition and its raw file for anything of the subject (on a worker);
    returns [check, dataset, file, result] per check: places and entity types, never a value."""
    from flows.erasure.steps import erasure_context, subject_text
    from vault.request_client import open_request_vault

    catalog = load_catalog(catalog_path)
    with open_request_vault(catalog.vault_url) as vault:  # the vault service when configured: no KEK here
        ctx = erasure_context(catalog, vault, request_id)
        text = subject_text(ctx)
        checked = check_partition(catalog, vault, recorded_footprint(ctx), text, dataset, partition, raw_file)
    return [[*key, piece.to_dict()] for key, piece in checked.items()]


def verify_checks(ctx: RequestContext, catalog_path: str, run_tasks) -> Checked:
    """Every examined partition's verify checks, made by tasks on the workers (`verify_partition`); a
    partition whose task fails fails the run, which a rerun resumes at the verify step."""
    plans = [state for state, _done in progress.items(ctx.vault, ctx.request_id, CLEAN).values()]
    behind = raw_file_of(ctx.catalog, plans)
    calls, assigned = [], set()
    for plan in plans:
        raw_file = behind.get((plan["dataset"], plan["partition"]))
        if (plan["dataset"], raw_file) in assigned:  # a raw file behind two partitions: checked once
            raw_file = None
        assigned.add((plan["dataset"], raw_file))
        calls.append(
            {
                "catalog_path": catalog_path,
                "request_id": ctx.request_id,
                "dataset": plan["dataset"],
                "partition": plan["partition"],
                "raw_file": raw_file,
            }
        )
    states = run_tasks(verify_partition, calls)
    raise_for_failures([failure_text(s) for s in states if not s.is_completed()])
    return {
        (check, dataset, file): Verification.from_dict(piece)
        for state in states
        for check, dataset, file, piece in state.result()
    }
