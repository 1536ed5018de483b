"""Lineage: which dataset partition holds which tokens, so erasure rewrites only the partitions it must.

See `vault.schema` for the layout (interned partitions, (token, partition_id) rows).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from sqlalchemy import Connection, delete, select

from values.token_format import ERASED_MARKER
from vault.schema import lineage, partitions
from vault.sql import insert_ignore, select_in
from vault.surrogates import resolve_placeholders

BATCH = 10_000  # tokens resolved and inserted at a time: a file's lineage is written in bounded memory


def partition_id(conn: Connection, dataset: str, partition: str) -> int:
    """The interned id of (dataset, partition), created on first use."""
    insert_ignore(conn, partitions, [{"dataset": dataset, "partition": partition}])
    return conn.execute(
        select(partitions.c.partition_id).where(
            partitions.c.dataset == dataset, partitions.c.partition == partition
        )
    ).scalar_one()


def record(conn: Connection, dataset: str, partition: str, tokens: Iterable[str], replace: bool) -> int:
    """Record that `partition` of `dataset` holds `tokens`; `replace` forgets what it held before.

    `tokens` is read in batches of `BATCH` (a big file's tokens need not be one list; the caller's one
    transaction keeps the replacement atomic); returns the distinct tokens recorded, exact when a token
    does not come back in a later batch (a sorted stream, or one batch)."""
    pid = partition_id(conn, dataset, partition)
    if replace:
        conn.execute(delete(lineage).where(lineage.c.partition_id == pid))
    recorded = 0
    for batch in _batches(tokens, BATCH):
        # Format-preserving datasets hold surrogates: record the tokens behind them.
        distinct = sorted(
            set(resolve_placeholders(conn, [t for t in set(batch) if t != ERASED_MARKER]).values())
        )
        insert_ignore(conn, lineage, [{"token": t, "partition_id": pid} for t in distinct])
        recorded += len(distinct)
    return recorded


def _batches(items: Iterable[str], size: int) -> Iterator[list[str]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def holding(conn: Connection, tokens: Iterable[str]) -> list[tuple[str, str]]:
    """(dataset, partition) pairs holding any of `tokens` (or surrogates), sorted."""
    tokens = list(resolve_placeholders(conn, list(tokens)).values())
    pids = {
        pid
        for (pid,) in select_in(
            conn, lambda chunk: select(lineage.c.partition_id).where(lineage.c.token.in_(chunk)), tokens
        )
    }
    rows = select_in(
        conn,
        lambda chunk: select(partitions.c.dataset, partitions.c.partition).where(
            partitions.c.partition_id.in_(chunk)
        ),
        pids,
    )
    return sorted((dataset, partition) for dataset, partition in rows)
