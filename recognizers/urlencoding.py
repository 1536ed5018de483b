"""URL-encoded text read as the values it encodes, with every character traced back to the original.

Form posts (`name=Ann+Lee&email=ann%40example.com`), query strings in access logs (`?msisdn=%2B3247…`)
and `mailto:` links percent-encode the very values detection looks for. `decoded_view` decodes them for
matching: `%XX` sequences that form valid UTF-8 everywhere, and `+` as a space inside query strings and
form bodies (runs of `key=value` pairs joined by `&`), except a `+` that opens a value before a digit
(`msisdn=+3247…`: logs often write phone numbers unencoded). Findings on the decoded text map back to
the encoded span through `to_original`, so a token replaces `ann%40example.com` whole.
"""

from __future__ import annotations

import re

_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
# A query string (after `?`) or a form body: `key=value` pairs joined by `&`, up to white space or a quote.
_FORM = re.compile(r"\?[^\s\"'<>#]+|(?<![^\s\"'])[\w.\-\[\]]+=[^\s\"'<>&]*(?:&[\w.\-\[\]]+=[^\s\"'<>&]*)+")


def _plus_positions(text: str) -> set[int]:
    """Positions of the `+` signs that encode a space."""
    positions = set()
    for region in _FORM.finditer(text):
        for index in range(region.start(), region.end()):
            if text[index] != "+":
                continue
            opens_value = index == 0 or text[index - 1] in "=&?"
            if opens_value and text[index + 1 : index + 2].isdigit():
                continue
            positions.add(index)
    return positions


def decoded_view(text: str) -> tuple[str, list[int]] | None:
    """`(decoded, origin)` where `origin[i]` is the index in `text` of decoded character `i` (with
    `origin[len(decoded)] == len(text)`), or None when `text` holds nothing URL-encoded."""
    if "%" not in text and "+" not in text:
        return None
    pluses = _plus_positions(text) if "+" in text and "=" in text else set()
    runs = list(_PERCENT_RUN.finditer(text)) if "%" in text else []
    if not pluses and not runs:
        return None
    pieces: list[str] = []
    origin: list[int] = []
    position = 0
    for run in [*runs, None]:
        stop = run.start() if run else len(text)
        for index in range(position, stop):
            pieces.append(" " if index in pluses else text[index])
            origin.append(index)
        if run is None:
            break
        position = run.end()
        raw = bytes.fromhex(run.group(0).replace("%", ""))
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            decoded = None
        if decoded is None or not decoded.isprintable():
            pieces.append(run.group(0))
            origin.extend(range(run.start(), run.end()))
            continue
        # each decoded character starts where its bytes' escapes start
        byte_index = 0
        for char in decoded:
            pieces.append(char)
            origin.append(run.start() + 3 * byte_index)
            byte_index += len(char.encode("utf-8"))
    decoded_text = "".join(pieces)
    if decoded_text == text:
        return None
    origin.append(len(text))
    return decoded_text, origin


def to_original(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """The span in the original text of the decoded span `[start, end)`."""
    return origin[start], origin[end]
