"""The erasure's clean, raw and verify steps spread over Dask workers.

Before the clean step runs in the flow's process, every partition it will examine (lineage's, and with the
subject's fingerprints every partition of the datasets that can hold text: the bulk of an erasure's reading)
is erased by a task on a worker, through the very function the step calls per partition
(`flows.erasure.clean_zone.erase_partition`), which records each partition's plan in the progress rows.
The step then finds every partition done and only gathers the plans. The files written, the plans and the
receipt are those of a run in order: `erase_partition` works per partition and is resumable, so a task that
fails or a run killed half way leaves nothing a rerun does not finish. Tasks return counts only.

The raw step goes the same way: before it runs in the flow's process, tasks on the workers purge the raw
files behind the recorded plans through the step's own per-file function
(`flows.erasure.raw_zone.purge_raw_file`, resumable, its state recorded per file), reading each plan from
the progress rows (tasks are handed [dataset, partition] pairs, never a plan's values); the step then finds
every file done. The plans of one raw file go to one task, in the step's order.

The verify step re-reads every examined clean partition and the raw file behind it (values, then every
fingerprint of the subject in their text): most of an erasure's time at size. Before it runs, tasks on
the workers make those checks, a clean partition's apart from its raw file's (`check_partition`), each on
a fresh `Verification`, and return their findings (places and entity types, never a value) and counts;
the step then absorbs them in its own order (`flows.erasure.verify.run_check`), so its result is the one
a run in order makes. They are handed to the step in memory, never recorded: a rerun checks again.

Each of the three steps hands its files to the workers in about four batches per worker, of about equal
estimated cost, the costliest first (`flows.erasure.work_order`), so the workers finish together and the
flow's process submits few tasks; which worker does what, and when, changes no result.

The tasks open the vault as the flow does (`vault.request_client.open_request_vault`): with the vault
service configured, workers hold no KEK.
"""

from __future__ import annotations

import threading

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.erasure.clean_zone import STEP as CLEAN
from flows.erasure.clean_zone import PartitionPlan, erase_partition
from flows.erasure.raw_zone import purge_raw_file
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
from flows.erasure.work_order import batches, reading_cost
from flows.pipeline.catalog import Catalog, load_catalog
from flows.pipeline.tasks import failure_text, raise_for_failures, retry_on_io
from flows.requests import progress
from flows.requests.rewrites import item_key
from flows.requests.run import RESOLVE, RequestContext, recorded, recorded_footprint
from flows.requests.subject import Footprint

_LAST_TEXT = threading.local()  # per worker thread: (catalog path, request id, its SubjectText)


def worker_subject_text(ctx: RequestContext, catalog_path: str) -> SubjectText | None:
    """The request's `SubjectText` (`flows.erasure.steps.subject_text`), made once per worker thread and
    request: its scanner's caches (each word folded and keyed, each digit run read) then serve every task
    the worker runs for the request instead of starting empty in each; kept in memory only, and only for
    the thread's last request. The recorded fingerprints never change once the resolve step is done."""
    from flows.erasure.steps import subject_text

    last = getattr(_LAST_TEXT, "found", None)
    if last is None or last[:2] != (catalog_path, ctx.request_id):
        last = _LAST_TEXT.found = (catalog_path, ctx.request_id, subject_text(ctx))
    return last[2]


def clean_partitions(ctx: RequestContext) -> list[tuple[str, str]]:
    """(dataset, partition) the clean step examines, in its order."""
    from flows.erasure.steps import subject_text

    examined = dict.fromkeys(tuple(p) for p in recorded(ctx, RESOLVE)["partitions"])
    if subject_text(ctx):
        examined.update(dict.fromkeys(text_partitions(ctx.catalog)))
    return list(examined)


def clean_batches(ctx: RequestContext, count: int) -> list[list[list[str]]]:
    """The clean step's partitions as [dataset, partition] pairs in `count` batches for the workers, the
    costliest first."""
    clean_dir = ctx.catalog.clean_dir
    pairs = [[d, p] for d, p in clean_partitions(ctx)]
    return batches(pairs, lambda pair: reading_cost(clean_dir / pair[0] / pair[1]), count)


@task(
    name="erasure-clean-partitions",
    persist_result=False,
    cache_policy=NO_CACHE,
    retries=2,
    retry_delay_seconds=2,
    retry_condition_fn=retry_on_io,
)
def erase_clean_partitions(catalog_path: str, request_id: str, partitions: list[list[str]]) -> list[dict]:
    """Apply each dataset's erasure policy to clean partitions (on a worker, [dataset, partition] each,
    resumably: a retry finds the ones done); returns counts."""
    from flows.erasure.steps import erasure_context
    from vault.request_client import open_request_vault

    catalog = load_catalog(catalog_path)
    done = []
    with open_request_vault(catalog.vault_url) as vault:  # the vault service when configured: no KEK here
        ctx = erasure_context(catalog, vault, request_id)
        fp, text = recorded_footprint(ctx), worker_subject_text(ctx, catalog_path)
        for dataset, partition in partitions:
            plan = erase_partition(catalog, vault, fp, request_id, dataset, partition, text)
            done.append({"dataset": dataset, "partition": partition, "rewritten": plan.clean_rewritten})
    return done


def raw_batches(ctx: RequestContext, count: int) -> list[list[list[str]]]:
    """The plans the raw step purges raw files for, as [dataset, partition] pairs in `count` batches for
    the workers, the costliest first; the plans of one raw file together, in the step's order."""
    from flows.erasure.steps import recorded_plans

    by_file: dict[tuple[str, str], list[list[str]]] = {}
    for plan in recorded_plans(ctx):
        if plan["raw_file"] and plan["raw_edits"]:
            pair = [plan["dataset"], plan["partition"]]
            by_file.setdefault((plan["dataset"], plan["raw_file"]), []).append(pair)
    found = batches(list(by_file), lambda key: reading_cost(ctx.catalog.raw_dir / key[1]), count)
    return [[pair for key in batch for pair in by_file[key]] for batch in found]


@task(
    name="erasure-purge-raw-files",
    persist_result=False,
    cache_policy=NO_CACHE,
    retries=2,
    retry_delay_seconds=2,
    retry_condition_fn=retry_on_io,
)
def purge_raw_files(catalog_path: str, request_id: str, partitions: list[list[str]]) -> list[dict]:
    """Purge the subject's records from the raw files behind clean partitions' recorded plans (on a worker,
    [dataset, partition] each, resumably); returns counts."""
    from vault.request_client import open_request_vault

    catalog = load_catalog(catalog_path)
    done = []
    with open_request_vault(catalog.vault_url) as vault:  # the vault service when configured: no KEK here
        for dataset, partition in partitions:
            state, _done = progress.load(vault, request_id, CLEAN, item_key(dataset, partition))
            result = purge_raw_file(catalog, vault, request_id, PartitionPlan.from_dict(state))
            done.append({"dataset": dataset, "file": result["file"], "dropped": result["dropped"]})
    return done


def check_partition(
    catalog: Catalog,
    vault,
    fp: Footprint,
    text: SubjectText | None,
    dataset: str,
    partition: str | None,
    raw_file: str | None,
) -> Checked:
    """The verify step's checks of one clean partition and of the raw file behind it (either may be None:
    not checked here), each on a fresh `Verification` (the fingerprint checks only when the subject has
    fingerprints, as the step)."""
    matcher = PlaintextMatcher(vault, fp)
    checks = {}
    if partition is not None:
        plan = PartitionPlan(dataset=dataset, partition=partition, policy=catalog.dataset(dataset).erasure)
        checks[(CLEAN_CHECK, dataset, partition)] = lambda r: check_clean(
            catalog, vault, fp, plan, matcher, r
        )
        if text:
            checks[(CLEAN_TEXT_CHECK, dataset, partition)] = lambda r: check_clean_text(
                catalog, text, plan, r
            )
    if raw_file is not None:
        checks[(RAW_CHECK, dataset, raw_file)] = lambda r: check_raw(
            catalog, vault, fp, dataset, raw_file, matcher, r
        )
        if text:
            checks[(RAW_TEXT_CHECK, dataset, raw_file)] = lambda r: check_raw_text(
                catalog, text, dataset, raw_file, r
            )
    checked: Checked = {}
    for key, check in checks.items():
        checked[key] = Verification()
        check(checked[key])
    return checked


@task(
    name="erasure-verify-files",
    persist_result=False,
    cache_policy=NO_CACHE,
    retries=2,
    retry_delay_seconds=2,
    retry_condition_fn=retry_on_io,
)
def verify_files(catalog_path: str, request_id: str, files: list[dict]) -> list[list]:
    """Check erased clean partitions and raw files for anything of the subject (on a worker; each of
    `files` names a dataset and a partition or a raw file); returns [check, dataset, file, result] per
    check: places and entity types, never a value."""
    from flows.erasure.steps import erasure_context
    from vault.request_client import open_request_vault

    catalog = load_catalog(catalog_path)
    found = []
    with open_request_vault(catalog.vault_url) as vault:  # the vault service when configured: no KEK here
        ctx = erasure_context(catalog, vault, request_id)
        fp, text = recorded_footprint(ctx), worker_subject_text(ctx, catalog_path)
        for f in files:
            checked = check_partition(catalog, vault, fp, text, f["dataset"], f["partition"], f["raw_file"])
            found.extend([*key, piece.to_dict()] for key, piece in checked.items())
    return found


def files_to_verify(catalog: Catalog, plans: list[dict]) -> list[dict]:
    """What the verify step's file checks read, one entry per clean partition and one per raw file behind
    them (a raw file behind two partitions once), each {dataset, partition, raw_file} with one of the
    two set."""
    files = [{"dataset": plan["dataset"], "partition": plan["partition"], "raw_file": None} for plan in plans]
    raw_files = dict.fromkeys(
        (dataset, raw_file) for (dataset, _), raw_file in raw_file_of(catalog, plans).items()
    )
    files.extend(
        {"dataset": dataset, "partition": None, "raw_file": raw_file} for dataset, raw_file in raw_files
    )
    return files


def file_cost(catalog: Catalog, entry: dict) -> int:
    """What checking one entry of `files_to_verify` reads (`flows.erasure.work_order.reading_cost`)."""
    if entry["partition"] is not None:
        return reading_cost(catalog.clean_dir / entry["dataset"] / entry["partition"])
    return reading_cost(catalog.raw_dir / entry["raw_file"])


def verify_checks(ctx: RequestContext, catalog_path: str, run_tasks, count: int) -> Checked:
    """Every examined partition's and raw file's verify checks, made by `count` tasks on the workers
    (`verify_files`), the costliest first; a task that fails fails the run, which a rerun resumes at the
    verify step."""
    from flows.erasure.steps import recorded_plans

    files = files_to_verify(ctx.catalog, recorded_plans(ctx))
    calls = [
        {"catalog_path": catalog_path, "request_id": ctx.request_id, "files": batch}
        for batch in batches(files, lambda entry: file_cost(ctx.catalog, entry), count)
    ]
    states = run_tasks(verify_files, calls)
    raise_for_failures([failure_text(s) for s in states if not s.is_completed()])
    return {
        (check, dataset, file): Verification.from_dict(piece)
        for state in states
        for check, dataset, file, piece in state.result()
    }
