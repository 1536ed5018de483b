"""Property-based fuzzing of detection (issue 11): `recognizers.detect` on arbitrary Unicode text — prose
pieces, real-looking values, separators, control and combining characters, piivault tokens — never
crashes, and returns for each text findings of the asked-for entity types, within the text, sorted,
never overlapping one another nor a piivault token (`[pv:email:…]`, the erased marker).

Reproducible: Hypothesis runs derandomized, with no example database.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recognizers import DEFAULT_ENTITIES, detect
from values.token_format import ERASED_MARKER, TYPE_CODES, placeholder_spans

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI is reproducible
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
VALUES = (
    "zebulon.quargleworth@canarymail.com",
    "ZEBULON.QUARGLEWORTH@CANARYMAIL.COM",
    "+32 470 55 12 34",
    "0470/55.12.34",
    "4556 7375 8689 9855",
    "4556737586899855",
    "Zebulon Quargleworth",
    "Mr. Quargleworth",
    "Quarglestraat 77, 9999 Kanarieveld",
    "221B Baker Street, London NW1 6XE",
    "name: Ann Smith",
    "email=ann@example.com",
)
PIECES = (
    " ",
    "  ",
    "\n",
    "\t",
    ",",
    ";",
    ":",
    "=",
    "|",
    "@",
    ".",
    "-",
    "(",
    ")",
    '"',
    "'",
    "\u00a0",
    "\u200b",
)
tokens = st.builds(
    lambda code, body: f"[pv:{code}:{body}]",
    st.sampled_from(sorted(TYPE_CODES.values())),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz234567", min_size=20, max_size=20),
)
texts = st.lists(
    st.one_of(
        st.sampled_from(VALUES),
        st.sampled_from(PIECES),
        tokens,
        st.just(ERASED_MARKER),
        st.text(max_size=15),  # any Unicode: combining marks, scripts, controls, astral characters
        st.text(alphabet="0123456789 +-./()", max_size=16),
    ),
    max_size=10,
).map("".join)


@FUZZ
@given(batch=st.lists(texts, min_size=1, max_size=4))
def test_detect_on_any_text_returns_sorted_disjoint_findings_that_leave_tokens_alone(batch):
    results = detect(batch)
    assert len(results) == len(batch)
    for text, findings in zip(batch, results, strict=True):
        for finding in findings:
            assert finding.entity_type in DEFAULT_ENTITIES
            assert 0 <= finding.start < finding.end <= len(text)
            assert 0.0 <= finding.score <= 1.0
            for start, end in placeholder_spans(text):
                assert finding.end <= start or end <= finding.start, "a finding overlaps a piivault token"
        for before, after in zip(findings, findings[1:], strict=False):
            assert before.end <= after.start, "findings overlap or are out of order"


@FUZZ
@given(text=texts, entities=st.sets(st.sampled_from(DEFAULT_ENTITIES), min_size=1))
def test_detect_reports_only_the_entity_types_asked_for(text, entities):
    (findings,) = detect([text], entities=sorted(entities))
    assert {finding.entity_type for finding in findings} <= entities
