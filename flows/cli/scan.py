"""`piivault scan [--catalog PATH] [--workers N | --dask-address URL] [DATASET...]`: what personal data each
dataset holds; prints where the report is.

The report (`<reports>/scan-report.html`, `scan-report.json`) covers every catalog dataset as last
scanned: scanning some datasets updates their part only. In this process by default (`flows.scan.run`); as
a run of the Prefect flow `scan` (which also publishes the report as artifacts) with `--prefect` or when
PREFECT_API_URL is set, or with its files' partitions on Dask workers (`--workers N`, `--dask-address`,
the catalog's `runner:` section; `flows.pipeline.task_runners`). Exit status: 0 done, 1 some file failed
(each named on stderr), 2 a wrong option or catalog.
"""

from __future__ import annotations

import argparse
import os
import sys

from flows.cli.catalog_option import add_catalog_option, catalog_location, load_catalog_from
from flows.cli.errors import safe_message
from flows.cli.run_mode import (
    API_ENV,
    DASK_NEEDS_API,
    add_prefect_option,
    add_runner_options,
    cluster_api,
    prefect_api,
    runner_from_args,
    say,
    use_prefect,
)


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
    add_runner_options(parser)
    parser.set_defaults(run=run)


def runner_choice(args: argparse.Namespace, catalog):
    """(choice, settings for the flow) from the options and the catalog; a scan reads every file, so the
    automatic choice counts every selected file's bytes. Says the choice in one line when it is not the
    default in-process run."""
    from flows.cli.errors import CommandError
    from flows.pipeline.task_runners import LOCAL, RunnerError, RunnerSettings, choose_runner, pending_bytes

    settings = runner_from_args(args, catalog)
    if settings.dask_address and not os.environ.get(API_ENV):
        raise CommandError(DASK_NEEDS_API)
    selected = catalog.selected(args.datasets or None)
    files_of = {n: catalog.raw_files(n) for n in selected}
    try:
        choice = choose_runner(settings, catalog.vault_url, pending_bytes(catalog, files_of, True))
    except RunnerError as error:
        raise CommandError(str(error)) from None
    if choice.parallel or use_prefect(args):
        say(choice.line())
    resolved = RunnerSettings(
        workers=choice.workers if choice.mode == LOCAL else 1,
        dask_address=choice.address,
        partition_mib=settings.partition_mib,
    )
    return choice, resolved


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog_from(args, args.datasets)
    failures: list[str] = []
    choice, resolved = runner_choice(args, catalog)
    try:
        if use_prefect(args) or choice.parallel:
            location = catalog_location(args)
            with cluster_api(location, choice) if choice.parallel else prefect_api(location):
                from flows.scan.flow import scan

                report = scan(
                    catalog_path=str(location.path), datasets=args.datasets or None, runner=resolved
                )
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
