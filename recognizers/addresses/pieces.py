"""Regex pieces of a postal address: a street's name and number, the flat or building before the street
and after it, a city, the postcodes of the default regions, the locality after the street, an Irish house
name. `recognizers.addresses.patterns` assembles them into the ADDRESS pattern.
"""

from __future__ import annotations

import regex

from recognizers.addresses.words import NOT_CITY, UNIT_WORDS, US_STATES

CAP = r"(?:[LlDd]['’])?\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*\.?"  # Baker, O'Rafferty, l'Église, St.
_PARTICLE = (
    r"(?:de|du|des|del|della|delle|dei|degli|di|da|do|dos|das|la|le|les|lo|l['’]|d['’]|van|von|der|den|het|"
    r"te|ter|ten|zu|zum|zur|am|an|im|in|y|e|et|of|the|sur|sous|en|aux|au|'s|'t)"
)
# Between the words of a street's name: a space or two; a wider gap is a column of a laid-out page.
WORD_GAP = r"[ \t]{1,2}"
NAME_WORD = rf"(?:{CAP}|{_PARTICLE}(?=(?:[ \t]+{_PARTICLE})*[ \t]+(?:[LlDd]['’])?\p{{Lu}}))"
NAME = rf"{CAP}(?:{WORD_GAP}{NAME_WORD}){{0,5}}"  # the street's own name: starts with a capital
# A house number may carry its sign (`nº 12`, `n. 5`, `Nr. 3`, `no 7`); Spain writes `s/n` (sin número)
# for a house without one.
_NUM_SIGN = r"(?:(?:[Nn][º°o]|[Nn]\.|[Nn]r\.?|[Nn]úm\.?|[Nn]o\.)[ \t]*)?"
NUM = (
    r"(?:[Ss]/[Nn](?![\p{L}\d])|"
    rf"{_NUM_SIGN}\d{{1,5}}½?"
    r"(?:[ \t]?[A-Za-z](?![\p{L}\d]))?(?:[ \t]?[-/][ \t]?\d{1,4}[A-Za-z]?(?![\p{L}\d])(?:-hoog(?![\p{L}]))?"
    r"|/[A-Za-z](?![\p{L}\d]))?"
    # Dutch floors and parts (207-II, 12-hs, 12 hs, 4 huis; 8-3-hoog above), French and Belgian bis/ter
    r"(?:[ \t\-]?(?:I{1,3}|IV|hs|huis|bis|ter|quater|H)(?![\p{L}\d]))?"
    r"(?:[ \t]*(?:bus|bte|boîte|box|b)(?:/(?:bus|bte))?\.?[ \t]*\d{1,4}[A-Za-z]?(?![\p{L}\d]))?)"
)

# A flat's word ends a street's name that the number opens (`32 rue de Lefèvre Appt 43`)
FLAT_WORD = r"(?:Apt|Appt|Appart|Apartment|Flat|Suite|Unit|Bte|Whg)\.?(?![\p{L}])"
# Flats, blocks and buildings written before the street: `Flat 3, Kestrel House, 12 ...`, `Unit 4 Trident
# Park, ...`, `Bât. C, Esc. 2, 77 chemin ...`. A building counts by its type word (House, Court, Lodge...)
# and must be closed by a comma or a line break, so a name before an address is never taken for one.
_UNIT_PHRASE = (
    r"(?:Flat|Apartment|Apt\.?|Unit|Studio|Suite|Room|Floor|Block|Bât\.?|Bâtiment|Esc\.?|Escalier|Appt\.?)"
    r"[ \t]+[\w\-]{1,5}"
)
_BUILDING = (
    r"(?:The[ \t]+)?(?:\p{Lu}[\p{L}'’\-]*[ \t]+){0,3}"
    r"(?:House|Cottage|Court|Lodge|Villa|Mews|Park|Hall|Farm|Manor|Towers?|Building|Mansions|Apartments|"
    r"Residence|Maltings|Chambers|Centre|Center|Gardens|Wharf|Quay|Works|Mill)(?![\p{L}])"
)
UNIT_BEFORE = (
    rf"(?:(?:(?:{_UNIT_PHRASE})(?:[ \t]+{_BUILDING})?|{_BUILDING})[ \t]*(?:,[ \t]*|\n[ \t]*)"
    rf"|(?:{_UNIT_PHRASE})[ \t]+){{1,3}}"
)
# flat/box/floor after the street, on the same line or the next: `Apt. 681`, `, Appt 34`, `bus 3`, `3º B`
UNIT_AFTER = (
    r"(?:[ \t]*,?[ \t]*\n?[ \t]*"
    rf"(?:(?:(?i:{UNIT_WORDS})(?:\.|(?![\p{{L}}]))|#)[ \t]*[\w\-]{{1,5}}"
    # a Spanish floor and door: `3º B`, `2º izq.`, `1º dcha.`, `4ª int.`; or a floor without a number
    r"|\d{1,2}[ \t]?[º°ª]\.?(?:[ \t]?(?:[A-Za-z](?![\p{L}])"
    r"|(?i:izq|izqda|izquierda|dcha|dch|der|dcho|derecha|centro|ctro|int|interior|ext|exterior)\.?(?![\p{L}])))?"
    r"|(?i:bajo|bajos|ático|atico|entresuelo|entlo|principal|pral)\.?(?![\p{L}])"
    # the part of a German house: `Hinterhaus`, `Seitenflügel links`, `Dachgeschoss`
    r"|(?i:hinterhaus|vorderhaus|gartenhaus|quergebäude|seitenflügel(?:[ \t]+(?:links|rechts))?|"
    r"dachgeschoss|erdgeschoss|souterrain)(?![\p{L}])"
    # an ordinal floor: `2nd Floor`, `3e etage`, `2e étage`, `1er étage`, `3. OG`, `4. Stock`
    r"|\d{1,2}(?:st|nd|rd|th|e|er|ère|ème|eme|de|ste|\.)?[ \t]?"
    r"(?i:floor|fl\.?|etage|étage|og|stock|obergeschoss|verdieping|piso|planta|piano)(?![\p{L}]))){0,3}"
)

_CITY_WORD = rf"(?!{NOT_CITY})(?:['’]s-|['’]t[ \t])?\p{{Lu}}[\p{{L}}'’.]*(?:[-/]\p{{L}}[\p{{L}}'’.]*)*"
CITY = (
    rf"{_CITY_WORD}(?:[ \t]+(?:(?i:am|an|der|den|de|op|aan|van|bij|ter|ten|sur|en|del|la|di|al|le|upon|on|im|"
    rf"ob|bei|sul|vor|vorm|unter|auf|zum|zur|sous|lès|lez|les|aux|du|des|della|delle|dei|degli|sulla|nel)"
    rf"[ \t]+)*"
    rf"{_CITY_WORD}){{0,4}}(?:[ \t]*\([A-Z]{{2}}\))?(?:[ \t]+Cedex(?:[ \t]+\d{{1,2}})?)?"
)
_POSTCODE_CONTINENTAL = r"(?:[A-Z]{1,2}-)?(?:\d{4}(?:[ \t]?[A-Z]{2}(?![\p{L}]))?|\d{5})(?![\d\p{L}])"
_POSTCODE_GB = r"(?:GIR[ \t]?0AA|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})(?![\d\p{L}])"
_EIRCODE = r"(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ \t]?[0-9AC-FHKNPRTV-Y]{4}(?![\d\p{L}])"
SEP = r"(?:[ \t]*,[ \t]*(?:\n[ \t]*)?|[ \t]*\n[ \t]*|[ \t]+)"
# chat users put a dash between the street and a postcode: `Borgo Traetta 217 - 86035 Larino (CB)`
DASH_BEFORE_POSTCODE = r"[ \t]+[-–][ \t]+(?=(?:[A-Z]{1,2}-)?\d{4,5}[ \t])"
LOCALITY = (
    r"(?P<locality>"
    # 1000 Bruxelles, 56011, Gabella (PI)
    rf"{_POSTCODE_CONTINENTAL}(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*|[ \t]+){CITY}"
    # a GB postcode before its town, as forms and chats write it too: `9 David Canyon, FY2 8ZG Youngmouth`
    rf"|{_POSTCODE_GB}(?:[ \t]*,[ \t]*|[ \t]+){CITY}"
    rf"|{CITY}(?:[ \t]+\d{{1,2}})?(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*|[ \t]+){_EIRCODE}"  # Dublin 2, D02 XY45
    rf"|{_EIRCODE}(?:[ \t]+{CITY})?"  # W31AWX4 Roisin Ville
    # Irish county, after the town or alone: Kira Ville, Co. Galway, K96 WV5V
    rf"|(?:{CITY}(?:[ \t]+\d{{1,2}})?{SEP})?(?:Co\.|County)[ \t]+{_CITY_WORD}(?:{SEP}{_EIRCODE})?"
    rf"|{CITY}(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*|[ \t]+)(?:{CITY}(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*|[ \t]+))?"
    rf"{_POSTCODE_GB}"  # London NW1 6XE, North Holly\nS6 7LJ
    rf"|{CITY},[ \t]*(?:{US_STATES})[ \t]+\d{{5}}(?:-\d{{4}})?(?![\d\p{{L}}])"  # Washington, DC 20500
    rf"|{CITY},?[ \t]+\d{{5}}(?![\d\p{{L}}])"  # Madrid, 28013
    rf"|(?P<city_only>{CITY})(?=[ \t]*(?:$|[\n.;,)\]\"'|]))"  # Bruxelles (end of the address)
    r")"
)

# An Irish house name in place of a number: `Rosebank`, `The Willows`, `Ard na Gréine` (one word, or with
# `The` or an Irish article; two capitalised words would read as a person's name), opening its line or
# field. `validate_match` keeps it only before an unnumbered street in a locality with a county or an
# Eircode.
HOUSE_NAME = (
    r"(?<=(?:^|[\n:\"'>|\t=])[ \t]*)"  # it opens the address's line or field
    r"(?:The[ \t]+\p{Lu}[\p{L}'’\-]+"
    rf"|(?!{NOT_CITY})\p{{Lu}}[\p{{L}}'’\-]+(?:[ \t]+(?:na|an|a|de|Na|An)[ \t]+\p{{Lu}}[\p{{L}}'’\-]+)?)"
)
IRISH_LOCALITY = regex.compile(rf"(?:^|[ \t,\n])(?:Co\.|County)[ \t]|{_EIRCODE}")
