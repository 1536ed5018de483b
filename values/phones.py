"""Phone number normalisation: one E.164 form per number, so the vault keys `02 555 12 34` and
`+32 2 555 12 34` to the same token, and detection accepts only numbers `phonenumbers` calls valid.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import phonenumbers

# Regions whose national formats (no country code) are tried. When a national number is valid in
# several regions, the one whose usual grouping matches the writing wins (`06 12 34 56 78` is French,
# `06 12345678` Dutch); otherwise the first in this order.
DEFAULT_REGIONS: tuple[str, ...] = ("BE", "NL", "FR", "DE", "GB", "IE", "ES", "IT", "US")

# `00` international call prefix used across Europe: `0032 2 555 12 34` is `+32 2 555 12 34`.
_INTERNATIONAL_00 = re.compile(r"^\s*00[ \t]?(?=[1-9])")
# A country code in parentheses, as forms write it: `(+32) 475 12 34 56`.
_COUNTRY_IN_PARENS = re.compile(r"^\s*\(\+(\d{1,3})\)")
_EXTENSION = re.compile(r"\s*(?:ext[.:]?|x|extension:?|poste|durchwahl|#)\s*\d{1,6}\s*$", re.IGNORECASE)
_DIGIT_GROUPS = re.compile(r"\d+")
_NON_SPACE_DIGITS = re.compile(r"[ \t\u00a0]")


def _written_as_nationally(digits: str, national: str, country_code: int) -> bool:
    """A national number is written as its region writes it (`02 555 12 34` in Belgium), trunk prefix
    included: `2125550123` is not how anyone in Germany writes a German number. NANP's `1` is optional."""
    national_digits = "".join(_DIGIT_GROUPS.findall(national))
    return digits == national_digits or (country_code == 1 and digits == "1" + national_digits)


def _groups(text: str) -> list[int]:
    return [len(group) for group in _DIGIT_GROUPS.findall(text)]


def parse_phone(raw: str, regions: tuple[str, ...] | list[str] = DEFAULT_REGIONS):
    """The valid `phonenumbers.PhoneNumber` for `raw` (international, or national in one of
    `regions`), or None. An extension is kept on the returned object, never in its E.164 form."""
    return parse_phone_fit(raw, regions)[0]


def parse_phone_fit(raw: str, regions: tuple[str, ...] | list[str] = DEFAULT_REGIONS):
    """`(number, fits)`: see `_parse_phone_fit`; cached, since logs repeat the same numbers."""
    return _parse_phone_fit(raw, tuple(regions))


# Regions where every number written nationally starts with the trunk prefix `0`, mobiles included (unlike
# China's mobiles or Irish 1850 numbers): a digit run without it is no national number of theirs, and
# parsing it there can be skipped.
_ALWAYS_TRUNK_ZERO = frozenset({"BE", "NL", "FR", "DE", "GB", "AT", "CH"})
# Regions whose numbers never start with 0 nationally (Spain: 6–9; NANP area codes: 2–9): skipped for a
# digit run that does. Regions in neither list (Italy: `06 …` and `3…`; Ireland: `0…` and `1850 …`) are
# always tried.
_NEVER_LEADING_ZERO = frozenset({"ES", "US", "CA", "PT"})


# Digits and the separators phone numbers are written with, nothing `phonenumbers` would read as an
# extension or a letter: the national significant number it parses is then the digits, less a trunk prefix.
_DIGITS_AND_SEPARATORS = re.compile(r"^[\d \t\u00a0().\-/]+$")


@cache
def _national_plan(region: str):
    """`(pattern, lengths, trunk prefixes, international prefixes)` of `region`'s numbering plan: every
    valid national significant number matches the pattern and has one of the lengths; parsing strips a
    trunk prefix (`0`, `1`) and reads an international prefix (`00`, `011`) as a country code to follow.
    None when the metadata says something this reading does not cover (a pattern for the trunk prefix)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if metadata is None or metadata.national_prefix_transform_rule or metadata.general_desc is None:
        return None
    desc = metadata.general_desc
    prefixes = metadata.national_prefix_for_parsing or metadata.national_prefix or ""
    idd = metadata.international_prefix or ""
    if not (desc.possible_length and desc.national_number_pattern):
        return None
    if not re.fullmatch(r"[\d|]*", prefixes) or not re.fullmatch(r"[\d|]*", idd):
        return None
    return (
        re.compile(desc.national_number_pattern),
        frozenset(desc.possible_length),
        tuple(p for p in prefixes.split("|") if p),
        tuple(p for p in idd.split("|") if p),
    )


def _may_be_national(digits: str, region: str) -> bool:
    """Whether a digit string may parse as a valid national number of `region`: the national significant
    number `phonenumbers` would read (`digits`, less a trunk prefix) has a possible length and matches the
    region's general pattern, the first things its validity check asks. A cheap test that spares the
    parses of what is no number of the region (most candidates, in most regions)."""
    plan = _national_plan(region)
    if plan is None:
        return True
    pattern, lengths, prefixes, idds = plan
    if any(digits.startswith(idd) for idd in idds):
        return True  # parsing reads an international call prefix and a country code
    candidates = [digits] + [digits[len(prefix) :] for prefix in prefixes if digits.startswith(prefix)]
    return any(len(nsn) in lengths and pattern.fullmatch(nsn) for nsn in candidates)


def valid_in_region(number, region: str, grouped: bool = True) -> bool:
    """`number` is valid where it was parsed: in `region`, or, for a region of the North American
    Numbering Plan written as the plan writes numbers (`grouped`: separators or an area code in
    parentheses, not a bare run of digits, which ids are too), in any region sharing its country code `+1`
    (a number parsed as a US one may be Canadian, Bermudan or Jamaican: `(905) 772-5962`,
    `(441) 776-8496`). Written nationally, every NANP number looks the same, so the plan is one region for
    reading; `phonenumbers` knows which area codes are whose."""
    if phonenumbers.is_valid_number_for_region(number, region):
        return True
    return grouped and number.country_code == 1 and phonenumbers.is_valid_number(number)


@lru_cache(maxsize=65536)
def _parse_phone_fit(raw: str, regions: tuple[str, ...]):
    """`(number, fits)`: the valid number for `raw` or None, and whether its digit grouping is the one
    its region writes (a strong sign the whole of `raw` is the number, not a number plus a stray group)."""
    text = _COUNTRY_IN_PARENS.sub(r"+\1", _INTERNATIONAL_00.sub("+", raw, count=1), count=1)
    if text.lstrip().startswith("+"):
        try:
            number = phonenumbers.parse(text, None)
        except phonenumbers.NumberParseException:
            return None, False
        if not phonenumbers.is_valid_number(number):
            return None, False
        return number, True
    digits = "".join(_DIGIT_GROUPS.findall(_EXTENSION.sub("", text)))
    written_groups = _groups(_EXTENSION.sub("", text))
    plain = _DIGITS_AND_SEPARATORS.match(text) is not None
    first_valid = None
    for region in regions:
        zero = digits.startswith("0")
        if (region in _ALWAYS_TRUNK_ZERO and not zero) or (region in _NEVER_LEADING_ZERO and zero):
            continue  # no national number of this region is written so
        if plain and not _may_be_national(digits, region):
            continue
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if not valid_in_region(number, region, len(written_groups) > 1):
            continue
        plain = phonenumbers.PhoneNumber(
            country_code=number.country_code, national_number=number.national_number
        )
        plain.italian_leading_zero = number.italian_leading_zero
        plain.number_of_leading_zeros = number.number_of_leading_zeros
        national = phonenumbers.format_number(plain, phonenumbers.PhoneNumberFormat.NATIONAL)
        if not _written_as_nationally(digits, national, number.country_code):
            continue
        if len(written_groups) <= 1 or _groups(national) == written_groups:
            return number, True
        first_valid = first_valid or number
    return first_valid, False


@lru_cache(maxsize=65536)
def is_national_mobile(raw: str, regions: tuple[str, ...] = DEFAULT_REGIONS) -> bool:
    """`raw` is a mobile number written as one of `regions` writes it nationally, trunk prefix included
    (`0649272203` in France, `0875127526` in Ireland even though it is also a valid Dutch number)."""
    digits = "".join(_DIGIT_GROUPS.findall(raw))
    if not digits.startswith("0"):
        return False  # written with the trunk prefix, which is `0` wherever mobiles are written so
    plain = _DIGITS_AND_SEPARATORS.match(raw) is not None
    for region in regions:
        if plain and not _may_be_national(digits, region):
            continue
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if (
            phonenumbers.is_valid_number_for_region(number, region)
            and phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
            and digits == "0" + phonenumbers.national_significant_number(number)
        ):
            return True
    return False


def to_e164(raw: str, regions: tuple[str, ...] | list[str] = DEFAULT_REGIONS) -> str | None:
    """`raw` as a validated E.164 string (`+3225551234`), or None when it is not a valid number
    internationally or nationally in any of `regions`."""
    number = None
    digits = _NON_SPACE_DIGITS.sub("", raw)
    if digits.isdigit() and 11 <= len(digits) <= 15 and not digits.startswith("0"):
        # 11+ bare digits without a trunk prefix are how call detail records write international numbers
        # (`32475123456`); read them so, to give them the same form as `+32475123456`
        number = parse_phone("+" + digits, regions)
    if number is None:
        number = parse_phone(raw, regions)
    if number is None:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
