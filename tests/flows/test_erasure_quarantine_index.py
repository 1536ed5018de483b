"""Erasure opens only the quarantined records that can hold its subject (the quarantine's keyed index).

A real tokenize flow run quarantines, beside the erasure zone's readable records, two records over 1 MiB
of random latin-1 bytes (one of someone else in a web log, one of the subject), a longer one of the
subject whose email comes after the part the quarantine keeps (the readers keep the first 16 MiB of a
line; 2 MB here, so the test stays small), one of the subject in the newsletter list (`delete_rows`), and
short chat lines holding the subject's email written out or in an airline contact element, their phone
in the national format and their customer id. An unrelated
person's erasure decrypts and scans none of them (the quarantine step's and verification's counts), yet
re-seals the newsletter record under the line number the raw step moved it to; the subject's erasure
examines exactly their records, drops or redacts them (the big ones too), and leaves the others sealed as
they were; an entry written before the index existed is examined, as before.
"""

from __future__ import annotations

import base64
import json
import random
from pathlib import Path

import pytest

from flows.demo.synthetic_people import render_phone
from flows.erasure.steps import ERASURE_STEPS, erasure_context, run_erasure
from flows.pipeline import readers
from flows.pipeline.catalog import load_catalog
from flows.pipeline.manifest import fingerprint, load_entry
from flows.pipeline.quarantine import read_quarantine
from flows.requests.run import run_step
from tests.flows.test_erasure_quarantine import file_erasure, quarantined
from tests.flows.test_erasure_zone import copy_zone, open_vault
from values.token_format import ERASED_MARKER

WEB_LOG = "logs/web-2026-01-05.jsonl"  # redact; 10 readable lines, the big records at 11, 12 and 13
NEWSLETTER = "marketing/newsletter.csv"  # delete_rows; header + 5 rows, the big record at 7
CHAT = "support/chat-2026-01-05.log"  # redact; 13 readable lines, the written-out ones at 14..19
BIG = 1_200_000  # over the readers' 1 MiB: quarantined as too large
KEPT = 2_000_000  # what the quarantine keeps of a longer line here (16 MiB in production)


def _noise(size: int, seed: int) -> bytes:
    """Random latin-1 bytes without quotes, backslashes or control characters."""
    printable = bytes(32 + b * 224 // 256 for b in range(256))
    return random.Random(seed).randbytes(size).translate(printable).replace(b'"', b"'").replace(b"\\", b"/")


def _written_out(email: str) -> tuple[str, str, str]:
    """The email to escape harvesters, spoken, and in an airline booking's contact element."""
    local, domain = email.split("@")
    bracketed = f"{local} [at] {domain.replace('.', ' [dot] ')}"
    spoken = f"{local.replace('.', ' dot ')} at {domain.replace('.', ' dot ')}"
    return bracketed, spoken, f"SSR CTCE KL HK1/{local.upper()}//{domain.upper()}/P1"


def _append(path: Path, lines: list[bytes]) -> None:
    with path.open("ab") as handle:
        handle.writelines(lines)


@pytest.fixture(scope="module")
def zone_with_big_records(template, tmp_path_factory):
    """The erasure zone with big and written-out quarantined records, tokenized again by a flow run."""
    from flows.tokenize.flow import tokenize

    tokenized, people = template
    s, other = people.subject, people.others[2]
    root = copy_zone(tokenized, tmp_path_factory.mktemp("quarantine-index") / "zone")
    national = render_phone(s.mobile, "national")
    head = b'{"ts": "2026-01-05T11:00:00Z", "search": "'
    _append(
        root / "raw" / WEB_LOG,
        [
            head + _noise(BIG, 1) + f'", "user": {{"email": "{other.email}"'.encode() + b"\xff\n",
            head
            + _noise(BIG, 2)
            + f' deliver to {s.address.one_line()} for {s.full_name}, call {national}", '.encode()
            + f'"user": {{"email": "{s.email}"'.encode()
            + b"\xff\n",
            head + _noise(KEPT + BIG, 4) + f'", "user": {{"email": "{s.email}"'.encode() + b"\xff\n",
        ],
    )
    _append(root / "raw" / NEWSLETTER, [s.email.upper().encode() + b"," + _noise(BIG, 3) + b"\xff\n"])
    bracketed, spoken, airline = _written_out(s.email)
    chat = [
        f"write to {bracketed} or call {national}, ref {s.customer_id}",
        f"booking {airline}",
        f"call me on {national}",
        f"my ref is {s.customer_id}",
        f"mail {spoken}",
        f"my mail is {people.others[3].email}",
    ]
    _append(
        root / "raw" / CHAT,
        [
            f"2026-01-05T12:0{i}:00Z chat-2{i} customer: {text} ".encode() + b"\xff\n"
            for i, text in enumerate(chat)
        ],
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(readers, "QUARANTINE_KEEP_BYTES", KEPT)
        tokenize(catalog_path=str(root / "catalog.yaml"))
    web = quarantined(root, "web_logs", WEB_LOG)
    assert [p for p, _raw in web] == [11, 12, 13] and len(web[2][1]) == KEPT  # line 13 kept in part
    assert all(entry["index"] for entries in _entries(root).values() for entry in entries)  # indexed whole
    assert [p for p, _raw in quarantined(root, "newsletter", NEWSLETTER)] == [7]
    assert [p for p, _raw in quarantined(root, "support_chats", CHAT)] == list(range(14, 20))
    return root, people


def _entries(root: Path) -> dict[str, list[dict]]:
    catalog = load_catalog(root / "catalog.yaml")
    return {path.name: read_quarantine(path) for path in sorted(catalog.quarantine_dir.rglob("*.jsonl"))}


def erase_step_by_step(root: Path, request_id: str) -> tuple[dict[str, dict], dict]:
    """Each erasure step's recorded state (forgotten once the request completes), then the completed run's
    receipt."""
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        ctx = erasure_context(catalog, vault, request_id)
        states = {step.name: run_step(ctx, step) for step in ERASURE_STEPS}
        outcome = run_erasure(catalog, vault, request_id)
    assert outcome.status == "completed"
    return states, json.loads(Path(outcome.receipt_path).read_text())


def test_an_unrelated_erasure_decrypts_no_quarantined_record(zone_with_big_records, tmp_path):
    template, people = zone_with_big_records
    root = copy_zone(template, tmp_path / "zone")
    before = _entries(root)
    records = sum(len(entries) for entries in before.values())
    states, receipt = erase_step_by_step(root, file_erasure(root, people.others[0].email))

    assert (states["quarantine"]["records_examined"], states["quarantine"]["records_ruled_out"]) == (
        0,
        records,
    )
    verification = receipt["verification"]
    assert verification["passed"] and verification["quarantined_records_examined"] == 0
    assert verification["quarantined_records_ruled_out"] == records
    after = _entries(root)
    for name in ("web-2026-01-05.jsonl.quarantine.jsonl", "chat-2026-01-05.log.quarantine.jsonl"):
        assert after[name] == before[name]  # not even re-sealed
    # the raw step dropped their newsletter row: the big record moved up a line, re-sealed, never scanned
    (moved,) = after["newsletter.csv.quarantine.jsonl"]
    (old,) = before["newsletter.csv.quarantine.jsonl"]
    assert (old["position"], moved["position"]) == (7, 6) and moved["index"] == old["index"]
    ((position, record),) = quarantined(root, "newsletter", NEWSLETTER)  # opens under the new position
    catalog = load_catalog(root / "catalog.yaml")
    assert position == 6 and people.subject.email.upper().encode() in record
    assert (catalog.raw_dir / NEWSLETTER).read_bytes().splitlines()[5] == record.rstrip(b"\r\n")


def _assert_the_subjects_records_are_gone(root: Path, people) -> None:
    s = people.subject
    bracketed, spoken, airline = _written_out(s.email)
    local = s.email.split("@")[0]
    forms = [s.email.lower(), render_phone(s.mobile, "national").lower(), s.customer_id.lower()]
    forms += [bracketed.lower(), spoken.lower(), f"{local}//".lower()]
    catalog = load_catalog(root / "catalog.yaml")
    web = dict(quarantined(root, "web_logs", WEB_LOG))
    chat = dict(quarantined(root, "support_chats", CHAT))
    assert quarantined(root, "newsletter", NEWSLETTER) == []  # delete_rows: the big record is dropped
    for data in [web[12], *(chat[p] for p in range(14, 19))]:
        assert not [form for form in forms if form.encode() in data.lower()]
        assert ERASED_MARKER.encode() in data
    # their big record is theirs: their name and household address go too, the rest of it stays
    assert s.full_name.encode() not in web[12] and s.address.one_line().encode() not in web[12]
    assert web[12].count(ERASED_MARKER.encode()) >= 4 and len(web[12]) > BIG
    assert people.others[2].email.encode() in web[11] and people.others[3].email.encode() in chat[19]
    raw = {f: (catalog.raw_dir / f).read_bytes().splitlines() for f in (WEB_LOG, CHAT, NEWSLETTER)}
    assert raw[WEB_LOG][10:12] == [web[p].rstrip(b"\n") for p in (11, 12)]
    # the line kept in part: their email, after the kept part, is erased from the raw file
    assert raw[WEB_LOG][12].startswith(web[13]) and len(raw[WEB_LOG][12]) > KEPT + BIG
    assert s.email.lower().encode() not in raw[WEB_LOG][12].lower() and raw[WEB_LOG][12].endswith(b"\xff")
    assert ERASED_MARKER.encode() in raw[WEB_LOG][12][KEPT:]
    assert raw[CHAT][13:19] == [chat[p].rstrip(b"\n") for p in range(14, 20)]
    assert not [line for line in raw[NEWSLETTER] if s.email.lower().encode() in line.lower()]
    for dataset, raw_file in (("web_logs", WEB_LOG), ("support_chats", CHAT), ("newsletter", NEWSLETTER)):
        entry = load_entry(catalog.clean_dir / dataset, raw_file)
        assert entry.sha256 == fingerprint(catalog.raw_dir / raw_file).sha256
        assert entry.records_in == entry.records_out + entry.quarantined
        assert entry.bad_positions == [p for p, _raw in quarantined(root, dataset, raw_file)]


def test_the_subjects_big_and_written_out_records_are_found_and_erased(zone_with_big_records, tmp_path):
    template, people = zone_with_big_records
    root = copy_zone(template, tmp_path / "zone")
    before = _entries(root)
    states, receipt = erase_step_by_step(root, file_erasure(root, people.subject.email))

    # theirs: the big web records, the big newsletter row, five chat lines; not the other two
    assert (states["quarantine"]["records_examined"], states["quarantine"]["records_ruled_out"]) == (8, 2)
    _assert_the_subjects_records_are_gone(root, people)
    assert receipt["verification"]["passed"]
    assert receipt["datasets"]["newsletter"]["quarantined_records_dropped"] == 1
    assert receipt["datasets"]["web_logs"]["quarantined_records_redacted"] == 2
    assert receipt["datasets"]["support_chats"]["quarantined_records_redacted"] == 5
    after = _entries(root)
    web, chat = "web-2026-01-05.jsonl.quarantine.jsonl", "chat-2026-01-05.log.quarantine.jsonl"
    assert after[web][0] == before[web][0] and after[chat][5] == before[chat][5]  # left sealed as they were
    assert all(entry["index"] for entry in after[chat][:5] + after[web][1:])  # redacted, indexed anew
    assert all(
        entry["index"] != old["index"] for entry, old in zip(after[chat][:5], before[chat], strict=False)
    )


def test_entries_written_before_the_index_are_examined_as_before(zone_with_big_records, tmp_path):
    template, people = zone_with_big_records
    root = copy_zone(template, tmp_path / "zone")
    path = load_catalog(root / "catalog.yaml").quarantine_dir / "support_chats" / (CHAT + ".quarantine.jsonl")
    old_format = [{k: v for k, v in entry.items() if k != "index"} for entry in read_quarantine(path)]
    path.write_text("".join(json.dumps(entry, sort_keys=True) + "\n" for entry in old_format))
    states, receipt = erase_step_by_step(root, file_erasure(root, people.subject.email))

    # the unrelated chat line has no index now: examined too, and kept
    assert (states["quarantine"]["records_examined"], states["quarantine"]["records_ruled_out"]) == (9, 1)
    _assert_the_subjects_records_are_gone(root, people)
    assert receipt["verification"]["passed"] and receipt["verification"]["quarantined_records_examined"] >= 1
    after = read_quarantine(path)
    assert all(entry["index"] for entry in after[:5]) and "index" not in after[5]
    assert base64.b64decode(after[0]["index"])  # an old entry redacted gets its index
