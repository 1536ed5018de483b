"""How a command runs its work: in this process, or as a Prefect flow run.

In process (the default when `PREFECT_API_URL` is not set): the command calls the same step functions the
flows' tasks call (`flows.scan.run`, `flows.tokenize.tokenizing.tokenize_file`, `run_erasure`,
`run_access`), without Prefect: an answer in a second or two, and no server to leave behind.

As a Prefect flow run (`PREFECT_API_URL` set, or `--prefect`): the flow runs against that API, so its runs,
logs and artifacts are in the Prefect UI. With `--prefect` and no API configured, piivault starts a
temporary server for the command (`flows.cli.prefect_server`: it dies with the command, state in
`PREFECT_HOME`, default `.prefect/` beside the catalog).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from flows.pipeline.catalog_location import CatalogLocation

API_ENV = "PREFECT_API_URL"
DASK_NEEDS_API = (
    "--dask-address: the cluster's workers need a Prefect server they can reach; run "
    "`prefect server start` on a host they see and set PREFECT_API_URL=http://host:4200/api"
)
PREFECT_DIR = ".prefect"


def add_prefect_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--prefect",
        action="store_true",
        help="run as a Prefect flow run (on PREFECT_API_URL, else on a temporary server for this command) "
        "instead of in this process; the default when PREFECT_API_URL is set",
    )


def use_prefect(args: argparse.Namespace) -> bool:
    """Prefect flow run or in-process: `--prefect`, or an API configured in the environment."""
    return bool(getattr(args, "prefect", False) or os.environ.get(API_ENV))


def configured_api_url() -> str | None:
    """The API URL from the environment, or from Prefect's settings when Prefect is already imported in this
    process (an embedding application or a test harness configured it)."""
    if os.environ.get(API_ENV):
        return os.environ[API_ENV]
    if "prefect.settings" in sys.modules:
        from prefect.settings import PREFECT_API_URL

        return PREFECT_API_URL.value()
    return None


def say(line: str) -> None:
    print(f"piivault: {line}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def prefect_api(location: CatalogLocation) -> Iterator[str]:
    """A Prefect API for the block: the configured one, or a temporary server with its state in
    `PREFECT_HOME` (default `.prefect/` beside the catalog), stopped after the block."""
    url = configured_api_url()
    if url:
        yield url
        return
    from flows.cli.prefect_server import temporary_server

    home = Path(os.environ.setdefault("PREFECT_HOME", str(location.path.parent / PREFECT_DIR))).absolute()
    with temporary_server(home, say) as url:
        os.environ[API_ENV] = url
        try:
            from prefect.settings import PREFECT_API_URL, temporary_settings

            with temporary_settings(updates={PREFECT_API_URL: url}):
                yield url
                _flush_to_server()
        finally:
            del os.environ[API_ENV]


def _flush_to_server() -> None:
    """Send the logs and events still queued in this process before the server stops."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=10)
    EventsWorker.drain_all(timeout=10)


def add_runner_options(parser: argparse.ArgumentParser) -> None:
    """`--workers N` and `--dask-address URL`: where per-partition work runs (flows.pipeline.task_runners)."""
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        default=None,
        help="run partitions on a local Dask cluster of N worker processes (1: sequential, in this "
        "process); default: the catalog's runner section, else one per core when the zone is big enough",
    )
    parser.add_argument(
        "--dask-address",
        metavar="URL",
        default=None,
        help="run partitions on an existing Dask cluster (tcp://scheduler:8786); needs PREFECT_API_URL",
    )


def runner_from_args(args: argparse.Namespace, catalog):
    """The runner settings: the options over the catalog's `runner:` section over the defaults."""
    from flows.cli.errors import CommandError
    from flows.pipeline.task_runners import RunnerSettings, runner_settings

    base = runner_settings(catalog)
    workers, address = getattr(args, "workers", None), getattr(args, "dask_address", None)
    if workers is not None and workers < 1:
        raise CommandError("--workers takes a number of worker processes, 1 or more")
    if workers is None and address is None:
        return base
    return RunnerSettings(workers=workers, dask_address=address, partition_mib=base.partition_mib)


@contextlib.contextmanager
def cluster_api(location: CatalogLocation, choice) -> Iterator[str]:
    """A Prefect API Dask workers in other processes can reach, said in one line: PREFECT_API_URL when set;
    for a local cluster, else, a Prefect server this command starts (and stops); an existing cluster's
    workers run elsewhere, so it must be configured."""
    from flows.cli.errors import CommandError
    from flows.pipeline.task_runners import CLUSTER

    url = os.environ.get(API_ENV)
    if url:
        say(f"Dask workers report to the Prefect server at {url} (PREFECT_API_URL)")
        yield url
        return
    if choice.mode == CLUSTER:
        raise CommandError(DASK_NEEDS_API)
    with prefect_api(location) as url:  # it says in one line which server it started
        yield url
