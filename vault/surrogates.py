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

from vault.token_format import TOKEN_PATTERN

SURROGATE_EMAIL_DOMAIN = "pv.invalid"


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
