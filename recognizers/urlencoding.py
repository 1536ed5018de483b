"""Encoded text read as the values it encodes, with every character traced back to the original.

RFC 2047 encoded words in mail headers (`From: =?UTF-8?Q?L=C3=A9on_De_Smet?= <...>`) are decoded too, and
so are quote marks escaped with a backslash, as a string written inside another string carries them (a
JSON message inside a JSON log line, a dialogue exported as a C string: `Kalman: \\"Who are you?\\"`):
read with their backslashes, the dialogue's turns and possessives (`Mary\\'s`) are no prose.

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
_ENCODED_WORD = re.compile(r"=\?([A-Za-z0-9_\-]{1,40})\?([QqBb])\?([^?\s]{1,400})\?=")
_HEX2 = re.compile(r"[0-9A-Fa-f]{2}")
# a quote mark escaped with a backslash not itself escaped (`\"`, `\'`; not `\\"`, which closes a string)
_ESCAPED_QUOTE = re.compile(r"(?<!\\)\\([\"'])")
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


def _encoded_words(text: str) -> list[tuple[int, int, list[tuple[str, int]]]]:
    """RFC 2047 encoded words (`=?UTF-8?Q?C=C3=A9lina_Navarro?=`, `=?utf-8?B?...?=`) as `(start, end,
    [(character, original index)])`; the first character maps to the word's start, so a finding covers
    the whole encoded word."""
    import base64
    import binascii

    words = []
    for word in _ENCODED_WORD.finditer(text):
        charset, encoding, payload = word.group(1), word.group(2).upper(), word.group(3)
        payload_start = word.start(3)
        chars: list[tuple[str, int]] = []
        try:
            if encoding == "Q":
                raw, positions, index = bytearray(), [], 0
                while index < len(payload):
                    char = payload[index]
                    if char == "=" and _HEX2.fullmatch(payload[index + 1 : index + 3]):
                        raw.append(int(payload[index + 1 : index + 3], 16))
                        positions.append(payload_start + index)
                        index += 3
                        continue
                    raw.extend((" " if char == "_" else char).encode("latin-1"))
                    positions.append(payload_start + index)
                    index += 1
                decoded = raw.decode(charset)
                byte_index = 0
                for char in decoded:
                    chars.append((char, positions[min(byte_index, len(positions) - 1)]))
                    byte_index += len(char.encode(charset))
            else:
                decoded = base64.b64decode(payload, validate=True).decode(charset)
                chars = [(char, payload_start) for char in decoded]
        except (LookupError, UnicodeError, ValueError, binascii.Error):
            continue
        if not chars or not all(char.isprintable() for char, _ in chars):
            continue
        chars[0] = (chars[0][0], word.start())
        words.append((word.start(), word.end(), chars))
    return words


def _percent_runs(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, list[tuple[str, int]]]]:
    runs = []
    for run in _PERCENT_RUN.finditer(text):
        if any(start <= run.start() < end for start, end in taken):
            continue
        raw = bytes.fromhex(run.group(0).replace("%", ""))
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if not decoded.isprintable():
            continue
        chars, byte_index = [], 0
        for char in decoded:  # each decoded character starts where its bytes' escapes start
            chars.append((char, run.start() + 3 * byte_index))
            byte_index += len(char.encode("utf-8"))
        runs.append((run.start(), run.end(), chars))
    return runs


def _escaped_quotes(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, list[tuple[str, int]]]]:
    """Each quote mark escaped with a backslash as `(start, end, [(quote, start)])`."""
    return [
        (match.start(), match.end(), [(match.group(1), match.start())])
        for match in _ESCAPED_QUOTE.finditer(text)
        if not any(start <= match.start() < end for start, end in taken)
    ]


def decoded_view(text: str) -> tuple[str, list[int]] | None:
    """`(decoded, origin)` where `origin[i]` is the index in `text` of decoded character `i` (with
    `origin[len(decoded)] == len(text)`), or None when `text` holds nothing encoded."""
    if "%" not in text and "+" not in text and "=?" not in text and "\\" not in text:
        return None
    words = _encoded_words(text) if "=?" in text else []
    runs = _percent_runs(text, [(start, end) for start, end, _ in words]) if "%" in text else []
    if "\\" in text:
        runs += _escaped_quotes(text, [(start, end) for start, end, _ in words + runs])
    replacements = sorted(words + runs)
    pluses = _plus_positions(text) if "+" in text and "=" in text else set()
    if not pluses and not replacements:
        return None
    pieces: list[str] = []
    origin: list[int] = []
    position = 0
    for start, end, chars in [*replacements, (len(text), len(text), [])]:
        for index in range(position, start):
            pieces.append(" " if index in pluses else text[index])
            origin.append(index)
        for char, index in chars:
            pieces.append(char)
            origin.append(index)
        position = end
    decoded_text = "".join(pieces)
    if decoded_text == text:
        return None
    origin.append(len(text))
    return decoded_text, origin


def to_original(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """The span in the original text of the decoded span `[start, end)`."""
    return origin[start], origin[end]
