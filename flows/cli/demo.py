"""`piivault demo`: the whole pipeline on the embedded defaults — demo data, scan, tokenize — and where
to look next. Runs on SQLite and local files with no other set-up: in this process by default; as Prefect
flow runs with `--prefect` (on PREFECT_API_URL, else on a temporary server whose state stays in
`.prefect/` beside the demo's catalog, so the runs can be browsed afterwards)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from flows.cli.run_mode import add_prefect_option, prefect_api, say, use_prefect


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="generate demo data, scan it, tokenize it, and print where the results are",
        description="Write a demo raw zone under --out, run the scan and tokenize steps on it.",
    )
    parser.add_argument("--rows", type=int, default=2_000, help="about how many raw records (default 2000)")
    parser.add_argument("--out", type=Path, default=Path("data"), help="directory (default ./data)")
    add_prefect_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from flows.cli.tokenize import print_results, tokenize_in_process
    from flows.demo.data import write_demo_zone
    from flows.pipeline.catalog_location import load_located, locate_catalog

    zone = write_demo_zone(args.out, rows=args.rows)
    print(f"demo raw zone: {zone.raw_dir} ({sum(zone.rows.values())} records); catalog: {zone.catalog_path}")
    location = locate_catalog(zone.catalog_path)
    catalog = load_located(location)
    catalog_path = str(location.path)
    failures: list[str] = []
    prefect_home = None
    if use_prefect(args):
        with prefect_api(location):
            from flows.scan.flow import scan
            from flows.tokenize.flow import tokenize

            report = scan(catalog_path=catalog_path)
            results = tokenize(catalog_path=catalog_path)
        prefect_home = os.environ.get("PREFECT_HOME")
    else:
        from flows.scan.run import scan_in_process

        report, _summaries, failures = scan_in_process(catalog, None, say)
        results, more = tokenize_in_process(catalog, None, force=False)
        failures += more
    print_results(results)
    notebooks = Path(__file__).resolve().parents[2] / "notebooks"
    print(
        f"\nscan report:  {Path(report).resolve()}\n"
        f"clean zone:   {catalog.clean_dir.resolve()}\n"
        f"vault:        {catalog.vault_url} (its KEK: the file beside it, ending .kek)\n"
        f"notebooks:    {notebooks}\n"
        f"              (open them with PIIVAULT_CATALOG={location.path})"
    )
    if prefect_home:
        print(f"flow runs:    PREFECT_HOME={prefect_home} prefect server start  (then http://127.0.0.1:4200)")
    for failure in failures:
        print(f"piivault demo: {failure}", file=sys.stderr)
    return 1 if failures else 0
