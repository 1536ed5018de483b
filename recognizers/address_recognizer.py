"""ADDRESS: whole postal addresses — flat, street, number, box, postcode, city — on one line or several.

Built from the postal conventions of the default regions, not from any generator's word lists:
- street type first, number after (BE, NL, DE, ES, IT: `Rue de la Loi 16`, `Calle Mayor 10`, `Via Roma 25`),
  Germanic compounds (`Keizersgracht 123-2`, `Hauptstraße 5`), number first (FR: `12 rue des Lilas`),
  number, name and a USPS/Royal Mail suffix (GB, IE, US: `221B Baker Street`, `1600 Pennsylvania Ave NW`);
- flats and boxes before or after the street (`Flat 3,`, `Apt. 681`, `bus 3`, `3º B`);
- addresses in all-lower-case prose lines (chat), read capitalised (`recase_lower_prose`);
- post office boxes with their locality (`PO Box 12, Dublin 2`, `Postbus 995, 7640 Warcoing`, `BP 33,
  44000 Nantes`, `Postfach 10 20 30, 10115 Berlin`, `Apartado de Correos 20, 28080 Madrid`);
- the locality after a comma, newline or space: `1000 Bruxelles`, `1015 CJ Amsterdam`, `London NW1 6XE`,
  `Dublin 2, D02 XY45`, `Washington, DC 20500`, `Madrid, 28013`;
- addresses split into a record's fields (CSV, fixed-width, MT940 subfields): the field holding the street,
  the fields after it backing it as its locality (`recognizers.address_fields`).
A street whose type word is also an everyday English word (`Court`, `Place`, `Via`) counts only with a
locality after it; the city part stops before words that start a new clause, so the span never swallows
neighbouring text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex
from presidio_analyzer import LocalRecognizer, Pattern, RecognizerResult

from recognizers.address_fields import RecordFields
from recognizers.column_names import column_words
from recognizers.context import key_before
from recognizers.layout import left_column_view, split_at_cells
from recognizers.results import make_result
from recognizers.vcard import vcard_spans

# --- building blocks -------------------------------------------------------------------------------
_CAP = r"(?:[LlDd]['’])?\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*\.?"  # Baker, O'Rafferty, l'Église, St.
_PARTICLE = (
    r"(?:de|du|des|del|della|delle|dei|degli|di|da|do|dos|das|la|le|les|lo|l['’]|d['’]|van|von|der|den|het|"
    r"te|ter|ten|zu|zum|zur|am|an|im|in|y|e|et|of|the|sur|sous|en|aux|au|'s|'t)"
)
# Between the words of a street's name: a space or two; a wider gap is a column of a laid-out page.
_WORD_GAP = r"[ \t]{1,2}"
_NAME_WORD = rf"(?:{_CAP}|{_PARTICLE}(?=(?:[ \t]+{_PARTICLE})*[ \t]+(?:[LlDd]['’])?\p{{Lu}}))"
_NAME = rf"{_CAP}(?:{_WORD_GAP}{_NAME_WORD}){{0,5}}"  # the street's own name: starts with a capital
# A house number may carry its sign (`nº 12`, `n. 5`, `Nr. 3`, `no 7`); Spain writes `s/n` (sin número)
# for a house without one.
_NUM_SIGN = r"(?:(?:[Nn][º°o]|[Nn]\.|[Nn]r\.?|[Nn]úm\.?|[Nn]o\.)[ \t]*)?"
_NUM = (
    r"(?:[Ss]/[Nn](?![\p{L}\d])|"
    rf"{_NUM_SIGN}\d{{1,5}}½?"
    r"(?:[ \t]?[A-Za-z](?![\p{L}\d]))?(?:[ \t]?[-/][ \t]?\d{1,4}[A-Za-z]?(?![\p{L}\d])(?:-hoog(?![\p{L}]))?"
    r"|/[A-Za-z](?![\p{L}\d]))?"
    # Dutch floors and parts (207-II, 12-hs, 12 hs, 4 huis; 8-3-hoog above), French and Belgian bis/ter
    r"(?:[ \t\-]?(?:I{1,3}|IV|hs|huis|bis|ter|quater|H)(?![\p{L}\d]))?"
    r"(?:[ \t]*(?:bus|bte|boîte|box|b)(?:/(?:bus|bte))?\.?[ \t]*\d{1,4}[A-Za-z]?(?![\p{L}\d]))?)"
)

# A flat's word ends a street's name that the number opens (`32 rue de Lefèvre Appt 43`)
_FLAT_WORD = r"(?:Apt|Appt|Appart|Apartment|Flat|Suite|Unit|Bte|Whg)\.?(?![\p{L}])"
# Street type written before the name (Romance languages, Dutch/French Belgium).
_PREFIX_TYPES_ANY_CASE = (
    r"rue|avenue|av\.|boulevard|bd\.?|chaussée|chaussee|impasse|allée|allee|chemin|quai|faubourg|drève|"
    r"rond-point|sentier|venelle|ruelle|calle|avenida|avda\.?|paseo|carretera|ctra\.?|travesía|travesia|"
    r"glorieta|cañada|urbanización|urbanizacion|callejón|callejon|pasadizo|rambla|carrer|viale|piazza|"
    r"piazzale|corso|largo|vicolo|contrada|lungomare|lungotevere|strada|rotonda|incrocio|stretto|canale|borgo|rua|travessa|"
    r"steenweg|straat|laan|dreef|plein"
)
# Type words that are also everyday words: capitalised only, and (see _AMBIGUOUS) need a locality.
_PREFIX_TYPES_CAPITALISED = (
    r"Place|Plaza|Pza\.|Via|Vía|Vial|Route|Square|Passage|Cours|Camino|Ronda|Cuesta|Pasaje|Alameda|Acceso|"
    r"Avenue|Allee|Ring|Platz|Weg|C/|C\."
)
# Of those, the ones French writes after the number (`5 Place Verte`; `3 Via ...` is no address).
_FRENCH_TYPES_CAPITALISED = r"Place|Route|Square|Passage|Cours|Avenue|Allee"
# Germanic compounds: Keizersgracht, Hauptstraße, Spießstr., Lindenlaan, Murat-Heinrich-Allee.
_COMPOUND_SUFFIXES = (
    r"straat|gracht|laan|weg|plein|kade|dijk|singel|hof|ring|baan|dreef|lei|steenweg|markt|pad|steeg|wal|"
    r"burgwal|vest|boulevard|straße|strasse|str\.|allee|gasse|platz|damm|ufer|chaussee|pfad|steig|stieg|zeile|graben|"
    r"berg|kamp|feld|weide|tor|brücke|promenade|park|garten|wall"
)
_SEPARATE_GERMANIC_TYPES = (
    r"Straße|Strasse|Str\.|Weg|Allee|Gasse|Platz|Ring|Damm|Ufer|Straat|Laan|Plein|Kade|Dijk"
)
# Suffixes after the street name in GB, IE and US addresses (USPS Publication 28 / Royal Mail usage).
_ENGLISH_TYPES = (
    r"Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Av\.?|Lane|Ln\.?|Drive|Dr\.?|Boulevard|Blvd\.?|Close|Way|Place|"
    r"Pl\.?|Court|Ct\.?|Crescent|Cres\.?|Gardens?|Gdns\.?|Square|Sq\.?|Terrace|Ter\.?|Hill|Hills|Grove|"
    r"Park|Row|Mews|Walk|Highway|Hwy\.?|Parkway|Parkways|Pkwy\.?|Circle|Cir\.?|Trail|Trl\.?|Pass|View|"
    r"Views|Light|Lights|Ridge|Ridges|Forge|Forges|Heights|Green|Greens|Rise|Vale|Quay|Wharf|Parade|"
    r"Esplanade|Embankment|Alley|Bypass|Causeway|Crossing|Expressway|Freeway|Turnpike|Loop|Bend|Run|"
    r"Path|Pike|Plaza|Point|Points|Port|Ports|Route|Spur|Track|Trace|Trafficway|Tunnel|Underpass|Viaduct|"
    r"Villas?|Vista|Ways|Wells|Brook|Brooks|Creek|Crest|Dale|Estate|Estates|Falls|Ferry|Field|Fields|"
    r"Fort|Glen|Glens|Harbor|Harbour|Haven|Hollow|Island|Isle|Junction|Key|Knoll|Knolls|Lake|Lakes|"
    r"Landing|Meadow|Meadows|Mill|Mills|Mount|Mountain|Orchard|Oval|Pines|Plains|Prairie|Ranch|Rapids|"
    r"Rest|Shoal|Shoals|Shore|Shores|Springs?|Station|Stream|Summit|Throughway|Union|Valley|Village|Ville|"
    r"Common|Commons|Corner|Corners|Cove|Coves|Curve|Divide|Extension|Flat|Flats|Ford|Forest|Fork|Forks|"
    r"Gateway|Inlet|Manor|Motorway|Overpass|Radial|Ramp|Squares|Walks|Wall|Drives|Courts|Circles|Lodge|"
    r"Annex|Arcade|Bayou|Beach|Bluffs?|Bottom|Branch|Bridge|Burgs?|Camp|Canyon|Cape|Centers?|Club|"
    r"Crossroads?|Dam|Fords|Harbors|Junctions|Keys|Loaf|Locks?|Mall|Manors|Mission|Mountains|Neck|Parks|"
    r"Pine|Plain|Rapid|River|Roads|Skyway|Spurs|Stravenue|Streets|Trailer|Unions|Valleys|Villages|Well|"
    r"Course|Cliffs?|Islands|Land|Via|Rue|Groves|Extensions|Fall|Passage"
)
_DIRECTIONAL = r"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?(?![\p{L}\d])"
_US_STATES = (
    r"AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|"
    r"ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|AS|GU|MP|PR|VI|UM|FM|MH|PW|AA|AE|AP"
)
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
_UNIT_BEFORE = (
    rf"(?:(?:(?:{_UNIT_PHRASE})(?:[ \t]+{_BUILDING})?|{_BUILDING})[ \t]*(?:,[ \t]*|\n[ \t]*)"
    rf"|(?:{_UNIT_PHRASE})[ \t]+){{1,3}}"
)
_UNIT_WORDS = (
    r"Apt|Appt|Appart|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Bât|Bâtiment|Piano|Appartamento|Interno|Int|"
    r"Scala|Puerta|Piso|Planta|Escalera|Esc|étage|Etage|Whg|bus|bte|boîte|box"
)
# flat/box/floor after the street, on the same line or the next: `Apt. 681`, `, Appt 34`, `bus 3`, `3º B`
_UNIT_AFTER = (
    r"(?:[ \t]*,?[ \t]*\n?[ \t]*"
    rf"(?:(?:(?i:{_UNIT_WORDS})(?:\.|(?![\p{{L}}]))|#)[ \t]*[\w\-]{{1,5}}"
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

# Words that begin a new clause rather than continue a city name.
_NOT_CITY = (
    r"(?:Customer|Client|Called|Calling|Call|Phone|Tel|Mobile|Email|E-mail|Mail|Card|Order|Invoice|Ticket|"
    r"Status|Note|Notes|Please|Thanks|Thank|Regards|Best|Cheers|Dear|Hello|Hi|The|This|That|And|But|Or|"
    r"Mr|Mrs|Ms|Dr|Name|Contact|Account|Payment|Paid|Amount|Ref|Reference|Subject|From|To|Sent|Date|"
    r"INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL|Delivery|Shipping|Billing|Address|User|Agent)(?![\p{L}])"
)
_CITY_WORD = rf"(?!{_NOT_CITY})(?:['’]s-|['’]t[ \t])?\p{{Lu}}[\p{{L}}'’.]*(?:[-/]\p{{L}}[\p{{L}}'’.]*)*"
_CITY = (
    rf"{_CITY_WORD}(?:[ \t]+(?:(?i:am|an|der|den|de|op|aan|van|bij|ter|ten|sur|en|del|la|di|al|le|upon|on|im|"
    rf"ob|bei|sul|vor|vorm|unter|auf|zum|zur|sous|lès|lez|les|aux|du|des|della|delle|dei|degli|sulla|nel)"
    rf"[ \t]+)*"
    rf"{_CITY_WORD}){{0,4}}(?:[ \t]*\([A-Z]{{2}}\))?(?:[ \t]+Cedex(?:[ \t]+\d{{1,2}})?)?"
)
_POSTCODE_CONTINENTAL = r"(?:[A-Z]{1,2}-)?(?:\d{4}(?:[ \t]?[A-Z]{2}(?![\p{L}]))?|\d{5})(?![\d\p{L}])"
_POSTCODE_GB = r"(?:GIR[ \t]?0AA|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})(?![\d\p{L}])"
_EIRCODE = r"(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ \t]?[0-9AC-FHKNPRTV-Y]{4}(?![\d\p{L}])"
_SEP = r"(?:[ \t]*,[ \t]*(?:\n[ \t]*)?|[ \t]*\n[ \t]*|[ \t]+)"
# chat users put a dash between the street and a postcode: `Borgo Traetta 217 - 86035 Larino (CB)`
_DASH_BEFORE_POSTCODE = r"[ \t]+[-–][ \t]+(?=(?:[A-Z]{1,2}-)?\d{4,5}[ \t])"
_LOCALITY = (
    r"(?P<locality>"
    # 1000 Bruxelles, 56011, Gabella (PI)
    rf"{_POSTCODE_CONTINENTAL}(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*|[ \t]+){_CITY}"
    rf"|{_CITY}(?:[ \t]+\d{{1,2}})?(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*|[ \t]+){_EIRCODE}"  # Dublin 2, D02 XY45
    rf"|{_EIRCODE}(?:[ \t]+{_CITY})?"  # W31AWX4 Roisin Ville
    # Irish county, after the town or alone: Kira Ville, Co. Galway, K96 WV5V
    rf"|(?:{_CITY}(?:[ \t]+\d{{1,2}})?{_SEP})?(?:Co\.|County)[ \t]+{_CITY_WORD}(?:{_SEP}{_EIRCODE})?"
    rf"|{_CITY}(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*|[ \t]+)(?:{_CITY}(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*|[ \t]+))?"
    rf"{_POSTCODE_GB}"  # London NW1 6XE, North Holly\nS6 7LJ
    rf"|{_CITY},[ \t]*(?:{_US_STATES})[ \t]+\d{{5}}(?:-\d{{4}})?(?![\d\p{{L}}])"  # Washington, DC 20500
    rf"|{_CITY},?[ \t]+\d{{5}}(?![\d\p{{L}}])"  # Madrid, 28013
    rf"|(?P<city_only>{_CITY})(?=[ \t]*(?:$|[\n.;,)\]\"'|]))"  # Bruxelles (end of the address)
    r")"
)

# An Irish house name in place of a number: `Rosebank`, `The Willows`, `Ard na Gréine` (one word, or with
# `The` or an Irish article; two capitalised words would read as a person's name), opening its line or
# field. `validate_match` keeps it only before an unnumbered street in a locality with a county or an
# Eircode.
_HOUSE_NAME = (
    r"(?<=(?:^|[\n:\"'>|\t=])[ \t]*)"  # it opens the address's line or field
    r"(?:The[ \t]+\p{Lu}[\p{L}'’\-]+"
    rf"|(?!{_NOT_CITY})\p{{Lu}}[\p{{L}}'’\-]+(?:[ \t]+(?:na|an|a|de|Na|An)[ \t]+\p{{Lu}}[\p{{L}}'’\-]+)?)"
)
_IRISH_LOCALITY = regex.compile(rf"(?:^|[ \t,\n])(?:Co\.|County)[ \t]|{_EIRCODE}")

_STREET = (
    r"(?P<street>"
    # type first, then the name, then the number: Rue de la Loi 16, Strada Taliercio, 47
    rf"(?:(?i:{_PREFIX_TYPES_ANY_CASE})|(?P<weak_prefix>{_PREFIX_TYPES_CAPITALISED}))"
    rf"(?:{_WORD_GAP}{_NAME_WORD}){{1,6}}"
    rf"(?:[ \t]*,)?[ \t]+(?P<num_after>{_NUM})"
    # compound street name then number: Keizersgracht 123-2, Murat-Heinrich-Allee 7740, Berliner Straße 12
    rf"|(?:{_CAP}[ \t\-])*\p{{Lu}}[\p{{L}}\-]*(?i:{_COMPOUND_SUFFIXES})"
    rf"(?:[ \t]*,)?[ \t]+(?P<num_compound>{_NUM})"
    rf"|{_NAME}{_WORD_GAP}(?:{_SEPARATE_GERMANIC_TYPES})[ \t]+(?P<num_germanic>{_NUM})"
    # number first, then the type and name (France): 12 rue des Lilas, 5, avenue Samson
    rf"|(?P<num_before>{_NUM})(?:[ \t]*,)?[ \t]+"
    rf"(?:(?i:{_PREFIX_TYPES_ANY_CASE})|(?P<weak_fr>{_FRENCH_TYPES_CAPITALISED}))"
    rf"(?:{_WORD_GAP}(?!{_FLAT_WORD}){_NAME_WORD}){{1,6}}"
    # number, name, suffix (GB, IE, US): 221B Baker Street, 1600 Pennsylvania Ave NW
    rf"|(?:(?P<num_english>{_NUM})[ \t]+)?{_NAME}{_WORD_GAP}(?P<english_type>{_ENGLISH_TYPES})(?![\p{{L}}])"
    rf"(?:{_WORD_GAP}{_DIRECTIONAL})?"
    # no number at all (needs a locality): boulevard Petit
    rf"|(?P<no_num>(?i:{_PREFIX_TYPES_ANY_CASE})(?:{_WORD_GAP}{_NAME_WORD}){{1,4}})"
    r")"
)
_MILITARY = (
    r"(?:(?:USNS|USNV|USS|USCGC)[ \t]+\p{Lu}[\p{L}'’\-]*(?:[ \t]+\p{Lu}[\p{L}'’\-]*)?"
    r"|Unit[ \t]+\d{3,5}[ \t]+Box[ \t]+\d{3,5}|PSC[ \t]+\d{3,5},[ \t]*Box[ \t]+\d{3,5})"
    r"(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*)(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{5}(?![\d\p{L}])"
)
# Post office boxes, as each region's post writes them: PO Box (GB, IE, US), Postbus (NL, BE), Postfach (DE),
# BP / Boîte postale / Case postale (FR, BE), Apartado (de Correos) (ES), Casella postale / CP (IT); a box
# counts only with the locality after it.
_PO_BOX_WORDS = (
    r"(?:(?i:p\.?[ \t]?o\.?[ \t]?box|post[ \t]?office[ \t]box|postbus|postfach|bo[iî]te[ \t]postale|"
    r"case[ \t]postale|(?:apartado|apdo\.?)(?:[ \t]de[ \t]correos)?|casella[ \t]postale)|B\.?P\.?|C\.?P\.?)"
)
_PO_BOX = rf"{_PO_BOX_WORDS}[ \t]*\d{{1,6}}(?:[ \t]\d{{2,3}}){{0,3}}(?![\d\p{{L}}])"
# The country closing an address, in English or in its own language (and the neighbours' languages).
_COUNTRY = (
    r"(?:(?i:belgium|belgique|belgië|belgie|belgien|the[ \t]netherlands|netherlands|nederland|pays-bas|"
    r"niederlande|france|frankreich|frankrijk|germany|deutschland|allemagne|duitsland|united[ \t]kingdom|"
    r"great[ \t]britain|england|scotland|wales|northern[ \t]ireland|royaume-uni|ireland|éire|eire|irlande|"
    r"irland|ierland|spain|españa|espagne|spanien|spanje|italy|italia|italie|italien|italië|"
    r"united[ \t]states(?:[ \t]of[ \t]america)?|luxembourg|luxemburg|switzerland|schweiz|suisse|svizzera|"
    r"austria|österreich|portugal|poland|polska|états-unis|etats-unis|estados[ \t]unidos|stati[ \t]uniti|"
    r"vereinigte[ \t]staaten|verenigde[ \t]staten)(?![\p{L}])"
    r"|USA|U\.S\.A\.|UK|U\.K\.|(?:BE|NL|FR|DE|GB|IE|ES|IT|US|LU|AT|CH|PT)(?![\p{L}\d]))"
)
_ADDRESS = (
    rf"(?<![\p{{L}}\d]|\d:)(?:(?P<military>{_MILITARY})"
    rf"|(?P<po_box>{_PO_BOX}){_SEP}{_LOCALITY}(?:{_SEP}{_COUNTRY})?"
    rf"|(?:(?P<house_name>{_HOUSE_NAME})[ \t]*(?:,[ \t]*|\n[ \t]*))?(?P<unit_before>{_UNIT_BEFORE})?"
    rf"{_STREET}{_UNIT_AFTER}(?:(?:{_SEP}|{_DASH_BEFORE_POSTCODE}){_LOCALITY}(?:{_SEP}{_COUNTRY}(?![\p{{L}}]))?"
    # the town in parentheses after the street backs it, and stays out of the span: `Via Roma 5 (Roma)`
    rf"|(?P<town_after>(?=[_*]{{0,2}}[ \t]*\([ \t]*{_CITY}[ \t]*\))))?)"
)

PATTERNS = [Pattern("address (street, number, locality)", _ADDRESS, 0.7)]
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

# English street types that are everyday words: a street ending in one needs a house number, and one
# without a locality needs one of the clearly postal types.
_EVERYDAY_ENGLISH = frozenset(
    "Way Place Court Park Row Walk Pass View Views Light Lights Green Greens Close Rise Hill Hills Grove "
    "Point Points Port Ports Run Key Union Station Village Common Corner Corners Divide Extension Flat Flats "
    "Fork Forks Spur Track Trace Wall Rest Summit Mount Island Lake Lakes Field Fields Landing Oval Bend "
    "Loop Ramp Path Mill Mills Creek Brook Brooks Forest Glen Haven Ridge Ridges Forge Forges Annex "
    "Arcade Beach Bottom Branch Bridge Camp Canyon Cape Center Centers Club Dam Keys Loaf Lock Locks Mall "
    "Mission Neck Parks Pine Plain River Union Unions Well Wells Villages Village Valley Valleys Mountain "
    "Station Course Cliff Cliffs Islands Land Via Fall".split()
)


# Every address form holds a street type word (or a military postal keyword): texts without one are
# skipped before the full pattern runs.
# (Every form opens with a letter, and a compound's suffix ends its word within its longest suffix's length
# or is `str.`: the lookaheads skip the other positions of the scan at once.)
_LONGEST_SUFFIX = max(len(suffix) for suffix in _COMPOUND_SUFFIXES.split("|") if suffix.isalpha())
_ANCHOR = (
    rf"(?=\p{{L}})(?:(?<![\p{{L}}])(?:(?i:{_PREFIX_TYPES_ANY_CASE})|{_PREFIX_TYPES_CAPITALISED}|"
    rf"{_SEPARATE_GERMANIC_TYPES}|{_ENGLISH_TYPES}|APO|FPO|DPO|{_PO_BOX_WORDS})(?![\p{{L}}])"
    rf"|(?=\p{{L}}{{3,{_LONGEST_SUFFIX}}}(?![\p{{L}}])|(?i:str)\.)(?i:{_COMPOUND_SUFFIXES})(?![\p{{L}}]))"
)


class AddressRecognizer(LocalRecognizer):
    """Whole postal addresses in the conventions of BE, NL, FR, DE, GB, IE, ES, IT and the US."""

    def __init__(self, supported_language: str = "en"):
        self.patterns = list(PATTERNS)
        self._address = regex.compile(_ADDRESS, regex.MULTILINE)
        self._anchor = regex.compile(_ANCHOR)
        super().__init__(
            supported_entities=["ADDRESS"],
            name="PiivaultAddressRecognizer",
            supported_language=supported_language,
            context=list(CONTEXT),
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = [
            make_result(self, "ADDRESS", start, end, 0.85, "address (vCard ADR)")
            for start, end, kind in vcard_spans(text)
            if kind == "ADDRESS"
        ]
        results.extend(self._pattern_results(text))
        view = left_column_view(text)
        if view is not None:
            # an address block of a two-column layout, the right-hand cell set aside: its parts on either
            # side of the cell (street line; postcode and city on the next)
            blanked, cells = view
            for result in self._pattern_results(blanked):
                if any(result.start < start and end < result.end for start, end in cells):
                    for start, end in split_at_cells(result.start, result.end, cells, blanked):
                        results.append(make_result(self, "ADDRESS", start, end, result.score, LAYOUT_COLUMN))
        return results

    def _pattern_results(self, text: str) -> list[RecognizerResult]:
        text = _read_formula_strings(_read_line_breaks(_ESCAPED_SEPARATOR.sub(r"\1 ", text)))
        fields = RecordFields(text)
        results = self._matches(recase_upper_values(recase_upper_lines(recase_lower_prose(text))), fields)
        recased, runs = recase_lower_runs(text)
        for start, end in runs:
            # lower-case addresses inside mixed text, read in a second pass over their runs, so that the
            # lower-case parts of addresses written in capitals (`52 hs`, `2e verdieping`) keep their
            # reading; a second reading replaces the first ones it covers and extends
            for extra in self._matches(recased, fields, start, end):
                overlapping = [r for r in results if extra.start < r.end and r.start < extra.end]
                if all(extra.start <= r.start and r.end <= extra.end for r in overlapping) and (
                    sum(r.end - r.start for r in overlapping) < extra.end - extra.start
                ):
                    results = [r for r in results if r not in overlapping] + [extra]
        return results

    def _matches(
        self, text: str, fields: RecordFields, pos: int = 0, endpos: int | None = None
    ) -> list[RecognizerResult]:
        """The addresses in `text[pos:endpos]`, looked for only near a street type word: every address
        holds one, and scanning whole JSON lines and chats for the rest of the pattern is the cost."""
        results = []
        endpos = len(text) if endpos is None else endpos
        for window_start, window_end in _windows(self._anchors(text, pos, endpos), pos, endpos):
            position = max(window_start, results[-1].end if results else pos)
            limit = min(endpos, window_end + _AFTER_ANCHOR)
            while position <= window_end:
                match = self._first_match(text, position, window_end, limit)
                if match is None:
                    break
                position = self._take(match, text, fields, results)
        return results

    def _anchors(self, text: str, pos: int, endpos: int):
        """The matches of `_ANCHOR` in `text[pos:endpos]`, as `finditer` finds them, tried only at the words
        that may hold one: a street type word opens its word, and a compound's suffix ends it."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter written as two in lower case (İ): offsets would shift
            yield from self._anchor.finditer(text, pos, endpos)
            return
        starts, suffixes = _anchor_words()
        end = pos
        for word in _LETTERS.finditer(_folded(lowered), pos, endpos):
            value = word.group(0)
            if word.start() < end or not (value in starts or value.endswith(suffixes)):
                continue
            tries = {word.start()} if value in starts else set()
            if value.endswith(suffixes):
                tries.update(word.end() - len(suffix) for suffix in suffixes if value.endswith(suffix))
            for at in sorted(tries):
                anchor = self._anchor.match(text, at, endpos)
                if anchor is not None:
                    yield anchor
                    end = anchor.end()
                    break

    def _first_match(self, text: str, position: int, last_start: int, endpos: int):
        """The first address in `text[position:endpos]` that starts by `last_start`: the pattern tried only
        where a word starts (an address opens with a letter or digit not preceded by one), which is what
        searching every position finds, without the cost of trying the others."""
        for start in _ADDRESS_START.finditer(text, position, last_start + 1):
            if start.group("lower") and not _may_open_in_lower_case(text, start.start(), endpos):
                continue
            if start.group("digit") and not _NUMBER_BEFORE_WORD.match(text, start.start(), endpos):
                continue
            match = self._address.match(text, start.start(), endpos)
            if match is not None:
                return match
        return None

    def _take(self, match, text: str, fields: RecordFields, results: list[RecognizerResult]) -> int:
        """Add `match` to `results` when it validates, clipped to the record field holding its street;
        where to search on."""
        if not self.validate_match(match, fields):
            return match.start() + 1
        core = next((group for group in ("street", "po_box", "military") if match.group(group)), None)
        anchor = (match.end(core) if core else match.end()) - 1
        start, resume = match.start(), _trim_end(text, match.start(), match.end())
        start, end = fields.clip(start, resume, anchor)
        if end < resume:
            end = _trim_end(text, start, end)  # the fields after the street's are the locality's: skip them
        full = (
            match.group("military")
            or match.group("po_box")
            or (match.group("locality") and not match.group("city_only"))
        )
        score = 0.85 if full else 0.65
        if results and _BILINGUAL_SLASH.fullmatch(text, results[-1].end, start):
            # Brussels writes each street in both languages: `Rue Haute 5 / Hoogstraat 5, 1000 ...`
            previous = results.pop()
            start, score = previous.start, max(score, previous.score)
        results.append(make_result(self, "ADDRESS", start, end, score, PATTERNS[0].name))
        return resume

    @staticmethod
    def validate_match(match, fields: RecordFields | None = None) -> bool:
        """Refuse streets whose type word is an everyday word unless a number and a locality back them, or
        an address key or column header names the value (`line1='119 Johnston Bridge'`, `"street":
        "Place Berthelot 226"`, a `Street Address` column)."""
        has_locality = bool(match.group("locality")) and not match.group("city_only")
        has_locality = has_locality or match.group("town_after") is not None
        if not has_locality and (
            _is_street_field(match)
            or (
                fields is not None
                and match.group("street")
                and fields.in_street_column(*match.span("street"))
            )
        ):
            has_locality = True  # the key says what the locality would have said
        if match.group("house_name") and not (
            has_locality
            and not (match.group("num_english") or match.group("num_after") or match.group("num_before"))
            and _IRISH_LOCALITY.search(match.group("locality"))
        ):
            return False
        if match.group("po_box"):
            return has_locality
        if match.group("no_num") and not has_locality:
            return False
        if (match.group("weak_prefix") or match.group("weak_fr")) and not has_locality:
            return False
        english_type = match.group("english_type")
        if english_type:
            numbered = match.group("num_english") or match.group("unit_before")
            if not numbered and not has_locality:
                return False
            if english_type in _EVERYDAY_ENGLISH and not (numbered and has_locality):
                return False
        return True


# Keys whose value is a street line: `street`, `line1`, `address_line_1`, `addressLine1`, `adresse`, `strasse`
_STREET_KEYS = frozenset(
    "street streetaddress line line1 addressline address addr adres adresse anschrift strasse straße "
    "direccion dirección calle indirizzo via".split()
)
_FIELD_END = regex.compile(r"[ \t]*(?:$|[\"',;|}\]\n)<])")


def _is_street_field(match) -> bool:
    """The match is the whole value of a key that names a street or an address line."""
    text = match.string
    if not _FIELD_END.match(text, match.end()):
        return False
    key = key_before(text, match.start())
    # a street type word before a parenthesis (`Hereward Street (Leeds)`) is no key (`street=`, `addr `)
    written = text[max(0, match.start() - 48) : match.start()]
    between = written[written.rfind(key) + len(key) :] if key else ""
    if key and not ("(" in between and not _KEY_MARK.search(between)):
        key = regex.sub(r"[\W_\d]+", "", key).lower()
        if key in _STREET_KEYS or key.endswith(("street", "line", "lines", "address")):
            return True
    # the label that opens the value's line, as record dumps print it: `05 CUST-STREET PIC X(40) : `
    label = _LINE_LABEL.fullmatch(text[text.rfind("\n", 0, match.start()) + 1 : match.start()])
    return bool(label) and bool(_LABEL_STREET_WORDS.intersection(column_words(label.group("label"))))


_KEY_MARK = regex.compile(r"[:=>\"'\]|\t]")
# `Label: `, and in an audit record the value the label had before: `MailingStreet: 'new' <- 'old'`
_LINE_LABEL = regex.compile(
    r"[ \t]*(?P<label>[^\n:=]{1,60}?)[ \t]*[:=][ \t]*"
    r"(?:(?:'[^'\n]*'|\"[^\"\n]*\")[ \t]*(?:<-|->|=>|→|←)[ \t]*)?[\"']?"
)
_LABEL_STREET_WORDS = frozenset(
    "street address addr adres adresse anschrift strasse straße direccion dirección calle indirizzo".split()
)


# How far before its street type word an address may start (flat, building, house name, number, name of
# the street) and how far after it it may end (number, flat, locality, country).
_BEFORE_ANCHOR, _AFTER_ANCHOR = 160, 400
# Where an address may start: every form opens with a letter or digit, and `_ADDRESS` opens with
# `(?<![\p{L}\d]|\d:)`.
_ADDRESS_START = regex.compile(r"(?<![\p{L}\d])(?:(?P<lower>\p{Ll})|(?P<digit>\d)|\p{L})")
# An address that opens with its house number reads a word after it (the street's type or name), past the
# number's letters, signs and box (`12-14`, `3 bis`, `12½`, `8 bus 3`) and a comma: none of them crosses a
# line break, a quote or a colon.
_NUMBER_BEFORE_WORD = regex.compile(r"\d[\d\p{L} \t\-/½.,]*?[ \t]\p{L}")


def _may_open_in_lower_case(text: str, at: int, endpos: int) -> bool:
    """An address may open with the lower-case letter at `at`: a street type or post office box word of
    any case (`rue`, `postbus`), `l'`/`d'` before a capital, `s/n` or a number's sign (`nº 12`)."""
    first, following = text[at], text[at + 1 : min(at + 2, endpos)]
    if first == "n" or (first in "ld" and following in ("'", "’")) or (first == "s" and following == "/"):
        return True
    word = _LETTERS.match(text, at, endpos)
    if word is None:  # at the end of the range searched
        return False
    lowered = word.group(0).lower()
    return len(lowered) != len(word.group(0)) or _folded(lowered) in _lower_case_openers()


@lru_cache(maxsize=1)
def _lower_case_openers() -> frozenset[str]:
    """The first words of the street types and post office boxes that `_ADDRESS` reads in any case."""
    return (
        frozenset({_LETTERS.match(word).group(0) for word in _PREFIX_TYPES_ANY_CASE.split("|")})
        | _PO_BOX_OPENERS
    )


_LETTERS = regex.compile(r"\p{L}+")
# The first words of the post office boxes read in any case (`p` of `P.O. Box`, `pobox`, `postoffice`)
_PO_BOX_OPENERS = frozenset(
    "p po pobox post postoffice postbus postfach boite boîte case apartado apdo casella".split()
)
# The letters that the case-insensitive parts of `_ANCHOR` read as another letter than their lower case
_CASE_FOLDS = str.maketrans({"ſ": "s", "\U0001df95": "ß"})


def _folded(lowered: str) -> str:
    return lowered if lowered.isascii() else lowered.translate(_CASE_FOLDS)


@lru_cache(maxsize=1)
def _anchor_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The words (lower case) that an anchor's first word may be, and the compound suffixes: the street
    type words up to their first sign (`av` of `av.`, `rond` of `rond-point`), the first words of the post
    office boxes (`p` of `P.O. Box`, `pobox`, `postoffice`) and the military keywords."""
    words, suffixes = _type_words()
    starts = {_LETTERS.match(word).group(0) for word in words}
    return frozenset(starts | _PO_BOX_OPENERS | {"b", "bp", "c", "cp", "apo", "fpo", "dpo"}), suffixes


def _windows(anchors, pos: int, endpos: int) -> list[tuple[int, int]]:
    """Merged ranges in which an address around one of the `anchors` may start."""
    windows: list[tuple[int, int]] = []
    for anchor in anchors:
        start, end = max(pos, anchor.start() - _BEFORE_ANCHOR), min(endpos, anchor.end())
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


# iCalendar and vCard escape the commas and semicolons inside a value (`Chloëlaan 85\, 9071 TB Vlist`):
# read as the separator and a space.
_ESCAPED_SEPARATOR = regex.compile(r"\\([,;])")
# Line breaks written as data: `\n` escaped in a JSON string, `$` between the lines of an LDAP postal
# address (RFC 4517): read as a space and a line break.
_WRITTEN_LINE_BREAK = regex.compile(r"\\n(?=[\p{L}\d])|(?<=[\p{L}\d.])\$(?=[\p{L}\d])")


def _read_line_breaks(text: str) -> str:
    if "\\n" not in text and "$" not in text:
        return text
    return _WRITTEN_LINE_BREAK.sub(lambda match: " \n" if len(match.group(0)) == 2 else "\n", text)


# A spreadsheet formula that joins string literals (`=CONCATENATE("12 Elm Path";", ";"LS1 4AP")`): the
# separators between its arguments, read as the padding between fields, so that the parts read as one
# value whose fields the finding does not cross.
_FORMULA_JOIN = regex.compile(r"(?i)=[ \t]*(?:CONCATENATE|CONCAT|TEXTJOIN)[ \t]*\([^\n()]*\)")
_ARGUMENT_SEPARATOR = regex.compile(r'"[ \t]*[;,&][ \t]*"')


def _read_formula_strings(text: str) -> str:
    if "CONCAT" not in text.upper():
        return text
    return _FORMULA_JOIN.sub(
        lambda formula: _ARGUMENT_SEPARATOR.sub(lambda sep: " " * len(sep.group(0)), formula.group(0)), text
    )


# A line in capitals with a digit in it: an address as labels and forms print it (`99 TRAN JUNCTIONS APT 19`)
_UPPER_LINE = regex.compile(
    r"(?m)^(?P<label>[ \t]*\p{Lu}[\p{L} /]{0,30}:[ \t]+)?"
    r"(?P<body>(?=[^\n]*\d)(?=[^\n]*\p{Lu}{3})[^\p{Ll}\n]+)$"
)
# a word of three letters or more; not the four of an Eircode's second half (`R38 RVNC`)
_UPPER_WORD = regex.compile(r"(?<![\p{L}\d])(?<!\b\p{Lu}\d\w[ \t])\p{Lu}{3,}(?![\p{L}\d])")


def recase_upper_lines(text: str) -> str:
    """`text` with the words of its all-capital lines capitalised (same length; a label such as `Site: ` may
    open the line): postal conventions are read from capitals (`Junctions`, `Apt`). Words of one or two
    letters (`LR` of a Dutch postcode, `KY` of a US state), words with digits (`UB74 3AJ`) and the second
    half of an Eircode (`R38 RVNC`) stay as they are; so does a line without a digit (`NETHERLANDS`),
    which the country list reads in any case."""
    if not _UPPER_LINE.search(text):
        return text
    return _UPPER_LINE.sub(
        lambda line: (line.group("label") or "") + _UPPER_WORD.sub(_capitalise, line.group("body")), text
    )


# A run in capitals with a digit in it, in a line that is not all capitals: an XML element's value, a
# delimited field, or words in prose (`<AddressLine>185 SCOTT STREAM APT 27</AddressLine>`, `;223 SMITH
# COMMON;`, `relating to Ann Lee, of 236 KAY RAMP, SMITHVILLE, NP8 0PB, including`)
_UPPER_RUN = regex.compile(r"[\p{Lu}\d][^\p{Ll}\n]{3,}")
_THREE_CAPITALS = regex.compile(r"\p{Lu}{3}")


def recase_upper_values(text: str) -> str:
    """`text` with the words of its runs in capitals capitalised (same length; see `recase_upper_lines`),
    the country code `USA` left as it is."""
    if not _THREE_CAPITALS.search(text):
        return text
    pieces, position = [], 0
    for run in _UPPER_RUN.finditer(text):
        value = run.group(0)
        if _STREET_NUMBER.search(value) and _THREE_CAPITALS.search(value) and _has_type_word(value):
            pieces += [text[position : run.start()], _UPPER_WORD.sub(_capitalise, value)]
            position = run.end()
    return "".join(pieces) + text[position:] if pieces else text


def _capitalise(word: regex.Match) -> str:
    value = word.group(0)
    if value == "USA":
        return value  # a country's code, as the country list reads it
    recased = value[0] + value[1:].lower()
    return recased if len(recased) == len(value) else value


_BILINGUAL_SLASH = regex.compile(r"[ \t]*/[ \t]*")
_LOWER_PROSE_LINE = regex.compile(
    r"(?m)^(?P<label>[ \t]*\p{Lu}\p{Ll}+:[ \t]+)?(?P<body>(?=[^\n]*\d)[^\p{Lu}\n=/_{}\[\]<>@|\\]{8,})$"
)
_WORD_START = regex.compile(r"(?<![\p{L}\d'’])\p{Ll}")


_WORD_AT = regex.compile(r"\p{L}[\p{L}'’]*")


def _stop_words(language: str) -> set[str]:
    """spaCy's stop words of `language`, read from its `stop_words` module alone: importing the language
    package would load its tokenizer exceptions (seconds for French)."""
    import importlib.util

    import spacy

    path = Path(spacy.__file__).parent / "lang" / language / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_piivault_stop_words_{language}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return set(module.STOP_WORDS)


@lru_cache(maxsize=1)
def _not_capitalised() -> frozenset[str]:
    """Words left in lower case when lower-case prose is capitalised: the stop words of the default
    regions' languages (`personne au römerring 189`, `niemand thuis ...`) and the words that announce an
    address (`my new address is ...`), so that the street does not swallow them; never a street type
    (`via`, `weg`)."""
    anchor = regex.compile(_ANCHOR)
    words = set().union(*(_stop_words(language) for language in ("en", "de", "es", "fr", "it", "nl")))
    words |= frozenset("address addr adr adres adresse moved moving live ok".split())
    # and the words that say where someone lives, as forms and mandates write them before the street
    words |= frozenset(
        "residing resident wohnhaft wohnt demeurant domicilié domiciliée woonachtig wonende thuis "
        "residente domiciliato domiciliata".split()
    )
    return frozenset(word for word in words if not anchor.fullmatch(word.capitalize()))


def recase_lower_prose(text: str) -> str:
    """`text` with each word of its all-lower-case prose lines capitalised (same length): chat users write
    addresses in lower case (`paseo de gracia 12 08007 barcelona`), and postal conventions are read from
    capitals. A line counts when it holds a digit and no capital, `=`, slash, underscore or bracket (log
    lines and paths are not prose); a transcript's speaker label (`Customer: `) may open it."""
    if not _LOWER_PROSE_LINE.search(text):
        return text

    skip = _not_capitalised()

    def capitalise(match: regex.Match) -> str:
        upper = match.group(0).upper()
        word = _WORD_AT.match(match.string, match.start()).group(0)
        return upper if len(upper) == 1 and word not in skip else match.group(0)

    return _LOWER_PROSE_LINE.sub(
        lambda line: (line.group("label") or "") + _WORD_START.sub(capitalise, line.group("body")), text
    )


# A run of lower-case prose with a digit in it, between capitals, line breaks and the characters of
# keys, paths and markup (`=`, slash, underscore, brackets, `@`, `|`, quotes): where chat users and
# hurried notes write an address in lower case.
_LOWER_SEGMENT = regex.compile(r"[^\p{Lu}\n=/_{}\[\]<>@|\\\"]{8,}")
_STREET_NUMBER = regex.compile(r"\d")
_TOKEN = regex.compile(r"[\p{L}\d][\p{L}\d'’]*")
_NUMBER_AFTER = regex.compile(r",?[ \t]\d")
_GB_INWARD = regex.compile(r"\d(?!st|nd|rd|th)[a-z]{2}")


def recase_lower_runs(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` with the words of its lower-case prose runs capitalised (same length), and the spans of the
    runs recased: chat users and notes write addresses in lower case (`paseo de gracia 12 08007 barcelona`),
    and postal conventions are read from capitals. A run is recased when it holds a digit and a street type
    word. Postcode parts are put in capitals: words with digits (`f07`, `ub74`), the letters of a Dutch
    postcode (`1015 cj`), a US state before its ZIP (`nm 58573`), and an Eircode's second half."""
    if not _has_type_word(text):
        return text, []
    out, runs = list(text), []
    for run in _LOWER_SEGMENT.finditer(text):
        value = run.group(0)
        if _STREET_NUMBER.search(value) and _has_type_word(value):
            mid_word = run.start() > 0 and text[run.start() - 1].isalpha()
            out[run.start() : run.end()] = _recase_run(value, mid_word)
            runs.append(run.span())
    return "".join(out), runs


@lru_cache(maxsize=1)
def _type_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The street type words (lower case) and the Germanic compound suffixes, read from the patterns."""
    words = set()
    for alternation in (
        _PREFIX_TYPES_ANY_CASE,
        _PREFIX_TYPES_CAPITALISED,
        _SEPARATE_GERMANIC_TYPES,
        _ENGLISH_TYPES,
    ):
        for word in alternation.split("|"):
            plain = word.replace("\\.", "").replace("?", "").replace("/", "").lower()
            words.update((plain, plain[:-1]) if word.endswith("s?") else (plain,))
    return frozenset(words), tuple(s.replace("\\.", "") for s in _COMPOUND_SUFFIXES.split("|"))


_LOWER_WORD = regex.compile(r"\p{Ll}+")


def _has_type_word(run: str) -> bool:
    """A street type word in any case: a lower-case run without one holds no address to recase."""
    words, suffixes = _type_words()
    found = set(_LOWER_WORD.findall(run.lower()))
    return not words.isdisjoint(found) or any(word.endswith(suffixes) for word in found)


def _recase_run(run: str, mid_word: bool) -> str:
    """`run` recased (see `recase_lower_runs`); its first word is left alone when it is the tail of a
    capitalised word (`irección` of `Dirección`)."""
    skip = _not_capitalised()
    tokens = list(_TOKEN.finditer(run))
    out = list(run)
    for index, token in enumerate(tokens):
        if index == 0 and mid_word and token.start() == 0:
            continue
        word = token.group(0)
        before = tokens[index - 1].group(0) if index else ""
        after = tokens[index + 1].group(0) if index + 1 < len(tokens) else ""
        if word[0].isalpha() and any(c.isdigit() for c in word) or _GB_INWARD.fullmatch(word):
            new = word.upper()  # f07, ub74, d02; 3aj
        elif len(word) == 2 and (
            (before.isdigit() and len(before) == 4) or (after.isdigit() and len(after) == 5)
        ):
            new = word.upper()  # 1015 cj, nm 58573
        elif len(word) == 4 and before[:1].isalpha() and any(c.isdigit() for c in before):
            new = word.upper()  # f07 hfak
        elif len(word) == 2 and run[token.start() - 1 : token.end() + 1] == f"({word})":
            new = word.upper()  # an Italian province: (mi)
        elif word.rstrip("'’") in ("i", "ii", "iii", "iv") and run[token.start() - 1 : token.start()] == "-":
            new = word.upper()  # a Dutch floor: 115-ii
        elif word in ("s", "t") and run[token.start() - 1 : token.start()] in ("'", "’"):
            continue  # the Dutch articles of 's-Hertogenbosch, 't Zand
        elif word in skip and not _NUMBER_AFTER.match(run, token.end()):
            continue  # a stop word, unless it ends a street's name before its number (`… font, 235`)
        else:
            new = word[0].upper() + word[1:]
        if len(new) == len(word):
            out[token.start() : token.end()] = new
    return "".join(out)


# A full stop, a space and a capital: one sentence ends, the next begins (`75011 Paris. Questions?`)
_SENTENCE_END = regex.compile(r"(?<=\p{L})\.(?=[ \t]+\p{Lu})")


def _sentence_end(text: str, start: int, end: int) -> int:
    """Where the address's sentence ends, if it ends inside the span: at the first full stop after a word
    that is not an abbreviation (`St.`, `Ave.`) nor an initial, followed by a space and a capital."""
    for match in _SENTENCE_END.finditer(text, start, end):
        word = regex.split(r"[\s,\-]+", text[start : match.start()])[-1]
        if len(word) > 1 and word.lower() not in _ABBREVIATIONS and "." not in word:  # P.O. Box
            return match.start()
    return end


def _trim_end(text: str, start: int, end: int) -> int:
    end = _sentence_end(text, start, end)
    while end > start and text[end - 1] in " \t\n,;_*":  # and markdown's emphasis (`_12 Elm St_`)
        end -= 1
    if end - start > 1 and text[end - 1] in "'’" and text[start - 1 : start] == text[end - 1]:
        end -= 1  # the quotes around a value: `'185 boulevard de Lattre'`
    # a full stop ends the sentence, unless it ends an abbreviation (St., Ave.)
    if text[end - 1] == ".":
        last_word = regex.split(r"[\s,\-]+", text[start : end - 1])[-1]
        if last_word.lower() not in _ABBREVIATIONS:
            end -= 1
    return end


_ABBREVIATIONS = frozenset(
    "st ave av rd dr ln blvd bd str pl ct sq cres gdns hwy pkwy ter trl cir apt fl esc int whg ste mt ft pt "
    "sta sto nr no co bât bat esc appt bte izq dcha dch".split()
)
