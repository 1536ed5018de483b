"""Markup that sits between words and their meaning, blanked before matching (same length, so offsets hold).

- HTML tags (`<b>`, `</p>`, `<span class="x">`; HTML's own elements, not XML's): `Dear <b>Ann Lee</b>,`
  is read as `Dear    Ann Lee    ,`; a tag that breaks a line (`<br>`, `</p>`, `<div>`) is read as a line
  break and spaces.
  A tag whose attributes hold an address or a number (`<a href="mailto:ann@x.com">`,
  `<a href="tel:+32475123456">`) is kept: its value is data.
- Quoted-reply markers of email threads (`> `, `>> ` at a line's start): the quoted lines are read as
  lines of their own, so greetings and sign-offs inside a quoted reply open their line again.
"""

from __future__ import annotations

import re

# HTML's own elements only: XML records name their fields with tags (`<name>Ann Lee</name>`), and
# those tags are evidence the recognizers read.
_HTML_ELEMENTS = (
    "a|abbr|b|big|blockquote|body|br|center|code|dd|div|dl|dt|em|font|h[1-6]|head|hr|html|i|img|li|ol|p|"
    "pre|q|s|small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul"
)
_TAG = re.compile(rf"(?i)</?(?:{_HTML_ELEMENTS})(?:\s[^<>@]{{0,200}}?)?\s*/?>")
_QUOTE_MARKERS = re.compile(r"(?m)^[ \t]*(?:>[ \t]?)+")
_DATA_URI = re.compile(r"(?i)%40|\b(?:tel|callto|sms|facetime|whatsapp):")


# Elements that break a line where a browser renders them: blanked to a line break and spaces, so that
# `Regards,<br>Ann` is a sign-off line and a name alone on the next, as in plain text.
_LINE_BREAKING = re.compile(r"(?i)</?(?:br|p|div|li|h[1-6]|hr|blockquote|tr)\b")


def _blank(match: re.Match) -> str:
    tag = match.group(0)
    if _LINE_BREAKING.match(tag):
        return "\n" + " " * (len(tag) - 1)
    return " " * len(tag)


def blank_markup(text: str) -> str:
    """`text` with HTML tags (without an address in them) and quoted-reply markers replaced by spaces."""
    if "<" in text and ">" in text:
        text = _TAG.sub(lambda m: m.group(0) if _DATA_URI.search(m.group(0)) else _blank(m), text)
    if ">" in text:
        text = _QUOTE_MARKERS.sub(_blank, text)
    return text
