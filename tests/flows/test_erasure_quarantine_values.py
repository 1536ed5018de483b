"""Erasure reaches every value of the subject inside quarantined records, not only their email and phone.

Broken records (web-log JSON, chat lines with invalid UTF-8, an unreadable Parquet file) are quarantined
by a real tokenize run, then one erasure runs. Afterwards, decrypted, no quarantined record and no raw
file behind one holds the subject's email, phones, card, customer id — nor, in their own records, their
name and address (shared with a namesake or a housemate: those people's records keep them). A record of
someone else that holds one of the subject's own values (their card in an anonymous chat line) keeps its
place with that value redacted. The unreadable Parquet file's raw copy is redacted like its sealed one.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.demo.synthetic_people import render_phone
from flows.erasure.quarantine import check_quarantine, word_runs
from flows.erasure.steps import ERASURE_STEPS, erasure_context
from flows.erasure.verify import Verification
from flows.pipeline.catalog import load_catalog
from flows.pipeline.manifest import fingerprint, load_entry
from flows.requests.run import recorded_footprint, run_step
from tests.flows.test_erasure_quarantine import _insert_lines, erase, file_erasure, quarantined
from tests.flows.test_erasure_zone import copy_zone, open_vault
from values.normalise import normalise_text
from values.token_format import ERASED_MARKER

WEB_LOG = "logs/web-2026-01-05.jsonl"  # redact
CHAT = "support/chat-2026-01-05.log"  # redact
BROKEN_INVOICES = "billing/invoices-2026-02.parquet"  # retain; unreadable as a whole


def _broken_parquet(path: Path, people) -> None:
    """Invoices of the subject and of someone else, written plain (values readable in the bytes), with
    the footer cut off so no reader can open the file."""
    s, o = people.subject, people.others[0]
    table = pa.table(
        {
            "invoice_id": ["INV-90", "INV-91"],
            "customer_id": [s.customer_id, o.customer_id],
            "billing_name": [s.full_name.upper(), o.full_name.upper()],
            "card_number": [s.card_number, o.card_number],
        }
    )
    pq.write_table(table, path, compression="NONE", use_dictionary=False, write_statistics=False)
    path.write_bytes(path.read_bytes()[:-12])


@pytest.fixture(scope="module")
def zone_with_values(template, tmp_path_factory):
    """The erasure zone with broken records holding names, addresses, phones and cards, tokenized again."""
    from flows.tokenize.flow import tokenize

    tokenized, people = template
    s, h, n = people.subject, people.housemate, people.namesake
    root = copy_zone(tokenized, tmp_path_factory.mktemp("quarantine-values") / "zone")
    landline = render_phone(s.landline, "international")
    _insert_lines(
        root / "raw" / WEB_LOG,
        {
            1: f'{{"ts": "2026-01-05T08:00:00Z", "search": "deliver to {s.address.one_line()} for '
            f'{s.full_name}, or call {landline}", "user": {{"email": "{s.email}"\n'.encode(),
            2: f'{{"ts": "2026-01-05T08:01:00Z", "search": "plans for {n.full_name}", '
            f'"user": {{"email": "{n.email}"\n'.encode(),
            3: f'{{"ts": "2026-01-05T08:02:00Z", "search": "moving from {h.address.one_line()}", '
            f'"user": {{"email": "{h.email}"\n'.encode(),
        },
    )
    _insert_lines(
        root / "raw" / CHAT,
        {
            1: f"2026-01-05T09:00:00Z chat-7 customer: refund card {s.card_number} please \xff\n".encode(
                "latin-1"
            ),
            2: (
                f"2026-01-05T09:01:00Z chat-8 customer: call {render_phone(s.mobile, 'national')} about "
                f"the box at {s.address.one_line()} \xff\n"
            ).encode("latin-1"),
        },
    )
    _broken_parquet(root / "raw" / BROKEN_INVOICES, people)
    tokenize(catalog_path=str(root / "catalog.yaml"))
    assert len(quarantined(root, "web_logs", WEB_LOG)) == 3
    assert len(quarantined(root, "support_chats", CHAT)) == 2
    assert len(quarantined(root, "billing_invoices", BROKEN_INVOICES)) == 1
    return root, people


def _subject_forms(people) -> list[bytes]:
    """Forms of the subject's values that must be gone from every quarantined record after the erasure."""
    s = people.subject
    return [
        s.email.lower().encode(),
        s.mobile.lstrip("+").encode(),
        render_phone(s.mobile, "national").encode(),
        s.card_number.encode(),
        s.customer_id.encode(),
    ]


def test_erasure_redacts_every_value_of_the_subject_in_quarantined_records(zone_with_values, tmp_path):
    template, people = zone_with_values
    s, h, n = people.subject, people.housemate, people.namesake
    root = copy_zone(template, tmp_path / "zone")
    outcome = erase(root, file_erasure(root, s.email))
    assert outcome.status == "completed"
    catalog = load_catalog(root / "catalog.yaml")

    web = dict(quarantined(root, "web_logs", WEB_LOG))
    chat = dict(quarantined(root, "support_chats", CHAT))
    invoices = dict(quarantined(root, "billing_invoices", BROKEN_INVOICES))
    raw = {f: (catalog.raw_dir / f).read_bytes() for f in (WEB_LOG, CHAT, BROKEN_INVOICES)}
    everything = list(web.values()) + list(chat.values()) + list(invoices.values()) + list(raw.values())
    for data in everything:
        for form in _subject_forms(people):
            assert form not in data.lower()

    address, name = s.address.one_line().encode(), s.full_name.encode()
    landline = render_phone(s.landline, "international").encode()
    theirs = web[1]
    assert theirs.count(ERASED_MARKER.encode()) >= 4  # email, address, name, landline
    assert address not in theirs and name not in theirs and landline not in theirs
    assert theirs.startswith(b'{"ts": "2026-01-05T08:00:00Z", "search": "deliver to ')
    assert n.full_name.encode() in web[2] and n.email.encode() in web[2]  # the namesake's record stays
    assert h.address.one_line().encode() in web[3] and h.email.encode() in web[3]  # so does the housemate's
    first_web_lines = raw[WEB_LOG].splitlines(keepends=True)[:3]
    assert [line.rstrip(b"\n") for line in first_web_lines] == [web[p].rstrip(b"\n") for p in (1, 2, 3)]

    # someone's chat line holding the subject's own card: the card goes, the line stays
    assert chat[1].startswith(b"2026-01-05T09:00:00Z chat-7 customer: refund card " + ERASED_MARKER.encode())
    assert chat[1].endswith(b" please \xff\n")
    assert address not in chat[2] and ERASED_MARKER.encode() in chat[2]
    assert raw[CHAT].splitlines(keepends=True)[:2] == [chat[1], chat[2]]

    # the unreadable Parquet file: its raw copy is redacted like its sealed one, others' values stay
    (sealed,) = invoices.values()
    for data in (sealed, raw[BROKEN_INVOICES]):
        assert s.full_name.upper().encode() not in data and ERASED_MARKER.encode() in data
        assert people.others[0].card_number.encode() in data
    for dataset, raw_file in (
        ("web_logs", WEB_LOG),
        ("support_chats", CHAT),
        ("billing_invoices", BROKEN_INVOICES),
    ):
        entry = load_entry(catalog.clean_dir / dataset, raw_file)
        assert entry.sha256 == fingerprint(catalog.raw_dir / raw_file).sha256
        assert entry.bad_positions == [p for p, _raw in quarantined(root, dataset, raw_file)]


def test_verification_finds_the_subjects_own_values_left_in_the_quarantine(zone_with_values, tmp_path):
    template, people = zone_with_values
    root = copy_zone(template, tmp_path / "zone")
    request_id = file_erasure(root, people.subject.email)
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        ctx = erasure_context(catalog, vault, request_id)
        run_step(ctx, ERASURE_STEPS[0])  # resolve
        result = Verification()
        check_quarantine(catalog, vault, recorded_footprint(ctx), result)
    found = {(f["dataset"], f["file"], f.get("position"), f["entity_type"]) for f in result.findings}
    assert ("support_chats", CHAT, 1, "CREDIT_CARD") in found  # their card in someone else's line
    assert ("billing_invoices", BROKEN_INVOICES, 0, "CREDIT_CARD") in found
    assert not any(f["dataset"] == "web_logs" and f.get("position") in (2, 3) for f in result.findings)


@pytest.mark.parametrize(
    "text",
    [
        '{"search": "deliver to Quarglestraat 77 ,9999  Kanarieveld for ZEBULON Quargleworth", "user": {',
        "St.Mary's Rd. 5/A;  London: N1 9GU.\tUK -- O'Brien-Smith,, call",
        b"Rue de la Loi 16 \xff\xfe 1000 Bruxelles. J. M. F. Dupont".decode("utf-8", "surrogateescape"),
        "Chaussée de Wavre 12, 1050 Ixelles — Ⅻ ﬁne Straße",  # not ASCII: each run normalised whole
    ],
)
def test_word_runs_give_the_normalised_form_of_each_run(text):
    runs = list(word_runs(text, 16))
    assert runs and all(form == normalise_text(text[start:end]) for start, end, _words, form in runs)
    assert {words for _s, _e, words, _f in runs} <= set(range(1, 17))
