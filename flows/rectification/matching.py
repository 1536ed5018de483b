"""Finding the corrected value in a record without its plaintext, and where a clean cell's tokens came from.

`OldValueMatcher` finds spellings of the old value in a text by tokenizing candidate substrings with the
vault's token key and comparing them with the old value's token: the whole text, email- and phone-shaped
substrings, and for names and addresses runs of words. The token key survives the shred, so the check
works after the old value is gone from the vault — verification re-scans records this way. A `shape`
taken once before the shred (the word count of the old value and a keyed hash of its first word) narrows
the runs of words tried; without it every run of up to `MAX_WORDS` words is tried.

`placeholder_spans_in_raw` aligns a clean cell with the raw cell it was tokenized from: the clean cell is
the raw cell with some spans replaced by tokens, so the text between tokens anchors each token to the
raw span it stands for. The raw step uses it to put the new value where the old one was written, in
whatever spelling the record had it (`JOHN SMITH`, a national phone format).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flows.erasure.verify import EMAIL_CANDIDATE, IPV4, PHONE_CANDIDATE
from values.normalise import normalise
from values.token_format import PLACEHOLDER_PATTERN
from vault.surrogates import SURROGATE_EMAIL_DOMAIN

if TYPE_CHECKING:
    from vault.store import Vault

WORD = re.compile(r"[^\s,;:()\[\]{}<>\"|=]+")
MAX_WORDS = 12
_TRIM = ".,;:!?'\""
_SURROGATE = re.compile(r"[a-z2-7]{20}@" + re.escape(SURROGATE_EMAIL_DOMAIN))
_SHOWN = re.compile(PLACEHOLDER_PATTERN.pattern + "|" + _SURROGATE.pattern)


def _head_hash(vault: Vault, word: str) -> str:
    return vault.subject_id("piivault rectification head " + word)


def value_shape(vault: Vault, entity_type: str, value: str) -> dict | None:
    """Keyed facts about a name or address (its word count, a keyed hash of its first word) that let the
    matcher skip most runs of words; None for other types. Holds no value."""
    if entity_type not in ("PERSON", "ADDRESS"):
        return None
    words = WORD.findall(normalise(entity_type, value))
    return {"words": len(words), "head": _head_hash(vault, words[0])} if words else None


class OldValueMatcher:
    """Finds spellings of one value (known by its token) in texts, by tokenizing candidates."""

    def __init__(self, vault: Vault, token: str, entity_type: str, shape: dict | None = None):
        self._vault = vault
        self._token = token
        self._type = entity_type
        self._shape = shape
        self._seen: dict[str, bool] = {}

    def _is_it(self, candidate: str) -> bool:
        candidate = candidate.strip()
        if not candidate:
            return False
        if candidate not in self._seen:
            try:
                token = self._vault.deriver.derive_normalised(
                    self._type, normalise(self._type, candidate)
                ).token
            except Exception:  # a candidate the normaliser rejects is not the value
                token = None
            self._seen[candidate] = token == self._token
        return self._seen[candidate]

    def _word_runs(self, text: str):
        words = list(WORD.finditer(text))
        lengths = range(1, MAX_WORDS + 1)
        if self._shape is not None:
            lengths = range(self._shape["words"], self._shape["words"] + 1)
        for first, word in enumerate(words):
            if self._shape is not None:
                head = WORD.findall(normalise(self._type, word.group(0)))
                if not head or _head_hash(self._vault, head[0]) != self._shape["head"]:
                    continue
            for count in lengths:
                if first + count > len(words):
                    break
                start, end = word.start(), words[first + count - 1].end()
                while end > start and text[end - 1] in _TRIM:
                    end -= 1
                yield start, end

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each spelling of the value in `text`, longest first where they overlap."""
        if not text:
            return []
        if self._is_it(text):
            stripped = text.strip()
            start = text.index(stripped)
            return [(start, start + len(stripped))]
        if self._type == "EMAIL_ADDRESS":
            found = [m.span() for m in EMAIL_CANDIDATE.finditer(text) if self._is_it(m.group(0))]
        elif self._type == "PHONE_NUMBER":
            found = []
            for m in PHONE_CANDIDATE.finditer(text):
                stripped = m.group(0).strip()
                if not IPV4.fullmatch(stripped) and self._is_it(stripped):
                    start = m.start() + m.group(0).index(stripped)
                    found.append((start, start + len(stripped)))
        else:
            found = [(s, e) for s, e in self._word_runs(text) if self._is_it(text[s:e])]
        chosen: list[tuple[int, int]] = []
        for start, end in sorted(found, key=lambda span: (span[0] - span[1], span[0])):
            if all(end <= s or start >= e for s, e in chosen):
                chosen.append((start, end))
        return sorted(chosen)

    def found_in(self, text: str | None, unless_within: OldValueMatcher | None = None) -> bool:
        """Whether `text` holds a spelling of the value — not counting one that is part of a spelling of
        the value `unless_within` finds (an old name inside the new one: `Ann Lee` in `Ann Lee Smith`)."""
        spans = self.spans(text) if text else []
        if not spans or unless_within is None:
            return bool(spans)
        around = unless_within.spans(text)
        return any(not any(s <= start and end <= e for s, e in around) for start, end in spans)


def placeholder_spans_in_raw(clean: str, raw: str) -> list[tuple[int, int, str]] | None:
    """(start, end, placeholder) of the raw span behind each token or surrogate of a clean cell, or None
    when the clean cell is not the raw cell with spans replaced (then nothing can be said)."""
    shown = [m.group(0) for m in _SHOWN.finditer(clean)]
    if not shown:
        return []
    literals = _literals(clean)
    pattern = "(.+?)".join(re.escape(literal) for literal in literals)
    match = re.fullmatch(pattern, raw, re.DOTALL)
    if match is None:
        return None
    return [(match.start(i + 1), match.end(i + 1), placeholder) for i, placeholder in enumerate(shown)]


def _literals(clean: str) -> list[str]:
    literals, cursor = [], 0
    for m in _SHOWN.finditer(clean):
        literals.append(clean[cursor : m.start()])
        cursor = m.end()
    literals.append(clean[cursor:])
    return literals
