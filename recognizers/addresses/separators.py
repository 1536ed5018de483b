"""Separators and line breaks that data formats write as data, read as what they stand for before the
ADDRESS pattern runs: escaped commas and semicolons, `\\n` and `$` line breaks, the joins of a spreadsheet
formula. Each reading keeps the text's length, so that offsets hold.
"""

from __future__ import annotations

import regex

# iCalendar and vCard escape the commas and semicolons inside a value (`Chloëlaan 85\, 9071 TB Vlist`):
# read as the separator and a space.
_ESCAPED_SEPARATOR = regex.compile(r"\\([,;])")
# Line breaks written as data: `\n` escaped in a JSON string, `$` between the lines of an LDAP postal
# address (RFC 4517): read as a space and a line break.
_WRITTEN_LINE_BREAK = regex.compile(r"\\n(?=[\p{L}\d])|(?<=[\p{L}\d.])\$(?=[\p{L}\d])")


def _read_line_breaks(text: str) -> str:
    if "\\n" not in text and "$" not in text:
        return text
    return _WRITTEN_LINE_BREAK.sub(lambda match: " \n" if len(match.group(0)) == 2 else "\n", text)


# A spreadsheet formula that joins string literals (`=CONCATENATE("12 Elm Path";", ";"LS1 4AP")`): the
# separators between its arguments, read as the padding between fields, so that the parts read as one
# value whose fields the finding does not cross.
_FORMULA_JOIN = regex.compile(r"(?i)=[ \t]*(?:CONCATENATE|CONCAT|TEXTJOIN)[ \t]*\([^\n()]*\)")
_ARGUMENT_SEPARATOR = regex.compile(r'"[ \t]*[;,&][ \t]*"')


def _read_formula_strings(text: str) -> str:
    if "CONCAT" not in text.upper():
        return text
    return _FORMULA_JOIN.sub(
        lambda formula: _ARGUMENT_SEPARATOR.sub(lambda sep: " " * len(sep.group(0)), formula.group(0)), text
    )


def read_separators(text: str) -> str:
    """`text` (same length) with its escaped separators, written line breaks and formula joins read."""
    return _read_formula_strings(_read_line_breaks(_ESCAPED_SEPARATOR.sub(r"\1 ", text)))
