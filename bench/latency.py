"""How long the interactive commands take, end to end, in each way they can run: in the command's own
process (the default without PREFECT_API_URL) and as a Prefect flow run on a temporary server started
for the command (`--prefect` without PREFECT_API_URL; what every command did before).

    python -m bench.latency                  # the demo zone (2,000 records), best of 2
    python -m bench.latency --rows 400 --repeat 1 --modes in-process

Each figure is a whole `piivault` command in a fresh process, as a person runs it: wall seconds and the
command process's own peak RSS (`bench.peak_memory`; a temporary server is a process of its own and not
counted). Set-up (demo zone, one tokenize) is not timed. Measured: a tokenize with nothing to do (every file
unchanged), the request listing, an erasure of one customer (filed and run by one command; a different
customer for each run), and the same erasure again (completed already: nothing to do). Targets: under 3 s
for the commands with nothing to do, under 5 s for the one-customer erasure, in process.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.peak_memory import PeakWatch

MODES = {"in-process": [], "prefect": ["--prefect"]}
CASES = ("tokenize, nothing to do", "requests (listing)", "erase one customer", "erase it again")
TARGETS = {CASES[0]: 3.0, CASES[1]: 3.0, CASES[2]: 5.0, CASES[3]: 3.0}
EVIDENCE = ["--verified-by", "bench", "--method", "bench"]


def command_env(work: Path) -> dict[str, str]:
    """No Prefect API configured (the in-process default), Prefect's state inside the work directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PIIVAULT_"))}
    env["PREFECT_HOME"] = str(work / "prefect-home")
    return env


def timed(arguments: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB of the command process, stdout) of one `piivault` command."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", *arguments],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    watch = PeakWatch(process.pid)
    stdout, stderr = process.stdout.read(), process.stderr.read()
    _pid, status, _usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    peak = watch.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"piivault {arguments[0]} exited {process.returncode}: {stderr.decode()[-2000:]}")
    return seconds, peak, stdout.decode()


def customers(catalog_path: Path) -> list[str]:
    """The demo zone's customer ids, in the CRM's order."""
    with open(catalog_path.parent / "raw" / "crm" / "customers.csv", encoding="utf-8") as handle:
        return [row["customer_id"] for row in csv.DictReader(handle)]


def measure(mode: str, catalog: Path, people: list[str], repeat: int, env: dict, cwd: Path) -> dict:
    """Best of `repeat` for each case in `mode`: {case: (seconds, MiB)}."""
    flags = MODES[mode]
    options = ["--catalog", str(catalog)]
    best: dict[str, tuple[float, float]] = {}

    def keep(case: str, figure: tuple[float, float, str]) -> str:
        if case not in best or figure[0] < best[case][0]:
            best[case] = figure[:2]
        return figure[2]

    for _ in range(repeat):
        keep(CASES[0], timed(["tokenize", *options, *flags], env, cwd))
        keep(CASES[1], timed(["requests", *options], env, cwd))
        receipt = keep(
            CASES[2], timed(["erase", "--customer-id", people.pop(0), *EVIDENCE, *options, *flags], env, cwd)
        )
        request_id = Path(receipt.strip().splitlines()[-1]).stem
        keep(CASES[3], timed(["erase", request_id, *options, *flags], env, cwd))
    return best


def print_table(results: dict[str, dict], rows: int, repeat: int) -> None:
    modes = list(results)
    print(f"\npiivault commands on a {rows}-record demo zone, best of {repeat}: wall seconds, peak RSS")
    header = f"{'command':26}" + "".join(f"{mode:>24}" for mode in modes) + f"{'target (in process)':>22}"
    print(header)
    for case in CASES:
        cells = []
        for mode in modes:
            if mode == "prefect" and case == CASES[1]:
                cells.append(f"{'(starts no Prefect)':>24}")
                continue
            seconds, mib = results[mode][case]
            cells.append(f"{seconds:>11.2f} s {mib:>6.0f} MiB")
        print(f"{case:26}" + "".join(cells) + f"{'< ' + format(TARGETS[case], '.0f') + ' s':>22}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.latency", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2_000, help="demo zone size (default 2000, as make demo)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each command; the best counts")
    parser.add_argument("--modes", default="in-process,prefect", help="in-process, prefect or both")
    parser.add_argument("--keep", type=Path, default=None, help="work here and keep it (default: a temp dir)")
    args = parser.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    work = args.keep or Path(tempfile.mkdtemp(prefix="piivault-latency-"))
    cwd = Path(__file__).resolve().parents[1]
    try:
        from flows.demo.data import write_demo_zone

        zone = write_demo_zone(work / "data", rows=args.rows)
        env = command_env(work)
        print(
            f"set-up: demo zone of {sum(zone.rows.values())} records, tokenized once (not timed)", flush=True
        )
        timed(["tokenize", "--catalog", str(zone.catalog_path)], env, cwd)
        people = customers(zone.catalog_path)
        results = {mode: measure(mode, zone.catalog_path, people, args.repeat, env, cwd) for mode in modes}
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print_table(results, args.rows, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
