"""`classify_column`: the column name hints, the values decide."""

import pytest

from recognizers import classify_column


@pytest.mark.parametrize(
    "name, values, expected",
    [
        ("email", ["ann@example.com", "bob@example.org", None], "EMAIL_ADDRESS"),
        ("e_mail", ["ann@example.com"], "EMAIL_ADDRESS"),
        ("caller", ["+32 2 555 12 34", "02 555 12 35"], "PHONE_NUMBER"),
        ("card_number", ["4111 1111 1111 1111", "5555555555554444"], "CREDIT_CARD"),
        ("holder", ["JOHN SMITH", "ANN LEE"], "PERSON"),
        ("fullName", ["John Smith", "Ann Lee"], "PERSON"),
        ("billing_address", ["Rue de la Loi 16, 1000 Bruxelles", "12 rue des Lilas, 75011 Paris"], "ADDRESS"),
        ("notes", ["Customer called about her bill", "ok"], "free_text"),
        ("comment", ["Spoke with John Smith about the roaming bundle, he wants a callback"], "free_text"),
        ("col7", ["ann@example.com", "bob@example.org"], "EMAIL_ADDRESS"),  # no hint: values decide
        ("order_id", ["123456", "123457"], None),
        ("amount", ["12.50", "3.99"], None),
        ("created_at", ["2026-11-26T10:00:00Z"], None),
        ("product_name", ["Premium Plus", "Fiber 1000"], None),
        ("email", [], "EMAIL_ADDRESS"),  # empty sample: the name alone
    ],
)
def test_classify_column(name, values, expected):
    assert classify_column(name, values) == expected


@pytest.mark.parametrize(
    "name, values, expected",
    [
        ("surname", ["Lee", "Peeters", "Okafor", "Dubois"], "PERSON"),
        ("customer_name", ["ann peeters", "bram de smet", "joost van dijk"], "PERSON"),
        ("last_name", ["N/A", "unknown", "-"], None),
        ("name", ["Premium Plus", "Fiber Max"], None),
        ("customer_id", [], None),  # an identifier of the person, not their name
    ],
)
def test_a_named_column_needs_only_name_shaped_values(name, values, expected):
    """The column's name is the evidence a single value lacks: `Lee` alone is found by nothing."""
    assert classify_column(name, values) == expected
