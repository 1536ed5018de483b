"""`piivault tokenize [--catalog PATH] [--force] [--workers N | --dask-address URL] [DATASET...]`: raw zone
-> clean zone.

In this process by default: the same steps as the tokenize flow (column classification, then each raw file
planned, its partitions tokenized and assembled, `flows.tokenize.zone_run`, under the zone lock), so an
unchanged zone answers in a second or two. As a run of the Prefect flow `tokenize` with `--prefect` or when
PREFECT_API_URL is set, or when partitions run on Dask workers (`--workers N`, `--dask-address`, the
catalog's `runner:` section, or automatically on a big zone with a PostgreSQL vault): then the command uses
PREFECT_API_URL or starts a Prefect server, and says which in one line. Exit status: 0 done, 1 some file
failed (each named on stderr), 2 a wrong option or catalog.
"""

from __future__ import annotations

import argparse
import os
import sys

from flows.cli.catalog_option import add_catalog_option, catalog_location, load_catalog_from
from flows.cli.errors import safe_message
from flows.cli.run_mode import (
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
        "tokenize",
        help="replace personal data with vault tokens: raw zone -> clean zone (tokenized Parquet)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("datasets", nargs="*", metavar="DATASET", help="datasets to tokenize (default: all)")
    add_catalog_option(parser)
    parser.add_argument("--force", action="store_true", help="redo files even when unchanged")
    add_prefect_option(parser)
    add_runner_options(parser)
    parser.set_defaults(run=run)


def print_results(results: list[dict]) -> None:
    for r in results:
        done = f"{r['records_out']:>8} rows, {r['quarantined']} quarantined"
        status = "unchanged" if r["skipped"] else done
        print(f"{r['dataset']:18} {r['file']:40} {status}")


def detect_when_needed(texts: list[str]) -> list[list]:
    """`recognizers.detect`, imported on first use: a zone with no free text to tokenize never loads it."""
    from recognizers import detect

    return detect(texts)


def tokenize_in_process(
    catalog, datasets: list[str] | None, force: bool, partition_bytes: int | None = None
) -> tuple[list[dict], list[str]]:
    """The tokenize flow's steps in this process: (per-file results, failures naming each failed file)."""
    from flows.cli.kinds_memo import classify_remembered, code_fingerprint
    from flows.pipeline.partitions import DEFAULT_PARTITION_BYTES
    from flows.pipeline.zone_lock import zone_lock
    from flows.tokenize.zone_run import in_process_steps, run_zone
    from vault.pipeline_client import open_tokenize_vault

    # datasets with a subject key first, as in the flow: their links let the others link
    selected = sorted(catalog.selected(datasets), key=lambda n: catalog.dataset(n).subject_key is None)
    code = code_fingerprint()
    # the vault service when PIIVAULT_VAULT_URL is set (a pipeline credential, no KEK), else the catalog's
    with zone_lock(catalog, "tokenize"), open_tokenize_vault(catalog.vault_url) as vault:
        kinds_of = {name: classify_remembered(catalog, name, code) for name in selected}
        files_of = {}
        for name in selected:
            files_of[name] = catalog.raw_files(name)
            if not files_of[name]:
                pattern = catalog.dataset(name).path
                say(f"dataset {name}: no file matches {pattern!r} under the raw zone {catalog.raw_dir}")
        steps = in_process_steps(
            catalog, vault, detect_when_needed, partition_bytes or DEFAULT_PARTITION_BYTES, log=say
        )
        zone = run_zone(catalog, selected, files_of, kinds_of, force, steps)
    return zone.results, zone.failures


def choose(args: argparse.Namespace, catalog):
    """(runner settings, choice) for this command: the options, the catalog, and the zone's pending size."""
    from flows.cli.errors import CommandError
    from flows.cli.run_mode import API_ENV, DASK_NEEDS_API
    from flows.pipeline.task_runners import choose_runner, pending_bytes

    settings = runner_from_args(args, catalog)
    if settings.dask_address and not os.environ.get(API_ENV):
        raise CommandError(DASK_NEEDS_API)
    selected = catalog.selected(args.datasets or None)
    files_of = {n: catalog.raw_files(n) for n in selected}
    return settings, choose_runner(settings, catalog.vault_url, pending_bytes(catalog, files_of, args.force))


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog_from(args, args.datasets)
    failures: list[str] = []
    from flows.cli.errors import CommandError
    from flows.pipeline.task_runners import RunnerError

    try:
        settings, choice = choose(args, catalog)
    except RunnerError as error:
        raise CommandError(str(error)) from None
    try:
        if use_prefect(args) or choice.parallel:
            say(choice.line())
            location = catalog_location(args)
            server = cluster_api(location, choice) if choice.parallel else prefect_api(location)
            with server:
                from flows.pipeline.task_runners import LOCAL, RunnerSettings
                from flows.tokenize.flow import tokenize

                resolved = RunnerSettings(
                    workers=choice.workers if choice.mode == LOCAL else 1,
                    dask_address=choice.address,
                    partition_mib=settings.partition_mib,
                )
                results = tokenize(
                    catalog_path=str(location.path),
                    datasets=args.datasets or None,
                    force=args.force,
                    runner=resolved,
                )
        else:
            results, failures = tokenize_in_process(
                catalog, args.datasets or None, args.force, settings.partition_bytes
            )
    except Exception as error:  # the flow fails after every other file is done; its errors name files
        print(f"piivault tokenize: failed ({safe_message(error)})", file=sys.stderr)
        return 1
    print_results(results)
    print(f"clean zone: {catalog.clean_dir}")
    for failure in failures:
        print(f"piivault tokenize: {failure}", file=sys.stderr)
    return 1 if failures else 0
