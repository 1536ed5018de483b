"""Normalisation: spellings of one value fold together, different values stay apart."""

import pytest

from values.normalise import normalise


@pytest.mark.parametrize(
    "entity_type, a, b",
    [
        ("PERSON", "JOHN  SMITH", "John Smith"),
        ("PERSON", " john\tsmith ", "John Smith"),
        ("PERSON", "Ｊｏｈｎ Ｓｍｉｔｈ", "John Smith"),  # full-width forms (NFKC)
        ("PERSON", "STRASSE", "straße"),  # case-folding, not lower()
        ("PERSON", "Smith , John", "smith, john"),
        ("ADDRESS", "1 Main St ,Springfield", "1 main st, springfield"),
        ("ADDRESS", "Rue de la Loi 16,\n1000  Bruxelles", "rue de la loi 16, 1000 bruxelles"),
        ("EMAIL_ADDRESS", " John.Smith@Example.COM ", "john.smith@example.com"),
        ("EMAIL_ADDRESS", "john.smith [at] example [dot] com", "john.smith@example.com"),
        ("EMAIL_ADDRESS", "john.smith (at) example.com", "john.smith@example.com"),
        ("EMAIL_ADDRESS", "john.smith at example dot com", "john.smith@example.com"),
        ("EMAIL_ADDRESS", "JOHN..SMITH//EXAMPLE.COM", "john_smith@example.com"),  # IATA SSR CTCE
        ("PHONE_NUMBER", "(+32) 2 555 12 34", "+32 2 555 12 34"),
        ("PHONE_NUMBER", "00 32 2 555 12 34", "+32 2 555 12 34"),
        ("CREDIT_CARD", "4111.1111.1111.1111", "4111111111111111"),
        ("PHONE_NUMBER", "02 555 12 34", "+32 2 555 12 34"),
        ("PHONE_NUMBER", "0032 2 555 12 34", "+3225551234"),
        ("CREDIT_CARD", "4111 1111-1111 1111", "4111111111111111"),
    ],
)
def test_spellings_of_one_value_normalise_alike(entity_type, a, b):
    assert normalise(entity_type, a) == normalise(entity_type, b)


@pytest.mark.parametrize(
    "entity_type, a, b",
    [
        ("PERSON", "John Smith", "Jon Smith"),
        ("EMAIL_ADDRESS", "john.smith@example.com", "johnsmith@example.com"),
        ("PHONE_NUMBER", "+32 2 555 12 34", "+32 2 555 12 35"),
        ("CREDIT_CARD", "4111111111111111", "4111111111111112"),
    ],
)
def test_different_values_stay_apart(entity_type, a, b):
    assert normalise(entity_type, a) != normalise(entity_type, b)


def test_phone_normalises_to_e164_and_invalid_numbers_keep_digits():
    assert normalise("PHONE_NUMBER", "02 555 12 34") == "+3225551234"
    assert normalise("PHONE_NUMBER", "12-34") == "1234"


def test_unknown_entity_type_is_refused():
    with pytest.raises(ValueError, match="unknown entity type"):
        normalise("IBAN", "BE71 0961 2345 6769")
