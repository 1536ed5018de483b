"""The scan flow: what personal data each catalog dataset holds, published as Prefect artifacts and as a
self-contained HTML report. It reads the raw zone and writes only counts and masked evidence.

`flows.scan.run` takes the same steps without Prefect (what `piivault scan` does by default)."""

from __future__ import annotations

from dataclasses import asdict

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.pipeline.catalog import load_catalog
from flows.pipeline.tasks import (
    RAW_DATA,
    classify_dataset_columns,
    failure_text,
    list_raw_files,
    raise_for_failures,
)
from flows.scan.report import markdown, table_rows, update_reports
from flows.scan.run import now_text, scan_raw


@task(name="scan-raw-file", **RAW_DATA)
def scan_raw_file(catalog_path: str, dataset: str, file: str, kinds: dict[str, str | None]) -> dict:
    """Counts, masked evidence and unreadable positions for one raw file."""
    return asdict(scan_raw(load_catalog(catalog_path), dataset, file, kinds))


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
def scan(catalog_path: str = "catalog.yaml", datasets: list[str] | None = None) -> str:
    """Scan the raw zone of the selected catalog datasets (all by default); returns the HTML report path."""
    logger = get_run_logger()
    catalog = load_catalog(catalog_path)
    summaries = []
    failures: list[str] = []
    for name in catalog.selected(datasets):
        kinds = classify_dataset_columns(catalog_path, name)
        files = []
        for file in list_raw_files(catalog_path, name):
            state = scan_raw_file(catalog_path, name, file, kinds, return_state=True)
            if state.is_completed():
                files.append(state.result())
            else:
                failures.append(failure_text(state))
        summary = summarise_dataset(catalog_path, name, kinds, files)
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
