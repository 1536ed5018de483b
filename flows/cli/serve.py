"""`piivault serve`: run the scheduled deployments (nightly tokenize, weekly scan) on this machine, and
the on-demand erasure and access deployments (`prefect deployment run 'erase/erasure-served' -p
request_id=...`), from this process, until interrupted.

The served deployments are named apart from those `prefect deploy` registers from `prefect.yaml`
(`nightly-tokenize-served`, not `nightly-tokenize`): both can live on one server, serve never takes a
work-pool deployment over, and stopping serve pauses only its own deployments. No work pool is needed.
Without PREFECT_API_URL, serve starts a temporary server for its lifetime and prints its URL.
The catalog is checked before anything is registered: a missing one stops serve with its path.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from flows.cli.catalog_option import add_catalog_option, catalog_location, load_catalog_from
from flows.cli.errors import CommandError
from flows.cli.run_mode import prefect_api, say

TOKENIZE_CRON = "0 2 * * *"  # nightly, after the landing zone's daily drops
SCAN_CRON = "0 4 * * 0"  # weekly, Sunday morning
SERVED = "-served"  # appended to prefect.yaml's deployment names


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve nightly tokenize, weekly scan and on-demand erasure/access from this process",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_catalog_option(parser)
    parser.add_argument("--tokenize-cron", default=TOKENIZE_CRON, help=f"default {TOKENIZE_CRON!r}")
    parser.add_argument("--scan-cron", default=SCAN_CRON, help=f"default {SCAN_CRON!r}")
    parser.set_defaults(run=run)


def deployments(catalog: str, tokenize_cron: str, scan_cron: str) -> list:
    """The deployments `serve` runs; parameters: the catalog path (and a request id given at run time)."""
    from flows.access.flow import access
    from flows.erasure.flow import erase
    from flows.scan.flow import scan
    from flows.tokenize.flow import tokenize

    parameters = {"catalog_path": str(Path(catalog).resolve())}
    return [
        tokenize.to_deployment(name="nightly-tokenize" + SERVED, cron=tokenize_cron, parameters=parameters),
        scan.to_deployment(name="weekly-scan" + SERVED, cron=scan_cron, parameters=parameters),
        erase.to_deployment(name="erasure" + SERVED, parameters=parameters),
        access.to_deployment(name="access" + SERVED, parameters=parameters),
    ]


def refuse_work_pool_deployments(served: list) -> None:
    """CommandError when a deployment of a served name exists on a work pool: serving it would take it
    over (runs would go to this process, and stopping would pause it)."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        for deployment in served:
            name = f"{deployment.flow_name}/{deployment.name}"
            try:
                existing = client.read_deployment_by_name(name)
            except ObjectNotFound:
                continue
            if existing.work_pool_name:
                raise CommandError(
                    f"deployment {name} exists on work pool {existing.work_pool_name}; serve would take it "
                    "over: delete it (`prefect deployment delete`) or serve against another server"
                )


def pause_deployments(served: list) -> None:
    """Pause those of the served deployments that were registered (as Prefect's serve does on stopping)."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        for deployment in served:
            try:
                client.pause_deployment(
                    client.read_deployment_by_name(f"{deployment.flow_name}/{deployment.name}").id
                )
            except ObjectNotFound:
                continue


def run(args: argparse.Namespace) -> int:
    load_catalog_from(args)  # a missing or invalid catalog stops serve before anything is registered
    location = catalog_location(args)
    try:
        with prefect_api(location) as url:
            from prefect import serve

            served = deployments(str(location.path), args.tokenize_cron, args.scan_cron)
            refuse_work_pool_deployments(served)
            names = ", ".join(f"{d.flow_name}/{d.name}" for d in served)
            say(f"serving {names} on {url} (catalog {location.path})")
            try:
                serve(*served)  # until Ctrl-C or SIGTERM, which it handles: pauses its deployments, returns
            except KeyboardInterrupt:  # after registering, before Prefect's own handling began
                pause_deployments(served)
                return 130
    except KeyboardInterrupt:  # before anything was registered
        return 130
    return 0
