"""Trimming and widening a found span to the name itself.

Titles, role words, punctuation and a possessive `'s` come off (they identify no one); the initials and
particles the model left out of a name go back on.
"""

import itertools

import regex

from recognizers.names.cues import HONORIFICS
from recognizers.names.pieces import INITIAL, NICKNAME, PARTICLE, TITLE_WORD
from recognizers.names.words import (
    ARABIC_PARTICLES,
    HYPHENATED_PARTICLE,
    LOWER_PARTICLES,
    ROLE_WORDS,
    WORDS_BEFORE_A_NAME,
)

_LEADING_TITLE = regex.compile(rf"(?i:{HONORIFICS})\.?[ \t]+(?=\p{{Lu}})")

_LEADING_WORD = regex.compile(r"(\p{L}+)[ \t]+(?=\p{Lu})")  # `Customer Ann Lee` -> `Ann Lee`

SPACED_PART = regex.compile(r"\S+(?: \S+)*")


def skip_everyday_words(text: str, start: int, end: int) -> int:
    """Past the stop words that open a clause before a name (`Per Ann Lee's request`, `At Ann Lee's`)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    while True:
        word = _LEADING_WORD.match(text, start, end)
        if not word or word.group(1).lower() not in STOP_WORDS:
            return start
        start = word.end()


def only_a_word_after_a_role(text: str, matched: int, start: int, end: int) -> bool:
    """Trimming a role word left one dictionary word: `Customer Care`, `Support Desk` name a department."""
    from recognizers.dictionary import is_dictionary_word

    trimmed = text[matched:start].split()
    return (
        bool(trimmed)
        and trimmed[-1].lower() in WORDS_BEFORE_A_NAME
        and " " not in text[start:end]
        and is_dictionary_word(text[start:end])
    )


COLUMN_GAP = regex.compile(r"[ ]{3,}|\t")

# What the model leaves out of a name: an initial without its dot before it (`B Henriksen`), capitalised
# particles before it (`Van der Auwera`), the family name after a particle it ended on (`Jens W. Van der`)
_INITIAL_OR_PARTICLES_BEFORE = regex.compile(
    r"(?<![\p{L}\d.'’\-])(?:(?![AI][ \t])\p{Lu}[ \t]+|"
    # dotted initials (`A.-M. Demaret`, `J.K. Rowe`), but not `M.` alone, French for Monsieur
    rf"(?!M\.[ \t]+\Z)(?:{INITIAL}[ \t]*){{1,3}}|"
    r"(?:Van|Von|De|Del|Della|Di|Du|Ten|Ter)(?:[ \t]+(?:der|den|de|la|van|von))?[ \t]+)\Z"
)
# a given name and an initial, written with or without its dot, before the family name, one space apart (a
# column gap parts fields: `RER A  Charles de Gaulle`)
_GIVEN_NAME_AND_INITIAL_BEFORE = regex.compile(
    rf"(?<![\p{{L}}\d.'’\-])(?P<given>{TITLE_WORD})[ \t]\p{{Lu}}\.?[ \t]\Z"
)
_AFTER_PARTICLE = regex.compile(rf"(?:[ \t]+(?:{PARTICLE}))*[ \t]+{TITLE_WORD}")

_SPAN_WORD = regex.compile(r"\S+")


def drop_lower_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The capitalised part of a span the model ran on into prose (`Ann Lee al ritiro della`, `a Ann Lee`):
    a lower-case word that is no particle ends the name or comes before it. An Arabic particle written
    apart before a capitalised word is inside the name (`Ahmed abu Khattalah`, `Khalid al Batish`)."""
    words = list(_SPAN_WORD.finditer(text, start, end))
    if not any(word.group(0)[0].isupper() for word in words):
        return start, end
    runs: list[list] = [[]]
    for index, word in enumerate(words):
        value = word.group(0)
        if (
            value[0].islower()
            and value.rstrip(",.") not in LOWER_PARTICLES
            and not HYPHENATED_PARTICLE.match(value)
            and not (
                value in ARABIC_PARTICLES
                and index + 1 < len(words)
                and words[index + 1].group(0)[0].isupper()
            )
            and not _son_of(words, index)
        ):
            runs.append([])
        else:
            runs[-1].append(word)
    best = max(runs, key=lambda run: sum(1 for word in run if word.group(0)[0].isupper()))
    if not best:
        return start, end
    return best[0].start(), best[-1].end()


def _son_of(words: list, index: int) -> bool:
    """`bin` between two capitalised words, `son of` in an Arabic name (`Maktoum bin Mohammed`); not
    German's `am` after `ich` (`Ich bin Ann Lee`)."""
    return (
        words[index].group(0) == "bin"
        and 0 < index < len(words) - 1
        and words[index - 1].group(0)[0].isupper()
        and words[index - 1].group(0).lower() != "ich"
        and words[index + 1].group(0)[0].isupper()
    )


def start_of_line(text: str, index: int) -> int:
    """Where the line holding `text[index]` starts."""
    return text.rfind("\n", 0, index) + 1


def given_name_before(text: str, start: int) -> int:
    """Where a name starting at `start` starts with the given name and initial written before it
    (`Juliusz A Kwiatkowski`: `A` alone could be the article, after a word that reads as a given name it is
    an initial), or `start`."""
    from recognizers.names.evidence import reads_as_name

    given = _GIVEN_NAME_AND_INITIAL_BEFORE.search(text, max(0, start - 40), start)
    if given is None or given.group("given").lower() in ROLE_WORDS:  # `Cardholder M. Arias`
        return start
    return given.start() if reads_as_name(given.group("given")) else start


def extend_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a name the model cut short over an initial or the particles before it (over the given name
    before an initial too, `given_name_before`) and the family name after a particle it ended on."""
    given = given_name_before(text, start)
    before = _INITIAL_OR_PARTICLES_BEFORE.search(text, max(0, start - 12), start)
    if given < start:
        start = given
    elif before:
        start = before.start()
    elif text[max(0, start - 3) : start] == "M. " and _m_is_an_initial(text, start - 3):
        start -= 3  # `Regards,\nM. Lee`: the initial the model left out
    last = text[start:end].rsplit(None, 1)[-1] if end > start else ""
    if last.lower() in LOWER_PARTICLES or last.split("-")[-1] in LOWER_PARTICLES:
        after = _AFTER_PARTICLE.match(text, end)
        if after:
            end = after.end()
    while (
        end > start
        and text[start:end].rsplit(None, 1)[-1][0].islower()
        and not HYPHENATED_PARTICLE.match(text[start:end].rsplit(None, 1)[-1])
        and " " in text[start:end]
    ):
        end = start + len(text[start:end].rsplit(None, 1)[0])  # a particle ends no name: `Ann Lee al`
    return start, end


# English cues before `M. Lee` that make `M.` an initial rather than French for Monsieur: an English
# honorific, a salutation or attention line, an English sign-off above a signature
_ENGLISH_CUE_BEFORE = regex.compile(
    r"(?i:\b(?:mr|mrs|ms|miss|mx|dr|dear|attn|attention|c/o|faithfully|sincerely|regards|thanks|"
    r"yours|cheers|best))[.,:!]?[ \t]*(?:>?[ \t]*\r?\n[ \t>]*){0,2}\Z"
)


def _m_is_an_initial(text: str, start: int) -> bool:
    """`M.` at `text[start]` follows an English cue (`Mr M. Takács`, `Dear M. Lee`, `Regards,\nM. Lee`)."""
    return _ENGLISH_CUE_BEFORE.search(text, max(0, start - 30), start) is not None


def _before_ellipsis(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ". \t":
        end -= 1
    return end


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces, quotes and punctuation, a possessive `'s`, and leading titles (`Ms.`, `Dr`) from a span:
    the name is what identifies the person, the title is not part of it."""
    while start < end and not (text[start].isalpha()):
        start += 1
    while True:
        title = _LEADING_TITLE.match(text, start, end) or _LEADING_WORD.match(text, start, end)
        if not title or title.end() >= end:
            break
        if title.re is _LEADING_WORD and title.group(1).lower() not in WORDS_BEFORE_A_NAME:
            break
        if title.group(0).startswith("M.") and _m_is_an_initial(text, start):
            break  # `Mr M. Takács`, `Yours faithfully,\n\nM. Palmer`: an initial, not Monsieur
        start = title.end()
    gap = COLUMN_GAP.search(text, start, end)
    if gap:
        end = gap.start()  # a column gap ends the cell: `BERNARD REMY      Date: 12.03.2026`
    if text[start:end].endswith(("'s", "’s", "‘s")):  # `‘`: an opening quote typed for the apostrophe
        end -= 2
    # trailing marks off, and a full stop tokenisation spaced off: it ends a sentence (`Robert Downey Jr .`)
    while end > start and not (
        text[end - 1].isalpha() or (text[end - 1] == "." and not (end - start > 2 and text[end - 2] in " \t"))
    ):
        end -= 1
    if text[end - 2 : end] == "..":  # an ellipsis closes the sentence, not an initial: `Robert ....`
        end = _before_ellipsis(text, start, end)
    # a trailing dot belongs to an initial or honorific (`J.`), not to the end of a sentence
    if end - start > 2 and text[end - 1] == "." and text[end - 3 : end - 1].isalpha():
        end -= 1
    return start, end


# what separates the fields of a post or a record inside a span the model read as one name: a pipe, a
# hashtag or handle sign, a colon before a space, brackets, slashes
_SEPARATOR = regex.compile(r"[ \t]*(?:[|#@/\\\[\]{}<>=~*+^$%&()]|:(?=\s))+[ \t]*")
_TITLE_CASE_WORD = regex.compile(r"\p{Lu}[\p{Ll}'’.-]*")
_SPACED_WORD = regex.compile(r"\S+")


def name_between_separators(text: str, start: int, end: int) -> tuple[int, int]:
    """The part of a span the model ran across a separator that is the name: the longest run of words
    between separators, the first of equals (`RT @johan0394 : Soulja Boy | TheDeAndreWay` -> `Soulja Boy`,
    `Patricia M #Referral` -> `Patricia M`), less a handle it opens on, and of that its longest run of
    title-case words, kept when it is two to four words long: one word, a run in capitals or a longer run
    cut out of a post is as often a heading or a product (`Round Robin 2nd`). A span without a separator
    is returned whole; the run left still has to pass every check a name does."""
    pieces, at = [], start
    for separator in _SEPARATOR.finditer(text, start, end):
        pieces.append((at, separator.start()))
        at = separator.end()
    if at == start:
        return start, end
    pieces.append((at, end))
    best = max(pieces, key=lambda piece: (len(text[piece[0] : piece[1]].split()), -piece[0]))
    words = [match.span() for match in _SPACED_WORD.finditer(text, *best)]
    if words and words[0][0] > 0 and text[words[0][0] - 1] in "@#":
        words = words[1:]  # a handle or a hashtag: an account or a topic
    runs = [
        list(run)
        for titled, run in itertools.groupby(
            words, key=lambda word: bool(_TITLE_CASE_WORD.fullmatch(text, *word))
        )
        if titled
    ]
    run = max(runs, key=len, default=[])
    if not 2 <= len(run) <= 4:
        return start, start
    return run[0][0], run[-1][1]


# a nickname in quotes, then the family name: what follows the given name the model read alone (`Richard` of
# `Brig. Gen. Richard "Tex" Coe`)
_NICKNAME_AND_FAMILY = regex.compile(rf"{NICKNAME}[ \t]+{TITLE_WORD}")
_NICKNAME = regex.compile(NICKNAME)


def over_nickname(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a name over a nickname in quotes and the family name after it (`Richard "Tex" Coe`)."""
    after = _NICKNAME_AND_FAMILY.match(text, end)
    return (start, after.end()) if after else (start, end)


# an Irish or Italian prefix with its apostrophe spaced off, as tokenised text writes it (`O ' Connor`)
_SPACED_APOSTROPHE = regex.compile(r"(?<![\p{L}'’])([OD])[ \t]+['’][ \t]+(?=\p{Lu})")


def shape_to_check(value: str) -> str:
    """`value` as the name's shape is checked: without a nickname in quotes between its words (`John
    “J.D.” Dorrian` -> `John Dorrian`), and with a prefix's spaced apostrophe closed up (`Brendan O '
    Connor` -> `Brendan O'Connor`)."""
    if '"' in value or "“" in value:
        value = _NICKNAME.sub("", value)
    return _SPACED_APOSTROPHE.sub(r"\1'", value) if "'" in value or "’" in value else value
