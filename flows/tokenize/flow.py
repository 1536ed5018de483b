"""The tokenize flow: every catalog dataset's raw files into tokenized Parquet in the clean zone, values
into the vault, with lineage, subject links and a manifest that makes reruns of unchanged files no-ops."""

from __future__ import annotations

import shutil

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from flows.pipeline.catalog import load_catalog
from flows.pipeline.task_runners import RunnerSettings, task_map
from flows.pipeline.tasks import (
    RAW_DATA,
    classify_dataset_columns,
    failure_text,
    flow_runner,
    list_raw_files,
    raise_for_failures,
    runner_settings,
)
from flows.tokenize.zone_run import Failed


def _vault(catalog):
    """The vault the tasks use: the vault service when `PIIVAULT_VAULT_URL` is set (a `pipeline` credential
    and no KEK in this process: `vault.pipeline_client`), else the catalog's vault."""
    from vault.pipeline_client import open_tokenize_vault

    return open_tokenize_vault(catalog.vault_url)


@task(name="plan-raw-file", **RAW_DATA)
def plan_raw_file(catalog_path: str, dataset: str, file: str, kinds: dict, force: bool, partition_bytes: int):
    """Whether a raw file is to be tokenized, and its partitions (`flows.tokenize.partitioned`)."""
    from flows.tokenize.partitioned import plan_file

    catalog = load_catalog(catalog_path)
    return plan_file(catalog, dataset, catalog.raw_dir / file, kinds, force, partition_bytes)


@task(name="tokenize-partition", **RAW_DATA)
def tokenize_raw_partition(
    catalog_path: str, plan, partition, kinds: dict[str, str | None], promoted: list[str], known: str
):
    """Tokenize one partition of a raw file into its part; returns counts and the tokens it holds."""
    from flows.tokenize.known_snapshot import load_snapshot
    from flows.tokenize.partitioned import tokenize_partition
    from recognizers import detect

    catalog = load_catalog(catalog_path)
    with _vault(catalog) as vault:
        matcher = load_snapshot(vault, known)
        return tokenize_partition(catalog, plan, partition, kinds, set(promoted), vault, detect, matcher)


@task(name="assemble-clean-file", **RAW_DATA)
def assemble_clean_file(catalog_path: str, plan, parts: list) -> dict:
    """Join a file's parts into its clean file, record its lineage and manifest entry."""
    from flows.tokenize.partitioned import assemble_file

    catalog = load_catalog(catalog_path)
    with _vault(catalog) as vault:
        return assemble_file(catalog, plan, parts, vault).to_dict()


def summary_markdown(results: list[dict]) -> str:
    """The tokenize artifact: per file, records in/out, quarantined and tokens held."""
    lines = [
        "# piivault tokenize",
        "",
        "| dataset | file | status | records in | out | quarantined | distinct tokens |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        status = "unchanged, skipped" if r["skipped"] else "tokenized"
        lines.append(
            f"| {r['dataset']} | `{r['file']}` | {status} | {r['records_in']} | {r['records_out']} "
            f"| {r['quarantined']} | {r['tokens']} |"
        )
    for r in results:
        for bad in r["bad"][:50]:
            where = ", ".join(f"{k} {v}" for k, v in bad.items() if k != "reason")
            lines.append(f"- quarantined: {r['dataset']} `{r['file']}` {where}: {bad['reason']}")
    return "\n".join(lines) + "\n"


@flow(name="tokenize", log_prints=False)
def tokenize(
    catalog_path: str = "catalog.yaml",
    datasets: list[str] | None = None,
    force: bool = False,
    runner: RunnerSettings | None = None,
) -> list[dict]:
    """Tokenize the selected catalog datasets (all by default); `force` redoes unchanged files too;
    `runner`: where partitions run (default: the catalog's `runner:` section, else automatic)."""
    from flows.pipeline.zone_lock import zone_lock

    logger = get_run_logger()
    catalog = load_catalog(catalog_path)
    with zone_lock(
        catalog, "tokenize", notify=logger.warning
    ):  # never beside an erasure (flows.pipeline.zone_lock)
        return _tokenize(catalog_path, catalog, datasets, force, runner, logger)


def _tokenize(catalog_path: str, catalog, datasets, force: bool, runner, logger) -> list[dict]:
    from flows.pipeline.storage import work_dir
    from flows.tokenize.known_snapshot import save_snapshot
    from flows.tokenize.partitioned import PARTS_DIR
    from flows.tokenize.zone_run import Steps, run_zone

    # Datasets with a subject key first: their links let the others link through shared identifiers.
    selected = sorted(catalog.selected(datasets), key=lambda n: catalog.dataset(n).subject_key is None)
    kinds_of = {name: classify_dataset_columns(catalog_path, name) for name in selected}
    files_of = {name: list_raw_files(catalog_path, name) for name in selected}
    settings = runner_settings(catalog, runner)
    choice = flow_runner(settings, catalog, files_of, force)
    logger.info("%s", choice.line())
    staging = work_dir(catalog.clean_dir, PARTS_DIR)  # local, also for a zone on object storage

    def known(phase: int) -> str:
        with _vault(catalog) as vault:
            return save_snapshot(vault, staging / f"known-{phase}.npz")

    with task_map(choice) as run_tasks:

        def step(task, **fixed):
            def run(calls: list[dict]) -> list:
                states = run_tasks(task, [{"catalog_path": catalog_path, **fixed, **_args(c)} for c in calls])
                return [s.result() if s.is_completed() else Failed(failure_text(s)) for s in states]

            return run

        steps = Steps(
            plan=step(plan_raw_file, partition_bytes=settings.partition_bytes),
            partition=step(tokenize_raw_partition),
            assemble=step(assemble_clean_file),
            known=known,
            log=logger.info,
        )
        zone = run_zone(catalog, selected, files_of, kinds_of, force, steps)
    shutil.rmtree(staging, ignore_errors=True)
    for result in zone.results:
        logger.info(
            "%s %s: %s, %d in, %d out, %d quarantined",
            result["dataset"],
            result["file"],
            "unchanged" if result["skipped"] else "tokenized",
            result["records_in"],
            result["records_out"],
            result["quarantined"],
        )
    markdown = summary_markdown(zone.results) + "".join(f"- FAILED: {text}\n" for text in zone.failures)
    create_markdown_artifact(key="tokenize-summary", markdown=markdown, description="tokenize")
    raise_for_failures(zone.failures)
    return zone.results


def _args(call: dict) -> dict:
    """A step call as its task's parameters (the tasks take the catalog path, not the dataset twice)."""
    return {k: v for k, v in call.items() if k != "dataset" or "plan" not in call}
