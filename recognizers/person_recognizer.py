"""PERSON: names in prose, in `name=`/`holder=` fields, email headers, greetings and signatures, ALL CAPS.

Two sources, one recognizer:
- patterns that do not need a model: the value of a name-like key (`name="Ann Lee"`, `holder=JOHN SMITH`),
  a display name before an address (`From: Ann Lee <ann@x.com>`), a name after an honorific, a greeting,
  a role noun (`Neighbour Colin Russell`) or a sign-off line, `FAMILY, Given`, the subject of a speech
  verb, the agent after `requested by`, the owner of `<name>'s request`, a recipient header (`cc:`);
- conventions that read a name from the values around it (`detect` passes the spans the other
  recognizers found): a name-shaped field of a delimited record that holds an email, phone, card or
  address (`recognizers.records`), and the addressee written before a postal address;
- spaCy's PERSON entities (from the NlpArtifacts the engine passes in), pruned: the small English model
  also calls product names, organisations, log keywords, identifiers and lowercase words persons, and it
  misses ALL-CAPS names, which is why the batch API feeds it a re-cased copy of ALL-CAPS runs (same length,
  so offsets hold). Pruning rules are shape- and word-class-based, not tied to any name generator.

The patterns, word lists and checks live in `recognizers.names`; this module assembles them.
"""

from __future__ import annotations

import itertools

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from recognizers.dictionary import is_dictionary_word, is_finite_verb, is_plural_noun, names_only_things
from recognizers.layout import left_column_view
from recognizers.names.cues import ADVERBS_BEFORE_A_VERB
from recognizers.names.evidence import (
    ABBREVIATED_TITLE,
    addressed_names,
    camel_case,
    chat_trimmed,
    fellow_speakers,
    is_chat_word,
    listed_with_names,
    lower_case_titled_names,
    reads_as_name,
    reported_speakers,
    self_introductions,
    speakers_in_person,
)
from recognizers.names.gates import PATTERN_GATES
from recognizers.names.lower_case import (
    ALTERNATIVE_CONTACT,
    CAPITALISED_RUN,
    CAPITALISED_WORD,
    CLAUSE_OPENERS,
    CONTACT_CUES,
    LOWER_CASE_WORD,
    LOWER_INTRODUCTION,
    LOWER_NOTE_SUBJECT,
    NAME_ANSWER,
    ON_NUMBER,
    PHONE_WORD,
    SHORT_LINE,
    is_contraction,
    lower_case_full_name,
    possessive_its,
)
from recognizers.names.name_lists import given_name_noun, is_given_name, is_listed_name
from recognizers.names.ner_context import (
    ATTRIBUTIVE_AFTER,
    DATELINE_AFTER,
    DATELINE_BEFORE,
    FORM_LABEL,
    LABEL_PREFIX,
    LOWER_WORD_AFTER,
    NEXT_WORD,
    NOT_PERSON_AFTER,
    NOT_PERSON_BEFORE,
    NOT_PERSON_VALUE,
    SENTENCE_OPENER,
    SPEAKER_TURN,
    STREET_NAME_END,
    TRAILING_UNIT_WORD,
    after_job_title,
    dialogue_labels,
    dialogue_turns,
    in_german_text,
    is_identifier_part,
    place_name_openers,
)
from recognizers.names.patterns import (
    ADDRESSEE,
    ANCHORED_BEFORE,
    CONTEXT,
    LOWER_ADDRESSEE,
    NAME_AFTER_ROLE,
    NAME_BEFORE_WINDOW,
    NAME_CHANGED_FROM_TO,
    NAME_CHANGED_TO,
    NAME_FIELD,
    PATTERNS,
    WORD_BEFORE_CAPITAL,
)
from recognizers.names.pieces import TITLE_WORD
from recognizers.names.posts import half_lower_case_name, log_word_surname, lone_lower_case_name, social_post
from recognizers.names.prose import confirmed_hints, english_prose
from recognizers.names.rules import (
    AFTER_INTRODUCER,
    ANNOUNCED_SPEAKER,
    CAPS_RUN,
    COMPOUND_NAME_KEY,
    COPYRIGHT_HOLDER,
    DASH_SIGNATURE,
    FAMILY_GIVEN_RULES,
    LAST_FIRST,
    LETTERHEAD,
    LOWER_CASE_ALLOWED,
    LOWER_CASE_LINE,
    NAME_CHANGE,
    NAME_KEY_VALUE,
    NAME_KEYS_RULES,
    NAME_PART_KEY_VALUE,
    PERSON_KEY_VALUE,
    PERSON_PREDICATE,
    PNR_NAME,
    POSITIONAL_PATTERNS,
    ROLE_TITLE,
    SQL_COMPARISON,
    VOCATIVE,
    VOICE_SPAN,
    WHOLE_VALUE_RULES,
    WORK_OF_A_PERSON,
    XML_NAME_ELEMENT,
    compound_key_rule,
)
from recognizers.names.shape import (
    LETTERS,
    all_dictionary_words,
    holds_everyday_word,
    holds_inflected_verb,
    is_lower_case_name,
    is_lower_case_name_part,
    is_name_shaped,
    only_salutation_words,
    opens_on_a_place_preposition,
    plausible_family_given,
    plausible_name,
    positional_name,
    short_code,
)
from recognizers.names.social import (
    DEFINITION,
    QUOTED_POST_OPENING,
    companions,
    greeted_names,
    possessors,
    recipients_and_roles,
    sentence_subjects,
    spoken_to_names,
)
from recognizers.names.spans import (
    COLUMN_GAP,
    SPACED_PART,
    drop_lower_words,
    extend_span,
    given_name_before,
    name_between_separators,
    only_a_word_after_a_role,
    over_nickname,
    shape_to_check,
    skip_everyday_words,
    start_of_line,
    strip_span,
)
from recognizers.names.words import (
    ANSWER_WORDS,
    COMMON_WORDS,
    HEADING_CUES,
    LOWER_PARTICLES,
    NOTE_SHORTHAND,
    ORG_SUFFIXES,
    ROLE_INTRODUCERS,
    STREET_TYPES,
    everyday_words,
    salutation_words,
    speech_verbs,
    subject_may_be_a_name,
)
from recognizers.results import make_result
from recognizers.vcard import vcard_spans


class PersonRecognizer(LocalRecognizer):
    """Names from field/header/greeting/signature patterns plus pruned spaCy PERSON entities."""

    def __init__(self, supported_language: str = "en"):
        self.patterns = list(PATTERNS)
        self._compiled = [regex.compile(pattern.regex, regex.MULTILINE) for pattern in PATTERNS]
        self._gates = [PATTERN_GATES.get(pattern.name) for pattern in PATTERNS]
        self._name_field = regex.compile(NAME_FIELD)
        self._initial_name = regex.compile(rf"(?:\p{{Lu}}\.[ \t]*){{1,2}}[ \t]*{TITLE_WORD}")  # `B. Remy`
        self._contact_recognizers = None
        self._addressee = regex.compile(ADDRESSEE)
        self._lower_addressee = regex.compile(LOWER_ADDRESSEE)
        self._anchored = [
            (name, regex.compile(anchor), regex.compile(before), score)
            for name, anchor, before, score in ANCHORED_BEFORE
        ]
        self._word_before_capital = regex.compile(WORD_BEFORE_CAPITAL)
        self._name_after_role = regex.compile(NAME_AFTER_ROLE)
        super().__init__(
            supported_entities=["PERSON"],
            name="PiivaultPersonRecognizer",
            supported_language=supported_language,
            context=list(CONTEXT),
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = self.pattern_results(text, self._contact_spans(text))
        if nlp_artifacts is not None and getattr(nlp_artifacts, "tokens", None) is not None:
            results.extend(self.ner_results(text, nlp_artifacts.tokens))
        results.extend(self.list_results(text, results))
        return results

    def list_results(
        self, text: str, results: list[RecognizerResult], labels: list[tuple[int, int]] | None = None
    ) -> list[RecognizerResult]:
        """The other items of a list that holds a name found (`Kovalev, Lee and Phillips`), the other speakers
        of a dialogue with a named speaker, the speakers of a dialogue in the first and second person, and
        the model's lower-case hints a sentence uses as persons (`recognizers.names.prose`). `labels`: the
        text's dialogue labels (`dialogue_labels`) when the caller has read them already."""
        names = [(r.start, r.end) for r in results if r.entity_type == "PERSON" and r.score >= 0.5]
        hints = [
            (r.start, r.end) for r in results if r.entity_type == "PERSON" and r.score == LOWER_WORD_SCORE
        ]
        if labels is None:
            labels = dialogue_labels(text)
        return [
            make_result(self, "PERSON", start, end, 0.6, rule)
            for start, end, rule in listed_with_names(text, names, hints)
            + fellow_speakers(text, names, labels)
            + speakers_in_person(text, labels)
            + confirmed_hints(text, hints)
        ]

    def _contact_spans(self, text: str) -> list[tuple[int, int, str]]:
        """Inside Presidio's AnalyzerEngine (which calls each recognizer alone), the contact values of the
        text found by piivault's other recognizers; `detect` passes its own."""
        if self._contact_recognizers is None:
            from recognizers.engine import piivault_recognizers

            self._contact_recognizers = [
                r for r in piivault_recognizers() if r.supported_entities != ["PERSON"]
            ]
        return [
            (r.start, r.end, r.entity_type)
            for recognizer in self._contact_recognizers
            for r in recognizer.analyze(text, recognizer.supported_entities)
            if r.score >= 0.5
        ]

    def pattern_results(
        self, text: str, contacts: list[tuple[int, int, str]] | None = None
    ) -> list[RecognizerResult]:
        """Names the patterns find; with `contacts` (`(start, end, entity_type)` of the emails, phones,
        cards and addresses already found in `text`), also the name fields of delimited records that hold
        one of them, and the addressee written before an address."""
        results = self.headed_field_results(text)
        results.extend(
            make_result(self, "PERSON", start, end, 0.85, "name (vCard FN/N)")
            for start, end, kind in vcard_spans(text)
            if kind == "PERSON" and any(char.isalpha() for char in text[start:end])
        )
        results.extend(self.answers_to_name_questions(text))
        phone_starts = [start for start, _, kind in contacts or () if kind == "PHONE_NUMBER"]
        results.extend(self.alternative_contacts(text, phone_starts))
        if contacts:
            results.extend(self.record_field_results(text, [(start, end) for start, end, _ in contacts]))
            address_starts = [start for start, _, kind in contacts if kind == "ADDRESS"]
            results.extend(self.addressee_results(text, address_starts))
            view = left_column_view(text) if address_starts else None
            if view is not None:  # the addressee line of a two-column layout, its right-hand cell set aside
                results.extend(self.addressee_results(view[0], address_starts))
            if "\n" in text:
                results.extend(
                    self.contact_block_headings(
                        text,
                        [start for start, _, kind in contacts if kind in ("PHONE_NUMBER", "EMAIL_ADDRESS")],
                    )
                )
                results.extend(
                    self.letterhead_results(
                        text, [start for start, _, kind in contacts if kind in LETTERHEAD_CONTACTS]
                    )
                )
        lowered = text.lower()
        if not lowered.isascii():
            # `(?i)` reads `ſ` as `s` and `İ` as `i`: lower() keeps `ſ`, turns `İ` into `i` + a combining dot
            lowered = lowered.replace("ſ", "s").replace("\u0307", "")
        for pattern, compiled, gate in zip(PATTERNS, self._compiled, self._gates, strict=True):
            if gate is not None and not any(map(lowered.__contains__, gate)):
                continue
            for match in compiled.finditer(text):
                rule = pattern.name
                if rule == COMPOUND_NAME_KEY:
                    rule = compound_key_rule(match.group("qual"))
                    if rule is None:
                        continue  # `productName`, `file_name`: the name of a thing
                for group in ("dq", "sq", "eq", "fg", "bare", "name"):
                    if group in compiled.groupindex and match.group(group):
                        if (group == "bare" or pattern.name in WHOLE_VALUE_RULES) and any(
                            char.isdigit() for char in match.group(group)
                        ):
                            break  # `customer=C123456`, `<name>VAN-574</name>`: identifiers hold digits
                        if rule in (NAME_KEY_VALUE, XML_NAME_ELEMENT, COMPOUND_NAME_KEY) and short_code(
                            match.group(group)
                        ):
                            break  # `<Recipient>TELV</Recipient>`: an operator's or system's code
                        if group == "fg" and not plausible_family_given(match.group(group)):
                            break  # `Location: Paris, France`
                        if group in ("dq", "sq", "eq") and COLUMN_GAP.search(match.group(group)):
                            # `"Ann <em>Lee</em>"` with its markup blanked: each part on its own
                            for part in SPACED_PART.finditer(match.group(group)):
                                offset = match.start(group) + part.start()
                                self._add(
                                    results,
                                    text,
                                    offset,
                                    offset + len(part.group(0)),
                                    rule,
                                    pattern.score,
                                )
                            break
                        self._add(results, text, match.start(group), match.end(group), rule, pattern.score)
                        break
        if " from " in text and "name" in lowered:
            for match in NAME_CHANGED_FROM_TO.finditer(text):
                for group in ("old", "new"):
                    self._add(results, text, match.start(group), match.end(group), NAME_CHANGE, 0.8)
        if " to " in text and "name" in lowered:
            for match in NAME_CHANGED_TO.finditer(text):
                self._add(results, text, match.start("new"), match.end("new"), NAME_CHANGE, 0.8)
        for start, end, rule in self_introductions(text) + addressed_names(text) + reported_speakers(text):
            self._add(results, text, start, end, rule, 0.7)
        for start, end, rule in (
            spoken_to_names(text)
            + possessors(text)
            + sentence_subjects(text)
            + recipients_and_roles(text)
            + companions(text)
        ):
            self._add(results, text, start, end, rule, 0.7)
        for start, end, rule in greeted_names(text):
            if text[start].islower():  # `thanks obama !`: checked by `greeted_names`, lower case as written
                results.append(make_result(self, "PERSON", start, end, 0.7, rule))
            else:
                self._add(results, text, start, end, rule, 0.7)
        results.extend(
            make_result(self, "PERSON", start, end, 0.7, rule)
            for start, end, rule in lower_case_titled_names(text)
        )
        results.extend(self.lower_case_introductions(text))
        results.extend(self.lower_case_note_subjects(text))
        results.extend(self.names_in_lower_case_lines(text))
        for name, anchor, before, score in self._anchored:
            for match in anchor.finditer(text):
                found = before.search(text, max(0, match.start() - NAME_BEFORE_WINDOW), match.start())
                if found:
                    self._add(results, text, found.start("name"), found.end("name"), name, score)
                    if found.groupdict().get("first"):  # `Sousa and Ball were ...`: both are the subject
                        self._add(results, text, found.start("first"), found.end("first"), name, score)
        for match in self._word_before_capital.finditer(text):
            if match.group(1).lower() in ROLE_INTRODUCERS:
                found = self._name_after_role.match(text, match.end())
                if found:
                    self._add(results, text, found.start("name"), found.end("name"), ROLE_TITLE, 0.7)
        return results

    def _add(self, results: list, text: str, start: int, end: int, rule: str, score: float) -> None:
        """Add the name matched at `text[start:end]` by `rule`, trimmed and checked, to `results`."""
        matched = start
        if text[start:end].strip().lower() in STOP_WORDS:
            return  # `He said`: a pronoun, the subject of a speech verb or opening a sentence
        if rule == AFTER_HONORIFIC:
            given = MIDDLE_INITIAL_BEFORE.search(text, max(0, start - 40), start)
            if given and given.group(1).lower() not in everyday_words() | salutation_words():
                return  # `Barbara M. Probst`: a given name's middle initial, not `M.` for Monsieur
        start, end = strip_span(text, start, end)
        start = given_name_before(text, start)  # `Juliusz A Kwiatkowski lives at`
        if rule in POSITIONAL_PATTERNS:
            start = skip_everyday_words(text, start, end)
        elif only_a_word_after_a_role(text, matched, start, end):
            return
        value = text[start:end]
        if only_salutation_words(value):
            return  # `Beste Grüße` is a sign-off, not `Beste` greeting someone called `Grüße`
        if "," in value and rule in FAMILY_GIVEN_RULES and not plausible_family_given(value):
            return
        if rule == PNR_NAME:  # `SURNAME/GIVEN`: each side a name
            if all(plausible_name(part) for part in value.split("/")):
                results.append(make_result(self, "PERSON", start, end, score, rule))
            return
        if rule == SQL_COMPARISON:
            if is_name_shaped(value):
                results.append(make_result(self, "PERSON", start, end, score, rule))
            return
        if rule == NAME_PART_KEY_VALUE and not any(char.isupper() for char in value):
            if is_lower_case_name_part(value):
                results.append(make_result(self, "PERSON", start, end, score, rule))
            return
        if rule in LOWER_CASE_ALLOWED and not any(char.isupper() for char in value):
            if is_lower_case_name(value, dictionary_check=rule not in NAME_KEYS_RULES):
                results.append(make_result(self, "PERSON", start, end, score, rule))
            return
        if rule == COPYRIGHT_HOLDER and (
            holds_everyday_word(value)
            or (
                not _COPYRIGHT_FIELD.search(text, start_of_line(text, start), start)
                and all_dictionary_words(value)
            )
        ):
            return  # `© 2026 Blue Harbour`; a file's Copyright field holds a name (`Copyright : © Terry Cox`)
        if rule == CAPS_RUN and value.split()[0].lower() in STREET_TYPES:
            return  # `of VIA ADRIANA PENA, 1`: a street named after a person
        if rule == AFTER_INTRODUCER and _verb_phrase(value):
            return  # `My Son Has Gone`: a verb follows the relation noun, which is the sentence's subject
        if rule == ANNOUNCED_SPEAKER and all_dictionary_words(value):
            return  # `Blue Harbour will be presenting the results`: a team or a product
        if rule == VOICE_SPAN and " " not in value and all_dictionary_words(value):
            return  # `<v Moderator>`, `<v Narrator>`: a role, not the speaker's name
        if rule in (DASH_SIGNATURE, VOCATIVE) and holds_everyday_word(value):
            return  # `– Customer Care`
        if (
            rule in (SPEECH_SUBJECT, PERSON_PREDICATE)
            and " " not in value
            and not subject_may_be_a_name(value)
        ):
            return  # `Police said`, `Analysts said`, `Management asked`: a group or a plural speaks
        if rule == WORK_OF_A_PERSON and not all(
            reads_as_name(word) for word in value.split() if len(word.rstrip(".")) > 1
        ):
            return  # `the Booker Prize novel`: a word that is also a verb or an adjective names a thing
        if rule == CHAT_MENTION and camel_case(value.split()[0]):
            return  # `@JoshRamsayArmy Kay`: a handle (one word, its parts capitalised), not a display name
        if rule == AFTER_GREETING and is_chat_word(value):
            return  # `Thanks Guys!`, `Hi Everyone,`
        if rule == PERSON_KEY_VALUE and (
            (" " not in value and (not value.istitle() or all_dictionary_words(value)))
            or holds_everyday_word(value)
        ):
            return  # `Tech: FTTH`, `Caller: I paid`: one word must be written as a name, and no stop word
        if (
            plausible_name(value)
            and (rule != LAST_FIRST or plausible_family_given(value))
            and (rule not in POSITIONAL_PATTERNS or positional_name(value))
        ):
            results.append(make_result(self, "PERSON", start, end, score, rule))

    def names_in_lower_case_lines(self, text: str) -> list[RecognizerResult]:
        """In a short line written otherwise in lower case (a web search, a chat message: `roaming charges
        spain for Kyle Reed`), the one run of two or three capitalised words is what the writer chose to
        capitalise: a name, when it passes the checks of names read from their position alone and is no
        place (`New York`, a country)."""
        from recognizers.places import country_names
        from recognizers.records import PLACE_NAME_OPENERS

        results = []
        for line in SHORT_LINE.finditer(text):
            runs = list(CAPITALISED_RUN.finditer(line.group(0)))
            capitals = sum(1 for _ in CAPITALISED_WORD.finditer(line.group(0)))
            if len(runs) != 1 or capitals != len(runs[0].group(0).split()):
                continue
            value = runs[0].group(0)
            words = value.lower().split()
            if opens_on_a_place_preposition(value):
                continue  # `Near Ayn Isa, one strike destroyed ...`: a place after its preposition
            if words[0] in PLACE_NAME_OPENERS or value.lower() in country_names():
                continue
            if any(word in country_names() for word in words):
                continue
            start = line.start() + runs[0].start()
            start, end = chat_trimmed(text, start, start + len(value))  # `Awwwww Didga`
            # trimmed (`Neighbour Colin Russell` -> `Colin Russell`) and checked as a positional name
            if start < end:
                self._add(results, text, start, end, LOWER_CASE_LINE, 0.7)
        return results

    def alternative_contacts(self, text: str, phone_starts: list[int]) -> list[RecognizerResult]:
        """The person to reach instead, named right before `on <phone>` (a found phone, or a run of nine
        digits or more) after `or`, `otherwise`, `call` or a relation (`or call doris on 0471...`,
        `otherwise tony on ...`, `my wife's pilar on ...`): one or two words, none a stop, everyday or
        phone word."""
        results = []
        starts = (
            set(phone_starts) | {m.end() for m in ON_NUMBER.finditer(text)}
            if " on " in text
            else phone_starts
        )
        for phone_start in sorted(starts):
            match = ALTERNATIVE_CONTACT.search(text, max(0, phone_start - 80), phone_start)
            if match is None:
                continue
            value = match.group("name")
            start = match.start("name")
            first, _, rest = value.partition(" ")
            if rest and first.lower() in CONTACT_CUES:  # `or call charles on ...`: the cue, then the name
                start += len(first) + 1
                value = rest.strip()
                start = match.start("name") + match.group("name").index(value, len(first))
            words = [word for word in value.lower().split() if word not in LOWER_PARTICLES]
            if any(word in everyday_words() or PHONE_WORD.fullmatch(word) for word in words):
                continue
            results.append(
                make_result(self, "PERSON", start, start + len(value), 0.7, "name (alternative contact)")
            )
        return results

    def answers_to_name_questions(self, text: str) -> list[RecognizerResult]:
        """In a transcript or a chat, the turn that answers a question for a name (`and the name on the
        card? caller: jane williams bot: ...`, `who am I speaking to? customer: Ann Lee`, `What's your last
        name? Arcuri`): the whole answer, one to four words, none a stop or everyday word, not all of them
        dictionary words unless a family name was asked for and each reads as a name (`Boyle`, a noun)."""
        results = []
        if "?" not in text:
            return results
        for match in NAME_ANSWER.finditer(text):
            from recognizers.dictionary import is_dictionary_word

            value = match.group("name")
            words = [word.lower().strip(".") for word in value.split()]
            if any(word in everyday_words() or word in ANSWER_WORDS for word in words):
                continue
            surname = _FAMILY_NAME_ASKED.search(text, max(0, match.start() - 12), match.start())
            if all(is_dictionary_word(word) for word in words) and not (
                surname and all(reads_as_name(word) for word in value.split())
            ):
                continue  # a family name may be a noun (`What's your last name? Boyle`), a name no other word
            start = match.start("name")
            results.append(make_result(self, "PERSON", start, start + len(value), 0.75, "name (answer)"))
        return results

    def lower_case_introductions(self, text: str) -> list[RecognizerResult]:
        """Names written in lower case where chat users introduce themselves or someone to call (`hi its
        ann lee`, `my name is joost`, `or call doris on 0471...`) or a note opens on a role (`cardholder
        ann lee denies ...`): the words after the cue up to the first stop, everyday or shorthand word,
        each of three letters at least, less the English dictionary words that end the run (`its raining`,
        `ann lee denies`), unless a verb ends the run (`caller louis david wants ...`) or a new clause starts
        right after it (`this is pauline chevalier i'm calling`, `my name is nina how can i help`) and the
        run holds a word that is no dictionary word or a particle, or the cue asks for a name."""
        from recognizers.dictionary import is_dictionary_word

        results = []
        if "'" not in text and " " not in text:
            return results
        # overlapped: `customer: hi its ann lee` holds two cues, the role and `its`
        for match in LOWER_INTRODUCTION.finditer(text, overlapped=True):
            if possessive_its(text, match):
                continue  # `reject its tormented worldview`: the possessive, not `hi its ann lee`
            words = list(LOWER_CASE_WORD.finditer(match.group("words")))
            kept = []  # (word, is it a dictionary word)
            breaker, particle_inside = None, False
            for index, word in enumerate(words):
                value = word.group(0)
                if kept and value in LOWER_PARTICLES and index + 1 < len(words):
                    particle_inside = True
                    continue  # `wouter de clercq`: a particle inside the name
                if kept and (value in NOTE_SHORTHAND or value in speech_verbs()):
                    kept = [(kept_word, False) for kept_word, _ in kept]  # `louis david wants ...`
                    break
                if (
                    len(value) < 3
                    or is_chat_word(value)  # `im gonna`, `its soo`: chat shorthand, no name
                    or value in everyday_words()
                    or value in NOTE_SHORTHAND
                    or value in ANSWER_WORDS
                    or value in salutation_words()
                    or is_contraction(value)
                ):
                    breaker = value
                    break
                kept.append((word, "'" not in value and "’" not in value and is_dictionary_word(value)))
            if (
                kept
                and (breaker in CLAUSE_OPENERS or (breaker is not None and is_contraction(breaker)))
                and (
                    particle_inside
                    or len(kept) >= 2
                    or not all(dictionary for _, dictionary in kept)
                    or "name" in match.group(0)[: match.start("words") - match.start()].lower()
                )
                and not holds_inflected_verb(" ".join(word.group(0) for word, _ in kept))
            ):
                kept = [(kept_word, False) for kept_word, _ in kept]
            while kept and kept[-1][1]:
                kept.pop()
            if kept:
                start = match.start("words")
                end = start + kept[-1][0].end()
                if text[end - 2 : end] in ("'s", "’s"):
                    end -= 2  # `i'm lindsay's daughter`: the possessive is no part of the name
                results.append(make_result(self, "PERSON", start, end, 0.7, "name (lower-case introduction)"))
        return results

    def lower_case_note_subjects(self, text: str) -> list[RecognizerResult]:
        """The person a hurried lower-case note opens on, before its verb (`wayne frost called abt roaming`,
        `ann lee rang re bill`): two or three words at the start of a line, right before a speech verb or
        a note's shorthand verb, none a stop or everyday word."""
        results = []
        for match in LOWER_NOTE_SUBJECT.finditer(text):
            value = match.group("name")
            if is_lower_case_name(value, dictionary_check=False):
                start, end = match.span("name")
                results.append(
                    make_result(self, "PERSON", start, end, 0.7, "name (subject of a lower-case note)")
                )
        return results

    def headed_field_results(self, text: str) -> list[RecognizerResult]:
        """Values of table and SQL columns whose header names them as holding names (`surname`, `Name`,
        see `recognizers.records.headed_name_fields`): the column is the evidence, so one word is enough
        (`Joël` under `first_name`); the value must still be name-shaped (letters, a capital)."""
        from recognizers.records import headed_name_fields

        results = []
        for start, end in headed_name_fields(text):
            value = text[start:end]
            if is_name_shaped(value) and ("," not in value or plausible_family_given(value)):
                results.append(make_result(self, "PERSON", start, end, 0.75, "name (named column)"))
        return results

    def record_field_results(self, text: str, contact_spans: list[tuple[int, int]]) -> list[RecognizerResult]:
        """Whole fields of delimited records (`C12;Ann Lee;ann@x.com;...`) that are names: two to five
        capitalised words, in a record that also holds a contact field (see `recognizers.records`), with
        no everyday word nor inflected verb; a value of dictionary words only (`Red Hat Enterprise`)
        counts when the record's email address spells one of its words (`Mark Smith;mark.smith@...`)."""
        from recognizers.records import folded, name_field_candidates

        results = []
        for start, end, mailboxes in name_field_candidates(text, contact_spans):
            if not self._name_field.fullmatch(text, start, end):
                continue
            start, end = strip_span(text, start, end)  # `Ondergetekende Ann Lee, wonende te ...`
            value = text[start:end]
            if not plausible_name(value) or holds_everyday_word(value) or holds_inflected_verb(value):
                continue
            if value.split()[0].lower() in STREET_TYPES:
                continue  # `PASAJE JOAQUINA REGUERA, 61`: a street named after a person
            if "," in value and not plausible_family_given(value):
                continue  # `Paris, France`
            spelled_in_mailbox = any(
                len(word) > 2 and folded(word) in mailboxes for word in LETTERS.findall(value)
            )
            if spelled_in_mailbox or not all_dictionary_words(value):
                results.append(make_result(self, "PERSON", start, end, 0.7, "name (field of a record)"))
        return results

    def contact_block_headings(self, text: str, contact_starts: list[int]) -> list[RecognizerResult]:
        """The name alone on the line above a line holding a phone or an email: the heading of a contact
        block, a phone list or a business card (`Ann Lee\nmob: 0471 12 34 56`, `B. Remy\nGSM ...`);
        held to the checks of names read from their position alone."""
        results, seen = [], set()
        for contact_start in contact_starts:
            line_start = text.rfind("\n", 0, contact_start) + 1
            if line_start == 0 or line_start in seen:
                continue
            seen.add(line_start)
            start, end = strip_span(text, text.rfind("\n", 0, line_start - 1) + 1, line_start - 1)
            if start >= end or not self._name_line(text, start, end):
                continue
            if text[start:end].split()[0].strip(".:").lower() in HEADING_CUES:
                continue  # `ATTN MARIA DUPONT`: the attention line, read by its own rule without the cue
            results.append(make_result(self, "PERSON", start, end, 0.7, "name (heading of a contact block)"))
        return results

    def _name_line(self, text: str, start: int, end: int) -> bool:
        """`text[start:end]`, a line's whole text, is a name standing alone (`Ann Lee`, `B. Remy`), held to
        the checks of names read from their position alone."""
        value = text[start:end]
        return (
            bool(
                self._name_field.fullmatch(text, start, end) or self._initial_name.fullmatch(text, start, end)
            )
            and plausible_name(value)
            and positional_name(value)
        )

    def letterhead_results(self, text: str, contact_starts: list[int]) -> list[RecognizerResult]:
        """The name alone on a text's first line, heading the contact details below it: a business card, a
        letterhead, a résumé or a signature block read whole (`Ann Lee\nAccountant\n\nPhone:\n...`,
        `naomi ryan\nsewer pipe cleaner\n...\n12 Oak Street`), when a phone, an email or an address starts
        within `LETTERHEAD_LINES` lines of it; held to the checks of names read from their position alone."""
        line = _FIRST_LINE.match(text)
        if line is None:
            return []
        start, end = line.span("line")
        if not any(
            contact_start > end and text.count("\n", end, contact_start) <= LETTERHEAD_LINES
            for contact_start in contact_starts
        ):
            return []
        value = text[start:end]
        if value.isupper():
            return []  # `FORMULAIRE DE RETOUR`, `DÉCLARATION DE SINISTRE`: a form's title heads its page
        if value.islower():
            # a name in lower case heads a text written all in lower case (`naomi ryan\nsewer pipe cleaner`);
            # above capitalised lines it is prose (`hebben wij betekend aan\nHerrn Balázs Kiss`)
            named = text.islower() and is_lower_case_name(value)
        else:
            named = self._name_line(text, start, end)
        if not named:
            return []
        return [make_result(self, "PERSON", start, end, 0.7, LETTERHEAD)]

    def addressee_results(self, text: str, address_starts: list[int]) -> list[RecognizerResult]:
        """The name written right before a postal address, as the addressee line of an envelope or a
        delivery note (`Ann Lee, Rue de la Loi 16, ...`, `... to Ann Lee at 12 rue des Lilas, ...`,
        `Ann Lee\n221B Baker Street`); held to the checks of names read from their position alone."""
        results = []
        for address_start in address_starts:
            match = self._addressee.search(text, max(0, address_start - 120), address_start)
            if match is None:
                lower = self._lower_addressee.search(text, max(0, address_start - 80), address_start)
                if lower is not None and is_lower_case_name(lower.group("name")):
                    start, end = lower.span("name")
                    results.append(
                        make_result(self, "PERSON", start, end, 0.7, "name (addressee of an address)")
                    )
                continue
            start, end = strip_span(text, match.start("name"), match.end("name"))
            start = skip_everyday_words(text, start, end)
            if _HOUSE_NUMBER_BEFORE.search(text, max(0, start - 8), start):
                continue  # `102 NUNEZ GLENS      PORT SCOTT, KS`: a street's words, the address's first line
            if _COLUMN_GAP_ONLY.fullmatch(text, match.end("name"), address_start):
                # parted from the address by a column gap: the first field of a fixed-width record, after
                # its record code only (`D000123 ANN LEE      12 MAIN ST`), not a town's field
                if not _RECORD_CODES_ONLY.fullmatch(text, start_of_line(text, start), start):
                    continue
            value = text[start:end]
            if "," in value and not plausible_family_given(value):
                continue
            if plausible_name(value) and positional_name(value):
                results.append(make_result(self, "PERSON", start, end, 0.7, "name (addressee of an address)"))
        return results

    def ner_results(
        self, text: str, doc, turns: int | None = None, post: bool | None = None
    ) -> list[RecognizerResult]:
        """spaCy PERSON entities of `doc` (parsed from `text` or a same-length re-cased copy), pruned.
        `turns`: the dialogue turns of the whole text when `text` is a window of it (a window may hold
        one speaker's turn of a dialogue of three, see `dialogue_turns`); `post`: whether the whole text
        is a social post (`recognizers.names.posts`), read from `text` when not given."""
        if post is None:
            post = social_post(text)
        results = []
        spans = list(_person_spans(text, doc))
        for ent_start, ent_end in spans:
            start, end = strip_span(text, ent_start, ent_end)
            how = NER_HOW
            if "\n" in text[start:end]:
                # a name never runs onto the next line: `Zizi Kónya\nEnigmaio` (the company under it); what
                # is left must be two words at least, a line of its own (a one-word line is a heading)
                start, end = strip_span(text, start, text.index("\n", start))
                how = NER_CUT_HOW
                if " " not in text[start:end].strip() or not WHOLE_LINE.fullmatch(
                    text, start_of_line(text, start), text.index("\n", start)
                ):
                    continue  # not a line of its own: `Subject: Inzageverzoek AVG`
            unit = TRAILING_UNIT_WORD.search(text, start, end)
            if unit:
                start, end = strip_span(text, start, unit.start())  # `Cindy Holinka Apt. 117`
            bracket = text.find("(", start, end)
            if bracket >= 0:  # `Abboud Qanbar(Arabic: ...)`: a gloss glued on
                start, end = strip_span(text, start, bracket)
            glued = _LINK_AFTER.search(text, start, end)
            if glued:
                # `Peter MacKay http://t.co/DBbFM0jneh`: a post's link is no part of a name, and what the
                # model reads as a person before one is a name only of two words or more (not `Glasgow
                # http://…`)
                start, end = strip_span(text, start, glued.start())
                if " " not in text[start:end].strip():
                    continue
            link = _LINK_OPENING.match(text, start, end)
            if link:
                # `https://t.co/x - Ron Popper`: the model ran the post's link into the name after it, which
                # is a name only of two words or more, as before a link (not `https://t.co/x Seriously`)
                start, end = strip_span(text, link.end(), end)
            title = _DASH_THEN_A_TITLE.search(text, start, end)
            if title and not text[start : title.start()].isupper():
                # `Amy Winehouse - Back` of `Amy Winehouse - Back To Black`, `Brian Feeney - Oh` of a
                # column's title: the model ran the name into the first words of what it heads; not a heading
                # in capitals (`ASISTEN LABORATORIUM - BUKIT`)
                start, end = strip_span(text, start, title.start())
            if link and " " not in text[start:end].strip():
                continue
            start, end = chat_trimmed(text, *name_between_separators(text, start, end))
            if start >= end:
                continue
            start, end = over_nickname(text, start, end)
            # a lower-case person in English prose (`i love rick astley`) is the model's reading of it whole,
            # and so is one opening a post, or what follows its quoted handle, as the subject of the finite
            # verb after it (`RT @narryandliam : louis turns 18 tomorrow`)
            prose_lower = (
                text[start:end].islower()
                and not all(word in LOWER_PARTICLES for word in text[start:end].split())  # `van der`
                and (
                    english_prose(text)
                    or (
                        post
                        and (
                            SENTENCE_OPENER.search(text, max(0, start - 3), start) is not None
                            or _QUOTED_POST_OPENING.search(text, max(0, start - 60), start) is not None
                        )
                        and _finite_verb_after(text, end, post=True)
                    )
                )
            )
            if (
                not text.islower()
                and not prose_lower
                and not (post and half_lower_case_name(text[start:end]))
            ):
                # in a text all in lower case, lower-case words are the name's own, and so is a listed name's
                # word a post left in lower case (`James franco`)
                start, end = extend_span(text, *drop_lower_words(text, start, end))
            if only_a_word_after_a_role(text, ent_start, start, end):
                continue  # `Engineer Mode`, `Manager Dashboard`
            if " " not in text[start:end].strip():
                # the model read the family name alone and left out the given name before it, which no
                # dictionary knows, when the two are the subject of the finite verb after them (`BREAKING
                # NEWS : Quatarius Manuel has signed`, `Ubul Csonka listed his top 20 songs`)
                given = _CAPITALISED_WORD_BEFORE.search(text, max(0, start - 30), start)
                if (
                    given
                    and not is_dictionary_word(given.group(1))
                    and reads_as_name(given.group(1))
                    and _finite_verb_after(text, end, post)
                ):
                    start = given.start(1)
            auxiliary = _AUXILIARY_BEFORE_A_NAME.match(text, start, end)
            if auxiliary:  # `Will Colin Doyle stay or go ?`: the question's verb, then the name
                start = auxiliary.end()
            value = text[start:end]
            lower_text = value.islower() and (text.islower() or prose_lower)  # read as written in lower case
            # in a post, a log word may be a surname (`Taylor Swift`, see `log_word_surname`)
            log_words = not (post and log_word_surname(value))
            # checked as `John Dorrian` for `John “J.D.” Dorrian`, as `O'Connor` for `O ' Connor`
            checked = shape_to_check(value)
            # an everyday word no dictionary knows that is also a name (`Tim`) is one, written in title case
            # as the subject of the verb after it in a post or English prose (`... but Tim can .`); `TIM` the
            # telecom is no verb's subject there, and a definition (`Tim is the best deal`) says what a
            # thing is as often as who a person is; a dictionary word stays refused (`Sun always shines`).
            # Asked only of an everyday word (as `plausible_name` reads it): the sentence is read per span
            common_words = not (
                " " not in value
                and value.strip(".'’-").lower() in COMMON_WORDS
                and value.istitle()
                and not is_dictionary_word(value)
                and (post or english_prose(text))
                and _finite_verb_after(text, end, post)
                and not DEFINITION.match(text, end)
            )
            if not plausible_name(
                checked.title() if lower_text else checked, log_words, common_words
            ) or is_identifier_part(text, start, end):
                continue
            if " " not in value and ABBREVIATED_TITLE.match(text, start):
                continue  # `Brig.` of `Brig. Gen. Richard "Tex" Coe`: a rank's abbreviation before the name
            if NOT_PERSON_VALUE.search(text, max(0, start - 60), start):
                continue
            if opens_on_a_place_preposition(value):
                continue  # `Near Palmyra`: the model ran the preposition into a place
            before = NOT_PERSON_BEFORE.search(text, max(0, start - 20), start)
            if (
                before
                and before.group(0).strip().lower() == "the"
                and ATTRIBUTIVE_AFTER.match(text, end)
                and not STREET_NAME_END.search(text, start, end)
            ):
                before = None  # `the Jensen novel`, `The Peter Pham version`: a name before its noun
            if before and before.group(0)[0].isdigit() and _POSSESSIVE_AFTER.match(text, end):
                before = None  # `left 4 Dwight Howard 's party`: a street or a postcode's town owns nothing
            if before or NOT_PERSON_AFTER.match(text, end) or after_job_title(text, start):
                continue  # `The Maltings`, `3450 KE Den Dungen`, `Co. Kerry`, `Easy Switch ID:`
            suffix = NEXT_WORD.match(text, end)
            if suffix and suffix.group(1).lower() in ORG_SUFFIXES and suffix.group(1)[0].isupper():
                continue  # `Royal Antwerp FC`, `Jan Smit BV`: the model left the company's suffix out
            if DATELINE_AFTER.match(text, end) and DATELINE_BEFORE.search(text, max(0, start - 6), start):
                continue  # `Kassel, den 11/04/2026`, `En Vigasio, a 02/04/2026`: where a letter was signed
            if value.split()[0].split("-")[0].lower() in place_name_openers() | STREET_TYPES:
                continue  # `San Marino`, `Sankt Augustin`, `Saint-Hubert`: a place
            if value.islower() and not (
                lower_text
                and (
                    all(reads_as_name(word, lower_case=True) for word in value.split())
                    or (prose_lower and lower_case_full_name(value))
                )
            ):
                # lower case is no name's shape, except in a text written all in lower case or in English
                # prose, where each word must read as a name; in English prose, where the dictionary speaks
                # the text's language, one word of two or more that is no dictionary word will do too
                continue
            if (
                lower_text
                and " " not in value
                and not (post and lone_lower_case_name(value, noun=not text.islower()))
                and not ((post or prose_lower) and given_name_noun(value))
            ):
                # one lower-case word alone is as often a town, a note's shorthand or another language's word
                # (`addr`, `thuis`): kept below the reporting score, a hint for `list_results` (two of them
                # in one list make its items names: `silvana, adam, christopher and caleb`); in a post or
                # English prose a given name is one (`all are welcome , joe included`)
                results.append(make_result(self, "PERSON", start, end, LOWER_WORD_SCORE, NER_HOW))
                continue
            if only_salutation_words(value):
                continue  # `Groetjes`, `Beste Grüße`: the sign-off, not the name under it
            if (
                " " not in value
                and FORM_LABEL.match(text, end)
                and LABEL_PREFIX.fullmatch(text, start_of_line(text, start), start)
                and not (
                    SPEAKER_TURN.match(text, end)
                    and names_only_things(value)
                    and (dialogue_turns(text) if turns is None else turns) >= 2
                )
                and not (
                    (post or (_SPACED_COLON.match(text, end) and "\n" not in text.strip()))
                    and reads_as_name(value)
                    and subject_may_be_a_name(value)
                    and (SPEAKER_TURN.match(text, end) or _POST_OPENING.fullmatch(text, 0, start))
                )
            ):
                # `Reader: Gary Lee`, `Kennzeichen: 1-NCV`, `Kreditkarte (Garantie):`: a word of a form's key
                # opening a line; a speaker's turn in a dialogue (`Nicole: Remember me, Mary?`) is prose, and
                # so is a post quoting its speaker, a singular noun or no dictionary word (`Putin : No Russian
                # troops`, `Cormann : Bill Shorten is`; not `Officials : ...`), or headed by its speaker or
                # subject, whatever follows (`Obama : U . S . prepared ...`): a post has no form's keys, nor
                # has a headline of one line that spaces its colon off as a speaker's (`Obama : International
                # teams are prepared`)
                continue
            if (
                " " not in value
                and not (post and _finite_verb_after(text, end, post=True))
                and SENTENCE_OPENER.search(text, max(0, start - 3), start)
                and LOWER_WORD_AFTER.match(text, end)
                and not (
                    (subject_may_be_a_name(value) or is_given_name(value)) and _finite_verb_after(text, end)
                )
                and not (english_prose(text) and reads_as_name(value) and not is_dictionary_word(value))
                and not (_POST_OPENING.fullmatch(text, 0, start) and _SPEAKER_ON_A_TOPIC.match(text, end))
                and not _coordinated(text, start, end, spans)
            ):
                # `Lift out of order`, `Analysts said`, `Voicemail from`: a word opening a sentence, unless it
                # is a singular noun, no dictionary word or a given name and the subject of the verb after it
                # (`David is`, `Bill is`, `Harry got shot`; the model's reading decides between `Bill said`
                # and `Police said`), or no dictionary word at all opening a sentence of English prose (`Katie
                # up 6-0 after 1st`), or the speaker heading a text with what they said on a topic (`Clinton
                # on same-sex marriage : "I fully support ...`), or joined by `and` to another the model calls
                # a person (`Charles and Diana : the Wedding of the Century`)
                continue
            if value.lower() in STOP_WORDS and not (
                value[0].isupper()
                and value.lower() not in _PRONOUNS
                and _coordinated(text, start, end, spans)
            ):
                continue  # `He said`: a pronoun; `with Will and Tina` is two persons
            words = value.split()
            if (
                len(words) >= 3
                and all(word[0].isupper() and len(word) > 2 for word in words)
                and all_dictionary_words(value)
                and not all(names_only_things(word) for word in words)
            ):
                # `METER READING VISIT` (read re-cased): a heading of three words or more, one of them a
                # verb, an adjective or a plural; not `John Henry Newman`, whose words are only nouns. A
                # headline's name keeps its words before the first that is neither a noun nor a given name,
                # two at least (`David Mark Confesses`, `Aaron Rodgers SILENCING`)
                named = list(itertools.takewhile(_headline_name_word, words))
                if len(named) < 2:
                    continue
                end = list(_WORDS.finditer(text, start, end))[len(named) - 1].end()
                value = text[start:end]
            if not post and " " not in value and is_plural_noun(value) and not is_listed_name(value):
                # `Tales` of `Cautionary Tales`, `Associates`: outside a post (where nicknames and possessives
                # typed without their apostrophe abound) a plural is no one-word name; `Morales` is listed
                continue
            if " " not in value and in_german_text(text, start, end):
                continue  # `Werktagen`, `Rechnung`: German capitalises every noun; a lone word is weak there
            score = 0.85 if " " in value else 0.6
            results.append(make_result(self, "PERSON", start, end, score, how))
        return results


# the question before a name's answer asks for the family name
_FAMILY_NAME_ASKED = regex.compile(r"(?i:last|family)[ \t]+\Z")


_PRONOUNS = frozenset("i me you he him she her it we us they them".split())
_AND = regex.compile(r"[ \t]+(?:and|&|&amp;)[ \t]+")


def _coordinated(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """The one word at [start, end) is joined by `and` to another of the model's PERSON `spans` (`Charles
    and Diana`, `with Will and Tina`), or to a capitalised word after it that reads as a name and no
    dictionary knows (`Rick and Daryl`): two persons named together, whatever either word also means."""
    after = _AND.match(text, end)
    if after:
        other = _CAPITALISED_NAME_WORD.match(text, after.end())
        if other and not is_dictionary_word(other.group(0)) and reads_as_name(other.group(0)):
            return True  # `Rick and Daryl`: the model missed the second, which no dictionary knows
    return any(
        (after is not None and other_start == after.end())
        or (other_end < start and _AND.fullmatch(text, other_end, start) is not None)
        for other_start, other_end in spans
    )


def _person_spans(text: str, doc):
    """The model's PERSON spans; one in lower case run over a joining word (`william to christina`,
    `natalina and thomas`) is read as the names on either side of it: without capitals the model cannot
    see where one name ends, and no name holds `to` or `and`. A capitalised one is split only between two
    names of two words or more each (`Alex Salmond & Alistair Darling`): `Marks & Spencer`, `Knight and
    Day` are one name of one thing."""
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if not text[ent.start_char : ent.end_char].islower():
            joint = _CAPITALISED_JOINT.search(text, ent.start_char, ent.end_char)
            if (
                joint
                and _two_words(text, ent.start_char, joint.start())
                and _two_words(text, joint.end(), ent.end_char)
            ):
                yield ent.start_char, joint.start()  # `Alex Salmond & Alistair Darling 's live debate`
                yield joint.end(), ent.end_char
            else:
                yield ent.start_char, ent.end_char
            continue
        at = ent.start_char
        for joint in _LOWER_JOINT.finditer(text, ent.start_char, ent.end_char):
            yield at, joint.start()
            at = joint.end()
        yield at, ent.end_char


NER_HOW = "spaCy PERSON entity (pruned)"
# a capitalised word of three letters or more, whole
_CAPITALISED_NAME_WORD = regex.compile(r"\p{Lu}\p{Ll}{2,}(?![\w'’@-])")
_LOWER_JOINT = regex.compile(r"[ \t]+(?:to|and|or|with|&)[ \t]+")
_CAPITALISED_JOINT = regex.compile(r"[ \t]+(?:and|&)[ \t]+(?=\p{Lu})")
# nothing but quote marks before a name: it opens the text
_POST_OPENING = regex.compile(r"[ \t\"“'‘]*")
# a colon spaced off the word before it, as headlines and tokenised text write a speaker's (`Obama : ...`)
_SPACED_COLON = regex.compile(r"[ \t]+:")
# a speaker's topic before the colon that opens what they said: `Clinton on recreational marijuana : States`
_SPEAKER_ON_A_TOPIC = regex.compile(r"[ \t]+on[ \t]+[^\n:]{1,60}?[ \t]*:[ \t]+\S")
# a link after a space inside what the model called a name
_LINK_AFTER = regex.compile(r"[ \t]+(?:https?://|www\.)")
# a text's first line, past blank lines and quote marks, to its end (trailing spaces left out)
_FIRST_LINE = regex.compile(r"[\s>|*•-]*(?P<line>[^\s>|*•-][^\n]*?)[ \t]*\n")
LETTERHEAD_LINES = 8  # how far below a heading name its contact details may start
LETTERHEAD_CONTACTS = ("PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS")
# a retweet's or a reply's opening right before a word (`RT @narryandliam : louis`)
_QUOTED_POST_OPENING = regex.compile(rf"{QUOTED_POST_OPENING}\Z")
# a possessive after a name, as written or as tokenised text spaces it off (`Dwight Howard 's party`)
_POSSESSIVE_AFTER = regex.compile(r"[ \t]?['’]s\b")
# a link opening what the model called a name, with the separator after it
_LINK_OPENING = regex.compile(r"(?:https?://|www\.)\S*[ \t]+(?:[-–—:|][ \t]+)?")
# a hyphen between spaces and one or two words closing what the model called a name: the first words of what
# the name heads (a song's or a column's title after its artist or author, as posts and headlines type it:
# `Jason Mraz - I Wo` of `Jason Mraz - I Won't Give Up`; a typeset dash `—` there more often goes on with the
# same heading: +59 false names on heldout7 when it counted)
_DASH_THEN_A_TITLE = regex.compile(r"[ \t]+-[ \t]+[\w'’]+(?:[ \t]+[\w'’]+)?\Z")
LOWER_WORD_SCORE = 0.4  # below `batch.MIN_SCORE`: a hint, never a finding on its own
NER_CUT_HOW = "spaCy PERSON entity (pruned, cut at a line break)"
# the word after a name opening a sentence, past an adverb between the subject and its verb (`Kirk actually
# needs to ...`, `Dean still needs`), and what follows it: a lower-case word, a number (`Clinton is 2 - 1
# against`) or the sentence's end
_NEXT_WORD = regex.compile(
    rf"(?:[ \t]+(?:{ADVERBS_BEFORE_A_VERB}))?"
    r"[ \t]+(\p{Ll}+)(?=[ \t]+[\p{Ll}\d]|[ \t]*[.,:;!?\"]|[ \t]*$)"
)
_WORDS = regex.compile(r"\S+")
# a capitalised word of three letters or more right before a name (not a re-cased acronym: `FS Forbin`)
_CAPITALISED_WORD_BEFORE = regex.compile(r"(?<![\w'’@#\-])(\p{Lu}\p{Ll}{2,})[ \t]+\Z")
# an auxiliary opening a question, before a name of two words at least
_AUXILIARY_BEFORE_A_NAME = regex.compile(
    r"(?:Will|Can|Could|Would|Should|Does|Did|Is|Was|Has|Have|Do)[ \t]+(?=\p{Lu}\S*[ \t]+\p{Lu})"
)
# a second name joined to the first by `and`: the two share the verb after them
_COORDINATED_NAME = regex.compile(r"[ \t]+(?:and|&)[ \t]+\p{Lu}[\p{Ll}'’\-]+(?=[ \t])")
# ... or, in a social post, a lower-case word and any word after it
_VERB_THEN_A_WORD = regex.compile(r"[ \t]+(\p{Ll}+)(?=[ \t]+\S)")
# a line that holds nothing but a name (after quote markers): `> Alma Jensen`
WHOLE_LINE = regex.compile(r"[ \t>|*\-]*[^\W\d_][^\n\d:;=<>@]*")


def _headline_name_word(word: str) -> bool:
    """A word of a headline's name: a noun and nothing else, or a given name (`Mark` of `David Mark
    Confesses`, a verb too)."""
    return names_only_things(word) or is_given_name(word)


def _two_words(text: str, start: int, end: int) -> bool:
    return len(text[start:end].split()) >= 2


def _finite_verb_after(text: str, end: int, post: bool = False) -> bool:
    """The next word is a finite verb, and prose goes on (`David is a ...`, not `Betaald met Visa`), past a
    second name joined by `and` when the verb is plural (`Sousa and Ball were`); in a social post whatever
    word follows the verb (`Jackie joins Twitter 50 years after ...`), as posts capitalise what they like."""
    from recognizers.dictionary import is_finite_verb

    coordinated = _COORDINATED_NAME.match(text, end)
    if coordinated:  # `Sousa and Ball were ...`: both are the verb's subject
        end = coordinated.end()
    match = _NEXT_WORD.match(text, end) or (_VERB_THEN_A_WORD.match(text, end) if post else None)
    if match is None or not is_finite_verb(match.group(1)):
        return False
    # two subjects take a plural verb; a singular one ends in `s` (`is`, `was`, `has`, `goes`): `Knight and
    # Day is`, `Thomas and Sons is` name one thing
    return not (coordinated and match.group(1).endswith("s"))


AFTER_HONORIFIC = "name (after an honorific)"
SPEECH_SUBJECT = "name (subject of a speech or request verb)"
AFTER_GREETING = "name (after a greeting)"
CHAT_MENTION = "name (chat mention)"
# a capitalised word, then `M.`, right before the name: `Barbara M. Probst`, `Janka M. Szász`
MIDDLE_INITIAL_BEFORE = regex.compile(r"(?<![\w'’.-])(\p{Lu}\p{Ll}+)[ \t]+M\.[ \t]+\Z")
_COPYRIGHT_FIELD = regex.compile(r"(?i:copyright)[ \t]*[:=]")
_COLUMN_GAP_ONLY = regex.compile(r"[ ]{3,}")
_RECORD_CODES_ONLY = regex.compile(r"[ \t]*(?:[^\s]*\d[^\s]*[ \t]+)*")
_HOUSE_NUMBER_BEFORE = regex.compile(r"(?<![\w.,/-])\d{1,5}[a-zA-Z]?[ \t]+\Z")


def _verb_phrase(value: str) -> bool:
    """`value` opens on a finite verb and holds no word but dictionary and stop words (`Has Gone`, `Was
    Taken From Me`): a title-cased sentence's predicate, not a name (`Will Okafor` holds one)."""
    first, *rest = value.split()
    return is_finite_verb(first) and all(
        word.lower() in everyday_words() or is_dictionary_word(word) for word in rest
    )
