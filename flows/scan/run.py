"""The scan without Prefect: the steps the flow's tasks take (`flows.scan.flow`), called in this process.

`piivault scan` uses it when no Prefect API is configured: the same classification, the same per-file
step (`scan_raw`, which the flow's `scan-raw-file` task calls too), the same summary and report, with no
server to start. A file that fails is named in the failures and the others are still scanned, as in the
flow; unlike the flow's tasks, nothing is retried (rerun the command).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from flows.pipeline.catalog import Catalog
from flows.pipeline.column_kinds import classify_columns, sample_frame
from flows.pipeline.errors import PipelineError, failure_context
from flows.scan.report import update_reports
from flows.scan.scanning import FileScan, dataset_summary, scan_file


def now_text() -> str:
    """When a scan ran, as the reports write it."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def scan_raw(catalog: Catalog, name: str, relpath: str, kinds: dict[str, str | None]) -> FileScan:
    """One raw file's counts; a link out of the raw zone, or any failure, is a PipelineError naming it."""
    path = catalog.raw_dir / relpath
    catalog.check_inside_raw(name, path)
    with failure_context(name, relpath):
        return scan_file(path, relpath, catalog.dataset(name), kinds)


def raw_files(catalog: Catalog, name: str, warn: Callable[[str], None]) -> list[str]:
    """A dataset's raw files relative to the raw zone; says so when its glob matches none."""
    files = catalog.raw_files(name)
    if not files:
        pattern = catalog.dataset(name).path
        warn(f"dataset {name}: no file matches {pattern!r} under the raw zone {catalog.raw_dir}")
    return files


def scan_dataset(catalog: Catalog, name: str, failures: list[str], warn: Callable[[str], None]) -> dict:
    """One dataset's summary; each file that fails adds a line naming it to `failures`."""
    kinds = classify_columns(catalog.dataset(name), sample_frame(catalog, name))
    files = []
    for relpath in raw_files(catalog, name, warn):
        try:
            files.append(scan_raw(catalog, name, relpath, kinds))
        except PipelineError as error:
            failures.append(str(error))
    return dataset_summary(name, catalog.dataset(name), kinds, files)


def scan_in_process(
    catalog: Catalog, datasets: list[str] | None, warn: Callable[[str], None]
) -> tuple[Path, list[dict], list[str]]:
    """Scan the selected datasets (all by default) and update the report: (HTML path, this run's
    summaries, failures)."""
    failures: list[str] = []
    summaries = [scan_dataset(catalog, name, failures, warn) for name in catalog.selected(datasets)]
    html_path, _shown = update_reports(summaries, catalog.reports_dir, now_text(), list(catalog.datasets))
    return html_path, summaries, failures
