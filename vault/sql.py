"""Small set-based SQL helpers shared by the vault modules: insert-or-ignore and chunked IN lookups."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite

T = TypeVar("T")
IN_CHUNK = 1000  # bound parameters per IN (...) lookup, below every backend's limit


def chunks(items: Sequence[T], size: int = IN_CHUNK) -> Iterator[Sequence[T]]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_ignore(conn: Connection, table: Table, rows: list[dict]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING for many rows at once (executemany / multi-values batches)."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


def select_in(conn: Connection, query_for_chunk, keys: Iterable) -> list:
    """Rows of `query_for_chunk(chunk)` over `keys` split into IN-sized chunks."""
    keys = sorted(set(keys))
    rows: list = []
    for chunk in chunks(keys):
        rows.extend(conn.execute(query_for_chunk(list(chunk))).all())
    return rows
