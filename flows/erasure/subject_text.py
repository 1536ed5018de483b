"""The subject's fingerprints in the text of clean and raw records: which records are theirs, what to redact.

Tokens find what tokenize found; a subject's values can also sit in text as plaintext that no detection and
no fingerprint caught when the file was tokenized (a file tokenized before the vault knew them, a street
written as nobody wrote it then). The erasure's resolve step records the subject cluster's fingerprints
(`vault.fingerprints`: keyed hashes, no value); `SubjectText` scans text for them with the tokenizer's
scanner (`flows.tokenize.known_subjects.TextScanner`) over an index of those fingerprints alone:
- a record holding an **identifier** of theirs that nobody outside the cluster holds (their email, phone or
  customer id, written anywhere: `C100002` in a chat line) is theirs: every value of theirs in it goes
  (their name and street included, shared ones too), and the dataset's policy applies to the record;
- in anyone else's record only the values **they alone** hold are redacted; shared ones (a namesake's
  name, a household's landline) stay.
The columns scanned are those that can hold text (`text_columns`): free text, text lines and every column
the catalog does not declare (tokenize may have found it holding text); typed and `none` columns and the
subject key (compared by keyed hash elsewhere) are not. A dataset with such a column may hold the subject in
any of its files, so the erasure examines all its partitions, not only those lineage names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows.pipeline.catalog import Catalog, Dataset
from flows.pipeline.column_kinds import FREE_TEXT, declared_kind
from flows.pipeline.manifest import load_manifest
from flows.tokenize.known_subjects import Match, TextScanner
from values.token_format import ERASED_MARKER, is_token
from vault.fingerprint_index import FingerprintIndex
from vault.fingerprints import IDENTIFIER_KINDS, KIND_CODES, SHARED, SubjectFingerprint

if TYPE_CHECKING:
    from vault.store import Vault


def text_columns(spec: Dataset, names: Sequence[str]) -> list[str]:
    """The columns of a dataset's records that can hold text: declared free text (and text lines) and
    every column the catalog does not declare, never its subject key."""
    return [
        name for name in names if name != spec.subject_key and declared_kind(spec, name) in (False, FREE_TEXT)
    ]


def text_partitions(catalog: Catalog) -> list[tuple[str, str]]:
    """(dataset, partition) of every clean file of every dataset that can hold text anywhere: text lines,
    a declared free-text column, or a column the catalog does not declare."""
    found = []
    for name, spec in catalog.datasets.items():
        entries = load_manifest(catalog.clean_dir / name)
        if not entries:
            continue
        if spec.format == "text" or FREE_TEXT in spec.columns.values() or _undeclared(catalog, name, entries):
            found.extend((name, entry.output) for entry in entries)
    return found


def _undeclared(catalog: Catalog, name: str, entries) -> bool:
    from flows.pipeline.storage import read_schema

    spec = catalog.dataset(name)
    for entry in entries:
        path = catalog.clean_dir / name / entry.output
        if path.exists():
            return bool(text_columns(spec, read_schema(path).names))
    return False


@dataclass
class TextHits:
    """What the scan of one table found (row indexes, counts; no value)."""

    identified: list[int] = field(default_factory=list)  # rows holding an identifier of theirs
    holding: list[int] = field(default_factory=list)  # rows holding a value only they hold
    redacted_values: int = 0  # spans replaced by the erased marker


class SubjectText:
    """The subject cluster's fingerprints, found in text (see the module docstring)."""

    def __init__(self, vault: Vault, fingerprints: Sequence[SubjectFingerprint]):
        self.fingerprints = list(fingerprints)
        rows = {f.fingerprint: f for f in self.fingerprints}
        fps = np.array(sorted(rows), dtype=np.int64)
        info = np.array(
            [KIND_CODES[rows[fp].entity_type] | (0 if rows[fp].own else SHARED) for fp in sorted(rows)],
            dtype=np.uint8,
        )
        first = np.array([rows[fp].first_word for fp in sorted(rows)], dtype=np.int64)
        count = np.array([rows[fp].words for fp in sorted(rows)], dtype=np.int64)
        self._scanner = TextScanner(
            FingerprintIndex.from_arrays(fps, info, first, count), vault.fingerprinter
        )

    @classmethod
    def from_state(cls, vault: Vault, state: list[list] | None) -> SubjectText | None:
        """From the resolve step's recorded fingerprints (None when it recorded none)."""
        if not state:
            return None
        return cls(vault, [SubjectFingerprint.from_list(item) for item in state])

    def __bool__(self) -> bool:
        return bool(self.fingerprints)

    def scan(self, texts: Sequence[str]) -> list[list[Match]]:
        """The cluster's fingerprints in each text (tokens and the erased marker are never inside one)."""
        return self._scanner.scan([t if not is_token(t) else "" for t in texts])

    @staticmethod
    def identifies(match: Match) -> bool:
        """An identifier nobody outside the cluster holds: the record is theirs."""
        return not match.shared and match.entity_type in IDENTIFIER_KINDS

    @staticmethod
    def theirs_alone(match: Match) -> bool:
        return not match.shared

    def redact(self, table: pa.Table, columns: list[str], owned: set[int]) -> tuple[pa.Table, TextHits]:
        """`table` with the cluster's values in text redacted: every one in rows that are theirs (`owned`,
        and rows found holding one of their identifiers), only theirs-alone ones in other rows."""
        hits = TextHits()
        columns = [c for c in columns if c in table.column_names and _is_string(table.column(c).type)]
        found: dict[str, dict[str, list[Match]]] = {}
        identified: set[int] = set()
        holding: set[int] = set()
        for name in columns:
            column = table.column(name)
            distinct = [v for v in pc.unique(column).to_pylist() if isinstance(v, str) and v.strip()]
            matches = {v: m for v, m in zip(distinct, self.scan(distinct), strict=True) if m}
            if not matches:
                continue
            found[name] = matches
            for index, value in enumerate(column.to_pylist()):
                for match in matches.get(value, ()):
                    if self.identifies(match):
                        identified.add(index)
                    elif self.theirs_alone(match):
                        holding.add(index)
        theirs = owned | identified
        hits.identified = sorted(identified - owned)
        hits.holding = sorted(holding - theirs)
        if not found:
            return table, hits
        arrays = []
        for name in table.column_names:
            column = table.column(name)
            if name in found:
                cells = column.to_pylist()
                for index, value in enumerate(cells):
                    spans = found[name].get(value)
                    if not spans:
                        continue
                    keep = spans if index in theirs else [m for m in spans if self.theirs_alone(m)]
                    if keep:
                        cells[index] = _erase(value, keep)
                        hits.redacted_values += len(keep)
                column = pa.array(cells, column.type)
            arrays.append(column)
        return pa.Table.from_arrays(arrays, schema=table.schema), hits


def _is_string(data_type: pa.DataType) -> bool:
    return pa.types.is_string(data_type) or pa.types.is_large_string(data_type)


def _erase(text: str, matches: list[Match]) -> str:
    for match in sorted(matches, key=lambda m: m.start, reverse=True):
        text = text[: match.start] + ERASED_MARKER + text[match.end :]
    return text
