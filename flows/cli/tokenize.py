"""`piivault tokenize [--catalog PATH] [--force] [DATASET...]`: run the tokenize flow."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "tokenize",
        help="replace personal data with vault tokens: raw zone -> clean zone (tokenized Parquet)",
        description="Tokenize catalog datasets (all by default); unchanged input files are skipped.",
    )
    parser.add_argument("datasets", nargs="*", metavar="DATASET", help="datasets to tokenize (default: all)")
    parser.add_argument("--catalog", default="catalog.yaml", help="catalog file (default ./catalog.yaml)")
    parser.add_argument("--force", action="store_true", help="redo files even when unchanged")
    parser.set_defaults(run=run)


def print_results(results: list[dict]) -> None:
    for r in results:
        done = f"{r['records_out']:>8} rows, {r['quarantined']} quarantined"
        status = "unchanged" if r["skipped"] else done
        print(f"{r['dataset']:18} {r['file']:40} {status}")


def run(args: argparse.Namespace) -> int:
    from flows.pipeline.catalog import CatalogError, load_catalog

    try:
        catalog = load_catalog(args.catalog)
        catalog.selected(args.datasets)
    except CatalogError as error:
        print(f"piivault tokenize: {error}", file=sys.stderr)
        return 2
    from flows.tokenize.flow import tokenize

    results = tokenize(catalog_path=args.catalog, datasets=args.datasets or None, force=args.force)
    print_results(results)
    print(f"clean zone: {catalog.clean_dir}")
    return 0
