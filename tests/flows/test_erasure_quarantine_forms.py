"""Erasure finds the subject's values in quarantined records in every written form they are fingerprinted
in, not only as stored: the street line without the town, the name family-first (`DUPONT, Marie`), lower
case, accents dropped.

Broken chat lines (invalid UTF-8, so tokenize quarantines them) are added to the tokenized erasure zone
and tokenized by a real flow run; then one real erasure of the namesake (whose address is theirs alone,
and whose name they share with the subject) runs. Their own record (their customer id in it) loses their
name and street in those forms; an anonymous line keeps its place with only their street redacted; a line
naming them by the shared name alone stays as it is. The receipt counts the records, and verification
passes.
"""

from __future__ import annotations

import json

import pytest

from flows.erasure.receipt import receipt_path
from flows.pipeline.catalog import load_catalog
from tests.flows.test_erasure_quarantine import _insert_lines, erase, file_erasure, quarantined
from tests.flows.test_erasure_zone import copy_zone
from values.token_format import ERASED_MARKER

CHAT = "support/chat-2026-01-05.log"  # redact


def street_line(person) -> str:
    """The address line holding the street and its number, as the region writes it."""
    return next(line for line in person.address.lines if person.address.street in line)


@pytest.fixture(scope="module")
def zone_with_forms(template, tmp_path_factory):
    """The erasure zone with broken chat lines naming the namesake in written forms, tokenized again."""
    from flows.tokenize.flow import tokenize

    tokenized, people = template
    n = people.namesake
    root = copy_zone(tokenized, tmp_path_factory.mktemp("quarantine-forms") / "zone")
    street = street_line(n).lower()
    lines = {
        1: f"2026-01-05T09:00:00Z chat-7 {n.customer_id}: {n.last_name.upper()}, {n.first_name} here, "
        f"moving from {street}",
        2: f"2026-01-05T09:01:00Z chat-8 agent: parcel for {street} came back",
        3: f"2026-01-05T09:02:00Z chat-9 agent: {n.last_name.upper()}, {n.first_name} rang",
    }
    broken = {k: v.encode() + b" \xff\n" for k, v in lines.items()}  # invalid UTF-8 at the end
    _insert_lines(root / "raw" / CHAT, broken)
    tokenize(catalog_path=str(root / "catalog.yaml"))
    assert [p for p, _raw in quarantined(root, "support_chats", CHAT)] == [1, 2, 3]
    return root, people


def test_erasure_removes_written_forms_of_the_subjects_values_from_quarantined_records(
    zone_with_forms, tmp_path
):
    template, people = zone_with_forms
    n = people.namesake
    root = copy_zone(template, tmp_path / "zone")
    request_id = file_erasure(root, n.email)
    outcome = erase(root, request_id)
    assert outcome.status == "completed"
    catalog = load_catalog(root / "catalog.yaml")
    chat = dict(quarantined(root, "support_chats", CHAT))
    raw = (catalog.raw_dir / CHAT).read_bytes().splitlines(keepends=True)[:3]
    street, marker = street_line(n).lower().encode(), ERASED_MARKER.encode()
    family_first = f"{n.last_name.upper()}, {n.first_name}".encode()  # UTF-8, as written

    assert [chat[p] for p in (1, 2, 3)] == raw  # the raw lines follow their sealed copies
    theirs, anonymous, shared_name = chat[1], chat[2], chat[3]
    assert (
        street not in theirs.lower() and family_first not in theirs and n.customer_id.encode() not in theirs
    )
    assert theirs.startswith(b"2026-01-05T09:00:00Z chat-7 " + marker) and theirs.count(marker) == 3
    assert anonymous == b"2026-01-05T09:01:00Z chat-8 agent: parcel for " + marker + b" came back \xff\n"
    assert shared_name.startswith(b"2026-01-05T09:02:00Z chat-9 agent: " + family_first)  # the subject's too

    receipt = json.loads(receipt_path(catalog, request_id).read_text(encoding="utf-8"))
    chats = receipt["datasets"]["support_chats"]
    assert chats["quarantined_records_redacted"] == 2 and CHAT in chats["quarantine_files_rewritten"]
    assert receipt["verification"]["passed"] is True
