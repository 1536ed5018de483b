"""Set-based SQL helpers shared by the vault modules: insert-or-ignore and chunked IN lookups."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Connection, Table

T = TypeVar("T")
IN_CHUNK = 1000  # bound parameters per IN (...) lookup, below every backend's limit
COPY_THRESHOLD = 500  # rows from which PostgreSQL inserts go through COPY


def chunks(items: Sequence[T], size: int = IN_CHUNK) -> Iterator[Sequence[T]]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_ignore(
    conn: Connection, table: Table, rows: list[dict], returning: str | None = None
) -> set | None:
    """INSERT ... ON CONFLICT DO NOTHING for many rows: one DBAPI executemany, or COPY on PostgreSQL.

    Goes straight to the driver: SQLAlchemy's per-row parameter processing costs more than SQLite's
    inserts themselves on large batches. Values must be plain (str, int, bytes, datetime).
    With `returning` (a column), returns that column of the rows actually inserted when that is known
    (PostgreSQL's RETURNING on the COPY path, or every row inserted), else None: the caller must look."""
    if not rows:
        return set() if returning else None
    columns = list(rows[0])
    if conn.dialect.name == "postgresql" and len(rows) >= COPY_THRESHOLD:
        return _copy_insert_ignore(conn, table, columns, rows, returning)
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    statement = (
        f"INSERT INTO {_quoted(table.name)} ({', '.join(map(_quoted, columns))}) "
        f"VALUES ({', '.join([mark] * len(columns))}) "
        "ON CONFLICT DO NOTHING"
    )
    convert = _sqlite_value if conn.dialect.name == "sqlite" else _same
    result = conn.exec_driver_sql(statement, [tuple(convert(row[c]) for c in columns) for row in rows])
    if returning and result.rowcount == len(rows):  # every row went in: no conflict to look into
        return {row[returning] for row in rows}
    return None


def _copy_insert_ignore(
    conn: Connection, table: Table, columns: list[str], rows: list[dict], returning: str | None
) -> set | None:
    """PostgreSQL: COPY the rows into a scratch table, then one INSERT ... SELECT ... ON CONFLICT DO NOTHING
    in primary-key order (so concurrent loaders lock rows in the same order)."""
    scratch = _quoted(f"pv_load_{table.name}")
    names = ", ".join(map(_quoted, columns))
    order = ", ".join(_quoted(c.name) for c in table.primary_key.columns)
    cursor = conn.connection.cursor()
    try:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {scratch} ON COMMIT DROP AS "
            f"SELECT {names} FROM {_quoted(table.name)} WITH NO DATA"
        )
        with cursor.copy(f"COPY {scratch} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(tuple(row[c] for c in columns))
        cursor.execute(
            f"INSERT INTO {_quoted(table.name)} ({names}) SELECT {names} FROM {scratch} "
            f"ORDER BY {order} ON CONFLICT DO NOTHING"
            + (f" RETURNING {_quoted(returning)}" if returning else "")
        )
        inserted = {row[0] for row in cursor.fetchall()} if returning else None
        cursor.execute(f"TRUNCATE {scratch}")
        return inserted
    finally:
        cursor.close()


def select_where_in(
    conn: Connection, table: Table, columns: list[str], key: str, keys: Iterable, *, lock: bool = False
) -> list[tuple]:
    """Rows (`columns`) of `table` whose `key` is in `keys`, sent to the driver as-is: chunked IN lists on
    SQLite, one `= ANY(array)` on PostgreSQL. `lock`: the rows are locked (FOR UPDATE) in key order, so
    writers locking overlapping rows this way cannot deadlock each other (a no-op on SQLite, whose
    writers run one at a time)."""
    keys = sorted(set(keys))
    head = f"SELECT {', '.join(map(_quoted, columns))} FROM {_quoted(table.name)} WHERE {_quoted(key)} "
    if not keys:
        return []
    if conn.dialect.name == "postgresql":
        # One statement, the keys as one comma-joined text parameter split by the server: adapting a
        # Python list to an array parameter costs more than the lookup itself. Tokens hold no comma;
        # binary keys travel as hex, integers as decimal.
        if isinstance(keys[0], bytes):
            joined, split = (
                ",".join(k.hex() for k in keys),
                "SELECT decode(k, 'hex') FROM unnest(string_to_array(%s, ',')) k",
            )
        elif isinstance(keys[0], int):
            joined, split = ",".join(map(str, keys)), "SELECT unnest(string_to_array(%s, ','))::bigint"
        else:
            joined, split = ",".join(keys), "SELECT unnest(string_to_array(%s, ','))"
        tail = f" ORDER BY {_quoted(key)} FOR UPDATE" if lock else ""
        return _fetch_all(conn, f"{head}IN ({split}){tail}", (joined,))
    rows: list[tuple] = []
    for chunk in chunks(keys):
        rows.extend(_fetch_all(conn, head + "IN (" + ",".join("?" * len(chunk)) + ")", tuple(chunk)))
    return rows


def _fetch_all(conn: Connection, statement: str, parameters: tuple) -> list[tuple]:
    """Run a SELECT on the DBAPI cursor of the connection's transaction: plain tuples, no Row objects."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(statement, parameters)
        return cursor.fetchall()
    finally:
        cursor.close()


def _quoted(name: str) -> str:
    # Identifiers come from our own schema, never from input; quoting only guards keywords (partition).
    return f'"{name}"'


def _sqlite_value(value):
    # The text form SQLAlchemy's SQLite DateTime type writes and reads back.
    return _sqlite_datetime(value) if isinstance(value, datetime) else value


@functools.lru_cache(maxsize=8)  # a batch stamps all its rows with one time
def _sqlite_datetime(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _same(value):
    return value


def select_in(conn: Connection, query_for_chunk, keys: Iterable) -> list:
    """Rows of `query_for_chunk(chunk)` over `keys` split into IN-sized chunks."""
    keys = sorted(set(keys))
    rows: list = []
    for chunk in chunks(keys):
        rows.extend(conn.execute(query_for_chunk(list(chunk))).all())
    return rows
