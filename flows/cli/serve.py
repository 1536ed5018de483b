"""`piivault serve`: run the scheduled deployments (nightly tokenize, weekly scan) on this machine, and
the on-demand erasure and access deployments (`prefect deployment run 'erase/erasure' -p request_id=...`).

`flow.serve` needs no work pool: this process polls for scheduled runs and executes them itself. For a
Prefect server with workers, deploy from `prefect.yaml` instead (see docs/flows.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

TOKENIZE_CRON = "0 2 * * *"  # nightly, after the landing zone's daily drops
SCAN_CRON = "0 4 * * 0"  # weekly, Sunday morning


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve nightly tokenize, weekly scan and on-demand erasure/access from this process",
        description="Serve the scan and tokenize flows on their schedules until interrupted.",
    )
    parser.add_argument("--catalog", default="catalog.yaml", help="catalog file (default ./catalog.yaml)")
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
        tokenize.to_deployment(name="nightly-tokenize", cron=tokenize_cron, parameters=parameters),
        scan.to_deployment(name="weekly-scan", cron=scan_cron, parameters=parameters),
        erase.to_deployment(name="erasure", parameters=parameters),
        access.to_deployment(name="access", parameters=parameters),
    ]


def run(args: argparse.Namespace) -> int:
    from prefect import serve

    serve(*deployments(args.catalog, args.tokenize_cron, args.scan_cron))
    return 0
