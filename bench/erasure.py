"""Erasure cost follows the subject's footprint, not the size of the data: erase one subject from a
generated, tokenized raw zone at several sizes and compare seconds and files rewritten.

    python -m bench.erasure --rows 20000 --scales 1,4

A zone at scale k is k demo shards (`flows.demo.data`, `--rows` records each, different people per
shard) side by side in one raw zone and catalog, tokenized without Prefect. The subject is a customer of
shard 0, so their footprint (the files that hold them) is the same at every scale while the data grows
k-fold. Timed: the whole erasure run (`flows.erasure.steps.run_erasure`: resolve, clean, raw, shred,
verify, receipt), not the set-up. Partitions holding only values the subject shares with others (a
namesake's name in another shard) are read but not rewritten, so "partitions examined" may grow a
little with the data; "files rewritten" must not. The issue names 1M and 4M rows (`--rows 1000000
--scales 1,4`); tokenizing those takes hours on a small machine, so the defaults are smaller.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

BENCH_KEK = bytes(range(40, 72))


def _shard_name(relpath: Path, shard: int) -> Path:
    return relpath.with_name(f"{relpath.stem}-s{shard}{relpath.suffix}")


def build_zone(root: Path, rows: int, scale: int) -> tuple[Path, object, int]:
    """k demo shards in one raw zone; returns (catalog path, the subject, total records)."""
    from flows.demo.data import write_demo_zone

    zone = write_demo_zone(root, rows=rows, seed=7)
    total = sum(zone.rows.values())
    other_ids: set[str] = set()
    for shard in range(1, scale):
        extra = write_demo_zone(root / f"shard-{shard}", rows=rows, seed=7 + shard)
        total += sum(extra.rows.values())
        other_ids |= {p.customer_id for p in extra.people} | {p.email for p in extra.people}
        for path in sorted(extra.raw_dir.rglob("*")):
            if path.is_file():
                relpath = path.relative_to(extra.raw_dir)
                target = zone.raw_dir / _shard_name(relpath, shard)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(path, target)
        shutil.rmtree(root / f"shard-{shard}")
    subject = next(p for p in zone.people if p.customer_id not in other_ids and p.email not in other_ids)
    return zone.catalog_path, subject, total


def tokenize_zone(catalog_path: Path) -> tuple[int, float]:
    """Tokenize every raw file directly (no Prefect); (files, seconds)."""
    from flows.pipeline.catalog import load_catalog
    from flows.pipeline.column_kinds import classify_columns, sample_frame
    from flows.tokenize.tokenizing import tokenize_file
    from recognizers import detect
    from vault.store import Vault

    started = time.perf_counter()
    catalog = load_catalog(catalog_path)
    files = 0
    with Vault.open(catalog.vault_url, kek=BENCH_KEK) as vault:
        for name in catalog.datasets:
            kinds = classify_columns(catalog.dataset(name), sample_frame(catalog, name))
            for path in catalog.input_files(name):
                tokenize_file(catalog, name, path, kinds, vault, detect)
                files += 1
    return files, time.perf_counter() - started


def erase_subject(catalog_path: Path, email: str) -> dict:
    """File a verified request for `email` and run the erasure; timings and counts from its receipt."""
    from flows.erasure.steps import run_erasure
    from flows.pipeline.catalog import load_catalog
    from flows.requests.lifecycle import Verification, file_request
    from vault.store import Vault

    catalog = load_catalog(catalog_path)
    with Vault.open(catalog.vault_url, kek=BENCH_KEK) as vault:
        request_id = file_request(vault, "erase", "email", email, Verification("bench", "bench"))
        started = time.perf_counter()
        outcome = run_erasure(catalog, vault, request_id)
        seconds = time.perf_counter() - started
    receipt = json.loads(Path(outcome.receipt_path).read_text())
    return {
        "seconds": seconds,
        "steps": receipt["timings_seconds"],
        "examined": sum(d["partitions_examined"] for d in receipt["datasets"].values()),
        "clean_rewritten": receipt["files_rewritten"]["clean"],
        "raw_rewritten": receipt["files_rewritten"]["raw"],
        "passed": receipt["verification"]["passed"],
    }


def run(rows: int, scales: list[int], keep: Path | None) -> list[dict]:
    results = []
    for scale in scales:
        root = Path(tempfile.mkdtemp(prefix=f"piivault-bench-erasure-{scale}x-", dir=keep))
        try:
            catalog_path, subject, total = build_zone(root, rows, scale)
            files, tokenize_seconds = tokenize_zone(catalog_path)
            erased = erase_subject(catalog_path, subject.email)
            results.append({"scale": scale, "records": total, "raw_files": files, **erased})
            print(
                f"scale {scale}x: {total} records in {files} raw files "
                f"(tokenized in {tokenize_seconds:.0f} s); erasure {erased['seconds']:.2f} s",
                flush=True,
            )
        finally:
            if keep is None:
                shutil.rmtree(root, ignore_errors=True)
    return results


def print_table(results: list[dict]) -> None:
    print(
        f"\n{'scale':>5}  {'records':>9}  {'raw files':>9}  {'examined':>8}  {'clean rw':>8}  {'raw rw':>6}  "
        f"{'seconds':>7}  steps (resolve/clean/raw/shred/verify)"
    )
    for r in results:
        steps = "/".join(
            f"{r['steps'].get(s, 0):.2f}" for s in ("resolve", "clean", "raw", "shred", "verify")
        )
        print(
            f"{r['scale']:>4}x  {r['records']:>9}  {r['raw_files']:>9}  {r['examined']:>8}  "
            f"{r['clean_rewritten']:>8}  {r['raw_rewritten']:>6}  {r['seconds']:>7.2f}  {steps}"
            + ("" if r["passed"] else "  VERIFICATION FAILED")
        )
    if len(results) >= 2:
        first, last = results[0], results[-1]
        print(
            f"data x{last['records'] / first['records']:.1f}: "
            f"erasure time x{last['seconds'] / first['seconds']:.2f}, "
            f"files rewritten {first['clean_rewritten'] + first['raw_rewritten']} -> "
            f"{last['clean_rewritten'] + last['raw_rewritten']}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.erasure", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000, help="records per demo shard (default 20000)")
    parser.add_argument("--scales", default="1,4", help="comma-separated shard counts (default 1,4)")
    parser.add_argument(
        "--keep", type=Path, default=None, help="keep the generated zones under this directory"
    )
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",")]
    print(f"erasing one subject: {args.rows} records per shard, scales {scales}", flush=True)
    results = run(args.rows, scales, args.keep)
    print_table(results)
    return 0 if all(r["passed"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
