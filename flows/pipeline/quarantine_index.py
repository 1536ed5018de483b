"""A keyed index of each quarantined record, so an erasure opens only the records that can hold its subject.

Erasure used to decrypt and scan every quarantined record for every request, so one big unreadable line
stalled every erasure. Now each record is indexed when it is quarantined: the sorted set of short keyed
hashes (BLAKE2b under a key derived from the vault's master secret, `flows.quarantine-index`, and salted
per record, see `IndexKey`) of
- every word: each run of letters and digits (`[^\\W_]+`) of the record, NFKC case-folded alone and as
  NFKC folds it with its neighbours (decomposed accents, ligatures, compatibility characters), the
  ASCII letter-digit runs inside a word (an email glued to a non-ASCII letter), and the word as subject
  fingerprints fold it (`vault.fingerprint_forms.words`: accents dropped, `Wójcik` is `wojcik`);
- every 7 consecutive digits of each run of digits and separators (a phone or a card number, written any
  way, ends in the same seven digits);
- the subject id the vault computes for each customer-id-shaped word (`SUBJECT_KEY_WORD`; a keyed hash
  already, truncated to 8 bytes): a customer id's plaintext is not known at erasure time, its subject id is.
The erasure's resolve step computes the same hashes for each value of the subject's cluster
(`value_hashes`: the words of a name, an address or an email, the last seven digits of a phone or a card)
and for their subject ids (`SubjectHashes`); a record can hold a value only when its index holds every hash
the value needs, or every word of one of the value's fingerprinted written forms (`vault.fingerprint_forms`:
the street line alone, `BRIGGS, Georgia`, first and last name without the middle ones), so a record
whose index rules the subject out is neither decrypted nor scanned. The forms are the fingerprints' own:
one set of written forms, folded and split the same way on both sides. An index written before the
fingerprint folding was added (it lacks `FORMS_MARK`) cannot rule a form out: such a record is opened
whenever one of the subject's values has written forms. Both sides
split text the same way because they call the same functions here. The index covers the record as its raw
file holds it (`flows.pipeline.quarantine`: a line the quarantine keeps only in part is indexed whole).

Nothing in the index is recoverable without the vault's key: each entry is a keyed hash, and without the
key nobody can compute one to test a guess (a plain hash of a phone number falls to a dictionary attack,
a keyed one does not); with the key, the sealed record can be opened anyway. Each record's salt keeps its
entries apart from every other record's: without the key, two records holding the same email cannot be
told from two that do not. A record larger than
`MAX_INDEXED_BYTES` gets no index (`None`), and neither do records quarantined before indexing existed:
those are always examined.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import filterfalse
from typing import TYPE_CHECKING

from values.normalise import normalise_card, normalise_email, normalise_phone, normalise_text
from vault.fingerprint_forms import WORDS, value_forms
from vault.fingerprint_forms import words as fingerprint_words

if TYPE_CHECKING:
    from vault.store import Vault

INDEX_LABEL = "flows.quarantine-index"
HASH_BYTES = 8  # an index entry
UNIT_BYTES = 16  # a word's, digit tail's or subject id's keyed hash, before a record's salt
SALT_BYTES = 16  # each record's own
TAIL_DIGITS = 7
MAX_INDEXED_BYTES = 64 << 20  # above this a record is always examined (a 50 MB line is indexed)
# a unit every index written since records also hold the fingerprints' folding of their words (no word
# holds a NUL, so no record's word is this)
FORMS_MARK = "\x00fingerprint-forms"

WORD_RUN = re.compile(r"[^\W_]+")
ASCII_RUN = re.compile(r"[A-Za-z0-9]+")
# customer-id-shaped words: the erasure's quarantine step compares each one's subject id with the subject's
SUBJECT_KEY_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{2,63}")
# runs of 7 digits or more with the separators a phone or a card is written with (the erasure's phone and
# card candidates lie inside one); possessive, so a run is taken whole from its first digit
DIGIT_RUN = re.compile(r"\d(?:[ \t().\-/]*+\d){6,}+")
NOT_DIGIT = re.compile(r"\D")
# ASCII bytes outside every word, digit run (`[ \t().\-/]`) and customer id (`_`, `-`): a record read in
# pieces is cut only after one of these, never inside a UTF-8 sequence either
CUT_BYTES = [bytes([b]) for b in b"\n\r\x00!\"#$%&'*+,:;<=>?@[\\]^`{|}~"]
# a stretch of text between ASCII separators and undecodable bytes: NFKC never folds across those, so a
# segment folded alone gives the words the whole text folded would (decomposed accents, `™`, ligatures)
SEGMENT = re.compile(r"[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\udc80-\udcff]++")


def fold(text: str) -> str:
    """NFKC, case-folded: the part of `normalise_text` that decides what a word is."""
    return unicodedata.normalize("NFKC", text).casefold()


def words_of(text: str) -> list[str]:
    """The words of an already folded text, in order."""
    return WORD_RUN.findall(text)


def ascii_digits(digits: str) -> str:
    """Digits of any script as ASCII (a phone written in full-width digits ends in the same digits)."""
    return digits if digits.isascii() else "".join(str(unicodedata.decimal(d)) for d in digits)


def record_words(text: str) -> set[str]:
    """Every word of a record as the index holds it: each segment's words folded together, each word
    folded alone, the ASCII letter-digit runs of a word holding other letters (`éjohn` holds `john`), and
    each word as fingerprints fold it (`wójcik` holds `wojcik`; an ASCII word folds to itself).
    The distinct non-ASCII segments are folded in one call, joined by NUL (NFKC never folds across it)."""
    segments = set(SEGMENT.findall(text))
    found = set(map(str.lower, filter(str.isascii, segments)))  # one ASCII word each: the common case
    others = "\x00".join(filterfalse(str.isascii, segments))
    if others:
        found.update(words_of(fold(others)))
        found.update(words_of(fold("\x00".join(WORD_RUN.findall(others)))))
        found.update(map(str.lower, ASCII_RUN.findall(others)))
        found.update(fingerprint_words(others))
    return found


def digit_tails(text: str) -> set[str]:
    """Every 7 consecutive digits of each run of digits and separators."""
    found = set()
    for run in DIGIT_RUN.findall(text):
        digits = ascii_digits(NOT_DIGIT.sub("", run))
        found.update(digits[i : i + TAIL_DIGITS] for i in range(len(digits) - TAIL_DIGITS + 1))
    return found


def last_cut(data: bytes) -> int:
    """Where a record may be cut without splitting a word, digit run or customer id: after its last
    `CUT_BYTES` byte (0 when it has none)."""
    return max(map(data.rfind, CUT_BYTES)) + 1


class IndexKey:
    """The keyed hashes of the index. A word or a digit tail is first a 16-byte unit (BLAKE2b under the
    index key, each kind in its own domain; a subject id, a keyed hash already, is its own unit); a
    record's index holds, for each unit, an 8-byte BLAKE2b of it under the index key and the record's own
    random salt, so two records that share a word share no entry."""

    def __init__(self, key: bytes, subject_id: Callable[[str], str]):
        self._key = key
        self._subject_id = subject_id

    def _unit(self, domain: bytes, text: str) -> bytes:
        data = domain + text.encode("utf-8", "surrogatepass")
        return hashlib.blake2b(
            data, digest_size=UNIT_BYTES, key=self._key, person=b"pv-quarantine-u"
        ).digest()

    def word(self, word: str) -> bytes:
        return self._unit(b"w\x00", word)

    def tail(self, digits: str) -> bytes:
        return self._unit(b"d\x00", digits)

    @staticmethod
    def subject(subject_id: str) -> bytes:
        return bytes.fromhex(subject_id[: 2 * UNIT_BYTES])

    def subject_of_word(self, word: str) -> bytes:
        """The unit of the subject id the vault computes for a customer-id-shaped word."""
        return self.subject(self._subject_id(word))

    def entry(self, unit: bytes, salt: bytes) -> bytes:
        """What a record's index (salted with `salt`) holds for a unit."""
        return hashlib.blake2b(
            unit, digest_size=HASH_BYTES, key=self._key, salt=salt, person=b"pv-quarantine-e"
        ).digest()

    def record_index(self, *copies: bytes, salt: bytes | None = None) -> bytes | None:
        """A record's index over all its copies (the sealed one and the raw one, when they differ): its
        salt (random unless given), then its sorted entries; None above `MAX_INDEXED_BYTES`. A copy that
        begins the longest one (the first 16 MiB the quarantine kept of a long line) adds only its last,
        maybe cut, words."""
        longest = max(copies, key=len)
        parts = [longest]
        for copy in copies:
            if copy is not longest:
                cut = last_cut(copy)
                parts.append(copy[cut:] if longest.startswith(copy[:cut]) else copy)
        return self.streamed_index(([part] for part in parts), salt)

    def streamed_index(self, copies: Iterable[Iterable[bytes]], salt: bytes | None = None) -> bytes | None:
        """`record_index` of copies given in pieces (a raw line read a few MiB at a time); a piece is cut
        only after a byte no word, digit run or customer id holds, so the pieces give the whole's units."""
        units: set[bytes] = {self.word(FORMS_MARK)}
        for pieces in copies:
            size, pending = 0, b""
            for piece in pieces:
                size += len(piece)
                if size > MAX_INDEXED_BYTES:
                    return None
                pending += piece
                cut = last_cut(pending)
                if cut:
                    self._add(units, pending[:cut])
                    pending = pending[cut:]
            self._add(units, pending)
        salt = os.urandom(SALT_BYTES) if salt is None else salt
        return salt + b"".join(sorted({self.entry(unit, salt) for unit in units}))

    def _add(self, units: set[bytes], data: bytes) -> None:
        text = data.decode("utf-8", "surrogateescape")
        units.update(map(self.word, record_words(text)))
        units.update(map(self.tail, digit_tails(text)))
        units.update(map(self.subject_of_word, set(SUBJECT_KEY_WORD.findall(text))))

    def encoded_index(self, *copies: bytes) -> str | None:
        """`record_index` as the quarantine entry stores it (base64), or None."""
        return encode_index(self.record_index(*copies))

    def read(self, entry: dict) -> RecordIndex | None:
        """The index stored with a quarantine entry; None when it has none (old entry, too big)."""
        encoded = entry.get("index")
        return None if encoded is None else RecordIndex(self, base64.b64decode(encoded))


def encode_index(index: bytes | None) -> str | None:
    """An index as a quarantine entry stores it (base64), or None."""
    return None if index is None else base64.b64encode(index).decode("ascii")


def merge_indexes(*indexes: bytes | None) -> bytes | None:
    """The union of indexes of the copies of one record (made with the same salt); None when one of them
    is None."""
    if any(index is None for index in indexes):
        return None
    salt = indexes[0][:SALT_BYTES]
    if any(index[:SALT_BYTES] != salt for index in indexes):
        raise ValueError("indexes of one record share its salt")
    hashes = {
        index[i : i + HASH_BYTES] for index in indexes for i in range(SALT_BYTES, len(index), HASH_BYTES)
    }
    return salt + b"".join(sorted(hashes))


def index_key(vault: Vault) -> IndexKey:
    """The index key of this vault (derived from its master secret, so it survives KEK rotation)."""
    return IndexKey(vault.derived_key(INDEX_LABEL), vault.subject_id)


class RecordIndex:
    """A record's index as read from its quarantine entry: whether it holds a unit, by binary search over
    its entries (an index of a big record holds millions), nothing decoded beyond base64."""

    def __init__(self, key: IndexKey, blob: bytes):
        if len(blob) < SALT_BYTES or (len(blob) - SALT_BYTES) % HASH_BYTES:
            raise ValueError("a quarantine index is a salt and a whole number of hashes")
        self._key = key
        self._salt = blob[:SALT_BYTES]
        self._blob = blob
        self._count = (len(blob) - SALT_BYTES) // HASH_BYTES
        self._known: dict[bytes, bool] = {}
        self.mark = key.word(FORMS_MARK)  # held by indexes that hold the fingerprints' folding of words

    def __len__(self) -> int:
        return self._count

    def __contains__(self, unit: bytes) -> bool:
        if unit not in self._known:
            self._known[unit] = self._holds(self._key.entry(unit, self._salt))
        return self._known[unit]

    def _holds(self, digest: bytes) -> bool:
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            at = SALT_BYTES + middle * HASH_BYTES
            found = self._blob[at : at + HASH_BYTES]
            if found == digest:
                return True
            if found < digest:
                low = middle + 1
            else:
                high = middle
        return False


def _email_words(value: str) -> list[str]:
    """The words of an email that any way of writing it shows as whole words: not its top-level label (an
    address candidate may end inside `com2`) nor a first word starting with a digit (a candidate may start
    inside `cc9x` right after another address)."""
    found = words_of(normalise_email(value))[:-1]
    return found[1:] if found and found[0][0].isdigit() else found


def _tail(digits: str) -> list[str]:
    digits = ascii_digits(NOT_DIGIT.sub("", digits))
    return [digits[-TAIL_DIGITS:]] if len(digits) >= TAIL_DIGITS else []


def form_units(key: IndexKey, entity_type: str, value: str) -> list[list[str]]:
    """Per fingerprinted written form of a name or an address (`vault.fingerprint_forms.value_forms`), the
    units of its words (base64): a record holding every one of them may hold that form."""
    if entity_type not in ("PERSON", "ADDRESS"):
        return []  # emails, phones and cards: every form needs what `value_hashes` needs already
    forms = {
        tuple(sorted({_b64(key.word(w)) for w in form.text.split()}))
        for form in value_forms(entity_type, value)
        if form.namespace == WORDS
    }
    return [list(units) for units in sorted(forms)]


def value_hashes(key: IndexKey, entity_type: str, value: str) -> dict:
    """What a record's index must hold to hold `value`: `needs` (every unit, base64); for names and
    addresses `first` (the unit of their first word, where the erasure's scan starts a window) and `forms`
    (`form_units`: the units of each of its fingerprinted written forms, any one of which may be there)."""
    first = None
    if entity_type == "EMAIL_ADDRESS":
        needs = [key.word(w) for w in _email_words(value)]
    elif entity_type == "PHONE_NUMBER":
        needs = [key.tail(t) for t in _tail(normalise_phone(value))]
    elif entity_type == "CREDIT_CARD":
        needs = [key.tail(t) for t in _tail(normalise_card(value))]
    else:
        words = words_of(normalise_text(value))
        needs = [key.word(w) for w in words]
        first = _b64(needs[0]) if needs else None
    found = {"needs": sorted({_b64(h) for h in needs}), "first": first}
    forms = form_units(key, entity_type, value)
    return found | {"forms": forms} if forms else found


def _b64(digest: bytes) -> str:
    return base64.b64encode(digest).decode("ascii")


@dataclass
class SubjectHashes:
    """The subject's side of the index, recorded by the erasure's resolve step (keyed hashes only):
    per cluster token, the units its value needs (and those of each of its written forms); the units of
    the cluster's subject ids; and the cluster's fingerprints (`vault.fingerprints.SubjectFingerprint`
    lists), which the erasure looks for in the records it opens. A token missing from `values` (its value
    could not be read) may be in any record."""

    subjects: list[str] = field(default_factory=list)
    values: dict[str, dict] = field(default_factory=dict)
    fingerprints: list[list] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._subjects = [base64.b64decode(h) for h in self.subjects]
        self._needs = {t: [base64.b64decode(h) for h in v["needs"]] for t, v in self.values.items()}
        self._forms = {
            t: [[base64.b64decode(h) for h in form] for form in v.get("forms", ())]
            for t, v in self.values.items()
        }

    def to_dict(self) -> dict:
        return {"subjects": self.subjects, "values": self.values, "fingerprints": self.fingerprints}

    @classmethod
    def from_dict(cls, data: dict | None) -> SubjectHashes | None:
        if data is None:
            return None
        return cls(list(data["subjects"]), dict(data["values"]), list(data.get("fingerprints", ())))

    @classmethod
    def of(
        cls,
        key: IndexKey,
        subject_ids: Iterable[str],
        values: dict[str, tuple[str, str]],
        fingerprints: Iterable[list] = (),
    ) -> SubjectHashes:
        """From the cluster's subject ids, its values read for the erasure (token -> (type, value)) and
        its fingerprints; a value that cannot be normalised is left out (so it may be in any record)."""
        found = {}
        for token, (entity_type, value) in values.items():
            try:
                found[token] = value_hashes(key, entity_type, value)
            except Exception:  # never echo the value: the token is left out, so it may be anywhere
                continue
        return cls(sorted(_b64(key.subject(s)) for s in subject_ids), found, list(fingerprints))

    def may_hold_value(self, token: str, index: RecordIndex | None) -> bool:
        """Whether a record with this index can hold the token's value, as stored or in one of its
        written forms (an index without the fingerprints' folding cannot rule a form out)."""
        needs = self._needs.get(token)
        if index is None or needs is None or all(h in index for h in needs):
            return True
        forms = self._forms.get(token)
        if not forms:
            return False
        if index.mark not in index:
            return True
        return any(all(h in index for h in form) for form in forms)

    def may_hold_subject_key(self, index: RecordIndex | None) -> bool:
        """Whether a record with this index can hold a customer id of the cluster."""
        return index is None or any(h in index for h in self._subjects)

    def words(self, tokens: Iterable[str]) -> set[bytes] | None:
        """Every unit these values need, together; None when one of them is unknown."""
        found = set()
        for token in tokens:
            if token not in self._needs:
                return None
            found.update(self._needs[token])
        return found

    def first_words(self, tokens: Iterable[str]) -> set[bytes] | None:
        """Units of the first words of these names and addresses; None when one is unknown."""
        found = set()
        for token in tokens:
            first = self.values.get(token, {}).get("first")
            if first is None:
                return None
            found.add(base64.b64decode(first))
        return found
