"""`detect`: findings for many texts at once, fast enough for log volumes.

What makes it fast, compared with a loop of `AnalyzerEngine.analyze()` calls:
- each distinct text is analysed once per batch (logs repeat lines);
- the regex recognizers (email, card, phone, address) run first, on plain strings;
- spaCy runs only NER (no tagger, parser, lemmatizer), through `nlp.pipe`, and only on windows of a few
  words around capitalised words that could still be names once the spans already found and known log
  keywords are blanked out (blanking also keeps NER from calling a city in an address a person). The small
  model's NER sees about four tokens either side of a word (its CNN's receptive field), so a window of
  `NER_WINDOW_WORDS` words either side gives it the context it would use anyway; identical windows are
  parsed once per batch;
- a window opens only around a capitalised word that is not a stop word, log keyword or everyday word,
  not glued to digits (CU-123456), not a header key (`X-Ticket-Id:`), not the value of a non-name key,
  and not merely the first word of a clause followed by lower case (`Escalated to`); a lone ALL-CAPS
  word (ANSWERED, PDF) opens none, a run of them does;
- ALL-CAPS words are re-cased for NER (same length, so offsets hold), since the model misses them;
- recognizers are called directly, without Presidio's per-call explanation and context machinery.

URL-encoded text (form posts, query strings, `mailto:` links) is read decoded and findings are mapped back
to the encoded spans (`recognizers.urlencoding`); HTML tags and quoted-reply markers are blanked
(`recognizers.markup`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import regex

from recognizers.findings import DEFAULT_ENTITIES, Finding
from recognizers.markup import blank_markup
from recognizers.names.cues import ADVERBS_BEFORE_A_VERB
from recognizers.names.ner_context import dialogue_labels
from recognizers.names.posts import social_post
from recognizers.names.prose import english_prose
from recognizers.names.rules import LETTERHEAD
from recognizers.urlencoding import decoded_view, to_original
from values.token_format import placeholder_spans

MIN_SCORE = 0.5
NER_BATCH_SIZE = 256
NER_WINDOW_WORDS = 5

# Capitalised words that open support-chat and email sentences without being names.
TRIGGER_STOP_WORDS = frozenset(
    "ticket reference created thanks thank please hello hi good morning afternoon evening yes no sure ok "
    "okay sorry great perfect confirm details updated internet invoice account plan new old let can could "
    "would should will shall may might i im i'm you your we our they their he she it its this that there "
    "here what when where why how which who dear regards kind best cheers sincerely subject from to cc "
    "sent date mobile landline card email address phone number".split()
)
_CAPITALISED = re.compile(r"\b[^\W\d_][^\W\d_'’-]*", re.UNICODE)
_ALL_CAPS_WORD = re.compile(r"\b[^\W\d_a-z]{2,}\b")
_NON_SPACE = re.compile(r"\S+")
_ACRONYM_LENGTH = 4
_CAPS_WORD_BEFORE = re.compile(r"[^\W\d_a-z]{2,}[ \t]+$")
_CAPS_WORD_AFTER = re.compile(r"[ \t]+[^\W\d_a-z]{2,}\b")


def _lone(text: str, start: int, end: int) -> bool:
    """No other ALL-CAPS word beside [start, end) across a space: not part of a run (`JOHN SMITH`)."""
    before = _CAPS_WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is None and _CAPS_WORD_AFTER.match(text, end) is None


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with `spans` blanked out by spaces (same length, so offsets hold)."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _recase_for_ner(text: str, keywords: frozenset[str], post: bool = False) -> str:
    """ALL-CAPS words title-cased (log keywords lower-cased), keeping every character's position. In a
    social post not written all in capitals, a short capitalised word standing alone is an acronym and
    stays as written (`AC / DC fuel Phil Rudd rumours`, `Former NHL player Moore`): title-cased, the model
    reads `Nhl` and `Ac / Dc` as names and loses the post's real one. In records such a word is as often a
    family name written in capitals (`Main driver: HUHN Kunigunde`), and is re-cased; so is a post's
    retweet mark `RT`, which read as written leads the model to take the word after it for a person (`RT
    Crof : Saudi Arabia`, `RT @x : Nah check tomorrow`)."""
    acronyms = post and any(c.islower() for c in text)

    def recase(match: re.Match) -> str:
        word = match.group(0)
        if (
            acronyms
            and len(word) <= _ACRONYM_LENGTH
            and word != "RT"
            and _lone(text, match.start(), match.end())
        ):
            return word
        if word.lower() in keywords:
            lowered = word.lower()
            return lowered if len(lowered) == len(word) else word
        titled = word[0] + word[1:].lower()
        return titled if len(titled) == len(word) else word

    return _ALL_CAPS_WORD.sub(recase, text)


def _may_hold_a_name(text: str, keywords: frozenset[str]) -> bool:
    for match in _CAPITALISED.finditer(text):
        word = match.group(0)
        if word[0].isupper() and word.lower() not in keywords:
            return True
    return False


_NAME_LIKE_KEYS = frozenset(
    "name full_name fullname holder cardholder card_holder customer client contact agent user username "
    "recipient sender from to caller callee subscriber payer payee signed_by first_name last_name".split()
)
_WORD_CORE = re.compile(r"^[^\w]*(.*?)[^\w]*$", re.UNICODE)
_ADVERB = regex.compile(ADVERBS_BEFORE_A_VERB)


def _word_kind(word: str, keywords: frozenset[str]) -> str:
    """`name` (a capitalised word that may be a name), `caps` (an ALL-CAPS word), or `other`. Words glued
    to digits (CU-123456, PT2M16S, INV5254) are identifiers, keys (`X-Ticket-Id:`, `Subject:`) are not
    names, and the value of a `key=Value` pair counts only if the key is one a name pattern reads."""
    if word.islower() or (word.isascii() and word == word.lower()):
        return "other"  # no capital letter (most words, numbers, times): `_may_hold_a_name` would find none
    if word.endswith(":") and not word.endswith("::"):
        return "other"
    if "=" in word:
        key, _, word = word.partition("=")
        if key.strip("\"'{[(<").lower() not in _NAME_LIKE_KEYS:
            return "other"
    core = _WORD_CORE.match(word).group(1)
    if not core or any(char.isdigit() for char in core) or not _may_hold_a_name(core, keywords):
        return "other"
    letters = [char for char in core if char.isalpha()]
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return "caps"
    return "name" if len(letters) > 1 else "other"


def _opens_clause(text: str, words: list[tuple[int, int]], index: int) -> bool:
    if index == 0:
        return True
    previous_end = words[index - 1][1]
    return text[previous_end - 1] in ".!?;:]" or "\n" in text[previous_end : words[index][0]]


def _next_is_lower(text: str, words: list[tuple[int, int]], index: int) -> bool:
    return index + 1 < len(words) and text[words[index + 1][0]].islower()


LOWER_CASE_TEXT_LIMIT = 400
_LOWER_WORD = re.compile(r"[^\W\d_]{3,}")


def _may_hold_a_lower_case_name(text: str, keywords: frozenset[str]) -> bool:
    """A word of three letters or more that is no keyword, everyday or stop word."""
    return any(word not in keywords for word in _LOWER_WORD.findall(text))


def _unknown_word(word: str) -> bool:
    """No dictionary word (punctuation around it aside): a name, a nickname or slang."""
    from recognizers.dictionary import is_dictionary_word

    core = _WORD_CORE.match(word).group(1)
    return core.isalpha() and not is_dictionary_word(core)


def _unknown_lower_word(word: str, keywords: frozenset[str]) -> bool:
    """A lower-case word of three letters or more that is no keyword and no dictionary word."""
    core = _WORD_CORE.match(word).group(1)
    return len(core) >= 3 and core.islower() and core not in keywords and _unknown_word(core)


def _lower_case_name_candidate(
    text: str, words: list[tuple[int, int]], index: int, keywords: frozenset[str]
) -> bool:
    """In English prose, a lower-case word that may be a name typed in lower case: no dictionary word
    (`tanya`), or a word of three letters or more, no keyword, as the subject of the finite verb after it
    (`when mike lets me know`, `louis turns 18`): NER decides, and `recognizers.names.prose` wants the
    sentence to use it as a person."""
    word = text[slice(*words[index])]
    if _unknown_lower_word(word, keywords):
        return True
    core = _WORD_CORE.match(word).group(1)
    return (
        len(core) >= 3
        and core.isalpha()
        and core.islower()
        and core not in keywords
        and index + 1 < len(words)
        and _subject_of_next_verb(text, words, index)
    )


def _subject_of_next_verb(text: str, words: list[tuple[int, int]], index: int) -> bool:
    """The word may be a name opening its sentence as the subject of the next word, a finite verb: no
    dictionary word, or a singular noun that names no group (`David`, `Mehrudin`, `Bill`; not `Wrong`,
    `Analysts`, `Police`): NER decides."""
    from recognizers.dictionary import is_finite_verb
    from recognizers.names.words import subject_may_be_a_name

    word = _WORD_CORE.match(text[slice(*words[index])]).group(1)
    following = _WORD_CORE.match(text[slice(*words[index + 1])]).group(1)
    if _ADVERB.fullmatch(following) and index + 2 < len(words):
        index += 1  # an adverb between the subject and its verb: `Kirk actually needs to ...`
        following = _WORD_CORE.match(text[slice(*words[index + 1])]).group(1)
    after = text[words[index + 2][0]] if index + 2 < len(words) else ""
    return subject_may_be_a_name(word) and is_finite_verb(following) and not after.isupper()


# prose after a speaker's label: a lower-case word within its first four words
_PROSE = re.compile(r"[ \t]+(?:[\"“'‘]?\w+[,.!?\"”'’]*[ \t]+){0,3}[\"“'‘]?[a-z]+\b")


def _speaker_or_addressee(text: str, words: list[tuple[int, int]], index: int) -> bool:
    """A `Word:` that is no key: inside a sentence (`shouted at Todd: "What ..."`), or opening a line of
    prose, as a dialogue writes its speaker (`Nicole: Remember me, Mary?`); a key's value is a value."""
    start, end = words[index]
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return True
    from recognizers.names.ner_context import dialogue_turns

    return _PROSE.match(text, end) is not None and dialogue_turns(text) >= 2


def ner_windows(text: str, keywords: frozenset[str], width: int = NER_WINDOW_WORDS) -> list[tuple[int, int]]:
    """Character spans of the stretches of `text` NER must see: `width` words either side of each word
    holding a possible name, merged where they touch."""
    if len(text) <= LOWER_CASE_TEXT_LIMIT and text.islower() and _may_hold_a_lower_case_name(text, keywords):
        # a short text written all in lower case (a chat, a search): NER reads it whole, as no capital
        # marks where a name could be; its lower-case hits are checked word by word (`ner_results`)
        stripped = text.strip()
        return [(text.index(stripped), text.index(stripped) + len(stripped))]
    # in a short text of English prose (a post, a chat turn) a name may be written in lower case or open
    # a sentence without a verb after it (`i love rick astley`, `Katie up 6-0`): a word that is no
    # dictionary word opens a window there too (`recognizers.names.prose`)
    prose = len(text) <= LOWER_CASE_TEXT_LIMIT and english_prose(text)
    words = [match.span() for match in _NON_SPACE.finditer(text)]
    kinds = [_word_kind(text[start:end], keywords) for start, end in words]
    for index, (start, end) in enumerate(words):
        if kinds[index] == "other" and text[end - 1] == ":" and text[start].isupper():
            kind = _word_kind(text[start : end - 1], keywords)
            if kind != "other" and _speaker_or_addressee(text, words, index):
                kinds[index] = kind
    windows: list[list[int]] = []
    for index, kind in enumerate(kinds):
        if kind == "caps":
            # a lone ALL-CAPS word is a code or status (ANSWERED, PDF); names in capitals come in runs
            neighbours = kinds[max(0, index - 1) : index] + kinds[index + 1 : index + 2]
            if "caps" not in neighbours:
                continue
        elif kind != "name":
            if not (prose and _lower_case_name_candidate(text, words, index, keywords)):
                continue
        elif (
            _opens_clause(text, words, index)
            and _next_is_lower(text, words, index)
            and not _subject_of_next_verb(text, words, index)
            and not (prose and _unknown_word(text[slice(*words[index])]))
        ):
            # `Wrong amount`, `Escalated to`, `Reach me`: a capital that only opens a sentence; a name
            # opens sentences too, as the subject of the verb after it (`David is a very sympathetic
            # person`, `Mehrudin shouted at Todd`), which is read
            continue
        low, high = max(0, index - width), min(len(words) - 1, index + width)
        if windows and low <= windows[-1][1] + 1:
            windows[-1][1] = high
        else:
            windows.append([low, high])
    return [(words[low][0], words[high][1]) for low, high in windows]


def _outside_header_lines(text: str, results: list) -> list:
    """`results` without the PERSON findings inside a table's header line (`Name,E-Mail,Anschrift`,
    `CUSTOMER  CONTACT  DEVICE  SINCE`): column names are not names; nor the fields of a place or company
    column (`MailingCity`, `Account`)."""
    from recognizers.records import not_name_spans

    headers = not_name_spans(text)
    if not headers:
        return results
    return [
        r
        for r in results
        if r.entity_type != "PERSON" or not any(start <= r.start and r.end <= end for start, end in headers)
    ]


def _outside_organisations(text: str, results: list) -> list:
    """PERSON results that are not (part of) an organisation named after a person (`Hugo Boss`)."""
    from recognizers.organisations import inside_organisation, organisation_spans

    spans = organisation_spans(text)
    if not spans:
        return results
    return [r for r in results if r.entity_type != "PERSON" or not inside_organisation(spans, r.start, r.end)]


_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:-[^\W\d_][^\W\d_'’-]*)*")
REPEATED_NAME_WORD = "name (a word of a name found in the same text)"
# a capitalised word, an initial or a particle right before or after, with no punctuation between: the word
# is part of a longer name that was not read whole (`A. Van den Bossche`), not a name on its own
_NAME_WORD_BESIDE = regex.compile(
    r"(?:^|(?<=\s))[\"'(\[«“]?"
    r"(?:\p{Lu}[\w'’.-]*[\w.]|\p{Lu}|van|von|de|der|den|del|della|di|da|du|le|la)[ \t]+\Z"
)
_NAME_WORD_AFTER = regex.compile(r"[ \t]+(?:\p{Lu}|(?:van|von|de|der|den|del|della|di|da|du|le|la)\b)")


def _occurrences(text: str, word: str):
    """`(start, end)` of each place `word` stands on its own in `text`, not glued into an address, a path or
    a dotted identifier (`ANN.LEE//X.COM`)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end : end + 2]
        if not (before.isalnum() or before in "_'’.@/\\-") and not (
            after[:1].isalnum()
            or (after[:1] and after[0] in "_'’@/\\-")
            or (after[:1] == "." and after[1:].isalnum())
        ):
            yield start, end
        start = text.find(word, end)


def _repeated_name_words(person, text: str, results: list) -> list:
    """A given or family name written alone where the same text also holds the whole name (`agent: Lina
    Puccini ... coaching: Lina to use the hold script`): the same person. Only words that are no English
    dictionary, stop or everyday word (`Rose`, `Page` and `Will` stay unread), written as found or in
    title case (`JADE HICKS` -> `Hicks`)."""
    words = set()
    for result in results:
        if result.entity_type != "PERSON" or result.score < MIN_SCORE:
            continue
        found = _NAME_WORD.findall(text[result.start : result.end])
        if len(found) >= 2:
            words.update(word for word in found if len(word) >= 3 and word[0].isupper())
            words.update(word[0] + word[1:].lower() for word in found if len(word) >= 3 and word.isupper())
    taken = [(r.start, r.end) for r in results]
    spans = []
    for word in sorted(words):
        found = [
            (start, end)
            for start, end in _occurrences(text, word)
            if not any(start < taken_end and taken_start < end for taken_start, taken_end in taken + spans)
        ]
        if found and _name_word(word):
            spans.extend(found)
    if not spans:
        return []
    from recognizers.results import make_result

    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and not text[merged[-1][1] : start].strip(" \t"):
            merged[-1][1] = end  # `Karley Nikki`: the words of one name, side by side
        else:
            merged.append([start, end])
    return [
        make_result(person, "PERSON", start, end, 0.7, REPEATED_NAME_WORD)
        for start, end in merged
        if not _NAME_WORD_BESIDE.search(text, max(0, start - 40), start)
        and not _NAME_WORD_AFTER.match(text, end)
    ]


def _name_word(word: str) -> bool:
    """`word` can stand for a name alone: no English dictionary, stop or everyday word."""
    from recognizers.dictionary import is_dictionary_word
    from recognizers.names.shape import is_positional_name

    return not is_dictionary_word(word) and is_positional_name(word)


class BatchDetector:
    """Holds the recognizers and the NER pipeline for one model; `detect` is the per-batch entry point."""

    def __init__(self, model_name: str | None = None):
        from recognizers.engine import piivault_recognizers, resolve_model_name
        from recognizers.names.words import COMMON_WORDS, NOT_NAME_WORDS

        self.model_name = resolve_model_name(model_name)
        self.recognizers = {r.supported_entities[0]: r for r in piivault_recognizers()}
        from spacy.lang.en.stop_words import STOP_WORDS

        # words that on their own never call for NER: log keywords, everyday words, English stop words
        # (`I`, `My`, `Can` open sentences); a name next to them still falls inside a window
        self.keywords = NOT_NAME_WORDS | COMMON_WORDS | frozenset(STOP_WORDS) | TRIGGER_STOP_WORDS
        self._nlp = None

    def _pattern_results(self, text: str, entities: list[str]) -> tuple[list, list[tuple[int, int, str]]]:
        """Everything the recognizers find without a model, and the spans of every value they found, asked
        for or not. PERSON runs last: its record-field and addressee rules read the contact values
        (emails, phones, cards, addresses) the others found; NER never sees them either."""
        found, evidence = [], []
        for entity, recognizer in self.recognizers.items():
            if entity == "PERSON" or (entity not in entities and "PERSON" not in entities):
                continue
            results = recognizer.analyze(text, [entity])
            if entity in entities:
                found.extend(results)
            evidence.extend((r.start, r.end, r.entity_type) for r in results if r.score >= MIN_SCORE)
        if "PERSON" in entities:
            found.extend(self.recognizers["PERSON"].pattern_results(text, evidence))
        return found, evidence

    def _add_ner_results(
        self,
        ner_jobs: list[tuple[str, int, str]],
        raw: dict[str, list],
        analysed: dict[str, str],
        posts: dict[str, bool],
        labels: dict[str, list[tuple[int, int]]],
    ) -> None:
        """Run NER once per distinct window and add the pruned PERSON hits to their texts' results
        (offsets into `analysed[text]`, the text as the recognizers read it; `labels[text]`, its dialogue
        labels, whose count is the dialogue's turns)."""
        if not ner_jobs:
            return
        from recognizers.person_recognizer import NER_CUT_HOW
        from recognizers.results import how_found

        person = self.recognizers["PERSON"]
        windows = list(dict.fromkeys(window for _, _, window in ner_jobs))
        # the strings and lexemes these windows add to the model's vocabulary are freed when the zone ends
        # (results keep offsets and strings of their own, never a token): without it a worker's vocabulary
        # grows with every distinct word of every file it ever reads
        with self.nlp.memory_zone():
            docs = dict(zip(windows, self.nlp.pipe(windows, batch_size=NER_BATCH_SIZE), strict=True))
            for text, offset, window in ner_jobs:
                for result in person.ner_results(window, docs[window], len(labels[text]), posts[text]):
                    result.start += offset
                    result.end += offset
                    original = analysed[text][result.start : result.end]
                    if original.isupper() and (" " not in original or how_found(result) == NER_CUT_HOW):
                        # one re-cased ALL-CAPS word (BILL, ORANGE) is too weak a sign alone, and an ALL-CAPS
                        # line the model ran into the next one is a heading (`FORMULAIRE DE RETOUR`)
                        continue
                    raw[text].append(result)

    @property
    def nlp(self):
        if self._nlp is None:
            from recognizers.engine import ner_pipeline
            from recognizers.names.name_lists import family_names, given_names

            self._nlp = ner_pipeline(self.model_name)
            given_names(), family_names()  # read with the model, which the pruning of its names needs
        return self._nlp

    def detect(self, texts: Sequence[str], entities: Iterable[str] | None = None) -> list[list]:
        from recognizers.overlaps import resolve
        from recognizers.results import how_found

        wanted = tuple(dict.fromkeys(entities or DEFAULT_ENTITIES))
        own = [e for e in wanted if e in self.recognizers]
        others = [e for e in wanted if e not in self.recognizers]
        unique = list(dict.fromkeys(texts))
        raw: dict[str, list] = {}
        ner_jobs: list[tuple[str, int, str]] = []  # (text, window offset, window text for NER)
        posts: dict[str, bool] = {}  # for each text, whether it is a social post
        placeholders = {text: placeholder_spans(text) for text in unique}
        analysed: dict[str, str] = {}  # each text as the recognizers read it (URL-encoding decoded)
        origins: dict[str, list[int]] = {}  # for decoded texts: each decoded character's original index
        for text in unique:
            masked = _mask(text, placeholders[text])
            view = decoded_view(masked)
            if view is not None:
                masked, origins[text] = view
            masked = blank_markup(masked)
            analysed[text] = masked
            raw[text], evidence = self._pattern_results(masked, own)
            if "PERSON" in own:
                # what the patterns found is masked for NER, but a name heading a contact block: masked, it
                # leaves the block's next line (a company's) to open the text, and the model reads that as a
                # person (`>Esat Jeknić\n>Marshall, Hernandez and Simpson`)
                found = [(r.start, r.end) for r in raw[text] if how_found(r) != LETTERHEAD]
                rest = _mask(masked, found + [e[:2] for e in evidence])
                posts[text] = social_post(masked)
                if posts[text] and rest.strip():
                    # a social post: NER reads it whole, as stock Presidio does (`recognizers.names.posts`)
                    windows = [(len(rest) - len(rest.lstrip()), len(rest.rstrip()))]
                else:
                    windows = ner_windows(rest, self.keywords)
                for start, end in windows:
                    ner_jobs.append(
                        (text, start, _recase_for_ner(rest[start:end], self.keywords, posts[text]))
                    )
        # each text's dialogue labels, read once for the NER pruning (how many turns) and the list rules
        labels = {text: dialogue_labels(analysed[text]) for text in unique} if "PERSON" in own else {}
        self._add_ner_results(ner_jobs, raw, analysed, posts, labels)
        for text in unique:
            if "PERSON" in own and "\n" in analysed[text]:
                raw[text] = _outside_header_lines(analysed[text], raw[text])
            if "PERSON" in own:
                person = self.recognizers["PERSON"]
                raw[text].extend(person.list_results(analysed[text], raw[text], labels[text]))
                raw[text].extend(_repeated_name_words(person, analysed[text], raw[text]))
        for text, origin in origins.items():
            for result in raw[text]:
                result.start, result.end = to_original(origin, result.start, result.end)
        if others:
            from recognizers.engine import cached_analyzer

            analyzer = cached_analyzer(self.model_name)
            for text in unique:
                raw[text].extend(analyzer.analyze(text, entities=others, language="en"))

        results: dict[str, list] = {}
        for text in unique:
            if "PERSON" in own:
                raw[text] = _outside_organisations(text, raw[text])
            kept = resolve([r for r in raw[text] if r.score >= MIN_SCORE], placeholders[text])
            results[text] = [Finding(r.entity_type, r.start, r.end, round(float(r.score), 2)) for r in kept]
        return [list(results[text]) for text in texts]


_DETECTORS: dict[str, BatchDetector] = {}


def detector(model_name: str | None = None) -> BatchDetector:
    """The shared detector for a model (recognizers and spaCy load once per process)."""
    from recognizers.engine import resolve_model_name

    name = resolve_model_name(model_name)
    if name not in _DETECTORS:
        _DETECTORS[name] = BatchDetector(name)
    return _DETECTORS[name]


def detect_batch(texts: Sequence[str], entities: Iterable[str] | None = None) -> list[list]:
    return detector().detect(texts, entities)
