"""Addresses written in capitals or in lower case, read capitalised: postal conventions are read from
capitals (`Junctions`, `Apt`, `Paseo de Gracia`). Each recasing keeps the text's length, so that offsets
hold.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from recognizers.addresses.patterns import ANCHOR
from recognizers.addresses.words import stop_words, type_words

# A line in capitals with a digit in it: an address as labels and forms print it (`99 TRAN JUNCTIONS APT 19`)
_UPPER_LINE = regex.compile(
    r"(?m)^(?P<label>[ \t]*\p{Lu}[\p{L} /]{0,30}:[ \t]+)?"
    r"(?P<body>(?=[^\n]*\d)(?=[^\n]*\p{Lu}{3})[^\p{Ll}\n]+)$"
)
# a word of three letters or more; not the four of an Eircode's second half (`R38 RVNC`)
_UPPER_WORD = regex.compile(r"(?<![\p{L}\d])(?<!\b\p{Lu}\d\w[ \t])\p{Lu}{3,}(?![\p{L}\d])")


def recase_upper_lines(text: str) -> str:
    """`text` with the words of its all-capital lines capitalised (same length; a label such as `Site: ` may
    open the line): postal conventions are read from capitals (`Junctions`, `Apt`). Words of one or two
    letters (`LR` of a Dutch postcode, `KY` of a US state), words with digits (`UB74 3AJ`) and the second
    half of an Eircode (`R38 RVNC`) stay as they are; so does a line without a digit (`NETHERLANDS`),
    which the country list reads in any case."""
    if not _UPPER_LINE.search(text):
        return text
    return _UPPER_LINE.sub(
        lambda line: (line.group("label") or "") + _UPPER_WORD.sub(_capitalise, line.group("body")), text
    )


# A run in capitals with a digit in it, in a line that is not all capitals: an XML element's value, a
# delimited field, or words in prose (`<AddressLine>185 SCOTT STREAM APT 27</AddressLine>`, `;223 SMITH
# COMMON;`, `relating to Ann Lee, of 236 KAY RAMP, SMITHVILLE, NP8 0PB, including`)
_UPPER_RUN = regex.compile(r"[\p{Lu}\d][^\p{Ll}\n]{3,}")
_THREE_CAPITALS = regex.compile(r"\p{Lu}{3}")


def recase_upper_values(text: str) -> str:
    """`text` with the words of its runs in capitals capitalised (same length; see `recase_upper_lines`),
    the country code `USA` left as it is."""
    if not _THREE_CAPITALS.search(text):
        return text
    pieces, position = [], 0
    for run in _UPPER_RUN.finditer(text):
        value = run.group(0)
        if _STREET_NUMBER.search(value) and _THREE_CAPITALS.search(value) and _has_type_word(value):
            pieces += [text[position : run.start()], _UPPER_WORD.sub(_capitalise, value)]
            position = run.end()
    return "".join(pieces) + text[position:] if pieces else text


def _capitalise(word: regex.Match) -> str:
    value = word.group(0)
    if value == "USA":
        return value  # a country's code, as the country list reads it
    recased = value[0] + value[1:].lower()
    return recased if len(recased) == len(value) else value


_LOWER_PROSE_LINE = regex.compile(
    r"(?m)^(?P<label>[ \t]*\p{Lu}\p{Ll}+:[ \t]+)?(?P<body>(?=[^\n]*\d)[^\p{Lu}\n=/_{}\[\]<>@|\\]{8,})$"
)
_WORD_START = regex.compile(r"(?<![\p{L}\d'’])\p{Ll}")


_WORD_AT = regex.compile(r"\p{L}[\p{L}'’]*")


@lru_cache(maxsize=1)
def _not_capitalised() -> frozenset[str]:
    """Words left in lower case when lower-case prose is capitalised: the stop words of the default
    regions' languages (`personne au römerring 189`, `niemand thuis ...`) and the words that announce an
    address (`my new address is ...`), so that the street does not swallow them; never a street type
    (`via`, `weg`)."""
    anchor = regex.compile(ANCHOR)
    words = set().union(*(stop_words(language) for language in ("en", "de", "es", "fr", "it", "nl")))
    words |= frozenset("address addr adr adres adresse moved moving live ok".split())
    # and the words that say where someone lives, as forms and mandates write them before the street
    words |= frozenset(
        "residing resident wohnhaft wohnt demeurant domicilié domiciliée woonachtig wonende thuis "
        "residente domiciliato domiciliata".split()
    )
    return frozenset(word for word in words if not anchor.fullmatch(word.capitalize()))


def recase_lower_prose(text: str) -> str:
    """`text` with each word of its all-lower-case prose lines capitalised (same length): chat users write
    addresses in lower case (`paseo de gracia 12 08007 barcelona`), and postal conventions are read from
    capitals. A line counts when it holds a digit and no capital, `=`, slash, underscore or bracket (log
    lines and paths are not prose); a transcript's speaker label (`Customer: `) may open it."""
    if not _LOWER_PROSE_LINE.search(text):
        return text

    skip = _not_capitalised()

    def capitalise(match: regex.Match) -> str:
        upper = match.group(0).upper()
        word = _WORD_AT.match(match.string, match.start()).group(0)
        return upper if len(upper) == 1 and word not in skip else match.group(0)

    return _LOWER_PROSE_LINE.sub(
        lambda line: (line.group("label") or "") + _WORD_START.sub(capitalise, line.group("body")), text
    )


# A run of lower-case prose with a digit in it, between capitals, line breaks and the characters of
# keys, paths and markup (`=`, slash, underscore, brackets, `@`, `|`, quotes): where chat users and
# hurried notes write an address in lower case.
_LOWER_SEGMENT = regex.compile(r"[^\p{Lu}\n=/_{}\[\]<>@|\\\"]{8,}")
_STREET_NUMBER = regex.compile(r"\d")
_TOKEN = regex.compile(r"[\p{L}\d][\p{L}\d'’]*")
_NUMBER_AFTER = regex.compile(r",?[ \t]\d")
_GB_INWARD = regex.compile(r"\d(?!st|nd|rd|th)[a-z]{2}")


def recase_lower_runs(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` with the words of its lower-case prose runs capitalised (same length), and the spans of the
    runs recased: chat users and notes write addresses in lower case (`paseo de gracia 12 08007 barcelona`),
    and postal conventions are read from capitals. A run is recased when it holds a digit and a street type
    word. Postcode parts are put in capitals: words with digits (`f07`, `ub74`), the letters of a Dutch
    postcode (`1015 cj`), a US state before its ZIP (`nm 58573`), and an Eircode's second half."""
    if not _has_type_word(text):
        return text, []
    out, runs = list(text), []
    for run in _LOWER_SEGMENT.finditer(text):
        value = run.group(0)
        if _STREET_NUMBER.search(value) and _has_type_word(value):
            mid_word = run.start() > 0 and text[run.start() - 1].isalpha()
            out[run.start() : run.end()] = _recase_run(value, mid_word)
            runs.append(run.span())
    return "".join(out), runs


_LOWER_WORD = regex.compile(r"\p{Ll}+")


def _has_type_word(run: str) -> bool:
    """A street type word in any case: a lower-case run without one holds no address to recase."""
    words, suffixes = type_words()
    found = set(_LOWER_WORD.findall(run.lower()))
    return not words.isdisjoint(found) or any(word.endswith(suffixes) for word in found)


def _recase_run(run: str, mid_word: bool) -> str:
    """`run` recased (see `recase_lower_runs`); its first word is left alone when it is the tail of a
    capitalised word (`irección` of `Dirección`)."""
    skip = _not_capitalised()
    tokens = list(_TOKEN.finditer(run))
    out = list(run)
    for index, token in enumerate(tokens):
        if index == 0 and mid_word and token.start() == 0:
            continue
        word = token.group(0)
        before = tokens[index - 1].group(0) if index else ""
        after = tokens[index + 1].group(0) if index + 1 < len(tokens) else ""
        if word[0].isalpha() and any(c.isdigit() for c in word) or _GB_INWARD.fullmatch(word):
            new = word.upper()  # f07, ub74, d02; 3aj
        elif len(word) == 2 and (
            (before.isdigit() and len(before) == 4) or (after.isdigit() and len(after) == 5)
        ):
            new = word.upper()  # 1015 cj, nm 58573
        elif len(word) == 4 and before[:1].isalpha() and any(c.isdigit() for c in before):
            new = word.upper()  # f07 hfak
        elif len(word) == 2 and run[token.start() - 1 : token.end() + 1] == f"({word})":
            new = word.upper()  # an Italian province: (mi)
        elif word.rstrip("'’") in ("i", "ii", "iii", "iv") and run[token.start() - 1 : token.start()] == "-":
            new = word.upper()  # a Dutch floor: 115-ii
        elif word in ("s", "t") and run[token.start() - 1 : token.start()] in ("'", "’"):
            continue  # the Dutch articles of 's-Hertogenbosch, 't Zand
        elif word in skip and not _NUMBER_AFTER.match(run, token.end()):
            continue  # a stop word, unless it ends a street's name before its number (`… font, 235`)
        else:
            new = word[0].upper() + word[1:]
        if len(new) == len(word):
            out[token.start() : token.end()] = new
    return "".join(out)
