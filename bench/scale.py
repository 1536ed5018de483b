"""Scale-out on Dask: tokenize with 2 workers beside 1, peak memory per worker, one customer's erasure after
each, and the start-up cost of each mode, side by side in one run.

    python -m bench.scale                        # 200,000 rows (make bench), a few minutes on 2 cores
    python -m bench.scale --sizes 1000000,4000000
    python -m bench.scale --sizes 250000,1000000 --workers 2 --memory-only   # worker peaks only

Set-up (not timed): the demo zone generator of `bench.tokenize` (`flows.demo.data.write_demo_zone`), one
copy of the raw zone per run, a fresh PostgreSQL vault schema per run (`bench.scratch`: `--postgres-url`,
default `PIIVAULT_BENCH_POSTGRES_URL`, then the test server), a real Prefect server process, and
`dask.distributed` LocalClusters of 1 and of 2 worker processes (one thread each) that the flows reach by
address, as an existing cluster. Timed: the tokenize flow run over the zone (`--dask-address`), then the
erase flow run for one CRM customer (its clean step's partitions and its verify step's file checks on the
same workers); each worker's own peak RSS is read in it after the tokenize (`VmHWM`, `bench.peak_memory`).
Start-up: a tokenize of the already tokenized zone (nothing to do) in each mode — in this process without
Prefect, on a local cluster the flow starts (`--workers 2`), on the running cluster — so each figure is the
mode's own overhead. At the first size, free text too (`bench.free_text`): the chats alone tokenized on each
cluster against the `piivault detect` command on their lines, after start-up. `--memory-only`: the tokenize
and the workers' peaks, no erasure, no start-up or free-text figures; `--workers 2`: only that cluster.
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.free_text import chat_lines, detect_command_rate, tokenize_free_text
from bench.scratch import Scratch, add_postgres_url

BENCH_KEK = bytes(range(140, 172))
TARGET_SPEED_UP = 1.7
TARGET_WORKER_MIB = 1024
TARGET_ERASURE_RATIO = 0.6


class Schemas:
    """Fresh vault schemas (`bench.scratch`), dropped with their key stores at the end."""

    def __init__(self, postgres_url: str):
        self.postgres_url = postgres_url
        self.made: list[Scratch] = []

    def new(self) -> str:
        self.made.append(Scratch(self.postgres_url, "pv_bench_scale_"))
        return self.made[-1].url

    def drop(self) -> None:
        for scratch in self.made:
            scratch.drop()


def copy_zone(base: Path, target: Path, vault_url: str) -> Path:
    """A copy of the generated raw zone with its own catalog, clean zone and vault."""
    import yaml

    shutil.copytree(base / "raw", target / "raw")
    document = yaml.safe_load((base / "catalog.yaml").read_text())
    document["vault"] = vault_url
    (target / "catalog.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    return target / "catalog.yaml"


def first_customer(catalog_path: Path) -> str:
    return (catalog_path.parent / "raw" / "crm" / "customers.csv").read_text().splitlines()[1].split(",")[0]


def worker_peak_mib(client) -> list[float]:
    """Each worker's own peak (`bench.peak_memory`: not `ru_maxrss`, which holds the peak of this process,
    whose spawn the worker process is)."""
    from bench.peak_memory import peak_mib

    return sorted(client.run(peak_mib).values())


def erase_one(catalog_path: Path, runner) -> float:
    """Seconds of the erase flow run for the zone's first CRM customer (filing not timed); its clean step's
    partitions go to the runner's workers."""
    from flows.erasure.flow import erase
    from flows.pipeline.catalog import load_catalog
    from flows.requests.lifecycle import Verification, file_request
    from vault.store import Vault

    catalog = load_catalog(catalog_path)
    with Vault.open(catalog.vault_url) as vault:
        request = file_request(
            vault, "erase", "customer_id", first_customer(catalog_path), Verification("bench", "id")
        )
    started = time.perf_counter()
    outcome = erase(request_id=request, catalog_path=str(catalog_path), runner=runner)
    if outcome["status"] != "completed":
        raise SystemExit(f"erasure did not complete: {outcome['status']}")
    return time.perf_counter() - started


def run_on_cluster(
    base: Path,
    workdir: Path,
    workers: int,
    schemas: Schemas,
    memory_only: bool = False,
    partition_mib=None,
    free_text: bool = False,
) -> dict:
    """Tokenize a copy of the zone on a LocalCluster of `workers` processes, reached by address; then
    erase one customer; then a no-op tokenize on the same cluster (the existing-cluster start-up).
    `memory_only`: the tokenize alone. `free_text`: then the chats alone on another copy
    (`bench.free_text`)."""
    import dask
    from distributed import Client, LocalCluster

    from flows.pipeline.task_runners import WORKER_CONFIG, RunnerSettings
    from flows.tokenize.flow import tokenize

    catalog_path = copy_zone(base, workdir / f"workers-{workers}", schemas.new())
    with (
        dask.config.set(WORKER_CONFIG),  # as the clusters the runner starts itself
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        pieces = {} if partition_mib is None else {"partition_mib": partition_mib}
        runner = RunnerSettings(dask_address=cluster.scheduler_address, **pieces)
        started = time.perf_counter()
        results = tokenize(catalog_path=str(catalog_path), runner=runner)
        seconds = time.perf_counter() - started
        peaks = worker_peak_mib(client)
        erase_s = startup = None
        if not memory_only:
            erase_s = erase_one(catalog_path, runner)
            started = time.perf_counter()
            tokenize(catalog_path=str(catalog_path), runner=runner)
            startup = time.perf_counter() - started
        chats = None  # (lines, seconds) of the chats alone
        if free_text:
            copy = copy_zone(base, workdir / f"free-text-{workers}", schemas.new())
            chats = tokenize_free_text(copy, runner)
    rows = sum(r["records_in"] for r in results)
    return {
        "seconds": seconds,
        "rows": rows,
        "peaks": peaks,
        "erase_s": erase_s,
        "startup": startup,
        "catalog": catalog_path,
        "free_text": chats,
    }


def startup_figures(catalog_path: Path) -> dict[str, float]:
    """Seconds of a nothing-to-do tokenize: in this process (no Prefect), and on a local cluster the flow
    starts and stops (2 worker processes)."""
    from flows.cli.tokenize import tokenize_in_process
    from flows.pipeline.catalog import load_catalog
    from flows.pipeline.task_runners import RunnerSettings
    from flows.tokenize.flow import tokenize

    catalog = load_catalog(catalog_path)
    started = time.perf_counter()
    tokenize_in_process(catalog, None, False)
    sequential = time.perf_counter() - started
    started = time.perf_counter()
    tokenize(catalog_path=str(catalog_path), runner=RunnerSettings(workers=2))
    return {"sequential": sequential, "local cluster": time.perf_counter() - started}


def measure(
    rows: int,
    workdir: Path,
    schemas: Schemas,
    clusters=(1, 2),
    memory_only=False,
    partition_mib=None,
    free_text=False,
) -> dict:
    from flows.demo.data import write_demo_zone

    base = workdir / f"zone-{rows}"
    started = time.perf_counter()
    zone = write_demo_zone(base, rows=rows, seed=3)
    generated = time.perf_counter() - started
    size_mib = sum(p.stat().st_size for p in zone.raw_dir.rglob("*") if p.is_file()) / (1 << 20)
    free_text = free_text and not memory_only
    runs = {
        n: run_on_cluster(base, workdir / str(rows), n, schemas, memory_only, partition_mib, free_text)
        for n in clusters
    }
    one, two = runs.get(1), runs.get(2)
    startup = {}
    if two and not memory_only:
        startup = startup_figures(two["catalog"])
        startup["existing cluster"] = two["startup"]
    detect_rate = detect_command_rate(chat_lines(zone.catalog_path)) if free_text else None
    return {
        "rows": next(iter(runs.values()))["rows"],
        "mib": size_mib,
        "generated_s": generated,
        "one": one,
        "two": two,
        "startup": startup,
        "detect_rate": detect_rate,
    }


def report(results: list[dict]) -> None:
    if any(r["one"] is None or r["two"] is None or r["two"]["erase_s"] is None for r in results):
        return report_peaks(results)
    for r in results:
        one, two = r["one"], r["two"]
        speed_up = one["seconds"] / two["seconds"]
        erase_ratio = two["erase_s"] / one["erase_s"]
        peak = max(two["peaks"] + one["peaks"])
        print(f"\n{r['rows']:,} raw rows, {r['mib']:.0f} MiB (generated in {r['generated_s']:.0f} s)")
        print(f"  {'':28} {'1 worker':>12} {'2 workers':>12}")
        print(
            f"  {'tokenize (s)':28} {one['seconds']:>12.1f} {two['seconds']:>12.1f}   "
            f"speed-up {speed_up:.2f}x (target >= {TARGET_SPEED_UP}x)"
        )
        print(
            f"  {'tokenize (rows/s)':28} {one['rows'] / one['seconds']:>12,.0f} "
            f"{two['rows'] / two['seconds']:>12,.0f}"
        )
        print(
            f"  {'peak RSS per worker (MiB)':28} {max(one['peaks']):>12.0f} {max(two['peaks']):>12.0f}   "
            f"(target <= {TARGET_WORKER_MIB} MiB)"
        )
        print(
            f"  {'erase one customer (s)':28} {one['erase_s']:>12.1f} {two['erase_s']:>12.1f}   "
            f"ratio {erase_ratio:.2f} (target <= {TARGET_ERASURE_RATIO}; the clean step's partitions and "
            "the verify step's file checks run on the workers)"
        )
        print(f"  highest worker peak: {peak:.0f} MiB")
        print("  start-up, a tokenize with nothing to do:")
        for mode, seconds in r["startup"].items():
            print(f"    {mode:26} {seconds:>8.1f} s")
        if r["detect_rate"]:
            report_free_text(r)
    if len(results) > 1:
        small, large = results[0], results[-1]
        ratio = max(large["two"]["peaks"]) / max(small["two"]["peaks"])
        print(f"\npeak RSS per worker {large['rows']:,} / {small['rows']:,} rows: {ratio:.2f}x (flat: ~1.0x)")


def report_free_text(r: dict) -> None:
    """The chats tokenized on each cluster against `piivault detect` on their lines (`bench.free_text`)."""
    lines, detect_rate = r["one"]["free_text"][0], r["detect_rate"]
    one, two = (lines / r[name]["free_text"][1] for name in ("one", "two"))
    print(f"  free text, the {lines:,} chat lines alone (wall clock after start-up, lines/s):")
    print(f"    piivault detect, one process {detect_rate:>27,.0f}")
    print(f"    tokenize flow, 1 worker {one:>31,.0f}   {one / detect_rate:.2f}x")
    print(
        f"    tokenize flow, 2 workers {two:>30,.0f}   {two / detect_rate:.2f}x (target >= 1.0x; per core, "
        "in CPU seconds: python -m bench.tokenize --repeat 3)"
    )


def report_peaks(results: list[dict]) -> None:
    """Per size and cluster: tokenize seconds and each worker's peak RSS (`--memory-only`, `--workers`)."""
    for r in results:
        print(f"\n{r['rows']:,} raw rows, {r['mib']:.0f} MiB (generated in {r['generated_s']:.0f} s)")
        for name in ("one", "two"):
            if r[name] is not None:
                peaks = ", ".join(f"{p:.0f}" for p in r[name]["peaks"])
                print(
                    f"  {len(r[name]['peaks'])} worker(s): tokenize {r[name]['seconds']:.1f} s, peak RSS per "
                    f"worker {peaks} MiB (target <= {TARGET_WORKER_MIB} MiB)"
                )
    for name in ("one", "two"):
        sized = [r for r in results if r[name] is not None]
        if len(sized) > 1:
            small, large = sized[0], sized[-1]
            ratio = max(large[name]["peaks"]) / max(small[name]["peaks"])
            print(
                f"\npeak RSS per worker, {len(small[name]['peaks'])} worker(s), {large['rows']:,} / "
                f"{small['rows']:,} rows: {ratio:.2f}x (flat: ~1.0x)"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000, help="raw rows to generate (default 200000)")
    parser.add_argument("--sizes", help="comma-separated sizes instead of --rows, e.g. 1000000,4000000")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: temporary)")
    parser.add_argument("--workers", default="1,2", help="cluster sizes to run, e.g. 2 (default 1,2)")
    parser.add_argument(
        "--memory-only", action="store_true", help="tokenize and worker peaks only: no erasure, no start-up"
    )
    parser.add_argument("--partition-mib", type=float, help="partition size (default: the catalog's, 8)")
    add_postgres_url(parser)
    args = parser.parse_args(argv)
    clusters = tuple(int(n) for n in args.workers.split(","))
    if set(clusters) - {1, 2}:
        parser.error("--workers: 1, 2 or 1,2")
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.rows]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="piivault-bench-scale-"))
    os.environ.setdefault("PIIVAULT_KEK", base64.b64encode(BENCH_KEK).decode())
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.cli.prefect_server import temporary_server

    schemas = Schemas(args.postgres_url)
    try:
        with temporary_server(workdir / "prefect-home", lambda line: print(line, file=sys.stderr)) as url:
            os.environ["PREFECT_API_URL"] = url  # the workers report their task runs here
            with temporary_settings(updates={PREFECT_API_URL: url}):
                results = [
                    measure(rows, workdir, schemas, clusters, args.memory_only, args.partition_mib, at == 0)
                    for at, rows in enumerate(sizes)
                ]
        print(f"\nbench.scale on {os.cpu_count()} cores, PostgreSQL vault, Prefect server process")
        report(results)
    finally:
        schemas.drop()
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
