"""Organisations named after people (`Hugo Boss`, `Wells Fargo`, `Dr. Oetker`, `Marks & Spencer`): their
names have a personal name's shape, so NER and the name patterns take them for people. A PERSON finding
that lies inside one of these names, where it is written whole, is an organisation's name.

The list holds well-known brands, banks and firms whose names are (or read as) a founder's name; it is
matched whole and case-insensitively, so a person who shares one word with a brand (`Hugo Martin`) stays
a person. A firm named after its partners (`Jones, Mitchell and Williams`) is read from how the sentence
uses the list, as one thing, not from a list of names.
"""

from __future__ import annotations

from functools import lru_cache

import regex

ORGANISATIONS_NAMED_AFTER_PEOPLE = (
    "Wells Fargo",
    "Hugo Boss",
    "Tommy Hilfiger",
    "Ralph Lauren",
    "Calvin Klein",
    "Giorgio Armani",
    "Louis Vuitton",
    "Yves Saint Laurent",
    "Christian Dior",
    "Marc O'Polo",
    "Dr. Oetker",
    "Dr Oetker",
    "Philip Morris",
    "Marks & Spencer",
    "Marks and Spencer",
    "Johnson & Johnson",
    "Procter & Gamble",
    "Mercedes-Benz",
    "Rolls-Royce",
    "Harley-Davidson",
    "Lloyds Bank",
    "Charles Schwab",
    "Morgan Stanley",
    "Goldman Sachs",
    "JP Morgan",
    "J.P. Morgan",
    "Merrill Lynch",
    "Dean & DeLuca",
    "Ben & Jerry's",
    "Estée Lauder",
    "Ernst & Young",
    "Albert Heijn",
    "Hewlett-Packard",
    "Tim Hortons",
    "Wendy's",
    "Dolce & Gabbana",
)


@lru_cache(maxsize=1)
def _pattern() -> regex.Pattern:
    names = sorted(ORGANISATIONS_NAMED_AFTER_PEOPLE, key=len, reverse=True)
    alternatives = "|".join(regex.escape(name).replace(r"\ ", r"[ \t]+") for name in names)
    return regex.compile(rf"(?i)(?<![\p{{L}}\d])(?:{alternatives})(?![\p{{L}}\d])")


@lru_cache(maxsize=1)
def _gate_words() -> tuple[str, ...]:
    """The longest word of each name, in lower case: a text that holds none of them names none."""
    return tuple(
        dict.fromkeys(max(name.lower().split(), key=len) for name in ORGANISATIONS_NAMED_AFTER_PEOPLE)
    )


# A firm named after its partners, three family names or more (`Jones, Mitchell and Williams`), where the
# sentence uses the list as one thing: a head noun after it (`The Davis, Reynolds and Williamson Orchestra`),
# a workplace (`spent a year at Jones, Mitchell and Williams`, `Tomomi is from Hawkins, Richardson and
# Santana`) or a singular verb (`Lopez, Santos and Coleman is a design agency`). A list of people is none of
# these (`our founders: Kónya, Becker and Vasquez`, `Ann, Bob and Carl are coming`).
_PARTNER = r"\p{Lu}[\p{Ll}'’\-]+"
_PARTNERS = rf"{_PARTNER}(?:,[ \t]+{_PARTNER})+,?[ \t]+(?:and|&)[ \t]+{_PARTNER}"
_PARTNER_FIRM = regex.compile(
    rf"(?<![\p{{L}}])(?i:the)[ \t]+(?P<firm>{_PARTNERS})(?=[ \t]+\p{{Lu}}\p{{Ll}})|"
    rf"(?:(?<![\p{{L}}])at|(?<![\p{{L}}])(?:is|are|was|were)[ \t]+from)[ \t]+(?P<firm>{_PARTNERS})"
    r"(?![\p{L}'’\-])|"
    rf"(?<![\p{{L}}'’\-])(?P<firm>{_PARTNERS})(?=[ \t]+(?:is|was|has)[ \t])"
)


def organisation_spans(text: str) -> list[tuple[int, int]]:
    """The `(start, end)` of each organisation named after a person, written whole in `text`: a known brand or
    firm, or a firm named after its partners that the sentence uses as one thing."""
    spans = []
    if " and " in text or " & " in text:
        spans = [match.span("firm") for match in _PARTNER_FIRM.finditer(text)]
    lowered = text.lower()
    if not lowered.isascii():
        # `(?i)` reads `ſ` as `s` and `İ` as `i`: lower() keeps `ſ`, turns `İ` into `i` + a combining dot
        lowered = lowered.replace("ſ", "s").replace("\u0307", "")
    if not any(map(lowered.__contains__, _gate_words())):
        return spans
    return spans + [match.span() for match in _pattern().finditer(text)]


def inside_organisation(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """`text[start:end]` overlaps an organisation's name of `spans`."""
    return any(start < org_end and org_start < end for org_start, org_end in spans)
