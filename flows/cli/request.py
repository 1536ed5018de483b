"""`piivault request erase|access|rectify --email X | --phone X | --customer-id X [--verified-by WHO
--method HOW]`.

Files an erasure or access request in the vault and prints its id. The vault keeps only a keyed hash of
the identifier. Without verification evidence the request waits (`awaiting_verification`) and no flow
runs it. The identifier may come from standard input (`--email -`) or a file (`--email @PATH`), which keeps
it out of `ps` and shell history. The options and helpers here are shared with `piivault erase` and
`piivault access`. `request rectify` also takes the correction: `--field`, `--value` and, when the person
holds several values of the field, `--old-value` (`flows.cli.correction`).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from flows.cli.catalog_option import add_catalog_option, load_catalog_from
from flows.cli.correction import add_correction_options, file_correction, read_correction
from flows.cli.errors import CommandError
from flows.cli.identifiers import add_identifier_group, identifier

if TYPE_CHECKING:
    from vault.store import Vault

EXIT_UNVERIFIED = 3
EXIT_NEEDS_REVIEW = 4


def add_identifier_options(parser: argparse.ArgumentParser, required: bool) -> None:
    """--email / --phone / --customer-id (one of them), --verified-by / --method, --catalog."""
    add_identifier_group(parser, required)
    parser.add_argument("--verified-by", dest="verified_by", help="who verified the requester's identity")
    parser.add_argument("--method", help='how the identity was verified, e.g. "id card at the shop"')
    add_catalog_option(parser)


def verification(args: argparse.Namespace):
    """The verification evidence, None without it; CommandError when only half of it is given."""
    from flows.requests.lifecycle import Verification

    if bool(args.verified_by) != bool(args.method):
        raise CommandError("give both --verified-by and --method, or neither")
    return Verification(args.verified_by, args.method) if args.verified_by else None


def open_catalog_vault(args: argparse.Namespace):
    """(catalog, vault) of the catalog the options name; CommandError naming where it was looked for. With
    `PIIVAULT_VAULT_URL` set, the vault's keyed work is the service's (`vault.request_client`)."""
    from vault.request_client import open_request_vault

    catalog = load_catalog_from(args)
    return catalog, open_request_vault(catalog.vault_url)


def file_from_args(vault: Vault, kind: str, args: argparse.Namespace) -> str:
    """File the request the options describe; prints its id and status (never the identifier)."""
    from flows.requests.lifecycle import file_request

    identifier_type, value = identifier(args)
    request_id = file_request(vault, kind, identifier_type, value, verification(args))
    status = vault.get_request(request_id)["status"]
    print(f"request {request_id} ({kind}, {status})", file=sys.stderr)
    return request_id


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "request",
        help="file an erasure or access request (verified or awaiting verification); prints its id",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("kind", choices=("erase", "access", "rectify"), help="what the person asks for")
    add_identifier_options(parser, required=True)
    add_correction_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    identifier(args)  # read before the vault opens: a missing value stops here
    correction = read_correction(args)
    _catalog, vault = open_catalog_vault(args)
    with vault:
        if correction is None:
            request_id = file_from_args(vault, args.kind, args)
        else:
            request_id = file_correction(vault, args, correction, verification(args))
    print(request_id)
    return 0
