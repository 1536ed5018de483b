"""`piivault requests [--catalog PATH]`: every erasure, access and rectification request, and every
retention run, overdue ones first.

One line per request: id, kind, status, received, deadline (one calendar month after receipt), and
OVERDUE when the deadline passed before completion. No identifier is shown: the vault holds none.
"""

from __future__ import annotations

import argparse

from flows.cli.catalog_option import add_catalog_option


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "requests",
        help="list erasure, access and rectification requests and retention runs, overdue ones first",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_catalog_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from flows.cli.request import open_catalog_vault
    from flows.requests.lifecycle import requests_for_listing

    _catalog, vault = open_catalog_vault(args)
    with vault:
        rows = requests_for_listing(vault)
    print(f"{'request':32}  {'kind':9}  {'status':21}  {'received':10}  {'deadline':10}")
    for r in rows:
        flag = "  OVERDUE" if r["overdue"] else ""
        print(
            f"{r['request_id']:32}  {r['kind']:9}  {r['status']:21}  "
            f"{r['received_at']:%Y-%m-%d}  {r['deadline']:%Y-%m-%d}{flag}"
        )
    return 0
