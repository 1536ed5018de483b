"""A key or a line label that names its value a street or an address line (`street=`, `line1:`,
`"adresse":`, `05 CUST-STREET PIC X(40) : `): the evidence a street whose type word is an everyday word
lacks without a locality.
"""

from __future__ import annotations

import regex

from recognizers.column_names import column_words
from recognizers.context import key_before

# Keys whose value is a street line: `street`, `line1`, `address_line_1`, `addressLine1`, `adresse`, `strasse`
_STREET_KEYS = frozenset(
    "street streetaddress line line1 addressline address addr adres adresse anschrift strasse straße "
    "direccion dirección calle indirizzo via".split()
)
_FIELD_END = regex.compile(r"[ \t]*(?:$|[\"',;|}\]\n)<])")


def is_street_field(match) -> bool:
    """The match is the whole value of a key that names a street or an address line."""
    text = match.string
    if not _FIELD_END.match(text, match.end()):
        return False
    key = key_before(text, match.start())
    # a street type word before a parenthesis (`Hereward Street (Leeds)`) is no key (`street=`, `addr `)
    written = text[max(0, match.start() - 48) : match.start()]
    between = written[written.rfind(key) + len(key) :] if key else ""
    if key and not ("(" in between and not _KEY_MARK.search(between)):
        key = regex.sub(r"[\W_\d]+", "", key).lower()
        if key in _STREET_KEYS or key.endswith(("street", "line", "lines", "address")):
            return True
    # the label that opens the value's line, as record dumps print it: `05 CUST-STREET PIC X(40) : `
    label = _LINE_LABEL.fullmatch(text[text.rfind("\n", 0, match.start()) + 1 : match.start()])
    return bool(label) and bool(_LABEL_STREET_WORDS.intersection(column_words(label.group("label"))))


_KEY_MARK = regex.compile(r"[:=>\"'\]|\t]")
# `Label: `, and in an audit record the value the label had before: `MailingStreet: 'new' <- 'old'`
_LINE_LABEL = regex.compile(
    r"[ \t]*(?P<label>[^\n:=]{1,60}?)[ \t]*[:=][ \t]*"
    r"(?:(?:'[^'\n]*'|\"[^\"\n]*\")[ \t]*(?:<-|->|=>|→|←)[ \t]*)?[\"']?"
)
_LABEL_STREET_WORDS = frozenset(
    "street address addr adres adresse anschrift strasse straße direccion dirección calle indirizzo".split()
)
