"""Erasure by every identifier and verification by fingerprint, on the tokenized erasure zone: plaintext of
the subject that tokenize never turned into tokens (a chat file tokenized before the vault knew them) is
found by the subject's fingerprints — their customer id in a chat line makes the line theirs (their street,
shared with their housemate, goes with it), their card in someone else's line is redacted, a namesake's
line stays — and verification fails when it is left."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.erasure.steps import run_erasure
from flows.pipeline.catalog import load_catalog
from flows.pipeline.errors import PipelineError
from flows.requests.lifecycle import Verification, file_request
from tests.flows.test_erasure_zone import clean_rows, open_vault
from values.token_format import ERASED_MARKER

LATE = "support/chat-2026-01-09.log"


def street(person) -> str:
    """The subject's street line, in lower case: a form detection does not read as an address."""
    return person.address.lines[0].lower()


def plant(root: Path, people) -> list[str]:
    """A chat file written after tokenize that holds the subject in plaintext, tokenized as a tokenizer
    without fingerprints would have (`known_subjects=False`); returns its lines."""
    from flows.tokenize.tokenizing import tokenize_file

    s, n, other = people.subject, people.namesake, people.others[0]
    lines = [
        f"2026-01-09T09:40:00Z {s.customer_id} agent=a28: customer asked to ship to {street(s)} instead",
        f"2026-01-09T09:41:00Z {other.customer_id} agent=a28: card {s.card_number} was charged twice",
        f"2026-01-09T09:42:00Z agent=a28: {n.first_name.lower()} {n.last_name.lower()} called about roaming",
        "2026-01-09T09:43:00Z agent=a28: nothing personal here",
    ]
    path = root / "raw" / LATE
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        tokenize_file(
            catalog,
            "support_chats",
            path,
            {"line": "free_text"},
            vault,
            lambda t: [[] for _ in t],
            known_subjects=False,
        )
    assert [r["line"] for r in clean_rows(root, "support_chats")][-4:] == lines  # left in plaintext
    return lines


def erase(root: Path, email: str):
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        request_id = file_request(vault, "erase", "email", email, Verification("clerk", "id card"))
        return run_erasure(catalog, vault, request_id)


def late_lines(root: Path) -> tuple[list[str], list[str]]:
    raw = (root / "raw" / LATE).read_text(encoding="utf-8").splitlines()
    clean = [r["line"] for r in clean_rows(root, "support_chats")][-len(raw) :]
    return raw, clean


def test_a_chat_line_with_their_customer_id_is_theirs_and_their_street_goes_everywhere(zone):
    root, people = zone
    s = people.subject
    lines = plant(root, people)
    outcome = erase(root, s.email)
    assert outcome.status == "completed"
    raw, clean = late_lines(root)
    for zone_lines in (raw, clean):
        text = "\n".join(zone_lines)
        assert s.customer_id not in text and street(s) not in text.lower() and s.card_number not in text
        # their line (redact policy): every value of theirs erased, shared ones too, the rest kept
        assert zone_lines[0] == (
            f"2026-01-09T09:40:00Z {ERASED_MARKER} agent=a28: customer asked to ship to "
            f"{ERASED_MARKER} instead"
        )
        assert zone_lines[1] == lines[1].replace(s.card_number, ERASED_MARKER)  # someone else's line
        assert zone_lines[2:] == lines[2:]  # the namesake's name is not theirs alone
    receipt = json.loads(Path(outcome.receipt_path).read_text())
    chats = receipt["datasets"]["support_chats"]
    assert chats["rows_identified_in_text"] == 1 and chats["values_redacted_in_text"] == 3
    assert receipt["verification"]["passed"]
    assert s.customer_id not in Path(outcome.receipt_path).read_text()


def test_verification_fails_when_their_plaintext_is_left(zone, monkeypatch):
    from flows.erasure import subject_text

    root, people = zone
    s = people.subject
    plant(root, people)

    def nothing_removed(self, table, columns, owned):
        return table, subject_text.TextHits()

    monkeypatch.setattr(subject_text.SubjectText, "redact", nothing_removed)
    with pytest.raises(PipelineError) as failed:
        erase(root, s.email)
    message = str(failed.value)
    assert f"zone clean, dataset support_chats, file {LATE.replace('.log', '.parquet')}, row" in message
    assert f"zone raw, dataset support_chats, file {LATE}, position 1, entity_type SUBJECT" in message
    assert f"zone raw, dataset support_chats, file {LATE}, position 2, entity_type CREDIT_CARD" in message
    for value in (s.customer_id, street(s), s.card_number, s.email):
        assert value.lower() not in message.lower()


def test_late_data_after_the_erasure_comes_out_erased(zone):
    root, people = zone
    s = people.subject
    assert erase(root, s.email).status == "completed"
    from flows.tokenize.tokenizing import tokenize_file
    from recognizers import detect

    path = root / "raw" / "support" / "chat-2026-02-01.log"
    path.write_text(f"{s.customer_id} wrote again: ship to {street(s)} please\n", encoding="utf-8")
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        tokenize_file(catalog, "support_chats", path, {"line": "free_text"}, vault, detect)
        address = vault.deriver.derive("ADDRESS", s.address.one_line()).token  # their housemate's too
    (line,) = [r["line"] for r in clean_rows(root, "support_chats") if "wrote again" in r["line"]]
    assert line == f"{ERASED_MARKER} wrote again: ship to {address} please"


def test_the_text_check_reads_the_string_columns_of_a_raw_parquet_file(zone):
    """A raw Parquet file's strings come as pandas' string dtype (pandas 3), not object: the raw text check
    reads them too. Before the erasure, the subject's card is in the raw invoices: found, named by row."""
    from flows.erasure.steps import ERASURE_STEPS, erasure_context, subject_text
    from flows.erasure.verify import Verification as Checks
    from flows.erasure.verify_text import check_raw_text
    from flows.requests.run import run_step

    root, people = zone
    s = people.subject
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        request_id = file_request(vault, "erase", "email", s.email, Verification("clerk", "id card"))
        ctx = erasure_context(catalog, vault, request_id)
        run_step(ctx, ERASURE_STEPS[0])  # resolve: the subject's fingerprints recorded, nothing changed
        result = Checks()
        invoices = "billing/invoices-2026-01.parquet"
        check_raw_text(catalog, subject_text(ctx), "billing_invoices", invoices, result)
    row = [p.customer_id for p in people.everyone].index(s.customer_id) + 1
    assert {"position": row, "entity_type": "CREDIT_CARD"}.items() <= result.findings[0].items()
    assert all(f["position"] == row for f in result.findings)
    assert s.card_number not in json.dumps(result.findings)
