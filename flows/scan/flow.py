"""The scan flow: what personal data each catalog dataset holds, published as Prefect artifacts and as a
self-contained HTML report. It reads the raw zone and writes only counts and masked evidence.

`flows.scan.run` takes the same steps without Prefect (what `piivault scan` does by default)."""

from __future__ import annotations

from dataclasses import asdict

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

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
from flows.scan.report import markdown, table_rows, update_reports
from flows.scan.run import now_text


@task(name="plan-scan-file", **RAW_DATA)
def plan_scan_file(catalog_path: str, dataset: str, file: str, partition_bytes: int):
    """A raw file's layout and partitions (`flows.scan.partitioned`)."""
    from flows.scan.partitioned import plan_scan

    return plan_scan(load_catalog(catalog_path), dataset, file, partition_bytes)


@task(name="scan-partition", **RAW_DATA)
def scan_raw_partition(catalog_path: str, plan, partition, kinds: dict[str, str | None]):
    """Counts, masked evidence and unreadable positions for one partition of a raw file."""
    from flows.scan.partitioned import scan_partition

    return scan_partition(load_catalog(catalog_path), plan, partition, kinds)


@task(name="summarise-dataset", persist_result=False)
def summarise_dataset(
    catalog_path: str, dataset: str, kinds: dict[str, str | None], files: list[dict]
) -> dict:
    """One dataset's scan summary from its files' counts."""
    from flows.scan.scanning import EntityTally, FileScan, dataset_summary

    catalog = load_catalog(catalog_path)
    scans = []
    for data in files:
        columns = {
            column: {entity: EntityTally(**tally) for entity, tally in tallies.items()}
            for column, tallies in data.pop("columns").items()
        }
        scans.append(FileScan(**data, columns=columns))
    return dataset_summary(dataset, catalog.dataset(dataset), kinds, scans)


@task(name="publish-scan-report", persist_result=False)
def publish_scan_report(catalog_path: str, summaries: list[dict]) -> str:
    """Update the HTML and JSON reports with these datasets (the others stay as last scanned) and publish
    the whole report as the Prefect markdown and table artifacts; returns the HTML path."""
    catalog = load_catalog(catalog_path)
    html_path, shown = update_reports(summaries, catalog.reports_dir, now_text(), list(catalog.datasets))
    create_markdown_artifact(
        key="scan-report", markdown=markdown(shown, html_path), description="piivault scan"
    )
    create_table_artifact(key="scan-entities", table=table_rows(shown), description="entities per column")
    return str(html_path)


@flow(name="scan", log_prints=False)
def scan(
    catalog_path: str = "catalog.yaml",
    datasets: list[str] | None = None,
    runner: RunnerSettings | None = None,
) -> str:
    """Scan the raw zone of the selected catalog datasets (all by default); returns the HTML report path.
    `runner`: where partitions run (default: the catalog's `runner:` section, else automatic)."""
    logger = get_run_logger()
    catalog = load_catalog(catalog_path)
    selected = catalog.selected(datasets)
    kinds_of = {name: classify_dataset_columns(catalog_path, name) for name in selected}
    files_of = {name: list_raw_files(catalog_path, name) for name in selected}
    settings = runner_settings(catalog, runner)
    choice = flow_runner(settings, catalog, files_of)
    logger.info("%s", choice.line())
    failures: list[str] = []
    with task_map(choice) as run_tasks:
        scans = _scan_files(catalog_path, selected, files_of, kinds_of, settings, run_tasks, failures)
    summaries = []
    for name in selected:
        summary = summarise_dataset(catalog_path, name, kinds_of[name], scans[name])
        logger.info(
            "dataset %s: %d records in %d files, %d unreadable",
            name,
            summary["records_ok"],
            summary["files"],
            len(summary["quarantined"]),
        )
        summaries.append(summary)
    report = publish_scan_report(catalog_path, summaries)
    logger.info("scan report written to %s", report)
    raise_for_failures(failures)
    return report


def _scan_files(catalog_path, selected, files_of, kinds_of, settings, run_tasks, failures) -> dict:
    """dataset -> its files' scans (as dicts), every file's partitions submitted at once."""
    from flows.scan.partitioned import merge_scans

    calls = [
        {"catalog_path": catalog_path, "dataset": n, "file": f, "partition_bytes": settings.partition_bytes}
        for n in selected
        for f in files_of[n]
    ]
    plans = []
    for state in run_tasks(plan_scan_file, calls):
        if state.is_completed():
            plans.append(state.result())
        else:
            failures.append(failure_text(state))
    calls = [
        {"catalog_path": catalog_path, "plan": p, "partition": part, "kinds": kinds_of[p.dataset]}
        for p in plans
        for part in p.partitions
    ]
    states = iter(run_tasks(scan_raw_partition, calls))
    scans: dict[str, list[dict]] = {name: [] for name in selected}
    for plan in plans:
        pieces = [next(states) for _ in plan.partitions]
        failed = [failure_text(s) for s in pieces if not s.is_completed()]
        if failed:
            failures.append(failed[0])
            continue
        scans[plan.dataset].append(asdict(merge_scans(plan, [s.result() for s in pieces])))
    return scans
