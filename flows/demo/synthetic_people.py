"""Synthetic people for demos, tests and the detection corpus: seeded, deterministic, and realistic enough
that a detector tuned on them meets real data (valid phone numbers, Luhn-valid cards, postal addresses in
each region's own convention), plus the renderers for the many ways real systems write those values.

Nothing here is a real person: names and streets come from Faker, phone numbers are random numbers that
`phonenumbers` accepts as valid, card numbers are random digits with a Luhn check digit.
"""

from __future__ import annotations

import random
import unicodedata
import zlib
from dataclasses import dataclass

import phonenumbers
from faker import Faker
from phonenumbers import PhoneNumberFormat, PhoneNumberType

# Region -> Faker locales its people are drawn from (Belgium is bilingual).
REGION_LOCALES: dict[str, tuple[str, ...]] = {
    "BE": ("nl_BE", "fr_BE"),
    "NL": ("nl_NL",),
    "FR": ("fr_FR",),
    "DE": ("de_DE",),
    "GB": ("en_GB",),
    "IE": ("en_IE",),
    "ES": ("es_ES",),
    "IT": ("it_IT",),
    "US": ("en_US",),
}
REGIONS: tuple[str, ...] = tuple(REGION_LOCALES)

PHONE_STYLES = (
    "e164",  # +3225551234
    "international",  # +32 2 555 12 34
    "international_00",  # 0032 2 555 12 34
    "national",  # 02 555 12 34, (201) 555-0123
    "national_dashes",  # 02-555-12-34
    "national_dots",  # 02.555.12.34
    "national_compact",  # 025551234
    "trunk_zero",  # +32 (0)2 555 12 34
    "extension",  # +32 2 555 12 34 ext. 12
)
CARD_STYLES = ("plain", "spaced", "dashed")
EMAIL_STYLES = ("lower", "upper", "capitalized")
NAME_STYLES = ("title", "upper", "last_upper")
ADDRESS_STYLES = ("one_line", "multi_line")

# Regions whose national numbers start with a trunk prefix `0` that international forms may show as `(0)`.
_TRUNK_ZERO_REGIONS = frozenset({"BE", "NL", "FR", "DE", "GB", "IE"})
_MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
_LANDLINE_TYPES = frozenset({PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE})

# (brand, IIN prefixes, length, weight): the lengths span the 13-19 digits cards come in.
_CARD_BRANDS = (
    ("visa", ("4",), 16, 45),
    ("mastercard", ("51", "52", "53", "54", "55", "2221", "2720"), 16, 33),
    ("amex", ("34", "37"), 15, 12),
    ("maestro", ("6759", "6763", "5018"), 19, 6),
    ("visa13", ("4",), 13, 4),
)
_FRENCH_STREET_KINDS = ("Rue", "Avenue", "Chaussée de", "Place", "Boulevard", "Rue du")


@dataclass(frozen=True)
class PostalAddress:
    """A postal address split into the parts a region's convention orders differently."""

    region: str
    street: str
    house_number: str
    unit: str  # flat/box/apartment, "" when none
    postcode: str
    city: str
    lines: tuple[str, ...]  # the address as the region writes it, one entry per line

    def one_line(self) -> str:
        return ", ".join(self.lines)

    def multi_line(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Person:
    """One synthetic customer; phone numbers are E.164, the card number is digits only."""

    customer_id: str
    region: str
    locale: str
    first_name: str
    last_name: str
    email: str
    mobile: str
    landline: str
    address: PostalAddress
    card_number: str
    household_id: str = ""  # shared by people who share a landline and an address

    @property
    def phones(self) -> tuple[str, str]:
        return (self.mobile, self.landline)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def luhn_check_digit(partial: str) -> str:
    """The digit that makes `partial + digit` pass the Luhn check."""
    total = 0
    for index, char in enumerate(reversed(partial)):
        digit = int(char)
        if index % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    """True when the digits of `number` pass the Luhn check."""
    digits = "".join(c for c in number if c.isdigit())
    return len(digits) > 1 and luhn_check_digit(digits[:-1]) == digits[-1]


def random_card_number(rng: random.Random) -> str:
    """A Luhn-valid card number of a weighted random brand."""
    _, prefixes, length, _ = rng.choices(_CARD_BRANDS, weights=[b[3] for b in _CARD_BRANDS])[0]
    prefix = rng.choice(prefixes)
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return body + luhn_check_digit(body)


def random_phone_number(region: str, kind: str, rng: random.Random) -> str:
    """A random E.164 number that `phonenumbers` calls valid for `region`; `kind` is mobile or landline.

    Starts from the region's example number and randomises the digits after its leading ones, so the
    numbers vary but keep to the region's numbering plan."""
    number_type = PhoneNumberType.MOBILE if kind == "mobile" else PhoneNumberType.FIXED_LINE
    accepted = _MOBILE_TYPES if kind == "mobile" else _LANDLINE_TYPES
    example = phonenumbers.example_number_for_type(region, number_type)
    national = phonenumbers.national_significant_number(example)
    country_code = example.country_code
    for keep in (1, 1, 2, 2, 3, 4) * 40:
        digits = national[:keep] + "".join(rng.choice("0123456789") for _ in range(len(national) - keep))
        candidate = phonenumbers.parse(f"+{country_code}{digits}")
        if (
            phonenumbers.is_valid_number_for_region(candidate, region)
            and phonenumbers.number_type(candidate) in accepted
        ):
            return phonenumbers.format_number(candidate, PhoneNumberFormat.E164)
    return phonenumbers.format_number(example, PhoneNumberFormat.E164)


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


class PeopleGenerator:
    """Deterministic source of synthetic people: the same seed gives the same people in the same order."""

    def __init__(self, seed: int = 0, regions: tuple[str, ...] = REGIONS) -> None:
        unknown = set(regions) - set(REGION_LOCALES)
        if unknown:
            raise ValueError(f"unsupported regions: {sorted(unknown)}")
        self.regions = tuple(regions)
        self.rng = random.Random(seed)
        self._fakers: dict[str, Faker] = {}
        self._seed = seed
        self._used_emails: set[str] = set()
        self._used_customer_ids: set[str] = set()
        self._households = 0

    def faker(self, locale: str) -> Faker:
        """The seeded Faker for `locale` (one per locale, seeded from the generator's seed)."""
        if locale not in self._fakers:
            fake = Faker(locale)
            fake.seed_instance(self._seed * 1_000_003 + zlib.crc32(locale.encode()))
            self._fakers[locale] = fake
        return self._fakers[locale]

    # -- people -----------------------------------------------------------------------------------

    def person(self, region: str | None = None) -> Person:
        """One person of `region` (a random one of the generator's regions when None)."""
        region = region or self.rng.choice(self.regions)
        locale = self.rng.choice(REGION_LOCALES[region])
        fake = self.faker(locale)
        first, last = fake.first_name(), fake.last_name()
        return self._make(region, locale, first, last, self.address(region, locale), landline=None)

    def namesake_of(self, other: Person) -> Person:
        """Somebody else with exactly the same first and last name (same region, all else different)."""
        address = self.address(other.region, other.locale)
        return self._make(
            other.region, other.locale, other.first_name, other.last_name, address, landline=None
        )

    def household(self, region: str | None = None, size: int = 2) -> list[Person]:
        """`size` people sharing an address and a landline (and, mostly, a last name)."""
        region = region or self.rng.choice(self.regions)
        locale = self.rng.choice(REGION_LOCALES[region])
        fake = self.faker(locale)
        self._households += 1
        household_id = f"H{self._households:06d}"
        address = self.address(region, locale)
        landline = random_phone_number(region, "landline", self.rng)
        last = fake.last_name()
        members = []
        for _ in range(size):
            member_last = last if self.rng.random() < 0.8 else fake.last_name()
            members.append(
                self._make(region, locale, fake.first_name(), member_last, address, landline, household_id)
            )
        return members

    def people(self, count: int, household_share: float = 0.1, namesake_share: float = 0.05) -> list[Person]:
        """`count` people across the regions, about `household_share` of them living in two-person
        households and about `namesake_share` of them sharing their full name with somebody else."""
        result: list[Person] = []
        while len(result) < count:
            roll = self.rng.random()
            if roll < household_share / 2 and count - len(result) >= 2:
                result.extend(self.household())
            elif roll < household_share / 2 + namesake_share / 2 and result and count - len(result) >= 1:
                result.append(self.namesake_of(self.rng.choice(result)))
            else:
                result.append(self.person())
        return result[:count]

    def _make(self, region, locale, first, last, address, landline, household_id="") -> Person:
        mobile = random_phone_number(region, "mobile", self.rng)
        landline = landline or random_phone_number(region, "landline", self.rng)
        return Person(
            customer_id=self._customer_id(),
            region=region,
            locale=locale,
            first_name=first,
            last_name=last,
            email=self._email(first, last, locale),
            mobile=mobile,
            landline=landline,
            address=address,
            card_number=random_card_number(self.rng),
            household_id=household_id,
        )

    def _customer_id(self) -> str:
        while True:
            candidate = f"CU{self.rng.randrange(10**7, 10**8)}"
            if candidate not in self._used_customer_ids:
                self._used_customer_ids.add(candidate)
                return candidate

    def _email(self, first: str, last: str, locale: str) -> str:
        f, l_ = _ascii_word(first) or "user", _ascii_word(last) or "name"
        shape = self.rng.randrange(5)
        local = (
            f"{f}.{l_}",
            f"{f[0]}{l_}",
            f"{f}_{l_}{self.rng.randrange(10, 99)}",
            f"{l_}.{f}",
            f"{f}{l_}",
        )[shape]
        fake = self.faker(locale)
        domain = fake.free_email_domain() if self.rng.random() < 0.7 else fake.domain_name()
        email = f"{local}@{domain}"
        while email in self._used_emails:
            email = f"{local}{self.rng.randrange(100, 999)}@{domain}"
        self._used_emails.add(email)
        return email

    # -- addresses --------------------------------------------------------------------------------

    def address(self, region: str, locale: str | None = None) -> PostalAddress:
        """A postal address written the way `region` writes it (street/number order, unit, postcode)."""
        locale = locale or REGION_LOCALES[region][0]
        rng = self.rng
        number = str(rng.randint(1, 240))
        with_unit = rng.random() < 0.3
        if region == "BE":
            place = self.faker("nl_BE")
            if locale == "fr_BE":
                street = f"{rng.choice(_FRENCH_STREET_KINDS)} {self.faker('fr_FR').last_name()}"
                unit = f"bte {rng.randint(1, 30)}" if with_unit else ""
            else:
                street = place.street_name()
                unit = f"bus {rng.randint(1, 30)}" if with_unit else ""
            postcode, city = str(rng.randint(1000, 9992)), place.city()
            first_line = " ".join(x for x in (street, number, unit) if x)
            lines = (first_line, f"{postcode} {city}")
        elif region == "NL":
            fake = self.faker("nl_NL")
            street, city = fake.street_name(), fake.city()
            letters = rng.choice("ABCDEGHJKLMNPRSTVWXZ") + rng.choice("ABCDEHJKLNPRSTVXZ")
            postcode = f"{rng.randint(1000, 9999)} {letters}"
            unit = rng.choice(("-2", "-3", "A", "B", "-II")) if with_unit else ""
            lines = (f"{street} {number}{unit}", f"{postcode} {city}")
        elif region == "FR":
            fake = self.faker("fr_FR")
            street, city = fake.street_name(), fake.city()
            postcode = f"{rng.randint(1000, 95999):05d}"
            unit = f"Appt {rng.randint(1, 60)}" if with_unit else ""
            lines = tuple(x for x in (f"{number} {street}", unit, f"{postcode} {city}") if x)
        elif region == "DE":
            fake = self.faker("de_DE")
            street, city = fake.street_name(), fake.city()
            postcode = f"{rng.randint(1067, 99998):05d}"
            unit = rng.choice("abc") if with_unit else ""
            lines = (f"{street} {number}{unit}", f"{postcode} {city}")
        elif region == "GB":
            fake = self.faker("en_GB")
            street, city, postcode = fake.street_name(), fake.city(), fake.postcode()
            unit = f"Flat {rng.randint(1, 40)}" if with_unit else ""
            lines = tuple(x for x in (unit, f"{number} {street}", city, postcode) if x)
        elif region == "IE":
            fake = self.faker("en_IE")
            street, city = fake.street_name(), fake.city()
            raw = fake.postcode().replace(" ", "")
            postcode = f"{raw[:3]} {raw[3:]}"
            unit = f"Apartment {rng.randint(1, 40)}" if with_unit else ""
            lines = tuple(x for x in (unit, f"{number} {street}", city, postcode) if x)
        elif region == "ES":
            fake = self.faker("es_ES")
            street, city = fake.street_name(), fake.city()
            postcode = f"{rng.randint(1001, 52080):05d}"
            unit = f"{rng.randint(1, 9)}º {rng.choice('ABCD')}" if with_unit else ""
            first_line = ", ".join(x for x in (street, number, unit) if x)
            lines = (first_line, f"{postcode} {city}")
        elif region == "IT":
            fake = self.faker("it_IT")
            street = fake.street_name()
            # "52045, Foiano Della Chiana (AR)": a real CAP with its town (Faker's city() is not seedable)
            postcode, town = fake.postcode_city_province().split(", ", 1)
            city, province = town.rsplit(" (", 1)
            unit = f"int. {rng.randint(1, 30)}" if with_unit else ""
            first_line = ", ".join(x for x in (f"{street} {number}", unit) if x)
            lines = (first_line, f"{postcode} {city} ({province}")
        else:  # US
            fake = self.faker("en_US")
            street, city = fake.street_name(), fake.city()
            postcode = fake.zipcode()
            unit = f"Apt {rng.randint(1, 40)}" if with_unit else ""
            first_line = " ".join(x for x in (number, street, unit) if x)
            lines = (first_line, f"{city}, {fake.state_abbr()} {postcode}")
        return PostalAddress(region, street, number, unit, postcode, city, tuple(lines))


def generate_people(count: int, seed: int = 0, regions: tuple[str, ...] = REGIONS) -> list[Person]:
    """`count` deterministic synthetic people (with households and namesakes among them)."""
    return PeopleGenerator(seed, regions).people(count)


# -- renderers: the ways real systems write each value -------------------------------------------


def render_phone(e164: str, style: str, rng: random.Random | None = None) -> str:
    """`e164` written in one of PHONE_STYLES (national forms in the number's own region)."""
    number = phonenumbers.parse(e164)
    region = phonenumbers.region_code_for_number(number)
    international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    if style == "e164":
        return e164
    if style == "international":
        return international
    if style == "international_00":
        return "00" + international[1:]
    if style == "national":
        return national
    if style in ("national_dashes", "national_dots", "national_compact"):
        groups = national.replace("(", " ").replace(")", " ").replace("-", " ").split()
        return {"national_dashes": "-", "national_dots": ".", "national_compact": ""}[style].join(groups)
    if style == "trunk_zero":
        if region not in _TRUNK_ZERO_REGIONS:
            return international
        code, rest = international.split(" ", 1)
        return f"{code} (0){rest}"
    if style == "extension":
        rng = rng or random.Random(e164)
        marker = rng.choice((" ext. ", " ext ", " x", " ext.", " ext: "))
        return f"{international}{marker}{rng.randint(10, 9999)}"
    raise ValueError(f"unknown phone style: {style}")


def render_card(number: str, style: str) -> str:
    """Card `number` written plain, or grouped by spaces or dashes (4-6-5 for 15 digits, 4-4-5 for 13,
    otherwise by fours)."""
    if style == "plain":
        return number
    if len(number) == 15:
        groups = [number[:4], number[4:10], number[10:]]
    elif len(number) == 13:
        groups = [number[:4], number[4:8], number[8:]]
    else:
        groups = [number[i : i + 4] for i in range(0, len(number), 4)]
    if style == "spaced":
        return " ".join(groups)
    if style == "dashed":
        return "-".join(groups)
    raise ValueError(f"unknown card style: {style}")


def render_email(email: str, style: str) -> str:
    """`email` lower-cased, upper-cased, or with capitalised words (`Ann.Peeters@Gmail.com`)."""
    if style == "lower":
        return email.lower()
    if style == "upper":
        return email.upper()
    if style == "capitalized":
        local, domain = email.split("@", 1)
        return ".".join(p.capitalize() for p in local.split(".")) + "@" + domain.capitalize()
    raise ValueError(f"unknown email style: {style}")


def render_name(person: Person, style: str) -> str:
    """The full name as Title case, ALL CAPS, or first name with the last name in capitals."""
    if style == "title":
        return person.full_name
    if style == "upper":
        return person.full_name.upper()
    if style == "last_upper":
        return f"{person.first_name} {person.last_name.upper()}"
    raise ValueError(f"unknown name style: {style}")


def render_address(address: PostalAddress, style: str) -> str:
    """The address on one comma-separated line or on several lines."""
    if style == "one_line":
        return address.one_line()
    if style == "multi_line":
        return address.multi_line()
    raise ValueError(f"unknown address style: {style}")
