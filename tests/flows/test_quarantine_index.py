"""The quarantine index never hides a record erasure must see, and the narrowed scan finds exactly what the
full scan finds.

Each row is a value of the subject written the way a broken record may hold it (another case, national
phone formats, card separators, decomposed accents, an email glued to a letter or written out, a customer
id); on a real SQLite vault the full finder (no index) must find it, the record's index must let the
record through, and the finder narrowed by that index must return the same verdict. Records without the
value are ruled out, and the index is keyed and salted: it holds no word, and neither another vault's
index of the same record nor the same record indexed again shares an entry with it.
"""

from __future__ import annotations

import base64
import hashlib
import random
import unicodedata

import pytest

from flows.demo.synthetic_people import render_phone
from flows.erasure.quarantine import SubjectFinder, word_runs
from flows.pipeline.quarantine_index import (
    FORMS_MARK,
    HASH_BYTES,
    SALT_BYTES,
    RecordIndex,
    SubjectHashes,
    index_key,
    value_hashes,
    words_of,
)
from flows.requests.subject import Footprint, entity_type_of
from tests.flows.test_erasure_zone import make_people
from values.normalise import normalise_text
from vault.store import Vault

PERSON = make_people().subject
NFD_NAME = "José García"  # decomposed: 3 words for the finder (Jose, Garci, a)
ADDRESS = "Quarglestraat 77, 9999 Kanarieveld"
LOCAL, DOMAIN = PERSON.email.split("@")


def _random_latin1(size: int, seed: int = 5) -> str:
    data = random.Random(seed).randbytes(size).translate(bytes(32 + b * 224 // 256 for b in range(256)))
    return data.decode("utf-8", "surrogateescape")


@pytest.fixture(scope="module")
def vault(tmp_path_factory):
    with Vault.open(f"sqlite:///{tmp_path_factory.mktemp('index-vault') / 'vault.db'}") as opened:
        yield opened


def _index(vault: Vault, data: bytes) -> RecordIndex:
    key = index_key(vault)
    return RecordIndex(key, key.record_index(data))


def _finders(vault: Vault, entity_type: str, value: str) -> tuple[SubjectFinder, SubjectFinder, Footprint]:
    """(full finder, indexed finder, footprint) for a subject holding only `value` (or the customer id)."""
    subject = vault.subject_id(PERSON.customer_id)
    if entity_type == "SUBJECT_KEY":
        fp = Footprint("one", subjects=[subject])
        values = {}
    else:
        token = vault.deriver.derive(entity_type, value).token
        strong = [token] if entity_type in ("EMAIL_ADDRESS", "PHONE_NUMBER") else []
        fp = Footprint("one", [subject], [token], [token], strong)
        values = {token: (entity_type, value)}
    hashes = SubjectHashes.of(index_key(vault), fp.subjects, values)
    return SubjectFinder(vault, fp), SubjectFinder(vault, fp, hashes), fp


FOUND = [
    ("EMAIL_ADDRESS", PERSON.email, f'{{"user": {{"email": "{PERSON.email.upper()}"'),
    ("EMAIL_ADDRESS", PERSON.email, f"mail {PERSON.email}2 today"),  # the TLD glued to a digit
    ("EMAIL_ADDRESS", PERSON.email, f"contact:é{PERSON.email} \udcff"),  # glued to a non-ASCII letter
    ("EMAIL_ADDRESS", "9x@example.org", "a@b.cc9x@example.org"),  # starts right after another address
    ("EMAIL_ADDRESS", PERSON.email, f"write {LOCAL} [at] {DOMAIN.replace('.', ' [dot] ')} please"),
    ("EMAIL_ADDRESS", PERSON.email, f"mail {LOCAL.replace('.', ' dot ')} at {DOMAIN.replace('.', ' dot ')}"),
    ("EMAIL_ADDRESS", PERSON.email, f"SSR CTCE KL HK1/{LOCAL.upper()}//{DOMAIN.upper()}/P1"),
    ("PHONE_NUMBER", PERSON.mobile, f"call {render_phone(PERSON.mobile, 'national')} \udcff"),
    ("PHONE_NUMBER", PERSON.mobile, f"tel:{render_phone(PERSON.mobile, 'international')}"),
    ("PHONE_NUMBER", PERSON.mobile, f"sms {render_phone(PERSON.mobile, 'international_00')}, thanks"),
    (
        "CREDIT_CARD",
        PERSON.card_number,
        f"card {'-'.join(PERSON.card_number[i : i + 4] for i in (0, 4, 8, 12))}",
    ),
    ("CREDIT_CARD", PERSON.card_number, f"pan={PERSON.card_number};amount=12"),
    ("PERSON", PERSON.full_name, f"plans for {PERSON.full_name.upper()}, thanks"),
    ("PERSON", PERSON.full_name, f"plans for {PERSON.first_name}  {PERSON.last_name}\udcff"),
    ("PERSON", NFD_NAME, "soy " + unicodedata.normalize("NFD", NFD_NAME) + " \udcff"),
    ("PERSON", NFD_NAME, "soy " + NFD_NAME.upper() + ", gracias"),
    ("ADDRESS", ADDRESS, "deliver to Quarglestraat 77 ,9999  Kanarieveld for"),
    ("ADDRESS", "Straße 5, 1000 Berlin", "to STRASSE 5, 1000 BERLIN \udcff"),
    ("ADDRESS", ADDRESS, "Quarglestraat 77, 9999 Kanarieveld. " + _random_latin1(20_000)),
    ("SUBJECT_KEY", "", f"ref {PERSON.customer_id}; {_random_latin1(20_000)}"),
]


@pytest.mark.parametrize("entity_type, value, text", FOUND)
def test_a_record_holding_the_value_is_let_through_and_scanned_alike(vault, entity_type, value, text):
    full, indexed, _fp = _finders(vault, entity_type, value)
    data = text.encode("utf-8", "surrogateescape")
    verdict = full.judge(data)
    assert verdict[1], "the full scan finds the value"
    index = _index(vault, data)
    assert indexed.may_hold(index)
    assert indexed.narrowed(index).judge(data) == verdict
    assert indexed.judge(data) == verdict  # the first-word filter alone changes nothing either


NOT_FOUND = [
    ("EMAIL_ADDRESS", PERSON.email, f"mail someone.else@{DOMAIN} today"),
    ("PHONE_NUMBER", PERSON.mobile, "call +32 2 555 12 34 " + _random_latin1(5_000)),
    ("CREDIT_CARD", PERSON.card_number, "card 4111 1111 1111 1111"),
    ("PERSON", PERSON.full_name, f"plans for {PERSON.first_name} Quargleworth"),
    ("ADDRESS", ADDRESS, "deliver to Quarglestraat 78, 9999 Elsewhere"),
    ("SUBJECT_KEY", "", "ref CUST-NOBODY-1; " + _random_latin1(64_000)),
]


@pytest.mark.parametrize("entity_type, value, text", NOT_FOUND)
def test_a_record_without_the_value_is_ruled_out(vault, entity_type, value, text):
    full, indexed, _fp = _finders(vault, entity_type, value)
    data = text.encode("utf-8", "surrogateescape")
    assert full.judge(data) == ([], [])
    assert not indexed.may_hold(_index(vault, data))


def test_an_unknown_value_or_an_old_entry_is_never_ruled_out(vault):
    _full, indexed, fp = _finders(vault, "PERSON", PERSON.full_name)
    index = _index(vault, b"nothing of theirs here")
    assert not indexed.may_hold(index)
    assert indexed.may_hold(None)  # no index: an entry written before it existed, or too big
    unreadable = SubjectHashes.of(index_key(vault), fp.subjects, {})  # the vault gave no value back
    assert SubjectFinder(vault, fp, unreadable).may_hold(index)


def _entries(index: bytes) -> set[bytes]:
    return {index[i : i + HASH_BYTES] for i in range(SALT_BYTES, len(index), HASH_BYTES)}


def test_the_index_is_keyed_salted_and_holds_no_word(vault, tmp_path):
    data = f"plans for {PERSON.full_name}, call {PERSON.mobile}, ref {PERSON.customer_id}".encode()
    key = index_key(vault)
    index = key.record_index(data)
    assert index and (len(index) - SALT_BYTES) % HASH_BYTES == 0
    for word in (PERSON.first_name.lower(), PERSON.last_name.lower(), PERSON.customer_id.lower()):
        assert word.encode() not in index
    ours = _entries(index)
    with Vault.open(f"sqlite:///{tmp_path / 'other.db'}") as other:
        elsewhere = _entries(index_key(other).record_index(data, salt=index[:SALT_BYTES]))
    assert len(ours) == len(elsewhere) and not ours & elsewhere  # another vault's key: nothing in common
    again = key.record_index(data)  # the same record quarantined twice: its own salt each time
    assert not ours & _entries(again)
    plain = {hashlib.blake2b(f"w\x00{w}".encode(), digest_size=HASH_BYTES).digest() for w in ("plans", "for")}
    assert not plain & ours  # not a plain hash either: nobody without the key can test a guess
    needs = value_hashes(key, "PERSON", PERSON.full_name)["needs"]
    assert {key.entry(base64.b64decode(n), index[:SALT_BYTES]) for n in needs} <= ours
    for blob in (index, again):
        assert all(base64.b64decode(n) in RecordIndex(key, blob) for n in needs)


@pytest.mark.parametrize(
    "text",
    [
        '{"search": "deliver to Quarglestraat 77 ,9999  Kanarieveld for ZEBULON Quargleworth", "user": {',
        "St.Mary's Rd. 5/A;  London: N1 9GU.\tUK -- O'Brien-Smith,, call",
        b"Rue de la Loi 16 \xff\xfe 1000 Bruxelles. J. M. F. Dupont".decode("utf-8", "surrogateescape"),
        "Chaussée de Wavre 12, 1050 Ixelles — Ⅻ ﬁne Straße",
        unicodedata.normalize("NFD", "Zoë Ångström, Rue Wéry 3 ™ ½") + " ACME™ Ltd",
    ],
)
def test_word_runs_opened_at_a_first_word_are_every_run_that_begins_with_it(text):
    runs = list(word_runs(text, 16))
    assert runs == list(word_runs(text, 16, lambda _word: True))
    for first in {words_of(form)[0] for _s, _e, _w, form in runs if words_of(form)}:
        wanted = [run for run in runs if words_of(run[3])[:1] == [first]]
        opened = list(word_runs(text, 16, lambda word, first=first: word == first))
        assert set(wanted) <= set(opened) <= set(runs)
        assert all(form == normalise_text(text[start:end]) for start, end, _w, form in opened)


def test_every_cluster_value_gets_its_hashes_or_is_left_unknown(vault):
    values = {
        vault.deriver.derive("EMAIL_ADDRESS", PERSON.email).token: ("EMAIL_ADDRESS", PERSON.email),
        vault.deriver.derive("PHONE_NUMBER", PERSON.mobile).token: ("PHONE_NUMBER", PERSON.mobile),
        vault.deriver.derive("PERSON", PERSON.full_name).token: ("PERSON", PERSON.full_name),
    }
    hashes = SubjectHashes.of(index_key(vault), [vault.subject_id(PERSON.customer_id)], values)
    assert set(hashes.values) == set(values)
    assert all(v["needs"] for v in hashes.values.values())
    assert [entity_type_of(t) for t, v in hashes.values.items() if v["first"]] == ["PERSON"]
    assert SubjectHashes.from_dict(hashes.to_dict()) == hashes


FORMS_NAME, FORMS_ADDRESS = "Tomasz Wójcik", "9 David Canyon, FY2 8ZG Youngmouth"
FORMS_RECORDS = [  # (record, what of the subject's is in it): written forms the stored values are not
    (b"parcel left at 9 david canyon yesterday", ["ADDRESS"]),  # the street line alone
    (b"WOJCIK, Tomasz called about a parcel", ["PERSON"]),  # family name first, no accent
    (
        "agent: wójcik tomasz, 9 DAVID\ncanyon \udcff".encode("utf-8", "surrogateescape"),
        ["ADDRESS", "PERSON"],
    ),
]


@pytest.fixture(scope="module")
def forms_subject(vault):
    """A subject holding a name and an address only (fingerprinted by a real tokenize batch), their
    footprint and the subject's side of the index (with the fingerprints)."""
    key = "C777001"
    name, address = vault.tokenize_batch([("PERSON", FORMS_NAME, key), ("ADDRESS", FORMS_ADDRESS, key)])
    subjects = [vault.subject_id(key)]
    fp = Footprint("forms", subjects, [name, address], [name, address], [])
    values = {name: ("PERSON", FORMS_NAME), address: ("ADDRESS", FORMS_ADDRESS)}
    fingerprints = [f.to_list() for f in vault.subject_fingerprints(subjects)]
    return fp, SubjectHashes.of(index_key(vault), subjects, values, fingerprints)


@pytest.mark.parametrize("record, kinds", FORMS_RECORDS)
def test_a_record_holding_a_written_form_of_a_value_is_let_through_and_redacted(
    vault, forms_subject, record, kinds
):
    fp, hashes = forms_subject
    index = _index(vault, record)
    assert SubjectFinder(vault, fp, hashes).may_hold(index)
    view = SubjectFinder(vault, fp, hashes).narrowed(index)
    theirs, spans = view.judge(record)
    assert theirs == []  # no identifier of theirs: only their own values go
    assert sorted({kind for _s, _e, kind in spans}) == kinds
    redacted = view.redact(record).lower()
    for word in (b"canyon", b"tomasz", "wójcik".encode(), b"wojcik"):
        assert word not in redacted
    assert SubjectFinder(vault, fp).judge(record) == ([], [])  # the stored values alone: none of them


def test_an_index_rules_out_a_record_without_the_words_of_any_form(vault, forms_subject):
    fp, hashes = forms_subject
    key = index_key(vault)
    for record in (b"georgia asked about youngmouth", b"9 other canyon, fy2"):
        index = _index(vault, record)
        assert not SubjectFinder(vault, fp, hashes).may_hold(index)
    # an index written before the fingerprints' folding (no mark) cannot rule a written form out
    blob = key.record_index(b"georgia asked about youngmouth")
    salt, mark = blob[:SALT_BYTES], key.entry(key.word(FORMS_MARK), blob[:SALT_BYTES])
    entries = [blob[i : i + HASH_BYTES] for i in range(SALT_BYTES, len(blob), HASH_BYTES)]
    assert mark in entries
    older = RecordIndex(key, salt + b"".join(e for e in entries if e != mark))
    assert SubjectFinder(vault, fp, hashes).may_hold(older)
    assert SubjectHashes.from_dict(hashes.to_dict()) == hashes and hashes.fingerprints
