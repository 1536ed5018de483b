"""Whether a candidate looks like a personal name, by its shape and its words alone.

Shared by the PERSON recognizer and by the code that reads names from columns, records and phone lines
(`recognizers.columns`, `recognizers.batch`, `recognizers.phone_recognizer`).
"""

import regex

from recognizers.names.words import (
    ANSWER_WORDS,
    COMMON_WORDS,
    DETERMINERS,
    GERMAN_PRONOUNS,
    HONORIFIC_WORDS,
    HYPHENATED_PARTICLE,
    LOWER_PARTICLES,
    NOT_NAME_WORDS,
    NOTE_SHORTHAND,
    ORG_SUFFIXES,
    PLACE_LAST_WORDS,
    POST_NOMINAL_WORDS,
    PREMISES_WORDS,
    ROLE_WORDS,
    STREET_TYPES,
    everyday_words,
    salutation_words,
)

_FORBIDDEN_CHARS = frozenset("0123456789@_/\\=#{}<>[]|$%&*+~^")

_CAPITALS_AFTER_LOWER = regex.compile(r"\p{Ll}\p{Lu}{2}")
_ELIDED_ARTICLE = regex.compile(r"^[dDlL]['’](?=\p{Lu})")  # `d'Artagnan`, `L'Hermite`
# compiled once: the module-level `regex.findall(pattern, ...)` looks its pattern up in a cache on each call
LETTERS = regex.compile(r"\p{L}+")
_WORDS_WITH_APOSTROPHES = regex.compile(r"\p{L}[\p{L}'’]*")
_CAPITALISED_WORDS = regex.compile(r"\p{Lu}[\p{L}'’]*")

_SPACES_OR_HYPHENS = regex.compile(r"[ \-]+")


def plausible_name(value: str, log_words: bool = True, common_words: bool = True) -> bool:
    """Shape check for a name candidate: 1–5 words of letters (hyphens, apostrophes, dots allowed), at
    least one capital, not a known non-name word, not an organisation. `log_words=False` lets a log or
    product word stand as a surname (`Taylor Swift` in a social post, `recognizers.names.posts`);
    `common_words=False` lets an everyday word stand alone (`Tim`, the subject of a verb)."""
    if not value or len(value) > 80 or "\n" in value or any(char in _FORBIDDEN_CHARS for char in value):
        return False
    words = value.replace(",", " ").split()
    while words and words[0].strip(".").lower() in HONORIFIC_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1].strip(".").lower() in POST_NOMINAL_WORDS:
        words = words[:-1]
    if not 1 <= len(words) <= 5 or not any(char.isupper() for char in value):
        return False
    # the Turkish dotted capital lower-cases to `i` and a combining dot (İhsanoğlu)
    lowered = [word.strip(".'’-").lower().replace("\u0307", "") for word in words]
    if len(lowered) == 1 and lowered[0] in HONORIFIC_WORDS:
        return False
    if lowered[0] in DETERMINERS:  # `The Billing Team`, `Our Support Desk`
        return False
    if any(word in GERMAN_PRONOUNS for word in lowered) or lowered[-1] in HONORIFIC_WORDS:
        return False  # `Ihren Berater`; `Hallo Herr`, `Guten Tag Frau`: the name follows the honorific
    if not all(
        word and word.replace("-", "").replace("'", "").replace("’", "").replace(".", "").isalpha()
        for word in lowered
    ):
        return False
    if any(
        (log_words and word in NOT_NAME_WORDS) or word in ORG_SUFFIXES or word in PREMISES_WORDS
        for word in lowered
    ):
        return False
    if len(lowered) > 1 and lowered[-1] in PLACE_LAST_WORDS:
        return False  # `Frazer Ville`, `Jersey City`: a place
    if all(word in ROLE_WORDS for word in lowered):
        return False  # `Cardholder`, `Customer`: the role, not the person
    if common_words and all(word in COMMON_WORDS for word in lowered):
        return False
    # camelCase product names (iPhone, PayPal), as opposed to McDonald / MacArthur / O'Brien / LeBlanc;
    # technology acronyms with a lower-case letter inside (VoLTE, VoIP, WiMAX): a capital run after one
    for word in words:
        core = _ELIDED_ARTICLE.sub("", word.strip(".'’"))
        if HYPHENATED_PARTICLE.match(core):
            core = core.partition("-")[2]  # `al-Abadi`: a particle, not camelCase
        if core[:1].islower() and any(char.isupper() for char in core[1:]):
            return False
        if _CAPITALS_AFTER_LOWER.search(core):
            return False
    return True


def only_salutation_words(value: str) -> bool:
    """Every word of `value` belongs to a greeting or sign-off (`Beste Grüße`, `Groetjes`)."""
    return all(word.lower() in salutation_words() for word in LETTERS.findall(value))


def plausible_family_given(value: str) -> bool:
    """`FAMILY, Given` holds no stop word, log keyword or everyday word (`NOTE, Please`, `ERROR, Timeout`)
    and is not a place and its country (`PARIS, France`)."""
    from recognizers.places import country_names

    if holds_everyday_word(value):
        return False
    return value.partition(",")[2].strip().lower() not in country_names()


def all_dictionary_words(value: str) -> bool:
    """Every capitalised word of `value` is an English dictionary word (`Disk Quota Exceeded`, `Red Hat
    Enterprise`): a label, status or product rather than a name (`Mark Smith` is lost to this, `Ann Lee`
    and `Colin Russell` are not)."""
    from recognizers.dictionary import is_dictionary_word

    return all(is_dictionary_word(word) for word in _CAPITALISED_WORDS.findall(value))


def is_lower_case_name(value: str, dictionary_check: bool = True) -> bool:
    """A name written in lower case where a cue says a name stands (`holder: ann lee`, `ring joost peeters
    back on ...`): two to four words of letters, none a stop, everyday, log or note-shorthand word, not
    only English dictionary words (`bright idea`) unless the cue is a name key (`name: gregory jacobs`);
    one word alone is as often a user name or a code."""
    from recognizers.dictionary import is_dictionary_word

    words = value.split()
    if not 2 <= len(words) <= 4 or len(value) > 60:
        return False
    for word in words:
        core = word.replace("-", "").replace("'", "").replace("’", "")
        if not core.isalpha() or len(core) < 2 or word in NOTE_SHORTHAND or word in ANSWER_WORDS:
            return False
        if word in everyday_words() and word not in LOWER_PARTICLES:
            return False
    names = [word for word in words if word not in LOWER_PARTICLES]
    if len(names) < 2:
        return False
    return not dictionary_check or not all(is_dictionary_word(word) for word in names)


def is_name_shaped(value: str) -> bool:
    """`value`, read from a column whose name says it holds names, looks like one: a name by the shape
    check (`Lee`, `Ann Lee`), or one to four lower-case words of letters, none a stop or everyday word
    (`ann peeters`, `joël`)."""
    if plausible_name(value):
        return True
    from recognizers.dictionary import is_dictionary_word

    words = value.split()
    parts = _SPACES_OR_HYPHENS.split(value)
    return (
        value.islower()
        and 1 <= len(words) <= 4
        and all(word.replace("-", "").replace("'", "").replace("’", "").isalpha() for word in words)
        and not holds_everyday_word(value)
        # `spare`, `pool-hotdesk`, `team-field`: a desk or a pool assigned in a person's stead
        and not all(is_dictionary_word(part) for part in parts)
        and not ("-" in value and len(parts[0]) >= 4 and is_dictionary_word(parts[0]))
    )


def is_positional_name(value: str) -> bool:
    """`value` passes the shape check and the checks of names read from their position alone."""
    return plausible_name(value) and positional_name(value)


def positional_name(value: str) -> bool:
    """The check for names read from where they stand (a record field, before an address, after `by`):
    no everyday or stop word, not only English dictionary words (`Hotel Metropole`, `Red Hat`), and not a
    street named after a person (`Via Adriana Peña`)."""
    return (
        not holds_everyday_word(value)
        and not all_dictionary_words(value)
        and value.split()[0].lower() not in STREET_TYPES
    )


def holds_inflected_verb(value: str) -> bool:
    """A word of `value` is an inflected verb (`Exceeded`, `Pending`): a status, not a name."""
    from recognizers.dictionary import is_verb_form

    return any(is_verb_form(word) for word in LETTERS.findall(value))


def holds_everyday_word(value: str) -> bool:
    """A word of `value` is a stop word, log keyword or everyday word (`Payment Failed`, `NOTE, Please`):
    the rules that read a name from its position alone, with no word saying it is one, refuse it."""
    return any(word.lower() in everyday_words() for word in _WORDS_WITH_APOSTROPHES.findall(value))


_SHORT_CODE = regex.compile(r"[ \t]*\p{Lu}{2,4}[ \t]*")


def short_code(value: str) -> bool:
    """One word of two to four capitals (`TELV`, `KPNM`, `AWS`): under a key that may name a party or a
    system (`name`, `recipient`), a code rather than a name; a surname key (`surname: LEE`) keeps it."""
    return _SHORT_CODE.fullmatch(value) is not None


def is_lower_case_name_part(value: str) -> bool:
    """One to four lower-case words under a key of one part of a name (`ud[fn]=ann`, `ln=van den berg`):
    words of letters, none a stop, everyday or log word; dictionary words are names there too (`brooks`)."""
    words = value.split()
    if not 1 <= len(words) <= 4 or len(value) > 60:
        return False
    for word in words:
        core = word.replace("-", "").replace("'", "").replace("’", "")
        if not core.isalpha() or len(core) < 2 or word in ANSWER_WORDS:
            return False
        if word in everyday_words() and word not in LOWER_PARTICLES:
            return False
    return any(word not in LOWER_PARTICLES for word in words)


# prepositions of place: a name never opens on one, a place often follows one (`Near Palmyra`, `Outside
# Mosul`), and the model runs them into what it calls a person
PLACE_PREPOSITIONS = frozenset(
    "near in at into inside outside toward towards around across through throughout beyond behind within "
    "beside along from via".split()
)


def opens_on_a_place_preposition(value: str) -> bool:
    """The first of several words is a preposition of place (`Near Ayn Isa`, `In Raqqah`)."""
    first, _, rest = value.partition(" ")
    return bool(rest.strip()) and first.lower() in PLACE_PREPOSITIONS
