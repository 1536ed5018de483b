"""Addresses in records that split them into fields: CSV and semicolon exports, fixed-width mail-house
lines, SWIFT MT940 `:86:` subfields, record dumps with labelled fields, XML elements. The finding is the
field that holds the street and house number; a header, key or label naming the street backs a street
whose type word is an everyday one. Rows written for these tests."""

import pytest

from recognizers import detect
from recognizers.addresses.fields import field_cuts


def found(text):
    return [text[f.start : f.end] for f in detect([text], ["ADDRESS"])[0] if f.entity_type == "ADDRESS"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a CSV export: the street's field, not the city, postcode and country after it
        (
            "id,Street,City,Postcode,Country\n"
            "1,12 rue des Lilas,Lyon,69003,France\n"
            "2,Keizersgracht 123,Amsterdam,1015 CJ,Netherlands\n",
            ["12 rue des Lilas", "Keizersgracht 123"],
        ),
        # a whole address quoted in one field stays whole
        (
            "id,address,phone\n"
            '1,"Calle Mayor 10, 28013 Madrid",+34 600 000 000\n'
            '2,"Via Roma 25, 00184 Roma",-\n',
            ["Calle Mayor 10, 28013 Madrid", "Via Roma 25, 00184 Roma"],
        ),
        # a semicolon export in capitals: the header names the street column, which backs `Common`
        (
            "NUM;NOM;ADRESSE1;CP;VILLE;EMAIL\n"
            "7;DUPONT;14 MAPLE COMMON;60593;SPRINGFIELD;a.dupont@example.com\n"
            "8;LEE;Rue Haute 5;1000;BRUXELLES;ann.lee@example.com\n",
            ["14 MAPLE COMMON", "Rue Haute 5"],
        ),
        # a fixed-width mail-house file: fields padded with runs of spaces
        (
            "D001 ANN PEETERS          RUE HAUTE 5                1000 BRUXELLES             BE\n"
            "D002 JOHN DOE             12 ELM GLENS               PORT SMITH, KS 14313       US\n",
            ["RUE HAUTE 5", "12 ELM GLENS"],
        ),
        # a flat in a field of its own before the street's field is left out, as the city after it
        (
            "D003 MARY WALSH     APARTMENT 20        37 GRAFTON STREET     DUBLIN 2       D02 XY45\n"
            "D004 PAT KELLY      FLAT 2              8 QUAY STREET         GALWAY         H91 X2E3\n",
            ["37 GRAFTON STREET", "8 QUAY STREET"],
        ),
        # SWIFT MT940: the address subfield ends at the next tag
        (
            ":61:2603190319C594,82NTRFNONREF//3803205899\n"
            ":86:/ORDP//NAME/ANN LEE/ADDR/KERKSTRAAT 12 1000 BRUSSEL/IBAN/BE71096123456769/REMI/INV 42\n",
            ["KERKSTRAAT 12 1000 BRUSSEL"],
        ),
        # a record dump's label names the street: `Light` needs no locality there
        (
            "    05 CUST-ID        PIC 9(10)  : 2045660748\n"
            "    05 CUST-STREET    PIC X(40)  : 62 OAK LIGHT APT 10\n"
            "    05 CUST-TOWN      PIC X(30)  : JOHNSONFORT\n",
            ["62 OAK LIGHT APT 10"],
        ),
        # a value in capitals inside an XML element of a mixed-case line
        ("<np:AddressLine>185 ELM STREAM APT 27</np:AddressLine>", ["185 ELM STREAM APT 27"]),
        # a lower-case value in quotes after a key, beside its corrected reading
        ("  MailingStreet: 'Lindenlaan 12' <- 'lindenlaan 12'\n", ["Lindenlaan 12", "lindenlaan 12"]),
    ],
)
def test_the_address_is_the_field_that_holds_the_street(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # prose lines with as many commas are no records: `, ` is punctuation, the address stays whole
        (
            "Moved to Rue Haute 5, 1000 Bruxelles, Belgium.\nCalled back, no answer, closed.",
            ["Rue Haute 5, 1000 Bruxelles, Belgium"],
        ),
        # one delimited line alone: no header nor other row says it is a record
        ("2026-03-01,moved,Rue Haute 5,1000 Bruxelles", ["Rue Haute 5,1000 Bruxelles"]),
        # an address on several lines, and one written with a single space before its locality
        ("Rue Haute 5\n1000 Bruxelles", ["Rue Haute 5\n1000 Bruxelles"]),
        ("KEIZERSGRACHT 123 1015 CJ AMSTERDAM", ["KEIZERSGRACHT 123 1015 CJ AMSTERDAM"]),
        # a column or label that names no street gives an everyday street type no backing
        ("id;title;year\n1;91 HOPKINS PASS;2020\n2;12 OAK VIEW;2021\n", []),
        ("    05 CUST-NOTE      PIC X(40)  : 62 OAK LIGHT APT 10\n", []),
    ],
)
def test_what_the_fields_leave_whole_or_do_not_back(text, expected):
    assert found(text) == expected


def test_the_cuts_are_the_separators_of_records_only():
    text = "a,b,c\n1,2,3\nsee you, Ann, at 5\n"
    assert [text[start:end] for start, end in field_cuts(text)] == [",", ",", ",", ","]
    padded = "X   Y   Z\nlone   gap\n"
    assert [padded[start:end] for start, end in field_cuts(padded)] == ["   ", "   "]


@pytest.mark.parametrize(
    "text, expected",
    [
        # markdown emphasis around the street, the town in parentheses after it: the town backs the
        # street and stays out; the street type word before the parenthesis is no key
        ("Fixed, the street is now _12 Elm Path_ (Leeds). Closing.", ["12 Elm Path"]),
        ("Corrected to _29 Oak Street_ (Ann Ville) as asked.", ["29 Oak Street"]),
        ("We went up the Elm Path (Leeds) yesterday.", []),
        # an audit record: the value the field had before, after the arrow, is the same field's
        (
            "  MailingStreet: '5 Elm Street' <- '143 richmond mountain'\n",
            ["5 Elm Street", "143 richmond mountain"],
        ),
        ("  Notes: 'called twice' <- '62 oak light apt 10'\n", []),
        # the closing quote is no part of the street's last word; a Dutch floor in lower case
        (
            "  Street: '185 boulevard de Lattre' <- '185 boulevard de lattre'\n",
            [
                "185 boulevard de Lattre",
                "185 boulevard de lattre",
            ],
        ),
        (
            "  Street: 'Kerkstraat 115-II' <- 'kerkstraat 115-ii'\n",
            ["Kerkstraat 115-II", "kerkstraat 115-ii"],
        ),
        # the word that says where someone lives is no part of a lower-case street's name
        (
            "Ich, Anna Huhn, wohnhaft lindenstraße 12, 10115 berlin, bevollmächtige Herrn Roth",
            ["lindenstraße 12, 10115 berlin"],
        ),
        (
            "Je soussigné Paul Roy, demeurant kerkstraat 5, 1000 brussel, donne procuration",
            ["kerkstraat 5, 1000 brussel"],
        ),
    ],
)
def test_what_surrounds_a_street_in_notes_and_audit_records(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a spreadsheet formula joining string literals reads as one value of fields
        (
            'Sheet1!C2 = \'=CONCATENATE("12 Elm Path";", ";"Leeds";" ";"LS1 4AP")\'',
            ["12 Elm Path"],
        ),
        ('Sheet1!C3 = \'=CONCATENATE("12 Elm Path";" ";"done")\'', []),
        # capitals in prose: the address's words are read as capitalised, a country code as it is
        (
            "relating to Ann Lee, of 22 OAK RAMP, LEEDS, LS1 4AP, including calls",
            ["22 OAK RAMP, LEEDS, LS1 4AP"],
        ),
        (
            "ship to 12 ELM DRIVE, SPRINGFIELD, IL 62701, USA today",
            ["12 ELM DRIVE, SPRINGFIELD, IL 62701, USA"],
        ),
        ("ERROR 500 AT PORT 8080 in handler", []),
    ],
)
def test_formulas_and_capitals_in_mixed_text(text, expected):
    assert found(text) == expected
