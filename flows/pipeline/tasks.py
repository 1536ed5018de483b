"""Prefect tasks shared by the scan and tokenize flows: small, single-verb, passing paths and ids only.

Tasks that read raw data persist no result and cache nothing (`RAW_DATA`), so nothing derived from a
personal value is ever written to Prefect's database or result storage. Retries are for I/O failures
only; a data failure is raised as a `PipelineError` that names dataset, file and row and no value.
"""

from __future__ import annotations

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.pipeline.catalog import load_catalog
from flows.pipeline.task_runners import pending_bytes, runner_settings  # noqa: F401 - the flows' names


def retry_on_io(task, task_run, state) -> bool:
    """Retry a task only when it failed on I/O (a flaky disk or database), never on bad data."""
    try:
        exception = state.result(raise_on_failure=False)
    except Exception:
        return False
    return isinstance(exception, OSError)


# Settings for every task that touches raw data.
RAW_DATA = {
    "persist_result": False,
    "cache_policy": NO_CACHE,
    "retries": 2,
    "retry_delay_seconds": 2,
    "retry_condition_fn": retry_on_io,
}


def failure_text(state) -> str:
    """What a failed file task says: our errors name dataset, file and rows; others only their class."""
    from flows.pipeline.errors import PipelineError

    exception = state.result(raise_on_failure=False)
    if isinstance(exception, PipelineError):
        return str(exception)
    return type(exception).__name__ if isinstance(exception, BaseException) else "failed"


def raise_for_failures(failures: list[str]) -> None:
    """Fail the flow after every other file was processed, naming each failed file."""
    from flows.pipeline.errors import PipelineError

    if failures:
        raise PipelineError(f"{len(failures)} file(s) failed: " + "; ".join(failures))


@task(name="list-raw-files", **RAW_DATA)
def list_raw_files(catalog_path: str, dataset: str) -> list[str]:
    """The raw files of a dataset, as paths relative to the raw zone."""
    catalog = load_catalog(catalog_path)
    files = catalog.raw_files(dataset)
    if not files:
        get_run_logger().warning(
            "dataset %s: no file matches %r under the raw zone %s",
            dataset,
            catalog.dataset(dataset).path,
            catalog.raw_dir,
        )
    return files


@task(name="classify-columns", **RAW_DATA)
def classify_dataset_columns(catalog_path: str, dataset: str) -> dict[str, str | None]:
    """Column -> entity type / free_text / None for a dataset (declared kinds win over classification)."""
    from flows.pipeline.column_kinds import classify_columns, sample_frame

    catalog = load_catalog(catalog_path)
    return classify_columns(catalog.dataset(dataset), sample_frame(catalog, dataset))


def flow_runner(settings, catalog, files_of: dict[str, list[str]], force: bool = True):
    """The runner a flow run uses. Workers in other processes need a Prefect server they can reach: on
    Prefect's in-process temporary server an automatic choice stays sequential, an explicit one fails."""
    return runner_for(settings, catalog, pending_bytes(catalog, files_of, force))


def runner_for(settings, catalog, pending: int):
    """`flow_runner` for `pending` bytes to process."""
    from prefect.settings import PREFECT_API_URL

    from flows.pipeline.task_runners import SEQUENTIAL, RunnerChoice, RunnerError, choose_runner

    choice = choose_runner(settings, catalog.vault_url, pending)
    if choice.parallel and not PREFECT_API_URL.value():
        if settings.workers or settings.dask_address:
            raise RunnerError(
                "Dask workers cannot reach Prefect's temporary in-process server: "
                "run `prefect server start` and set PREFECT_API_URL"
            )
        return RunnerChoice(SEQUENTIAL, reason="no Prefect server the workers could reach")
    return choice
