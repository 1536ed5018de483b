"""Soak: writers and readers on one PostgreSQL vault for minutes while the KEK rotates (issue 11).

    python -m bench.soak [--minutes 10] [--writers 4] [--readers 2] [--rotate-every 60]

Writer processes tokenize batches of values that overlap each other's (half of each batch is new), each
through a vault kept open for the whole run, as a long tokenize task does, and every tenth batch through a
freshly opened one, as each task does. Reader processes detokenize values the writers have stored and check
each against its value. `piivault keys rotate` runs as a process of its own every `--rotate-every` seconds
(the first half a period in), as a cron job would, with the KEK in a file (`PIIVAULT_KEK_FILE`). At the end,
every value a writer got a token for is detokenized through a fresh vault and compared, the key store is
searched for data keys under any KEK but the current one, and one more rotation must succeed.

Prints the operations done, errors by kind (ours with their message, which names tokens and key ids only;
others by class), and the values checked readable and lost. Target: 0 lost, 0 unexpected errors. Exit 0
when it is met. It runs for minutes, so it is in neither `make test` nor `make bench`. PostgreSQL is
`PIIVAULT_BENCH_POSTGRES_URL` (default `PIIVAULT_TEST_POSTGRES_URL`, then
postgresql://postgres@127.0.0.1:5432/test), in a scratch schema dropped at the end.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bench.scratch import add_postgres_url, postgres_scratch

OFFICER = {"role": "privacy_officer", "purpose": "access request", "actor": "bench.soak"}
REOPEN_EVERY = 10  # every tenth operation of a worker goes through a freshly opened vault
READ_SIZE = 20  # tokens per detokenize call
CHECK_CHUNK = 2000  # tokens per detokenize call of the final check
REPO = Path(__file__).resolve().parents[1]
_VALUES: list[tuple[str, Callable[[int], str]]] = [
    ("EMAIL_ADDRESS", lambda i: f"soak.{i}@example{i % 97}.com"),
    ("PERSON", lambda i: f"Soak{i} Person{i % 1000}"),
    ("ADDRESS", lambda i: f"{i % 300} Rue Soak{i}, {1000 + i % 9000} Bruxelles"),
    ("CREDIT_CARD", lambda i: f"4000 {i % 10000:04d} {i // 10000 % 10000:04d} {i // 10**8 % 10000:04d}"),
    ("PHONE_NUMBER", lambda i: f"+32 2 5{i // 10000 % 100:02d} {i // 100 % 100:02d} {i % 100:02d}"),
]


def item(i: int) -> tuple[str, str, str]:
    """Value number `i`: its type, its text and the subject it belongs to."""
    entity_type, make = _VALUES[i % len(_VALUES)]
    return entity_type, make(i), f"S{i // len(_VALUES)}"


def batch_ids(writer: int, batch: int, writers: int, size: int) -> range:
    """The value numbers of a writer's batch: half shared with the next writer's batch, half new."""
    start = (batch * writers + writer) * (size // 2)
    return range(start, start + size)


def error_kind(error: BaseException) -> str:
    """`Class: message` for the vault's own errors (they name tokens and key ids, never a value); only the
    class for others, whose message may quote the data they failed on."""
    from vault.errors import VaultError

    return f"{type(error).__name__}: {error}" if isinstance(error, VaultError) else type(error).__name__


def _reopened(url: str, vault, errors: Counter[str]):
    """A freshly opened vault after an error (the old one closed); the old one when opening fails too."""
    from vault.store import Vault

    try:
        fresh = Vault.open(url)
    except Exception as error:  # noqa: BLE001 - counted by kind; the soak goes on
        errors[f"reopening: {error_kind(error)}"] += 1
        time.sleep(0.5)
        return vault
    vault.close()
    return fresh


def _writer(url: str, index: int, writers: int, size: int, done, stop, results) -> None:
    """Tokenize batch after batch until told to stop; count batches, values and errors."""
    from vault.store import Vault

    errors: Counter[str] = Counter()
    values = 0
    vault = Vault.open(url)
    batch = 0
    while not stop.is_set():
        items = [item(i) for i in batch_ids(index, batch, writers, size)]
        try:
            if batch % REOPEN_EVERY == REOPEN_EVERY - 1:
                with Vault.open(url) as fresh:
                    fresh.tokenize_batch(items)
            else:
                vault.tokenize_batch(items)
        except Exception as error:  # noqa: BLE001 - counted by kind; the soak goes on
            errors[error_kind(error)] += 1
            vault = _reopened(url, vault, errors)
            continue  # the same batch again: only completed batches are checked at the end
        values += len(items)
        batch += 1
        done[index] = batch
    vault.close()
    results.put((f"writer {index}", {"batches": batch, "values": values, "errors": dict(errors)}))


def _reader(url: str, index: int, writers: int, size: int, done, stop, results) -> None:
    """Detokenize values the writers have stored, checking each against its value; count calls and errors."""
    from values.normalise import normalise
    from vault.store import Vault

    rng = random.Random(index)
    errors: Counter[str] = Counter()
    calls = tokens_read = 0
    vault = Vault.open(url)
    while not stop.is_set():
        stored = [(w, done[w]) for w in range(writers) if done[w] > 0]
        if not stored:
            time.sleep(0.05)
            continue
        writer, batches = rng.choice(stored)
        ids = rng.sample(batch_ids(writer, rng.randrange(batches), writers, size), READ_SIZE)
        wanted = {}
        for i in ids:
            entity_type, value, _subject = item(i)
            wanted[vault.deriver.derive_normalised(entity_type, normalise(entity_type, value)).token] = value
        try:
            if calls % REOPEN_EVERY == REOPEN_EVERY - 1:
                with Vault.open(url) as fresh:
                    found = fresh.detokenize(list(wanted), **OFFICER)
            else:
                found = vault.detokenize(list(wanted), **OFFICER)
            for result in found:
                if result.outcome != "allowed" or result.value != wanted[result.token]:
                    errors[f"value not returned ({result.outcome})"] += 1
        except Exception as error:  # noqa: BLE001 - counted by kind; the soak goes on
            errors[error_kind(error)] += 1
            vault = _reopened(url, vault, errors)
        calls += 1
        tokens_read += len(wanted)
    vault.close()
    results.put((f"reader {index}", {"calls": calls, "tokens": tokens_read, "errors": dict(errors)}))


def rotate(url: str) -> tuple[int, str]:
    """`piivault keys rotate` in a process of its own: its exit status and its last line."""
    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", "keys", "rotate", "--vault", url],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = (done.stdout + done.stderr).strip().splitlines()
    return done.returncode, lines[-1] if lines else ""


def final_check(url: str, writers: int, size: int, batches: list[int]) -> dict[str, int]:
    """Every value of every completed batch, detokenized through a fresh vault and compared; data keys
    under any KEK but the current one counted."""
    from sqlalchemy import func, or_, select

    from values.normalise import normalise
    from vault.schema import data_keys
    from vault.store import Vault

    ids = sorted(
        {i for w in range(writers) for b in range(batches[w]) for i in batch_ids(w, b, writers, size)}
    )
    checked = lost = 0
    with Vault.open(url) as vault:
        for start in range(0, len(ids), CHECK_CHUNK):
            wanted = {}
            for i in ids[start : start + CHECK_CHUNK]:
                entity_type, value, _subject = item(i)
                token = vault.deriver.derive_normalised(entity_type, normalise(entity_type, value)).token
                wanted[token] = value
            for result in vault.detokenize(list(wanted), **OFFICER):
                checked += 1
                lost += result.outcome != "allowed" or result.value != wanted[result.token]
        with vault.keystore_engine.connect() as conn:
            stranded = conn.execute(
                select(func.count())
                .select_from(data_keys)
                .where(or_(data_keys.c.kek_id.is_(None), data_keys.c.kek_id != vault.kek.key_id))
            ).scalar_one()
    return {"values checked": checked, "lost": lost, "data keys not under the current KEK": stranded}


def soak(url: str, minutes: float, writers: int, readers: int, rotate_every: float, size: int) -> int:
    """Run the soak on the vault at `url` (KEK file already in the environment); 0 when the target is met."""
    context = multiprocessing.get_context("spawn")
    done = context.Array("i", writers)
    stop = context.Event()
    results = context.Queue()
    processes = [
        context.Process(target=_writer, args=(url, w, writers, size, done, stop, results))
        for w in range(writers)
    ] + [
        context.Process(target=_reader, args=(url, r, writers, size, done, stop, results))
        for r in range(readers)
    ]
    rotations: Counter[str] = Counter()
    started = time.monotonic()
    for process in processes:
        process.start()
    try:
        deadline = started + minutes * 60
        next_rotation = started + rotate_every / 2  # then every `rotate_every`: a 2-minute run sees two
        while time.monotonic() < deadline:
            time.sleep(max(0.0, min(next_rotation, deadline) - time.monotonic()))
            if time.monotonic() >= next_rotation and time.monotonic() < deadline:
                status, line = rotate(url)
                rotations["ok" if status == 0 else f"exit {status}: {line}"] += 1
                elapsed = time.monotonic() - started
                print(
                    f"{elapsed:7.0f} s  rotation {sum(rotations.values())}: exit {status}  {line}", flush=True
                )
                next_rotation += rotate_every
    finally:
        stop.set()
        reports = dict(results.get(timeout=600) for _ in processes)
        for process in processes:
            process.join(timeout=600)
    elapsed = time.monotonic() - started
    final_status, final_line = rotate(url)
    batches = [reports[f"writer {w}"]["batches"] for w in range(writers)]
    check = final_check(url, writers, size, batches)

    errors: Counter[str] = Counter()
    for report in reports.values():
        errors.update(report["errors"])
    written = sum(reports[f"writer {w}"]["values"] for w in range(writers))
    calls = sum(reports[f"reader {r}"]["calls"] for r in range(readers))
    read = sum(reports[f"reader {r}"]["tokens"] for r in range(readers))
    print(f"\nsoak: {elapsed / 60:.1f} min, {writers} writers, {readers} readers, ", end="")
    print(f"a rotation every {rotate_every:g} s")
    print(f"{'tokenize batches':<36}{sum(batches):>10,}  ({written:,} values, {size} a batch, half new)")
    print(f"{'detokenize calls':<36}{calls:>10,}  ({read:,} tokens checked against their values)")
    print(f"{'rotations':<36}{sum(rotations.values()):>10,}  ({rotations['ok']} ok)")
    for kind, count in sorted(rotations.items()):
        if kind != "ok":
            print(f"  rotation failed {count} x  {kind}")
    print(f"{'final rotation':<36}exit {final_status}  {final_line}")
    print(f"{'errors':<36}{sum(errors.values()):>10,}")
    for kind, count in errors.most_common():
        print(f"  {count:>6} x  {kind}")
    for name, count in check.items():
        print(f"{name:<36}{count:>10,}")
    met = (
        check["lost"] == 0
        and check["data keys not under the current KEK"] == 0
        and not errors
        and rotations["ok"] == sum(rotations.values())
        and final_status == 0
    )
    print(f"target: 0 lost, 0 unexpected errors -> {'met' if met else 'MISSED'}")
    return 0 if met else 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10, help="how long the writers and readers run")
    parser.add_argument("--writers", type=int, default=4, help="tokenizing processes")
    parser.add_argument("--readers", type=int, default=2, help="detokenizing processes")
    parser.add_argument("--rotate-every", type=float, default=60, help="seconds between KEK rotations")
    parser.add_argument("--batch", type=int, default=200, help="values per tokenize batch (half new)")
    add_postgres_url(parser)
    args = parser.parse_args(argv)
    scratch = postgres_scratch(args.postgres_url)
    if scratch is None:
        return 2
    url, drop = scratch
    from vault.keys import KEK_ENV, KEK_FILE_ENV, write_kek_file

    try:
        with tempfile.TemporaryDirectory(prefix="pv-soak-") as directory:
            kek_file = Path(directory) / "vault.kek"
            write_kek_file(kek_file, os.urandom(32))
            os.environ.pop(KEK_ENV, None)
            os.environ[KEK_FILE_ENV] = str(kek_file)  # inherited by every process of the soak
            return soak(url, args.minutes, args.writers, args.readers, args.rotate_every, args.batch)
    finally:
        drop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
