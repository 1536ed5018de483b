"""Known-subject matching in tokenize, on a real SQLite vault and the real detector: values the CRM gave
the vault are tokenized in free text where detection misses them, with the CRM's own tokens; columns the
sample called not personal are scanned in full; late data of an erased customer comes out erased."""

from __future__ import annotations

import json
import sqlite3

import pandas as pd
import pytest

from flows.pipeline.catalog import parse_catalog
from flows.tokenize.full_scan import may_hold_pattern_entity
from flows.tokenize.known_subjects import Found, KnownSubjects
from flows.tokenize.tokenizing import merge_spans, tokenize_file
from recognizers import Finding
from values.token_format import ERASED_MARKER, TOKEN_PATTERN

CATALOG = {
    "zones": {"raw": "raw", "clean": "clean"},
    "vault": "sqlite:///vault.db",
    "datasets": {
        "crm": {
            "path": "crm/*.csv",
            "format": "csv",
            "subject_key": "customer_id",
            "erasure": "delete_rows",
            "columns": {
                "name": "PERSON",
                "address": "ADDRESS",
                "phone": "PHONE_NUMBER",
                "email": "EMAIL_ADDRESS",
                "card": "CREDIT_CARD",
            },
        },
        "chats": {"path": "chats/*.log", "format": "text", "erasure": "redact"},
        "billing_notes": {
            "path": "billing/*.log",
            "format": "text",
            "erasure": "redact",
            "format_preserving": True,
        },
        "web": {
            "path": "web/*.jsonl",
            "format": "jsonl",
            "erasure": "redact",
            "columns": {"note": "none"},
        },
    },
}
CRM = (
    "customer_id,name,address,phone,email\n"
    'C100002,Georgia Briggs,"9 David Canyon, FY2 8ZG Youngmouth",+44 7700 900123,g.briggs@example.com\n'
    'C100003,Georgia Briggs,"1 Other Road, AB1 2CD Elsewhere",+44 7700 900456,gb2@example.org\n'
    'C100004,Tomasz Wójcik,"Rue de la Loi 16, 1000 Bruxelles",+32 475 12 34 56,tw@example.be\n'
)
CHAT_LINE = (
    "2026-11-03T09:40:00Z C100002 agent=a28: Customer Georgia Briggs asked to update the shipping "
    "address to 9 David Canyon, FY2 8ZG Youngmouth."
)
CHATS = [
    CHAT_LINE,
    "agent: ok, sending it to 9 david canyon then",  # the street line alone, in lower case
    "customer: this is wojcik tomasz from rue de la loi 16",  # family name first, no accent, lower case
    "agent: georgia, is youngmouth still right?",  # a given name and a town alone: no evidence
]


def write(root, relpath: str, text: str) -> None:
    path = root / "raw" / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture()
def zone(tmp_path):
    write(tmp_path, "crm/c.csv", CRM)
    write(tmp_path, "chats/x.log", "".join(line + "\n" for line in CHATS))
    return parse_catalog(CATALOG, tmp_path)


@pytest.fixture()
def vault(zone):
    from vault.store import Vault

    with Vault.open(zone.vault_url) as opened:
        yield opened


def run(zone, vault, name: str, relpath: str | None = None, **kwargs):
    from recognizers import detect

    paths = zone.input_files(name)
    path = next(p for p in paths if relpath is None or p.name == relpath)
    kinds = {c: k for c, k in zone.dataset(name).columns.items() if k != "none"}
    if zone.dataset(name).format == "text":
        kinds = {"line": "free_text"}
    return tokenize_file(zone, name, path, kinds, vault, detect, **kwargs)


def clean(zone, result) -> pd.DataFrame:
    return pd.read_parquet(zone.clean_dir / result.dataset / result.output)


def crm_tokens(zone, vault) -> dict[str, dict[str, str]]:
    frame = clean(zone, run(zone, vault, "crm"))
    return {row["customer_id"]: row for row in frame.to_dict("records")}


def test_the_support_chat_line_is_tokenized_with_the_crm_tokens(zone, vault):
    crm = crm_tokens(zone, vault)
    lines = clean(zone, run(zone, vault, "chats"))["line"].tolist()
    georgia = crm["C100002"]
    assert lines[0] == (
        f"2026-11-03T09:40:00Z C100002 agent=a28: Customer {georgia['name']} asked to update the shipping "
        f"address to {georgia['address']}."
    )
    assert lines[1] == f"agent: ok, sending it to {georgia['address']} then"  # the street line, any case
    assert lines[2] == f"customer: this is {crm['C100004']['name']} from {crm['C100004']['address']}"
    assert lines[3] == CHATS[3]


def test_scanning_finds_forms_and_skips_what_is_too_common(zone, vault):
    crm_tokens(zone, vault)
    known = KnownSubjects.load(vault)
    texts = [
        "BRIGGS, Georgia called from 07700 900123 (0044 7700 900123) about G.Briggs@Example.com",
        "Georgia and Briggs, Youngmouth FY2 8ZG, david canyon",  # no fingerprint: words apart, no number
        "already [pv:name:aaaaaaaaaaaaaaaaaaaa] Georgia Briggs",
        "ship to:\n9 David\nCanyon, FY2 8ZG\nYoungmouth",  # split across line breaks
    ]
    found = known.find(texts)
    assert [(texts[0][f.start : f.end], f.entity_type) for f in found[0]] == [
        ("BRIGGS, Georgia", "PERSON"),
        ("07700 900123", "PHONE_NUMBER"),
        ("0044 7700 900123", "PHONE_NUMBER"),
        ("G.Briggs@Example.com", "EMAIL_ADDRESS"),
    ]
    assert found[1] == []
    assert [texts[2][f.start : f.end] for f in found[2]] == ["Georgia Briggs"]
    assert [(texts[3][f.start : f.end], f.entity_type) for f in found[3]] == [
        ("9 David\nCanyon, FY2 8ZG\nYoungmouth", "ADDRESS")
    ]


def test_detection_wins_an_overlap_unless_the_match_is_longer():
    finding = Finding("PERSON", 0, 14, 0.9)
    shorter = Found(0, 7, "PERSON", "[pv:name:a]")
    longer = Found(0, 20, "ADDRESS", "[pv:addr:b]")
    apart = Found(30, 40, "ADDRESS", "[pv:addr:c]")
    key = Found(50, 57, "SUBJECT", None)
    assert merge_spans([finding], [shorter, apart, key]) == [(0, 14, finding), (30, 40, apart)]
    assert merge_spans([finding], [longer]) == [(0, 20, longer)]
    same = Found(0, 14, "PERSON", "[pv:name:d]")
    assert merge_spans([finding], [same]) == [(0, 14, same)]


def test_a_column_the_sample_calls_not_personal_is_scanned_in_full(zone, vault):
    crm_tokens(zone, vault)
    events = [{"ts": f"t{i}", "query": "roaming charges spain", "note": "x", "ms": i} for i in range(300)]
    events[250]["query"] = "callback 0475 12 34 56"  # past the classification sample
    events[260]["query"] = "plans for georgia briggs"
    events[270]["note"] = "call +32 475 12 34 56"  # declared none: never scanned
    write(zone.base_dir, "web/w.jsonl", "".join(json.dumps(e) + "\n" for e in events))
    from flows.pipeline.column_kinds import classify_columns, sample_frame

    kinds = classify_columns(zone.dataset("web"), sample_frame(zone, "web", rows=200))
    assert kinds["query"] is None  # the sample reads as short phrases
    from recognizers import detect

    (path,) = zone.input_files("web")
    result = tokenize_file(zone, "web", path, kinds, vault, detect)
    assert result.promoted == {"query": 2}
    frame = clean(zone, result)
    crm = crm_tokens(zone, vault)
    assert frame["query"][250] == f"callback {crm['C100004']['phone']}"
    assert frame["query"][260] == f"plans for {crm['C100002']['name']}"
    assert frame["query"][0] == "roaming charges spain"
    assert frame["note"][270] == "call +32 475 12 34 56" and frame["ms"].tolist() == list(range(300))


def links(zone) -> int:
    db = sqlite3.connect(zone.vault_url.removeprefix("sqlite:///"))
    try:
        return db.execute("select count(*) from links").fetchone()[0]
    finally:
        db.close()


def test_late_data_of_an_erased_customer_comes_out_erased_and_links_nothing(zone, vault):
    crm = crm_tokens(zone, vault)
    vault.shred_subject(vault.subject_id("C100002"))
    before = links(zone)
    write(zone.base_dir, "chats/y.log", "C100002 asked again: 9 david canyon, and phone 07700900123\n")
    result = run(zone, vault, "chats", relpath="y.log")
    (line,) = clean(zone, result)["line"].tolist()
    assert line == f"{ERASED_MARKER} asked again: {ERASED_MARKER}, and phone {ERASED_MARKER}"
    assert links(zone) == before
    # the namesake's name is theirs alone now: still tokenized, with the same token as before
    write(zone.base_dir, "chats/z.log", "georgia briggs called\n")
    (line,) = clean(zone, run(zone, vault, "chats", relpath="z.log"))["line"].tolist()
    assert line == f"{crm['C100003']['name']} called" and TOKEN_PATTERN.search(line)


def test_matching_can_be_turned_off_and_works_without_detection(zone, vault):
    crm = crm_tokens(zone, vault)
    (path,) = zone.input_files("chats")

    def nothing(texts):
        return [[] for _ in texts]

    kinds = {"line": "free_text"}
    off = tokenize_file(zone, "chats", path, kinds, vault, nothing, force=True, known_subjects=False)
    assert clean(zone, off)["line"].tolist() == CHATS
    on = tokenize_file(zone, "chats", path, kinds, vault, nothing, force=True)
    assert clean(zone, on)["line"].tolist()[1] == f"agent: ok, sending it to {crm['C100002']['address']} then"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("callback 0475 12 34 56", True),
        ("ann@example.com", True),
        ("ann [at] example [dot] com", True),
        ("9 david canyon", True),
        ("Rue de la Loi 16", True),
        ("4111-1111-1111-1111", True),
        ("s-0a1b2c3d4e5f", False),  # ids, timestamps and addresses of machines: no entity's shape
        ("2026-01-05T10:22:33Z", False),
        ("11.22.33.44", False),
        ("roaming charges spain", False),
        ("/plans/mobile", False),
    ],
)
def test_the_full_scan_shows_detection_only_values_shaped_like_its_entities(value, expected):
    assert may_hold_pattern_entity(value) is expected


def test_the_index_is_loaded_once_per_process_until_fingerprints_change(zone, vault):
    crm_tokens(zone, vault)
    first = KnownSubjects.load(vault).scanner.index
    assert KnownSubjects.load(vault).scanner.index is first  # the next file of the run reuses it
    vault.tokenize_batch([("PERSON", "Ada Lovelace", "C9")])
    again = KnownSubjects.load(vault).scanner.index
    assert again is not first and len(again) > len(first)


CARDS = "customer_id,card\nC100002,4111 1111 1111 1111\n"


def test_a_format_preserving_dataset_gets_surrogates_for_matches_as_for_detection(zone, vault):
    crm_tokens(zone, vault)
    write(zone.base_dir, "crm/cards.csv", CARDS)
    run(zone, vault, "crm", relpath="cards.csv")
    line = "refund to 4111-1111-1111-1111, receipt to G.BRIGGS@example.com, ask georgia briggs"
    write(zone.base_dir, "billing/b.log", line + "\n")
    (known,) = KnownSubjects.load(vault).find([line])
    assert [(f.entity_type, f.as_written) for f in known] == [
        ("CREDIT_CARD", True),
        ("EMAIL_ADDRESS", True),
        ("PERSON", False),  # no surrogate for a name: its token, bracketed
    ]
    values = [("CREDIT_CARD", "4111111111111111", "C100002"), ("EMAIL_ADDRESS", "g.briggs@example.com", None)]
    surrogates = vault.tokenize_batch(values, format_preserving=True)
    assert surrogates[0].startswith("0") and surrogates[0].endswith("1111")
    assert surrogates[1].endswith("@pv.invalid")
    (written,) = clean(zone, run(zone, vault, "billing_notes"))["line"].tolist()
    name = crm_tokens(zone, vault)["C100002"]["name"]
    assert written == f"refund to {surrogates[0]}, receipt to {surrogates[1]}, ask {name}"


REGISTER_ELSEWHERE = """
import sys
from vault.store import Vault
with Vault.open(sys.argv[1]) as vault:
    vault.tokenize_batch([("ADDRESS", "12 Quarry Lane, ZZ1 1ZZ Newtown", "C100009")])
"""


def test_a_subject_another_process_registered_just_before_is_matched(zone):
    import subprocess
    import sys
    from pathlib import Path

    from vault.store import Vault

    with Vault.open(zone.vault_url) as vault:
        crm_tokens(zone, vault)
        first = KnownSubjects.load(vault).scanner.index  # cached for the next run of this process
    repo = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", REGISTER_ELSEWHERE, zone.vault_url], cwd=repo, check=True)
    write(zone.base_dir, "chats/later.log", "agent: parcel for 12 quarry lane came back\n")
    with Vault.open(zone.vault_url) as vault:  # the next run, in the same process, seconds later
        assert KnownSubjects.load(vault).scanner.index is not first
        (line,) = clean(zone, run(zone, vault, "chats", relpath="later.log"))["line"].tolist()
        (address,) = vault.tokenize_batch([("ADDRESS", "12 Quarry Lane, ZZ1 1ZZ Newtown", "C100009")])
        assert line == f"agent: parcel for {address} came back"
        again = KnownSubjects.load(vault).scanner.index
        assert KnownSubjects.load(vault).scanner.index is again  # nothing changed since: reused
