"""Where an address's span ends: before the sentence after it, trailing separators, quotes and a full stop
that is no abbreviation's; and the slash between the two languages of a Brussels street.
"""

from __future__ import annotations

import regex

from recognizers.addresses.words import ABBREVIATIONS

# Brussels writes each street in both languages: `Rue Haute 5 / Hoogstraat 5, 1000 ...`
BILINGUAL_SLASH = regex.compile(r"[ \t]*/[ \t]*")


# A full stop, a space and a capital: one sentence ends, the next begins (`75011 Paris. Questions?`)
_SENTENCE_END = regex.compile(r"(?<=\p{L})\.(?=[ \t]+\p{Lu})")


def _sentence_end(text: str, start: int, end: int) -> int:
    """Where the address's sentence ends, if it ends inside the span: at the first full stop after a word
    that is not an abbreviation (`St.`, `Ave.`) nor an initial, followed by a space and a capital."""
    for match in _SENTENCE_END.finditer(text, start, end):
        word = regex.split(r"[\s,\-]+", text[start : match.start()])[-1]
        if len(word) > 1 and word.lower() not in ABBREVIATIONS and "." not in word:  # P.O. Box
            return match.start()
    return end


def trim_end(text: str, start: int, end: int) -> int:
    """Where the address in `text[start:end]` ends: at its sentence's end, before trailing separators, the
    closing quote of a quoted value and a full stop that ends no abbreviation."""
    end = _sentence_end(text, start, end)
    while end > start and text[end - 1] in " \t\n,;_*":  # and markdown's emphasis (`_12 Elm St_`)
        end -= 1
    if end - start > 1 and text[end - 1] in "'’" and text[start - 1 : start] == text[end - 1]:
        end -= 1  # the quotes around a value: `'185 boulevard de Lattre'`
    # a full stop ends the sentence, unless it ends an abbreviation (St., Ave.)
    if text[end - 1] == ".":
        last_word = regex.split(r"[\s,\-]+", text[start : end - 1])[-1]
        if last_word.lower() not in ABBREVIATIONS:
            end -= 1
    return end
