"""Documented conventions that place a name: the parts of a structured name object (FHIR HumanName,
Avro/Kafka customer events), name keys in Dutch, French, German, Spanish and Italian records, LDAP
distinguished names (RFC 4514), chat export speakers (WhatsApp), Outlook `Last, First <address>` display
names, and what is not a name (organisations, German nouns and salutations). Rows written for these tests."""

import pytest

from recognizers import detect


def names(text):
    return [text[f.start : f.end] for f in detect([text], ["PERSON"])[0] if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            '{"customer":{"id":"K-7","name":{"given":"Sieglinde","family":"Aumüller"}}}',
            ["Sieglinde", "Aumüller"],
        ),
        ('{"name":{"use":"official","family":"Okafor","given":["Chidi"]}}', ["Okafor", "Chidi"]),
        ('{"voornaam":"Griet","achternaam":"Verhaeghe","plan":"Go"}', ["Griet", "Verhaeghe"]),
        ('{"prénom":"Anaïs","nom":"Lefebvre"}', ["Anaïs", "Lefebvre"]),
        ('{"vorname":"Ottokar","nachname":"Brösel"}', ["Ottokar", "Brösel"]),
        ('{"plan":{"first":"2024-01-01","last":"2024-03-01"},"family":"Pixel"}', []),
        ('{"product":{"name":"Fibre Max"}}', []),
    ],
)
def test_name_parts_in_records(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("dn: cn=Ysolde Marchetti,ou=People,dc=isp,dc=example", ["Ysolde Marchetti"]),
        ("member: CN=Brecht Van Acker,OU=Staff,DC=corp,DC=local", ["Brecht Van Acker"]),
        ("dn: cn=admins,ou=groups,dc=isp,dc=example", []),
        ("subject: CN=www.shop.example,O=Shop", []),
    ],
)
def test_ldap_common_names(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[03/02/2025, 09:14] Mireille Caron: my router died again", ["Mireille Caron"]),
        ("3/2/25, 9:14 PM - Tjeerd Hoekstra: can u call me", ["Tjeerd Hoekstra"]),
        ("[09:14, 03.02.2025] Ansgar Lindqvist: ok", ["Ansgar Lindqvist"]),
        ("[03/02/2025, 09:16] Helpdesk Bot: Ticket created.", []),
        ("[03/02/2025, 09:16] Customer Care: Thanks, noted", []),
        ("[03/02/2025, 09:16] Agent 7: Thanks", []),
        ("2025-02-03 09:16 ERROR Retry: timeout", []),
    ],
)
def test_chat_export_speakers(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "To: Vandamme, Lieve <lieve.vandamme@ex.be>; Okoro, Ada <ada@ex.ng>",
            ["Vandamme, Lieve", "Okoro, Ada"],
        ),
        ('Cc: "Moreau, Inès" <ines.moreau@ex.fr>', ["Moreau, Inès"]),
        ("Billing, Support <billing@telco.example>", []),
    ],
)
def test_family_given_display_names(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Hallo Herr Brandstätter,\nwir bestätigen die Änderung Ihrer Anschrift. Rufen Sie Ihren "
            "Berater an.\nViele Grüße\nTeam Kundenbetreuung",
            ["Brandstätter"],
        ),
        (
            "Guten Tag Frau Wegscheider,\nIhr Router wird morgen geliefert. Diese Lieferung ist kostenlos.",
            ["Wegscheider"],
        ),
        ("Mit freundlichen Grüßen\nIhr Kundenservice", []),
        ("Thanks, noted - Acme Support <support@acme.example>", []),
    ],
)
def test_german_pronouns_honorifics_and_teams(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Procter & Gamble and Hugo Boss signed the deal with Tommy Hilfiger.", []),
        ("Cc: Wells Fargo Support <support@wf.example>; Ann Lee <ann@ex.org>", ["Ann Lee"]),
        ("Pudding by Dr. Oetker, shipped by Marks & Spencer", []),
        ("Hugo Martin called about the Wells Fargo card", ["Hugo Martin"]),
        # a firm named after its partners, where the sentence uses the list as one thing; a list of people
        # stays people (issue 12's twelfth round)
        ("Lopez, Santos and Coleman is a design agency based in Espoo.", []),
        ("The Davis, Reynolds and Williamson Orchestra was founded in 1977.", []),
        ("Tomomi is from Hawkins, Richardson and Santana", ["Tomomi"]),
        ("Ann, Bob and Carl are coming tonight.", ["Ann", "Bob", "Carl"]),
        ("Greetings from Ann, Bob and Carl!", ["Ann", "Bob", "Carl"]),
    ],
)
def test_organisations_named_after_people(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"body":"<p>Thanks for the fix.</p><p>Regards,<br>Wilhelmina</p>"', ["Wilhelmina"]),
        ("<div>Kind regards,<br/>Oisín</div>", ["Oisín"]),
        ("<p>Regards,<br>The Billing Team</p>", []),
        ("Dear <b>Ann Lee</b>, your order shipped", ["Ann Lee"]),
    ],
)
def test_html_line_breaks_end_lines(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Radomir Kowalczyk\nmob: 0471 12 34 56\nfax: n/a", ["Radomir Kowalczyk"]),
        ("T. Vanhoutte\nGSM +32 471 12 34 56", ["T. Vanhoutte"]),
        ("Customer Service\nTel 0471 12 34 56", []),
        ("Opening Hours\nmail: info@shop.example", []),
        ("Invoice 2024-113\nTel 0471 12 34 56", []),
    ],
)
def test_contact_block_headings(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a business card, a résumé or a letterhead: the name heads contact details a few lines below it
        (
            "Rosalind Okonkwo\n\nAccountant\n\nPersonal Info:\nPhone:\n51 516 33 75\n\nE-mail:\nro@ex.com",
            ["Rosalind Okonkwo"],
        ),
        ("Tuuli Harjunpää\n\n12 Oak Street\nSpringfield, IL 62704", ["Tuuli Harjunpää"]),
        ("vesna kralj\nsewer pipe cleaner\n3911 fourth avenue suite 112 calgary alberta", ["vesna kralj"]),
        # ... and the company's line under it stays a company's, the name left where the model reads it
        (
            ">Esat Jeknić\n>Marshall, Hernandez and Simpson\n>Esat Jeknić\n>3378 217 Lovers Lane\n"
            ">Suite 680\n>Port Whangarei\n>New Zealand 15896",
            ["Esat Jeknić", "Esat Jeknić"],
        ),
        # ... not a form's title, a heading of dictionary words, nor a name too far above the details
        ("FORMULAIRE DE RETOUR\nOrder: ORD-2025-4338773\nTel 0471 12 34 56", []),
        ("Opening Hours\n\nMon-Fri\n\nTel 0471 12 34 56", []),
        ("Rosalind Okonkwo\n" + "notes\n" * 9 + "Tel 0471 12 34 56", []),
    ],
)
def test_a_name_heading_the_contact_details_below_it(text, expected):
    """Issue 12's twelfth round (presidio-research's résumés and cards): the first line of a text that is a
    name, with a phone, an email or an address within eight lines below it."""
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "GODELIEVE MAES                      Date: 03.04.2025\nKerkstraat 44\n9000 Gent",
            ["GODELIEVE MAES"],
        ),
        ("ATTN MARIA DUPONT\nJuliesteeg 160\n8472 Maaseik", ["MARIA DUPONT"]),
        ("INVOICE      No. T-1193\n\nTotal", []),
    ],
)
def test_column_gaps_and_attention_cues_are_not_part_of_a_name(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("cx radomir kowalczyk compl re outage, tkt raised", ["radomir kowalczyk"]),
        ("cust oisín rang re bill", ["oisín"]),
        ("customer wants 2 cancel", []),
        ("cust rang re bill - escalated to l2", []),
    ],
)
def test_call_note_shorthand(text, expected):
    assert names(text) == expected
