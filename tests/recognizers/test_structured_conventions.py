"""Conventions of structured formats found through a held-out corpus: message and call identifiers are not
mailboxes, internationalised mail domains, card numbers as bare JSON numbers, MSISDNs written without `+`
under SMPP keys or as quoted fields of CSV rows and SQL VALUES tuples. Rows written for these tests."""

import pytest

from recognizers import detect


def found(text, entity):
    return [text[f.start : f.end] for f in detect([text], [entity])[0] if f.entity_type == entity]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Message-ID: <a1b2c3d4-0001@mx.example.org>\nFrom: pia@example.org", ["pia@example.org"]),
        ("In-Reply-To: <x9@mail.example.net>", []),
        ("References: <r1@mail.example.net> <r2@mail.example.net>", []),
        ("INVITE ok Call-ID: 5f1e9a77c0@edge-1.example.com cause=16", []),
        ("Content-ID: <logo01@corp.example.com>", []),
        ("cc: message-id-team@example.com", ["message-id-team@example.com"]),
        ("mail noor.haddad@münchen-stadtwerke.de today", ["noor.haddad@münchen-stadtwerke.de"]),
        ("to=li@xn--mnchen-3ya.de;", ["li@xn--mnchen-3ya.de"]),
        ("ö@ö", []),
    ],
)
def test_email_identifiers_and_idn(text, expected):
    assert found(text, "EMAIL_ADDRESS") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"card":{"pan":4012888888881881,"exp":"07/29"}}', ["4012888888881881"]),
        ('{"number": 4012888888881881}', ["4012888888881881"]),
        ("elapsed 12:4012888888881881", []),  # a colon not closing a JSON key
        ('{"number":4012888888881882}', []),  # Luhn failure
        ("deliver_sm src=4917612345678 dst=32470123456", []),  # MSISDNs, not cards
    ],
)
def test_card_json_numbers(text, expected):
    assert found(text, "CREDIT_CARD") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("deliver_sm src=4917612345678 src_ton=1 dst=32470123456", ["4917612345678", "32470123456"]),
        ("INSERT INTO subs VALUES (7, 'Ivo', '32470123456', 'x');", ["32470123456"]),
        ('7;"31612345678";active', ["31612345678"]),
        ("VALUES ('31612345678', 2)", ["31612345678"]),
        ("Sensor (31612345678)", []),  # a parenthetical is no tuple
        ("VALUES (7, '00000000000', 'x')", []),  # no valid number
    ],
)
def test_bare_international_in_records(text, expected):
    assert found(text, "PHONE_NUMBER") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("To: x@example.org\nMessage-ID: <77ab-19@mx.example.org>\nX: y", ["x@example.org"]),
        ("Via: SIP/2.0/UDP 10.0.0.1\nCall-ID: 93bd0a@sbc.example.net\nCSeq: 2 INVITE", []),
        ("from: zoë.ågren@example.se", ["zoë.ågren@example.se"]),
    ],
)
def test_identifier_headers_on_later_lines_and_unicode_local_parts(text, expected):
    assert found(text, "EMAIL_ADDRESS") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("POST /contact body=1&mail=jo.vos%40example.be&x=2", ["EMAIL_ADDRESS:jo.vos%40example.be"]),
        ('"GET /cb?msisdn=%2B32475123456&lang=nl HTTP/1.1" 200', ["PHONE_NUMBER:%2B32475123456"]),
        ("GET /cb?msisdn=+32475123456&lang=nl", ["PHONE_NUMBER:+32475123456"]),  # an unencoded + kept
        ('<a href="mailto:li.wei%2Bbills%40example.com">', ["EMAIL_ADDRESS:li.wei%2Bbills%40example.com"]),
        ("full_name=Greet+Claes&plan=basic", ["PERSON:Greet+Claes"]),
        ("full_name=Greet Claes&plan=basic", ["PERSON:Greet Claes"]),
        ("discount 50%2B off", []),
        ("weird %C3 byte and 100%", []),
    ],
)
def test_url_encoded_values(text, expected):
    findings = detect([text])[0]
    assert [f"{f.entity_type}:{text[f.start : f.end]}" for f in findings] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # SQL dump: each quoted value belongs to its named column
            "INSERT INTO crm.contact (nr, family_name, given_name, plan) VALUES\n"
            "  (3, 'Wouters', 'Stijn', 'Pro'),\n  (4, 'de la Cruz', 'Marta', 'Basic');",
            ["Wouters", "Stijn", "de la Cruz", "Marta"],
        ),
        ("INSERT INTO t (id, plan, city) VALUES (1, 'Pro', 'Gent');", []),  # no name column
        ("INSERT INTO t (id, surname) VALUES (1, 'Gold', 'Pro');", []),  # tuple and columns disagree
        ("INSERT INTO t (id, surname) VALUES (1, NULL);", []),
        (
            "nr|voornaam|achternaam|tarief\n1|Sien|Goossens|Pro\n2|Bart|Claes|Basic",
            ["Sien", "Goossens", "Bart", "Claes"],
        ),
        ('"Kd-Nr.","Name","E-Mail"\n"9","HUBER, Vroni","v@example.at"', ["HUBER, Vroni"]),
        ("sku;product_name;price\n1;Galaxy Buds;99\n2;Pixel Watch;199", []),  # a product name column
        ("name;plan;nr\nSien Goossens;Pro;1\nid;status;plan\n7;Pending;Basic", ["Sien Goossens"]),
    ],
)
def test_named_columns(text, expected):
    assert found(text, "PERSON") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mail to PO Box 77, Ballymena, BT42 1AB today", ["PO Box 77, Ballymena, BT42 1AB"]),
        ("P.O. Box 9, Tralee, V92 X2C4", ["P.O. Box 9, Tralee, V92 X2C4"]),
        ("C9;Postbus 2040, 3500 GA Utrecht;ok", ["Postbus 2040, 3500 GA Utrecht"]),
        ("Postfach 10 20 30, 80331 München", ["Postfach 10 20 30, 80331 München"]),
        ("BP 12, 59000 Lille", ["BP 12, 59000 Lille"]),
        ("Apartado de Correos 15, 41080 Sevilla", ["Apartado de Correos 15, 41080 Sevilla"]),
        ("Casella Postale 8, 00187 Roma (RM)", ["Casella Postale 8, 00187 Roma (RM)"]),
        ("PO Box 3044, Provo, UT 84601", ["PO Box 3044, Provo, UT 84601"]),
        ("BP 120 failed again", []),  # a box without a locality
        ("PO box count 7", []),
        ("Hoogstraat 12, 2e verdieping, 2611 BC Delft", ["Hoogstraat 12, 2e verdieping, 2611 BC Delft"]),
        (
            "Flat 2, 7 Mill Lane, 3rd Floor, Leeds, LS1 4AB",
            ["Flat 2, 7 Mill Lane, 3rd Floor, Leeds, LS1 4AB"],
        ),
        ("Lindenweg 4, 2. OG, 50667 Köln", ["Lindenweg 4, 2. OG, 50667 Köln"]),
        ("Hoogstraat 12, 2 floors up", ["Hoogstraat 12"]),
    ],
)
def test_post_office_boxes_and_floors(text, expected):
    assert found(text, "ADDRESS") == expected


VCARD = (
    "BEGIN:VCARD\nVERSION:4.0\nN:Van Aert;Lotte;Marie;Dr.;PhD\nFN:Dr. Lotte Van Aert\nORG:Glasvezel NV\n"
    'item2.ADR;TYPE=work;LABEL="HQ":;Unit 4;Brugsesteenweg 12;Kortrijk;;8500;Belgium\n'
    "NOTE:Wants paper bills\nEND:VCARD"
)


def test_vcard_properties():
    findings = [f for f in detect([VCARD])[0] if f.entity_type in ("PERSON", "ADDRESS")]
    got = [(f.entity_type, VCARD[f.start : f.end]) for f in findings]
    assert got == [
        ("PERSON", "Van Aert"),
        ("PERSON", "Lotte"),
        ("PERSON", "Marie"),
        ("PERSON", "Dr. Lotte Van Aert"),
        ("ADDRESS", "Unit 4;Brugsesteenweg 12;Kortrijk;;8500;Belgium"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "N:1;2;;;\nFN:x",  # no vCard around the properties
        "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nADR:;;;;;;\nEND:VCARD",  # empty components
    ],
)
def test_vcard_negatives(text):
    assert [f for f in detect([text])[0] if f.entity_type in ("PERSON", "ADDRESS")] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Clients with VoLTE and VoIP trouble", []),  # acronyms with a lower-case letter inside
        ("Kd,Name,E-Mail,Wohnort,Saldo\n1,Ute Brandt,ute@example.de,Bonn,3", ["Ute Brandt"]),
        ("SUBSCRIBER   PLAN   REGION\nx  y  z", []),  # a fixed-width header line
        ("The meeting went well.\n\nBeste Grüße,\nMilan", ["Milan"]),
        ("Groetjes,\nFien", ["Fien"]),
    ],
)
def test_header_lines_acronyms_and_sign_offs(text, expected):
    assert found(text, "PERSON") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Agent: which number can we reach you on?\nCustomer: 0612345678 or call my wife on 0687654321",
            ["0612345678", "0687654321"],
        ),
        ("Agent: your phone?\ncustomer: 0612345678", []),  # a key's value, no prose after it
        ("customer=0612345678 plan=basic", []),
    ],
)
def test_speaker_labels(text, expected):
    assert found(text, "PHONE_NUMBER") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('level=info customer="DUBOIS, Margaux" pod=a', ["DUBOIS, Margaux"]),
        ("client='Wim Hendrickx' plan=x", ["Wim Hendrickx"]),
        ("customer: I paid with my card", []),
        ("customer=C998877 client=K-12", []),
    ],
)
def test_customer_keys(text, expected):
    assert found(text, "PERSON") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<p>Hello <strong>Bram Peeters</strong>,</p>", ["PERSON:Bram Peeters"]),
        (
            '<a href="mailto:info@example.be">Mail us</a>',
            ["EMAIL_ADDRESS:info@example.be"],
        ),  # a tag holding an address is data, not markup
        ("> Dear Sofie Claes,\n>\n> no signal since Monday.", ["PERSON:Sofie Claes"]),
        ("value > 3 and <b>bold</b> text", []),
    ],
)
def test_markup_blanked(text, expected):
    findings = detect([text])[0]
    assert [f"{f.entity_type}:{text[f.start : f.end]}" for f in findings] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Customer: hey its wouter de clercq, my modem died", ["PERSON:wouter de clercq"]),
        ("User: or call marijke on 0471 23 45 67", ["PERSON:marijke", "PHONE_NUMBER:0471 23 45 67"]),
        ("Customer: its raining and this is urgent, call support", []),
        ("Customer: new address is kapelstraat 14 9000 gent", ["ADDRESS:kapelstraat 14 9000 gent"]),
        ("Customer: 12 rue des lilas 75011 paris", ["ADDRESS:12 rue des lilas 75011 paris"]),
        ("ts=1 path=/rue/des/lilas 75011", []),  # not a prose line
        ("Customer: waited 2 hours at the place near the park", []),
    ],
)
def test_lower_case_chat(text, expected):
    findings = detect([text])[0]
    assert [f"{f.entity_type}:{text[f.start : f.end]}" for f in findings] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            '[{"op":"test","path":"/owner/holder","value":"Mertens, Ann"},'
            '{"op":"replace","path":"/owner/mobile","value":"0478 12 34 56"}]',
            ["PERSON:Mertens, Ann", "PHONE_NUMBER:0478 12 34 56"],
        ),
        ('{"op":"add","path":"/bundle/name","value":"Roaming Plus"}', []),
        ('{"op":"add","path":"/order/ref","value":"20260412"}', []),
        ("Agent: which number?\nCustomer: 32470123456 thanks", ["PHONE_NUMBER:32470123456"]),
    ],
)
def test_json_patch_paths_and_bare_international_after_phone_words(text, expected):
    findings = detect([text])[0]
    assert [f"{f.entity_type}:{text[f.start : f.end]}" for f in findings] == expected


def test_xml_tags_are_not_blanked():
    text = "<subscriber><name>Ilse Wuyts</name><plan>Pro</plan></subscriber>"
    assert found(text, "PERSON") == ["Ilse Wuyts"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("roaming charges spain for Joris Verhaegen", ["Joris Verhaegen"]),
        ("invoice copy Anouk Desmet march", ["Anouk Desmet"]),
        ("roaming charges in South Africa", []),  # a place
        ("esim activation for Business Flex bundle", []),  # everyday words
        ("outage near Victoria Station tonight", []),
        ("cheap roaming to New Zealand", []),  # a place name opener
    ],
)
def test_capitalised_run_in_lower_case_line(text, expected):
    assert found(text, "PERSON") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "From: =?UTF-8?Q?Ren=C3=A9e_Lambrecht?= <rl@example.be>",
            ["PERSON:=?UTF-8?Q?Ren=C3=A9e_Lambrecht?=", "EMAIL_ADDRESS:rl@example.be"],
        ),
        (
            "From: =?utf-8?B?QW7DqWUgRHVwb250?= <ad@example.fr>",
            ["PERSON:=?utf-8?B?QW7DqWUgRHVwb250?=", "EMAIL_ADDRESS:ad@example.fr"],
        ),
        ("Subject: =?UTF-8?Q?Your_new_invoice?=", []),
        ("Subject: =?bogus-charset?Q?x?= and =?UTF-8?B?!!!?=", []),
    ],
)
def test_rfc2047_encoded_words(text, expected):
    findings = detect([text])[0]
    assert [f"{f.entity_type}:{text[f.start : f.end]}" for f in findings] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a dialogue exported as an escaped string: its speakers and the possessor in it
        (
            'Brodie: \\"Who are you?\\"\nJill:\\"I\\\'m Jane\\\'s daughter\\".',
            ["PERSON:Brodie", "PERSON:Jill", "PERSON:Jane"],
        ),
        # a JSON message inside a JSON log line
        (
            '{"msg": "{\\"customer\\": \\"Ann Lee\\", \\"email\\": \\"ann.lee@example.com\\"}"}',
            ["PERSON:Ann Lee", "EMAIL_ADDRESS:ann.lee@example.com"],
        ),
        # an escaped backslash before a quote closes the string: nothing to decode there
        ('path = "C:\\\\Users\\\\"', []),
    ],
)
def test_escaped_quote_marks(text, expected):
    findings = detect([text])[0]
    assert [f"{f.entity_type}:{text[f.start : f.end]}" for f in findings] == expected


def test_fixed_width_table_rows():
    text = (
        "NAME                MOBILE            TARIFF\n"
        "Griet Van Acker     0475 12 34 56     Pro\n"
        "Eline Smet          0486123456        Basic\n"
    )
    findings = detect([text])[0]
    assert [f"{f.entity_type}:{text[f.start : f.end]}" for f in findings] == [
        "PERSON:Griet Van Acker",
        "PHONE_NUMBER:0475 12 34 56",
        "PERSON:Eline Smet",
        "PHONE_NUMBER:0486123456",
    ]


def test_double_spaces_in_prose_are_no_table():
    assert found("counter  025551234  reached", "PHONE_NUMBER") == []  # a fixed-line range: not by shape


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Customer: 0470123456 otherwise jef on 0471234567", ["jef"]),
        ("Customer: 0470123456 or my husbands benoit on 0478123456", ["benoit"]),
        ("please call support on 0800 12 345 or call me on 0471234567", []),
        ("failover to backup on 10.2.3.4", []),
        ("bot: and the name on the card? caller: hanne de wolf bot: thank you", ["hanne de wolf"]),
        ("Agent: who am I speaking to?\nCaller: Stijn Baert\nAgent: ok", ["Stijn Baert"]),
        ("bot: your name? caller: yes please bot: ok", []),
        # the answer on its own, no speaker's label before it
        ("What's your last name? Arcuri", ["Arcuri"]),
        ("what's your name? jillian capon", ["jillian capon"]),
        ("What was the name? Yes sure", []),
        # a family name asked for may be a noun; a name asked for in general may not
        ("What's your last name? Boyle", ["Boyle"]),
        ("What is the name on the account? Business", []),
        # the name a verb of naming gives
        ("She named him Sean", ["Sean"]),
        ("I called him yesterday", []),
    ],
)
def test_alternative_contacts_and_answers_to_name_questions(text, expected):
    assert found(text, "PERSON") == expected
