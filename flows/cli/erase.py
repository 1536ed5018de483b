"""`piivault erase REQUEST_ID` or `piivault erase --email X ... --verified-by WHO --method HOW`.

Runs the erasure on a filed request, or files one and runs it at once; prints the receipt path. In this
process by default; as a run of the Prefect flow `erase` with `--prefect` or when PREFECT_API_URL is set.
Exit status: 0 completed (or completed before: nothing to do), 1 the run failed (rerun to resume),
2 a wrong option or catalog, 3 the request is not verified (nothing runs), 4 it needs review (no
subject, or more than one), 5 the vault refused before the run began (with `PIIVAULT_VAULT_URL`: the
service refused the credential, its role may not run requests, or it cannot be reached).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from flows.cli.catalog_option import catalog_location, load_catalog_from
from flows.cli.errors import safe_message
from flows.cli.request import (
    EXIT_NEEDS_REVIEW,
    EXIT_UNVERIFIED,
    add_identifier_options,
    file_from_args,
    identifier,
    open_catalog_vault,
    verification,
)
from flows.cli.run_mode import add_prefect_option, prefect_api, use_prefect

EXIT_FAILED = 1
EXIT_VAULT = 5


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "erase",
        help="erase a person everywhere (vault, clean zone, raw zone) and write a receipt",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("request_id", nargs="?", metavar="REQUEST_ID", help="a filed erasure request")
    add_identifier_options(parser, required=False)
    add_prefect_option(parser)
    parser.set_defaults(run=run)


def prepare(kind: str, args: argparse.Namespace) -> tuple[str | None, int]:
    """(request id, 0) ready to run, or (id or None, exit status) when it must not run."""
    from flows.requests.lifecycle import RequestError, check_runnable, get_request, verify_request

    if bool(args.request_id) == bool(identifier(args)):
        print(f"piivault {kind}: give a REQUEST_ID or one of --email/--phone/--customer-id", file=sys.stderr)
        return None, 2
    _catalog, vault = open_catalog_vault(args)
    request_id = None
    with vault:
        try:
            if args.request_id:
                request_id = args.request_id
                evidence = verification(args)
                get_request(vault, request_id, kind=kind)
                if evidence:
                    verify_request(vault, request_id, evidence)
            else:
                request_id = file_from_args(vault, kind, args)
            check_runnable(get_request(vault, request_id, kind=kind))
        except RequestError as error:
            print(f"piivault {kind}: {error}", file=sys.stderr)
            unverified = "not verified" in str(error)
            return (request_id if unverified else None), EXIT_UNVERIFIED if unverified else 2
    return request_id, 0


def report(kind: str, outcome: dict) -> int:
    """Print the outcome of a request run; its exit status."""
    if outcome["status"] == "needs_review":
        print(
            f"piivault {kind}: request {outcome['request_id']} needs review: {outcome['reason']}",
            file=sys.stderr,
        )
        return EXIT_NEEDS_REVIEW
    if outcome["already_done"]:
        print(f"request {outcome['request_id']} was completed already: nothing to do", file=sys.stderr)
    print(outcome["receipt_path"])
    return 0


def completed_before(args: argparse.Namespace, request_id: str) -> dict | None:
    """The outcome of a request completed by an earlier run whose progress rows were already reduced to
    durations: nothing to do, known without loading the run's steps (and pandas). None otherwise: the run
    says so itself, after finishing an interrupted completion."""
    from flows.requests import progress
    from flows.requests.lifecycle import COMPLETED, get_request
    from flows.requests.run import RESOLVE, Outcome

    _catalog, vault = open_catalog_vault(args)
    with vault:
        request = get_request(vault, request_id)
        resolved = progress.load(vault, request_id, RESOLVE)
    if request["status"] != COMPLETED or (resolved is not None and set(resolved[0]) != {"seconds"}):
        return None
    return Outcome(request_id, COMPLETED, request["receipt_path"], already_done=True).__dict__


def run_request_command(
    kind: str,
    args: argparse.Namespace,
    in_process: Callable[[object, object, str], object],
    as_flow: Callable[[str, str], dict],
) -> int:
    """File/verify, then run the request in this process (`in_process(catalog, vault, request_id)`) or
    as a Prefect flow run (`as_flow(request_id, catalog_path)`); print the outcome."""
    from vault.errors import VaultError

    try:
        request_id, status = prepare(kind, args)
    except VaultError as error:  # the vault service refused, or the vault cannot be opened: says which
        print(f"piivault {kind}: {error}", file=sys.stderr)
        return EXIT_VAULT
    if status:
        return status
    try:
        if use_prefect(args):
            location = catalog_location(args)
            with prefect_api(location):
                outcome = as_flow(request_id, str(location.path))
        elif (outcome := completed_before(args, request_id)) is None:
            from vault.request_client import open_request_vault

            catalog = load_catalog_from(args)
            with open_request_vault(catalog.vault_url) as vault:
                outcome = in_process(catalog, vault, request_id).__dict__
    except Exception as error:  # our errors name places, never values; others show only their class
        print(f"piivault {kind}: request {request_id} failed ({safe_message(error)})", file=sys.stderr)
        print(f"rerun `piivault {kind} {request_id}` to resume", file=sys.stderr)
        return EXIT_FAILED
    return report(kind, outcome)


def erase_in_process(catalog, vault, request_id: str):
    from flows.erasure.steps import run_erasure

    return run_erasure(catalog, vault, request_id)


def erase_as_flow(request_id: str, catalog_path: str) -> dict:
    from flows.erasure.flow import erase

    return erase(request_id=request_id, catalog_path=catalog_path)


def run(args: argparse.Namespace) -> int:
    return run_request_command("erase", args, erase_in_process, erase_as_flow)
