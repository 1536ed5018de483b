"""`piivault demo`: the whole pipeline on the embedded defaults — demo data, scan, tokenize — and where
to look next. Runs on SQLite, local files and Prefect's temporary server, with no other set-up."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="generate demo data, scan it, tokenize it, and print where the results are",
        description="Write a demo raw zone under --out, run the scan and tokenize flows on it.",
    )
    parser.add_argument("--rows", type=int, default=2_000, help="about how many raw records (default 2000)")
    parser.add_argument("--out", type=Path, default=Path("data"), help="directory (default ./data)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from flows.cli.tokenize import print_results
    from flows.demo.data import write_demo_zone

    zone = write_demo_zone(args.out, rows=args.rows)
    print(f"demo raw zone: {zone.raw_dir} ({sum(zone.rows.values())} records); catalog: {zone.catalog_path}")
    print("starting Prefect (a temporary local server when PREFECT_API_URL is not set) ...", flush=True)
    from flows.pipeline.catalog import load_catalog
    from flows.scan.flow import scan
    from flows.tokenize.flow import tokenize

    catalog_path = str(zone.catalog_path)
    report = scan(catalog_path=catalog_path)
    results = tokenize(catalog_path=catalog_path)
    print_results(results)
    catalog = load_catalog(catalog_path)
    notebooks = Path(__file__).resolve().parents[2] / "notebooks"
    print(
        f"\nscan report:  {Path(report).resolve()}\n"
        f"clean zone:   {catalog.clean_dir.resolve()}\n"
        f"vault:        {catalog.vault_url}\n"
        f"notebooks:    {notebooks}\n"
        f"              (open them with PIIVAULT_CATALOG={Path(catalog_path).resolve()})"
    )
    return 0
