"""Markup that sits between words and their meaning, blanked before matching (same length, so offsets hold).

- HTML tags (`<b>`, `</p>`, `<span class="x">`): `Dear <b>Ann Lee</b>,` is read as `Dear    Ann Lee    ,`.
  A tag whose attributes hold an address (`<a href="mailto:ann@x.com">`) is kept: its value is data.
- Quoted-reply markers of email threads (`> `, `>> ` at a line's start): the quoted lines are read as
  lines of their own, so greetings and sign-offs inside a quoted reply open their line again.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,9}(?:\s[^<>@]{0,200}?)?\s*/?>")
_QUOTE_MARKERS = re.compile(r"(?m)^[ \t]*(?:>[ \t]?)+")


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def blank_markup(text: str) -> str:
    """`text` with HTML tags (without an address in them) and quoted-reply markers replaced by spaces."""
    if "<" in text and ">" in text:
        text = _TAG.sub(lambda m: m.group(0) if "%40" in m.group(0) else _blank(m), text)
    if ">" in text:
        text = _QUOTE_MARKERS.sub(_blank, text)
    return text
