"""One raw file tokenized as partitions: plan it, tokenize each piece into a part, assemble the clean file.

The pieces are `flows.pipeline.partitions`' (bounded, cut at record boundaries, the same whatever runs
them), so a sequential run and a run spread over Dask workers produce the same parts, and one assembly step
writes the clean file from them in partition order: each part's row groups copied as they are, so the clean
Parquet is byte for byte the same however many workers made it. The assembly records the file's lineage
(the tokens of all its parts) before the clean file is renamed into place, joins the parts' quarantine
entries in order, and saves the manifest entry last.

Memory: a piece writes the tokens its part holds to a file beside the part (sorted, one a line) and hands
back only counts and positions, so what the runner keeps of a finished piece (a Dask result, until the
phase ends) does not grow with the data; the assembly merges those files as streams and records the
file's lineage from the merge in batches (`vault.lineage.record`), so neither does the assembly with the
file's size. A worker's peak then follows the partition's size, not the zone's.

The scan-fails-safe rule (`flows.tokenize.tokenizing`: a finding anywhere in a column the sample called not
personal makes it free text for the whole file) is kept across pieces: a piece that finds one stops and
names the column; once every piece has run, those that stopped and those done without the column as free
text are all done again with it, until no piece names a new column. Which columns end up free text is the
same set whatever order the pieces ran in.

Parts live in a hidden staging directory beside the outputs (`.parts/`, which `read_clean` and pyarrow
skip) and go once the file is assembled.
"""

from __future__ import annotations

import heapq
import json
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from flows.pipeline.atomic import atomic_path
from flows.pipeline.catalog import Catalog
from flows.pipeline.column_kinds import FREE_TEXT, kind_for
from flows.pipeline.errors import failure_context
from flows.pipeline.faults import fault_point
from flows.pipeline.free_memory import releasing_free_memory
from flows.pipeline.manifest import ManifestEntry, fingerprint, is_up_to_date, load_entry, save_entry
from flows.pipeline.partitions import DEFAULT_PARTITION_BYTES, Partition, plan_partitions, read_partition
from flows.pipeline.quarantine import QuarantineFile, quarantine_sealer
from flows.pipeline.quarantine_index import index_key
from flows.pipeline.readers import DEFAULT_CHUNK_ROWS, FileLayout, file_layout
from flows.pipeline.storage import work_dir
from flows.pipeline.writers import CleanFileWriter, clean_relpath, clean_schema
from flows.tokenize.tokenizing import Detector, FileResult, file_settings, tokenize_chunk

if TYPE_CHECKING:
    from flows.tokenize.known_subjects import KnownSubjects
    from vault.store import Vault

PARTS_DIR = ".parts"


@dataclass
class FilePlan:
    """One raw file to tokenize: where its output goes, what it was, and its partitions (no values)."""

    dataset: str
    file: str  # relative to the raw zone
    output: str  # relative to the dataset's clean directory
    settings: str
    size: int
    sha256: str
    skipped: bool
    layout: FileLayout | None = None
    partitions: list[Partition] = field(default_factory=list)


@dataclass
class PartResult:
    """What tokenizing one partition did: counts, quarantined positions, how many distinct tokens its part
    holds (the tokens themselves are in its tokens file, `tokens_path`), and the columns it found personal
    data in although the sample called them not personal (then no part)."""

    index: int
    records_in: int = 0
    records_out: int = 0
    bad: list[dict] = field(default_factory=list)
    tokens: int = 0
    found: dict[str, int] = field(default_factory=dict)  # promoted column -> rows that held something
    more: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def tokens_path(parts_dir: Path, partition: Partition) -> Path:
    """Where a piece leaves the tokens its part holds, for the assembly's lineage."""
    return parts_dir / f"{partition.name}.tokens"


def _staging(catalog: Catalog, plan: FilePlan) -> tuple[Path, Path]:
    """The file's staging directories: clean parts, quarantine parts."""
    return (  # local even when the zones are on object storage (flows.pipeline.storage.work_dir)
        work_dir(catalog.clean_dir / plan.dataset, PARTS_DIR) / plan.output,
        work_dir(catalog.quarantine_dir / plan.dataset, PARTS_DIR) / plan.file,
    )


def plan_file(
    catalog: Catalog,
    name: str,
    path: Path,
    kinds: dict[str, str | None],
    force: bool = False,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
) -> FilePlan:
    """The file's plan: skipped when its manifest entry says it is unchanged, else its partitions."""
    dataset = catalog.dataset(name)
    catalog.check_inside_raw(name, path)
    relpath = catalog.relative_to_raw(path)
    clean_dir = catalog.clean_dir / name
    settings = file_settings(dataset, kinds)
    with failure_context(name, relpath):
        current = fingerprint(path)
        plan = FilePlan(name, relpath, clean_relpath(relpath), settings, current.size, current.sha256, False)
        if not force and is_up_to_date(load_entry(clean_dir, relpath), current, settings, clean_dir):
            plan.skipped = True
            return plan
        plan.layout = file_layout(path, dataset.format, encoding=dataset.encoding)
        plan.partitions = plan_partitions(
            path, dataset.format, plan.layout, partition_bytes, dataset.encoding
        )
        for directory in _staging(catalog, plan):  # parts a killed run left behind
            shutil.rmtree(directory, ignore_errors=True)
    return plan


class _Promoted(BaseException):  # noqa: N818 - control flow, not an error: it must pass failure_context
    def __init__(self, columns: set[str]):
        super().__init__()
        self.columns = columns


@releasing_free_memory
def tokenize_partition(
    catalog: Catalog,
    plan: FilePlan,
    partition: Partition,
    kinds: dict[str, str | None],
    promoted: set[str],
    vault: Vault,
    detect: Detector,
    known: KnownSubjects | None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> PartResult:
    """Tokenize one partition into its part (and its bad records into a quarantine part)."""
    name, relpath, layout = plan.dataset, plan.file, plan.layout
    dataset = catalog.dataset(name)
    path = catalog.raw_dir / relpath
    column_kinds = {
        c: FREE_TEXT if c in promoted else kind_for(kinds, dataset, c) for c in layout.schema.names
    }
    tokenized = {c for c, kind in column_kinds.items() if kind is not None}
    parts_dir, quarantine_parts = _staging(catalog, plan)
    quarantine = QuarantineFile(
        quarantine_parts / f"{partition.name}.jsonl",
        name,
        relpath,
        quarantine_sealer(vault),
        index_key(vault),  # keyed hashes only: an erasure opens just the records that can be its subject's
        lines_of=path if dataset.format in ("text", "jsonl") else None,  # a line kept in part: indexed whole
    )
    result = PartResult(partition.index)
    held: set[str] = set()
    try:
        with failure_context(name, relpath):
            schema = clean_schema(layout.schema, tokenized)
            with CleanFileWriter(parts_dir / f"{partition.name}.parquet", schema) as writer:
                chunks = read_partition(
                    path, dataset.format, layout, partition, chunk_rows, encoding=dataset.encoding
                )
                for chunk in chunks:
                    result.records_in += len(chunk.frame) + len(chunk.bad)
                    for bad in chunk.bad:
                        quarantine.add(bad)
                        result.bad.append({layout.position_kind: bad.position, "reason": bad.reason})
                    if chunk.frame.empty:
                        continue
                    with failure_context(name, relpath, chunk.positions, layout.position_kind):
                        clean, tokens, found = tokenize_chunk(
                            chunk.frame, column_kinds, name, dataset, vault, detect, known
                        )
                        more = {c for c, rows in found.items() if rows and column_kinds.get(c) is None}
                        if more:
                            raise _Promoted(more)
                        writer.write(clean)
                    for column in promoted:
                        result.found[column] = result.found.get(column, 0) + found.get(column, 0)
                    held |= tokens
                    result.records_out += len(clean)
                quarantine.close()
    except _Promoted as scanned:
        return PartResult(partition.index, more=sorted(scanned.columns))
    result.tokens = _write_tokens(tokens_path(parts_dir, partition), held)
    return result


def _write_tokens(path: Path, held: set[str]) -> int:
    """`held`, sorted, as a tokens file; returns how many."""
    _write_token_lines(path, sorted(held))
    return len(held)


def _write_token_lines(path: Path, tokens: Iterable[str]) -> None:
    """A tokens file: `tokens` (in order) one JSON string a line (a surrogate could hold any character)."""
    with atomic_path(path) as temporary, temporary.open("w", encoding="utf-8") as out:
        for token in tokens:
            out.write(json.dumps(token) + "\n")


class FileTokens:
    """The distinct tokens of a file's parts, merged from their sorted tokens files as streams, in order.

    Iterable again (each pass reads the files anew), so a lineage write retried after a conflict reads it
    again instead of the vault keeping a list of it; `count` is how many the last full pass gave. A file
    of more than `MERGE_FAN_IN` pieces is merged a group at a time into a tokens file first, so a pass
    never holds more than that many files open."""

    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        paths = self.paths
        while len(paths) > MERGE_FAN_IN:
            groups = [paths[at : at + MERGE_FAN_IN] for at in range(0, len(paths), MERGE_FAN_IN)]
            paths = [self._merged(group) for group in groups]
        count = 0
        for token in _merge(paths):
            count += 1
            yield token
        self.count = count

    @staticmethod
    def _merged(group: list[Path]) -> Path:
        target = group[0].with_name(f"{group[0].stem}-{group[-1].stem}.merged.tokens")
        if not target.exists():
            _write_token_lines(target, _merge(group))
        return target


MERGE_FAN_IN = 256  # tokens files open at once while a file's lineage is merged


def _merge(paths: list[Path]) -> Iterator[str]:
    """The distinct tokens of sorted tokens files, in order."""
    handles = [path.open(encoding="utf-8") for path in paths]
    try:
        last = None
        for token in heapq.merge(*((json.loads(line) for line in handle) for handle in handles)):
            if token != last:
                yield token
                last = token
    finally:
        for handle in handles:
            handle.close()


def promotions(parts: list[PartResult]) -> set[str]:
    """The columns any piece found personal data in although they were not free text for it."""
    return {column for part in parts for column in part.more}


def tokenize_partitions(
    catalog: Catalog,
    plan: FilePlan,
    kinds: dict[str, str | None],
    vault: Vault,
    detect: Detector,
    known: KnownSubjects | None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> list[PartResult]:
    """Every partition in order, in this process, again with the promoted columns until none is new."""
    promoted: set[str] = set()
    while True:
        parts = [
            tokenize_partition(catalog, plan, p, kinds, promoted, vault, detect, known, chunk_rows)
            for p in plan.partitions
        ]
        more = promotions(parts) - promoted
        if not more:
            return parts
        promoted |= more


def assemble_file(catalog: Catalog, plan: FilePlan, parts: list[PartResult], vault: Vault) -> FileResult:
    """The clean file from the parts (row groups in partition order), lineage first, then the quarantine
    file and the manifest entry; the staging directories go."""
    name, relpath = plan.dataset, plan.file
    parts = sorted(parts, key=lambda p: p.index)
    if [p.index for p in parts] != [p.index for p in plan.partitions] or promotions(parts):
        raise ValueError(f"dataset {name}, file {relpath}: parts missing or not final")
    parts_dir, quarantine_parts = _staging(catalog, plan)
    result = FileResult(name, relpath, plan.output, skipped=False)
    held = FileTokens([tokens_path(parts_dir, p) for p in plan.partitions])
    with failure_context(name, relpath):
        part_files = [parts_dir / f"{p.name}.parquet" for p in plan.partitions]
        schema = pq.read_schema(part_files[0]).remove_metadata()
        with atomic_path(catalog.clean_dir / name / plan.output) as temporary:
            with pq.ParquetWriter(temporary, schema, compression="zstd") as writer:
                for part in part_files:
                    parquet = pq.ParquetFile(part)
                    for group in range(parquet.num_row_groups):
                        writer.write_table(_plain(parquet.read_row_group(group), schema))
            # before the rename: erasure never misses a file; replaced in one transaction, read in batches
            vault.record_lineage(name, plan.output, held, replace=True)
            fault_point("tokenize-lineage")
            written = _join_quarantine(catalog, plan, quarantine_parts)
    for part in parts:
        result.records_in += part.records_in
        result.records_out += part.records_out
        result.bad.extend(part.bad)
        for column, rows in part.found.items():
            result.promoted[column] = result.promoted.get(column, 0) + rows
    result.quarantined = len(result.bad)
    result.tokens = held.count
    result.quarantine_file = str(written.relative_to(catalog.quarantine_dir)) if written else None
    with failure_context(name, relpath):
        for directory, root in ((parts_dir, catalog.clean_dir), (quarantine_parts, catalog.quarantine_dir)):
            _remove_staging(directory, root / name / PARTS_DIR)
        save_entry(catalog.clean_dir / name, _manifest_entry(result, plan))  # last: a kill before redoes it
    return result


def _remove_staging(directory: Path, top: Path) -> None:
    """Remove a file's staging directory, and its parents up to `top` once they are empty."""
    shutil.rmtree(directory, ignore_errors=True)
    for parent in directory.parents:
        if parent == top.parent:
            break
        try:
            parent.rmdir()
        except OSError:
            break


def _plain(table: pa.Table, schema: pa.Schema) -> pa.Table:
    return table.replace_schema_metadata(None).cast(schema)


def _join_quarantine(catalog: Catalog, plan: FilePlan, quarantine_parts: Path) -> Path | None:
    """The parts' quarantine entries, in partition order, as the file's quarantine file (none: removed)."""
    target = catalog.quarantine_dir / plan.dataset / (plan.file + ".quarantine.jsonl")
    pieces = [quarantine_parts / f"{p.name}.jsonl" for p in plan.partitions]
    pieces = [piece for piece in pieces if piece.exists()]
    if not pieces:
        target.unlink(missing_ok=True)
        return None
    with atomic_path(target) as temporary, temporary.open("wb") as out:
        for piece in pieces:
            with piece.open("rb") as handle:
                shutil.copyfileobj(handle, out)
    return target


def _manifest_entry(result: FileResult, plan: FilePlan) -> ManifestEntry:
    return ManifestEntry(
        dataset=result.dataset,
        file=result.file,
        size=plan.size,
        sha256=plan.sha256,
        settings=plan.settings,
        output=result.output,
        records_in=result.records_in,
        records_out=result.records_out,
        quarantined=result.quarantined,
        quarantine_file=result.quarantine_file,
        bad_positions=[next(iter(b.values())) for b in result.bad],
    )
