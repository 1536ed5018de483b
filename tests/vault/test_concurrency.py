"""Four real processes tokenizing overlapping values with subject links into one PostgreSQL vault at once
end with exactly one token and one data key per value, every link and fingerprint, and no deadlock.

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


def _run_workers(url: str) -> list[tuple[list, int]]:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WORKERS)
    results = context.Queue()
    processes = [
        context.Process(target=_tokenize_worker, args=(url, seed, barrier, results))
        for seed in range(WORKERS)
    ]
    for process in processes:
        process.start()
    outputs = [results.get(timeout=300) for _ in processes]
    failures = [output for _seed, output in outputs if isinstance(output, str)]
    assert not failures, failures[0]
    for process in processes:
        process.join(timeout=60)
    assert [p.exitcode for p in processes] == [0] * WORKERS
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


def _rows(conn, *columns) -> set[tuple]:
    return {tuple(row) for row in conn.execute(select(*columns))}
