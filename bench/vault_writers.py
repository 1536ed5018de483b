"""Concurrent writers into one PostgreSQL vault: values/s with 1, 2 and 4 writer processes, side by side.

    python -m bench.vault_writers --values 100000

The same values are tokenized each time, into a fresh schema (its key store in its own schema, the default):
five entity types in equal parts, each customer's five values linked to their customer key (so links and
fingerprints are written too, as a tokenize run with subject keys writes them), half of them repeats,
shuffled. With N writers the values are cut into N consecutive shares, one per process, each fed to
`Vault.tokenize_batch` in batches as the tokenize flow does. A value's two occurrences often fall in
different shares, so the writers meet the same values at the same time, and one that meets a value another
is inserting waits for that one's transaction to commit (which is what makes one token and one data key per
value); since the CPU work of a transaction (wrapping, sealing, fingerprinting) is done before it opens
(`vault.write_prep`), that wait is for the other's statements only. Beside that, the same values shared out
by customer (each writer has customers of its own, as partitions of different customers do): the writers
seldom wait for each other (only on fingerprints that customers share, a family name), and gain what the
machine gives. Each process opens its vault (and its connections) before the clock starts; the time is from
the first writer's start to the last one's end. Conflicts PostgreSQL reported and the vault retried are
counted, and after every run the vault is checked to hold one token and one data key per distinct value.

PostgreSQL is `PIIVAULT_BENCH_POSTGRES_URL` (default `PIIVAULT_TEST_POSTGRES_URL`, then
postgresql://postgres@127.0.0.1:5432/test). The writers' Python work (normalising, keying, encrypting)
and the server's share the machine's cores, which bound what more writers can gain.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import time
import traceback

from sqlalchemy import func, select

from bench.scratch import Scratch, add_postgres_url
from vault.schema import data_keys, tokens
from vault.store import Item, Vault

BENCH_KEK = bytes(range(11, 43))
WRITER_COUNTS = (1, 2, 4)
CUSTOMER_VALUES = [  # (entity type, value of customer i): five values per customer
    ("EMAIL_ADDRESS", lambda i: f"customer.{i}@example{i % 97}.com"),
    ("PERSON", lambda i: f"Given{i} Family{i % 1000}"),
    ("ADDRESS", lambda i: f"{i % 300 + 1} Rue Number{i}, {1000 + i % 9000} Bruxelles"),
    ("CREDIT_CARD", lambda i: f"4000 {i % 10000:04d} {i // 10000 % 10000:04d} {i // 10**8:04d}"),
    ("PHONE_NUMBER", lambda i: f"+32 2 5{i // 10000 % 100:02d} {i // 100 % 100:02d} {i % 100:02d}"),
]


def make_items(count: int, seed: int = 11) -> list[Item]:
    """`count` items: customers' five values with their customer key, each distinct value twice, shuffled."""
    distinct = []
    for d in range(max(count // 2, 1)):
        entity_type, value_of = CUSTOMER_VALUES[d % 5]
        customer = d // 5
        distinct.append((entity_type, value_of(customer), f"CUST-{customer:07d}"))
    items = (distinct * 2)[:count]
    random.Random(seed).shuffle(items)
    return items


def _writer(url: str, share: list[Item], batch: int, ready, start, results) -> None:
    """Open the vault, wait for the start, tokenize the share; report (start, end, conflicts retried)."""
    try:
        with Vault.open(url, kek=BENCH_KEK) as vault:
            vault.tokenize_batch([])  # nothing to store: only warms the imports
            ready.wait()
            start.wait()
            began = time.monotonic()  # CLOCK_MONOTONIC: one clock for every process of the machine
            for first in range(0, len(share), batch):
                vault.tokenize_batch(share[first : first + batch])
            results.put((began, time.monotonic(), vault.conflicts_retried))
    except BaseException:  # the parent reports the writer's traceback instead of waiting for it
        results.put(traceback.format_exc())


def shares(items: list[Item], writers: int, overlapping: bool) -> list[list[Item]]:
    """The writers' shares: consecutive slices (a value's two occurrences often in different shares, met
    by two writers at once), or, not `overlapping`, by customer (each writer has customers of its own)."""
    if overlapping:
        size = -(-len(items) // writers)
        return [items[i * size : (i + 1) * size] for i in range(writers)]
    split: list[list[Item]] = [[] for _ in range(writers)]
    for item in items:
        split[int(item[2].removeprefix("CUST-")) % writers].append(item)
    return split


def run_writers(url: str, parts: list[list[Item]], batch: int) -> tuple[float, int]:
    """(seconds from the first writer's start to the last one's end, conflicts retried) for one writer
    process per part, each tokenizing its part into the vault at `url`."""
    writers = len(parts)
    context = multiprocessing.get_context("spawn")
    ready, start, results = context.Barrier(writers + 1), context.Barrier(writers + 1), context.Queue()
    processes = [
        context.Process(target=_writer, args=(url, part, batch, ready, start, results)) for part in parts
    ]
    for process in processes:
        process.start()
    ready.wait()
    start.wait()
    reports = [results.get() for _ in processes]
    for process in processes:
        process.join()
    failed = [report for report in reports if isinstance(report, str)]
    if failed:
        raise RuntimeError(f"a writer failed:\n{failed[0]}")
    began = min(report[0] for report in reports)
    ended = max(report[1] for report in reports)
    return ended - began, sum(report[2] for report in reports)


def check(url: str, distinct: int) -> bool:
    """One token and one data key per distinct value."""
    with Vault.open(url, kek=BENCH_KEK) as vault:
        with vault.engine.connect() as conn:
            token_count = conn.execute(select(func.count()).select_from(tokens)).scalar_one()
        with vault.keystore_engine.connect() as kconn:
            key_count = kconn.execute(select(func.count()).select_from(data_keys)).scalar_one()
    return token_count == key_count == distinct


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.vault_writers", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--values", type=int, default=100_000, help="values to tokenize (half repeats)")
    parser.add_argument("--batch", type=int, default=10_000, help="values per tokenize_batch call")
    parser.add_argument(
        "--writers", default=",".join(map(str, WRITER_COUNTS)), help="writer process counts, comma-separated"
    )
    add_postgres_url(parser)
    args = parser.parse_args(argv)
    items = make_items(args.values)
    distinct = len({value for _t, value, _h in items})
    counts = [int(n) for n in args.writers.split(",")]
    print(
        f"{len(items):,} values ({distinct:,} distinct, linked to {distinct // 5:,} customers), batches of "
        f"{args.batch:,}, into PostgreSQL; {os.cpu_count()} cores"
    )
    rows = []
    for writers in counts:
        row = [writers]
        for overlapping in (True, False):
            scratch = Scratch(args.postgres_url, "pv_bench_writers_")
            try:
                Vault.open(scratch.url, kek=BENCH_KEK).close()  # tables and master secret before the clock
                seconds, retried = run_writers(scratch.url, shares(items, writers, overlapping), args.batch)
                row += [seconds, retried, check(scratch.url, distinct)]
            finally:
                scratch.drop()
        rows.append(row)
    print(f"{'':>8}{'values met by two writers at once':^36}{'each writer its own customers':^36}")
    print(
        f"{'writers':>8}" + f"{'values/s':>12}{'x 1 writer':>12}{'retried':>9}   " * 2 + "one token+key each"
    )
    base = rows[0] if rows and rows[0][0] == 1 else None  # the speed-up is against one writer
    for writers, *runs in rows:
        line = f"{writers:>8}"
        for index in (0, 3):
            seconds, retried = runs[index], runs[index + 1]
            speedup = f"{base[1 + index] / seconds:.2f}" if base else "-"
            line += f"{len(items) / seconds:>12,.0f}{speedup:>12}{retried:>9}   "
        print(line + ("yes" if runs[2] and runs[5] else "NO"))
    return 0 if all(runs[2] and runs[5] for _writers, *runs in rows) else 1


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
