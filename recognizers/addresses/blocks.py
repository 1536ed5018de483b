"""Postal address blocks: a street line, a line that holds only its flat or suite, then the locality lines.

Why: the street patterns (`recognizers.addresses.patterns`) find a street by its type word (`Rue`,
`Street`, `-straße`), so a street named in another country's words or with a rare type (`Allika 46`,
`Søndergade 52`, `Kiannonkatu 98`, `Kesk 53`) is missed, and with it the name written above it. Laid out
as a block, the layout says what the words do not: the order every envelope, signature and delivery note
follows (the UPU's S42) puts the street line right above a line that is only a secondary unit (`Suite 501`,
`Apt. 656`), and the town, then the country or the postcode, below it. The unit line is the evidence: a
line holding a house number right above one is a street, and the short lines of place words under it are
its locality. A block needs that locality: two lines of it, or one that ends in a postcode.
"""

from __future__ import annotations

import regex

from recognizers.addresses.words import UNIT_WORDS

# what a quoted or bulleted block puts before each line: `> `, `??? `, `| `, `* `
_MARKS = r"[ \t>|*?•·\-]*"
# a secondary unit's word (`UNIT_WORDS` holds `Apartment`, `Suite`, `Flat`, ...), and a room's
_UNIT = rf"(?i:{UNIT_WORDS}|Room)"
_UNIT_LINE = regex.compile(rf"^{_MARKS}{_UNIT}\.?[ \t]*#?[\w\-]{{1,5}}[ \t]*$", regex.MULTILINE)
_UNIT_WORD = regex.compile(rf"(?<![\p{{L}}]){_UNIT}(?![\p{{L}}])")
# the street: from a house number followed by words (`1987 74 Diakou Street`, `928 Λ. Αλεξάνδρας 14`), or a
# whole short line of words and a number (`Via Franscini 71`, `Brucker Bundesstrasse 31 Zezig Streets`),
# after an address key if the line has one
_NUMBER_FIRST = regex.compile(r"(?<![\w\-/.])\d{1,6}[A-Za-z]?(?:[ \t]+\d{1,6})?[ \t]+\p{L}[^\n]*")
_ADDRESS_KEY = regex.compile(r"(?i:address|adres|adresse|anschrift|dirección|indirizzo)[ \t]*:[ \t]*")
_WORDS_AND_NUMBER = regex.compile(r"\p{L}[\p{L}.'’\-]*(?:[ \t]+[\p{L}\d][\p{L}\d.'’\-]*){1,5}")
_NOT_A_STREET = regex.compile(r"[@:=<>{}|\\/]|https?|\d{7,}")
# a locality line: place words (`Brønderslev`, `Cyprus (Greek)`, `St Georges, QC`) with a postcode before
# or after them or none (`7188 Bern`, `Estonia 62488`), then the line's end or a sentence's (`Cyprus 36903? I
# am in ...`)
_LOCALITY_LINE = regex.compile(
    rf"{_MARKS}(?P<place>(?:(?P<lead>\d{{4,5}}(?:[ \t]?\p{{Lu}}{{2}})?)[ \t]+)?"
    rf"\p{{L}}[\p{{L}}'’.\-]*(?:[ \t,]+[\p{{L}}(][\p{{L}}'’.()\-]*){{0,4}}"
    r"(?P<postcode>[ \t,]+(?:\d[\d \-]{2,8}\d|\p{Lu}{1,2}\d[\dA-Z]?[ \t]?\d\p{Lu}{2}"
    r"|\p{Lu}\d\p{Lu}[ \t]?\d\p{Lu}\d))?)"
    r"[ \t]*(?=[.?!,;]?[ \t]*(?:\n|$)|[.?!][ \t])"
)
_LOCALITY_LINES = 3


def _street_start(text: str, line_start: int, line_end: int) -> int | None:
    """Where the street begins on the line [line_start, line_end), or None when the line holds none."""
    marks = regex.match(_MARKS, text[line_start:line_end])
    start = line_start + marks.end()
    key = _ADDRESS_KEY.match(text, start, line_end)
    if key:
        start = key.end()
    line = text[start:line_end].rstrip(" \t,")
    if not line or _NOT_A_STREET.search(line) or not any(c.isdigit() for c in line):
        return None
    number = _NUMBER_FIRST.search(text, start, start + len(line))
    before = text[start : number.start()].split() if number else []
    if number and any(word[0].islower() for word in before):
        return number.start()  # `Our offices are located at 971 Kesk 53`: the sentence leads up to it
    if _WORDS_AND_NUMBER.fullmatch(line):
        return start  # `Brucker Bundesstrasse 31 Zezig Streets`: the line is the street
    return number.start() if number else None


def _locality_end(text: str, position: int, lower_case: bool) -> int | None:
    """The end of the locality lines from `position` (the start of the line after the unit line): two of
    them, or one ending in a postcode; None when there are not. `lower_case`: the block is written so."""
    lines = end = postcode = 0
    while lines < _LOCALITY_LINES and position < len(text):
        blank = regex.match(r"[ \t]*\n", text, pos=position)
        if blank and lines:
            position = blank.end()  # a blank line between town and country (`OULU\n\n Finland 80896`)
            continue
        match = _LOCALITY_LINE.match(text, position)
        if match is None or not _reads_as_place(match.group("place"), lower_case):
            break
        lines += 1
        end = match.end("place")
        postcode = postcode or bool(match.group("postcode") or match.group("lead"))
        newline = text.find("\n", match.end())
        if newline < 0 or text[match.end() : newline].strip(" \t.?!,;"):
            break  # the line goes on as a sentence: the block ends here
        position = newline + 1
    return end if lines >= 2 or (lines and postcode) else None


# first words of a line that starts something else than a place: a signature's contact lines
_NOT_PLACE_WORDS = frozenset(
    "tel phone mobile fax email e-mail mail web website www office direct cell".split()
)
# lower-case words inside place and street names (`Castelnuovo di Porto`, `Frankfurt am Main`)
_PLACE_PARTICLES = frozenset(
    "de di da del della la le les am an der den op aan sur en upon on van von y".split()
)


def _reads_as_place(place: str, lower_case: bool) -> bool:
    """Place words: not a signature's contact line, and in a block not written in lower case, every word
    capitalised but a particle (`Resolved today` is no town)."""
    words = [word for word in regex.split(r"[ \t,()]+", place) if word and not word[0].isdigit()]
    if not words or words[0].lower() in _NOT_PLACE_WORDS:
        return False
    return lower_case or all(word[0].isupper() or word in _PLACE_PARTICLES for word in words)


def address_blocks(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each address laid out as a block around a line that is only its unit (see the
    module's docstring): from the street line above it to the last locality line below it."""
    if "\n" not in text:
        return []
    blocks = []
    for unit in _UNIT_LINE.finditer(text):
        if unit.start() == 0:
            continue
        line_end = unit.start() - 1
        line_start = text.rfind("\n", 0, line_end) + 1
        start = _street_start(text, line_start, line_end)
        if start is None:
            continue
        end = _locality_end(text, unit.end() + 1, text[start:line_end].islower())
        if end is not None:
            blocks.append((start, end))
    return blocks


# the same order on one line: a street of words and a house number, its unit, then the locality after commas
# (`28 Slovenčeva 46 Apt. 715, Port Edward, Laos 64693`): the unit is the evidence, and the locality must hold
# two places or a postcode
_PARTICLE = rf"(?:{'|'.join(sorted(_PLACE_PARTICLES))})(?![\p{{L}}])"
_PLACE = rf"\p{{Lu}}[\p{{L}}'’.\-]*(?:[ \t]+(?:\p{{Lu}}[\p{{L}}'’.\-]*|{_PARTICLE}))*"
_INLINE = regex.compile(
    r"(?<![\w\-/.])(?:\d{1,6}[ \t]+)?\p{Lu}[\p{L}.'’\-]*"
    rf"(?:[ \t]+(?:\p{{Lu}}[\p{{L}}.'’\-]*|\p{{Ll}}{{1,3}}\.|{_PARTICLE})){{0,4}}"
    r"[ \t]+\d{1,5}[A-Za-z]?\.?"
    rf"(?P<unit>[ \t]+(?i:{UNIT_WORDS})\.?[ \t]*#?\d{{1,5}})"
    rf"(?P<places>(?:[ \t]*,[ \t]*{_PLACE}){{1,3}})(?P<postcode>[ \t]+\d{{4,6}})?"
    # ... and the address ends there: the text's or a line's end, a mark, or a lower-case word goes on
    r"(?=[ \t]*(?:$|\n|[.,;:!?)]|\p{Ll}))"
)


def inline_unit_addresses(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each address written on one line in a block's order (see `_INLINE`)."""
    if "," not in text:
        return []
    return [
        (match.start(), match.end() - (text[match.end() - 1] == "."))  # a full stop closes the sentence
        for match in _INLINE.finditer(text)
        if (match.group("postcode") or match.group("places").count(",") >= 2)
        and not _UNIT_WORD.search(text, match.start(), match.start("unit"))  # `Room 4 Floor 2`: no street
    ]
