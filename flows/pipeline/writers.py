"""Writers for the clean zone: one tokenized Parquet file per raw input file, written atomically.

A clean file has the same rows in the same order and the same columns as its raw file (nested JSON fields
become dotted column names); tokenized columns are strings, every other column keeps its values and type.
One output per input file keeps erasure cheap: it rewrites only the files that hold the subject.

On object storage a clean file is uploaded under its final key when it is complete; it becomes part of the
dataset when its manifest entry, written after it, names it, and readers (`read_clean`, the erasure, the
next tokenize) trust only what the manifest names there.
"""

from __future__ import annotations

import io
from pathlib import PurePosixPath

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from flows.pipeline.atomic import atomic_path
from flows.pipeline.storage import Location, is_remote

CLEAN_SUFFIX = ".parquet"


def clean_relpath(raw_relpath: str) -> str:
    """Where a raw file's tokenized copy goes, relative to its dataset's clean directory."""
    return str(PurePosixPath(raw_relpath).with_suffix(CLEAN_SUFFIX))


def clean_schema(source: pa.Schema, tokenized_columns: set[str]) -> pa.Schema:
    """The output schema: tokenized columns become strings, all others keep their type."""
    fields = [
        pa.field(f.name, pa.string()) if f.name in tokenized_columns else f.remove_metadata() for f in source
    ]
    return pa.schema(fields)


class CleanFileWriter:
    """Streams chunks into one Parquet file under a temporary name and renames it into place on close."""

    def __init__(self, target: Location, schema: pa.Schema):
        self.target = target
        self.schema = schema
        self.rows = 0
        self._atomic = atomic_path(target)
        self._temporary: Location | None = None
        self._writer: pq.ParquetWriter | None = None

    def __enter__(self) -> CleanFileWriter:
        self._temporary = self._atomic.__enter__()
        self._writer = pq.ParquetWriter(self._temporary, self.schema, compression="zstd")
        return self

    def write(self, frame: pd.DataFrame) -> None:
        table = pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False)
        self._writer.write_table(table.replace_schema_metadata(None))
        self.rows += len(frame)

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._writer.close()
        return bool(self._atomic.__exit__(exc_type, exc, tb))


def clean_files(directory: Location) -> list[Location]:
    """A dataset's clean files in name order: on object storage only those its manifest names (an object
    no entry names is a write that never committed), locally every visible Parquet file."""
    if is_remote(directory):
        from flows.pipeline.manifest import named_outputs

        return sorted(directory / output for output in named_outputs(directory))
    return sorted(p for p in directory.rglob(f"*{CLEAN_SUFFIX}") if not _hidden(p, directory))


def read_clean(directory: Location) -> pd.DataFrame:
    """Every clean file of a dataset as one DataFrame (files in name order, rows in file order)."""
    files = clean_files(directory)
    if not files:
        return pd.DataFrame()
    return pd.concat([_read_frame(p) for p in files], ignore_index=True)


def _read_frame(path: Location) -> pd.DataFrame:
    if is_remote(path):
        return pd.read_parquet(io.BytesIO(path.read_bytes()))  # the whole file is loaded anyway
    return pd.read_parquet(path)


def _hidden(path: Location, root: Location) -> bool:
    return any(part.startswith((".", "_")) for part in path.relative_to(root).parts)
