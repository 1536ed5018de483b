"""Given and family names people in the nine regions carry, from Faker's person providers (a dependency
already, for sample data): evidence where the dictionary alone cannot tell a name from a word. A lower-case
word the model calls a person is one when it is a given name (`all are welcome , joe included`), and so is
a post's name of two words one of which it left in lower case (`James franco`).

Faker also made the project's own corpora and presidio-research's sets, whose names these lists therefore
hold: the figures there flatter this evidence; the sets others wrote by hand measure it (README, issue 12)."""

from __future__ import annotations

import functools
import importlib

# Faker's locales of the regions piivault reads (`recognizers.engine.DEFAULT_REGIONS`)
LOCALES = ("en_US", "en_GB", "en_IE", "ga_IE", "nl_NL", "nl_BE", "fr_FR", "fr_BE", "de_DE", "es_ES", "it_IT")
_GIVEN = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


@functools.cache
def given_names() -> frozenset[str]:
    """Every given name of `LOCALES`' person providers, in lower case."""
    return _listed(_GIVEN)


@functools.cache
def family_names() -> frozenset[str]:
    """Every family name of `LOCALES`' person providers, in lower case."""
    return _listed(("last_names",))


def _listed(attributes: tuple[str, ...]) -> frozenset[str]:
    """The names of `attributes` of every locale's provider, in lower case: each list is a tuple or a dict
    of weights, a class attribute of the provider or of one it inherits from."""
    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in attributes:
            listed = next((vars(cls)[attribute] for cls in provider.__mro__ if attribute in vars(cls)), ())
            names.update(name.lower() for name in listed)
    return frozenset(names)


def is_given_name(word: str) -> bool:
    return word.lower() in given_names()


def given_name_noun(word: str) -> bool:
    """`word` is a given name the dictionary knows as nothing but a noun, if at all (`joe`, `daniel`,
    `kieran`: `names_only_things` holds for a word no dictionary knows): not a verb or an adjective first
    (`will`, `mark`, `hope`), whatever the lists say."""
    from recognizers.dictionary import names_only_things

    return is_given_name(word) and names_only_things(word)


def is_listed_name(word: str) -> bool:
    """A given or a family name (`john`, `franco`, `scott`)."""
    return word.lower() in given_names() or word.lower() in family_names()
