"""`piivault access REQUEST_ID` or `piivault access --email X ... --verified-by WHO --method HOW`.

Runs the access request: every record about the person in the clean zone and the vault, detokenized for
the privacy officer (audited), written as an export package (JSON, one CSV per dataset, a summary) under
`<reports>/access/<request id>/`, whose directory is printed. In this process by default; as a run of
the Prefect flow `access` with `--prefect` or when PREFECT_API_URL is set. Exit status as for
`piivault erase`.
"""

from __future__ import annotations

import argparse
import getpass

from flows.cli.erase import run_request_command
from flows.cli.request import add_identifier_options
from flows.cli.run_mode import add_prefect_option


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "access",
        help="export everything held about a person (right of access), detokenized and audited",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("request_id", nargs="?", metavar="REQUEST_ID", help="a filed access request")
    add_identifier_options(parser, required=False)
    parser.add_argument("--actor", default=None, help="the privacy officer (default: the login name)")
    add_prefect_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    actor = args.actor or getpass.getuser()

    def in_process(catalog, vault, request_id: str):
        from flows.access.run import run_access

        return run_access(catalog, vault, request_id, actor)

    def as_flow(request_id: str, catalog_path: str) -> dict:
        from flows.access.flow import access

        return access(request_id=request_id, catalog_path=catalog_path, actor=actor)

    return run_request_command("access", args, in_process, as_flow)
