"""Which records anchor links through a shared strong identifier, and which do not."""

from __future__ import annotations

import pytest

from flows.tokenize.linking import anchored_records

E, P, N = "EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON"


@pytest.mark.parametrize(
    "record, expected",
    [
        ([(E, "e1", True), (P, "p1", False)], {"e1": {"p1"}}),  # web event: user.email + phone in search
        ([(E, "e1", True), (N, "n1", False), (P, "p1", False)], {"e1": {"n1", "p1"}}),
        ([(P, "p1", True), (P, "p2", True)], {}),  # call record: caller and callee are two people
        ([(E, "e1", False), (P, "p1", False)], {}),  # a chat line: free text anchors nothing
        ([(E, "e1", True)], {}),  # nothing else in the record
        ([(E, "e1", True), (E, "e1", True), (P, "p1", False)], {"e1": {"p1"}}),  # same identifier twice
        ([(E, "[pv:erased]", True), (P, "p1", False)], {}),  # an erased anchor links nothing
    ],
)
def test_anchors(record, expected):
    assert anchored_records([record]) == expected
