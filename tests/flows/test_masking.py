"""Masked evidence keeps a value's shape but not the value."""

from __future__ import annotations

import pytest

from flows.scan.masking import mask_value


@pytest.mark.parametrize(
    "entity, value, masked",
    [
        ("EMAIL_ADDRESS", "jane.doe@example.com", "j***@e***.com"),
        ("EMAIL_ADDRESS", "JOHN@MAIL.CO.UK", "J***@M***.UK"),
        ("PHONE_NUMBER", "+32 475 12 34 56", "+32 *** ** ** 56"),
        ("PHONE_NUMBER", "02 555 12 34", "** *** ** 34"),
        ("CREDIT_CARD", "4111 1111 1111 1111", "**** **** **** 1111"),
        ("PERSON", "Jane DOE", "J*** D***"),
        ("ADDRESS", "Rue Haute 12, 1000 Bruxelles", "R*** H*** **, *** B***"),
    ],
)
def test_masks(entity, value, masked):
    assert mask_value(entity, value) == masked


def test_compact_e164_keeps_no_country_guess():
    assert mask_value("PHONE_NUMBER", "+33612345616") == "+*********16"
