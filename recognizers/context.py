"""What surrounds a candidate span: the key it is the value of (`order_id=`, `"imei": `, `Tel:`), and the
words right before and after it. Recognizers use this to tell a phone or card from an order id or amount."""

from __future__ import annotations

import re
import string

# The last key before a value: `order_id=`, `"msisdn": "`, `Tel.:`, `caller `, `Order #`, `<prov:MSISDN>`,
# `[telephone] => `.
_KEY_BEFORE = re.compile(
    r"""([A-Za-z][A-Za-z0-9_.\-]{0,40}?)[.]?\s*["'\])]?\s*(?:[=:#>]|=>|->)?\s*["'(]?\s*$"""
)
_KEY_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
_KEY_CHARS = frozenset(string.ascii_letters + string.digits + "_.-")
_WORD_CHARS = frozenset(string.ascii_letters + string.digits + "_")


# JSON Patch (RFC 6902) and similar audit records: `{"path": "/contact/phone", "value": "..."}` - the
# value belongs to the last segment of the path, not to the key `value`.
_PATCH_PATH_BEFORE = re.compile(r""""path"\s*:\s*"[^"]*/([A-Za-z][\w\-]{0,40})"\s*,\s*"value"\s*:\s*"?\s*$""")


def key_before(text: str, start: int, window: int = 48) -> str:
    """The key or word written just before `text[start:]` (`order_id`, `orderId`), or ''; for the value
    of a JSON Patch operation, the last segment of its path (`/contact/phone` -> `phone`)."""
    low = max(0, start - window)
    # what follows a key to the end holds no letter, digit or `_`: a key opens in the run of key characters
    # before the last of those, so the search starts there (trying every earlier start is what costs)
    run = start
    while run > low and text[run - 1] not in _WORD_CHARS:
        run -= 1
    while run > low and text[run - 1] in _KEY_CHARS:
        run -= 1
    match = _KEY_BEFORE.search(text, run, start)
    key = match.group(1) if match else ""
    if key == "value":
        patch = _PATCH_PATH_BEFORE.search(text, max(0, start - 160), start)
        if patch:
            return patch.group(1)
    return key


def key_parts(key: str) -> set[str]:
    """`order_id`, `orderId`, `order-id` -> {"order", "id"}."""
    return {part.lower() for part in _KEY_PARTS.findall(key)}


def text_before(text: str, start: int, width: int = 12) -> str:
    return text[max(0, start - width) : start]


def text_after(text: str, end: int, width: int = 12) -> str:
    return text[end : end + width]
