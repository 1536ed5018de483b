"""Renderings and encodings of personal values that more than one held-out corpus writes, and the context a
record of those corpora is built from. A helper lives here once a second corpus uses it; what only one
corpus writes stays in that corpus's module, so each corpus still reads as the set of shapes it is.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence

from bench.corpora.base import LabelledText
from bench.corpora.noise import Noise
from flows.demo.synthetic_people import Person

# how a country is written after a town, in its own and its neighbours' languages
COUNTRY_NAMES = {
    "BE": ("Belgique", "België", "Belgium", "Belgien"), "NL": ("Nederland", "Pays-Bas", "Netherlands"),
    "FR": ("France",), "DE": ("Deutschland", "Allemagne", "Germany"), "GB": ("United Kingdom", "Royaume-Uni"),
    "IE": ("Ireland", "Irlande"), "ES": ("España", "Espagne", "Spain"), "IT": ("Italia", "Italie", "Italy"),
    "US": ("USA", "United States of America", "États-Unis"),
}  # fmt: skip
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
                       "æ": "ae", "Æ": "AE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ə": "e",
                       "Ə": "E"})  # fmt: skip


def fold(text: str) -> str:
    """`text` in ASCII, as airline and legacy systems keep names."""
    return unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode()


def street_line(p: Person) -> str:
    """The line of the person's address holding street and house number."""
    return next(line for line in p.address.lines if p.address.street in line)


def pairs(digits: str) -> list[str]:
    """Digits in pairs, a leading group of three when their count is odd."""
    head = [digits[:3]] if len(digits) % 2 else []
    rest = digits[3:] if head else digits
    return head + [rest[i : i + 2] for i in range(0, len(rest), 2)]


def iban_of(country: str, bban: str) -> str:
    """The IBAN of `bban` in `country`, with valid check digits (a trap: it is not one of the five)."""
    digits = "".join(str(int(ch, 36)) for ch in bban + country) + "00"
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def json_str(value: str) -> str:
    """`value` as it sits inside a JSON string (only the escapes these values need)."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def sql_str(value: str) -> str:
    """`value` as it sits inside an SQL string literal: apostrophes doubled (`O''Brien`)."""
    return value.replace("'", "''")


def csv_cell(value: str) -> str:
    """`value` as a CSV cell: quoted when it holds a comma, a quote or a line break."""
    return f'"{value}"' if any(ch in value for ch in ',"\n') else value


def add_field(t: LabelledText, value: str, entity: str | None, width: int = 0, quote_csv: bool = False):
    """One field of a table: labelled unless `entity` is None, padded to `width`, CSV-quoted if needed."""
    quoted = quote_csv and value != csv_cell(value)
    t.add('"' if quoted else "")
    t.pii(value, entity) if entity and value else t.add(value)
    t.add('"' if quoted else "")
    return t.add(" " * max(1, width - len(value))) if width else t


class Context:
    """What one record is built from: the seeded rng and noise, and the people it is about (the first its
    subject, the next a relative, colleague, agent or previous holder, a third where a record needs one)."""

    def __init__(self, rng: random.Random, noise: Noise, people: Sequence[Person]) -> None:
        self.rng, self.noise, self.people = rng, noise, people
        self.person, self.other = people[0], people[1]

    @property
    def third(self) -> Person:
        return self.people[2]

    def pick(self, *options):
        return self.rng.choice(options)

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def hexs(self, n: int) -> str:
        return f"{self.rng.getrandbits(4 * n):0{n}x}"

    def letters(self, n: int) -> str:
        return "".join(self.rng.choice("BCDFGHJKLMNPRSTVXZ") for _ in range(n))


class ContactContext(Context):
    """A context with the contact renderings the sixth corpus introduced and the seventh reuses: the address
    in four styles, its street line alone (for records that split an address into fields), the given name
    and a work address at the company's own mail domains (`company_domains`, set by each corpus)."""

    company_domains: tuple[str, ...] = ()

    def given(self, p: Person | None = None) -> str:
        return (p or self.person).first_name.split()[0]

    def work_email(self, p: Person | None = None) -> str:
        p = p or self.person
        local = ".".join(fold(w).lower() for w in (p.first_name.split()[0], p.last_name.replace(" ", "")))
        local = "".join(ch for ch in local if ch.isalnum() or ch in ".-")
        return f"{local}@{self.pick(*self.company_domains)}"

    def address(self, p: Person | None = None, sep: str = ", ", style: str | None = None) -> str:
        p = p or self.person
        style = style or self.rng.choices(("plain", "upper", "lower", "country"), weights=(6, 2, 1, 2))[0]
        lines = list(p.address.lines)
        if style == "upper":
            lines = [fold(line).upper() for line in lines]
        elif style == "lower":
            lines = [line.lower() for line in lines]
        elif style == "country":
            lines.append(self.pick(*COUNTRY_NAMES[p.address.region]))
        return sep.join(lines)

    def street(self, p: Person | None = None, upper: bool = False) -> str:
        line = street_line(p or self.person)
        return fold(line).upper() if upper else line
