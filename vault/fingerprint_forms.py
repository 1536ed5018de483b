"""The written forms of a subject's values, and their keyed hashes: what a fingerprint is of.

A customer's CRM row puts their name, street, phones, card and customer id in the vault, and those same
values turn up in prose that detection reads as nothing (`asked to ship to 9 david canyon`, a customer id
in a chat line). For each value the vault fingerprints (`vault.fingerprints`) the forms it is written in,
each hashed with keyed BLAKE2b (64 bits, under a key derived from the master secret, never a plain hash):
- names: the words as written, family name first and last (`Briggs Georgia`, `BRIGGS, Georgia`), first
  and last word only when there are middle names;
- addresses: the whole address, and its street lines (a segment with a house number and a street name,
  with and without the flat before or after it, cut before `Apt`, a number after a comma);
- emails: the normalised address; phones: the E.164 digits and the national digits (`0475123456`);
  cards: the digits; the subject key (customer id) of the subject itself.
Names and addresses are compared as sequences of words: Unicode-folded (NFKD, accents dropped,
case-folded), split at anything that is not a letter or a digit, so case, accents, punctuation and line
breaks do not matter (`BRIGGS, Georgia` and `briggs georgia` are one form). A scanner splits and folds
text the same way (`words`, `word_spans`, `fold_word`), so both sides agree without sharing a value.

Too common to be evidence on its own, hence never fingerprinted: a single word of a name (a given name,
a family name), a town, a postcode, a street without its house number, a unit line (`Flat 3`), a name
or street line of fewer than five letters, a subject key shorter than five characters or holding
neither letters nor six digits.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import phonenumbers

from values.normalise import normalise

if TYPE_CHECKING:
    from vault.store import Vault

KEY_LABEL = "piivault fingerprints v1"
# Namespaces: word sequences (names, addresses, subject keys), emails, digit strings (phones, cards).
WORDS, EMAIL, DIGITS = b"w\x00", b"e\x00", b"d\x00"
SUBJECT_KEY = "SUBJECT"  # the entity type of a subject key's fingerprint (it has no token)

# Entity type <-> the code kept in the in-memory index (three bits), and its flag bits.
KIND_CODES: dict[str, int] = {
    "PERSON": 1,
    "ADDRESS": 2,
    "EMAIL_ADDRESS": 3,
    "PHONE_NUMBER": 4,
    "CREDIT_CARD": 5,
    SUBJECT_KEY: 6,
}
KINDS: dict[int, str] = {code: kind for kind, code in KIND_CODES.items()}
WORD_KINDS = frozenset({KIND_CODES["PERSON"], KIND_CODES["ADDRESS"], KIND_CODES[SUBJECT_KEY]})
KIND_MASK, SHARED, ERASED = 0b111, 0b1000, 0b10000
IDENTIFIER_KINDS = frozenset({"EMAIL_ADDRESS", "PHONE_NUMBER", SUBJECT_KEY})

MAX_NAME_WORDS = 6
MAX_ADDRESS_WORDS = 24
MIN_LETTERS = 5
MIN_PHONE_DIGITS = 7
# Words that open a flat, box or floor (`Flat 3`, `Apt 30`, `bte 15`, `int. 26`, `4º B`): a line made of
# them is no street line, and a street line is fingerprinted with and without them.
UNIT_WORDS = frozenset(
    "flat apt appt apartment apto unit suite room floor fl box bus bte boite po pobox building bldg block "
    "lot int interno scala piso puerta planta whg wohnung etage".split()
)
MAX_UNIT_WORDS = 3
_WORD = re.compile(r"[^\W_]+")
_SEGMENT = re.compile(r"[,;\n\r]+")
_NOT_DIGIT = re.compile(r"\D")


def fold_word(word: str) -> str:
    """A word as fingerprints compare it: accents dropped, case-folded (`Müller` -> `muller`)."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """The folded words of `text` (runs of letters and digits)."""
    return [fold_word(w) for w in _WORD.findall(text)]


def word_spans(text: str) -> list[re.Match]:
    """The word matches of `text`, for scanners that need offsets (same split as `words`)."""
    return list(_WORD.finditer(text))


# Between the texts of a batch: three characters that are neither word nor space, so no gap a form joins
# across (at most two punctuation characters) ever spans two texts.
BATCH_SEPARATOR = "\x00\x00\x00"
# `[^\W_]` of a str pattern is `str.isalnum()`, character by character; the ASCII answers, once
_ASCII_WORD = np.array([chr(code).isalnum() for code in range(128)], dtype=np.int8)
_ASCII_MARK = np.array([not chr(code).isspace() for code in range(128)], dtype=np.int32)


@dataclass
class WordTable:
    """The words of a batch of texts, split once (as `words` splits, not folded): `joined` is the texts
    joined by `BATCH_SEPARATOR`, `text_starts` where each text starts in it; per word (text order, then
    word order) `written` as written, `starts` and `ends` in `joined`, and the gap before it: `gap_sizes`
    characters, `gap_marks` of them not spaces (the first word's gap is the whole text before it)."""

    joined: str
    text_starts: np.ndarray
    written: list[str]
    starts: np.ndarray
    ends: np.ndarray
    gap_sizes: np.ndarray
    gap_marks: np.ndarray


def _classes(codes: np.ndarray, ascii_table: np.ndarray, test) -> np.ndarray:
    """`test(character)` per code point: from `ascii_table` for ASCII, once per distinct other one."""
    out = np.zeros(len(codes), dtype=ascii_table.dtype)
    ascii_ = codes < 128
    out[ascii_] = ascii_table[codes[ascii_]]
    others = np.flatnonzero(~ascii_)
    if len(others):
        distinct, which = np.unique(codes[others], return_inverse=True)
        out[others] = np.array([test(chr(c)) for c in distinct.tolist()], dtype=ascii_table.dtype)[which]
    return out


def word_table(texts: list[str]) -> WordTable:
    """The batch's words with their offsets and gaps, found by one regex pass over the joined texts (the
    words) and vectorised passes over its code points (where they start and end, what lies between),
    instead of a match object per word and a look at each gap: a scanner reads every word of a zone."""
    joined = BATCH_SEPARATOR.join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + len(BATCH_SEPARATOR)
    text_starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(texts) else np.zeros(0, np.int64)
    written = _WORD.findall(joined)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    inside = np.zeros(len(codes) + 2, dtype=np.int8)
    inside[1:-1] = _classes(codes, _ASCII_WORD, str.isalnum)
    edges = np.diff(inside)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if len(starts) != len(written):  # never expected (the same character class); the regex is the reference
        spans = np.array([m.span() for m in _WORD.finditer(joined)], dtype=np.int64).reshape(-1, 2)
        starts, ends = spans[:, 0], spans[:, 1]
    marks = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(_classes(codes, _ASCII_MARK, lambda c: not c.isspace()), out=marks[1:])
    before = np.concatenate(([0], ends[:-1]))  # where each word's gap starts
    gap_marks = marks[starts] - marks[before]
    return WordTable(joined, text_starts, written, starts, ends, starts - before, gap_marks)


@dataclass(frozen=True)
class Form:
    """One written form of a value: its namespace, the normalised text that is hashed, and for word
    sequences their first word and length (the scanner's prefilter)."""

    namespace: bytes
    text: str
    words: int = 1
    first: str = ""


def _letters(sequence: list[str]) -> int:
    return sum(sum(c.isalpha() for c in w) for w in sequence)


def _word_form(sequence: list[str]) -> Form:
    return Form(WORDS, " ".join(sequence), len(sequence), sequence[0])


def name_forms(value: str) -> list[Form]:
    """A full name as written, family name first or last, and first and last word alone."""
    written = words(value)
    if not 2 <= len(written) <= MAX_NAME_WORDS or _letters(written) < MIN_LETTERS:
        return []
    variants = [written, written[1:] + written[:1], written[-1:] + written[:-1]]
    if "," in value:  # `BRIGGS, Georgia`: family name before the comma
        before, _, after = value.partition(",")
        variants.append(words(after) + words(before))
    if len(written) >= 3:
        variants += [[written[0], written[-1]], [written[-1], written[0]]]
    unique = {tuple(v): v for v in variants if len(v) >= 2 and _letters(v) >= MIN_LETTERS}
    return [_word_form(v) for v in unique.values()]


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def _street_line(segment: list[str]) -> bool:
    """A street with its house number: a word with a digit, street words beside it, not a unit line."""
    if len(segment) < 2 or segment[0] in UNIT_WORDS:
        return False
    street_letters = sum(sum(c.isalpha() for c in w) for w in segment if w not in UNIT_WORDS)
    return any(map(_has_digit, segment)) and street_letters >= MIN_LETTERS


def _unit(segment: list[str]) -> bool:
    """A short segment holding a number: a flat, floor or box (`Flat 31`, `int 26`, `4º b`)."""
    return 0 < len(segment) <= MAX_UNIT_WORDS and any(map(_has_digit, segment))


def _street_lines(segments: list[list[str]]) -> list[list[str]]:
    """Each street line with its house number, as the address may be written in prose: alone, cut
    before a unit word (`75 Jonathan Forest` of `75 Jonathan Forest Apt 30`), with the unit segment after
    it or before it (`Flat 31, 79 Mills Lakes`), and a street whose number follows a comma
    (`C. de Irene Pinilla, 12`). The last segment (postcode and town) is never one."""
    body = segments[:-1] if len(segments) > 1 else segments
    found = []
    for i, segment in enumerate(body):
        if _street_line(segment):
            core = segment
        elif (
            i + 1 < len(body)
            and not any(map(_has_digit, segment))
            and segment[0] not in UNIT_WORDS
            and _letters(segment) >= MIN_LETTERS
            and _has_digit(body[i + 1][0])
        ):
            core = segment + body[i + 1][:1]  # the number after a comma
        else:
            continue
        found.append(core)
        cut = next((k for k, w in enumerate(core) if k and w in UNIT_WORDS), None)
        if cut is not None and _street_line(core[:cut]):
            found.append(core[:cut])
        after = body[i + 1 + (core is not segment)] if i + 1 + (core is not segment) < len(body) else None
        if after is not None and _unit(after):
            found.append(core + after)
        if i and _unit(body[i - 1]) and body[i - 1][0] in UNIT_WORDS:
            found.append(body[i - 1] + core)
    return found


def address_forms(value: str) -> list[Form]:
    """The whole address (line breaks as spaces) and its street lines (never the town alone)."""
    whole = words(value)
    found: dict[tuple[str, ...], list[str]] = {}
    if 3 <= len(whole) <= MAX_ADDRESS_WORDS and _letters(whole) >= MIN_LETTERS:
        found[tuple(whole)] = whole
    segments = [segment for segment in (words(s) for s in _SEGMENT.split(value)) if segment]
    for line in _street_lines(segments):
        found.setdefault(tuple(line), line)
    return [_word_form(f) for f in found.values()]


@cache
def _trunk_prefix(country_code: int) -> str:
    """The national (trunk) prefix written before a national number: `0` in most of Europe, none in
    NANP (its `1` is optional), Spain or Italy (whose leading 0 is part of the number)."""
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code, ())
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(regions[0]) if regions else None
    return "0" if metadata is not None and metadata.national_prefix == "0" else ""


def phone_forms(value: str, normalised: str | None = None) -> list[Form]:
    """E.164 digits and the national digits (trunk prefix included) of a phone number; from its
    normalised (E.164) form when the caller has it, without parsing the number again."""
    digits = _NOT_DIGIT.sub("", normalised or normalise("PHONE_NUMBER", value))
    if len(digits) < MIN_PHONE_DIGITS:
        return []
    forms = {digits}
    for length in (1, 2, 3):  # country codes are prefix-free
        if int(digits[:length]) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            national = _trunk_prefix(int(digits[:length])) + digits[length:]
            if len(national) >= MIN_PHONE_DIGITS:
                forms.add(national)
            break
    return [Form(DIGITS, d) for d in sorted(forms)]


def value_forms(entity_type: str, value: str, normalised: str | None = None) -> list[Form]:
    """Every fingerprinted form of a value of `entity_type` (empty for values too common to count).
    `normalised`: the value's `values.normalise` form, when the caller has computed it already."""
    if entity_type == "PERSON":
        return name_forms(value)
    if entity_type == "ADDRESS":
        return address_forms(value)  # from the value as written: its line breaks separate its lines
    if entity_type == "PHONE_NUMBER":
        return phone_forms(value, normalised)
    if entity_type not in ("EMAIL_ADDRESS", "CREDIT_CARD"):
        return []
    normalised = normalised or normalise(entity_type, value)
    if entity_type == "EMAIL_ADDRESS":
        return [Form(EMAIL, normalised)] if "@" in normalised else []
    return [Form(DIGITS, normalised)] if 12 <= len(normalised) <= 19 else []


def key_forms(subject_key: str) -> list[Form]:
    """A subject key (customer id) as words: fingerprinted when it is distinctive enough to be evidence."""
    sequence = words(subject_key)
    text = "".join(sequence)
    if not sequence or len(sequence) > 4 or len(text) < 5:
        return []
    digits = sum(c.isdigit() for c in text)
    if not (digits >= 6 or (digits and any(c.isalpha() for c in text))):
        return []
    return [_word_form(sequence)]


class Fingerprinter:
    """Keyed 64-bit BLAKE2b of forms, as signed integers (what the tables and the index hold)."""

    def __init__(self, key: bytes):
        if len(key) < 32:
            raise ValueError("the fingerprint key must be at least 32 bytes")
        self._base = hashlib.blake2b(key=key[:64], digest_size=8)

    @classmethod
    def for_vault(cls, vault: Vault) -> Fingerprinter:
        return cls(vault.derived_key(KEY_LABEL))

    def hash(self, namespace: bytes, text: str) -> int:
        h = self._base.copy()
        h.update(namespace + text.encode("utf-8", "surrogatepass"))
        return int.from_bytes(h.digest(), "big", signed=True)

    @property
    def key_check(self) -> int:
        """A keyed hash of nothing: equal for two fingerprinters exactly when their keys are (a scanner's
        word cache serves only the key it was filled under)."""
        return self.hash(b"", "")

    def sequence_hashes(self, folded: list[str]) -> list[int]:
        """The word-sequence hashes of `folded[:2]`, `folded[:3]`, ... `folded[:n]` (as `hash(WORDS,
        " ".join(...))` gives them), by one running hash, not each longer form hashed from its start."""
        running = self._base.copy()
        running.update(WORDS + folded[0].encode("utf-8", "surrogatepass"))
        hashes = []
        for word in folded[1:]:
            running.update(b" " + word.encode("utf-8", "surrogatepass"))
            hashes.append(int.from_bytes(running.digest(), "big", signed=True))
        return hashes

    def form(self, form: Form) -> int:
        return self.hash(form.namespace, form.text)

    def word(self, folded: str) -> int:
        """The hash of one folded word: also the one-word form, and the prefilter's key."""
        return self.hash(WORDS, folded)

    def first_word(self, form: Form) -> int:
        return self.word(form.first) if form.namespace == WORDS else self.form(form)
