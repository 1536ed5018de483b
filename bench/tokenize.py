"""Tokenize throughput and memory: rows per second and peak RSS of piivault's tokenize on a generated raw
zone, beside stock Presidio per cell and presidio-structured on a sample of the same tables.

    python -m bench.tokenize --rows 20000                 # one size (default: small, about a minute)
    python -m bench.tokenize --sizes 1000000,4000000      # the issue's sizes, with the memory ratio
    python -m bench.tokenize --rows 100000 --no-baselines --repeat 3   # free text vs detect, three rounds

Each size is generated first, then tokenized by a fresh child process (its own RSS high-water mark,
`bench.peak_memory`); the child calls the flow's task logic (`flows.tokenize.tokenizing.tokenize_file`)
directly, without a Prefect server, so the figure is the pipeline's own cost. Rates: typed = the datasets
whose personal columns are typed (CRM, call records, invoices, newsletter); free text = the support chats,
compared with `recognizers.detect` alone on the same lines (the `piivault detect` engine): every chat line
the tokenize read, each file read once and detected in the batches tokenize detects, in a fresh child
process of its own warmed up as the tokenize child is, so neither benefits from caches the other filled (the
dictionary's and the phone parser's remember words and numbers). Both in wall seconds and in the child's CPU
seconds, the steadier figure on a shared machine. `--repeat N` runs the tokenize and detect children N
times, alternating, each tokenize on a fresh copy of the generated zone, and reports each round and the
median. Baselines run in this process on a sample: stock Presidio `analyze()` + `anonymize()` on every cell,
and presidio-structured's `PandasAnalysisBuilder` + `StructuredEngine` on the table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.free_text import FREE_TEXT_DATASET, file_lines
from bench.peak_memory import PeakWatch

REPO_ROOT = Path(__file__).resolve().parent.parent
TYPED_DATASETS = ("crm_customers", "call_records", "billing_invoices", "newsletter")
TARGET_TYPED_RATIO = 100.0
TARGET_MEMORY_RATIO = 1.2


# ------------------------------------------------------------------ child: tokenize one zone


def tokenize_zone(catalog_path: str) -> dict:
    """Tokenize every dataset of the catalog with the flow's logic; seconds (wall and CPU) and rows per
    dataset."""
    from flows.pipeline.catalog import load_catalog
    from flows.pipeline.column_kinds import classify_columns, sample_frame
    from flows.tokenize.tokenizing import tokenize_file
    from recognizers import detect
    from vault.store import Vault

    catalog = load_catalog(catalog_path)
    detect(["warm up the model, John Smith"])
    figures: dict[str, dict] = {}
    with Vault.open(catalog.vault_url) as vault:
        for name in catalog.datasets:
            started, cpu = time.perf_counter(), time.process_time()
            kinds = classify_columns(catalog.dataset(name), sample_frame(catalog, name))
            rows = 0
            for path in catalog.input_files(name):
                rows += tokenize_file(catalog, name, path, kinds, vault, detect).records_out
            figures[name] = {
                "rows": rows,
                "seconds": time.perf_counter() - started,
                "cpu": time.process_time() - cpu,
            }
    return figures


def detect_lines(catalog_path: str) -> dict:
    """`recognizers.detect` alone on every line of the free-text dataset, each file read once and detected
    in the batches tokenize detects (`TEXT_BATCH` lines), after the tokenize child's warm-up."""
    from flows.pipeline.catalog import load_catalog
    from flows.tokenize.tokenizing import TEXT_BATCH
    from recognizers import detect

    catalog = load_catalog(catalog_path)
    detect(["warm up the model, John Smith"])
    rows, started, cpu = 0, time.perf_counter(), time.process_time()
    for path in catalog.input_files(FREE_TEXT_DATASET):
        lines = file_lines(path)
        for at in range(0, len(lines), TEXT_BATCH):
            detect(lines[at : at + TEXT_BATCH])
        rows += len(lines)
    return {
        "detect_only": {
            "rows": rows,
            "seconds": time.perf_counter() - started,
            "cpu": time.process_time() - cpu,
        }
    }


# ------------------------------------------------------------------ parent: measure and compare


def run_child(flag: str, catalog_path: Path) -> tuple[dict, float, float]:
    """(figures, wall seconds, peak RSS MiB) of a fresh child process running `flag` on the catalog."""
    command = [sys.executable, "-m", "bench.tokenize", flag, str(catalog_path)]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, cwd=REPO_ROOT)
        watch = PeakWatch(process.pid)
        _, status, _usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        peak = watch.stop()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"bench child {flag} failed on {catalog_path}")
        out.seek(0)
        figures = json.loads(out.read().decode().strip().splitlines()[-1])
    return figures, wall, peak


def measure_size(rows: int, workdir: Path, repeat: int = 1) -> dict:
    """Generate a zone of `rows` records, tokenize it in a child process (`repeat` times, each on a fresh
    copy, each followed by detection alone in another child), return its figures and RSS."""
    from flows.demo.data import write_demo_zone

    zone_dir = workdir / f"zone-{rows}"
    shutil.rmtree(zone_dir, ignore_errors=True)
    started = time.perf_counter()
    zone = write_demo_zone(zone_dir, rows=rows, seed=3)
    generated_s = time.perf_counter() - started
    rounds = []
    for number in range(repeat):
        run_dir = workdir / f"zone-{rows}-round{number}"
        shutil.rmtree(run_dir, ignore_errors=True)
        shutil.copytree(zone_dir, run_dir)
        catalog = run_dir / zone.catalog_path.relative_to(zone_dir)
        figures, wall, peak = run_child("--child", catalog)
        figures.update(run_child("--detect-child", catalog)[0])
        rounds.append({"wall_s": wall, "peak_rss_mib": peak, "datasets": figures})
        if number:
            shutil.rmtree(run_dir, ignore_errors=True)
    return {"rows": sum(zone.rows.values()), "generated_s": generated_s, **rounds[0], "rounds": rounds}


def rate(figures: dict, names, clock: str = "seconds") -> float:
    rows = sum(figures[n]["rows"] for n in names)
    seconds = sum(figures[n][clock] for n in names)
    return rows / seconds if seconds else 0.0


def free_text_line(figures: dict) -> str:
    """Free-text tokenize against detection alone on the same lines, by the wall and by the CPU clock."""
    parts = []
    for clock in ("seconds", "cpu"):
        free, alone = rate(figures, [FREE_TEXT_DATASET], clock), rate(figures, ["detect_only"], clock)
        parts.append(
            f"{'wall' if clock == 'seconds' else 'CPU'} {free:,.0f} vs {alone:,.0f} = {free / alone:.2f}x"
        )
    return "; ".join(parts)


def sample_tables(catalog_path: Path, rows: int):
    """The first `rows` raw rows of the CRM and of the call records, as pandas tables of strings."""
    import pandas as pd

    from flows.pipeline.catalog import load_catalog

    catalog = load_catalog(catalog_path)
    crm = pd.read_csv(catalog.input_files("crm_customers")[0], dtype=str, nrows=rows)
    calls = pd.read_csv(catalog.input_files("call_records")[0], dtype=str, nrows=rows)
    return [crm, calls]


def stock_presidio_per_cell(tables) -> float:
    """Rows per second of stock Presidio analyze + anonymize on every cell of the tables."""
    from presidio_anonymizer import AnonymizerEngine

    from bench.stock_presidio import STOCK_ENTITIES, build_stock_analyzer

    analyzer, anonymizer = build_stock_analyzer(), AnonymizerEngine()
    analyzer.analyze(text="warm up John Smith", language="en")
    rows, started = 0, time.perf_counter()
    for table in tables:
        for record in table.itertuples(index=False):
            for cell in record:
                if isinstance(cell, str) and cell:
                    found = analyzer.analyze(text=cell, language="en", entities=list(STOCK_ENTITIES))
                    anonymizer.anonymize(text=cell, analyzer_results=found)
            rows += 1
    return rows / (time.perf_counter() - started)


def presidio_structured(tables) -> float:
    """Rows per second of presidio-structured: analyse each table's columns, then anonymise the table."""
    from presidio_structured import PandasAnalysisBuilder, StructuredEngine

    from bench.stock_presidio import build_stock_analyzer

    builder, engine = PandasAnalysisBuilder(analyzer=build_stock_analyzer()), StructuredEngine()
    rows, started = 0, time.perf_counter()
    for table in tables:
        analysis = builder.generate_analysis(table)
        engine.anonymize(table, analysis)
        rows += len(table)
    return rows / (time.perf_counter() - started)


def report(results: list[dict], baselines: dict[str, float]) -> None:
    for result in results:
        figures = result["datasets"]
        typed = rate(figures, TYPED_DATASETS)
        free = rate(figures, [FREE_TEXT_DATASET])
        detect_only = rate(figures, ["detect_only"])
        free_cpu, detect_cpu = (
            rate(figures, [FREE_TEXT_DATASET], "cpu"),
            rate(figures, ["detect_only"], "cpu"),
        )
        total = rate(figures, [n for n in figures if n != "detect_only"])
        print(
            f"\n{result['rows']:,} raw rows (generated in {result['generated_s']:.1f} s); "
            f"tokenize child: {result['wall_s']:.1f} s wall, peak RSS {result['peak_rss_mib']:.0f} MiB"
        )
        print(f"  all datasets        {total:>12,.0f} rows/s")
        print(f"  typed tables        {typed:>12,.0f} rows/s")
        print(
            f"  free text (chats)   {free:>12,.0f} rows/s   "
            f"recognizers.detect alone on the same lines: {detect_only:,.0f} lines/s "
            f"({free / detect_only:.2f}x; CPU {free_cpu:,.0f} vs {detect_cpu:,.0f} lines/s: "
            f"{free_cpu / detect_cpu:.2f}x; target >= 1.0x)"
        )
        for name, figure in figures.items():
            if name != "detect_only":
                seconds = f"{figure['seconds']:>8.2f} s {figure['cpu']:>8.2f} s CPU"
                print(f"    {name:18} {figure['rows']:>10,} rows {seconds}")
        if len(result["rounds"]) > 1:
            print("  free text / detect alone, round by round:")
            for number, round_ in enumerate(result["rounds"]):
                print(f"    round {number + 1}: {free_text_line(round_['datasets'])}")
            for clock, label in (("seconds", "wall"), ("cpu", "CPU")):
                ratios = [
                    rate(r["datasets"], [FREE_TEXT_DATASET], clock)
                    / rate(r["datasets"], ["detect_only"], clock)
                    for r in result["rounds"]
                ]
                print(f"    median {label} ratio {statistics.median(ratios):.2f}x")
    if baselines:
        typed = rate(results[0]["datasets"], TYPED_DATASETS)
        print("\nbaselines on a sample of the CRM and call records (rows/s):")
        for name, value in baselines.items():
            print(f"  {name:28} {value:>10,.1f}   piivault typed is {typed / value:,.0f}x (target >= 100x)")
    if len(results) > 1:
        small, large = results[0], results[-1]
        ratio = large["peak_rss_mib"] / small["peak_rss_mib"]
        print(
            f"\npeak memory {large['rows']:,} rows / {small['rows']:,} rows: {ratio:.2f}x "
            f"(target <= {TARGET_MEMORY_RATIO}x)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.tokenize", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000, help="raw rows to generate (default 20000)")
    parser.add_argument("--sizes", help="comma-separated sizes instead of --rows, e.g. 1000000,4000000")
    parser.add_argument("--sample", type=int, default=100, help="rows per baseline table (default 100)")
    parser.add_argument("--no-baselines", action="store_true", help="skip the Presidio baselines")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: temporary)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="tokenize and detect-alone rounds per size, alternating (default 1)",
    )
    parser.add_argument("--child", metavar="CATALOG", help=argparse.SUPPRESS)
    parser.add_argument("--detect-child", metavar="CATALOG", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(tokenize_zone(args.child)))
        return 0
    if args.detect_child:
        print(json.dumps(detect_lines(args.detect_child)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.rows]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="piivault-bench-tokenize-"))
    try:
        results = [measure_size(rows, workdir, max(1, args.repeat)) for rows in sizes]
        baselines = {}
        if not args.no_baselines:
            tables = sample_tables(workdir / f"zone-{sizes[0]}" / "catalog.yaml", args.sample)
            baselines["stock Presidio per cell"] = stock_presidio_per_cell(tables)
            baselines["presidio-structured"] = presidio_structured(tables)
        report(results, baselines)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
