"""Postal and numbering conventions met in the third held-out corpus: Spanish house-number signs, `s/n`
and floor/door marks, buildings and flats before the street, Irish house names and counties, German house
parts, Dutch `hs`/`bis`/`-3-hoog`, Brussels' bilingual street names; multi-word form labels before phone
numbers, trunk-prefixed mobiles without a label, and 14-digit timestamps that are not cards. Rows written
for these tests."""

import pytest

from recognizers import detect


def found(text, entity):
    return [text[f.start : f.end] for f in detect([text], [entity])[0] if f.entity_type == entity]


@pytest.mark.parametrize(
    "address",
    [
        # Spain: `nº`, `s/n` (no number), floor and door after the number, on one line or several
        "C/ Salvador Ramos, nº 120, 3º izq., 07417 Albacete",
        "Cañada Fanny Fuertes, s/n, bajo, 10610 Madrid",
        "C/ Cipriano Alegre, 227\n1º dcha.\n36605 La Coruña",
        "Callejón de Fortunato Cuadrado, s/n\nático\n16892 Vizcaya",
        # number signs elsewhere
        "Via Roma n. 5, 00184 Roma",
        "Hauptstraße Nr. 5, 10115 Berlin",
        # flats, blocks and buildings before the street
        "Flat 22, Kestrel House, 192 Kathleen Island, Jessicamouth, EN1 7EX",
        "Unit 4 Trident Park\n230 Carter Road\nSouth Georgetown\nLN3 3HX",
        "Bât. C, Esc. 1, 77 chemin Fournier, 37376 SAINTE JULIETTE-LES-BAINS",
        # Ireland: house names instead of numbers, counties, Eircodes
        "The Willows, Reddy Street, Myles Ville, Co. Mayo, D87 N2N9",
        "Rosebank\nTansey Street\nNikki Ville\nCo. Clare\nY69 VHP4",
        "Ard na Gréine, Lyne Street, Lyndon Ville, Co. Clare, T55 23W5",
        # Germany: the part of the house; the Netherlands: hs, bis, floors
        "Magret-Staude-Platz 48\nHinterhaus\n83770 Jessen",
        "Antonios-Pieper-Straße 25, Seitenflügel links, 17505 Eberswalde",
        "Semsingel 52 hs\n7324 CJ Thesinge",
        "Niekbaan 115bis, 6795 XD Donkerbroek",
        "Ellasteeg 226-3-hoog, 2459 JC Montfoort",
        # the country closing the address; capitals as labels print them; iCalendar's escaped commas
        "Mariastraat 222 bus 11, 6062 Tienen, België",
        "134 Travis Key, North Ebonyview, SC 60497, USA",
        "Baumplatz 192\n87229 Hünfeld\nGermany",
        "12 MacEver Street, Dean Ville, Y21 1AT5, IE",
        "126 Mitchell Freeway\nAllenchester, MI 92950\nÉtats-Unis",
        "99 TRAN JUNCTIONS APT 19\nNORTH REBECCA, KY 08173\nUSA",
        "ACCESO DE ROGELIO ORTIZ, 18, 18897 HUELVA, SPAIN",
        "Chloëlaan 85-II\\, 9071 TB Vlist",
        "194 MACDONNELL STREET\nJOHNNY VILLE\nR38 RVNC\nIRELAND",
        "234½ Morris Dam\\, Baldwinview\\, OK 43381",
        "Apartment 5\n80 Anderson Street\nKaitlin Ville\nF07 HFAK\nÉire",
        # house numbers with a half or a letter after a slash; Spanish post office boxes
        "240½ Fleming Loop\nWest Kimberlychester, CO 10084\nUnited States",
        "Piazza Marcantonio 29/A, 74027 San Giorgio Ionico (TA)",
        "Apdo. de Correos 7860\n20861 Ciudad",
        # Brussels: both languages, one address; `bte/bus`
        "Boulevard Anspach 203 / Anspachlaan 203 bte/bus 21, 1050 Ixelles/Elsene",
    ],
)
def test_whole_addresses(address):
    text = f"Site: {address}\nItems: 1"
    assert found(text, "ADDRESS") == [address]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a person's name is not an Irish house name, nor is what does not open the line
        ("Mary Murphy, Main Street, Ennis, Co. Clare", ["Main Street, Ennis, Co. Clare"]),
        ("Rosebank, 14 Main Street, Ennis, Co. Clare", ["14 Main Street, Ennis, Co. Clare"]),
        ("Hello, 12 Baker Street, London NW1 6XE", ["12 Baker Street, London NW1 6XE"]),
        # a wide gap is the next column of a laid-out page; a key in a lower-case note is no street word
        ("138 avenue Dupré                 Customer no 1234", ["138 avenue Dupré"]),
        ("addr pölitzstraße 33 bergzabern", ["pölitzstraße 33 bergzabern"]),
        # lower-case addresses inside mixed text: notes, table cells, XML elements; postcodes in capitals
        (
            "drv 428 tour 3: nobody home at 76 rue de david, 59613 alexandre-sur-mer, déposé chez Mme Foster",
            ["76 rue de david, 59613 alexandre-sur-mer"],
        ),
        (
            "Il mio indirizzo: apartment 5, 80 anderson street, kaitlin ville, f07 hfak. Potete",
            ["apartment 5, 80 anderson street, kaitlin ville, f07 hfak"],
        ),
        (
            "<a:Install>104 sherry centers, hernandezside, nm 58573</a:Install>",
            ["104 sherry centers, hernandezside, nm 58573"],
        ),
        (
            "| x@example.com | 7 chemin de lefort, 06889 maillard-les-bains | closed |",
            ["7 chemin de lefort, 06889 maillard-les-bains"],
        ),
        (
            "Dirección: chaussée de lefebvre 59 bte 23, 1537 bommershoven",
            ["chaussée de lefebvre 59 bte 23, 1537 bommershoven"],
        ),
        ("retry 3 via proxy, 1000 requests failed", []),
        (
            "ronda de edgardo verdú, 34, 7º a, 32861 cuenca",
            ["ronda de edgardo verdú, 34, 7º a, 32861 cuenca"],
        ),
        ("alameda haroldo font, 235, 25712 madrid", ["alameda haroldo font, 235, 25712 madrid"]),
        ("203 holt forest, new ryanport, dc 89849", ["203 holt forest, new ryanport, dc 89849"]),
        ("Customer: my new address is 12 baker street london nw1 6xe", ["12 baker street london nw1 6xe"]),
        ('    address_lines: "85 Daniel Plain"', ["85 Daniel Plain"]),
        (
            "drv 1: personne au annelie-bien-ring 79, 16210 herford, déposé",
            ["annelie-bien-ring 79, 16210 herford"],
        ),
        (
            "returns: via matilde mancebo, 117, 4º d, 09985 tarragona",
            ["via matilde mancebo, 117, 4º d, 09985 tarragona"],
        ),
        # a dash between the street and its postcode, as chat users write it; not before other numbers
        ("[12:01] Ann: Borgo Dora 21 - 10152 Torino (TO)", ["Borgo Dora 21 - 10152 Torino (TO)"]),
        ("Kerkstraat 5 - 10115 was the code", ["Kerkstraat 5"]),
        # a flat's word ends the name of a street the number opens; an Italian province in lower case
        ("ship to 32 rue de la Gare Appt 43 08308 Dijon today", ["32 rue de la Gare Appt 43 08308 Dijon"]),
        ("ok so its 18 rue des lilas appt 5 69003 lyon thanks", ["18 rue des lilas appt 5 69003 lyon"]),
        ("new one: piazza verdi 12 20121 milano (mi) ok", ["piazza verdi 12 20121 milano (mi)"]),
        ("new one: piazza verdi 12 20121 milano (mio) ok", ["piazza verdi 12 20121 milano"]),
        (
            "Note: moved to keizersgracht 12 5211 ab 's-hertogenbosch",
            ["keizersgracht 12 5211 ab 's-hertogenbosch"],
        ),
        # line breaks written as data: JSON's `\n`, LDAP's `$`; print_r's `[key] => value`
        (
            '"formatted": "Ronda de Carlota Guzmán, 70\\n33998 Girona\\nSpain",',
            ["Ronda de Carlota Guzmán, 70\\n33998 Girona\\nSpain"],
        ),
        (
            "postalAddress: 2 boulevard Auguste Potier$20552 Ponsnec$France",
            ["2 boulevard Auguste Potier$20552 Ponsnec$France"],
        ),
        ("    [address_1] => 236 Curtis Brooks\n    [postcode] => 9951 ER", ["236 Curtis Brooks"]),
        ("07:11  Bakerloo  Baker Street → Elephant & Castle", []),  # a time is no house number
        # a street line needs no locality where its key names it, and only there
        ("Address{line1='119 Johnston Bridge', postcode='07610'}", ["119 Johnston Bridge"]),
        ('{"street": "Place Berthelot 226", "city": "Lyon"}', ["Place Berthelot 226"]),
        ('{"title": "91 Hopkins Pass"}', []),
        ("ERROR 500 MAIN LOOP FAILED", []),
        ("Rue X 5, 1000 Bruxelles, UKraine", ["Rue X 5, 1000 Bruxelles"]),
        (
            "Debtor address / Adresse: FLAT 9, 192 TERESA SHOALS, POPEMOUTH, UB74 3AJ, UNITED KINGDOM\nIBAN",
            ["FLAT 9, 192 TERESA SHOALS, POPEMOUTH, UB74 3AJ, UNITED KINGDOM"],
        ),
        (
            "Mijn adres: Mariastraat 222, 6062 Tienen, België. Bereikbaar op",
            ["Mariastraat 222, 6062 Tienen, België"],
        ),
    ],
)
def test_what_is_not_part_of_an_address(text, expected):
    assert found(text, "ADDRESS") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the label's first word says what the value is, its last (`port`) does not
        ("Number to port: +32 498 29 95 60", ["+32 498 29 95 60"]),
        ("Number to port: 0470 12 34 56", ["0470 12 34 56"]),
        ("db port: 5432123", []),
        # a trunk `0` and a mobile range: a phone number with no word saying so, in any default region,
        # in a field or in prose
        ("Notify: 0649272203", ["0649272203"]),
        ("Notify: 07352548122", ["07352548122"]),
        ("Notify: 0875127526", ["0875127526"]),
        ("Tried 2x, no answer on 0854104859 at 14:00", ["0854104859"]),
        ("Invoice (0647435293) paid", []),
        ("batch 0212345678 rows", []),  # a fixed-line range: could be anything
        ("id 0012345678 ok", []),
        # `00` and a space, a country code in parentheses
        ("TEL 00 31 6 14518020", ["00 31 6 14518020"]),
        ("phone='(+31) 6 10805786'", ["(+31) 6 10805786"]),
        ("callback promised on (+32) 16 69 29 35 before", ["(+32) 16 69 29 35"]),
        # a tel: link's number is data, not markup; a SIP caller ID; an XML element as the key
        ('back on <a href="tel:+31688273280">06.88273280</a>', ["+31688273280", "06.88273280"]),
        ('"from-trunk","""Johnathan Dowd"" <353854867717>","PJSIP/trunk"', ["353854867717"]),
        ("<prov:MSISDN>4915739937816</prov:MSISDN>", ["4915739937816"]),
        # decimals and versions joined by dots are no phone numbers; numbers written with dots are
        ('"DOCUMENTATION","1774518662.2",""', []),
        ("lat=51.274750 lon=-0.361985 rssi=-66", []),
        ("ont fw 5.12.27.75.65; android", []),
        ("call 07925.234071 or 333.398.0154", ["07925.234071", "333.398.0154"]),
        ("móvil 625.96.35.50", ["625.96.35.50"]),
        # a national number grouped unlike its region only with a word or a mobile range saying so
        ("03-02 10:44:02.252 26780 26780 E AndroidRuntime", []),
        ("Identiteitskaart 330-3992682-01.", []),
        ("kbo=0843.826.457 vat=BE0843826457", []),
        ("Emergency contact: Ann Lee (partner) – 0457 474 278", ["0457 474 278"]),
        ("llamar al 91 123 45 67", ["91 123 45 67"]),
        ("  6 SSR CTCM KL HK1/353882367248/P1", ["353882367248"]),  # an airline booking's contact element
        # a phone key wins over a card reading of the same digits
        ("TAP3 calledNumber=4915530921563 servedImsi=204030183649512", ["4915530921563"]),
    ],
)
def test_phone_numbers(text, expected):
    assert found(text, "PHONE_NUMBER") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("callEventStartTimeStamp=20260414231411 servedMsisdn=44727486140", []),
        ("at 20260414231411 ok", []),  # 14 digits without a Diners Club prefix
        ("diners 30569309025904", ["30569309025904"]),
        ("calledNumber=4915530921563", []),
        ("caller: 4826 6681 6640 5637 expiry 12 29", ["4826 6681 6640 5637"]),  # a speaker, not a key
        ("'card': '5351.5337.6678.5525',", ["5351.5337.6678.5525"]),
        ("card 4364\u00a01016\u00a05247\u00a02869 ok", ["4364\u00a01016\u00a05247\u00a02869"]),
        ("  8 FP CC/CA/5246680181672165/0431", ["5246680181672165"]),  # an airline form of payment
        ('"barcode": "4765091543243", "price"', []),
        ("siret=39375599610277 kvk=08082842", []),
        # lengths only some schemes issue: 13-digit ids, 18-digit inventory numbers
        ('{"id":"2651893999340","createdDateTime"', []),
        ("B-17-04;FP-723-BCA5;287379768846049318;352717862387076", []),
    ],
)
def test_card_numbers(text, expected):
    assert found(text, "CREDIT_CARD") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"resolved": "git+ssh://git@github.com/op/ui-kit.git#39e3854"', []),  # a login in a URL
        ("remote git@github.com:org/repo.git", []),
        ("mail ann@example.com: thanks", ["ann@example.com"]),
        # written to escape harvesters; an airline booking's IATA contact element
        ("write gematovar [at] hotmail [dot] com pls", ["gematovar [at] hotmail [dot] com"]),
        ("kwilliamson (at) outlook.com", ["kwilliamson (at) outlook.com"]),
        ("esmeeridder at mangel dot org.", ["esmeeridder at mangel dot org"]),
        ("  7 SSR CTCE KL HK1/AHUBBARD//GMAIL.COM/P1", ["AHUBBARD//GMAIL.COM"]),
        ("https://example.com/?to=ann@example.com", ["ann@example.com"]),
    ],
)
def test_email_addresses(text, expected):
    assert found(text, "EMAIL_ADDRESS") == expected
