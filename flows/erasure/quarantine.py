"""Erasure step `quarantine`: records the tokenizer could not read still hold the subject's values.

A malformed raw record (a broken JSON line, a CSV row with invalid UTF-8, an unreadable Parquet file) never
reaches the clean zone, so lineage and the clean step never see it: it sits sealed in the quarantine and,
byte for byte, in its raw file. This step goes through every quarantine file of the catalog, but opens
only the records that can hold the subject: each record carries a keyed index of its words, digits and
customer ids (`flows.pipeline.quarantine_index`), the resolve step recorded the hashes each of the
subject's values needs, and a record whose index lacks them is neither decrypted nor scanned (records
quarantined before the index existed, or too big to index, are always examined). In the others the
subject's values are found without plaintext (`flows.erasure.quarantine_finder`): candidates are
tokenized with the vault's key and compared with the footprint, customer ids by keyed hash, and every
written form the cluster's values are fingerprinted in (the street line alone, `BRIGGS, Georgia`, in any
case and across line breaks) by the fingerprint scanner. The rules are the clean zone's
(`flows.requests.rows`, `flows.erasure.subject_text`): a record holding their customer id or one of their
own emails or phones, however written, is theirs, and then, per the policy,
- `delete_rows`: the record goes from the quarantine and from the raw file;
- `redact` / `retain`: every value the vault links to them (shared ones too: their name, their
  household's address and landline) becomes the erased marker, in the sealed copy and in the raw file;
a record of anyone else keeps its place, with only the values nobody but the subject holds redacted
(their card or unique address in an anonymous chat line). An unreadable Parquet file is one quarantined
record holding everyone's rows: its bytes are redacted, never dropped, in the sealed copy and in the raw
file alike (values inside compressed pages cannot be seen in the bytes, so cannot be found either).
The raw file, the re-sealed quarantine file (positions moved by dropped lines, sealed under the new ones;
a redacted record indexed anew) and the manifest entry (size, hash, records in, quarantined, bad
positions) keep in = out + quarantined. A quarantine file whose records hold nothing of the subject is
re-sealed too when the raw step dropped lines before them (the manifest's bad positions moved, the
sealed positions must follow): decrypted and sealed again, not scanned. A record's raw copy is read only
when its sealed copy is examined: the manifest ties the two to the same bytes.

Resumable like the raw step: the new raw and quarantine files are written beside the old ones, the plan
(hashes and counts only) is recorded, then the files are renamed and the manifest updated; a rerun
finishes the renames from the recorded plan. Fault point `quarantine-file`: raw file renamed, quarantine
file not yet.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from flows.erasure.quarantine_finder import (
    WORD,
    SubjectFinder,
    redact_spans,
    word_runs,
)
from flows.erasure.raw_records import csv_records
from flows.erasure.verify import Verification
from flows.pipeline.catalog import Catalog
from flows.pipeline.errors import PipelineError, failure_context
from flows.pipeline.faults import fault_point
from flows.pipeline.manifest import ManifestEntry, fingerprint, load_entry, load_manifest, save_entry
from flows.pipeline.quarantine import (
    aesgcm_opener,
    associated_data,
    quarantine_key,
    quarantine_sealer,
    read_quarantine,
)
from flows.pipeline.quarantine_index import RecordIndex, SubjectHashes, index_key
from flows.pipeline.storage import Location, publish, staging_path
from flows.requests import progress
from flows.requests.subject import Footprint, entity_type_of

if TYPE_CHECKING:
    from vault.store import Vault

__all__ = [  # with the finder's names, imported from here before it had a module of its own
    "STEP",
    "WORD",
    "SubjectFinder",
    "Tally",
    "check_quarantine",
    "purge_quarantine_zone",
    "quarantined_files",
    "raw_copies",
    "subject_hashes",
    "word_runs",
]

STEP = "quarantine"


def subject_hashes(vault: Vault, fp: Footprint, values: dict[str, str | None]) -> SubjectHashes:
    """The subject's side of the quarantine index, from their cluster's values as the resolve step read
    them (token -> value, None where the vault gave none) and the cluster's fingerprints: keyed hashes
    only, recorded with the footprint."""
    readable = {t: (entity_type_of(t), v) for t, v in values.items() if v is not None and entity_type_of(t)}
    fingerprints = [f.to_list() for f in vault.subject_fingerprints(fp.subjects)]
    return SubjectHashes.of(index_key(vault), fp.subjects, readable, fingerprints)


@dataclass
class _Record:
    """One quarantined record: its entry (sealed), its current position in the raw file, its index; its
    bytes once opened, and what goes from it once judged."""

    entry: dict
    position: int
    index: RecordIndex | None
    raw: bytes | None = None
    spans: list = field(default_factory=list)
    copy: bytes = b""  # its raw copy (the whole line, where the quarantine kept only its first 16 MiB)
    copy_spans: list = field(default_factory=list)


@dataclass
class Tally:
    """How many quarantined records a run opened and scanned, and how many their index ruled out."""

    examined: int = 0
    ruled_out: int = 0


def _temporary(path: Location) -> Path:
    return staging_path(path, ".erasure-quarantine.tmp")  # local also for a zone on object storage


def _records(path: Path, fmt: str):
    """(start line, physical lines) of every record of a text raw file."""
    with path.open("rb") as handle:
        if fmt == "csv":
            for start, lines, _row in csv_records(handle):
                yield start, lines
        else:
            for number, line in enumerate(handle, start=1):
                yield number, [line]


def _raw_records(path: Path, fmt: str, positions: set[int]) -> dict[int, bytes]:
    return {start: b"".join(lines) for start, lines in _records(path, fmt) if start in positions}


def _rewrite_raw(path: Path, target: Path, fmt: str, edits: dict[int, str], redact, watch: set[int]):
    """Write `path` to `target` with the records at `edits` dropped or redacted (`redact(start, bytes)`);
    old -> new start lines of the records in `watch`."""
    moved: dict[int, int] = {}
    new_line = 0
    with target.open("wb") as out:
        for start, lines in _records(path, fmt):
            action = edits.get(start)
            if action == "drop":
                continue
            if start in watch:
                moved[start] = new_line + 1
            data = b"".join(lines)
            out.write(redact(start, data) if action == "redact" else data)
            new_line += len(lines)
        out.flush()
        os.fsync(out.fileno())
    return moved


def raw_copies(path: Path, fmt: str, positions: set[int]) -> dict[int, bytes]:
    """The raw-zone bytes of quarantined records by position: the records of a text file, or the whole of
    an unreadable Parquet file (its one quarantined record, position 0)."""
    if not path.exists() or not positions:
        return {}
    if fmt == "parquet":
        return {0: path.read_bytes()} if 0 in positions else {}
    return _raw_records(path, fmt, positions)


def _action(policy: str, fmt: str, kinds: list[str], spans: list) -> str | None:
    """What erasure does to one quarantined record: `drop` (theirs, in a `delete_rows` dataset), `redact`
    (theirs otherwise, or someone's record holding a value only they hold), or None. An unreadable Parquet
    file is everyone's records at once: redacted, never dropped."""
    if kinds:
        return "drop" if policy == "delete_rows" and fmt != "parquet" else "redact"
    return "redact" if spans else None


def _write_whole(data: bytes, target: Path) -> None:
    """Write a redacted unreadable Parquet file (bytes are all there is to edit) beside the old one."""
    with target.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _open(vault: Vault, dataset: str, file: str):
    opener = aesgcm_opener(quarantine_key(vault))

    def open_record(record: _Record) -> bytes:
        sealed = base64.b64decode(record.entry["sealed"])
        return opener(sealed, associated_data(dataset, file, record.entry["position"]))

    return open_record


def _plan(
    catalog: Catalog, vault: Vault, finder: SubjectFinder, dataset: str, entry: ManifestEntry, tally: Tally
) -> dict | None:
    """Write the new raw and quarantine files beside the old ones; the plan, or None when nothing changes.
    Only the records whose index may hold the subject are opened and scanned (and their raw copies read)."""
    spec = catalog.dataset(dataset)
    qpath = catalog.quarantine_dir / entry.quarantine_file
    raw_path = catalog.raw_dir / entry.file
    entries = read_quarantine(qpath)
    current = entry.bad_positions if len(entry.bad_positions) == len(entries) else None
    key = index_key(vault)
    records = [
        _Record(item, current[i] if current else item["position"], key.read(item))
        for i, item in enumerate(entries)
    ]
    candidates = [r for r in records if finder.may_hold(r.index)]
    tally.ruled_out += len(records) - len(candidates)
    moved_by_raw_step = any(r.position != r.entry["position"] for r in records)
    if not candidates and not moved_by_raw_step:
        return None  # nothing of theirs can be there, and no line moved: the file stays, unopened
    open_record = _open(vault, dataset, entry.file)
    in_raw = raw_copies(raw_path, spec.format, {r.position for r in candidates})
    edits: dict[int, str] = {}
    for r in candidates:
        tally.examined += 1
        r.raw = open_record(r)
        view = finder.narrowed(r.index)  # the index covers the raw copy too
        kinds, r.spans = view.judge(r.raw)
        r.copy = in_raw.get(r.position, b"")
        copy_kinds, r.copy_spans = (kinds, r.spans) if r.copy == r.raw else view.judge(r.copy)
        action = _action(spec.erasure, spec.format, kinds + copy_kinds, r.spans + r.copy_spans)
        if action:
            edits[r.position] = action
    if not edits and not moved_by_raw_step:
        return None  # nothing of theirs, and no line moved by the raw step: the file stays as it is
    judged = {r.position: r for r in candidates}

    def redact_raw(position: int, data: bytes) -> bytes:
        record = judged[position]
        return redact_spans(data, record.copy_spans if data == record.copy else finder.judge(data)[1])

    text_raw = spec.format != "parquet" and raw_path.exists()
    sha_before = fingerprint(raw_path).sha256 if raw_path.exists() else ""
    moved = {r.position: r.position for r in records}
    raw_changed = bool(text_raw and set(edits) & set(in_raw))
    if raw_changed:
        watch = {r.position for r in records}
        moved = _rewrite_raw(raw_path, _temporary(raw_path), spec.format, edits, redact_raw, watch)
    elif spec.format == "parquet" and edits and in_raw:
        redacted = redact_raw(0, in_raw[0])
        raw_changed = redacted != in_raw[0]
        if raw_changed:
            _write_whole(redacted, _temporary(raw_path))
    kept = _resealed(vault, dataset, entry.file, records, edits, moved, open_record)
    if kept:
        with _temporary(qpath).open("w", encoding="utf-8") as handle:
            for item in kept:
                handle.write(json.dumps(item, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    after = fingerprint(_temporary(raw_path)) if raw_changed else None
    dropped = sum(1 for a in edits.values() if a == "drop")
    return {
        "dataset": dataset,
        "file": entry.file,
        "quarantine_file": entry.quarantine_file,
        "dropped": dropped,
        "redacted": len(edits) - dropped,
        "raw_changed": raw_changed,
        "raw_sha_before": sha_before,
        "raw_sha_after": after.sha256 if after else sha_before,
        "raw_size_after": after.size if after else entry.size,
        "records_in": entry.records_in - dropped,
        "quarantined": len(kept),
        "bad_positions": [item["position"] for item in kept],
    }


def _resealed(vault, dataset, file, records, edits, moved, open_record) -> list[dict]:
    """The entries of the new quarantine file: dropped records left out, redacted ones sealed and indexed
    anew, moved ones sealed under their new position (opened, not scanned), the others as they were."""
    seal = quarantine_sealer(vault)
    key = index_key(vault)
    kept = []
    for record in records:
        action = edits.get(record.position)
        if action == "drop":
            continue
        position = moved.get(record.position, record.position)
        if action is None and position == record.entry["position"]:
            kept.append(record.entry)  # same bytes, same place: its seal and index stay valid
            continue
        raw = record.raw if record.raw is not None else open_record(record)
        item = {**record.entry, "position": position}
        if action == "redact":
            raw = redact_spans(raw, record.spans)
            copies = [raw]
            if record.copy and record.copy != record.raw:  # the whole line of a record kept in part
                copies.append(redact_spans(record.copy, record.copy_spans))
            item["index"] = key.encoded_index(*copies)
        item["sealed"] = base64.b64encode(seal(raw, associated_data(dataset, file, position))).decode("ascii")
        kept.append(item)
    return kept


def _apply(catalog: Catalog, state: dict) -> None:
    """Rename the new files into place and update the manifest entry; safe to repeat."""
    raw_path = catalog.raw_dir / state["file"]
    qpath = catalog.quarantine_dir / state["quarantine_file"]
    if state["raw_changed"]:
        current = fingerprint(raw_path).sha256
        if current == state["raw_sha_before"] and _temporary(raw_path).exists():
            publish(_temporary(raw_path), raw_path)
        elif current != state["raw_sha_after"]:
            raise PipelineError(
                f"dataset {state['dataset']}, file {state['file']}: the raw file changed during the erasure"
            )
    fault_point("quarantine-file")
    if _temporary(qpath).exists():
        publish(_temporary(qpath), qpath)
        fault_point("quarantine-sealed")
    elif not state["quarantined"]:
        qpath.unlink(missing_ok=True)
    clean_dir = catalog.clean_dir / state["dataset"]
    entry = load_entry(clean_dir, state["file"])
    if entry is None:
        return
    updated = replace(
        entry,
        size=state["raw_size_after"] if state["raw_changed"] else entry.size,
        sha256=state["raw_sha_after"] if state["raw_changed"] else entry.sha256,
        records_in=state["records_in"],
        quarantined=state["quarantined"],
        quarantine_file=state["quarantine_file"] if state["quarantined"] else None,
        bad_positions=state["bad_positions"],
    )
    if updated != entry:
        save_entry(clean_dir, updated)


def quarantined_files(catalog: Catalog) -> list[tuple[str, ManifestEntry]]:
    """(dataset, manifest entry) of every raw file with a quarantine file, in catalog order."""
    found = []
    for name in catalog.datasets:
        for entry in load_manifest(catalog.clean_dir / name):
            if entry.quarantine_file and (catalog.quarantine_dir / entry.quarantine_file).exists():
                found.append((name, entry))
    return found


def purge_quarantine_zone(
    catalog: Catalog,
    vault: Vault,
    request_id: str,
    fp: Footprint,
    hashes: SubjectHashes | None = None,
    tally: Tally | None = None,
) -> list[dict]:
    """The quarantine step over every quarantine file; returns one result per file that held the subject.
    `hashes`: the subject's side of the index (None: every record is examined); `tally` counts records."""
    finder = SubjectFinder(vault, fp, hashes)
    tally = tally if tally is not None else Tally()
    results = []
    done_items = progress.items(vault, request_id, STEP)
    for dataset, entry in quarantined_files(catalog):
        key = f"{dataset}/{entry.file}"
        found = done_items.get(key)
        if found and found[1]:
            continue
        with failure_context(dataset, entry.file):
            state = found[0] if found else _plan(catalog, vault, finder, dataset, entry, tally)
            if state is None:
                continue
            if not found:
                progress.save(vault, request_id, STEP, state, item=key)
                fault_point("quarantine-plan")
            _apply(catalog, state)
        progress.save(vault, request_id, STEP, state, done=True, item=key)
        fault_point("quarantine-done")
    # files finished by an earlier, killed run are counted too
    for state, done in progress.items(vault, request_id, STEP).values():
        if done:
            results.append(state)
    return sorted(results, key=lambda s: (s["dataset"], s["file"]))


def _finding(zone: str, dataset: str, file: str, position: int, kind: str) -> dict:
    return {"zone": zone, "dataset": dataset, "file": file, "position": position, "entity_type": kind}


def check_quarantine(
    catalog: Catalog, vault: Vault, fp: Footprint, result: Verification, hashes: SubjectHashes | None = None
) -> None:
    """Verification: decrypt every quarantined record that may hold the subject (by its index, with
    `hashes`; every record without) and re-scan it, and its raw copy, for the subject's identifiers and
    for values only they hold (their card, their unique address)."""
    finder = SubjectFinder(vault, fp, hashes)
    key = index_key(vault)
    for dataset, entry in quarantined_files(catalog):
        with failure_context(dataset, entry.file):
            records = [
                _Record(item, item["position"], key.read(item))
                for item in read_quarantine(catalog.quarantine_dir / entry.quarantine_file)
            ]
            candidates = [r for r in records if finder.may_hold(r.index)]
            result.quarantined_records_ruled_out += len(records) - len(candidates)
            fmt = catalog.dataset(dataset).format
            in_raw = raw_copies(catalog.raw_dir / entry.file, fmt, {r.position for r in candidates})
            open_record = _open(vault, dataset, entry.file)
            for record in candidates:
                position = record.position
                raw = open_record(record)
                view = finder.narrowed(record.index)  # the index covers the raw copy too
                kinds = view.leftover_kinds(raw)
                copy = in_raw.get(position, b"")
                for kind in kinds:
                    result.findings.append(_finding("quarantine", dataset, entry.file, position, kind))
                for kind in kinds if copy == raw else view.leftover_kinds(copy):
                    result.findings.append(_finding("raw", dataset, entry.file, position, kind))
                result.quarantined_records_examined += 1
        result.quarantine_files_checked += 1
