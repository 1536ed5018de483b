"""Four real processes tokenizing overlapping values with subject links into one PostgreSQL vault at once
end with exactly one token and one data key per value, every link and fingerprint, and no deadlock; and
subjects shredded while writers go on tokenizing their values leave nothing behind.

The four start together on the same batch (every value of it met by all four at the same instant), then
go on with batches of different sizes drawn from one pool, two thirds of it each: heavy overlap. The pool
has values several subjects hold (namesakes, a household's landline), seen with different subjects in one
batch and across workers, so links and the fingerprints' `shared` flags are written concurrently too. The
key store is where `Vault.open` puts it by default: a schema of its own (`vault.key_schema`).
"""

import multiprocessing
import random
import traceback

from sqlalchemy import func, select

from vault.schema import data_keys, fingerprint_keys, fingerprints, links, secrets, subjects, tokens
from vault.store import Vault

from .conftest import TEST_KEK

WORKERS = 4
PEOPLE = 900
FIRST_BATCH = 300  # tokenized by all four at the same instant
BATCHES = (250, 700, 350, 700)  # then batches of different sizes, so the workers drift apart


def _pool() -> list[tuple[str, str, str]]:
    """(entity type, value, subject key): each person's own email, a name two people share (namesakes),
    and a landline three people share (a household)."""
    pool = []
    for i in range(PEOPLE):
        key = f"CUST-{i:06d}"
        pool += [
            ("EMAIL_ADDRESS", f"person{i}@example.com", key),
            ("PERSON", f"Given{i // 2} Family{i // 2}", key),
            ("PHONE_NUMBER", f"+32 2 5{i // 300:02d} {i // 3 // 100 % 100:02d} {i // 3 % 100:02d}", key),
        ]
    return pool


POOL = _pool()


def _worker_items(seed: int) -> list[list[tuple[str, str, str]]]:
    rng = random.Random(seed)
    batches = [POOL[:FIRST_BATCH]]
    items = rng.sample(POOL, sum(BATCHES))  # two thirds of the pool each: heavy overlap between workers
    start = 0
    for size in BATCHES:
        batches.append(items[start : start + size])
        start += size
    return batches


def _tokenize_worker(url: str, seed: int, barrier, results) -> None:
    try:
        batches = _worker_items(seed)
        barrier.wait()
        with Vault.open(url, kek=TEST_KEK) as vault:  # all four also race to create both schemas
            out = []
            for batch in batches:
                out.extend(zip(batch, vault.tokenize_batch(batch), strict=True))
            retried = vault.conflicts_retried
        results.put((seed, ([(item, token) for item, token in out], retried)))
    except BaseException:  # the parent fails with the worker's traceback instead of waiting for it
        results.put((seed, traceback.format_exc()))


def _run_workers(url: str, target=_tokenize_worker, workers: int = WORKERS) -> list:
    """Run `workers` processes of `target(url, seed, barrier, results)`; their outputs, in seed order."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(workers)
    results = context.Queue()
    processes = [
        context.Process(target=target, args=(url, seed, barrier, results)) for seed in range(workers)
    ]
    for process in processes:
        process.start()
    outputs = sorted(results.get(timeout=300) for _ in processes)
    failures = [output for _seed, output in outputs if isinstance(output, str)]
    assert not failures, failures[0]
    for process in processes:
        process.join(timeout=60)
    assert [p.exitcode for p in processes] == [0] * workers
    return [output for _seed, output in outputs]


def test_four_processes_tokenizing_and_linking_overlapping_values(postgres_schemas):
    url = postgres_schemas()
    outputs = _run_workers(url)
    assert [retried for _pairs, retried in outputs] == [0] * WORKERS  # no deadlock, nothing to retry

    token_of: dict[str, str] = {}
    linked: set[tuple[str, str]] = set()
    for pairs, _retried in outputs:
        for (_type, value, key), token in pairs:
            assert token_of.setdefault(value, token) == token  # every process got the same token
            linked.add((key, token))
    with Vault.open(url, kek=TEST_KEK) as vault:
        expected_links = {(vault.subject_id(key), token) for key, token in linked}
        with vault.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(tokens)).scalar_one() == len(token_of)
            assert _rows(conn, tokens.c.token) == {(t,) for t in token_of.values()}
            assert _rows(conn, links.c.subject_id, links.c.token) == expected_links
            assert _rows(conn, subjects.c.subject_id) == {(s,) for s, _t in expected_links}
            holders = _rows(conn, fingerprints.c.fingerprint, fingerprints.c.subject_id, fingerprints.c.token)
            keys = dict(_rows(conn, fingerprint_keys.c.fingerprint, fingerprint_keys.c.shared))
        # Every link is fingerprinted, every subject key too (token ""), and nothing else is.
        assert {(s, t) for _fp, s, t in holders if t} == expected_links
        assert {s for _fp, s, t in holders if not t} == {s for s, _t in expected_links}
        # Each fingerprint has its key row, marked shared exactly when several subjects hold it, though
        # its holders were written by different processes at once.
        who: dict[int, set[str]] = {}
        for fingerprint, subject_id, _token in holders:
            who.setdefault(fingerprint, set()).add(subject_id)
        assert set(keys) == set(who)
        wrong = [fp for fp, shared in keys.items() if bool(shared) != (len(who[fp]) > 1)]
        assert wrong == [], f"{len(wrong)} fingerprints with a wrong shared flag"
        assert any(keys.values())  # the namesakes and households did share
        with vault.keystore_engine.connect() as kconn:
            keyed = _rows(kconn, data_keys.c.token, data_keys.c.kek_id)
            assert kconn.execute(select(func.count()).select_from(secrets)).scalar_one() == 1
        assert sorted(t for t, _k in keyed) == sorted(token_of.values())  # one data key per value, no orphan
        assert {k for _t, k in keyed} == {vault.kek.key_id}
        # Each stored value opens with the key that won the race: no orphaned or mismatched keys.
        values = sorted(token_of)
        found = vault.detokenize(
            [token_of[v] for v in values], role="privacy_officer", purpose="access request", actor="test"
        )
        assert [r.value for r in found] == values


SHREDDED = 40  # the first customers of the pool, shredded one by one while two writers tokenize the pool
SHRED_POOL = POOL[: 3 * 120]


def _writer_or_shredder(url: str, seed: int, barrier, results) -> None:
    """Seed 0 shreds the first customers one by one; the others tokenize the pool three times over, in
    batches of their own order, so they meet the customers being shredded before, during and after."""
    try:
        with Vault.open(url, kek=TEST_KEK) as vault:
            barrier.wait()
            if seed == 0:
                for i in range(SHREDDED):
                    vault.shred_subject(vault.subject_id(f"CUST-{i:06d}"))
            else:
                items = SHRED_POOL * 3
                random.Random(seed).shuffle(items)
                for first in range(0, len(items), 60):
                    vault.tokenize_batch(items[first : first + 60])
            results.put((seed, vault.conflicts_retried))
    except BaseException:
        results.put((seed, traceback.format_exc()))


def test_subjects_shredded_beside_writers_leave_nothing_behind(postgres_schemas):
    url = postgres_schemas()
    with Vault.open(url, kek=TEST_KEK) as vault:
        vault.tokenize_batch(SHRED_POOL)  # known before the race: the shreds have something to erase
    assert _run_workers(url, _writer_or_shredder, 3) == [0, 0, 0]  # no deadlock, nothing retried
    with Vault.open(url, kek=TEST_KEK) as vault:
        gone = {vault.subject_id(f"CUST-{i:06d}") for i in range(SHREDDED)}
        kept = {vault.subject_id(key) for _t, _v, key in SHRED_POOL} - gone
        with vault.engine.connect() as conn:
            linked = _rows(conn, links.c.subject_id)
            held = _rows(conn, fingerprints.c.subject_id)
            known = _rows(conn, subjects.c.subject_id)
            token_rows = _rows(conn, tokens.c.token)
        with vault.keystore_engine.connect() as kconn:
            key_rows = _rows(kconn, data_keys.c.token)
    # No link, fingerprint or subject row of a shredded customer came back from a writer that raced it.
    assert {s for (s,) in linked} == {s for (s,) in held} == {s for (s,) in known} == kept
    assert token_rows == key_rows  # every stored value has its key, and no key outlives its value


def _rows(conn, *columns) -> set[tuple]:
    return {tuple(row) for row in conn.execute(select(*columns))}
