"""A social post: a short text someone wrote for others to read (a tweet, a comment, a forum reply), told
apart from the records piivault mostly reads (logs, tickets, chat exports, forms) and from edited prose
(news, filings, reports).

The evidence is the text's whole shape, not a word list: one line marked as a post (an @handle, a #hashtag,
a link, `RT`, an emoji) or of informal English prose (`english_prose`, and opening in lower case, `i` for
`I`, doubled marks, an emoticon, an ellipsis, shouting or chat shorthand no dictionary knows), and none of
the structure records carry: no `key=value` or `Key:` field, no clock time or date, no identifier (a word
holding three digits or more), no run of digits a phone or a card would be, no email address, no braces,
tags or pipes. The project's chat and ticket records fail it on their timestamps, speaker labels, ids,
contact values and line breaks (no record of the tuned and held-out corpora passes, one of heldout2 does);
edited prose fails it on its edited English.

Why it matters (issue 12): in a post the small English model's PERSON is right more often than in a record,
where log words, product names and form labels read as names. There `recognizers.batch` lets NER read the
whole text (as stock Presidio does) rather than windows, and `PersonRecognizer.ner_results` keeps four
kinds of the model's persons it prunes elsewhere: a log or product word as a surname (`Taylor Swift`,
`log_word_surname`), a capitalised word opening a sentence as the subject of the finite verb after it
(`Harry got shot ...`), one lower-case word that is no dictionary word (`... especially kevin love`,
`lone_lower_case_name`), and a name of two words one of which the post left in lower case (`James
franco`, `half_lower_case_name`).
"""

from __future__ import annotations

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from recognizers.names.prose import PROSE_LIMIT, english_prose

# a post's own marks: a handle, a hashtag, a link, a retweet, an emoji
_POST_MARK = regex.compile(
    r"(?<![\w@])@\w{2,}|(?<![\w&])#\p{L}\w*|https?://|\bRT\b|[\U0001F300-\U0001FAFF\u2600-\u27BF]"
)
# a record's structure: a key's `=`, a field's `Key:` glued to its key, a clock time, a date, an identifier
# glued to digits, a run of digits (a phone, a card, an account), an email address, brackets, tags, pipes
_RECORD_MARK = regex.compile(
    r"=|(?<![\s@\w])(?<=\p{L})\p{L}*:(?=\s|$)|^\s*\p{L}[\w .-]{0,30}(?<=\w):|\b\d{1,2}[:h]\d{2}\b|"
    r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b(?=\w*\p{L})(?=\w*\d\w*\d\w*\d)\w+|\d[\d \-]{5,}\d|"
    r"[\w.+-]+@[\w-]+\.\w|[{}<>]|\|.*\||&(?:lt|gt);"
)
_WORD = regex.compile(r"\p{L}+")
_LINK_OR_HANDLE = regex.compile(r"(?:https?://|www\.)\S+|(?:\bRT[ \t]+)?(?<![\w@])@\w+[ \t]?:?")


def social_post(text: str) -> bool:
    """`text` is one line of at most `PROSE_LIMIT` characters, marked as a post or informal English prose,
    with no record structure (see the module's docstring)."""
    if len(text) > PROSE_LIMIT or "\n" in text.strip():
        return False
    bare = _LINK_OR_HANDLE.sub(" ", text)  # a link's or a handle's digits and colons are the post's own
    if _RECORD_MARK.search(bare):
        return False
    return _POST_MARK.search(text) is not None or (english_prose(text) and _informal(text))


# what informal writing shows and edited prose does not: the text opening in lower case, `i` for `I`, doubled
# marks (`!!`, `? ?`), an emoticon, an ellipsis, a run of shouted words
_INFORMAL_MARK = regex.compile(
    r"^[ \t\"“'‘(]*\p{Ll}|(?<![\w'’])i(?![\w'’])|[!?][ \t]?[!?]|"
    r"(?<!\S)[:;xX8=]['’-]?[)(DPpO/\\|3]+(?!\S)|\.{3}|(?<!\w)\p{Lu}{4,}(?:[ \t]+\p{Lu}{2,})+(?!\w)"
)


def _informal(text: str) -> bool:
    """Informal writing: a mark of it (`_INFORMAL_MARK`) or chat shorthand no dictionary knows (`lol`,
    `gonna`, `omg`; not `well` nor `people`, which `is_chat_word` also counts)."""
    from recognizers.dictionary import is_dictionary_word
    from recognizers.names.evidence import is_chat_word

    if _INFORMAL_MARK.search(text):
        return True
    return any(
        is_chat_word(word) and word.lower() not in STOP_WORDS and not is_dictionary_word(word)
        for word in _WORD.findall(text)
    )


def lone_lower_case_name(word: str, noun: bool = False) -> bool:
    """In a post, one lower-case word the model calls a person is a name when it is no dictionary word
    (`kendrick`, `alex`; not `salesperson`), of three letters at least, no stop, everyday or chat word
    (`lol`, `gonna`); elsewhere it stays a hint (`PersonRecognizer.ner_results`). With `noun` (a post
    that capitalises other words: the writer left this one in lower case), a singular noun and nothing
    else is one too (`taylor`, `jason`: WordNet indexes people's names as nouns); in a post written all in
    lower case the model reads every word so, and a noun stays a hint there (`i love baker so much`) unless
    it is a given name (`recognizers.names.name_lists`, read by `PersonRecognizer.ner_results`)."""
    from recognizers.dictionary import is_dictionary_word, names_only_things
    from recognizers.names.evidence import is_chat_word, reads_as_name

    return (
        len(word) >= 3
        and (not is_dictionary_word(word) or (noun and names_only_things(word)))
        and reads_as_name(word, lower_case=True)
        and not is_chat_word(word)
    )


def log_word_surname(value: str) -> bool:
    """In a post, a name of two or three words whose last only is a log or product word (`Taylor Swift`,
    `Chelsea Handler`) and whose first reads as a name (a noun at most: not `Sour Patch`): a surname, not a
    log line's keyword."""
    from recognizers.names.evidence import reads_as_name
    from recognizers.names.words import NOT_NAME_WORDS

    words = value.split()
    return (
        2 <= len(words) <= 3
        and reads_as_name(words[0])
        and all(word.lower() not in NOT_NAME_WORDS for word in words[:-1])
    )


def half_lower_case_name(value: str) -> bool:
    """In a post, a name of two words the model read whole, one capitalised and one in lower case, as posts
    type them (`James franco`, `john Maxwell`): the lower-case word a given or a family name of the lists
    (`recognizers.names.name_lists`), each reading as a name; elsewhere a lower-case word ends the name
    (`Ann Lee al ritiro`)."""
    from recognizers.names.evidence import reads_as_name
    from recognizers.names.name_lists import is_listed_name

    words = value.split()
    lower = [word for word in words if word.islower()]
    capitalised = [word for word in words if word.istitle()]
    return (
        len(lower) == 1
        and len(capitalised) == 1
        and is_listed_name(lower[0])
        and reads_as_name(lower[0], lower_case=True)
        and reads_as_name(capitalised[0])
    )
