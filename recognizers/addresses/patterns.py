"""The ADDRESS pattern (`PATTERNS`), its anchor (`ANCHOR`: a street type word or a post office box word,
which every address holds), and the recognizer's context words.

Built from `recognizers.addresses.pieces` and the word tables of `recognizers.addresses.words`.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers.addresses.pieces import (
    CAP,
    CITY,
    DASH_BEFORE_POSTCODE,
    FLAT_WORD,
    HOUSE_NAME,
    LOCALITY,
    NAME,
    NAME_WORD,
    NUM,
    SEP,
    UNIT_AFTER,
    UNIT_BEFORE,
    WORD_GAP,
)
from recognizers.addresses.words import (
    COMPOUND_SUFFIXES,
    COUNTRY,
    DIRECTIONAL,
    ENGLISH_TYPES,
    FRENCH_TYPES_CAPITALISED,
    PO_BOX_WORDS,
    PREFIX_TYPES_ANY_CASE,
    PREFIX_TYPES_CAPITALISED,
    SEPARATE_GERMANIC_TYPES,
)

_STREET = (
    r"(?P<street>"
    # type first, then the name, then the number: Rue de la Loi 16, Strada Taliercio, 47
    rf"(?:(?i:{PREFIX_TYPES_ANY_CASE})|(?P<weak_prefix>{PREFIX_TYPES_CAPITALISED}))"
    rf"(?:{WORD_GAP}{NAME_WORD}){{1,6}}"
    rf"(?:[ \t]*,)?[ \t]+(?P<num_after>{NUM})"
    # compound street name then number: Keizersgracht 123-2, Murat-Heinrich-Allee 7740, Berliner Straße 12
    rf"|(?:{CAP}[ \t\-])*\p{{Lu}}[\p{{L}}\-]*(?i:{COMPOUND_SUFFIXES})"
    rf"(?:[ \t]*,)?[ \t]+(?P<num_compound>{NUM})"
    rf"|{NAME}{WORD_GAP}(?:{SEPARATE_GERMANIC_TYPES})[ \t]+(?P<num_germanic>{NUM})"
    # number first, then the type and name (France): 12 rue des Lilas, 5, avenue Samson
    rf"|(?P<num_before>{NUM})(?:[ \t]*,)?[ \t]+"
    rf"(?:(?i:{PREFIX_TYPES_ANY_CASE})|(?P<weak_fr>{FRENCH_TYPES_CAPITALISED}))"
    rf"(?:{WORD_GAP}(?!{FLAT_WORD}){NAME_WORD}){{1,6}}"
    # number, name, suffix (GB, IE, US): 221B Baker Street, 1600 Pennsylvania Ave NW
    rf"|(?:(?P<num_english>{NUM})[ \t]+)?{NAME}{WORD_GAP}(?P<english_type>{ENGLISH_TYPES})(?![\p{{L}}])"
    rf"(?:{WORD_GAP}{DIRECTIONAL})?"
    # no number at all (needs a locality): boulevard Petit
    rf"|(?P<no_num>(?i:{PREFIX_TYPES_ANY_CASE})(?:{WORD_GAP}{NAME_WORD}){{1,4}})"
    r")"
)
# US military mail (USPS Publication 28, 225): a ship, a unit or a postal service center and its box, then
# APO/FPO/DPO and the armed forces "state" AA/AE/AP with a ZIP code; in any case, as re-cased lines, chats
# (`unit 4526 box 06\ndpo ap 51065`) and labels write them
_MILITARY = (
    r"(?i:(?:(?:USNS|USNV|USS|USCGC)[ \t]+\p{L}[\p{L}'’\-]*(?:[ \t]+\p{L}[\p{L}'’\-]*)?"
    r"|Unit[ \t]+\d{1,5}[ \t]*,?[ \t]+Box[ \t]+\d{1,5}|PSC[ \t]+\d{1,5},?[ \t]*Box[ \t]+\d{1,5})"
    r"(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*)(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{5}(?:-\d{4})?)(?![\d\p{L}])"
)
# A post office box (`PO_BOX_WORDS`) and its number.
_PO_BOX = rf"{PO_BOX_WORDS}[ \t]*\d{{1,6}}(?:[ \t]\d{{2,3}}){{0,3}}(?![\d\p{{L}}])"
ADDRESS = (
    rf"(?<![\p{{L}}\d]|\d:)(?:(?P<military>{_MILITARY})"
    rf"|(?P<po_box>{_PO_BOX}){SEP}{LOCALITY}(?:{SEP}{COUNTRY})?"
    rf"|(?:(?P<house_name>{HOUSE_NAME})[ \t]*(?:,[ \t]*|\n[ \t]*))?(?P<unit_before>{UNIT_BEFORE})?"
    rf"{_STREET}{UNIT_AFTER}(?:(?:{SEP}|{DASH_BEFORE_POSTCODE}){LOCALITY}(?:{SEP}{COUNTRY}(?![\p{{L}}]))?"
    # the town in parentheses after the street backs it, and stays out of the span: `Via Roma 5 (Roma)`
    rf"|(?P<town_after>(?=[_*]{{0,2}}[ \t]*\([ \t]*{CITY}[ \t]*\))))?)"
)

PATTERNS = [Pattern("address (street, number, locality)", ADDRESS, 0.7)]
LAYOUT_COLUMN = "address (block of a two-column layout, split at the right-hand cell)"
CONTEXT = [
    "address",
    "street",
    "lives",
    "ship",
    "deliver",
    "billing",
    "adres",
    "adresse",
    "dirección",
    "indirizzo",
]


# Every address form holds a street type word (or a military postal keyword): texts without one are
# skipped before the full pattern runs.
# (Every form opens with a letter, and a compound's suffix ends its word within its longest suffix's length
# or is `str.`: the lookaheads skip the other positions of the scan at once.)
_LONGEST_SUFFIX = max(len(suffix) for suffix in COMPOUND_SUFFIXES.split("|") if suffix.isalpha())
ANCHOR = (
    rf"(?=\p{{L}})(?:(?<![\p{{L}}])(?:(?i:{PREFIX_TYPES_ANY_CASE})|{PREFIX_TYPES_CAPITALISED}|"
    rf"{SEPARATE_GERMANIC_TYPES}|{ENGLISH_TYPES}|(?i:APO|FPO|DPO)|{PO_BOX_WORDS})(?![\p{{L}}])"
    rf"|(?=\p{{L}}{{3,{_LONGEST_SUFFIX}}}(?![\p{{L}}])|(?i:str)\.)(?i:{COMPOUND_SUFFIXES})(?![\p{{L}}]))"
)
