"""`piivault rectify REQUEST_ID [--old-value VALUE|-|@PATH] [--verified-by WHO --method HOW]`.

Runs the rectification filed by `piivault request rectify`: the corrected value replaces the old one in
the person's rows of every dataset whose catalog policy is `rectification: update`, and in their raw
records; the old value is unlinked from them and, when it was theirs alone, shredded; a re-scan proves it
gone; prints the receipt path (the receipt lists every dataset told, GDPR Art. 19). `--old-value` says
which value is wrong when the person holds several of the field (the run stopped in `needs_review`).
In this process by default; as a run of the Prefect flow `rectify` with `--prefect` or when
PREFECT_API_URL is set. Exit status as for `piivault erase`.
"""

from __future__ import annotations

import argparse
import sys

from flows.cli.catalog_option import add_catalog_option
from flows.cli.correction import add_old_value_option
from flows.cli.erase import run_request_command
from flows.cli.identifiers import read_value
from flows.cli.request import open_catalog_vault
from flows.cli.run_mode import add_prefect_option


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "rectify",
        help="correct a person's value everywhere it is theirs (right to rectification) and write a receipt",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("request_id", metavar="REQUEST_ID", help="a filed rectification request")
    add_old_value_option(parser)
    parser.add_argument("--verified-by", dest="verified_by", help="who verified the requester's identity")
    parser.add_argument("--method", help='how the identity was verified, e.g. "id card at the shop"')
    add_catalog_option(parser)
    add_prefect_option(parser)
    parser.set_defaults(run=run)


def _name_old_value(args: argparse.Namespace) -> int:
    from flows.rectification.filing import name_old_value
    from flows.requests.lifecycle import RequestError

    old_value = read_value("--old-value", args.old_value)
    _catalog, vault = open_catalog_vault(args)
    with vault:
        try:
            name_old_value(vault, args.request_id, old_value)
        except RequestError as error:
            print(f"piivault rectify: {error}", file=sys.stderr)
            return 2
    return 0


def in_process(catalog, vault, request_id: str):
    from flows.rectification.steps import run_rectification

    return run_rectification(catalog, vault, request_id)


def as_flow(request_id: str, catalog_path: str) -> dict:
    from flows.rectification.flow import rectify

    return rectify(request_id=request_id, catalog_path=catalog_path)


def run(args: argparse.Namespace) -> int:
    if args.old_value and (status := _name_old_value(args)):
        return status
    return run_request_command("rectify", args, in_process, as_flow)
