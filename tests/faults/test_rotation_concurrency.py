"""Rotating the KEK while other processes tokenize and detokenize loses nothing (issue 11).

Real processes on SQLite and PostgreSQL: two writers tokenize overlapping values (one keeps its vault open
for the whole run, as a long tokenize task does; one opens it for every batch, as each task does; SQLite
takes only the first: it takes one tokenizing process at a time), a reader detokenizes known tokens
through a long-lived vault and a freshly opened one, and two rotator processes
rotate the KEK file on command (`vault.rotation.rotate_kek_file`, what `piivault keys rotate` runs; the
command itself is in `test_rotation.py`), both at once in the middle round. Before each round the test
waits until every worker has finished an operation since the previous one, so every worker crosses every
rotation; no timing is asserted. Afterwards every token a writer got back detokenizes to its value, every
data key is wrapped under the current KEK, and `piivault keys rotate` works again.
"""

from __future__ import annotations

import multiprocessing
import queue
import time
import traceback

from sqlalchemy import select

from tests.faults import test_rotation as shared
from vault.schema import data_keys
from vault.store import Vault

postgres_schemas = shared.postgres_schemas
kek_vault = shared.kek_vault
WRITERS = 2  # on PostgreSQL; an SQLite vault takes one tokenizing process at a time (`vault.writer_lock`)
ROUNDS = 3
BATCH_STEP = 10  # each batch starts this many people after the previous one: new values every batch
WORKER_TIMEOUT_S = 120  # a guard against a hung worker, never a measurement
COMMAND_TIMEOUT_S = 600  # a rotator waits this long for its next command (the whole test, at most)


def _writer(url: str, index: int, reopen: bool, progress, stop, results) -> None:
    """Tokenize overlapping batches until told to stop, then one more; report (token, value) pairs."""
    try:
        pairs: list[tuple[str, str]] = []
        vault = None if reopen else Vault.open(url)
        batch_no = 0
        while True:
            stopping = stop.is_set()
            batch = shared.items((batch_no + index) * BATCH_STEP, 2 * BATCH_STEP)  # overlaps its neighbours
            if reopen:
                with Vault.open(url) as fresh:
                    tokens = fresh.tokenize_batch(batch)
            else:
                tokens = vault.tokenize_batch(batch)
            pairs += zip(tokens, (value for _t, value, _h in batch), strict=True)
            progress[index] += 1
            batch_no += 1
            if stopping:
                break
        if vault is not None:
            vault.close()
        results.put((f"writer {index}", pairs))
    except BaseException:  # the parent fails with the worker's traceback instead of waiting for it
        results.put((f"writer {index}", traceback.format_exc()))


def _reader(url: str, index: int, expected: dict[str, str], progress, stop, results) -> None:
    """Detokenize the same tokens again and again, through a long-lived vault and a fresh one each time."""
    try:
        tokens, values = list(expected), list(expected.values())
        with Vault.open(url) as long_lived:
            while True:
                stopping = stop.is_set()
                with Vault.open(url) as fresh:
                    for vault in (long_lived, fresh):
                        found = vault.detokenize(tokens, **shared.OFFICER)
                        assert [r.value for r in found] == values, [r.outcome for r in found]
                progress[index] += 1
                if stopping:
                    break
        results.put((f"reader {index}", []))
    except BaseException:
        results.put((f"reader {index}", traceback.format_exc()))


def _rotator(url: str, name: str, kek_file: str, commands, results) -> None:
    """Rotate the KEK file each time a command arrives, with one vault kept open throughout (its KEK goes
    stale whenever the other rotator rotates); report each rotation's new KEK id, stop at None."""
    from pathlib import Path

    from vault.rotation import rotate_kek_file

    try:
        done: list[str] = []
        with Vault.open(url) as vault:
            while commands.get(timeout=COMMAND_TIMEOUT_S) is not None:
                result = rotate_kek_file(vault, Path(kek_file))
                done.append(result.new_kek_id)
                results.put((f"{name} rotated", result.new_kek_id))
        results.put((name, done))
    except BaseException:
        results.put((name, traceback.format_exc()))


def _wait_for_every_worker(progress, since: list[int], processes, results) -> list[int]:
    """Until every worker has finished an operation since `since` (or one has died or reported)."""
    deadline = time.monotonic() + WORKER_TIMEOUT_S
    while any(now <= then for now, then in zip(progress[:], since, strict=True)):
        if not all(p.is_alive() for p in processes) or not results.empty() or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    return progress[:]


def test_writers_and_readers_lose_nothing_while_the_kek_rotates(kek_vault):
    url = kek_vault.url
    writers = WRITERS if url.startswith("postgresql") else 1
    expected = shared.tokenize(url, shared.items(10_000, 50))
    context = multiprocessing.get_context("spawn")
    progress = context.Array("i", writers + 1)
    stop = context.Event()
    results = context.Queue()
    workers = [
        context.Process(target=_writer, args=(url, i, i == 1, progress, stop, results))
        for i in range(writers)
    ]
    workers.append(context.Process(target=_reader, args=(url, writers, expected, progress, stop, results)))
    commands = [context.Queue(), context.Queue()]
    rotators = [
        context.Process(
            target=_rotator, args=(url, f"rotator {i}", str(kek_vault.kek_file), commands[i], results)
        )
        for i in range(2)
    ]
    for process in workers + rotators:
        process.start()
    outputs: dict[str, object] = {}
    rotated: list[str] = []
    try:
        since = [0] * len(workers)
        for round_no in range(ROUNDS):
            since = _wait_for_every_worker(progress, since, workers, results)
            at_once = [0, 1] if round_no % 2 else [round_no // 2 % 2]
            for i in at_once:
                commands[i].put("rotate")
            while len(rotated) < len(at_once) and not failed(outputs):
                name, output = results.get(timeout=WORKER_TIMEOUT_S)
                if name.endswith(" rotated"):
                    rotated.append(output)
                else:
                    outputs[name] = output
            rotated.clear()
            if failed(outputs):
                break
        _wait_for_every_worker(progress, since, workers, results)
    finally:
        stop.set()
        for command_queue in commands:
            command_queue.put(None)
        while len(outputs) < len(workers) + len(rotators):
            try:
                name, output = results.get(timeout=WORKER_TIMEOUT_S)
            except queue.Empty:
                break  # the assertions below name who never reported
            if not name.endswith(" rotated"):
                outputs[name] = output
        for process in workers + rotators:
            process.join(timeout=WORKER_TIMEOUT_S)
    failures = {name: output for name, output in outputs.items() if isinstance(output, str)}
    assert not failures, "\n".join(f"{name}:\n{text}" for name, text in failures.items())
    assert set(outputs) == {f"writer {i}" for i in range(writers)} | {
        f"reader {writers}",
        "rotator 0",
        "rotator 1",
    }
    assert [p.exitcode for p in workers + rotators] == [0] * (len(workers) + len(rotators))
    new_keks = outputs["rotator 0"] + outputs["rotator 1"]
    assert len(set(new_keks)) == ROUNDS + ROUNDS // 2  # every rotation asked for was done, each to a new KEK

    written = dict(pair for name, pairs in outputs.items() if name.startswith("writer") for pair in pairs)
    assert min(progress[:]) > ROUNDS  # every worker went on across every round
    shared.assert_readable(url, expected | written)
    with Vault.open(url) as vault, vault.keystore_engine.connect() as conn:
        wrapped_under = set(conn.execute(select(data_keys.c.kek_id)).scalars())
        assert wrapped_under == {vault.kek.key_id}  # nothing stranded under a KEK that rotation discarded
    again = shared.rotation(url)
    assert again.returncode == 0, again.stderr
    shared.assert_rotation_complete(kek_vault)
    shared.assert_readable(url, expected | written)


def failed(outputs: dict[str, object]) -> bool:
    """True once a worker has reported a traceback."""
    return any(isinstance(output, str) for output in outputs.values())
