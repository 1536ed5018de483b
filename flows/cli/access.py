"""`piivault access REQUEST_ID` or `piivault access --email X ... --verified-by WHO --method HOW`.

Runs the access flow: every record about the person in the clean zone and the vault, detokenized for the
privacy officer (audited), written as an export package (JSON, one CSV per dataset, a summary) whose
directory is printed. Exit status as for `piivault erase`.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from flows.cli.erase import prepare, report
from flows.cli.request import add_identifier_options


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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    request_id, status = prepare("access", args)
    if status:
        return status
    from flows.access.flow import access

    try:
        outcome = access(
            request_id=request_id, catalog_path=args.catalog, actor=args.actor or getpass.getuser()
        )
    except Exception as error:
        print(
            f"piivault access: request {request_id} failed ({type(error).__name__}): {error}", file=sys.stderr
        )
        return 1
    return report("access", outcome)
