"""The address recognizer's shortcuts find what the full scans find: the anchor scan read word by word,
the pattern matched only where a word starts. Strings written for these tests."""

import regex

from recognizers.address_recognizer import AddressRecognizer
from recognizers.addresses.patterns import ANCHOR
from recognizers.addresses.scan import find_anchors, first_match

TEXTS = [
    "Keizersgracht 123-2, 1015 CJ Amsterdam",
    "Hauptstr. 5 / Hauptstraße 5 / HAUPTSTRASSE 5 / Hauptſtraße 5 / straẞe 5",
    "P.O. Box 12, Dublin 2; PO Box 5; pobox 7; Post Office Box 9; postoffice box 3; B.P. 33; C.P. 12",
    "Rond-Point Schuman 6, 1040 Bruxelles; rond-point 6; C/Mayor 10; C. Mayor 10; Pza. Mayor 1",
    "Av.x St.John Str.Foo; during monitoring of the renewal; Murat-Heinrich-Allee 7740",
    "İstanbul Caddesi 5, Apartado de Correos 20, 28080 Madrid; USNS Comfort, FPO AA 34090",
    "personne au rue de la Loi 16, 1000 Bruxelles; calle Mayor s/n, 28013 Madrid; nº 12 rue des Lilas",
    "postbus 995, 7640 Warcoing; vİale Roma 5, 00184 Roma; s/n calle Mayor, Madrid; l'Étang Park 5",
    '12-14 Baker Street; 8 bus 3 rue Haute, 12½ Main St, 3 bis rue Foch; {"id": 123, "n": 5}\n7 Elm Rd',
    "",
]


def test_anchor_scan_by_words_finds_what_finditer_finds():
    recognizer = AddressRecognizer()
    anchor = regex.compile(ANCHOR)
    for text in TEXTS:
        for pos, endpos in ((0, len(text)), (3, len(text) - 2), (len(text) // 2, len(text))):
            expected = [m.span() for m in anchor.finditer(text, pos, endpos)]
            assert [m.span() for m in find_anchors(recognizer._anchor, text, pos, endpos)] == expected, text


def test_matching_at_word_starts_finds_what_search_finds():
    recognizer = AddressRecognizer()
    for text in TEXTS:
        position = 0
        while True:
            expected = recognizer._address.search(text, position)
            found = first_match(recognizer._address, text, position, len(text), len(text))
            assert (found and found.span()) == (expected and expected.span()), text
            if expected is None:
                break
            position = expected.start() + 1
