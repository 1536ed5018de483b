"""`piivault retention [--dry-run] [--catalog PATH] [--prefect]`: data not kept after its time.

Runs the retention flow once (the `retention` deployment runs it on a schedule): raw files past the
dataset's `retention.raw` (by their modification time: when they landed) are deleted once the manifest
shows them tokenized under the current settings, others are kept and reported; clean rows past
`retention.clean` (by `retention.date_column`, else the date in the partition's name) are dropped, with
their raw records when the raw file is still there; values no file and no subject holds any more are
shredded from the vault; customers whose relationship ended (`subjects` in the catalog) are counted —
their customer ids written for the privacy officer to `<reports>/retention/<run>-subjects-due.txt`
(0600), never printed — or erased when `auto_erase: true`. Prints the receipt path. An unfinished run
is resumed first. `--dry-run` prints what would go and changes nothing (but writes the list of customers
due). Exit status: 0 done, 1 the run failed (rerun to resume), 2 a wrong option or catalog.
"""

from __future__ import annotations

import argparse
import sys

from flows.cli.catalog_option import add_catalog_option, catalog_location, load_catalog_from
from flows.cli.errors import safe_message
from flows.cli.run_mode import add_prefect_option, prefect_api, use_prefect

EXIT_FAILED = 1


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "retention",
        help="delete what is past its retention, shred what nothing holds, list ended relationships",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--dry-run", dest="dry_run", action="store_true", help="list what would go; change nothing"
    )
    add_catalog_option(parser)
    add_prefect_option(parser)
    parser.set_defaults(run=run)


def print_dry_run(listed: dict) -> None:
    """What a run would do: paths and counts (the customers due are in the list file, not here)."""
    print(f"raw files due: {len(listed['raw_due'])}")
    for dataset, file in listed["raw_due"]:
        print(f"  {dataset}  {file}")
    print(f"raw files kept although past retention: {len(listed['raw_kept'])}")
    for dataset, file, reason in listed["raw_kept"]:
        print(f"  {dataset}  {file}  ({reason})")
    print(f"clean rows due: {sum(due for _d, _p, due, _rows in listed['clean_due'])}")
    for dataset, partition, due, rows in listed["clean_due"]:
        print(f"  {dataset}  {partition}  {due} of {rows} rows")
    for dataset, partition, undated in listed["undated"]:
        print(f"  {dataset}  {partition}  {undated} rows without a date (kept)")
    action = "erased by the run (auto_erase)" if listed["auto_erase"] else "listed for the privacy officer"
    print(f"subjects whose relationship ended, due for erasure: {len(listed['subjects_due'])} ({action})")
    if listed["due_list"]:
        print(f"  their customer ids: {listed['due_list']}")
    print(f"values no file holds now: {listed['values_no_file_holds_now']}")


def run(args: argparse.Namespace) -> int:
    from vault.request_client import open_request_vault

    catalog = load_catalog_from(args)
    try:
        if args.dry_run:
            from flows.retention.steps import dry_run

            with open_request_vault(catalog.vault_url) as vault:
                print_dry_run(dry_run(catalog, vault))
            return 0
        if use_prefect(args):
            from flows.retention.flow import retention

            location = catalog_location(args)
            with prefect_api(location):
                outcome = retention(catalog_path=str(location.path))
        else:
            from flows.retention.steps import run_retention

            with open_request_vault(catalog.vault_url) as vault:
                outcome = run_retention(catalog, vault).__dict__
    except Exception as error:  # our errors name places, never values; others show only their class
        print(f"piivault retention: failed ({safe_message(error)}); rerun to resume", file=sys.stderr)
        return EXIT_FAILED
    print(outcome["receipt_path"])
    return 0
