"""Country names, so that `PARIS, France` or a `Belgium` field is not read as a person's name.

Taken from the region names `phonenumbers` ships (its geocoder's locale data), in the languages of the
default regions, instead of a hand-written list.
"""

from __future__ import annotations

from functools import lru_cache

LANGUAGES = ("en", "fr", "de", "nl", "es", "it")


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Lower-cased country names (`belgium`, `belgique`, `united kingdom`, `deutschland`)."""
    from phonenumbers.geodata.locale import LOCALE_DATA

    names = set()
    for by_language in LOCALE_DATA.values():
        for language in LANGUAGES:
            name = by_language.get(language, "")
            while name.startswith("*"):  # a reference to another language's spelling
                name = by_language.get(name[1:], "")
            if name:
                names.add(name.lower())
    return frozenset(names)
