"""How people use a name in prose, read as evidence that a word is one: introducing oneself (`My name is
Nunzia`, `everyone calls me Ingrid`), addressing someone (`Leif, can I please speak to ...`, `Don't go to
town, Judy!`), reporting speech (`says Lugo.`, `shouted at Todd:`), a courtesy title written in lower case
(`mr. elliott flew to ...`), and the other items of a list that holds a name (`Kovalev, Lee and Phillips`)
or the other speakers of a dialogue one of whose speakers is named (`Gaston: Who are you?\nRosalind: ...`).

Each cue stands for the word after (or around) it; the word must still look like a name: capitalised (or
lower case where the cue allows it), no stop, everyday or salutation word, and, for the cues that read one
capitalised word from its position (addressing, lists), no English verb, adjective, adverb or plural
(`Sorry, can you ...`, `Analysts, ...`), see `recognizers.dictionary.names_only_things`.
"""

from __future__ import annotations

import regex

from recognizers.names.pieces import NICKNAME, TITLE_NAME, TITLE_WORD

SELF_INTRODUCTION = "name (introducing oneself)"
ADDRESSED = "name (addressed)"
REPORTED_SPEAKER = "name (after a verb of speech)"
LOWER_TITLE = "name (after a courtesy title, lower case)"
LIST_OF_NAMES = "name (in a list with a name)"
FELLOW_SPEAKER = "name (a dialogue's speaker beside a named one)"

# a verb of naming, before its object and the name it gives (`she named him Sean`)
NAMING_VERB = r"(?:named|calls?|called)"
# `My name is Nunzia`, `Her maiden name is Hale`, `everyone calls me Ingrid`, `it's under Logan Bykova`, and
# the name a verb of naming gives (`she named him Sean`)
_INTRODUCTION = regex.compile(
    r"(?i:\b(?:my|his|her|their|maiden|full|first|last|given|family)[ \t]+name(?:[ \t]+is|['’]s|[ \t]+was)|"
    rf"\b(?:calls?|called)[ \t]+me|\b{NAMING_VERB}[ \t]+(?:him|her)|"
    r"\bi['’]?m[ \t]+called|\bi[ \t]+am[ \t]+called|"
    r"\bunder[ \t]+(?:my[ \t]+\p{L}+['’]s[ \t]+)?name|\bit['’]?s[ \t]+under)"
    rf"[ \t]+(?P<name>{TITLE_NAME})"
)
# a capitalised word opening a sentence (`SENTENCE_START` before it), then a comma and a question or request
# to that person
_ADDRESSED_FIRST = regex.compile(
    rf"(?<![\p{{L}}'’-])(?P<name>{TITLE_WORD}),[ \t]+"
    r"(?=(?i:can|could|would|will|please|do|did|are|is|have|i|you|we|let|how|what|where|when|why|"
    r"don['’]t|stop|come|look|listen|wait)\b)"
)
_SENTENCE_START = regex.compile(r"(?:^|[.!?\n])[ \t]*\Z")
# ... or closing a sentence after a comma: `Don't go to town, Judy!`
_ADDRESSED_LAST = regex.compile(rf",[ \t]+(?P<name>{TITLE_WORD})[ \t]*(?=[!?])")
# the speaker or the one spoken to, after a verb of speech: `says Lugo.`, `shouted at Todd:`
SPEECH_VERB = r"(?:said|says|asked|asks|replied|replies|answered|shouted|yelled|whispered|told)"
_SPEECH = regex.compile(
    rf"\b{SPEECH_VERB}"
    r"(?:[ \t]+(?:at|to))?"
    rf"[ \t]+(?P<name>{TITLE_NAME})(?=[ \t]*(?:[.,:;!?\"”]|$|[ \t]+(?:to|and|in|that|when|as)\b))"
    # ... and the one spoken to after the speaker: `said Carla to Sandra.`
    rf"(?:[ \t]+to[ \t]+(?P<to>{TITLE_NAME})(?=[ \t]*(?:[.,:;!?\"”]|$)))?"
)
_SPEECH_GATE = ("said", "says", "ask", "repl", "answered", "shouted", "yelled", "whispered", "told")
# a courtesy title in lower case, and the lower-case name after it: `mr. elliott`, `dr. christopher lundgren`
_LOWER_TITLE = regex.compile(
    r"(?<![\w.])(?<!\d[ \t])(?:(?:mr|mrs|ms|mx|dr|prof)\.|mr|mrs|miss|dr)[ ]"
    r"(?P<name>\p{Ll}[\p{Ll}'’\-]{1,30})"
    r"(?:[ \t]+(?P<second>\p{Ll}[\p{Ll}'’\-]{1,30})(?=[ \t]*(?:[.,;:!?\n]|$)))?"
)
_LOWER_TITLE_GATE = ("mr", "ms", "miss", "mx", "dr", "prof")
# a list of two to nine items of one or two capitalised words: `Kovalev, Lee and Phillips`, `Jay & Trish`
# (a space may stand before a comma, as chats and tokenised text write it: `Vin , Dwayne & Ty`)
_LIST_ITEM = rf"{TITLE_WORD}(?:[ \t]+{TITLE_WORD})?"
_LIST = regex.compile(
    rf"(?<![\p{{L}}'’-]){_LIST_ITEM}(?:[ \t]?,[ \t]+{_LIST_ITEM}){{0,7}}(?:[ \t]?,)?[ \t]+(?:and|or|&)[ \t]+"
    rf"{_LIST_ITEM}(?![\p{{L}}'’-])(?![ \t]*\d)"  # not a street and its number: `Ann and Meierigaten 206`
)
_ITEM = regex.compile(_LIST_ITEM)
# ... and in a text written all in lower case, of one or two lower-case words: `silvana, adam and caleb`
_LOWER_LIST_ITEM = r"(?!(?:and|or)\b)\p{Ll}[\p{Ll}'’\-]+(?:[ \t]+(?!(?:and|or)\b)\p{Ll}[\p{Ll}'’\-]+)?"
_LOWER_LIST = regex.compile(
    rf"(?<![\p{{L}}'’-]){_LOWER_LIST_ITEM}(?:,[ \t]+{_LOWER_LIST_ITEM}){{1,7}},?[ \t]+(?:and|or|&)[ \t]+"
    rf"{_LOWER_LIST_ITEM}(?![\p{{L}}'’-])"
)
_LOWER_ITEM = regex.compile(rf"(?<![\p{{L}}'’-]){_LOWER_LIST_ITEM}")


# what chats write where a name could stand and is none: laughter, exclamations and shorthand (`Loooool`,
# `Omg`, `Eww`, `hahaha`, `Fck`), and the common nouns people are called by (`Dude`, `Guys`, `Girl`)
_INTERJECTION = regex.compile(
    r"(?:ha|he|hi){2,}h?|(?:ja|ke){3,}|l+o+l+z?|l+m+f?a+o+|r+o+f+l+|o+m+f?g+|w+t+f+|s+m+h+|i+d+k+|e+w+|o+h+|a+h+|"
    r"a+w+|u+g+h+|y+a+y+|y+e+s+|y+a+s+|n+o+|n+o+p+e+|o+o+p+s+|w+o+w+|x+(?:o+x+)*o?|h+m+|u+m+|u+h+|"
    r"f+c?k+|s+h+i+t+|d+a+m+n+|p+l+[sz]+|t+h+x+|k+"
)
TERMS_OF_ADDRESS = frozenset(
    "dude dudes girl girls guys bro bros bruh sis men mate mates babe buddy fam folks peeps "
    "everyone everybody anyone anybody y'all y’all yall people sir madam ladies gentlemen boys friends "
    "fellas hurray hooray yay anytime".split()
)

# contractions written without their apostrophe, as chats do (`Havent`, `Wasnt`, `Ive`, `Youre`, `Ima`)
_BARE_CONTRACTIONS = frozenset(
    [f"{verb}nt" for verb in "is was are were have has had do does did could would should ca wo ai".split()]
    + [
        f"{pronoun}{clitic}"
        for pronoun in "i you u we they".split()
        for clitic in ("ve", "re", "ll", "d", "m")
    ]
    + [f"{pronoun}s" for pronoun in "it that there what".split()]
    + ["ima", "imma", "gonna", "wanna", "gotta", "dont", "cant", "wont", "aint", "tryna", "thts", "til"]
    + ["ya", "yo", "yer", "dat", "dis", "wat", "wit"]  # chat spellings of `you`, `that`, `this`, `what`
)


_TRIPLED = regex.compile(r"(\p{L})\1\1")


# a lower-case letter then a capital inside a word (searched after a word's first two letters, three for
# `Mac`, so that `McKay` and `MacLeod` are not)
_CAMEL_CASE = regex.compile(r"\p{Ll}\p{Lu}")


def camel_case(word: str) -> bool:
    """`word` is written in camel case, as a handle or a product is (`JoshRamsayArmy`, `MadeByMe`), not a
    name with a capital inside (`McKay`, `MacLeod`)."""
    return _CAMEL_CASE.search(word, 3 if word[:3] == "Mac" else 2) is not None


def is_chat_word(word: str) -> bool:
    """Laughter, an exclamation, chat shorthand, a term of address, a contraction without its apostrophe,
    or a word stretched for emphasis (`Lol`, `Hurray`, `Imma`, `Fellas`, `Blerghhhhh`): no name."""
    lowered = word.lower().strip(".,!?'’")
    if len(lowered) < 2:
        return False  # an initial (`K.`) is part of a name
    return (
        lowered in TERMS_OF_ADDRESS
        or lowered in _BARE_CONTRACTIONS
        or _INTERJECTION.fullmatch(lowered) is not None
        or _TRIPLED.search(lowered) is not None
    )


def reads_as_name(word: str, lower_case: bool = False) -> bool:
    """`word` may be a name read from its position: no stop, everyday or salutation word, interjection or
    term of address; capitalised, no verb, adjective, adverb or plural; in lower case, no dictionary word
    unless it is only a noun."""
    from recognizers.dictionary import is_dictionary_word, names_only_things
    from recognizers.names.words import everyday_words, salutation_words

    lowered = word.lower()
    if lowered in everyday_words() or lowered in salutation_words() or len(lowered) < 2:
        return False
    if is_chat_word(lowered):
        return False
    if lower_case:
        return not is_dictionary_word(lowered) or names_only_things(lowered)
    return names_only_things(word)


def self_introductions(text: str) -> list[tuple[int, int, str]]:
    """The name after `my name is`, `calls me`, `under the name`, `named him`: one word is enough."""
    if "name" not in text and "call" not in text and "under" not in text:
        return []
    return [(m.start("name"), m.end("name"), SELF_INTRODUCTION) for m in _INTRODUCTION.finditer(text)]


def addressed_names(text: str) -> list[tuple[int, int, str]]:
    """A capitalised word addressed at the start or end of a sentence, when it reads as a name."""
    if "," not in text:
        return []
    found = []
    for pattern in (_ADDRESSED_FIRST, _ADDRESSED_LAST):
        for match in pattern.finditer(text):
            start = match.start("name")
            if pattern is _ADDRESSED_FIRST and not _SENTENCE_START.search(text, max(0, start - 4), start):
                continue
            if reads_as_name(match.group("name")):
                found.append((start, match.end("name"), ADDRESSED))
    return found


def reported_speakers(text: str) -> list[tuple[int, int, str]]:
    """The name right after a verb of speech (`says Lugo.`, `shouted at Todd:`), and the one spoken to
    after it (`said Carla to Sandra`); after an abbreviated title, the name it titles (`said Spc. Lorraine
    Walsh`, `said Maj. Gen. Gary J. Volesky`), not the title."""
    lowered = text.lower()
    if not any(verb in lowered for verb in _SPEECH_GATE):
        return []
    found = []
    for match in _SPEECH.finditer(text):
        for group in ("name", "to"):
            if not match.group(group):
                continue
            start, end = match.span(group)
            titled = ABBREVIATED_TITLE.match(text, start)
            if titled:  # `said Spc. Lorraine Walsh`: the rank's abbreviation, then the name
                start, end = titled.span("name")
            if reads_as_name(text[start:end].split()[0]):
                found.append((start, end, REPORTED_SPEAKER))
    return found


# a title abbreviated (a capital and at most three letters, then a period: `Spc.`, `Col.`, `Maj. Gen.`) before
# a name of two words or more (a nickname in quotes may stand between them: `Col. John “J.D.” Dorrian`): the
# title is no name, the words after it are
ABBREVIATED_TITLE = regex.compile(
    rf"(?:\p{{Lu}}\p{{Ll}}{{0,3}}\.[ \t]+)+"
    rf"(?P<name>{TITLE_WORD}(?:{NICKNAME})?(?:[ \t]+(?:\p{{Lu}}\.|{TITLE_WORD})){{1,3}})"
)


def lower_case_titled_names(text: str) -> list[tuple[int, int, str]]:
    """A lower-case name after a lower-case courtesy title (`mr. elliott`, `dr. christopher lundgren`):
    the first word unless it is a stop or everyday word, the second too when it closes the clause and is
    neither (`mr. larry lombardo?`, not `mr. elliott flew to`)."""
    from recognizers.dictionary import is_dictionary_word

    if not any(title in text for title in _LOWER_TITLE_GATE):
        return []
    found = []
    for match in _LOWER_TITLE.finditer(text):
        first = match.group("name")
        if not reads_as_name(first, lower_case=True):
            continue
        end = match.end("name")
        second = match.group("second")
        if second and reads_as_name(second, lower_case=True) and not is_dictionary_word(second):
            end = match.end("second")
        found.append((match.start("name"), end, LOWER_TITLE))
    return found


def listed_with_names(
    text: str, names: list[tuple[int, int]], hints: list[tuple[int, int]] = ()
) -> list[tuple[int, int, str]]:
    """The items of a list (`A, B and C`) of which one is already a name, or two are hinted at (one
    lower-case word each that the model called a person): the others are names too, when each reads as
    one (of a pair, `Jay & Trish`, when it is no dictionary word); `names` and `hints` are spans."""
    from recognizers.dictionary import is_dictionary_word

    if (not names and len(hints) < 2) or (" and " not in text and " or " not in text and " & " not in text):
        return []
    found, seen = [], set()
    matches = []
    lower = text.islower()
    pattern, item_pattern = (_LOWER_LIST, _LOWER_ITEM) if lower else (_LIST, _ITEM)
    for start, end in [*names, *hints]:  # a list is looked for only around the names
        for match in pattern.finditer(text, max(0, start - 200), min(len(text), end + 200)):
            if match.span() not in seen:
                seen.add(match.span())
                matches.append(match)
    for match in matches:
        items = list(item_pattern.finditer(text, match.start(), match.end()))
        named = [any(start < item.end() and item.start() < end for start, end in names) for item in items]
        hinted = [any(start < item.end() and item.start() < end for start, end in hints) for item in items]
        if not any(named) and sum(hinted) < 2:
            continue
        for item, is_named in zip(items, named, strict=True):
            words = item.group(0).split()
            if is_named or not all(reads_as_name(word, lower_case=lower) for word in words):
                continue
            if len(items) == 2 and all(is_dictionary_word(word) for word in words):
                continue  # `Wisdom and Discipline`: a pair is weaker evidence than a list; words are no names
            found.append((item.start(), item.end(), LIST_OF_NAMES))
    return found


def fellow_speakers(
    text: str, names: list[tuple[int, int]], labels: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """The one-word speaker labels of a dialogue (`labels`, two turns at least, see `dialogue_labels`) one of
    whose speakers is a name found: the others are people too, when each reads as a name."""
    if len(labels) < 2 or not any(
        any(start < label_end and label_start < end for start, end in names)
        for label_start, label_end in labels
    ):
        return []
    return [
        (start, end, FELLOW_SPEAKER)
        for start, end in labels
        if not any(s < end and start < e for s, e in names) and reads_as_name(text[start:end])
    ]


SPEAKER_IN_PERSON = "name (a dialogue's speaker, its turns in the first and second person)"
_FIRST_PERSON = regex.compile(r"(?i)(?<![\w'’])(?:i|i['’]m|me|my)(?![\w'’])")
_SECOND_PERSON = regex.compile(r"(?i)(?<![\w'’])(?:you|your)(?![\w'’])")


def speakers_in_person(text: str, labels: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The one-word speaker labels of a dialogue (`labels`, two turns at least, see `dialogue_labels`) whose
    turns speak to each other, one in the second person and another in the first (`Kalman: "Who are you?"
    Jordan: "I'm Mary's daughter".`): people talking, every label a name when each reads as one and none
    names a role (`Agent:`, `Customer:` head the turns of a support chat). Unlike `fellow_speakers`, no
    speaker need be a name found already."""
    from recognizers.names.words import ROLE_WORDS

    if len(labels) < 2:
        return []
    turns = [text[end:].partition("\n")[0] for _, end in labels]
    if not any(map(_SECOND_PERSON.search, turns)) or not any(map(_FIRST_PERSON.search, turns)):
        return []
    words = [text[start:end] for start, end in labels]
    lower = all(word.islower() for word in words)
    if not all(reads_as_name(word, lower_case=lower) and word.lower() not in ROLE_WORDS for word in words):
        return []
    return [(start, end, SPEAKER_IN_PERSON) for start, end in labels]


_WORD_SPAN = regex.compile(r"\S+")


def chat_trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span the model calls a person, less what a chat glues to it: the @handle or #hashtag it opens
    on (an account or a topic, not a name: `@JoshRamsayArmy Kay`, `#ZodiacFacts`) and chat words at its
    edges (`LOL PROBABLY`, `KaulitzClub Hahaha`, see `is_chat_word`); empty when nothing else is left."""
    words = [match.span() for match in _WORD_SPAN.finditer(text, start, end)]
    if words and start > 0 and text[start - 1] in "@#":
        words = words[1:]
    while words and is_chat_word(text[slice(*words[0])]):
        words = words[1:]
    while words and is_chat_word(text[slice(*words[-1])]):
        words = words[:-1]
    if not words:
        return start, start
    return words[0][0], words[-1][1]
