"""`piivault request erase|access --email X | --phone X | --customer-id X [--verified-by WHO --method HOW]`.

Files an erasure or access request in the vault and prints its id. The vault keeps only a keyed hash of
the identifier. Without verification evidence the request waits (`awaiting_verification`) and no flow
runs it. The options and helpers here are shared with `piivault erase` and `piivault access`.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vault.store import Vault

EXIT_UNVERIFIED = 3
EXIT_NEEDS_REVIEW = 4


def add_identifier_options(parser: argparse.ArgumentParser, required: bool) -> None:
    """--email / --phone / --customer-id (one of them), --verified-by / --method, --catalog."""
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--email", help="the person's email address")
    group.add_argument("--phone", help="the person's phone number (any format)")
    group.add_argument("--customer-id", dest="customer_id", help="the person's customer id")
    parser.add_argument("--verified-by", dest="verified_by", help="who verified the requester's identity")
    parser.add_argument("--method", help='how the identity was verified, e.g. "id card at the shop"')
    parser.add_argument("--catalog", default="catalog.yaml", help="catalog file (default ./catalog.yaml)")


def identifier(args: argparse.Namespace) -> tuple[str, str] | None:
    """(identifier type, value) from the options, or None when none was given."""
    for kind in ("email", "phone", "customer_id"):
        if getattr(args, kind, None):
            return kind, getattr(args, kind)
    return None


def verification(args: argparse.Namespace):
    """The verification evidence, None without it; SystemExit when only half of it is given."""
    from flows.requests.lifecycle import Verification

    if bool(args.verified_by) != bool(args.method):
        raise SystemExit("piivault: give both --verified-by and --method, or neither")
    return Verification(args.verified_by, args.method) if args.verified_by else None


def open_catalog_vault(args: argparse.Namespace):
    """(catalog, vault) of `--catalog`; a clear exit when the catalog is wrong."""
    from flows.pipeline.catalog import CatalogError, load_catalog
    from vault.store import Vault

    try:
        catalog = load_catalog(args.catalog)
    except CatalogError as error:
        raise SystemExit(f"piivault: {error}") from None
    return catalog, Vault.open(catalog.vault_url)


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
    parser.add_argument("kind", choices=("erase", "access"), help="what the person asks for")
    add_identifier_options(parser, required=True)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    catalog, vault = open_catalog_vault(args)
    with vault:
        request_id = file_from_args(vault, args.kind, args)
    print(request_id)
    return 0
