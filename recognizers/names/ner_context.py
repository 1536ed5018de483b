"""What around a spaCy PERSON entity makes it a thing, a place or a label rather than a person.

The small English model calls products, places and form keys persons; these checks of the text before and
after an entity (a product key, a postcode, a dateline, a form's label) prune them.
"""

from functools import lru_cache

import regex

from recognizers.addresses.words import COMPOUND_SUFFIXES
from recognizers.names.words import GERMAN_WORDS, ROLE_WORDS, STREET_TYPES

# NER hits inside the value of a key that names a thing, not a person: product="Business Cloud Backup"
NOT_PERSON_VALUE = regex.compile(
    # a key's word opens a word or a camelCase part, never ends one (`@_youhadonejob : Richard`), and is
    # no part of a handle or a hashtag (`@QuarterQuellOrg : A very happy birthday to ...`)
    r"(?<![@#][\w-]*)(?:(?<![\p{L}\d@])|(?=\p{Lu}))"
    r"(?i:product|plan|bundle|tariff|offer|package|device|model|service|app|sku|item|brand|vendor|merchant|"
    r"company|org|organisation|organization|host|hostname|queue|topic|flow|deployment|job|task|event|"
    r"category|type|status|level|"
    # a place's field (`CUST-TOWN PIC X(30) : HUGH VILLE`)
    r"town|city|locality|county|district)[\w\-]*[\"']?(?:[ \t]+(?i:PIC(?:TURE)?)[ \t]+\S+)?[ \t]*[=:][ \t]*"
    r"[\"']?[^\"'=\n]*$|"
    # a thing named in quotes after its kind: `Campaign 'Jules Verne'`, `project "Ada Lovelace"`
    r"(?i:campaign|project|codename|code name|programme|program|initiative|operation|release|product|plan|"
    r"bundle|offer|promo|promotion)[ \t]+[\"'‘“«][ \t]?$|"
    # a table an SQL statement reads or writes: `SELECT * FROM Users WHERE ...`, `INSERT INTO Customers`, in
    # any case (NER reads keywords re-cased); a select list of `*` or names, not prose's `select a gift from`
    r"(?i:select[ \t]+(?:distinct[ \t]+)?(?:\*|[\w.]+(?:[ \t]*,[ \t]*[\w.*]+)*)[ \t]+(?:from|join)|"
    r"insert[ \t]+into|delete[ \t]+from)[ \t]+$"
)

# What stands before a word that makes it a thing or a place rather than a name: an article (`The
# Willows`, a house), a postcode (`1050 Ixelles`, `3450 KE Den Dungen`), an Irish county's `Co.`
# ... an arrow of a route (`Rembrandtplein → Van Hallstraat`, a stop), a street word (`Place du Jeu de
# Balle`, `Rue Victor Hugo`)
NOT_PERSON_BEFORE = regex.compile(
    r"(?:(?<![\w'’])(?i:the)|(?<![\w.,/-])\d{4,5}(?:[ \t]?\p{Lu}{2})?|(?<![\w])Co\.|[→⇒➔➜]|"
    # a house number after a word or a comma (`of 236 Kay Ramp, Smithville`), not a record's number
    r"(?<=(?:\p{L}|,)[ ])\d{1,4}[a-zA-Z]?(?=[ ])|"
    # street types in any case, as NER reads them re-cased (`PASAJE JOAQUINA REGUERA`, `via Adriana Pena`)
    rf"(?<![\p{{L}}\d'’])(?i:{'|'.join(sorted(STREET_TYPES))})"
    r"(?:[ \t]+(?i:du|de|des|de[ \t]+la|del|della|dei|di))?|"
    # the other side of a match's score (`Club Brugge 4-0 Royal Antwerp FC`)
    r"\p{L}[ \t]+\d{1,2}[-–]\d{1,2})[ \t]+\Z"
)
# ... and after it: the label of an identifier (`Easy Switch ID: 714132651`, `Member No.`), a heading's
# `to:` (`Bill to:`, `Sold to:`), the start of a route, an award's title, a match's score
NOT_PERSON_AFTER = regex.compile(
    r"[ \t]+(?:(?:(?i:id|nr\.?|number|code)|No\.?|no\.)(?:[ \t]*[:#=]|[ \t]+\d)|(?i:to)[ \t]*:)|"
    r"[ \t]+[→⇒➔➜]|"  # the start of a route
    # an award's title (`Salesperson of the Month`, `Player of the Year`)
    r"[ \t]+(?i:of[ \t]+the[ \t]+(?:day|week|month|year|decade|season|match|tournament))(?![\p{L}])|"
    r"[ \t]+\d{1,2}[-–]\d{1,2}[ \t]+\p{Lu}"  # a match's score before the other side
)

_LOWER_WORD = regex.compile(r"\p{L}+")


def in_german_text(text: str, start: int, end: int) -> bool:
    """Two German function words or more around `text[start:end]`."""
    around = text[max(0, start - 60) : end + 60].lower()
    return len({word for word in _LOWER_WORD.findall(around) if word in GERMAN_WORDS}) >= 2


_TITLE_SEPARATOR = regex.compile(r"(\p{L}+)[ \t]*[|·•][ \t]*\Z")


def after_job_title(text: str, start: int) -> bool:
    """The name stands after a job title and a separator, as a signature's title line writes the company
    (`Office Manager | Bakkerij Lemmens`)."""
    found = _TITLE_SEPARATOR.search(text, max(0, start - 40), start)
    return found is not None and found.group(1).lower() in ROLE_WORDS


# a lower-case noun right after a name: the name used as a modifier (`the Jensen novel`)
ATTRIBUTIVE_AFTER = regex.compile(r"(?:['’]s)?[ \t]+\p{Ll}{3,}\b")
# a speaker's turn after `Name:`: a lower-case word within the first four words or marks (`Nicole: Remember
# me`; `Obama : " We ’ re developing`, as tokenised text spaces its quotes and apostrophes)
SPEAKER_TURN = regex.compile(
    r"[ \t]*:[ \t]*(?:(?:[\"“'‘]?[\w’']+[,.!?\"”'’]*|[\"“”'‘’])[ \t]+){0,3}[\"“'‘]?\p{Ll}+\b"
)
# an address's unit word closing what NER called a name (`Cindy Holinka Apt` of `... Apt. 117`)
TRAILING_UNIT_WORD = regex.compile(
    r"[ \t]+(?i:apt|apartment|suite|ste|unit|flat|bldg|building|room|floor)\.?\Z"
)
# a line that opens on a one-word label (`Nicole: Remember me, Mary?`, `Seller: Brouwerij ...`)
_LABELLED_LINE = regex.compile(r"(?m)^[ \t]*(?P<label>[^\W\d_][^\W\d_'’-]*):[ \t]*(?P<rest>[^\n]*)")
_SENTENCE_END = regex.compile(r"[.?!][\"”'’]?(?:[ \t]|$)")
_WORD_PUNCTUATION = "\"“”'‘’\\,.!?;:()"


def dialogue_turns(text: str) -> int:
    """How many lines of `text` are a dialogue's turns (see `dialogue_labels`)."""
    return len(dialogue_labels(text))


def dialogue_labels(text: str) -> list[tuple[int, int]]:
    """The labels of the lines of `text` that are a dialogue's turns: a one-word label, then a sentence
    (three words at least, two lower-case ones among its first five or one and a sentence's end, no digits,
    no tab), as `Nicole: Remember me, Mary?`; a form's `Seller: Brouwerij Haacht NV, VAT BE0760...` or
    `Hergang: Leitungswasserschaden — Rohrbruch im Bad` is a field."""
    if text.count(":") < 2:
        return []
    labels = []
    for match in _LABELLED_LINE.finditer(text):
        rest = match.group("rest")
        words = [word.strip(_WORD_PUNCTUATION) for word in rest.split()[:5]]
        if "\t" in rest or any(char.isdigit() for word in words for char in word):
            continue
        lower = sum(1 for word in words if word.isalpha() and word.islower())
        if len(words) >= 3 and (lower >= 2 or (lower and _SENTENCE_END.search(rest))):
            labels.append(match.span("label"))
    return labels


# a value ending in a Germanic street suffix (`Kerkstraat`, `Hauptstraße`): a street, not a name
STREET_NAME_END = regex.compile(rf"(?i:{COMPOUND_SUFFIXES})\Z")
SENTENCE_OPENER = regex.compile(r"(?:^|\n|[.!?][ \t]+)[ \t]*\Z")
LOWER_WORD_AFTER = regex.compile(r"[ \t]+\p{Ll}")
FORM_LABEL = regex.compile(r"[ \t]*(?:\([^()\n]{0,40}\))?\)?[ \t]*:[ \t]+\S")
LABEL_PREFIX = regex.compile(r"[ \t]*(?:\p{L}+[ \t]*(?:[,/]|\()[ \t]*)?")


def is_identifier_part(text: str, start: int, end: int) -> bool:
    """A word glued into a key, path, URL or dotted identifier (`Order=`, `/Users/`, `com.Acme`)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before == "-" and (start < 2 or text[start - 2].isspace()) and after in " \t\n.!?)\"'":
        before = " "  # a dash opening an attribution or a signature: `... reverse it . -Roald Dahl`
    if after == "(" and text[end + 1 : end + 2].isalpha() and " " in text[start:end].strip():
        # `Abboud Qanbar(Arabic: ...)`: a gloss glued to a name; a call's name is one word, a size follows
        # a field's type (`PIC X(15)`)
        after = " "
    if before in "/\\.@_=-" or after in "=/\\@_(" or after.isdigit():
        return True
    if after == "-" and (text[end + 1 : end + 2].isdigit() or text[end + 1 : end + 2].islower()):
        return True  # INV-0396345792, `Pick-up point`
    return after == ":" and text[end : end + 2] != ": "


# A letter's dateline: the place, a comma and the date alone on their line
DATELINE_AFTER = regex.compile(
    r",[ \t]*(?i:(?:den|le|il|a|op|am|the|on)[ \t]+)?\d{1,2}[./-]\d{1,2}[./-]\d{2,4}[ \t.]*(?:\n|$)"
)
DATELINE_BEFORE = regex.compile(r"(?:^|\n)[ \t]*(?:(?i:en|in|à|a|te|zu)[ \t]+)?\Z")
NEXT_WORD = regex.compile(r"[ \t]+(\p{L}+)(?![\p{L}'’-])")


@lru_cache(maxsize=1)
def place_name_openers() -> frozenset[str]:
    """First words of place names that open no personal name (`San`, `Sankt`, `Port`, `New`)."""
    from recognizers.records import PLACE_NAME_OPENERS

    return PLACE_NAME_OPENERS
