"""`piivault scan [--catalog PATH] [DATASET...]`: what personal data each dataset holds; prints where the
report is.

The report (`<reports>/scan-report.html`, `scan-report.json`) covers every catalog dataset as last
scanned: scanning some datasets updates their part only. In this process by default (`flows.scan.run`); as
a run of the Prefect flow `scan` (which also publishes the report as artifacts) with `--prefect` or when
PREFECT_API_URL is set. Exit status: 0 done, 1 some file failed (each named on stderr), 2 a wrong option
or catalog.
"""

from __future__ import annotations

import argparse
import sys

from flows.cli.catalog_option import add_catalog_option, catalog_location, load_catalog_from
from flows.cli.errors import safe_message
from flows.cli.run_mode import add_prefect_option, prefect_api, say, use_prefect


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "scan",
        help="report what personal data each catalog dataset holds (HTML report + Prefect artifacts)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("datasets", nargs="*", metavar="DATASET", help="datasets to scan (default: all)")
    add_catalog_option(parser)
    add_prefect_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog_from(args, args.datasets)
    failures: list[str] = []
    try:
        if use_prefect(args):
            location = catalog_location(args)
            with prefect_api(location):
                from flows.scan.flow import scan

                report = scan(catalog_path=str(location.path), datasets=args.datasets or None)
        else:
            from flows.scan.run import scan_in_process

            report, _summaries, failures = scan_in_process(catalog, args.datasets or None, say)
    except Exception as error:  # the flow fails after every other file is done; its errors name files
        print(f"piivault scan: failed ({safe_message(error)})", file=sys.stderr)
        return 1
    print(f"scan report: {report}")
    for failure in failures:
        print(f"piivault scan: {failure}", file=sys.stderr)
    return 1 if failures else 0
