"""Masked evidence for scan reports: enough shape to recognise what was found, too little to identify anyone.

`jane.doe@example.com` -> `j***@e***.com`, `+32 475 12 34 56` -> `+32 *** ** ** 56`,
`4111 1111 1111 1111` -> `**** **** **** 1111`, `Jane Doe` -> `J*** D***`. A masked value never keeps
more than one leading character of a word and two trailing digits (four for cards, as on receipts).
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


def mask_email(value: str) -> str:
    local, _, domain = value.strip().partition("@")
    labels = domain.split(".")
    suffix = "." + labels[-1] if len(labels) > 1 else ""
    return f"{local[:1]}***@{labels[0][:1]}***{suffix}"


def mask_digits(value: str, keep_last: int) -> str:
    """Every digit but the last `keep_last` becomes `*`; separators and a leading `+country` stay."""
    digits = sum(ch.isdigit() for ch in value)
    country = re.match(r"\s*\+\d{1,3}(?=\D)", value)  # a country code shows only when set apart
    keep_from = digits - keep_last
    out, seen = [], 0
    for index, ch in enumerate(value):
        if ch.isdigit():
            in_country = country is not None and index < country.end()
            out.append(ch if in_country or seen >= keep_from else "*")
            seen += 1
        else:
            out.append(ch)
    return "".join(out)


def mask_words(value: str) -> str:
    """Each word keeps its first letter; numbers become `*`; layout (commas, line breaks) stays."""

    def one(match: re.Match) -> str:
        word = match.group(0)
        return "*" * min(len(word), 3) if word.isdigit() else word[0] + "***"

    return _WORD.sub(one, value.replace("\n", " / "))


def mask_value(entity_type: str, value: str) -> str:
    """The masked form of a detected value of `entity_type`."""
    if entity_type == "EMAIL_ADDRESS":
        return mask_email(value)
    if entity_type == "CREDIT_CARD":
        return mask_digits(value, keep_last=4)
    if entity_type == "PHONE_NUMBER":
        return mask_digits(value, keep_last=2)
    return mask_words(value)
