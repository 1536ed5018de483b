"""English prose, and what the model's lower-case persons do in it.

Stock Presidio reads every text whole and keeps whatever the model calls a person; piivault reads windows
around capitalised words and prunes, which is why it is faster and more precise, and why it missed the
names people type in lower case inside otherwise capitalised posts (`sam 's coming tomorrow and steve and
tanya`), which no capital ever opened a window for. In a short text of English prose (a post, a chat turn,
a comment: `english_prose`) a word that is no dictionary word now opens a window too, lower case or
opening a sentence (`recognizers.batch.ner_windows`). Reading such texts whole instead found a few more
names on the development sets and cost a fifth more CPU on `make bench`'s lines: not taken.

What the model calls a person there is kept by the same rules as elsewhere, and a lower-case word on its
own stays a hint (`ner_results`): one lower-case word is as often a town, a hashtag or another language's
word. A hint becomes a name when the sentence uses it as a person (`confirmed_hints`): it owns something
or is the subject of `'s` (`sam 's coming`, `luke 's follow`), it is the subject of the finite verb after
it (`obama is so cool`, `john says`, `simone is coming`), or it opens a clause spoken to in the second
person (`... trump you are awesome`), or is the speaker, the one spoken to or the one named (`said
william to christina`, `ross, can i ...`, `she named him joshua`). The gate is language, not shape: the
project's Dutch and German records (`Betaald met Visa`, `Houder van de`) share too few words with English
to count as its prose.
"""

from __future__ import annotations

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from recognizers.names.evidence import NAMING_VERB, SPEECH_VERB, reads_as_name

PROSE_LIMIT = 400  # characters: a post or a chat turn, not a document (longer texts keep their windows)
PROSE_STOP_SHARE = 0.25  # English prose: at least a quarter of its words are English function words
_WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)?")
# a link, a handle or a hashtag: no words of the sentence (`... Red Carpet http://t.co/GgKsppRdjS`)
_NOT_SENTENCE = regex.compile(r"(?:https?://|www\.)\S+|[@#]\w+")

CONFIRMED_HINT = "name (lower-case person the sentence uses as one)"
# after the hint: `'s` (owner or `is`), a lower-case word (the verb) and more prose, or the second person
# it is spoken to in when it opens a clause (`... trump you are awesome`)
_POSSESSIVE_AFTER = regex.compile(r"[ \t]?['’][ \t]?s(?![\p{L}'’])")
_VERB_AFTER = regex.compile(r"[ \t]+(\p{Ll}+)(?=[ \t]+\p{L})")
_SECOND_PERSON_AFTER = regex.compile(r"[ \t]*,?[ \t]+(?:you|u|ur|your)[ \t]+\p{Ll}")
_CLAUSE_START_BEFORE = regex.compile(r"(?:^|[.!?,;:][ \t]*)\Z")
# before the hint: a verb of speech (`said william`, `says manna`, `shouted at samantha`) or the speaker after
# it (`said petra to michael`), or a verb of naming and its object (`she named him joshua`)
_SPOKEN_BEFORE = regex.compile(
    rf"(?<![\p{{L}}'’]){SPEECH_VERB}(?:[ \t]+(?:at|to))?[ \t]+(?:\p{{Ll}}+[ \t]+to[ \t]+)?\Z"
)
_NAMED_BEFORE = regex.compile(rf"(?<![\p{{L}}'’]){NAMING_VERB}[ \t]+(?:him|her|them|me|us)[ \t]+\Z")
# after the hint opening a clause: a comma and the request or question spoken to it (`ross, can i please ...`)
_ADDRESSED_AFTER = regex.compile(
    r"[ \t]*,[ \t]+(?:can|could|would|will|please|do|did|are|have|i|we|you)(?![\p{L}'’])"
)


def english_prose(text: str) -> bool:
    """A short text written in English sentences: at most `PROSE_LIMIT` characters, three words or more,
    of which at least two and a `PROSE_STOP_SHARE` are English function words (`the`, `is`, `and`, `you`)."""
    if len(text) > PROSE_LIMIT:
        return False
    words = _WORD.findall(_NOT_SENTENCE.sub(" ", text))
    if len(words) < 3:
        return False
    function_words = sum(1 for word in words if word.lower() in STOP_WORDS)
    return function_words >= 2 and function_words >= PROSE_STOP_SHARE * len(words)


def confirmed_hints(text: str, hints: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The hints (one lower-case word each the model called a person, see `ner_results`) that a sentence
    of English prose uses as a person: owning something or followed by `'s`, the subject of the finite
    verb after them, spoken to at a clause's start (in the second person, or by a request or question
    after a comma: `ross, can i ...`), the speaker or the one spoken to after a verb of speech (`said
    william to christina`), or the one a verb of naming names (`she named him joshua`): the cues that
    make a capitalised word a name (`recognizers.names.evidence`), read in lower case. Each must still
    read as a name in lower case (no dictionary word, or only a noun)."""
    from recognizers.dictionary import is_finite_verb

    if not hints or not english_prose(text):
        return []
    found = []
    for start, end in hints:
        if not reads_as_name(text[start:end], lower_case=True):
            continue
        verb = _VERB_AFTER.match(text, end)
        spoken_to = _CLAUSE_START_BEFORE.search(text, max(0, start - 3), start) and (
            _SECOND_PERSON_AFTER.match(text, end) or _ADDRESSED_AFTER.match(text, end)
        )
        before = text[max(0, start - 40) : start]
        if (
            _POSSESSIVE_AFTER.match(text, end)
            or (verb and is_finite_verb(verb.group(1)))
            or spoken_to
            or _SPOKEN_BEFORE.search(before)
            or _NAMED_BEFORE.search(before)
        ):
            found.append((start, end, CONFIRMED_HINT))
    return found
