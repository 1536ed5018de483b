"""Detection throughput: log lines per second and peak memory of `piivault detect` (the command line on a
JSONL file of corpus records) beside stock Presidio's `analyze()` loop on the same records with the same
spaCy model, run one after the other, each in its own process so each has its own RSS high-water mark.

    python -m bench.detect --lines 1000

Each side is timed end to end (process start to exit, model loading included) and after start-up (the
same run minus the time one record takes for piivault, minus model loading for Presidio); the
issue's target (>= 10x) is judged on the after-start-up rate, the one that holds for large inputs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.corpora.base import write_jsonl
from bench.corpora.tuned import build_corpus
from bench.peak_memory import PeakWatch

TARGET_RATIO = 10.0
REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    """One measured process: wall and CPU time, the parts of them spent starting up, and its peak RSS."""

    lines: int
    wall_s: float
    startup_s: float
    cpu_s: float
    startup_cpu_s: float
    peak_rss_mib: float

    @property
    def end_to_end_rate(self) -> float:
        return self.lines / self.wall_s

    @property
    def steady_rate(self) -> float:
        return self.lines / max(self.wall_s - self.startup_s, 1e-9)

    @property
    def cpu_rate(self) -> float:
        """Lines per CPU-second after start-up: steadier than wall time on a machine others share."""
        return self.lines / max(self.cpu_s - self.startup_cpu_s, 1e-9)


@dataclass
class Measured:
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    stdout: str


def run_measured(command: list[str]) -> Measured:
    """Run `command` to completion and measure it. `os.wait4` gives the CPU time of this one child, unlike
    RUSAGE_CHILDREN's sum over all children; its peak RSS is its own `VmHWM` (`bench.peak_memory`)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=REPO_ROOT)
        watch = PeakWatch(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        peak = watch.stop()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        tail = stderr.strip().splitlines()[-3:]
        raise RuntimeError(f"{' '.join(command[:4])} exited {process.returncode}: {' | '.join(tail)}")
    return Measured(wall, usage.ru_utime + usage.ru_stime, peak, stdout)


def measure_piivault(input_path: Path, one_record_path: Path, output_dir: Path, lines: int) -> Run:
    """`piivault detect` on the records, and on one record for its start-up time (an empty input would
    not load the model)."""
    command = [sys.executable, "-m", "flows.cli", "detect"]
    startup = run_measured(command + [str(one_record_path), "-o", str(output_dir / "one.out.jsonl")])
    run = run_measured(command + [str(input_path), "-o", str(output_dir / "detect.out.jsonl")])
    return Run(
        lines,
        run.wall_s,
        min(startup.wall_s, run.wall_s),
        run.cpu_s,
        min(startup.cpu_s, run.cpu_s),
        run.peak_rss_mib,
    )


def measure_presidio(input_path: Path, lines: int) -> Run:
    """Stock Presidio's `analyze()` loop in a child process (`--presidio-worker`)."""
    run = run_measured([sys.executable, "-m", "bench.detect", "--presidio-worker", str(input_path)])
    report = json.loads(run.stdout.strip().splitlines()[-1])
    return Run(
        lines,
        run.wall_s,
        run.wall_s - report["loop_s"],
        run.cpu_s,
        run.cpu_s - report["loop_cpu_s"],
        run.peak_rss_mib,
    )


def presidio_worker(input_path: str) -> int:
    """Child side: load stock Presidio, analyze every record, print the loop's wall and CPU time as JSON."""
    from bench.stock_presidio import build_stock_analyzer, stock_findings

    with open(input_path, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    analyzer = build_stock_analyzer()
    stock_findings(analyzer, "warm-up")
    started, started_cpu = time.perf_counter(), time.process_time()
    found = sum(len(stock_findings(analyzer, text)) for text in texts)
    loop_s, loop_cpu_s = time.perf_counter() - started, time.process_time() - started_cpu
    print(json.dumps({"lines": len(texts), "findings": found, "loop_s": loop_s, "loop_cpu_s": loop_cpu_s}))
    return 0


def render(lines: int, runs: dict[str, Run | str]) -> str:
    """piivault and Presidio side by side, with the ratio and the verdict against the target."""
    names = ("piivault detect", "stock Presidio")
    rows = [
        ("lines/s after start-up", lambda r: f"{r.steady_rate:.1f}", "steady_rate"),
        ("lines/s end to end", lambda r: f"{r.end_to_end_rate:.1f}", "end_to_end_rate"),
        ("lines per CPU-second", lambda r: f"{r.cpu_rate:.1f}", "cpu_rate"),
        ("start-up s", lambda r: f"{r.startup_s:.1f}", None),
        ("wall s", lambda r: f"{r.wall_s:.1f}", None),
        ("peak RSS MiB", lambda r: f"{r.peak_rss_mib:.0f}", None),
    ]
    out = [
        f"Detection throughput on {lines} corpus records, one process after the other ({os.cpu_count()} CPUs)"
    ]
    out.append(f"{'':<24}{names[0]:>18}{names[1]:>18}{'ratio':>10}")
    piivault, presidio = runs[names[0]], runs[names[1]]
    for label, fmt, attr in rows:
        cells = [fmt(r) if isinstance(r, Run) else "n/a" for r in (piivault, presidio)]
        ratio = ""
        if attr and isinstance(piivault, Run) and isinstance(presidio, Run):
            ratio = f"{getattr(piivault, attr) / getattr(presidio, attr):.1f}x"
        out.append(f"{label:<24}{cells[0]:>18}{cells[1]:>18}{ratio:>10}")
    for name, run in runs.items():
        if not isinstance(run, Run):
            out.append(f"{name}: not measured ({run})")
    if isinstance(piivault, Run) and isinstance(presidio, Run):
        ratio = piivault.steady_rate / presidio.steady_rate
        verdict = "PASS" if ratio >= TARGET_RATIO else "MISS"
        out.append(f"target: >= {TARGET_RATIO:.0f}x lines/s after start-up -> {ratio:.1f}x {verdict}")
    out.append(
        "(CPU-seconds count every thread of the process; wall rates depend on what else the machine runs)"
    )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.detect", description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1000, help="corpus records (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=1, help="alternate runs per side, keep each side's best"
    )
    parser.add_argument("--presidio-worker", metavar="JSONL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.presidio_worker:
        return presidio_worker(args.presidio_worker)

    samples = build_corpus(args.lines, args.seed)
    runs: dict[str, Run | str] = {}
    with tempfile.TemporaryDirectory(prefix="piivault-bench-") as scratch:
        work = Path(scratch)
        input_path, one_record_path = work / "records.jsonl", work / "one.jsonl"
        with open(input_path, "w", encoding="utf-8") as handle:
            write_jsonl(samples, handle, with_labels=False)
        with open(one_record_path, "w", encoding="utf-8") as handle:
            write_jsonl(samples[:1], handle, with_labels=False)
        measures = {
            "piivault detect": lambda: measure_piivault(input_path, one_record_path, work, len(samples)),
            "stock Presidio": lambda: measure_presidio(input_path, len(samples)),
        }
        for attempt in range(1, args.repeat + 1):
            for name, measure in measures.items():
                if isinstance(runs.get(name), str):
                    continue  # it failed once: it will fail again
                print(f"measuring {name} ({attempt}/{args.repeat}) ...", flush=True)
                try:
                    run = measure()
                except RuntimeError as error:
                    runs[name] = str(error)
                    continue
                best = runs.get(name)
                if not isinstance(best, Run) or run.steady_rate > best.steady_rate:
                    runs[name] = run
    print(render(len(samples), runs))
    if args.repeat > 1:
        print(f"(best of {args.repeat} alternating runs per side)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
