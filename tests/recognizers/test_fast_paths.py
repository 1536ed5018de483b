"""The cheap tests that spare an expensive scan (pattern gates, the organisations' gate, the lower-case
words of the NER trigger, the start of the key search) never change what the scan finds."""

import pytest

from recognizers.batch import _word_kind, detector
from recognizers.context import key_before
from recognizers.names.gates import PATTERN_GATES
from recognizers.names.patterns import PATTERNS
from recognizers.organisations import organisation_spans
from recognizers.person_recognizer import PersonRecognizer


def test_pattern_gates_belong_to_patterns_and_are_lower_case():
    names = {pattern.name for pattern in PATTERNS}
    for rule, words in PATTERN_GATES.items():
        assert rule in names
        assert all(word == word.lower() for word in words)


@pytest.mark.parametrize(
    "text",
    [
        'customer_name="Ann Lee" status=ok',
        "cn=Ann Lee,ou=Customers,dc=example",
        '{"path": "/contact/holder", "value": "Ann Lee"}',
        '{"name": {"given": "Ann", "family": "Lee"}}',
        "<Recipient>Ann Lee</Recipient>",
        "From: Ann Lee <ann@example.com>",
        "FIRSTNAME: Ann; LAST_NAME: LEE",
        "Caller: Ann Lee",
        "Reviewed-By: Ann Lee",
        "Holder: Ann Lee (as on card)",
        # `(?i)` reads `ſ` as `s` and `İ` as `i`: the gates must not refuse these
        "ſender: Ann Lee",
        "SİGNED BY: Ann Lee",
        "İNSTALLER: Ann Lee",
        "plain prose without a single cue",
    ],
)
def test_gates_change_no_pattern_result(text):
    gated = PersonRecognizer()
    ungated = PersonRecognizer()
    ungated._gates = [None] * len(PATTERNS)

    def spans(recognizer):
        return [(r.start, r.end, r.score) for r in recognizer.pattern_results(text, [])]

    assert spans(gated) == spans(ungated)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("bought at Hugo Boss today", ["Hugo Boss"]),
        ("HUGO\tBOSS outlet", ["HUGO\tBOSS"]),
        ("MARKS AND SPENCER", ["MARKS AND SPENCER"]),
        ("lloyds bank", ["lloyds bank"]),
        ("Lloydſ Bank", ["Lloydſ Bank"]),  # `ſ` is an `s` to `(?i)`, not to lower()
        ("Hugo Martin called", []),
        ("Hugo Bossa", []),
    ],
)
def test_organisation_spans(text, expected):
    assert [text[start:end] for start, end in organisation_spans(text)] == expected


@pytest.mark.parametrize(
    "word, expected",
    [
        ("hello", "other"),
        ("zoë", "other"),
        ("12:30:01", "other"),
        ("—", "other"),
        ("Ann", "name"),
        ("(Ann),", "name"),
        ("İlker", "name"),
        ("ANN", "caps"),
        ("ANN-LEE", "caps"),
        ("ℂℍ", "caps"),  # capitals without a lower case
        ("Subject:", "other"),
        ("name=Ann", "name"),
        ("id=Ann", "other"),
        ("CU-123456", "other"),
    ],
)
def test_word_kind(word, expected):
    assert _word_kind(word, detector().keywords) == expected


@pytest.mark.parametrize(
    "before, expected",
    [
        ("order_id=", "order_id"),
        ('{"msisdn": "', "msisdn"),
        ("Tel.: ", "Tel"),
        ("call the caller ", "caller"),
        ("Order #", "Order"),
        ("x.y-z -> ", "x.y-z"),
        ("see 12 ", ""),
        ("é=", ""),
        ("a" * 50 + "= ", "a" * 41),  # the window's leftmost start, the shortest key from it
        ('{"path": "/contact/phone", "value": "', "phone"),
    ],
)
def test_key_before(before, expected):
    assert key_before(before + "0471 12 34 56", len(before)) == expected
