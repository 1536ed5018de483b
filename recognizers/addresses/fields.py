"""Addresses in records that split them into fields: where a finding stops, and what a header says.

Exports and mail-house files split an address into fields (`12 rue des Lilas,Lyon,69003,France` under
`Street,City,Postal Code,Country`; a fixed-width line padded with runs of spaces; the `/ADDR/.../IBAN/`
subfields of a SWIFT MT940 `:86:` line). The address does not cross the record's field separators: the
finding is clipped to the field holding the street and house number, while the fields after it (a
postcode and city) still count as the locality that backs a street whose type word is an everyday one.
A whole address written inside one field (quoted, or in a column of its own), on several lines, or with
`, ` in prose stays whole.

A header that names a column as a street or an address line (`Street Address`, `ADRESSE1`, `calle`, see
`recognizers.column_names.name_hint`) is the evidence a street alone lacks, as a key is (`street: ...`,
see `recognizers.addresses.keys`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

import regex

from recognizers.records import DELIMITERS, MIN_DELIMITERS, headed_fields, record_fields

_LINE = regex.compile(r"[^\n]+")
# a fixed-width line's padding: three spaces or more between two cells (a street's words are one or two
# spaces apart), on a line with three cells at least
_PADDING = regex.compile(r"(?<=\S) {3,}(?=\S)")
# a SWIFT MT940 `:86:` subfield tag: `/ADDR/`, `/IBAN/`, `/REMI/`
_SWIFT_TAG = regex.compile(r"/[A-Z]{2,4}/")
# a span that may cross a field separator, a text that may hold records: the cheap tests before the
# records are split (delimited records come two lines at least; padding and SWIFT tags may come alone)
_MAY_CROSS = regex.compile(r"[,;|\t/]| {3}")
_MAY_HOLD_RECORDS = regex.compile(r"\n| {3}|:86:")


def field_cuts(text: str) -> list[tuple[int, int]]:
    """The `(start, end)` of the field separators of `text`'s records, in order: the delimiters of
    delimited lines whose delimiter and field count another line shares (a header or another row; a
    comma followed by a space is prose punctuation, not a CSV delimiter), the padding of fixed-width
    lines, and the subfield tags of SWIFT `:86:` lines."""
    cuts = []
    rows, shapes = [], Counter()
    for line in _LINE.finditer(text):
        value = line.group(0)
        delimiter = next((d for d in DELIMITERS if value.count(d) >= MIN_DELIMITERS), None)
        if delimiter is not None:
            fields = record_fields(value)[0]
            rows.append((delimiter, line.start(), fields))
            shapes[delimiter, len(fields)] += 1
        padding = list(_PADDING.finditer(value))
        if len(padding) >= MIN_DELIMITERS:
            cuts.extend((line.start() + gap.start(), line.start() + gap.end()) for gap in padding)
    for delimiter, offset, fields in rows:
        if shapes[delimiter, len(fields)] < 2:
            continue
        for (_, left_end), (right_start, _) in zip(fields, fields[1:], strict=False):
            start, end = offset + left_end, offset + right_start
            if delimiter == "," and text[start:end].startswith(", "):
                continue
            cuts.append((start, end))
    if ":86:" in text:
        cuts.extend(tag.span() for tag in _SWIFT_TAG.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(cuts):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class RecordFields:
    """The field separators and street columns of one text, worked out on first use."""

    def __init__(self, text: str):
        self._text = text
        self._cuts: list[tuple[int, int]] | None = None
        self._cut_starts: list[int] = []
        self._cut_ends: list[int] = []
        self._streets: list[tuple[int, int]] | None = None

    def clip(self, start: int, end: int, anchor: int) -> tuple[int, int]:
        """`(start, end)` clipped to the field that holds the character at `anchor` (the end of the
        street): the separators inside the span that come before the anchor move its start, the first
        one after the anchor ends it."""
        if not _MAY_CROSS.search(self._text, start, end) or not _MAY_HOLD_RECORDS.search(self._text):
            return start, end
        if self._cuts is None:
            self._cuts = field_cuts(self._text)
            self._cut_starts = [a for a, _ in self._cuts]
            self._cut_ends = [b for _, b in self._cuts]
        before = bisect_right(self._cut_ends, anchor) - 1
        if before >= 0 and self._cut_ends[before] > start:
            start = self._cut_ends[before]
        after = bisect_left(self._cut_starts, anchor + 1)
        if after < len(self._cuts) and self._cut_starts[after] < end:
            end = self._cut_starts[after]
        return start, end

    def in_street_column(self, start: int, end: int) -> bool:
        """The span lies inside a field whose column a header names as a street or an address."""
        if self._streets is None:
            self._streets = [(a, b) for a, b, hint in headed_fields(self._text) if hint == "ADDRESS"]
        return any(a <= start and end <= b for a, b in self._streets)
