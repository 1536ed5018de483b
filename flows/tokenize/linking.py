"""Subject links through shared strong identifiers, for datasets without a subject key.

A web event holds a customer's email in its `user.email` field and, in its search text, a phone number.
The CRM already linked that email to the customer's subject; so the phone, seen in the same record, belongs
to the same subject, and erasing the customer must shred it too. The anchor is the record's one strong
identifier in a typed column (the field that says whose record it is); the link goes to the subject the
anchor already has — never to a new subject — and only when that is exactly one subject. An identifier
shared by several people (a family landline) links nothing; a record with two typed strong identifiers (a
call record's caller and callee, two people) links nothing; free text alone (a chat line) anchors nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from values.token_format import ERASED_MARKER

STRONG_IDENTIFIERS = frozenset({"EMAIL_ADDRESS", "PHONE_NUMBER"})


def anchored_records(records: Iterable[list[tuple[str, str, bool]]]) -> dict[str, set[str]]:
    """Anchor token -> the other tokens of the records it anchors (for `Vault.link_to_sole_owner`).

    Each record is a list of (entity type, token, found in a typed column) triples."""
    anchored: dict[str, set[str]] = {}
    for record in records:
        tokens = {token for _, token, _ in record if token != ERASED_MARKER}
        strong = {
            token
            for entity, token, typed in record
            if typed and entity in STRONG_IDENTIFIERS and token != ERASED_MARKER
        }
        if len(strong) == 1 and len(tokens) > 1:
            (anchor,) = strong
            anchored.setdefault(anchor, set()).update(tokens - strong)
    return anchored
