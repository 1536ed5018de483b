"""Phone numbers named by the field that holds them (a spreadsheet, CSV or COBOL record field, a booking's
phone element, a text message's sender, a form's country-code field, a transcript's question), fields that
hold none (SWIFT tags, identifier columns), numbers repeated in a text, words that say a number is a phone
only when they are words; and email addresses spoken in call transcripts. Rows written for these tests
(the numbers are valid in their numbering plans, the people invented)."""

import pytest

from recognizers import detect
from values.emails import plain_address


def found(text, entity):
    return [text[f.start : f.end] for f in detect([text], [entity])[0] if f.entity_type == entity]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a spreadsheet dump's cell under its column's header cell, an international number without `+`
        (
            "Blad1!C1 = 'Naam'\nBlad1!D1 = 'GSM'\nBlad1!C2 = 'Peeters, Ann'\nBlad1!D2 = 32475123456\n",
            ["32475123456"],
        ),
        ("Sheet1!C1 = 'Item'\nSheet1!D1 = 'Stock'\nSheet1!C2 = 'Cable'\nSheet1!D2 = 32475123456\n", []),
        # a CSV column named for identifiers holds none, even when its value reads as a number
        (
            "Record ID,First Name,Phone Number\n02071234567,Ann,+32 475 12 34 56\n",
            ["+32 475 12 34 56"],
        ),
        ("NUM_CARTE;NOM;TEL_PORT\n0612345678901;DUPONT;06 12 34 56 78\n", ["06 12 34 56 78"]),
        ("sku,product,ean,stock\nA1,Polo,5491109602969,12\n", []),
        # a text message's sender: a mobile number without `+`; a shortcode or a fixed line is not one
        ('inbound from=353858770939 to=4242 body="STOP"', ["353858770939"]),
        ('inbound from=12095734681 to=3030 body="stop"', ["12095734681"]),
        ("copy from=31201234567 to=31201234568 done", []),
        # a form's national number after its country-code field
        ("Phone (country code): +32\nPhone (number): 492677123\n", ["492677123"]),
        ("Telefono (prefisso): +39\nTelefono (numero): 312 345 6789\n", ["312 345 6789"]),
        ("Phone (number): 492677123\n", []),
        # a key that ends a paragraph does not name what a quoted line after a blank line holds
        ("the number is not the one on file:\n\n> +49 30 12345678\n", ["+49 30 12345678"]),
        # a run of digits shown to be a phone number is one wherever the text repeats it
        (
            "<NumberSeries><Start>32486336816</Start><End>32486336816</End></NumberSeries>",
            ["32486336816", "32486336816"],
        ),
        ("<Range><Start>32486336816</Start><End>32486336816</End></Range>", []),
        # phone words are words: `tel` is not read in a domain name, `bel` not in `Belgium`
        ("@ IN SOA ns1.telvia.eu. hostmaster.telvia.eu. (2026032201 7200 900 1209600 300)", []),
        ("shipped to Belgium 2026032201", []),
        ("she also uses the landline 0102073965 at home", ["0102073965"]),
        ("ContactPhone: 2125550123", ["2125550123"]),
        ("Tél. privé : 015745498, courriel : ann@example.com", ["015745498"]),
        ("Festnetz: 02 555 12 34\nmob: 3789134558\n", ["02 555 12 34", "3789134558"]),
        # a word on the line before names only digits that open their line, not a log line's fields
        ("Mobile:\n3789134558\n", ["3789134558"]),
        (
            "E AndroidRuntime: Unparseable phone number: (0480) 69 98 34\n"
            "03-02 10:44:02.252 26780 26780 E AndroidRuntime: at PhoneField.validate\n",
            ["(0480) 69 98 34"],
        ),
        # a COBOL record dump's field, named before its picture clause
        ("    05 CUST-TEL       PIC X(15)  : 4915839951964\n", ["4915839951964"]),
        ("    05 CUST-ID        PIC 9(10)  : 0683294373\n", []),
        # a SWIFT MT940 statement: tagged fields hold references and numbers, `:86:` is free text
        (":20:STMT2603128162\n:28C:07859/001\n:86:/REMI/CALL 0475 12 34 56\n", ["0475 12 34 56"]),
        # an airline booking's phone element (IATA PNR `AP`), its number grouped as the agent typed it
        ("  4 AP FRA 010 485 22 19 - H\n  5 APE ANN.LEE@EXAMPLE.COM\n", ["010 485 22 19"]),
        ("  4 AP LHR 0131 398 22 82 - B\n", ["0131 398 22 82"]),
        ("  4 RM FRA 010 485 22 19 - H\n", []),
        # a transcript's answer to a question asking for a phone number
        (
            "Agent: And a phone number we can reach you on?\nCustomer: 3142509106 or my wife on 627736295\n",
            ["3142509106", "627736295"],
        ),
        ("Agent: And your order number please?\nCustomer: 3142509106\n", []),
    ],
)
def test_phone_fields(text, expected):
    assert found(text, "PHONE_NUMBER") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("caller: you can email me at laetitia dot guyon at ifrance dot com", ["laetitia.guyon@ifrance.com"]),
        ("caller: send it to harry80 at proton dot me thanks", ["harry80@proton.me"]),
        ("caller: it's m dot svab at home dot nl", ["m.svab@home.nl"]),
        ("caller: valerie dot osborne at baker-hayes dot co dot uk", ["valerie.osborne@baker-hayes.co.uk"]),
        # the address starts after the last ` at ` but one, not at `me at`
        ("caller: mail me at anna dot de at gmail dot com", ["anna.de@gmail.com"]),
        # no address: no spelled `dot` before a public suffix, or prose
        ("caller: i was at home dot then went out", []),
        ("caller: we met at the office at noon", []),
    ],
)
def test_spoken_email_addresses(text, expected):
    # detected, and read back by the vault's normalisation to the same address
    assert [plain_address(value) for value in found(text, "EMAIL_ADDRESS")] == expected
