"""`piivault erase REQUEST_ID` or `piivault erase --email X ... --verified-by WHO --method HOW`.

Runs the erasure flow on a filed request, or files one and runs it at once; prints the receipt path.
Exit status: 0 completed (or completed before: nothing to do), 1 the run failed (rerun to resume),
3 the request is not verified (nothing runs), 4 it needs review (no subject, or more than one).
"""

from __future__ import annotations

import argparse
import sys

from flows.cli.request import (
    EXIT_NEEDS_REVIEW,
    EXIT_UNVERIFIED,
    add_identifier_options,
    file_from_args,
    identifier,
    open_catalog_vault,
    verification,
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "erase",
        help="erase a person everywhere (vault, clean zone, raw zone) and write a receipt",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("request_id", nargs="?", metavar="REQUEST_ID", help="a filed erasure request")
    add_identifier_options(parser, required=False)
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
    """Print the outcome of a request flow; its exit status."""
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


def run(args: argparse.Namespace) -> int:
    request_id, status = prepare("erase", args)
    if status:
        return status
    from flows.erasure.flow import erase

    try:
        outcome = erase(request_id=request_id, catalog_path=args.catalog)
    except Exception as error:  # the flow's errors name places, never values
        print(
            f"piivault erase: request {request_id} failed ({type(error).__name__}): {error}", file=sys.stderr
        )
        print(f"rerun `piivault erase {request_id}` to resume", file=sys.stderr)
        return 1
    return report("erase", outcome)
