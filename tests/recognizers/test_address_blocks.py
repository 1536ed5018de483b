"""Address blocks (`recognizers.addresses.blocks`): a street line above a line that is only its unit, the
locality lines below it, whatever words the street is named in. Rows written for these tests, in the
layouts of envelopes, signatures and quoted replies."""

import pytest

from recognizers import detect
from recognizers.addresses.blocks import address_blocks, inline_unit_addresses


def found(text, entity="ADDRESS"):
    return [text[f.start : f.end] for f in detect([text])[0] if f.entity_type == entity]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a street in another country's words, its unit, town and country with postcode
        (
            "Maureen Thibault\n\n41086 Kiannonkatu 98\n Suite 464\n OULU\n\n Finland 80896",
            ["41086 Kiannonkatu 98\n Suite 464\n OULU\n\n Finland 80896"],
        ),
        # quoted reply marks before each line; the company line above the street is not part of it
        (
            "> Mijail Adomo\n> Asc Partners\n> 935 Gordon Terrace\n> Suite 828\n> BASHALL TOWN\n> Wales",
            ["935 Gordon Terrace\n> Suite 828\n> BASHALL TOWN\n> Wales"],
        ),
        # a sentence leading up to the street, and one going on after the postcode
        (
            "Please send a new one to 74 Diakou Street\n Suite 680\n Kissousa\n Cyprus 36903? I am away",
            ["74 Diakou Street\n Suite 680\n Kissousa\n Cyprus 36903"],
        ),
        # a whole line of words and a number is the street; a postcode may lead the town
        ("Via Franscini 71\nSuite 838\n7188 Tujetsch", ["Via Franscini 71\nSuite 838\n7188 Tujetsch"]),
        (
            "16 salontie 6\n apt. 523\n urjala\n maldives 58673",
            ["16 salontie 6\n apt. 523\n urjala\n maldives 58673"],
        ),
        (
            "9 Via Roma\nScala B\nCastelnuovo di Porto\nItaly",
            ["9 Via Roma\nScala B\nCastelnuovo di Porto\nItaly"],
        ),
    ],
)
def test_a_street_line_above_its_unit_line_and_locality_lines_is_an_address(text, expected):
    assert [text[a:b] for a, b in address_blocks(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ticket 4521\nUnit 3\nResolved today\nClosed by agent",  # no place under the unit line
        "Room 12\nFloor 3\nBuilding A",  # no street line: no house number with words
        "Kiannonkatu 98\nSuite 464\nOULU",  # one locality line and no postcode
        "ann@example.com 12\nSuite 4\nOulu\nFinland",  # no street: an email address
        "12 Oak Street\nSuite 4\nTel 0471 12 34 56\nFax 02 555 12 34",  # contact lines, not a locality
    ],
)
def test_no_block_without_a_street_line_and_a_locality(text):
    assert address_blocks(text) == []


def test_the_name_above_a_block_is_its_addressee():
    """Found as a block, the address makes the name above it an addressee (`addressee_results`)."""
    text = "Stephan Urner\n\n4844 Søndergade 52\n Apt. 656\n Brønderslev\n\n Denmark 35018"
    assert found(text) == ["4844 Søndergade 52\n Apt. 656\n Brønderslev\n\n Denmark 35018"]
    assert found(text, "PERSON") == ["Stephan Urner"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the block's order on one line: street, unit, then places after commas with a postcode or two places
        (
            "The office is at 28 Slovenčeva 46 Apt. 715, Port Edward, Laos 64693",
            ["28 Slovenčeva 46 Apt. 715, Port Edward, Laos 64693"],
        ),
        ("Send it to Gralla 30 Suite 617, Helsinki, Finland", ["Gralla 30 Suite 617, Helsinki, Finland"]),
        # a room and a floor are no street; one place and no postcode is too little
        ("Meeting Room 4 Floor 2, Brussels, Belgium", []),
        ("Gralla 30 Suite 617, Helsinki", []),
        # the sentence before the street and the full stop after the places are no part of it
        ("Send it to Gralla 30 Suite 617, Helsinki, Finland.", ["Gralla 30 Suite 617, Helsinki, Finland"]),
        ("Rue Haute 16 bus 3, Bruxelles, Belgique and the rest", ["Rue Haute 16 bus 3, Bruxelles, Belgique"]),
    ],
)
def test_a_street_its_unit_and_places_on_one_line(text, expected):
    assert [text[a:b] for a, b in inline_unit_addresses(text)] == expected
