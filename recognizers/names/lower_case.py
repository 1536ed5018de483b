"""Cues of names written in lower case in chats, call notes and transcripts.

`its ann lee`, `call doris on 0471...`, `wayne frost called abt roaming`, `name on the card? caller: jane
williams`: no capital marks these names, so the PERSON recognizer reads them only after such a cue.
"""

import regex

from recognizers.names.cues import SPEECH_VERBS
from recognizers.names.pieces import PARTICLE
from recognizers.names.words import everyday_words

# How chat users introduce themselves or someone to call, in lower case: `its ann lee`, `this is joost`,
# `my name is ana`, `call doris on`, `ask for pilar`.
LOWER_INTRODUCTION = regex.compile(
    r"(?i:(?<![\w'’])(?:it['’]?s|this is|i am|i['’]?m|name['’]?s|calls? me|call|ask for|"
    # whoever's name it is (`her name is taylor`, `his name was mike`)
    r"(?:my|his|her|your|whose)[ \t]+(?:(?:maiden|family|last|first|full)[ \t]+)?name[ \t]+(?:is|was)|"
    r"speak to|talk to|follow(?:ed|ing)?[ \t]+up[ \t]+with|"
    # an account held under someone's name (`it's under my partner's name roberto yamamura`)
    r"under[ \t]+(?:my[ \t]+\p{L}+['’]s[ \t]+)?name|"
    # call-centre shorthand opening a note: `cust ann lee rang re bill`, `cx joost wants 2 cancel`
    r"(?m:^)[ \t]*(?:cust|cx|caller|customer|client|cardholder|card holder|subscriber|account holder)"
    r"[ \t]*:?)"
    r"[ \t]+)(?P<words>\p{Ll}[\p{Ll}'’\-]*(?:[ \t]+\p{Ll}[\p{Ll}'’\-]*){0,4})"
)
# A lower-case note's subject: the words opening a line before a speech verb or shorthand verb
LOWER_NOTE_SUBJECT = regex.compile(
    r"(?m)^[ \t]*(?P<name>\p{Ll}[\p{Ll}'’\-]+(?:[ \t]+\p{Ll}[\p{Ll}'’\-]+){1,3})[ \t]+"
    rf"(?:{SPEECH_VERBS}|rang|rung|compl|complains)(?![\w])"
)

# A prose line of at most 120 characters (two lower-case words at least, no record delimiters, keys or
# markup); in it, a run of two or three capitalised words (`Kyle Reed`).
SHORT_LINE = regex.compile(r"(?m)^(?=(?:[^\n]*?(?<![\w'’\-])\p{Ll}{2,}\b){2})[^\n;|\t=@:<>{}\[\]]{1,120}$")
CAPITALISED_WORD = regex.compile(r"(?<![\w'’\-])\p{Lu}")
CAPITALISED_RUN = regex.compile(
    r"(?<![\w'’\-])\p{Lu}\p{Ll}[\p{Ll}'’\-]*(?:[ \t]+\p{Lu}\p{Ll}[\p{Ll}'’\-]*){1,2}(?![\w'’\-])"
)
_RELATIONS = (
    r"wife|wifes|wife['’]s|husband|husbands|husband['’]s|partner|partners|partner['’]s|son|sons|daughter|"
    r"daughters|mother|mothers|father|fathers|mum|mom|dad|brother|sister|colleague|neighbour|neighbor"
)
ALTERNATIVE_CONTACT = regex.compile(
    rf"(?i:(?<![\w'’])(?:or|otherwise|else|call|ring|text|{_RELATIONS}))[ \t]+"
    rf"(?P<name>\p{{L}}[\p{{L}}'’\-]+(?:[ \t]+(?:{PARTICLE}[ \t]+){{0,2}}\p{{L}}[\p{{L}}'’\-]+)?)"
    r"[ \t]+(?i:back[ \t]+)?"
    r"(?i:on|at|op|au|unter|al|via)[ \t]+$"
)
CONTACT_CUES = frozenset("call ring text phone or otherwise else".split())
PHONE_WORD = regex.compile(
    r"(?i)phone|tel|mobile|mobiel|gsm|cell|landline|number|nummer|line|fax|work|home|office|me|us|him|her"
)
ON_NUMBER = regex.compile(r"(?i)[ \t]on[ \t]+(?=\+?\d[\d \-]{7,}\d)")

NAME_ANSWER = regex.compile(
    r"(?i:\bname(?:[ \t]+(?:on|of)[ \t]+the[ \t]+(?:card|account)(?:[ \t]?holder)?)?"
    r"|who am i speaking (?:to|with))"
    r"\?[ \t]*\n?[ \t]*(?:[A-Za-z]{2,12}:[ \t]+)?"
    r"(?P<name>\p{L}[\p{L}'’.\-]*(?:[ \t]+\p{L}[\p{L}'’.\-]*){0,3}?)(?=[ \t]+[A-Za-z]{2,12}:|[ \t]*(?:\n|$))"
)

LOWER_CASE_WORD = regex.compile(r"\p{Ll}[\p{Ll}'’\-]*")

# Words that open a new clause in unpunctuated speech (`my name is nina how can i help`)
CLAUSE_OPENERS = frozenset("i how what and but so we who can could would please".split())
_CONTRACTION = regex.compile(r"(\p{Ll}+)['’](?:s|m|re|ll|ve|d|t)")


def is_contraction(word: str) -> bool:
    """`that's`, `i'm`, `we'll`: a stop word and its clitic, never part of a name (`o'toole` is)."""
    match = _CONTRACTION.fullmatch(word)
    return match is not None and match.group(1) in everyday_words()


# what may stand before `its` when it stands for `it's` opening a clause (`hi its ann lee`, `yes, its ...`)
_CLAUSE_BEFORE_ITS = regex.compile(
    r"(?:^|[.,!?;:\n\-]|(?<![\w'’])(?i:hi|hey|hello|hiya|yes|yeah|yep|yo|oh|um|uh|ok|okay))[ \t]*\Z"
)


def possessive_its(text: str, match) -> bool:
    """The cue of a `LOWER_INTRODUCTION` match is `its` written after a verb or a preposition (`to end its
    offensive attacks`, `launched its latest phablet`): the possessive, which introduces nobody; `it's`
    opening a clause (`hi its ann lee`) does."""
    cue = match.group(0)[: match.start("words") - match.start()].strip()
    return cue.lower() == "its" and not _CLAUSE_BEFORE_ITS.search(
        text, max(0, match.start() - 12), match.start()
    )


def lower_case_full_name(value: str) -> bool:
    """In text read as written in lower case, a person the model reads over two words or more is a name when
    one of its words is no dictionary word (`rick astley`, `tammy pálffy`: a name the model knows and no
    dictionary does) and none is a stop, everyday or chat word (`lol ok`); each word alone may be a
    dictionary word (`rick`, `dawn`) where `reads_as_name` would refuse it."""
    from recognizers.dictionary import is_dictionary_word
    from recognizers.names.evidence import is_chat_word

    words = value.split()
    return (
        len(words) >= 2
        and all(word.isalpha() and word not in everyday_words() and not is_chat_word(word) for word in words)
        and any(not is_dictionary_word(word) for word in words)
    )
