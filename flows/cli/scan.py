"""`piivault scan [--catalog PATH] [DATASET...]`: run the scan flow and print where its report is."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "scan",
        help="report what personal data each catalog dataset holds (HTML report + Prefect artifacts)",
        description="Scan the raw zone of catalog datasets (all by default) for personal data.",
    )
    parser.add_argument("datasets", nargs="*", metavar="DATASET", help="datasets to scan (default: all)")
    parser.add_argument("--catalog", default="catalog.yaml", help="catalog file (default ./catalog.yaml)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from flows.pipeline.catalog import CatalogError, load_catalog

    try:
        load_catalog(args.catalog).selected(args.datasets)
    except CatalogError as error:
        print(f"piivault scan: {error}", file=sys.stderr)
        return 2
    from flows.scan.flow import scan

    report = scan(catalog_path=args.catalog, datasets=args.datasets or None)
    print(f"scan report: {report}")
    return 0
