"""Erasure step `quarantine`: records the tokenizer could not read still hold the subject's values.

A malformed raw record (a broken JSON line, a CSV row with invalid UTF-8, an unreadable Parquet file) never
reaches the clean zone, so lineage and the clean step never see it: it sits sealed in the quarantine and,
byte for byte, in its raw file. This step opens every quarantine file of the catalog (they are few and
small) and finds the subject's values in each record without plaintext: candidates (emails, phones,
cards, runs of words for names and addresses) are tokenized with the vault's key and compared with the
footprint, customer ids by keyed hash. The rules are the clean zone's (`flows.requests.rows`): a record
holding their customer id or one of their own emails or phones is theirs, and then, per the policy,
- `delete_rows`: the record goes from the quarantine and from the raw file;
- `redact` / `retain`: every value the vault links to them (shared ones too: their name, their
  household's address and landline) becomes the erased marker, in the sealed copy and in the raw file;
a record of anyone else keeps its place, with only the values nobody but the subject holds redacted
(their card or unique address in an anonymous chat line). An unreadable Parquet file is one quarantined
record holding everyone's rows: its bytes are redacted, never dropped, in the sealed copy and in the raw
file alike (values inside compressed pages cannot be seen in the bytes, so cannot be found either).
The raw file, the re-sealed quarantine file (positions moved by dropped lines, sealed under the new ones)
and the manifest entry (size, hash, records in, quarantined, bad positions) keep in = out + quarantined.
A quarantine file whose records hold nothing of the subject is re-sealed too when the raw step dropped
lines before them (the manifest's bad positions moved, the sealed positions must follow).

Resumable like the raw step: the new raw and quarantine files are written beside the old ones, the plan
(hashes and counts only) is recorded, then the files are renamed and the manifest updated; a rerun
finishes the renames from the recorded plan. Fault point `quarantine-file`: raw file renamed, quarantine
file not yet.
"""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from flows.erasure.raw_records import csv_records
from flows.erasure.verify import PlaintextMatcher, Verification
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
from flows.requests import progress
from flows.requests.subject import Footprint, entity_type_of
from values.normalise import normalise_text
from values.token_format import ERASED_MARKER

if TYPE_CHECKING:
    from vault.store import Vault

STEP = "quarantine"
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{2,63}")
CARD = re.compile(r"(?<!\d)\d(?:[ \-]?\d){12,18}(?!\d)")
TEXT_WORD = re.compile(r"[^\W_](?:[\w'’/\-]*[^\W_])?")  # a word of a name or an address, no edge punctuation
WINDOW_WORDS = {"PERSON": 4, "ADDRESS": 16}  # the longest name / address tried, in words
WINDOW_CHARS = 240
SIMPLE_TEXT = re.compile(r"[\x00-\x7f\udc80-\udcff]*")  # ASCII, and bytes that are not UTF-8
OWN_VALUE_SCAN_CHARS = 1 << 20
CONTACT_TYPES = ("EMAIL_ADDRESS", "PHONE_NUMBER")


def word_runs(text: str, max_words: int) -> Iterator[tuple[int, int, int, str]]:
    """(start, end, words, normalised form) of every run of 1..max_words words of `text`, and of each run
    with the full stop after it (`St.`); the form is `normalise_text` of the run. On ASCII text (and the
    undecodable bytes of a broken record) it is put together from the forms of the words and of the gaps
    between them, each normalised once: there normalisation folds case, whitespace and punctuation spacing
    inside a word or a gap, never across one, so the form is the same at a fraction of the cost."""
    words = list(TEXT_WORD.finditer(text))
    simple = SIMPLE_TEXT.fullmatch(text) is not None
    if simple:
        word_forms = [normalise_text(w[0]) for w in words]
        gap_forms = [normalise_text("a" + text[a.end() : b.start()] + "a")[1:-1] for a, b in pairwise(words)]
    for first, opening in enumerate(words):
        form = ""
        for last in range(first, min(first + max_words, len(words))):
            start, end = opening.start(), words[last].end()
            if end - start > WINDOW_CHARS:
                break
            if simple:
                form = word_forms[last] if last == first else form + gap_forms[last - 1] + word_forms[last]
            else:
                form = normalise_text(text[start:end])
            yield start, end, last - first + 1, form
            if text[end : end + 1] == ".":
                dotted = form + "." if simple else normalise_text(text[start : end + 1])
                yield start, end + 1, last - first + 1, dotted


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping spans (a key inside an email, a name inside an address) merged into the wider one."""
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, kind))
    return merged


class SubjectFinder:
    """The subject's values in a quarantined record's raw bytes, found by tokenizing candidates with the
    vault's key and comparing them with the footprint (as verification does); no plaintext is kept.

    The rules are those of the clean zone (`flows.requests.rows`): a record is the subject's when it holds
    their customer id or one of their own emails or phones (`spans`); inside such a record every value the
    vault links to their cluster goes, shared ones included (their name, their household's address and
    landline); in anyone else's record only the values nobody else holds (their card, their unique
    address) go, so a namesake's or a housemate's record keeps what is also theirs."""

    def __init__(self, vault: Vault, fp: Footprint):
        self._vault = vault
        self._matcher = PlaintextMatcher(vault, fp)
        contacts = [t for t in fp.cluster_tokens if entity_type_of(t) in CONTACT_TYPES]
        self._cluster_contacts = PlaintextMatcher(
            vault, replace(fp, strong_tokens=contacts, phone_tails=None)
        )
        self._cluster = set(fp.subjects)
        self._keys: dict[str, bool] = {}
        self._tokens: dict[tuple[str, str], str | None] = {}
        self._all = set(fp.cluster_tokens)
        self._own = set(fp.own_tokens)
        self._types = {entity_type_of(t) for t in fp.cluster_tokens}
        self._own_types = {entity_type_of(t) for t in fp.own_tokens}

    def _is_their_key(self, word: str) -> bool:
        if word not in self._keys:
            self._keys[word] = self._vault.subject_id(word) in self._cluster
        return self._keys[word]

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Their customer ids and own emails and phones: any of them makes a record theirs."""
        found = self._matcher.spans(text)
        found += [
            (m.start(), m.end(), "SUBJECT_KEY") for m in WORD.finditer(text) if self._is_their_key(m[0])
        ]
        return _merge(found)

    def _token(self, entity_type: str, candidate: str, normalised: bool = False) -> str | None:
        key = (entity_type, candidate, normalised)
        if key not in self._tokens:
            derive = self._vault.deriver.derive_normalised if normalised else self._vault.deriver.derive
            try:
                self._tokens[key] = derive(entity_type, candidate).token
            except Exception:  # a candidate the normaliser rejects is nobody's value
                self._tokens[key] = None
        return self._tokens[key]

    def _windows(self, text: str, types: set[str], tokens: set[str]) -> list[tuple[int, int, str]]:
        """Runs of words that are one of `tokens` as a name or an address."""
        longest = max(WINDOW_WORDS[t] for t in types)
        found = []
        for start, end, words, form in word_runs(text, longest):
            for entity_type in types:
                if words <= WINDOW_WORDS[entity_type] and self._token(entity_type, form, True) in tokens:
                    found.append((start, end, entity_type))
        return found

    def value_spans(self, text: str, shared_too: bool) -> list[tuple[int, int, str]]:
        """Spans of the cluster's values (`shared_too`) or of their own values only: cards, names,
        addresses, and with `shared_too` shared emails and phones (own ones are in `spans` already)."""
        if len(text) > OWN_VALUE_SCAN_CHARS:
            return []  # a huge unreadable record: its strong identifiers are redacted, not every n-gram
        tokens = self._all if shared_too else self._own
        types = self._types if shared_too else self._own_types
        found = self._cluster_contacts.spans(text) if shared_too else []
        if "CREDIT_CARD" in types:
            found += [
                (m.start(), m.end(), "CREDIT_CARD")
                for m in CARD.finditer(text)
                if self._token("CREDIT_CARD", m[0]) in tokens
            ]
        if types & set(WINDOW_WORDS):
            found += self._windows(text, types & set(WINDOW_WORDS), tokens)
        return found

    def redaction_spans(self, text: str) -> list[tuple[int, int, str]]:
        """What goes from a record: every cluster value when the record is theirs, else their own values."""
        theirs = self.spans(text)
        if theirs:
            return _merge(theirs + self.value_spans(text, shared_too=True))
        return _merge(self.value_spans(text, shared_too=False))

    def kinds(self, data: bytes) -> list[str]:
        """Why a record is theirs (types of their keys, emails and phones in it); empty if it is not."""
        return sorted({kind for _s, _e, kind in self.spans(data.decode("utf-8", "surrogateescape"))})

    def leftover_kinds(self, data: bytes) -> list[str]:
        """Verification: what of theirs a record still holds (identifiers, or values only they hold)."""
        text = data.decode("utf-8", "surrogateescape")
        return sorted({kind for _s, _e, kind in self.spans(text) + self.value_spans(text, shared_too=False)})

    def holds_anything(self, data: bytes) -> bool:
        return bool(self.redaction_spans(data.decode("utf-8", "surrogateescape")))

    def redact(self, data: bytes) -> bytes:
        """`data` with each of the subject's values replaced by the erased marker; other bytes unchanged."""
        text = data.decode("utf-8", "surrogateescape")
        for start, end, _kind in reversed(self.redaction_spans(text)):
            text = text[:start] + ERASED_MARKER + text[end:]
        return text.encode("utf-8", "surrogateescape")


@dataclass
class _Record:
    """One quarantined record: its entry (sealed), its current position in the raw file, its bytes."""

    entry: dict
    position: int
    raw: bytes


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.erasure-quarantine.tmp")


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


def _rewrite_raw(path: Path, target: Path, fmt: str, edits: dict[int, str], finder, watch: set[int]):
    """Write `path` to `target` with the records at `edits` dropped or redacted; old -> new start lines."""
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
            out.write(finder.redact(data) if action == "redact" else data)
            new_line += len(lines)
        out.flush()
        os.fsync(out.fileno())
    return moved


def raw_copies(path: Path, fmt: str, positions: set[int]) -> dict[int, bytes]:
    """The raw-zone bytes of quarantined records by position: the records of a text file, or the whole of
    an unreadable Parquet file (its one quarantined record, position 0)."""
    if not path.exists():
        return {}
    if fmt == "parquet":
        return {0: path.read_bytes()} if 0 in positions else {}
    return _raw_records(path, fmt, positions)


def record_action(finder: SubjectFinder, policy: str, fmt: str, *copies: bytes) -> str | None:
    """What erasure does to one quarantined record, judged on its sealed and raw copies: `drop` (theirs,
    in a `delete_rows` dataset), `redact` (theirs otherwise, or someone's record holding a value only they
    hold), or None. An unreadable Parquet file is everyone's records at once: redacted, never dropped."""
    if any(finder.kinds(copy) for copy in copies):
        return "drop" if policy == "delete_rows" and fmt != "parquet" else "redact"
    if any(finder.holds_anything(copy) for copy in copies):
        return "redact"
    return None


def _rewrite_whole(data: bytes, target: Path, finder: SubjectFinder) -> bool:
    """Write `data` redacted to `target` (an unreadable Parquet file: bytes are all there is to edit);
    False, and nothing written, when nothing of the subject is found in it."""
    redacted = finder.redact(data)
    if redacted == data:
        return False
    with target.open("wb") as out:
        out.write(redacted)
        out.flush()
        os.fsync(out.fileno())
    return True


def _plan(
    catalog: Catalog, vault: Vault, finder: SubjectFinder, dataset: str, entry: ManifestEntry
) -> dict | None:
    """Write the new raw and quarantine files beside the old ones; the plan, or None when nothing changes."""
    spec = catalog.dataset(dataset)
    qpath = catalog.quarantine_dir / entry.quarantine_file
    raw_path = catalog.raw_dir / entry.file
    open_sealed = aesgcm_opener(quarantine_key(vault))
    entries = read_quarantine(qpath)
    current = entry.bad_positions if len(entry.bad_positions) == len(entries) else None
    records = []
    for index, item in enumerate(entries):
        sealed = base64.b64decode(item["sealed"])
        raw = open_sealed(sealed, associated_data(dataset, entry.file, item["position"]))
        records.append(_Record(item, current[index] if current else item["position"], raw))
    text_raw = spec.format != "parquet" and raw_path.exists()
    in_raw = raw_copies(raw_path, spec.format, {r.position for r in records})
    edits = {}
    for r in records:
        action = record_action(finder, spec.erasure, spec.format, r.raw, in_raw.get(r.position, b""))
        if action:
            edits[r.position] = action
    if not edits and all(r.position == r.entry["position"] for r in records):
        return None  # nothing of theirs, and no line moved by the raw step: the file stays as it is
    sha_before = fingerprint(raw_path).sha256 if raw_path.exists() else ""
    moved = {r.position: r.position for r in records}
    raw_changed = bool(text_raw and set(edits) & set(in_raw))
    if raw_changed:
        watch = {r.position for r in records}
        moved = _rewrite_raw(raw_path, _temporary(raw_path), spec.format, edits, finder, watch)
    elif spec.format == "parquet" and edits and in_raw:
        raw_changed = _rewrite_whole(in_raw[0], _temporary(raw_path), finder)
    seal = quarantine_sealer(vault)
    kept = []
    for record in records:
        if edits.get(record.position) == "drop":
            continue
        raw = finder.redact(record.raw) if record.position in edits else record.raw
        position = moved.get(record.position, record.position)
        sealed = seal(raw, associated_data(dataset, entry.file, position))
        sealed_text = base64.b64encode(sealed).decode("ascii")
        kept.append({**record.entry, "position": position, "sealed": sealed_text})
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


def _apply(catalog: Catalog, state: dict) -> None:
    """Rename the new files into place and update the manifest entry; safe to repeat."""
    raw_path = catalog.raw_dir / state["file"]
    qpath = catalog.quarantine_dir / state["quarantine_file"]
    if state["raw_changed"]:
        current = fingerprint(raw_path).sha256
        if current == state["raw_sha_before"] and _temporary(raw_path).exists():
            os.replace(_temporary(raw_path), raw_path)
        elif current != state["raw_sha_after"]:
            raise PipelineError(
                f"dataset {state['dataset']}, file {state['file']}: the raw file changed during the erasure"
            )
    fault_point("quarantine-file")
    if _temporary(qpath).exists():
        os.replace(_temporary(qpath), qpath)
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


def purge_quarantine_zone(catalog: Catalog, vault: Vault, request_id: str, fp: Footprint) -> list[dict]:
    """The quarantine step over every quarantine file; returns one result per file that held the subject."""
    finder = SubjectFinder(vault, fp)
    results = []
    done_items = progress.items(vault, request_id, STEP)
    for dataset, entry in quarantined_files(catalog):
        key = f"{dataset}/{entry.file}"
        found = done_items.get(key)
        if found and found[1]:
            continue
        with failure_context(dataset, entry.file):
            state = found[0] if found else _plan(catalog, vault, finder, dataset, entry)
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


def check_quarantine(catalog: Catalog, vault: Vault, fp: Footprint, result: Verification) -> None:
    """Verification: decrypt every quarantined record and re-scan it, and its raw copy, for the subject's
    identifiers and for values only they hold (their card, their unique address)."""
    finder = SubjectFinder(vault, fp)
    open_sealed = aesgcm_opener(quarantine_key(vault))
    for dataset, entry in quarantined_files(catalog):
        with failure_context(dataset, entry.file):
            items = read_quarantine(catalog.quarantine_dir / entry.quarantine_file)
            fmt = catalog.dataset(dataset).format
            in_raw = raw_copies(catalog.raw_dir / entry.file, fmt, {item["position"] for item in items})
            for item in items:
                position = item["position"]
                sealed = base64.b64decode(item["sealed"])
                raw = open_sealed(sealed, associated_data(dataset, entry.file, position))
                for kind in finder.leftover_kinds(raw):
                    result.findings.append(_finding("quarantine", dataset, entry.file, position, kind))
                for kind in finder.leftover_kinds(in_raw.get(position, b"")):
                    result.findings.append(_finding("raw", dataset, entry.file, position, kind))
        result.quarantine_files_checked += 1
