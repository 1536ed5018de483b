"""`piivault tokenize [--catalog PATH] [--force] [DATASET...]`: raw zone -> clean zone.

In this process by default: the same steps as the tokenize flow (column classification, then
`flows.tokenize.tokenizing.tokenize_file` per raw file, under the zone lock), so an unchanged zone answers
in a second or two. As a run of the Prefect flow `tokenize` with `--prefect` or when PREFECT_API_URL is
set. Exit status: 0 done, 1 some file failed (each named on stderr), 2 a wrong option or catalog.
"""

from __future__ import annotations

import argparse
import sys

from flows.cli.catalog_option import add_catalog_option, catalog_location, load_catalog_from
from flows.cli.errors import safe_message
from flows.cli.run_mode import add_prefect_option, prefect_api, say, use_prefect


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


def tokenize_in_process(catalog, datasets: list[str] | None, force: bool) -> tuple[list[dict], list[str]]:
    """The tokenize flow's steps in this process: (per-file results, failures naming each failed file)."""
    from flows.cli.kinds_memo import classify_remembered, code_fingerprint
    from flows.pipeline.errors import PipelineError, failure_context
    from flows.pipeline.zone_lock import zone_lock
    from flows.tokenize.tokenizing import tokenize_file
    from vault.store import Vault

    results: list[dict] = []
    failures: list[str] = []
    # datasets with a subject key first, as in the flow: their links let the others link
    selected = sorted(catalog.selected(datasets), key=lambda n: catalog.dataset(n).subject_key is None)
    code = code_fingerprint()
    with zone_lock(catalog, "tokenize"), Vault.open(catalog.vault_url) as vault:
        for name in selected:
            kinds = classify_remembered(catalog, name, code)
            paths = catalog.input_files(name)
            if not paths:
                pattern = catalog.dataset(name).path
                say(f"dataset {name}: no file matches {pattern!r} under the raw zone {catalog.raw_dir}")
            for path in paths:
                try:
                    with failure_context(name, catalog.relative_to_raw(path)):
                        result = tokenize_file(
                            catalog, name, path, kinds, vault, detect_when_needed, force=force
                        )
                except PipelineError as error:
                    failures.append(str(error))
                    continue
                results.append(result.to_dict())
    return results, failures


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog_from(args, args.datasets)
    failures: list[str] = []
    try:
        if use_prefect(args):
            location = catalog_location(args)
            with prefect_api(location):
                from flows.tokenize.flow import tokenize

                results = tokenize(
                    catalog_path=str(location.path), datasets=args.datasets or None, force=args.force
                )
        else:
            results, failures = tokenize_in_process(catalog, args.datasets or None, args.force)
    except Exception as error:  # the flow fails after every other file is done; its errors name files
        print(f"piivault tokenize: failed ({safe_message(error)})", file=sys.stderr)
        return 1
    print_results(results)
    print(f"clean zone: {catalog.clean_dir}")
    for failure in failures:
        print(f"piivault tokenize: {failure}", file=sys.stderr)
    return 1 if failures else 0
