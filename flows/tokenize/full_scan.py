"""The full scan of columns the sample called not personal: the pattern recognizers, on what can hold one.

A sample can only make a column more scanned, never less (`flows.pipeline.column_kinds.scanned_columns`),
so every distinct string of such a column is looked at: by the known-subject scanner (cheap: hashed
words) and by detection's pattern recognizers (`SCAN_ENTITIES`: no NER). Such columns are mostly ids,
timestamps, IP addresses and short codes, distinct on every row, so detection only sees a value with the
shape of one of its entities (`may_hold_pattern_entity`):
- an email: an `@`, or `at` / `[at]` / `//` written out;
- a phone or a card: a run of at least seven digits, written with the separators phones and cards use
  (an ISO date, a time or an IPv4 address alone is none);
- an address: a number beside a word of three letters or more (`12 Main St`, `Rue de la Loi 16`).
A value without any of these (`s-0a1b2c3d`, `2026-01-05T10:22:33Z`, `11.22.33.44`) can hold none of them.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable

Detector = Callable[[list[str]], list[list]]
SCAN_ENTITIES: tuple[str, ...] = ("ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD")

_AT = re.compile(r"@|//|(?i:(?<![a-z])at(?![a-z]))")
_DIGIT_RUN = re.compile(r"\+?\d(?:[ \t\-./()]?\d){6,}")
_NOT_A_NUMBER = re.compile(r"\d{4}-\d\d-\d\d|\d{1,3}(?:\.\d{1,3}){3}")  # an ISO date, an IPv4 address
_NUMBER_BESIDE_WORD = re.compile(r"\d[\w/-]*[ \t,]+[^\W\d_]{3}|[^\W\d_]{3,}\.?[ \t,]+\d")


def may_hold_pattern_entity(value: str) -> bool:
    """Whether `value` has the shape of an email, a phone, a card or an address (see the module)."""
    if _AT.search(value) or _NUMBER_BESIDE_WORD.search(value):
        return True
    return any(not _NOT_A_NUMBER.fullmatch(run.group(0)) for run in _DIGIT_RUN.finditer(value))


def pattern_detector(detect: Detector) -> Detector:
    """`detect` limited to the pattern recognizers (when it takes `entities`) and to the values that can
    hold one of their entities; the others get no finding without being looked at."""
    try:
        takes_entities = "entities" in inspect.signature(detect).parameters
    except (TypeError, ValueError):
        takes_entities = False

    def scan(texts: list[str]) -> list[list]:
        wanted = [text for text in texts if may_hold_pattern_entity(text)]
        found = detect(wanted, entities=SCAN_ENTITIES) if takes_entities else detect(wanted)
        by_text = dict(zip(wanted, found, strict=True))
        return [by_text.get(text, []) for text in texts]

    return scan
