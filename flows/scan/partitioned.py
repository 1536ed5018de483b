"""The scan of one raw file as partitions (`flows.pipeline.partitions`), so a big file's pieces are counted
on several Dask workers at once; the pieces' tallies, merged in file order, are what scanning the whole
file gives: counts add up, and the masked examples are the first ones in file order."""

from __future__ import annotations

from dataclasses import dataclass, field

from flows.pipeline.catalog import Catalog
from flows.pipeline.errors import failure_context
from flows.pipeline.free_memory import releasing_free_memory
from flows.pipeline.partitions import Partition, plan_partitions, read_partition
from flows.pipeline.readers import DEFAULT_CHUNK_ROWS, FileLayout, file_layout
from flows.scan.scanning import EXAMPLES_PER_ENTITY, EntityTally, FileScan, merge_promoted, scan_chunk


@dataclass
class ScanPlan:
    """One raw file to scan: its layout and partitions (no values)."""

    dataset: str
    file: str
    layout: FileLayout
    partitions: list[Partition] = field(default_factory=list)


def plan_scan(catalog: Catalog, name: str, relpath: str, partition_bytes: int) -> ScanPlan:
    """The file's layout and partitions; a link out of the raw zone, or any failure, names the file."""
    path = catalog.raw_dir / relpath
    catalog.check_inside_raw(name, path)
    dataset = catalog.dataset(name)
    with failure_context(name, relpath):
        layout = file_layout(path, dataset.format, encoding=dataset.encoding)
        partitions = plan_partitions(path, dataset.format, layout, partition_bytes, dataset.encoding)
    return ScanPlan(name, relpath, layout, partitions)


@releasing_free_memory
def scan_partition(
    catalog: Catalog,
    plan: ScanPlan,
    partition: Partition,
    kinds: dict[str, str | None],
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> FileScan:
    """Tallies of one partition, as `flows.scan.scanning.scan_file` makes them for a whole file."""
    dataset = catalog.dataset(plan.dataset)
    path = catalog.raw_dir / plan.file
    scan = FileScan(file=plan.file, position_kind=plan.layout.position_kind)
    with failure_context(plan.dataset, plan.file):
        chunks = read_partition(path, dataset.format, plan.layout, partition, chunk_rows, dataset.encoding)
        for chunk in chunks:
            scan.records_in += len(chunk.frame) + len(chunk.bad)
            scan.records_ok += len(chunk.frame)
            scan.bad.extend({"position": b.position, "reason": b.reason} for b in chunk.bad)
            scan_chunk(scan, chunk.frame, kinds, dataset)  # the not-personal columns in full too
    return scan


def merge_scans(plan: ScanPlan, scans: list[FileScan]) -> FileScan:
    """The pieces' tallies in file order as one file's."""
    merged = FileScan(file=plan.file, position_kind=plan.layout.position_kind)
    for scan in scans:
        merged.records_in += scan.records_in
        merged.records_ok += scan.records_ok
        merged.bad.extend(scan.bad)
        merge_promoted(merged, scan)
        for column, tallies in scan.columns.items():
            for entity_type, tally in tallies.items():
                total = merged.tally(column, entity_type)
                total.count += tally.count
                total.rows += tally.rows
                for example in tally.examples:
                    if len(total.examples) < EXAMPLES_PER_ENTITY and example not in total.examples:
                        total.examples.append(example)
    return merged


__all__ = ["EntityTally", "ScanPlan", "merge_scans", "plan_scan", "scan_partition"]
