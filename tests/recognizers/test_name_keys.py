"""Keys and formats that name a person's field, recognised in general: COBOL copybook dumps (a PICTURE
clause between the field and its value), photo metadata (Exif Artist, IPTC By-line, copyright lines),
name-part keys whose one lower-case word is a name (the Meta pixel's `ud[fn]`), SWIFT MT940 `/NAME/`
subfields, WebVTT voice spans, name changes in audit logs, and what is not a name (a program under
`Creator Tool`, a short code under `Recipient`, places, clubs, street types). Rows written for these tests."""

import pytest

from recognizers import detect


def names(text):
    return [text[f.start : f.end] for f in detect([text], ["PERSON"])[0] if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("   05 POL-SURNAME     PIC X(25)  : DELACROIX", ["DELACROIX"]),
        ("   05 POL-GIVEN       PIC X(15)  : AMANDINE", ["AMANDINE"]),
        ("   05 HOLDER-FORENAMES PIC X(30) : MARIE LOUISE", ["MARIE LOUISE"]),
        ("   05 POL-TOWN        PIC X(25)  : SAINT GERMAIN", []),
        ("   05 POL-ID          PIC 9(8)   : 00412233", []),
        ("Last name: VOSS", ["VOSS"]),
    ],
)
def test_cobol_copybook_fields(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Artist                          : Ingrid Solberg", ["Ingrid Solberg"]),
        ("Artist                          : INGRID SOLBERG", ["INGRID SOLBERG"]),
        ("By-line                         : Tomasz Wierzbicki", ["Tomasz Wierzbicki"]),
        ("Copyright                       : © 2025 Ingrid Solberg", ["Ingrid Solberg"]),
        ("Copyright (c) 2019-2025 Rutger Hauwaert", ["Rutger Hauwaert"]),
        ("Owner Name                      : Rutger Hauwaert", ["Rutger Hauwaert"]),
        ("Creator Tool                    : Adobe Lightroom Classic", []),
        ("Camera Model Name               : Pixel 8 Pro", []),
        ("© 2025 Nordlicht Media GmbH. All rights reserved.", []),
    ],
)
def test_photo_metadata_and_copyright_lines(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("GET /p.gif?ev=Lead&ud[fn]=sigrid&ud[ln]=brouwers&ud[ct]=gent", ["sigrid", "brouwers"]),
        ("GET /p.gif?ud[fn]=joost&ud[ln]=van%20der%20heyden", ["joost", "van%20der%20heyden"]),
        ("GET /p.gif?ud[ct]=brussels&ud[zp]=1000&fn=main", []),
        ("first_name=sigrid&plan=basic", ["sigrid"]),
        ("first_name=none&last_name=null", []),
    ],
)
def test_name_part_keys_take_one_lower_case_word(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (":86:/ORDP//NAME/GRIET CLAESSENS/ADDR/KERKSTRAAT 4 9000 GENT/REMI/INV 55", ["GRIET CLAESSENS"]),
        (":86:/BENM//NAME/NORDLICHT MEDIA GMBH/REMI/INV 55", []),
    ],
)
def test_mt940_name_subfields(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("00:01.000 --> 00:04.000\n<v Oona Lindgren>Can everyone hear me?</v>", ["Oona Lindgren"]),
        ("00:01.000 --> 00:04.000\n<v.loud Bartek Nowicki>Yes, loud and clear.", ["Bartek Nowicki"]),
        ("00:01.000 --> 00:04.000\n<v Speaker 2>Yes.</v>", []),
        ("00:01.000 --> 00:04.000\n<v Moderator>Welcome.</v>", []),
        ("Sure, Oona, I'll share my screen.", ["Oona"]),
        ("Sure, Thanks, that works.", []),
    ],
)
def test_voice_spans_and_people_addressed(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'admin@corp.example changed the name of o.lind@corp.example from "Oona Lind" to "Oona Berg"',
            ["Oona Lind", "Oona Berg"],
        ),
        ("  Name: 'Siobhán O'Dwyer' <- 'siobhán o'dwyer'", ["Siobhán O'Dwyer", "siobhán o'dwyer"]),
        ('the project name changed from "Blue Harbour" to "Red Harbour"', []),
        ('file name changed from "scan.pdf" to "scan_final.pdf"', []),
        # ... or asked for in prose, the name field named before in the sentence (issue 12's twelfth round)
        (
            "The name in the account is not correct, please change it to Bekbolat Musliyevich",
            ["Bekbolat Musliyevich"],
        ),
        ("please update my name to ann lee.", ["ann lee"]),
        ("The name of the file is wrong, please change it to Quarterly Report.", []),
        ("The project name is wrong, please change it to Blue Harbour.", []),
    ],
)
def test_name_changes_in_audit_logs(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('inbound body="please stop, thanks wiebke hartmann" action=optout', ["wiebke hartmann"]),
        ('inbound body="please stop, thanks a lot" action=optout', []),
        ("Your driver Anselm will call you when he is close.", ["Anselm"]),
        ("Your driver Support will call you.", []),
        ("Yours faithfully,\n\nJ.-P. Castagnet", ["J.-P. Castagnet"]),
        ("**Oona Lindgren** commented — 12/Mar/26 10:02 AM", ["Oona Lindgren"]),
        ("caller: hi this is wiebke hartmann i'm calling about my router", ["wiebke hartmann"]),
        ("caller: hi this is urgent i need a technician", []),
    ],
)
def test_messages_signatures_and_introductions(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "<np:Donor>PROX</np:Donor><np:Recipient>ORBE</np:Recipient>",
        "<trk><name>TRUCK-204</name><trkseg>",
        "Bad Godesberg: 12°C, wind W 10 km/h, rain",
        "Sankt Pölten: 8°C, wind N 14 km/h, fog",
        "Sparta Rotterdam 2-1 Heracles Almelo (att. 8120)",
        "Dundee United FC 0-0 Aberdeen (att. 9120)",
        "IBAN BE12 3456 7890 1234 BIC KREDBEBB",
        "Jorinde Vos (Guest)\t10:02\t10:40\tAttendee",
    ],
)
def test_codes_places_clubs_and_roles_are_not_names(text):
    assert [name for name in names(text) if name != "Jorinde Vos"] == []


def test_a_record_field_opening_on_a_street_type_is_a_street():
    text = "4411;;ROMERO;Inés;PASAJE LUCIA VELA, 12;;28001;MADRID;612-345678;ines.romero@example.es"
    assert not any("LUCIA" in name for name in names(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Please keep every record relating to J.-P. Lemaire (account 55120).", ["J.-P. Lemaire"]),
        ("Bonjour M. Dupont, votre facture est prête.", ["Dupont"]),
    ],
)
def test_hyphenated_initials_belong_to_the_name(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"ownerName":"Ingrid Solberg","productName":"Fibre Max"}', ["Ingrid Solberg"]),
        ("driver_name: oona lindgren", ["oona lindgren"]),
        ("GuestName=Terry Cox, Room 204", ["Terry Cox"]),
        ("alertname=HighLatency, operationName=UpdateContact", []),
        ('reportName="Monthly Usage"', []),
        ("fileName=Quarterly Report", []),
        ('"hostName":"Edge Gateway"', []),
    ],
)
def test_compound_name_keys_by_the_word_before_name(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mail to Mr Tiago Rocha, of VIA LUCIA SERRA, 4, 00185 ROMA, please.", ["Tiago Rocha"]),
        ("Ship to Mr Tiago Rocha, of 14 Aidan Crescent, Brona Ville, D08 X2Y4.", ["Tiago Rocha"]),
    ],
)
def test_streets_and_towns_named_after_people_are_not_names(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Please call Mr M. Okonkwo back about the refund.", ["M. Okonkwo"]),
        ("Yours sincerely,\n\nM. Halvorsen", ["M. Halvorsen"]),
        ("Attn: M. Ferreira", ["M. Ferreira"]),
        ("Bonjour M. Dupont, votre facture est prête.", ["Dupont"]),
    ],
)
def test_m_after_an_english_cue_is_an_initial(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hoi Quinten - can I come and see it on Saturday?", ["Quinten"]),
        ("Hello World - a first demo page", []),
    ],
)
def test_a_dash_ends_a_greeting(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "QA 2026-04-13 | agent: Ottilie Brandvold | score 85/100\n- coaching: Ottilie to slow down",
            ["Ottilie Brandvold", "Ottilie"],
        ),
        ("agent: Ottilie Page\n- see Page 2 of the script", ["Ottilie Page"]),
    ],
)
def test_a_word_of_a_name_found_in_the_same_text_is_that_name(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Reader: Oona Lindgren (badge R0412)   Route 12/40", ["Oona Lindgren"]),
        ("Reader: Adobe Acrobat", []),
        ("Accompagné(e) de: Bartek Nowicki", ["Bartek Nowicki"]),
        ("Mitreisende: Ingrid Solberg", ["Ingrid Solberg"]),
        ("Reminder: your appointment with T Okafor on 12/05 at 10:30.", ["T Okafor"]),
        ("Reminder: your appointment with Customer Care on 12/05.", []),
        ("Kantoor van gerechtsdeurwaarder Rutger Hauwaert", ["Rutger Hauwaert"]),
    ],
)
def test_meter_readers_companions_appointments_and_bailiffs(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Je soussigné(e) Ingrid Solberg, demeurant à Gand, donne procuration à Bartek Nowicki pour",
            ["Ingrid Solberg", "Bartek Nowicki"],
        ),
        (
            "Io sottoscritto/a NOWICKI Bartek, residente a Roma, delego Oona Lindgren al ritiro del pacco.",
            ["NOWICKI Bartek", "Oona Lindgren"],
        ),
        ("I authorise the payment of 20 EUR to the carrier.", []),
        ("Gent, den 11/04/2026", []),
    ],
)
def test_mandate_parties_and_datelines(text, expected):
    assert names(text) == expected
