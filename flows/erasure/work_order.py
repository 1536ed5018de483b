"""The order and grouping in which an erasure hands files to Dask workers: largest first, small ones together.

Workers take tasks in submission order. Handed in the step's own order (datasets alphabetically), a zone's
biggest files (the web logs) came last, and one worker went through the last of them while the other
idled; handed largest first, the workers finish together. A task also costs a fixed amount whatever its
size (a Prefect task run, the catalog loaded, the vault opened, the subject's fingerprints indexed) and the
flow's process submits tasks one at a time (serialising Prefect's settings and context for each: half a
second of its CPU per task in a profile of a 10,000-row erasure), so each step makes about four tasks per
worker, of about equal estimated cost, rather than one per file. Four, not two: the estimate is bytes, and
what a byte costs differs by format; at two a worker, erasing one customer from `bench.scale`'s 4M-row zone
on 2 workers, batches estimated equal took 92 to 161 s and one worker finished the verify step 49 s after
the other. Smaller batches handed out costliest first let the one that finishes early take the next.

The estimate of a file's cost is its size as the steps read it: a Parquet file's encoded size before
compression (its metadata: compressed bytes understate it several times; a repeated value, which the scans
look at once, counts once in a dictionary), any other file's size. Only the order of the work changes:
every result is taken back in the step's own order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pyarrow.parquet as pq

Item = TypeVar("Item")

BATCHES_PER_WORKER = 4  # four tasks a worker a step: the smaller a batch, the less a wrong estimate costs


def reading_cost(path: Path) -> int:
    """Bytes a check reads from `path` (a Parquet file's encoded size before compression); 0 when it is
    missing."""
    try:
        if path.suffix == ".parquet":
            meta = pq.ParquetFile(path).metadata
            return sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
        return path.stat().st_size
    except (OSError, ValueError):  # missing, or a Parquet file pyarrow cannot read: its size or nothing
        return path.stat().st_size if path.exists() else 0


def batches(items: Sequence[Item], cost: Callable[[Item], int], count: int) -> list[list[Item]]:
    """`items` in at most `count` batches of about equal cost, the costliest batch first: each item, largest
    first, goes to the batch holding the least so far (the longest-processing-time rule); within a batch,
    largest first. Ties keep the given order."""
    costs = [max(cost(item), 0) for item in items]
    ordered = sorted(range(len(items)), key=lambda i: -costs[i])  # stable: ties keep the given order
    found: list[list[Item]] = [[] for _ in range(max(min(count, len(items)), 0))]
    held = [0] * len(found)
    for i in ordered:
        least = min(range(len(found)), key=lambda b: (held[b], b))
        found[least].append(items[i])
        held[least] += costs[i]
    return [found[b] for b in sorted(range(len(found)), key=lambda b: (-held[b], b))]


def worker_count(choice) -> int:
    """How many workers the runner `choice` (`flows.pipeline.task_runners.RunnerChoice`) has: a local
    cluster's size, or what the scheduler of an existing cluster says now (one short connection)."""
    if choice.address is None:
        return max(choice.workers, 1)
    from distributed import Client

    with Client(choice.address, set_as_default=False, timeout=CONNECT_SECONDS) as client:
        return max(len(client.scheduler_info().get("workers", {})), 1)


CONNECT_SECONDS = 60
