"""The erasure's work order for Dask workers (`flows.erasure.work_order`): every file once, in batches of
about equal cost, the costliest first, and a Parquet file costed by its encoded size, not by its
compressed bytes."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.erasure.work_order import batches, reading_cost


@pytest.mark.parametrize(
    "costs, count, expected",
    [
        # the longest-processing-time rule: each, largest first, to the batch holding least
        ({"a": 1, "b": 50, "c": 2, "d": 40, "e": 3, "f": 4}, 2, [["b"], ["d", "f", "e", "c", "a"]]),
        (
            {"web1": 19, "web2": 19, "web3": 19, "cdr": 9, "crm": 5, "chat": 2},
            4,
            [["web1"], ["web2"], ["web3"], ["cdr", "crm", "chat"]],
        ),
        ({"a": 5, "b": 5, "c": 5, "d": 5}, 2, [["a", "c"], ["b", "d"]]),  # ties keep the given order
        ({"a": 5, "b": 5}, 4, [["a"], ["b"]]),  # never an empty batch
        ({"a": 0, "b": 0}, 1, [["a", "b"]]),
        ({}, 4, []),
    ],
)
def test_batches_are_of_about_equal_cost_the_costliest_first(costs, count, expected):
    found = batches(list(costs), costs.get, count)
    assert found == expected
    assert sorted(name for batch in found for name in batch) == sorted(costs)


def test_a_parquet_file_costs_its_uncompressed_size_and_a_missing_file_nothing(tmp_path):
    table = pa.table({"line": [f"session s-{i:08d} opened at 2026-01-05" for i in range(20_000)]})
    pq.write_table(table, tmp_path / "part.parquet", compression="zstd")
    (tmp_path / "raw.log").write_bytes(b"x" * 1234)
    assert reading_cost(tmp_path / "part.parquet") > 5 * (tmp_path / "part.parquet").stat().st_size
    assert reading_cost(tmp_path / "raw.log") == 1234
    assert reading_cost(tmp_path / "gone.parquet") == 0
