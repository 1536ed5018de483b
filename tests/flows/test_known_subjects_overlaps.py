"""Choosing among overlapping known-subject matches: the longest wins, placeholders are never entered, and
the choice is the same as comparing every pair (the first way it was written, which took minutes on a
long quarantined line)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from flows.tokenize.known_subjects import Match, longest_first


def pairwise(matches: list[Match], blocked: list[tuple[int, int]]) -> list[Match]:
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        if any(match.start < end and start < match.end for start, end in blocked):
            continue
        if all(match.end <= k.start or k.end <= match.start for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


spans = st.tuples(st.integers(0, 200), st.integers(1, 30)).map(lambda p: (p[0], p[0] + p[1]))


def disjoint(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Placeholders in a text never overlap one another."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


@given(st.lists(spans, max_size=60), st.lists(spans, max_size=8).map(disjoint))
def test_the_same_choice_as_comparing_every_pair(found, blocked):
    matches = [Match(start, end, number, 0) for number, (start, end) in enumerate(found)]
    assert longest_first(matches, blocked) == pairwise(matches, blocked)


def test_the_longer_form_wins_and_a_placeholder_is_never_entered():
    full, given_name, family = Match(0, 13, 1, 0), Match(0, 7, 2, 0), Match(8, 13, 3, 0)
    assert longest_first([given_name, full, family], []) == [full]
    assert longest_first([given_name, full, family], [(10, 20)]) == [given_name]
