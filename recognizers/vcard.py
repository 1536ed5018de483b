"""vCard (RFC 6350, and versions 2.1/3.0): the structured properties that hold a person's name and address.

A vCard says what each value is, so no shape guessing is needed: `FN:` is the formatted name; `N:` holds
family name, given names, additional names, prefixes and suffixes separated by `;` (each name part is a
span of its own, prefixes and suffixes are titles, not names); `ADR:` holds PO box, extended address,
street, locality, region, postal code and country separated by `;`: the address runs from its first
filled component to its last. Properties may carry parameters (`ADR;TYPE=HOME:`) and a group prefix
(`item1.ADR:`); `\\;` and `\\,` are escaped separators inside a component.
"""

from __future__ import annotations

import re

_VCARD = re.compile(r"(?im)^(?:BEGIN:VCARD|VERSION:[234]\.\d)\s*$")
_PROPERTY = re.compile(r"(?im)^(?:[\w\-]+\.)?(?P<name>FN|N|ADR)(?:;[^:\n]*)?:(?P<value>[^\r\n]*)")
_COMPONENT = re.compile(r"(?:\\.|[^;\\])*")
N_NAME_PARTS = 3  # family, given, additional; then honorific prefixes and suffixes


def _components(value_start: int, value: str) -> list[tuple[int, int]]:
    """`(start, end)` of each `;`-separated component, trimmed of spaces."""
    spans, position = [], 0
    while position <= len(value):
        match = _COMPONENT.match(value, position)
        start, end = match.start(), match.end()
        while start < end and value[start] in " \t":
            start += 1
        while end > start and value[end - 1] in " \t":
            end -= 1
        spans.append((value_start + start, value_start + end))
        position = match.end() + 1
    return spans


def vcard_spans(text: str) -> list[tuple[int, int, str]]:
    """`(start, end, "PERSON" | "ADDRESS")` of the names and addresses of the vCards in `text`."""
    if "vcard" not in text.lower() and "version:" not in text.lower():
        return []
    if _VCARD.search(text) is None:
        return []
    spans = []
    for prop in _PROPERTY.finditer(text):
        name, value_start, value = prop.group("name").upper(), prop.start("value"), prop.group("value")
        parts = [(s, e) for s, e in _components(value_start, value)]
        if name == "FN":
            start, end = value_start, value_start + len(value.rstrip())
            if end > start:
                spans.append((start, end, "PERSON"))
        elif name == "N":
            spans.extend((s, e, "PERSON") for s, e in parts[:N_NAME_PARTS] if e > s)
        else:
            filled = [(s, e) for s, e in parts if e > s]
            if filled:
                spans.append((filled[0][0], filled[-1][1], "ADDRESS"))
    return spans
