"""Names in the record dumps and forms of travel, shop and school systems: a PNR's name elements
(`1.SURNAME/GIVEN MR`), PHP print_r dumps (`[firstname] => Ann`), JavaScript/Mongo shell objects
(`{ first: 'Ann', last: 'Lee' }`), SCIM's `name.formatted`, plural name columns (`given_names`) and the
people of a school or insurance form (`Pupil:`, `Parent/guardian:`, `Preneur d'assurance:`). Rows written
for these tests."""

import pytest

from recognizers import detect


def names(text):
    return [text[f.start : f.end] for f in detect([text])[0] if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "RP/AMS1A0123/AMS1A0123  AA/SU 12MAR26/0901Z  X7Q2LM\n"
            "  1.VERHOEVEN/ANNEKE MARIE MRS   2.OKAFOR-BELL/TUNDE MR\n"
            "  3  KL1234 Y 12MAR 4 AMSLHR HK2  0905 0925",
            ["VERHOEVEN/ANNEKE MARIE", "OKAFOR-BELL/TUNDE"],
        ),
        ("  1.DUPRAT/LEA\n  2  AF1000 Y 01APR CDGNCE HK1", ["DUPRAT/LEA"]),
        ("see 1.INSTALL/UPGRADE GUIDE in the docs", []),
    ],
)
def test_pnr_name_elements(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Array\n(\n    [firstname] => Ottilie\n    [lastname] => Brandvold\n    [agree] => 1\n)",
            ["Ottilie", "Brandvold"],
        ),
        ("Array\n(\n    [product_name] => Desk Lamp\n)", []),
    ],
)
def test_php_print_r_name_keys(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("  profile: { first: 'Radka', last: 'Novotná', phone: '+32 470 00 00 00' },", ["Radka", "Novotná"]),
        ('{"first": "Wojtek Jan", "last": "Zielinski"}', ["Wojtek Jan", "Zielinski"]),
        ("  sort: { first: 'asc', last: 'desc' }", []),
    ],
)
def test_given_and_family_members_of_an_object(text, expected):
    assert names(text) == expected


def test_scim_formatted_name():
    text = '{"name":{"formatted":"Ottilie Brandvold","familyName":"Brandvold","givenName":"Ottilie"}}'
    assert names(text) == ["Ottilie Brandvold", "Brandvold", "Ottilie"]


def test_plural_given_names_column():
    text = "id|surname|given_names|email\nr01|Brandvold|Ottilie|ob@example.org\n"
    assert names(text) == ["Brandvold", "Ottilie"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Pupil: Ottilie Brandvold   allergies: none\nParent/guardian: Radka Novotná\n",
            ["Ottilie Brandvold", "Radka Novotná"],
        ),
        ("Preneur d'assurance: Wojtek Zielinski\nDate: 18/04/2026", ["Wojtek Zielinski"]),
        ("Student: see attached list", []),
    ],
)
def test_people_of_school_and_insurance_forms(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "EAN 541447485545652755   Meter no. 1SAG5741629986   Last index: 39.984,0 kWh",
        "09:28  Tram 5  Rembrandtplein → Van Hallstraat  platform 14  cancelled",
        "Plaats: Place du Jeu de Balle zone 7\nBedrag: EUR 86,00",
        "CREATE TABLE t (\n  customer_id  bigint PRIMARY KEY,\n  email citext UNIQUE CHECK (email ~ '@')\n);",
        "title\tpublisher\tisbn\tstatus\nAnna Karenina\tPenguin Classics\t9788395000000\ton loan\n",
    ],
)
def test_identifier_labels_routes_streets_sql_keywords_and_titles_are_not_names(text):
    assert names(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "<Cdtr>\n    <Nm>Ottilie Brandvold</Nm>\n    <PstlAdr><Ctry>IT</Ctry></PstlAdr>\n</Cdtr>\n"
            "<CdtrAgt><FinInstnId><Nm>Banca Sella</Nm></FinInstnId></CdtrAgt>",
            ["Ottilie Brandvold"],
        ),
        ('postal_address {\n  locality: "Doorwerth"\n  recipients: "Radka Novotná"\n}', ["Radka Novotná"]),
    ],
)
def test_iso20022_party_names_and_postal_address_recipients(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Customer: B Henriksen   Account 3033841745", ["B Henriksen"]),
        ("Customer: Jens W. Van der Auwera   Account 3804046665", ["Jens W. Van der Auwera"]),
    ],
)
def test_an_initial_without_a_dot_and_capitalised_particles_belong_to_the_name(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "asset_tag;type;location;assigned_to;purchased\nIT-1;monitor;Floor 2;pool-hotdesk;24/03/2026\n"
        "IT-2;laptop;Floor 3;spare;25/03/2026\n",
        "09:28  Tram 5  Central → Docks  platform 14  cancelled\nLift out of order at Central; use exit 2.",
        "METER READING VISIT  Wed 25 Mar 2026, 08:00-12:00\nAccount 3178426492",
    ],
)
def test_everyday_words_in_a_person_column_a_sentence_opener_and_a_heading_are_not_names(text):
    assert names(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hebben wij betekend aan\nHerrn Balázs Kiss\nDavidsstraße 185a\nD-01930 Dresden", ["Balázs Kiss"]),
        (
            "VOLMACHT\n\nOndergetekende Rozalija Bebić, wonende te 57 Archer Close, London SW1A 1AA",
            ["Rozalija Bebić"],
        ),
        (
            "Io sottoscritto, delego Adrian Fennell al ritiro della raccomandata n. 0D794500",
            ["Adrian Fennell"],
        ),
    ],
)
def test_honorifics_and_legal_cues_before_a_name_and_lower_case_words_after_it_are_left_out(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Role: Store Manager\nLine manager: Javi Rovira\nPayroll: IBAN on file", ["Javi Rovira"]),
        ("Reports to: Ottilie Brandvold\n", ["Ottilie Brandvold"]),
        ("Line manager: Store Operations\n", []),
    ],
)
def test_the_manager_of_a_new_starter(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Teacher in charge: N Bernard\n\nPupil: Alex Heinz", ["N Bernard", "Alex Heinz"]),
        ("Beteiligter Dritter: Martine Vallet (Nachbar), +33 6 47 74 50 07", ["Martine Vallet"]),
        ("Third party: Siri Evensen (neighbour)\n", ["Siri Evensen"]),
    ],
)
def test_the_teacher_in_charge_and_the_third_party_of_a_claim(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("E-Mail: guygodard@da.com\nKreditkarte (Garantie): 6759 6591 7814 0508 21", []),
    ],
)
def test_the_words_of_a_compound_form_key_are_not_names(text, expected):
    assert names(text) == expected
