"""Presidio's own test tables for cards, emails and phones, run against piivault's recognizers and through
`detect` (rows in tests/recognizers/data/presidio_tables.py, credited there)."""

import pytest

from recognizers import detect
from recognizers.credit_card_recognizer import CardNumberRecognizer
from recognizers.email_recognizer import EmailAddressRecognizer
from recognizers.phone_recognizer import PhoneNumberRecognizer
from tests.recognizers.conftest import spans
from tests.recognizers.data.presidio_tables import (
    CREDIT_CARD_ROWS,
    DIVERGENT_ROWS,
    EMAIL_ROWS,
    PHONE_EXTRA_REGIONS,
    PHONE_ROWS,
)
from values.phones import DEFAULT_REGIONS


def _spans(results):
    return sorted((r.start, r.end) for r in results)


@pytest.mark.parametrize("text, expected", CREDIT_CARD_ROWS)
def test_presidio_credit_card_rows(text, expected):
    assert _spans(CardNumberRecognizer().analyze(text, ["CREDIT_CARD"])) == expected
    assert spans(detect([text], ["CREDIT_CARD"])[0]) == expected


@pytest.mark.parametrize("text, expected", EMAIL_ROWS)
def test_presidio_email_rows(text, expected):
    assert _spans(EmailAddressRecognizer().analyze(text, ["EMAIL_ADDRESS"])) == expected
    assert spans(detect([text], ["EMAIL_ADDRESS"])[0]) == expected


@pytest.mark.parametrize("text, expected", PHONE_ROWS)
def test_presidio_phone_rows(text, expected):
    recognizer = PhoneNumberRecognizer(regions=DEFAULT_REGIONS + PHONE_EXTRA_REGIONS)
    assert _spans(recognizer.analyze(text, ["PHONE_NUMBER"])) == expected


@pytest.mark.parametrize("entity, text, expected, reason", DIVERGENT_ROWS)
def test_documented_divergences_from_presidio(entity, text, expected, reason):
    assert reason
    recognizer = PhoneNumberRecognizer(regions=DEFAULT_REGIONS + PHONE_EXTRA_REGIONS)
    assert _spans(recognizer.analyze(text, [entity])) == expected
