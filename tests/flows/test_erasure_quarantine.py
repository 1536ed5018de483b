"""Erasure reaches the quarantine: unreadable raw records holding the subject's email are dropped
(`delete_rows`) or redacted (`redact`) in the sealed quarantine and in their raw file, the manifest keeps
in = out + quarantined, the receipt counts it, verification decrypts and re-scans it, a rerun is a no-op,
and a run stopped between the raw and the quarantine rename is finished by a rerun."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from flows.erasure.steps import run_erasure
from flows.pipeline.catalog import load_catalog
from flows.pipeline.faults import FAULT_ENV, InjectedFault
from flows.pipeline.manifest import fingerprint, load_entry
from flows.pipeline.quarantine import aesgcm_opener, associated_data, read_quarantine
from flows.requests.lifecycle import Verification, file_request
from tests.flows.test_erasure_zone import copy_zone, open_vault
from values.token_format import ERASED_MARKER

NEWSLETTER = "marketing/newsletter.csv"  # delete_rows
WEB_LOG = "logs/web-2026-01-05.jsonl"  # redact
SECOND_LIST = "marketing/newsletter-2.csv"  # the subject's row is readable, someone else's is not


def _insert_lines(path: Path, at: dict[int, bytes]) -> None:
    """Insert raw lines so that each lands at the given 1-based line number."""
    lines = path.read_bytes().splitlines(keepends=True)
    for number in sorted(at):
        lines.insert(number - 1, at[number])
    path.write_bytes(b"".join(lines))


def quarantined(root: Path, dataset: str, raw_file: str) -> list[tuple[int, bytes]]:
    """(position, decrypted raw record) of every quarantined record of a raw file."""
    from flows.pipeline.quarantine import quarantine_key

    catalog = load_catalog(root / "catalog.yaml")
    entry = load_entry(catalog.clean_dir / dataset, raw_file)
    if entry is None or not entry.quarantine_file:
        return []
    with open_vault(root) as vault:
        opener = aesgcm_opener(quarantine_key(vault))
        return [
            (
                item["position"],
                opener(
                    base64.b64decode(item["sealed"]), associated_data(dataset, raw_file, item["position"])
                ),
            )
            for item in read_quarantine(catalog.quarantine_dir / entry.quarantine_file)
        ]


@pytest.fixture(scope="module")
def zone_with_bad_records(template, tmp_path_factory):
    """The erasure zone with broken records of the subject and of someone else, tokenized again."""
    from flows.tokenize.flow import tokenize

    tokenized, people = template
    root = copy_zone(tokenized, tmp_path_factory.mktemp("quarantine") / "zone")
    subject, other = people.subject.email, people.others[2].email
    _insert_lines(
        root / "raw" / NEWSLETTER,
        {2: f"{subject},deals \xff\n".encode("latin-1"), 5: f"{other},news \xff\n".encode("latin-1")},
    )
    (root / "raw" / SECOND_LIST).write_bytes(
        f"email,topics\r\n{subject},deals\r\n{other},news \xff\r\n".encode("latin-1")
    )
    _insert_lines(
        root / "raw" / WEB_LOG,
        {
            1: f'{{"ts": "2026-01-05T08:00:00Z", "search": "card {people.subject.card_number} of '
            f'{people.subject.full_name}", "user": {{"email": "{subject}"'.encode()
            + b"\n",
            4: f'{{"ts": "2026-01-05T08:30:00Z", "user": {{"email": "{other}"'.encode() + b"\n",
        },
    )
    tokenize(catalog_path=str(root / "catalog.yaml"))
    assert [p for p, _raw in quarantined(root, "newsletter", NEWSLETTER)] == [2, 5]
    assert [p for p, _raw in quarantined(root, "newsletter", SECOND_LIST)] == [3]
    assert len(quarantined(root, "web_logs", WEB_LOG)) == 2
    return root, people


def file_erasure(root: Path, email: str) -> str:
    with open_vault(root) as vault:
        return file_request(vault, "erase", "email", email, Verification("clerk", "id card"))


def erase(root: Path, request_id: str):
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        return run_erasure(catalog, vault, request_id)


def check_erased(root: Path, people) -> dict:
    subject, other = people.subject.email.lower().encode(), people.others[2].email.lower().encode()
    catalog = load_catalog(root / "catalog.yaml")
    # delete_rows: only the other's broken record is left, re-sealed under its new line number
    records = quarantined(root, "newsletter", NEWSLETTER)
    assert len(records) == 1 and other in records[0][1].lower() and subject not in records[0][1].lower()
    raw = (catalog.raw_dir / NEWSLETTER).read_bytes()
    assert subject not in raw.lower() and other in raw.lower()
    position = records[0][0]
    assert raw.splitlines()[position - 1] == records[0][1].rstrip(b"\r\n")
    # redact: both broken records stay, the subject's with the erased marker instead of the email
    web = quarantined(root, "web_logs", WEB_LOG)
    assert len(web) == 2 and all(subject not in data.lower() for _p, data in web)
    assert ERASED_MARKER.encode() in web[0][1] and other in web[1][1].lower()
    assert people.subject.card_number.encode() not in web[0][1]  # their own card goes with them
    # their own record loses their name too (shared with a namesake, but this record is theirs)
    assert people.subject.full_name.encode() not in web[0][1]
    assert subject not in (catalog.raw_dir / WEB_LOG).read_bytes().lower()
    # the manifest still accounts for every record and matches the rewritten raw files
    # the raw step dropped the subject's readable row: the other's broken one moved up a line
    second = quarantined(root, "newsletter", SECOND_LIST)
    assert [p for p, _raw in second] == [2] and other in second[0][1].lower()
    assert (catalog.raw_dir / SECOND_LIST).read_bytes().splitlines()[1] == second[0][1].rstrip(b"\r\n")
    checked = (("newsletter", NEWSLETTER, 1), ("newsletter", SECOND_LIST, 1), ("web_logs", WEB_LOG, 2))
    for dataset, raw_file, left in checked:
        entry = load_entry(catalog.clean_dir / dataset, raw_file)
        assert entry.records_in == entry.records_out + entry.quarantined and entry.quarantined == left
        assert entry.bad_positions == [p for p, _raw in quarantined(root, dataset, raw_file)]
        assert entry.sha256 == fingerprint(catalog.raw_dir / raw_file).sha256
    return {
        "newsletter": records,
        "web": [(p, data) for p, data in web],
        "raw": {f: (catalog.raw_dir / f).read_bytes() for f in (NEWSLETTER, WEB_LOG)},
    }


def test_erasure_drops_or_redacts_quarantined_records_and_a_rerun_is_a_no_op(zone_with_bad_records, tmp_path):
    template, people = zone_with_bad_records
    root = copy_zone(template, tmp_path / "zone")
    request_id = file_erasure(root, people.subject.email)
    outcome = erase(root, request_id)
    assert outcome.status == "completed"
    after = check_erased(root, people)
    text = Path(outcome.receipt_path).read_text()
    receipt = json.loads(text)
    assert receipt["datasets"]["newsletter"]["quarantined_records_dropped"] == 1
    assert receipt["datasets"]["web_logs"]["quarantined_records_redacted"] == 1
    assert receipt["files_rewritten"]["quarantine"] == 3
    assert receipt["verification"]["passed"] and receipt["verification"]["quarantine_files_checked"] >= 2
    assert people.subject.email.lower() not in text.lower()

    again = erase(root, request_id)
    assert again.already_done and again.status == "completed"
    assert check_erased(root, people) == after  # same bytes: nothing re-sealed, nothing rewritten


def test_a_run_stopped_between_the_raw_and_quarantine_rename_is_finished_by_a_rerun(
    zone_with_bad_records, tmp_path, monkeypatch
):
    template, people = zone_with_bad_records
    root = copy_zone(template, tmp_path / "zone")
    request_id = file_erasure(root, people.subject.email)
    monkeypatch.setenv(FAULT_ENV, "quarantine-file")
    with pytest.raises(InjectedFault):
        erase(root, request_id)
    monkeypatch.delenv(FAULT_ENV)
    assert erase(root, request_id).status == "completed"
    check_erased(root, people)
    leftovers = [p.name for p in root.rglob(".*.tmp")]
    assert not leftovers
