"""Word tables of postal addresses: street types, flats and floors, post office boxes, countries, US
states, and the words that end a city's name; the sets the checks look up (everyday English street types,
abbreviations) and the stop words of the default regions' languages.

The alternations are embedded in the ADDRESS pattern (`recognizers.addresses.pieces`, `.patterns`); a
language's word is added here, in one place.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# Street type written before the name (Romance languages, Dutch/French Belgium).
PREFIX_TYPES_ANY_CASE = (
    r"rue|avenue|av\.|boulevard|bd\.?|chaussée|chaussee|impasse|allée|allee|chemin|quai|faubourg|drève|"
    r"rond-point|sentier|venelle|ruelle|calle|avenida|avda\.?|paseo|carretera|ctra\.?|travesía|travesia|"
    r"glorieta|cañada|urbanización|urbanizacion|callejón|callejon|pasadizo|rambla|carrer|viale|piazza|"
    r"piazzale|corso|largo|vicolo|contrada|lungomare|lungotevere|strada|rotonda|incrocio|stretto|canale|borgo|rua|travessa|"
    r"steenweg|straat|laan|dreef|plein"
)
# Type words that are also everyday words: capitalised only, and (see `validate_match`) need a locality.
PREFIX_TYPES_CAPITALISED = (
    r"Place|Plaza|Pza\.|Via|Vía|Vial|Route|Square|Passage|Cours|Camino|Ronda|Cuesta|Pasaje|Alameda|Acceso|"
    r"Avenue|Allee|Ring|Platz|Weg|C/|C\."
)
# Of those, the ones French writes after the number (`5 Place Verte`; `3 Via ...` is no address).
FRENCH_TYPES_CAPITALISED = r"Place|Route|Square|Passage|Cours|Avenue|Allee"
# Germanic compounds: Keizersgracht, Hauptstraße, Spießstr., Lindenlaan, Murat-Heinrich-Allee.
COMPOUND_SUFFIXES = (
    r"straat|gracht|laan|weg|plein|kade|dijk|singel|hof|ring|baan|dreef|lei|steenweg|markt|pad|steeg|wal|"
    r"burgwal|vest|boulevard|straße|strasse|str\.|allee|gasse|platz|damm|ufer|chaussee|pfad|steig|stieg|zeile|graben|"
    r"berg|kamp|feld|weide|tor|brücke|promenade|park|garten|wall"
)
SEPARATE_GERMANIC_TYPES = (
    r"Straße|Strasse|Str\.|Weg|Allee|Gasse|Platz|Ring|Damm|Ufer|Straat|Laan|Plein|Kade|Dijk"
)
# Suffixes after the street name in GB, IE and US addresses (USPS Publication 28 / Royal Mail usage).
ENGLISH_TYPES = (
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
DIRECTIONAL = r"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?(?![\p{L}\d])"
US_STATES = (
    r"AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|"
    r"ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|AS|GU|MP|PR|VI|UM|FM|MH|PW|AA|AE|AP"
)
# Flats, floors and boxes written after the street (`Apt. 681`, `bus 3`, `Piso 2`)
UNIT_WORDS = (
    r"Apt|Appt|Appart|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Bât|Bâtiment|Piano|Appartamento|Interno|Int|"
    r"Scala|Puerta|Piso|Planta|Escalera|Esc|étage|Etage|Whg|bus|bte|boîte|box"
)

# Words that begin a new clause rather than continue a city name.
NOT_CITY = (
    r"(?:Customer|Client|Called|Calling|Call|Phone|Tel|Mobile|Email|E-mail|Mail|Card|Order|Invoice|Ticket|"
    r"Status|Note|Notes|Please|Thanks|Thank|Regards|Best|Cheers|Dear|Hello|Hi|The|This|That|And|But|Or|"
    r"Mr|Mrs|Ms|Dr|Name|Contact|Account|Payment|Paid|Amount|Ref|Reference|Subject|From|To|Sent|Date|"
    r"INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL|Delivery|Shipping|Billing|Address|User|Agent)(?![\p{L}])"
)
# Post office boxes, as each region's post writes them: PO Box (GB, IE, US), Postbus (NL, BE), Postfach (DE),
# BP / Boîte postale / Case postale (FR, BE), Apartado (de Correos) (ES), Casella postale / CP (IT); a box
# counts only with the locality after it.
PO_BOX_WORDS = (
    r"(?:(?i:p\.?[ \t]?o\.?[ \t]?box|post[ \t]?office[ \t]box|postbus|postfach|bo[iî]te[ \t]postale|"
    r"case[ \t]postale|(?:apartado|apdo\.?)(?:[ \t]de[ \t]correos)?|casella[ \t]postale)|B\.?P\.?|C\.?P\.?)"
)
# The first words of the post office boxes read in any case (`p` of `P.O. Box`, `pobox`, `postoffice`)
PO_BOX_OPENERS = frozenset(
    "p po pobox post postoffice postbus postfach boite boîte case apartado apdo casella".split()
)
# The country closing an address, in English or in its own language (and the neighbours' languages).
COUNTRY = (
    r"(?:(?i:belgium|belgique|belgië|belgie|belgien|the[ \t]netherlands|netherlands|nederland|pays-bas|"
    r"niederlande|france|frankreich|frankrijk|germany|deutschland|allemagne|duitsland|united[ \t]kingdom|"
    r"great[ \t]britain|england|scotland|wales|northern[ \t]ireland|royaume-uni|ireland|éire|eire|irlande|"
    r"irland|ierland|spain|españa|espagne|spanien|spanje|italy|italia|italie|italien|italië|"
    r"united[ \t]states(?:[ \t]of[ \t]america)?|luxembourg|luxemburg|switzerland|schweiz|suisse|svizzera|"
    r"austria|österreich|portugal|poland|polska|états-unis|etats-unis|estados[ \t]unidos|stati[ \t]uniti|"
    r"vereinigte[ \t]staaten|verenigde[ \t]staten)(?![\p{L}])"
    r"|USA|U\.S\.A\.|UK|U\.K\.|(?:BE|NL|FR|DE|GB|IE|ES|IT|US|LU|AT|CH|PT)(?![\p{L}\d]))"
)

# English street types that are everyday words: a street ending in one needs a house number, and one
# without a locality needs one of the clearly postal types.
EVERYDAY_ENGLISH = frozenset(
    "Way Place Court Park Row Walk Pass View Views Light Lights Green Greens Close Rise Hill Hills Grove "
    "Point Points Port Ports Run Key Union Station Village Common Corner Corners Divide Extension Flat Flats "
    "Fork Forks Spur Track Trace Wall Rest Summit Mount Island Lake Lakes Field Fields Landing Oval Bend "
    "Loop Ramp Path Mill Mills Creek Brook Brooks Forest Glen Haven Ridge Ridges Forge Forges Annex "
    "Arcade Beach Bottom Branch Bridge Camp Canyon Cape Center Centers Club Dam Keys Loaf Lock Locks Mall "
    "Mission Neck Parks Pine Plain River Union Unions Well Wells Villages Village Valley Valleys Mountain "
    "Station Course Cliff Cliffs Islands Land Via Fall".split()
)

# Abbreviations whose full stop ends no sentence (`St.`, `Ave.`, `Apt.`)
ABBREVIATIONS = frozenset(
    "st ave av rd dr ln blvd bd str pl ct sq cres gdns hwy pkwy ter trl cir apt fl esc int whg ste mt ft pt "
    "sta sto nr no co bât bat esc appt bte izq dcha dch".split()
)


@lru_cache(maxsize=1)
def type_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The street type words (lower case) and the Germanic compound suffixes, read from the patterns."""
    words = set()
    for alternation in (
        PREFIX_TYPES_ANY_CASE,
        PREFIX_TYPES_CAPITALISED,
        SEPARATE_GERMANIC_TYPES,
        ENGLISH_TYPES,
    ):
        for word in alternation.split("|"):
            plain = word.replace("\\.", "").replace("?", "").replace("/", "").lower()
            words.update((plain, plain[:-1]) if word.endswith("s?") else (plain,))
    return frozenset(words), tuple(s.replace("\\.", "") for s in COMPOUND_SUFFIXES.split("|"))


def stop_words(language: str) -> set[str]:
    """spaCy's stop words of `language`, read from its `stop_words` module alone: importing the language
    package would load its tokenizer exceptions (seconds for French)."""
    import importlib.util

    import spacy

    path = Path(spacy.__file__).parent / "lang" / language / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_piivault_stop_words_{language}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return set(module.STOP_WORDS)
