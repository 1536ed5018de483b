"""`to_e164`: the one form the vault keys phone numbers on."""

import pytest

from values.phones import DEFAULT_REGIONS, to_e164


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("+3225551234", "+3225551234"),
        ("+32 2 555 12 34", "+3225551234"),
        ("0032 2 555 12 34", "+3225551234"),
        ("02 555 12 34", "+3225551234"),  # BE national
        ("085-2338464", "+31852338464"),  # NL national
        ("06 12345678", "+31612345678"),  # NL mobile, Dutch grouping
        ("06 12 34 56 78", "+33612345678"),  # same digits in French pairs: French
        ("01 42 68 53 00", "+33142685300"),
        ("+44 (0)20 7946 0958", "+442079460958"),  # (0) trunk prefix inside an international number
        ("020 7946 0958", "+442079460958"),
        ("030 12345678", "+493012345678"),
        ("(01) 234 5678", "+35312345678"),
        ("91 123 45 67", "+34911234567"),  # ES has no trunk prefix
        ("333 1234567", "+393331234567"),  # IT mobile
        ("(212) 555-0123", "+12125550123"),  # not German: German national numbers start with 0
        ("212-555-0123 x12", "+12125550123"),  # extension dropped from E.164
        ("02 555 12 34 ext. 5", "+3225551234"),
        ("4915123456789", "+4915123456789"),  # CDR-style international without +: same form as with it
        ("32475123456", "+32475123456"),
        ("12125550123", "+12125550123"),
        # not phone numbers
        ("2024-01-15", None),
        ("1.2.3", None),
        ("12345", None),
        ("+999 123", None),
        ("not a number", None),
        ("", None),
    ],
)
def test_to_e164(raw, expected):
    assert to_e164(raw) == expected


def test_regions_are_configurable():
    assert to_e164("02 555 12 34", regions=("US",)) is None
    assert set(DEFAULT_REGIONS) >= {"BE", "NL", "FR", "DE", "GB", "IE", "ES", "IT", "US"}


@pytest.mark.parametrize(
    "raw",
    [
        "02 555 12 34",
        "0475 12 34 56",
        "06 12345678",
        "06 12 34 56 78",
        "020 7946 0958",
        "07700 900123",
        "030 12345678",
        "015123456789",
        "(01) 234 5678",
        "087 123 4567",
        "91 123 45 67",
        "612 345 678",
        "06 6982 1234",
        "333 1234567",
        "(212) 555-0123",
        "1 212 555 0123",
        "0800 123 456",
        "1234567",
    ],
)
def test_plan_prefilter_keeps_every_region_the_number_is_valid_in(raw):
    """The cheap test that spares parses (`_may_be_national`) never skips a region where `phonenumbers`
    finds the number valid."""
    import phonenumbers

    from values.phones import _may_be_national

    digits = "".join(char for char in raw if char.isdigit())
    for region in DEFAULT_REGIONS + ("AT", "CH", "PT", "CA"):
        number = phonenumbers.parse(raw, region)
        if phonenumbers.is_valid_number_for_region(number, region):
            assert _may_be_national(digits, region), region
