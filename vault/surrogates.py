"""Format-preserving surrogates, for datasets whose downstream systems validate formats (catalog option
`format_preserving: true`). They are still deterministic (same value, same surrogate) and never real data:

- email: `<token body>@pv.invalid`. `.invalid` is reserved by RFC 2606 and can never be delivered; the
  local part is the token body, so the surrogate maps back to its token without a lookup.
- card: 16 digits: `0` (no payment card network issues major industry identifier 0), eleven digits from
  the token body, and the real last four; if that happens to pass Luhn, the twelfth digit is bumped so it
  never does. The vault records surrogate -> token (table `surrogates`), checking for collisions.
- other types keep the bracketed token: there is no format-preserving form for names, addresses or phones
  that could not be taken for a real one.
"""

from __future__ import annotations

import base64
import re

from sqlalchemy import Connection, select

from values.token_format import ENTITY_TYPES, TOKEN_PATTERN
from vault.schema import surrogates
from vault.sql import select_in

SURROGATE_EMAIL_DOMAIN = "pv.invalid"
_CARD_SURROGATE = re.compile(r"0\d{15}")


def luhn_valid(digits: str) -> bool:
    """True when the digit string passes the Luhn checksum."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def email_surrogate(token: str) -> str:
    """`<body>@pv.invalid` for an email token."""
    return f"{TOKEN_PATTERN.fullmatch(token).group(2)}@{SURROGATE_EMAIL_DOMAIN}"


def card_surrogate(token: str, card_digits: str) -> str:
    """A 16-digit, Luhn-failing card number: 0, eleven digits from the token, the real last four."""
    body = TOKEN_PATTERN.fullmatch(token).group(2)
    number = int.from_bytes(base64.b32decode(body.upper() + "===="), "big")
    digits = "0" + f"{number % 10**11:011d}" + card_digits[-4:].rjust(4, "0")
    if luhn_valid(digits):
        digits = digits[:11] + str((int(digits[11]) + 1) % 10) + digits[12:]
    return digits


def is_email_surrogate(value: str) -> bool:
    """True for an email-shaped surrogate minted by piivault."""
    return value.endswith("@" + SURROGATE_EMAIL_DOMAIN)


def token_of_email_surrogate(value: str) -> str:
    """The token behind an email surrogate."""
    return f"[pv:email:{value.rsplit('@', 1)[0]}]"


def resolve_placeholders(conn: Connection, items: list[str]) -> dict[str, str]:
    """Map each token or surrogate among `items` to its token; anything else is left out."""
    resolved: dict[str, str] = {}
    card_surrogates = []
    for item in items:
        match = TOKEN_PATTERN.fullmatch(item)
        if match and match.group(1) in ENTITY_TYPES:
            resolved[item] = item
        elif is_email_surrogate(item) and TOKEN_PATTERN.fullmatch(token_of_email_surrogate(item)):
            resolved[item] = token_of_email_surrogate(item)
        elif _CARD_SURROGATE.fullmatch(item):
            card_surrogates.append(item)
    rows = select_in(
        conn,
        lambda chunk: select(surrogates.c.surrogate, surrogates.c.token).where(
            surrogates.c.surrogate.in_(chunk)
        ),
        card_surrogates,
    )
    resolved.update(dict(rows))
    return resolved
