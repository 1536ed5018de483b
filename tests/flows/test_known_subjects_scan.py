"""The known-subject scanner reads a batch at once (its words split once for the whole batch, the gaps
decided together, n-gram hashes extended from the one before, digit runs read once, its caches kept from
file to file): what it finds must be what reading each text alone, form by form, finds. The reference
below is that plain reading, written out as the scanner first did it."""

from __future__ import annotations

import threading

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.tokenize import known_subjects
from flows.tokenize.known_subjects import (
    DIGIT_GROUP,
    DIGIT_RUN,
    EMAIL_CANDIDATE,
    HAS_DIGITS,
    MAX_DIGITS,
    MAX_GAP,
    MIN_DIGITS,
    Match,
    TextScanner,
    longest_first,
    shared_scanner,
)
from values.normalise import normalise_email
from values.token_format import PLACEHOLDER_PATTERN
from vault.fingerprint_index import FingerprintIndex
from vault.fingerprints import (
    DIGITS,
    EMAIL,
    KIND_CODES,
    WORDS,
    Fingerprinter,
    fold_word,
    key_forms,
    value_forms,
    word_spans,
    word_table,
)

FINGERPRINTER = Fingerprinter(b"k" * 32)
VALUES = [
    ("PERSON", "Georgia Briggs"),
    ("PERSON", "Tomasz Wójcik"),
    ("PERSON", "Anna Maria de la Cruz"),
    ("ADDRESS", "Flat 2, 155 Ashleigh Ports, North Martynborough, S39 9UH"),
    ("ADDRESS", "9 David Canyon, FY2 8ZG Youngmouth"),
    ("PHONE_NUMBER", "+44 7700 900123"),
    ("EMAIL_ADDRESS", "g.briggs@example.com"),
    ("CREDIT_CARD", "4111 1111 1111 1111"),
]
KEYS = ["C100002", "CU 123456"]


def _index() -> FingerprintIndex:
    rows = {}
    for kind, value in VALUES:
        for form in value_forms(kind, value):
            rows[FINGERPRINTER.form(form)] = (KIND_CODES[kind], FINGERPRINTER.first_word(form), form.words)
    for key in KEYS:
        for form in key_forms(key):
            rows[FINGERPRINTER.form(form)] = (
                KIND_CODES["SUBJECT"],
                FINGERPRINTER.first_word(form),
                form.words,
            )
    fps = np.array(list(rows), dtype=np.int64)
    info = np.array([r[0] for r in rows.values()], dtype=np.uint8)
    first = np.array([r[1] for r in rows.values()], dtype=np.int64)
    count = np.array([r[2] for r in rows.values()], dtype=np.int64)
    return FingerprintIndex.from_arrays(fps, info, first, count)


INDEX = _index()


def _joinable(gap: str) -> bool:
    return len(gap) <= MAX_GAP and sum(not c.isspace() for c in gap) <= 2


def read_alone(text: str) -> list[Match]:
    """One text, form by form: each word n-gram hashed whole, each digit run read afresh."""
    candidates = []
    spans = word_spans(text)
    for first, word in enumerate(spans):
        longest = int(INDEX.start_lengths(np.array([FINGERPRINTER.word(fold_word(word.group(0)))]))[0])
        if not longest:
            continue
        form = fold_word(word.group(0))
        candidates.append((word.start(), word.end(), FINGERPRINTER.hash(WORDS, form)))
        for last in range(first + 1, min(first + longest, len(spans))):
            if not _joinable(text[spans[last - 1].end() : spans[last].start()]):
                break
            form += " " + fold_word(spans[last].group(0))
            candidates.append((word.start(), spans[last].end(), FINGERPRINTER.hash(WORDS, form)))
    for m in EMAIL_CANDIDATE.finditer(text):
        candidates.append((m.start(), m.end(), FINGERPRINTER.hash(EMAIL, normalise_email(m.group(0)))))
    if HAS_DIGITS.search(text):
        for run in DIGIT_RUN.finditer(text):
            groups = [
                (run.start() + g.start(), run.start() + g.end(), g.group(0))
                for g in DIGIT_GROUP.finditer(run.group(0))
            ]
            for i, (start, _end, _digits) in enumerate(groups):
                if start > run.start() and text[start - 1] == "+":
                    start -= 1
                digits, trimmed = "", ""
                for j in range(i, len(groups)):
                    digits += groups[j][2]
                    trimmed += "" if (j > i and groups[j][2] == "0") else groups[j][2]
                    if len(digits) > MAX_DIGITS + 2:
                        break
                    forms = {digits, trimmed}
                    forms |= {f[2:] for f in forms if f.startswith("00")}
                    for form in sorted(forms):
                        if MIN_DIGITS <= len(form) <= MAX_DIGITS:
                            candidates.append((start, groups[j][1], FINGERPRINTER.hash(DIGITS, form)))
    info = INDEX.lookup(np.array([c[2] for c in candidates], dtype=np.int64)) if candidates else []
    found = [Match(s, e, h, int(b)) for (s, e, h), b in zip(candidates, info, strict=True) if b]
    blocked = [m.span() for m in PLACEHOLDER_PATTERN.finditer(text)]
    return longest_first(found, blocked)


PIECES = [
    "9 David Canyon",
    "Flat 2, 155 Ashleigh Ports",
    "anna maria de la cruz",
    "Cruz, Anna Maria de la",
    "9 david canyon fy2 8zg youngmouth",
    "Georgia",
    "BRIGGS",
    "briggs",
    "Wójcik",
    "wojcik",
    "Tomasz",
    "Anna",
    "Maria",
    "de",
    "la",
    "Cruz",
    "Flat",
    "2",
    "155",
    "Ashleigh",
    "Ports",
    "9",
    "david",
    "CANYON",
    "C100002",
    "CU",
    "123456",
    "cu_123456",
    "+44",
    "7700",
    "900123",
    "07700",
    "900 123",
    "0044",
    "(0)",
    "4111",
    "1111",
    "g.briggs@example.com",
    "G.Briggs@Example.COM",
    "2026-01-05T13:44:44Z",
    "²",
    "ｆｕｌｌ",
    "日本",
    "e\u0301",
    "[pv:PERSON:ab12]",
    "x",
]
GAPS = [
    " ",
    "  ",
    "\n",
    ", ",
    ": ",
    " - ",
    "\t",
    "_",
    ",,,",
    "\x00",
    "\x00\x00\x00",
    "",
    ". ",
    "\u00a0",
    "  ,  ,  ",
]
texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=14).map(
    lambda parts: "".join(piece + gap for piece, gap in parts)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, min_size=1, max_size=8))
def test_a_batch_finds_what_each_text_read_alone_finds(batch):
    scanner = TextScanner(INDEX, FINGERPRINTER)
    assert scanner.scan(batch) == [read_alone(text) for text in batch]
    assert scanner.scan(batch) == [read_alone(text) for text in batch]  # again, from its caches


def test_no_form_is_joined_across_two_texts_of_a_batch():
    scanner = TextScanner(INDEX, FINGERPRINTER)
    found = scanner.scan(["asked for Georgia", "Briggs called", "Georgia Briggs"])
    assert [[(m.start, m.end) for m in matches] for matches in found] == [[], [], [(0, 14)]]


def test_the_word_table_splits_as_the_scanner_did_text_by_text():
    batch = ["Flat 2,\n155 Ashleigh_Ports", "", "x²y 12³ ｆｕｌｌ e\u0301te", "a\x00b  ,  c", "\ud800 Anna"]
    table = word_table(batch)
    expected = []
    for number, text in enumerate(batch):
        spans = word_spans(text)
        for k, m in enumerate(spans):
            before = spans[k - 1].end() if k else 0
            gap = text[before : m.start()]
            expected.append(
                (number, m.group(0), m.start(), m.end(), len(gap), sum(not c.isspace() for c in gap))
            )
    got = []
    for k, written in enumerate(table.written):
        number = int(np.searchsorted(table.text_starts, table.starts[k], side="right")) - 1
        offset = int(table.text_starts[number])
        got.append((number, written, int(table.starts[k]) - offset, int(table.ends[k]) - offset))
    assert got == [e[:4] for e in expected]
    within = [
        k for k, e in enumerate(expected) if k and expected[k - 1][0] == e[0]
    ]  # not a text's first word
    assert [(int(table.gap_sizes[k]), int(table.gap_marks[k])) for k in within] == [
        expected[k][4:] for k in within
    ]


def test_sequence_hashes_are_the_hashes_of_the_longer_forms():
    words = ["9", "david", "canyon", "fy2", "8zg", "youngmouth", "müller"]
    assert FINGERPRINTER.sequence_hashes(words) == [
        FINGERPRINTER.hash(WORDS, " ".join(words[:n])) for n in range(2, len(words) + 1)
    ]


def test_a_scanner_serves_the_next_file_of_the_same_index_key_and_thread():
    scanner = shared_scanner(INDEX, FINGERPRINTER)
    assert shared_scanner(INDEX, Fingerprinter(b"k" * 32)) is scanner  # the same key, another object
    assert (
        shared_scanner(INDEX, Fingerprinter(b"j" * 32)) is not scanner
    )  # its word hashes are not this key's
    assert shared_scanner(_index(), FINGERPRINTER) is not shared_scanner(INDEX, FINGERPRINTER)
    elsewhere = []
    thread = threading.Thread(target=lambda: elsewhere.append(shared_scanner(INDEX, FINGERPRINTER)))
    thread.start()
    thread.join()
    assert elsewhere[0] is not shared_scanner(INDEX, FINGERPRINTER)


def test_the_scanner_caches_stay_within_their_limits(monkeypatch):
    # a run's caches outlive its files (`shared_scanner`): full, each becomes the old generation and a new
    # one starts, what recurs comes back from the old one, and what is scanned is found as before
    monkeypatch.setattr(known_subjects, "WORD_CACHE_LIMIT", 50)
    monkeypatch.setattr(known_subjects, "RUN_CACHE_LIMIT", 20)
    scanner = TextScanner(INDEX, FINGERPRINTER)
    texts = [f"call 0612 345 {678 + n:03d} re order w{n}x and item z{n}q" for n in range(200)]
    fresh = [TextScanner(INDEX, FINGERPRINTER).scan([text])[0] for text in texts]
    for number, (text, expected) in enumerate(zip(texts, fresh, strict=True)):
        assert scanner.scan([text])[0] == expected
        assert len(scanner._words.new) <= 50 and len(scanner._runs.new) <= 20
        assert len(scanner._words.old) <= 50 and len(scanner._runs.old) <= 20
        if number == 0:
            recurring = scanner._words.new["call"]
    assert scanner._words.old and scanner._runs.old  # they did fill, more than once
    assert scanner._words.new["call"] is recurring  # back from each old generation, never hashed again
