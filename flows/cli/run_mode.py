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
