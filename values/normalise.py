"""Normalisation before keying: one canonical form per value, so spellings of the same value share a token.

- emails: trimmed and case-folded as a whole (`John.Smith@Example.COM` = `john.smith@example.com`); the
  local part is folded too because in practice mailbox providers treat it case-insensitively and people
  type it both ways; obfuscated and airline forms are read back (`ann [at] example [dot] com`);
- phones: E.164 via `values.phones.to_e164` (`02 555 12 34` = `+32 2 555 12 34`); a number that does
  not validate falls back to `+` and its digits, so it still gets one stable token;
- cards: digits only (`4111 1111-1111 1111` = `4111111111111111`);
- names and addresses: Unicode NFKC, case-folded, whitespace runs folded to one space, no space before
  `,.;:` and one after, so `JOHN  SMITH` = `John Smith` and
  `1 Main St ,Springfield` = `1 main st, springfield`.
"""

from __future__ import annotations

import re
import unicodedata

from values.emails import plain_address
from values.phones import DEFAULT_REGIONS, to_e164

_WHITESPACE = re.compile(r"\s+")
_PUNCTUATION_SPACING = re.compile(r"\s*([,.;:])\s*")
_NOT_DIGIT = re.compile(r"\D")
_NOT_PHONE_CHAR = re.compile(r"[^\d+]")


def normalise_email(value: str) -> str:
    """Trimmed, NFKC and case-folded; an address written to escape harvesters (`ann [at] example [dot]
    com`) or in an airline booking's IATA form (`ANN..LEE//EXAMPLE.COM`) read back to its plain form."""
    return plain_address(unicodedata.normalize("NFKC", value).strip()).casefold()


def normalise_phone(value: str, regions: tuple[str, ...] = DEFAULT_REGIONS) -> str:
    """E.164 when the number validates; otherwise `+`/digits only, so the token is still stable."""
    e164 = to_e164(value, regions)
    if e164 is not None:
        return e164
    return _NOT_PHONE_CHAR.sub("", unicodedata.normalize("NFKC", value))


def normalise_card(value: str) -> str:
    """Digits only."""
    return _NOT_DIGIT.sub("", unicodedata.normalize("NFKC", value))


def normalise_text(value: str) -> str:
    """Names and addresses: NFKC, case-folded, whitespace folded, punctuation spacing made uniform."""
    text = unicodedata.normalize("NFKC", value).casefold()
    text = _PUNCTUATION_SPACING.sub(r"\1 ", text)
    return _WHITESPACE.sub(" ", text).strip()


_NORMALISERS = {
    "EMAIL_ADDRESS": normalise_email,
    "PHONE_NUMBER": normalise_phone,
    "CREDIT_CARD": normalise_card,
    "PERSON": normalise_text,
    "ADDRESS": normalise_text,
}


def normalise(entity_type: str, value: str) -> str:
    """The canonical form of `value` for `entity_type` (one of `values.token_format.TYPE_CODES`)."""
    try:
        return _NORMALISERS[entity_type](value)
    except KeyError:
        raise ValueError(f"unknown entity type {entity_type!r}") from None
