"""Synthetic people must be deterministic and valid (phones per region, Luhn cards), and every rendering
of a value must still be that value, or the corpus built on them would teach detection the wrong thing."""

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

from flows.demo.synthetic_people import (
    CARD_STYLES,
    EMAIL_STYLES,
    NAME_STYLES,
    PHONE_STYLES,
    REGIONS,
    PeopleGenerator,
    generate_people,
    luhn_valid,
    render_address,
    render_card,
    render_email,
    render_name,
    render_phone,
)

POSTCODE_PATTERNS = {
    "BE": r"\d{4}",
    "NL": r"\d{4} [A-Z]{2}",
    "FR": r"\d{5}",
    "DE": r"\d{5}",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}",
    "IE": r"[A-Z\d]{3} [A-Z\d]{4}",
    "ES": r"\d{5}",
    "IT": r"\d{5}",
    "US": r"\d{5}",
}


@pytest.fixture(scope="module")
def people_by_region():
    generator = PeopleGenerator(seed=7)
    return {region: [generator.person(region) for _ in range(15)] for region in REGIONS}


def test_same_seed_gives_same_people_and_another_seed_does_not():
    assert generate_people(30, seed=5) == generate_people(30, seed=5)
    assert generate_people(30, seed=5) != generate_people(30, seed=6)


def test_people_do_not_depend_on_the_interpreter_hash_seed():
    """Faker draws some values from sets; a generator using those would differ from one run to the next."""
    script = (
        "from flows.demo.synthetic_people import generate_people; print(repr(generate_people(400, seed=9)))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script], env={**os.environ, "PYTHONHASHSEED": str(hash_seed)},
            capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[2],
        ).stdout
        for hash_seed in (1, 2)
    }  # fmt: skip
    assert len(runs) == 1 and repr(generate_people(400, seed=9)) + "\n" in runs


@pytest.mark.parametrize("region", REGIONS)
def test_phones_are_valid_numbers_of_the_region(people_by_region, region):
    for person in people_by_region[region]:
        for e164 in person.phones:
            number = phonenumbers.parse(e164)
            assert phonenumbers.is_valid_number(number), e164
            assert phonenumbers.region_code_for_number(number) == region, e164
        assert phonenumbers.number_type(phonenumbers.parse(person.mobile)) in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        )


@pytest.mark.parametrize("region", REGIONS)
def test_cards_emails_and_addresses_follow_the_conventions(people_by_region, region):
    for person in people_by_region[region]:
        assert luhn_valid(person.card_number) and 13 <= len(person.card_number) <= 19
        assert re.fullmatch(r"[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+", person.email), person.customer_id
        address = person.address
        assert re.fullmatch(POSTCODE_PATTERNS[region], address.postcode), (region, address.postcode)
        assert address.house_number in address.one_line() and address.city in address.one_line()
        assert address.multi_line().count("\n") == len(address.lines) - 1 >= 1


def test_luhn_rejects_a_changed_digit():
    generator = PeopleGenerator(seed=1)
    number = generator.person().card_number
    broken = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert luhn_valid(number) and not luhn_valid(broken)


@pytest.mark.parametrize("style", PHONE_STYLES)
def test_every_phone_rendering_parses_back_to_the_same_number(people_by_region, style):
    for region, people in people_by_region.items():
        for e164 in people[0].phones:
            written = render_phone(e164, style)
            text = "+" + written[2:] if written.startswith("00") else written.replace("(0)", "")
            parsed = phonenumbers.parse(text, region)
            assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == e164, written
            assert bool(parsed.extension) == (style == "extension"), written


def test_phone_renderings_differ_from_each_other(people_by_region):
    e164 = people_by_region["BE"][0].landline
    assert len({render_phone(e164, style) for style in PHONE_STYLES}) == len(PHONE_STYLES)


@pytest.mark.parametrize("style", CARD_STYLES)
def test_card_renderings_keep_the_digits(people_by_region, style):
    for people in people_by_region.values():
        number = people[0].card_number
        written = render_card(number, style)
        assert re.sub(r"[ -]", "", written) == number
        assert (" " in written, "-" in written) == (style == "spaced", style == "dashed")


@pytest.mark.parametrize("style", EMAIL_STYLES)
def test_email_renderings_are_the_same_address_case_folded(people_by_region, style):
    email = people_by_region["FR"][0].email
    assert render_email(email, style).casefold() == email.casefold()


def test_name_and_address_renderings():
    person = PeopleGenerator(seed=3).person("DE")
    names = {style: render_name(person, style) for style in NAME_STYLES}
    assert names["title"] == f"{person.first_name} {person.last_name}"
    assert names["upper"] == names["title"].upper()
    assert names["last_upper"].endswith(person.last_name.upper())
    assert "\n" not in render_address(person.address, "one_line")
    assert "\n" in render_address(person.address, "multi_line")


def test_households_share_landline_and_address():
    members = PeopleGenerator(seed=2).household("BE", size=3)
    assert len({m.household_id for m in members}) == 1 and members[0].household_id
    assert len({m.landline for m in members}) == 1
    assert len({m.address for m in members}) == 1
    assert len({m.mobile for m in members}) == 3 and len({m.email for m in members}) == 3


def test_namesakes_share_only_the_name():
    generator = PeopleGenerator(seed=4)
    original = generator.person("GB")
    namesake = generator.namesake_of(original)
    assert namesake.full_name == original.full_name
    assert namesake.email != original.email and namesake.customer_id != original.customer_id
    assert namesake.mobile != original.mobile


def test_a_population_mixes_regions_households_and_namesakes():
    people = generate_people(300, seed=11)
    assert len(people) == 300
    assert {p.region for p in people} == set(REGIONS)
    assert any(p.household_id for p in people)
    assert max(Counter(p.full_name for p in people).values()) >= 2
    assert len({p.customer_id for p in people}) == 300
    assert len({p.email for p in people}) == 300
