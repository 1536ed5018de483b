"""ADDRESS: whole postal addresses — flat, street, number, box, postcode, city — on one line or several.

Built from the postal conventions of the default regions, not from any generator's word lists:
- street type first, number after (BE, NL, DE, ES, IT: `Rue de la Loi 16`, `Calle Mayor 10`, `Via Roma 25`),
  Germanic compounds (`Keizersgracht 123-2`, `Hauptstraße 5`), number first (FR: `12 rue des Lilas`),
  number, name and a USPS/Royal Mail suffix (GB, IE, US: `221B Baker Street`, `1600 Pennsylvania Ave NW`);
- flats and boxes before or after the street (`Flat 3,`, `Apt. 681`, `bus 3`, `3º B`);
- addresses in all-lower-case prose lines (chat), read capitalised (`recase_lower_prose`);
- post office boxes with their locality (`PO Box 12, Dublin 2`, `Postbus 995, 7640 Warcoing`, `BP 33,
  44000 Nantes`, `Postfach 10 20 30, 10115 Berlin`, `Apartado de Correos 20, 28080 Madrid`);
- the locality after a comma, newline or space: `1000 Bruxelles`, `1015 CJ Amsterdam`, `London NW1 6XE`,
  `Dublin 2, D02 XY45`, `Washington, DC 20500`, `Madrid, 28013`;
- addresses split into a record's fields (CSV, fixed-width, MT940 subfields): the field holding the street,
  the fields after it backing it as its locality (`recognizers.addresses.fields`).
A street whose type word is also an everyday English word (`Court`, `Place`, `Via`) counts only with a
locality after it; the city part stops before words that start a new clause, so the span never swallows
neighbouring text.

The patterns, word tables, scans and readings live in `recognizers.addresses`; this module assembles them.
"""

from __future__ import annotations

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult

from recognizers.addresses.blocks import address_blocks, inline_unit_addresses
from recognizers.addresses.fields import RecordFields
from recognizers.addresses.keys import is_street_field
from recognizers.addresses.patterns import ADDRESS, ANCHOR, CONTEXT, LAYOUT_COLUMN, PATTERNS
from recognizers.addresses.pieces import IRISH_LOCALITY
from recognizers.addresses.recasing import (
    recase_lower_prose,
    recase_lower_runs,
    recase_upper_lines,
    recase_upper_values,
)
from recognizers.addresses.scan import AFTER_ANCHOR, find_anchors, first_match, windows
from recognizers.addresses.separators import read_separators
from recognizers.addresses.spans import BILINGUAL_SLASH, trim_end
from recognizers.addresses.words import EVERYDAY_ENGLISH
from recognizers.layout import left_column_view, split_at_cells
from recognizers.results import make_result
from recognizers.vcard import vcard_spans

BLOCK = "address (a block: street line, unit line, locality lines)"
INLINE_BLOCK = "address (a block's order on one line: street, unit, locality)"


class AddressRecognizer(LocalRecognizer):
    """Whole postal addresses in the conventions of BE, NL, FR, DE, GB, IE, ES, IT and the US."""

    def __init__(self, supported_language: str = "en"):
        self.patterns = list(PATTERNS)
        self._address = regex.compile(ADDRESS, regex.MULTILINE)
        self._anchor = regex.compile(ANCHOR)
        super().__init__(
            supported_entities=["ADDRESS"],
            name="PiivaultAddressRecognizer",
            supported_language=supported_language,
            context=list(CONTEXT),
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = [
            make_result(self, "ADDRESS", start, end, 0.85, "address (vCard ADR)")
            for start, end, kind in vcard_spans(text)
            if kind == "ADDRESS"
        ]
        results.extend(self._pattern_results(text))
        results.extend(
            make_result(self, "ADDRESS", start, end, 0.85, BLOCK) for start, end in address_blocks(text)
        )
        results.extend(
            make_result(self, "ADDRESS", start, end, 0.85, INLINE_BLOCK)
            for start, end in inline_unit_addresses(text)
        )
        view = left_column_view(text)
        if view is not None:
            # an address block of a two-column layout, the right-hand cell set aside: its parts on either
            # side of the cell (street line; postcode and city on the next)
            blanked, cells = view
            for result in self._pattern_results(blanked):
                if any(result.start < start and end < result.end for start, end in cells):
                    for start, end in split_at_cells(result.start, result.end, cells, blanked):
                        results.append(make_result(self, "ADDRESS", start, end, result.score, LAYOUT_COLUMN))
        return results

    def _pattern_results(self, text: str) -> list[RecognizerResult]:
        text = read_separators(text)
        fields = RecordFields(text)
        results = self._matches(recase_upper_values(recase_upper_lines(recase_lower_prose(text))), fields)
        recased, runs = recase_lower_runs(text)
        for start, end in runs:
            # lower-case addresses inside mixed text, read in a second pass over their runs, so that the
            # lower-case parts of addresses written in capitals (`52 hs`, `2e verdieping`) keep their
            # reading; a second reading replaces the first ones it covers and extends
            for extra in self._matches(recased, fields, start, end):
                overlapping = [r for r in results if extra.start < r.end and r.start < extra.end]
                if all(extra.start <= r.start and r.end <= extra.end for r in overlapping) and (
                    sum(r.end - r.start for r in overlapping) < extra.end - extra.start
                ):
                    results = [r for r in results if r not in overlapping] + [extra]
        return results

    def _matches(
        self, text: str, fields: RecordFields, pos: int = 0, endpos: int | None = None
    ) -> list[RecognizerResult]:
        """The addresses in `text[pos:endpos]`, looked for only near a street type word: every address
        holds one, and scanning whole JSON lines and chats for the rest of the pattern is the cost."""
        results = []
        endpos = len(text) if endpos is None else endpos
        anchors = find_anchors(self._anchor, text, pos, endpos)
        for window_start, window_end in windows(anchors, pos, endpos):
            position = max(window_start, results[-1].end if results else pos)
            limit = min(endpos, window_end + AFTER_ANCHOR)
            while position <= window_end:
                match = first_match(self._address, text, position, window_end, limit)
                if match is None:
                    break
                position = self._take(match, text, fields, results)
        return results

    def _take(self, match, text: str, fields: RecordFields, results: list[RecognizerResult]) -> int:
        """Add `match` to `results` when it validates, clipped to the record field holding its street;
        where to search on."""
        if not self.validate_match(match, fields):
            return match.start() + 1
        core = next((group for group in ("street", "po_box", "military") if match.group(group)), None)
        anchor = (match.end(core) if core else match.end()) - 1
        start, resume = match.start(), trim_end(text, match.start(), match.end())
        start, end = fields.clip(start, resume, anchor)
        if end < resume:
            end = trim_end(text, start, end)  # the fields after the street's are the locality's: skip them
        full = (
            match.group("military")
            or match.group("po_box")
            or (match.group("locality") and not match.group("city_only"))
        )
        score = 0.85 if full else 0.65
        if results and BILINGUAL_SLASH.fullmatch(text, results[-1].end, start):
            # Brussels writes each street in both languages: `Rue Haute 5 / Hoogstraat 5, 1000 ...`
            previous = results.pop()
            start, score = previous.start, max(score, previous.score)
        results.append(make_result(self, "ADDRESS", start, end, score, PATTERNS[0].name))
        return resume

    @staticmethod
    def validate_match(match, fields: RecordFields | None = None) -> bool:
        """Refuse streets whose type word is an everyday word unless a number and a locality back them, or
        an address key or column header names the value (`line1='119 Johnston Bridge'`, `"street":
        "Place Berthelot 226"`, a `Street Address` column)."""
        has_locality = bool(match.group("locality")) and not match.group("city_only")
        has_locality = has_locality or match.group("town_after") is not None
        if not has_locality and (
            is_street_field(match)
            or (
                fields is not None
                and match.group("street")
                and fields.in_street_column(*match.span("street"))
            )
        ):
            has_locality = True  # the key says what the locality would have said
        if match.group("house_name") and not (
            has_locality
            and not (match.group("num_english") or match.group("num_after") or match.group("num_before"))
            and IRISH_LOCALITY.search(match.group("locality"))
        ):
            return False
        if match.group("po_box"):
            return has_locality
        if match.group("no_num") and not has_locality:
            return False
        if (match.group("weak_prefix") or match.group("weak_fr")) and not has_locality:
            return False
        english_type = match.group("english_type")
        if english_type:
            numbered = match.group("num_english") or match.group("unit_before")
            if not numbered and not has_locality:
                return False
            if english_type in EVERYDAY_ENGLISH and not (numbered and has_locality):
                return False
        return True
