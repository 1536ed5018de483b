"""Four real processes tokenizing overlapping values at once end with exactly one entry per value."""

import multiprocessing
import random
import traceback

from sqlalchemy import func, select

from vault.schema import data_keys, links, tokens
from vault.store import Vault

from .conftest import TEST_KEK

WORKERS = 4
POOL = [("EMAIL_ADDRESS", f"person{i}@example.com", f"C{i}") for i in range(1500)] + [
    ("PERSON", f"Person Number{i}", f"C{i}") for i in range(1500)
]


def _tokenize_worker(url: str, seed: int, barrier, results) -> None:
    try:
        rng = random.Random(seed)
        items = rng.sample(POOL, 2000)  # each worker sees two thirds of the pool: heavy overlap
        barrier.wait()
        with Vault.open(url, kek=TEST_KEK) as vault:  # all four also race to create the schema
            out = []
            start = 0
            for size in (250, 700, 350, 700):  # batches of different sizes, so the workers drift apart
                batch = items[start : start + size]
                start += size
                out.extend(zip(batch, vault.tokenize_batch(batch), strict=True))
        results.put((seed, [(value, token) for (_t, value, _h), token in out]))
    except BaseException:  # the parent fails with the worker's traceback instead of waiting for it
        results.put((seed, traceback.format_exc()))


def test_four_processes_tokenizing_overlapping_values(vault_url):
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WORKERS)
    results = context.Queue()
    processes = [
        context.Process(target=_tokenize_worker, args=(vault_url, seed, barrier, results))
        for seed in range(WORKERS)
    ]
    for process in processes:
        process.start()
    outputs = [results.get(timeout=120) for _ in processes]
    failures = [output for _seed, output in outputs if isinstance(output, str)]
    assert not failures, failures[0]
    for process in processes:
        process.join(timeout=60)
    assert [p.exitcode for p in processes] == [0] * WORKERS

    token_of: dict[str, str] = {}
    for _seed, pairs in outputs:
        for value, token in pairs:
            assert token_of.setdefault(value, token) == token  # every process got the same token
    with Vault.open(vault_url, kek=TEST_KEK) as vault:
        with vault.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(tokens)).scalar_one() == len(token_of)
            assert conn.execute(select(func.count()).select_from(links)).scalar_one() == len(token_of)
        with vault.keystore_engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(data_keys)).scalar_one() == len(token_of)
        # Each stored value opens with the key that won the race: no orphaned or mismatched keys.
        values = sorted(token_of)
        found = vault.detokenize(
            [token_of[v] for v in values], role="privacy_officer", purpose="access request", actor="test"
        )
        assert [r.value for r in found] == values
