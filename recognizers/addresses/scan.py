"""Where the ADDRESS pattern is tried: only near an anchor (a street type or post office box word, which
every address holds), and only where a word starts.

Scanning whole JSON lines and chats with the full pattern is the cost of address detection; these
shortcuts find what the full scans find (tests/recognizers/test_address_scan.py checks it).
"""

from __future__ import annotations

from functools import lru_cache

import regex

from recognizers.addresses.words import PO_BOX_OPENERS, PREFIX_TYPES_ANY_CASE, type_words

# How far before its street type word an address may start (flat, building, house name, number, name of
# the street) and how far after it it may end (number, flat, locality, country).
BEFORE_ANCHOR, AFTER_ANCHOR = 160, 400
# Where an address may start: every form opens with a letter or digit, and `ADDRESS` opens with
# `(?<![\p{L}\d]|\d:)`.
_ADDRESS_START = regex.compile(r"(?<![\p{L}\d])(?:(?P<lower>\p{Ll})|(?P<digit>\d)|\p{L})")
# An address that opens with its house number reads a word after it (the street's type or name), past the
# number's letters, signs and box (`12-14`, `3 bis`, `12½`, `8 bus 3`) and a comma: none of them crosses a
# line break, a quote or a colon.
_NUMBER_BEFORE_WORD = regex.compile(r"\d[\d\p{L} \t\-/½.,]*?[ \t]\p{L}")


def find_anchors(anchor: regex.Pattern, text: str, pos: int, endpos: int):
    """The matches of `anchor` (the compiled `ANCHOR`) in `text[pos:endpos]`, as `finditer` finds them,
    tried only at the words that may hold one: a street type word opens its word, and a compound's suffix
    ends it."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter written as two in lower case (İ): offsets would shift
        yield from anchor.finditer(text, pos, endpos)
        return
    starts, suffixes = _anchor_words()
    end = pos
    for word in _LETTERS.finditer(_folded(lowered), pos, endpos):
        value = word.group(0)
        if word.start() < end or not (value in starts or value.endswith(suffixes)):
            continue
        tries = {word.start()} if value in starts else set()
        if value.endswith(suffixes):
            tries.update(word.end() - len(suffix) for suffix in suffixes if value.endswith(suffix))
        for at in sorted(tries):
            found = anchor.match(text, at, endpos)
            if found is not None:
                yield found
                end = found.end()
                break


def first_match(address: regex.Pattern, text: str, position: int, last_start: int, endpos: int):
    """The first match of `address` (the compiled `ADDRESS`) in `text[position:endpos]` that starts by
    `last_start`: the pattern tried only where a word starts (an address opens with a letter or digit not
    preceded by one), which is what searching every position finds, without the cost of trying the
    others."""
    for start in _ADDRESS_START.finditer(text, position, last_start + 1):
        if start.group("lower") and not _may_open_in_lower_case(text, start.start(), endpos):
            continue
        if start.group("digit") and not _NUMBER_BEFORE_WORD.match(text, start.start(), endpos):
            continue
        match = address.match(text, start.start(), endpos)
        if match is not None:
            return match
    return None


def windows(anchors, pos: int, endpos: int) -> list[tuple[int, int]]:
    """Merged ranges in which an address around one of the `anchors` may start."""
    merged: list[tuple[int, int]] = []
    for anchor in anchors:
        start, end = max(pos, anchor.start() - BEFORE_ANCHOR), min(endpos, anchor.end())
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _may_open_in_lower_case(text: str, at: int, endpos: int) -> bool:
    """An address may open with the lower-case letter at `at`: a street type or post office box word of
    any case (`rue`, `postbus`), `l'`/`d'` before a capital, `s/n` or a number's sign (`nº 12`)."""
    first, following = text[at], text[at + 1 : min(at + 2, endpos)]
    if first == "n" or (first in "ld" and following in ("'", "’")) or (first == "s" and following == "/"):
        return True
    word = _LETTERS.match(text, at, endpos)
    if word is None:  # at the end of the range searched
        return False
    lowered = word.group(0).lower()
    return len(lowered) != len(word.group(0)) or _folded(lowered) in _lower_case_openers()


@lru_cache(maxsize=1)
def _lower_case_openers() -> frozenset[str]:
    """The first words of the street types and post office boxes that `ADDRESS` reads in any case."""
    return (
        frozenset({_LETTERS.match(word).group(0) for word in PREFIX_TYPES_ANY_CASE.split("|")})
        | PO_BOX_OPENERS
    )


_LETTERS = regex.compile(r"\p{L}+")
# The letters that the case-insensitive parts of `ANCHOR` read as another letter than their lower case
_CASE_FOLDS = str.maketrans({"ſ": "s", "\U0001df95": "ß"})


def _folded(lowered: str) -> str:
    return lowered if lowered.isascii() else lowered.translate(_CASE_FOLDS)


@lru_cache(maxsize=1)
def _anchor_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The words (lower case) that an anchor's first word may be, and the compound suffixes: the street
    type words up to their first sign (`av` of `av.`, `rond` of `rond-point`), the first words of the post
    office boxes (`p` of `P.O. Box`, `pobox`, `postoffice`) and the military keywords."""
    words, suffixes = type_words()
    starts = {_LETTERS.match(word).group(0) for word in words}
    return frozenset(starts | PO_BOX_OPENERS | {"b", "bp", "c", "cp", "apo", "fpo", "dpo"}), suffixes
