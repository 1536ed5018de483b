"""Known-subject matching: the vault's fingerprints found in free text, where detection saw nothing.

A customer's CRM row gave the vault their name, street, phones, card and customer id; a support chat
writes them as `georgia briggs`, `9 david canyon` or `C100002`. `TextScanner` finds every fingerprinted
form (`vault.fingerprints`) in a batch of texts without holding any value in clear:
- words (runs of letters and digits, accents and case folded) are hashed with the vault's fingerprint
  key, each distinct word once; a vectorised lookup of all of them in the index's sorted first words
  says where a fingerprint can start and how long it can be, and only there are word n-grams hashed
  (words joined across spaces, line breaks and at most two punctuation characters: `Briggs, Georgia`);
- email-shaped candidates are normalised as the vault normalises emails; runs of digit groups (phones,
  cards) are reduced to their digits, every run of consecutive groups of 7 to 19 digits, with a leading
  `00` or a `(0)` trunk prefix dropped as well;
- every candidate hash of the batch is looked up at once in the sorted fingerprint array (numpy), and
  per text the longest non-overlapping matches are kept, never inside a token.

What is never matched on its own, because it is too common to be evidence (a lone given or family name,
a town, a postcode, a street without its number, a short customer id), is simply never fingerprinted:
the rule is `vault.fingerprint_forms`' (and the README's).

`KnownSubjects` turns matches into what tokenize writes: the token of the matched value (the one whose
normalised form the text has, else the value's own), `[pv:erased]` for an erased subject's value or
customer id, and nothing for a live subject's customer id (a pseudonymous id tokenize keeps as it is).
"""

from __future__ import annotations

import bisect
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING

import numpy as np

from flows.tokenize.two_generations import TwoGenerations
from values.normalise import normalise, normalise_email
from values.token_format import ERASED_MARKER, PLACEHOLDER_PATTERN
from vault.fingerprint_index import FingerprintIndex
from vault.fingerprints import (
    DIGITS,
    EMAIL,
    ERASED,
    KIND_MASK,
    KINDS,
    SHARED,
    SUBJECT_KEY,
    Fingerprinter,
    changes,
    fold_word,
    word_table,
)

if TYPE_CHECKING:
    from vault.store import Vault

EMAIL_CANDIDATE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
DIGIT_RUN = re.compile(r"(?<!\w)\+?(?:\(\+?\d{1,3}\)[ \t]?)?\d[\d \t\-./()\u00a0]{4,40}\d(?!\d)")
DIGIT_GROUP = re.compile(r"\d+")
HAS_DIGITS = re.compile(r"\d(?:\D{0,3}\d){6}")
MIN_DIGITS, MAX_DIGITS = 7, 19
MAX_GAP = 8  # characters between two words of one form: spaces, a line break, a comma or two
# The scanner's caches serve every file of a run (`shared_scanner`), so their size, not a file's, bounds
# them: a word entry holds about 260 bytes (the word, its folded form, its hash), a digit run's about 490
# (its candidates); at a million entries each they grew a tokenize worker by ~750 MiB on the 4M-row bench
# zone, whose timestamps, addresses and ids are mostly distinct. Two generations each
# (`flows.tokenize.two_generations`): a worker's scanner reaches its size within its first 8 MiB piece, at
# any size of zone.
WORD_CACHE_LIMIT = 50_000  # ~13 MiB a generation
RUN_CACHE_LIMIT = 25_000  # ~12 MiB a generation
INDEX_REUSE_SECONDS = 300
_HASH = itemgetter(1)  # of a word cache entry (folded, hash)
# vault URL -> (the vault's fingerprint generation and this process's changes when loaded, monotonic
# time, index)
_INDEXES: dict[str, tuple[tuple, float, FingerprintIndex]] = {}


@dataclass(frozen=True)
class Match:
    """A fingerprinted form found in a text: its span, its fingerprint and the index's info byte."""

    start: int
    end: int
    fingerprint: int
    info: int

    @property
    def entity_type(self) -> str:
        return KINDS[self.info & KIND_MASK]

    @property
    def shared(self) -> bool:
        return bool(self.info & SHARED)

    @property
    def erased(self) -> bool:
        return bool(self.info & ERASED)


def longest_first(matches: list[Match], blocked: list[tuple[int, int]]) -> list[Match]:
    """Non-overlapping matches, the longer winning, none overlapping a `blocked` span; by start.

    Kept and blocked spans are each sorted and disjoint, so one bisection finds the only two neighbours a
    match can overlap: a long quarantined line with thousands of matches and placeholders costs
    n log n, not n times the matches kept (a 2 MiB line with 20,000 names took minutes)."""
    blocked = sorted(blocked)
    blocked_starts = [start for start, _end in blocked]
    kept: list[tuple[int, int]] = []
    kept_starts: list[int] = []
    chosen: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        if _overlaps(blocked_starts, blocked, match.start, match.end):
            continue
        if not _overlaps(kept_starts, kept, match.start, match.end):
            at = bisect.bisect_right(kept_starts, match.start)
            kept_starts.insert(at, match.start)
            kept.insert(at, (match.start, match.end))
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)


def _overlaps(starts: list[int], spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, disjoint; `starts` their starts)."""
    at = bisect.bisect_right(starts, start)
    return (at > 0 and spans[at - 1][1] > start) or (at < len(spans) and spans[at][0] < end)


class _Candidates:
    """Candidate forms of a batch (text index, start, end, hash): a block of arrays (the one-word
    candidates, vectorised) before parallel lists, so no tuple is made per candidate."""

    def __init__(self):
        self.block: tuple[np.ndarray, ...] | None = None
        self.numbers: list[int] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.hashes: list[int] = []

    def add(self, number: int, start: int, end: int, hashed: int) -> None:
        self.numbers.append(number)
        self.starts.append(start)
        self.ends.append(end)
        self.hashes.append(hashed)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(text indexes, starts, ends, hashes), the block first."""
        lists = (self.numbers, self.starts, self.ends, self.hashes)
        listed = tuple(np.array(values, dtype=np.int64) for values in lists)
        if self.block is None:
            return listed
        return tuple(np.concatenate((b, v)) for b, v in zip(self.block, listed, strict=True))


class TextScanner:
    """Finds the forms a `FingerprintIndex` holds in batches of texts (see the module docstring)."""

    def __init__(self, index: FingerprintIndex, fingerprinter: Fingerprinter):
        self.index = index
        self._fingerprinter = fingerprinter
        self.key_check = fingerprinter.key_check
        # word as written -> (folded, hash); digit run as written -> its candidates
        self._words: TwoGenerations[str, tuple[str, int]] = TwoGenerations(WORD_CACHE_LIMIT, self._word_key)
        self._runs: TwoGenerations[str, list[tuple[int, int, int]]] = TwoGenerations(
            RUN_CACHE_LIMIT, self._run_forms
        )

    def scan(self, texts: Sequence[str]) -> list[list[Match]]:
        """The matches in each text (same order): longest first, not overlapping, never inside a token."""
        candidates = _Candidates()
        self._word_candidates(texts, candidates)
        for number, text in enumerate(texts):
            if "@" in text:
                for m in EMAIL_CANDIDATE.finditer(text):
                    form = normalise_email(m.group(0))
                    candidates.add(number, m.start(), m.end(), self._fingerprinter.hash(EMAIL, form))
            if HAS_DIGITS.search(text):
                self._digit_candidates(number, text, candidates)
        found: list[list[Match]] = [[] for _ in texts]
        numbers, starts, ends, hashes = candidates.arrays()
        if not len(hashes):
            return found
        info = self.index.lookup(hashes)
        at = np.flatnonzero(info)
        for number, start, end, hashed, byte in zip(
            *(values[at].tolist() for values in (numbers, starts, ends, hashes, info)), strict=True
        ):
            found[number].append(Match(start, end, hashed, byte))
        for number, matches in enumerate(found):
            if matches:
                text = texts[number]
                blocked = [m.span() for m in PLACEHOLDER_PATTERN.finditer(text)] if "[pv:" in text else []
                found[number] = longest_first(matches, blocked)
        return found

    def _word_key(self, word: str) -> tuple[str, int]:
        folded = fold_word(word)
        return folded, self._fingerprinter.word(folded)

    def _word_candidates(self, texts: Sequence[str], candidates: _Candidates) -> None:
        """Word n-grams, built only from words where a fingerprint can start (one vectorised lookup) and as
        far as the gaps after it join (decided for the whole batch at once), the batch's words split once
        (`word_table`) and each n-gram's hash extended from the one before."""
        table = word_table(list(texts))
        written = table.written
        if not written:
            return
        known = self._words.holding(written)
        hashes = np.fromiter(map(_HASH, map(known.__getitem__, written)), np.int64, len(written))
        lengths = self.index.start_lengths(hashes)
        hits = np.flatnonzero(lengths)
        if len(hits) == 0:
            return
        owners = np.searchsorted(table.text_starts, table.starts[hits], side="right") - 1
        offsets = table.text_starts[owners]
        starts = table.starts[hits] - offsets
        candidates.block = (owners, starts, table.ends[hits] - offsets, hashes[hits])
        # a form goes on over the words after its first while the gap before each one joins; the gap
        # before a text's first word holds the separator (three marks), so it never does
        breaks = np.flatnonzero((table.gap_sizes > MAX_GAP) | (table.gap_marks > 2))
        following = np.searchsorted(breaks, hits, side="right")
        stop = np.append(breaks, len(written))[following]
        last = np.minimum(stop, hits + lengths[hits].astype(np.int64))
        longer = np.flatnonzero(last - hits > 1)
        if len(longer) == 0:
            return
        ends = table.ends
        sequence_hashes = self._fingerprinter.sequence_hashes
        for first, end, number, start, offset in zip(
            *(values[longer].tolist() for values in (hits, last, owners, starts, offsets)), strict=True
        ):
            more = sequence_hashes([known[word][0] for word in written[first:end]])
            candidates.numbers.extend([number] * len(more))
            candidates.starts.extend([start] * len(more))
            candidates.ends.extend((ends[first + 1 : end] - offset).tolist())
            candidates.hashes.extend(more)

    def _digit_candidates(self, number: int, text: str, candidates: _Candidates) -> None:
        """Every run of consecutive digit groups of a phone- or card-shaped run, as digits; what a run
        gives depends on the run alone, so each distinct run is read once (a date heads every log line)."""
        for run in DIGIT_RUN.finditer(text):
            base = run.start()
            for start, end, hashed in self._runs.get(run.group(0)):
                candidates.add(number, base + start, base + end, hashed)

    def _run_forms(self, run: str) -> list[tuple[int, int, int]]:
        """(start, end, hash) in `run` of each digit form of its consecutive groups (see the module)."""
        out = []
        groups = [(g.start(), g.end(), g.group(0)) for g in DIGIT_GROUP.finditer(run)]
        for i, (start, _end, _digits) in enumerate(groups):
            if start > 0 and run[start - 1] == "+":
                start -= 1
            digits, trimmed = "", ""
            for j in range(i, len(groups)):
                digits += groups[j][2]
                trimmed += "" if (j > i and groups[j][2] == "0") else groups[j][2]
                if len(digits) > MAX_DIGITS + 2:
                    break
                forms = {digits, trimmed}
                forms |= {f[2:] for f in forms if f.startswith("00")}
                for form in forms:
                    if MIN_DIGITS <= len(form) <= MAX_DIGITS:
                        out.append((start, groups[j][1], self._fingerprinter.hash(DIGITS, form)))
        return out


_SCANNERS = threading.local()  # per thread: the last scanner made


def shared_scanner(index: FingerprintIndex, fingerprinter: Fingerprinter) -> TextScanner:
    """The scanner of this thread's last file when it scans the same index under the same key, else a
    new one: its caches (each word folded and hashed, each digit run read) serve every file of a run
    instead of starting empty on each. Per thread, as the caches are not shared safely between threads."""
    last = getattr(_SCANNERS, "scanner", None)
    if last is None or last.index is not index or last.key_check != fingerprinter.key_check:
        last = _SCANNERS.scanner = TextScanner(index, fingerprinter)
    return last


# Values that have a format-preserving surrogate (`vault.surrogates`): found written whole, they are
# tokenized as detection's findings are, so a format-preserving dataset shows the same surrogate.
SURROGATE_TYPES = frozenset({"EMAIL_ADDRESS", "CREDIT_CARD"})


@dataclass(frozen=True)
class Found:
    """What tokenize writes for a match: `token` (a value's token or the erased marker), or None for a
    live subject's customer id (left as it is); `entity_type` of the matched value. `as_written`: the
    span as written tokenizes to `token` itself (an email, a card number written whole), so tokenize may
    take it as one of detection's findings (`flows.tokenize.tokenizing`): a format-preserving dataset
    then shows the value's surrogate, exactly as detection would have given it."""

    start: int
    end: int
    entity_type: str
    token: str | None
    as_written: bool = False


class KnownSubjects:
    """The vault's fingerprints for one tokenize run over a file: matches become tokens."""

    def __init__(self, vault: Vault, index: FingerprintIndex):
        self._vault = vault
        self.scanner = shared_scanner(index, vault.fingerprinter)
        self._tokens: dict[int, list[str]] = {}  # live fingerprint -> its holders' tokens, sorted

    @classmethod
    def load(cls, vault: Vault) -> KnownSubjects:
        """The vault's index, loaded once per process and vault and reused for the next files while no
        process changed a fingerprint since (`vault.fingerprints.generation`: one small query, where a
        million subjects' index takes seconds to load), so a subject another process registered just
        before is never missed; and for at most `INDEX_REUSE_SECONDS` (writers that count no change)."""
        key = vault.engine.url.render_as_string(hide_password=True)
        cached = _INDEXES.get(key)
        now = time.monotonic()
        mark = (vault.fingerprint_generation(), changes())  # before the load: a change means one more load
        if cached is None or cached[0] != mark or now - cached[1] > INDEX_REUSE_SECONDS:
            cached = _INDEXES[key] = (mark, now, vault.fingerprint_index())
        return cls(vault, cached[2])

    def __len__(self) -> int:
        return len(self.scanner.index)

    def find(self, texts: Sequence[str]) -> list[list[Found]]:
        """Per text, what its known-subject matches are to be replaced by (see `Found`)."""
        if not len(self.scanner.index):
            return [[] for _ in texts]
        matches = self.scanner.scan(texts)
        live = {m.fingerprint for per_text in matches for m in per_text if not m.erased}
        wanted = sorted(live.difference(self._tokens))
        if wanted:  # one lookup per batch, each fingerprint once per file
            found = self._vault.fingerprint_holders(wanted)
            for fingerprint in wanted:
                self._tokens[fingerprint] = sorted({h.token for h in found.get(fingerprint, []) if h.token})
        return [
            [self._found(text, m) for m in per_text] for text, per_text in zip(texts, matches, strict=True)
        ]

    def _found(self, text: str, match: Match) -> Found:
        kind = match.entity_type
        if match.erased:
            return Found(match.start, match.end, kind, ERASED_MARKER)
        tokens = self._tokens.get(match.fingerprint, [])
        if kind == SUBJECT_KEY or not tokens:
            return Found(match.start, match.end, kind, None)
        if len(tokens) > 1 or kind in SURROGATE_TYPES:  # the value the text writes, when it is one
            exact = self._written_token(kind, text[match.start : match.end])
            if exact in tokens:
                return Found(match.start, match.end, kind, exact, as_written=kind in SURROGATE_TYPES)
        return Found(match.start, match.end, kind, tokens[0])

    def _written_token(self, kind: str, written: str) -> str | None:
        """The token of `written` taken as a value of `kind` (None when it cannot be one)."""
        try:
            return self._vault.deriver.derive_normalised(kind, normalise(kind, written)).token
        except ValueError:
            return None
