"""Country names, so that `PARIS, France` or a `Belgium` field is not read as a person's name.

Taken from the region names `phonenumbers` ships (its geocoder's locale table), in the languages of the
default regions, instead of a hand-written list.
"""

from __future__ import annotations

from functools import lru_cache

LANGUAGES = ("en", "fr", "de", "nl", "es", "it")


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Lower-cased country names (`belgium`, `belgique`, `united kingdom`, `deutschland`)."""
    names = set()
    for by_language in _locale_data().values():
        for language in LANGUAGES:
            name = by_language.get(language, "")
            while name.startswith("*"):  # a reference to another language's spelling
                name = by_language.get(name[1:], "")
            if name:
                names.add(name.lower())
    return frozenset(names)


def _locale_data() -> dict:
    """`phonenumbers.geodata.locale.LOCALE_DATA`, loaded on its own: importing it the usual way runs
    `phonenumbers.geodata`, which loads the whole geocoder (a third of a second and ~100 MiB)."""
    import importlib.util
    from pathlib import Path

    import phonenumbers

    path = Path(phonenumbers.__file__).parent / "geodata" / "locale.py"
    spec = importlib.util.spec_from_file_location("phonenumbers.geodata.locale", path)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "phonenumbers.geodata"  # its one relative import is `..util`
    spec.loader.exec_module(module)
    return module.LOCALE_DATA
