"""The subject's values in a quarantined record's raw bytes, found without plaintext of theirs.

Candidates (emails, phones, cards, runs of words for names and addresses) are tokenized with the vault's
key and compared with the footprint, as verification does; customer-id-shaped words by their subject id.
The other written forms of their values (a street line without the town, `BRIGGS, Georgia`, a name without
its middle names, a phone in national digits) are found by the cluster's fingerprints, recorded with the
subject's side of the index, with the scanner the clean zone's erasure uses (`flows.erasure.subject_text`).
Emails written to escape harvesters or in an airline booking's form are candidates too, read back as
`values.emails` reads them. The rules are the clean zone's (`flows.requests.rows`), see `SubjectFinder`.

The scan is linear in the record, with a small constant. With the subject's side of the quarantine index
(`flows.pipeline.quarantine_index.SubjectHashes`) a record is first narrowed to the values its index says
it may hold (`SubjectFinder.narrowed`: no card pattern without a card of theirs that may be there, no
customer-id hashing without one of their subject ids in the index), and a run of words is tried as a name
or an address only where it starts with the first word of one of theirs (`word_runs(..., opens)`).
Before, every run of up to 16 words of every record was normalised and tokenized: about 100 µs per byte
of non-ASCII text, so one big unreadable line stalled every erasure.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from flows.erasure.subject_text import SubjectText
from flows.erasure.verify import PlaintextMatcher
from flows.pipeline.quarantine_index import (
    SUBJECT_KEY_WORD,
    WORD_RUN,
    IndexKey,
    RecordIndex,
    SubjectHashes,
    fold,
    index_key,
    words_of,
)
from flows.requests.subject import Footprint, entity_type_of
from values.normalise import normalise_text
from values.token_format import ERASED_MARKER

if TYPE_CHECKING:
    from flows.tokenize.known_subjects import Match
    from vault.store import Vault

WORD = SUBJECT_KEY_WORD  # a customer-id-shaped word
CARD = re.compile(r"(?<!\d)\d(?:[ \-]?\d){12,18}(?!\d)")
TEXT_WORD = re.compile(r"[^\W_](?:[\w'’/\-]*[^\W_])?")  # a word of a name or an address, no edge punctuation
WINDOW_WORDS = {"PERSON": 4, "ADDRESS": 16}  # the longest name / address tried, in words
WINDOW_CHARS = 240
SIMPLE_TEXT = re.compile(r"[\x00-\x7f\udc80-\udcff]*")  # ASCII, and bytes that are not UTF-8
CONTACT_TYPES = ("EMAIL_ADDRESS", "PHONE_NUMBER")
# An email written to escape harvesters (`ann [at] example [dot] com`, `ann dot lee at example dot com`) or
# in an airline booking's contact element (`ANN..LEE//EXAMPLE.COM`), as `values.emails` reads them back:
# tried at each written-out `@`, with the local parts that end there and the domains that start there.
AT_MARK = re.compile(r"(?i)[ \t]?[\[(][ \t]?at[ \t]?[\])][ \t]?|[ \t]at[ \t]|//")
AT_HINT = re.compile(r"[aA][tT]|//")  # what every `AT_MARK` holds, found four times faster
_DOT_MARK = r"(?:[ \t]?[\[(][ \t]?dot[ \t]?[\])][ \t]?|[ \t]dot[ \t])"
DISGUISED_LOCAL = re.compile(rf"(?i)[^\W_][\w.%+'\-]*(?:(?:{_DOT_MARK}|\./)[\w.%+'\-]+)*")
DISGUISED_DOMAIN = re.compile(rf"(?i)[^\W_][\w\-]*(?:(?:{_DOT_MARK}|\.)[^\W_][\w\-]*)+")
DOMAIN_LABEL_END = re.compile(rf"(?i)(?={_DOT_MARK}|\.|$)")
LOCAL_START = re.compile(r"(?<![\w.%+'\-])[^\W_]")
LOCAL_CHARS = 200  # the longest local part tried, in characters
LOCAL_STARTS = 8  # how many word starts before a written-out `@` are tried as the local part's

Span = tuple[int, int, str]


def _plain_char(char: str) -> bool:
    """ASCII or an undecodable byte: NFKC folds it with nothing before it."""
    return char < "\x80" or "\udc80" <= char <= "\udcff"


def _first_words(text: str, words: deque, simple: bool) -> list[str] | None:
    """What the normalised form of any run starting at `words[0]` may begin with (its first `[^\\W_]+`
    word): the first word of the opening word folded alone (a run of one word), or folded with the gap
    after it (longer runs: NFKC may fold a mark or `™` in the gap into it). None when it cannot be told
    (the gap folds into letters that run on into the next word)."""
    opening = words[0][0]
    word = opening[0]
    gap_end = words[1][0].start() if len(words) > 1 else len(text)
    if simple or (word.isascii() and (opening.end() == gap_end or _plain_char(text[opening.end()]))):
        return [WORD_RUN.match(word)[0].lower()]
    alone = words_of(fold(word))
    joined = fold(text[opening.start() : gap_end])
    first = WORD_RUN.search(joined)
    if not alone or first is None or (first.end() == len(joined) and len(words) > 1):
        return None
    return [alone[0], first[0]]


def word_runs(
    text: str, max_words: int, opens: Callable[[str], bool] | None = None
) -> Iterator[tuple[int, int, int, str]]:
    """(start, end, words, normalised form) of every run of 1..max_words words of `text`, and of each run
    with the full stop after it (`St.`); the form is `normalise_text` of the run. With `opens`, only the
    runs whose form may begin with a word `opens` accepts (linear: a few folds per word of the text).
    On ASCII text (and the undecodable bytes of a broken record) the form is put together from the forms
    of the words and of the gaps between them, each normalised once: there normalisation folds case,
    whitespace and punctuation spacing inside a word or a gap, never across one, so the form is the same
    at a fraction of the cost. Words are read as they come, never all held at once."""
    simple = SIMPLE_TEXT.fullmatch(text) is not None
    pending: deque = deque()  # [match, word form or None, form of the gap after it or None]

    def word_form(i: int) -> str:
        if pending[i][1] is None:
            pending[i][1] = normalise_text(pending[i][0][0])
        return pending[i][1]

    def gap_form(i: int) -> str:
        if pending[i][2] is None:
            gap = text[pending[i][0].end() : pending[i + 1][0].start()]
            pending[i][2] = normalise_text("a" + gap + "a")[1:-1]
        return pending[i][2]

    def runs_from_first() -> Iterator[tuple[int, int, int, str]]:
        if opens is not None:
            keys = _first_words(text, pending, simple)
            if keys is not None and not any(opens(key) for key in keys):
                return
        start = pending[0][0].start()
        form = ""
        for last in range(min(max_words, len(pending))):
            end = pending[last][0].end()
            if end - start > WINDOW_CHARS:
                break
            if simple:
                form = word_form(0) if last == 0 else form + gap_form(last - 1) + word_form(last)
            else:
                form = normalise_text(text[start:end])
            yield start, end, last + 1, form
            if text[end : end + 1] == ".":
                yield (
                    start,
                    end + 1,
                    last + 1,
                    form + "." if simple else normalise_text(text[start : end + 1]),
                )

    for match in TEXT_WORD.finditer(text):
        pending.append([match, None, None])
        if len(pending) > max_words:
            yield from runs_from_first()
            pending.popleft()
    while pending:
        yield from runs_from_first()
        pending.popleft()


def _at_marks(text: str) -> Iterator[re.Match]:
    """Every written-out `@` (`AT_MARK`), each found from the `at` or `//` it holds."""
    after = 0
    for hint in AT_HINT.finditer(text):
        if hint.start() < after:
            continue
        for start in range(max(after, hint.start() - 3), hint.start() + 1):
            mark = AT_MARK.match(text, start)
            if mark is not None and mark.end() > hint.start():
                after = mark.end()
                yield mark
                break


def merge_spans(spans: list[Span]) -> list[Span]:
    """Overlapping spans (a key inside an email, a name inside an address) merged into the wider one."""
    merged: list[Span] = []
    for start, end, kind in sorted(spans):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, kind))
    return merged


def redact_spans(data: bytes, spans: list[Span]) -> bytes:
    """`data` with each span replaced by the erased marker; other bytes unchanged."""
    text = data.decode("utf-8", "surrogateescape")
    parts, cursor = [], 0
    for start, end, _kind in spans:
        parts += [text[cursor:start], ERASED_MARKER]
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts).encode("utf-8", "surrogateescape")


@dataclass
class _Shared:
    """What a finder and its narrowed views share: caches of derived tokens, subject ids, word hashes;
    the cluster's fingerprints as a scanner."""

    key: IndexKey | None
    text: SubjectText | None = None
    tokens: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)
    word_hashes: dict = field(default_factory=dict)


def _span(match: Match) -> Span:
    kind = "SUBJECT_KEY" if match.entity_type == "SUBJECT" else match.entity_type
    return match.start, match.end, kind


class SubjectFinder:
    """The subject's values in a quarantined record's raw bytes, found by tokenizing candidates with the
    vault's key and comparing them with the footprint (as verification does); no plaintext is kept.

    The rules are those of the clean zone (`flows.requests.rows`): a record is the subject's when it holds
    their customer id or one of their own emails or phones (`spans`); inside such a record every value the
    vault links to their cluster goes, shared ones included (their name, their household's address and
    landline); in anyone else's record only the values nobody else holds (their card, their unique
    address) go, so a namesake's or a housemate's record keeps what is also theirs.

    With `hashes` (the subject's side of the quarantine index) `may_hold` tells which records can hold
    anything of theirs and `narrowed` gives the finder for one record; without, every record is examined
    for every value, as before the index."""

    def __init__(self, vault: Vault, fp: Footprint, hashes: SubjectHashes | None = None, *, _shared=None):
        self._vault = vault
        self._fp = fp
        self._hashes = hashes
        self._shared = _shared or _Shared(
            index_key(vault) if hashes is not None else None,
            SubjectText.from_state(vault, hashes.fingerprints) if hashes is not None else None,
        )
        self._matcher = PlaintextMatcher(vault, fp)
        # the cluster's contacts but their own emails, which `spans` finds already (their own phones stay:
        # `spans` reads only those whose last digits are the stored value's)
        strong_emails = {t for t in fp.strong_tokens if entity_type_of(t) == "EMAIL_ADDRESS"}
        contacts = [
            t for t in fp.cluster_tokens if entity_type_of(t) in CONTACT_TYPES and t not in strong_emails
        ]
        self._cluster_contacts = PlaintextMatcher(
            vault, replace(fp, strong_tokens=contacts, phone_tails=None)
        )
        self._cluster = set(fp.subjects)
        self._all = set(fp.cluster_tokens)
        self._own = set(fp.own_tokens)
        self._types = {entity_type_of(t) for t in fp.cluster_tokens}
        self._own_types = {entity_type_of(t) for t in fp.own_tokens}
        windows = [t for t in fp.cluster_tokens if entity_type_of(t) in WINDOW_WORDS]
        self._firsts = None if hashes is None else hashes.first_words(windows)
        emails = [t for t in fp.cluster_tokens if entity_type_of(t) == "EMAIL_ADDRESS"]
        self._emails = set(emails)
        self._strong_emails = {t for t in fp.strong_tokens if entity_type_of(t) == "EMAIL_ADDRESS"}
        self._email_words = None if hashes is None else hashes.words(emails)
        self._views: dict[tuple, SubjectFinder] = {}

    # -- which records, which values ---------------------------------------------------------------

    def may_hold(self, index: RecordIndex | None) -> bool:
        """Whether a record with this index (None: no index) can be theirs or hold a value only they hold:
        the records to open. The others hold nothing erasure would change."""
        if self._hashes is None or index is None:
            return True
        if self._hashes.may_hold_subject_key(index):
            return True
        return any(self._hashes.may_hold_value(token, index) for token in self._fp.own_tokens)

    def narrowed(self, index: RecordIndex | None) -> SubjectFinder:
        """The finder for a record with this index: only the values (and customer ids) it may hold.
        Finds exactly what this finder finds in that record, at a fraction of the cost."""
        if self._hashes is None or index is None:
            return self
        hashes = self._hashes
        tokens = tuple(t for t in self._fp.cluster_tokens if hashes.may_hold_value(t, index))
        keys = hashes.may_hold_subject_key(index)
        if (tokens, keys) not in self._views:
            kept = set(tokens)
            fp = replace(
                self._fp,
                subjects=self._fp.subjects if keys else [],
                cluster_tokens=list(tokens),
                own_tokens=[t for t in self._fp.own_tokens if t in kept],
                strong_tokens=[t for t in self._fp.strong_tokens if t in kept],
            )
            self._views[tokens, keys] = SubjectFinder(self._vault, fp, hashes, _shared=self._shared)
        return self._views[tokens, keys]

    def _opens(self, word: str) -> bool:
        """Whether a run of words starting with `word` may be one of their names or addresses."""
        return self._word_hash(word) in self._firsts

    # -- finding ------------------------------------------------------------------------------------

    def _is_their_key(self, word: str) -> bool:
        keys = self._shared.keys
        if word not in keys:
            keys[word] = self._vault.subject_id(word)
        return keys[word] in self._cluster

    def _disguised_emails(self, text: str, tokens: set[str]) -> list[Span]:
        """Emails among `tokens` written to escape harvesters or in an airline contact element."""
        if not tokens:
            return []
        found = []
        for mark in _at_marks(text):
            domain = DISGUISED_DOMAIN.match(text, mark.end())
            if domain is None or not self._may_be_email_domain(domain[0]):
                continue
            ends = [mark.end() + m.start() for m in DOMAIN_LABEL_END.finditer(domain[0])][1:]
            window = max(0, mark.start() - LOCAL_CHARS)
            starts = [m.start() for m in LOCAL_START.finditer(text, window, mark.start())][-LOCAL_STARTS:]
            for start in starts:
                if DISGUISED_LOCAL.fullmatch(text, start, mark.start()) is None:
                    continue
                for end in reversed(ends):
                    if self._token("EMAIL_ADDRESS", text[start:end]) in tokens:
                        found.append((start, end, "EMAIL_ADDRESS"))
                        break
        return found

    def _may_be_email_domain(self, domain: str) -> bool:
        """Whether a disguised address with this domain may be one of theirs (its first word is a word of
        one of their emails); always, without the index's hashes."""
        if self._email_words is None:
            return True
        words = words_of(fold(domain))
        return bool(words) and self._word_hash(words[0]) in self._email_words

    def _word_hash(self, word: str) -> bytes:
        known = self._shared.word_hashes
        if word not in known:
            known[word] = self._shared.key.word(word)
        return known[word]

    def spans(self, text: str) -> list[Span]:
        """Their customer ids and own emails and phones: any of them makes a record theirs."""
        found = self._matcher.spans(text) + self._disguised_emails(text, self._strong_emails)
        if self._cluster:
            found += [
                (m.start(), m.end(), "SUBJECT_KEY") for m in WORD.finditer(text) if self._is_their_key(m[0])
            ]
        return merge_spans(found)

    def _token(self, entity_type: str, candidate: str, normalised: bool = False) -> str | None:
        key = (entity_type, candidate, normalised)
        tokens = self._shared.tokens
        if key not in tokens:
            derive = self._vault.deriver.derive_normalised if normalised else self._vault.deriver.derive
            try:
                tokens[key] = derive(entity_type, candidate).token
            except Exception:  # a candidate the normaliser rejects is nobody's value
                tokens[key] = None
        return tokens[key]

    def _windows(self, text: str, types: set[str], tokens: set[str]) -> list[Span]:
        """Runs of words that are one of `tokens` as a name or an address."""
        longest = max(WINDOW_WORDS[t] for t in types)
        opens = None if self._firsts is None else self._opens
        found = []
        for start, end, words, form in word_runs(text, longest, opens):
            for entity_type in types:
                if words <= WINDOW_WORDS[entity_type] and self._token(entity_type, form, True) in tokens:
                    found.append((start, end, entity_type))
        return found

    def value_spans(self, text: str, shared_too: bool) -> list[Span]:
        """Spans of the cluster's values (`shared_too`) or of their own values only: cards, names,
        addresses, and with `shared_too` shared emails and phones (own ones are in `spans` already)."""
        tokens = self._all if shared_too else self._own
        types = self._types if shared_too else self._own_types
        found = (
            self._cluster_contacts.spans(text) + self._disguised_emails(text, self._emails)
            if shared_too
            else []
        )
        if "CREDIT_CARD" in types:
            found += [
                (m.start(), m.end(), "CREDIT_CARD")
                for m in CARD.finditer(text)
                if self._token("CREDIT_CARD", m[0]) in tokens
            ]
        if types & set(WINDOW_WORDS):
            found += self._windows(text, types & set(WINDOW_WORDS), tokens)
        return found

    def written_forms(self, text: str) -> tuple[list[Span], list[Span], list[Span]]:
        """The cluster's fingerprinted forms in `text`: (identifiers nobody outside holds, values only
        they hold, every one); empty without recorded fingerprints."""
        scanner = self._shared.text
        if not scanner:
            return [], [], []
        (matches,) = scanner.scan([text])
        return (
            [_span(m) for m in matches if scanner.identifies(m)],
            [_span(m) for m in matches if scanner.theirs_alone(m)],
            [_span(m) for m in matches],
        )

    def judge(self, data: bytes) -> tuple[list[str], list[Span]]:
        """Why a record is theirs (types of their keys, emails and phones in it; empty if it is not), and
        what goes from it: every cluster value when it is theirs, else their own values."""
        return self._judge(data.decode("utf-8", "surrogateescape"))

    def _judge(self, text: str) -> tuple[list[str], list[Span]]:
        identifying, own, written = self.written_forms(text)
        theirs = self.spans(text) + identifying
        if theirs:
            kinds = sorted({kind for _s, _e, kind in theirs})
            return kinds, merge_spans(theirs + self.value_spans(text, shared_too=True) + written)
        return [], merge_spans(self.value_spans(text, shared_too=False) + own)

    def redaction_spans(self, text: str) -> list[Span]:
        """What goes from a record: every cluster value when the record is theirs, else their own values."""
        return self._judge(text)[1]

    def kinds(self, data: bytes) -> list[str]:
        """Why a record is theirs (types of their keys, emails and phones in it); empty if it is not."""
        return self.judge(data)[0]

    def leftover_kinds(self, data: bytes) -> list[str]:
        """Verification: what of theirs a record still holds (identifiers, or values only they hold)."""
        text = data.decode("utf-8", "surrogateescape")
        identifying, own, _written = self.written_forms(text)
        found = self.spans(text) + self.value_spans(text, shared_too=False) + identifying + own
        return sorted({kind for _s, _e, kind in found})

    def holds_anything(self, data: bytes) -> bool:
        return bool(self.judge(data)[1])

    def redact(self, data: bytes) -> bytes:
        """`data` with each of the subject's values replaced by the erased marker; other bytes unchanged."""
        return redact_spans(data, self.judge(data)[1])
