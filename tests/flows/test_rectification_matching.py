"""Finding a value's spellings by its token (no plaintext kept); aligning a clean cell with its raw one."""

from __future__ import annotations

import pytest

from flows.rectification.matching import OldValueMatcher, placeholder_spans_in_raw, value_shape
from vault.store import Vault

KEK = bytes(range(32))
T1, T2 = "[pv:name:aaaaaaaaaaaaaaaaaaaa]", "[pv:addr:bbbbbbbbbbbbbbbbbbbb]"


@pytest.fixture(scope="module")
def vault(tmp_path_factory):
    opened = Vault.open(f"sqlite:///{tmp_path_factory.mktemp('v')}/vault.db", kek=KEK)
    yield opened
    opened.close()


def matcher(vault, entity_type: str, value: str, shaped: bool = True) -> OldValueMatcher:
    token = vault.deriver.derive(entity_type, value).token
    shape = value_shape(vault, entity_type, value) if shaped else None
    return OldValueMatcher(vault, token, entity_type, shape)


@pytest.mark.parametrize(
    "entity_type, value, text, found",
    [
        ("PERSON", "Ann Lee", "Hi, this is ANN  LEE, my invoice", ["ANN  LEE"]),
        ("PERSON", "Ann Lee", "name:Ann Lee;", ["Ann Lee"]),
        ("PERSON", "Ann Lee", "Anne Lee wrote", []),
        ("ADDRESS", "1 Main St, Ghent", "ship to 1 main st ,Ghent. thanks", ["1 main st ,Ghent"]),
        ("ADDRESS", "1 Main St, Ghent", "ship to 1 Main St,\nGhent", ["1 Main St,\nGhent"]),
        ("EMAIL_ADDRESS", "ann@example.org", "mail ANN@Example.org or ann@example.net", ["ANN@Example.org"]),
        ("PHONE_NUMBER", "+32470123456", "call 0470 12 34 56 or +32 470 12 34 57", ["0470 12 34 56"]),
        ("PHONE_NUMBER", "+32470123456", "+32470123456", ["+32470123456"]),
    ],
)
def test_spellings_of_a_value_are_found_by_its_token(vault, entity_type, value, text, found):
    for shaped in (True, False):
        spans = matcher(vault, entity_type, value, shaped).spans(text)
        assert [text[s:e] for s, e in spans] == found


def test_an_old_name_inside_the_new_one_does_not_count(vault):
    old, new = matcher(vault, "PERSON", "Ann Lee"), matcher(vault, "PERSON", "Ann Lee Smith", shaped=False)
    assert old.found_in("Dear Ann Lee Smith,") and not old.found_in("Dear Ann Lee Smith,", new)
    assert old.found_in("Ann Lee Smith and Ann Lee", new)


@pytest.mark.parametrize(
    "clean, raw, expected",
    [
        (T1, "Ann Lee", [(0, 7, T1)]),
        (f"this is {T1}, at {T2}.", "this is ANN LEE, at 1 Main St, Ghent.", [(8, 15, T1), (20, 36, T2)]),
        ("no tokens", "no tokens", []),
        (f"this is {T1}!", "something else entirely", None),
    ],
)
def test_a_clean_cell_aligns_with_its_raw_cell(clean, raw, expected):
    assert placeholder_spans_in_raw(clean, raw) == expected
