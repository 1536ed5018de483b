"""The token format, shared by the vault (which mints tokens) and detection (which must leave them alone).

A token looks like `[pv:email:mfrggzdfmztwq2lknnwg]`: a bracketed, typed, lowercase base32 string of
20 characters (100 bits of a keyed HMAC). It cannot be mistaken for real data: it holds no `@` (not
deliverable), no run of digits (not a card, fails Luhn, not a phone), and is recognised on sight, so
re-tokenizing tokenized data is a no-op. An erased value is replaced by `ERASED_MARKER`.
"""

from __future__ import annotations

import re

# Entity type -> the short code written inside the token.
TYPE_CODES: dict[str, str] = {
    "PERSON": "name",
    "ADDRESS": "addr",
    "PHONE_NUMBER": "phone",
    "EMAIL_ADDRESS": "email",
    "CREDIT_CARD": "card",
}
ENTITY_TYPES: dict[str, str] = {code: entity for entity, code in TYPE_CODES.items()}

TOKEN_BODY_LENGTH = 20  # base32 characters: 100 bits
TOKEN_PATTERN = re.compile(rf"\[pv:([a-z_]+):([a-z2-7]{{{TOKEN_BODY_LENGTH}}})\]")
ERASED_MARKER = "[pv:erased]"
# Anything piivault wrote in place of a value: a token or the erased marker.
PLACEHOLDER_PATTERN = re.compile(TOKEN_PATTERN.pattern + "|" + re.escape(ERASED_MARKER))


def is_token(text: str) -> bool:
    """True when the whole of `text` is one token or the erased marker."""
    return PLACEHOLDER_PATTERN.fullmatch(text) is not None


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of every token and erased marker in `text`, so detection can skip them."""
    return [m.span() for m in PLACEHOLDER_PATTERN.finditer(text)]
