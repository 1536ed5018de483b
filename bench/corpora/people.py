"""A corpus's own customer base: the generator's people, some renamed with names of Faker locales the
generator does not use (as a European customer base with its diaspora is named), their email addresses then
following the new name. The later held-out corpora share this machinery and differ in their locales, their
renaming rules and their seeds (`renamed_population`).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from faker import Faker

from bench.corpora.values import fold
from flows.demo.synthetic_people import PeopleGenerator, Person

# the short form a given name goes by, where a record writes a person as friends and colleagues do
NICKNAMES = {
    "William": "Bill", "Robert": "Bob", "Elizabeth": "Liz", "Margaret": "Maggie", "Katherine": "Kate",
    "Thomas": "Tom", "Michael": "Mike", "Christopher": "Chris", "Jennifer": "Jenny", "Richard": "Rick",
    "James": "Jim", "Patrick": "Paddy", "Alexander": "Alex", "Alexandra": "Sasha", "Johannes": "Hannes",
    "Maximilian": "Max", "Stephanie": "Steffi", "Wolfgang": "Wolfi", "Katharina": "Kathi",
    "Franziska": "Franzi", "Frédéric": "Fred", "Nicolas": "Nico", "Dominique": "Domi", "Guillaume": "Will",
    "Giuseppe": "Peppe", "Francesco": "Checco", "Alessandro": "Ale", "Francisco": "Paco", "José": "Pepe",
    "Ignacio": "Nacho", "Guadalupe": "Lupe", "Katarzyna": "Kasia", "Małgorzata": "Gosia",
    "Aleksandra": "Ola", "Krzysztof": "Krzysiek", "Wojciech": "Wojtek", "Jiří": "Jirka",
    "Zsuzsanna": "Zsuzsa", "Erzsébet": "Erzsi", "Wilhelmina": "Mien", "Hendrik": "Henk", "Jacobus": "Koos",
    "Cornelis": "Kees", "Antonius": "Toon", "Petrus": "Piet", "Daniel": "Dani", "Samuel": "Sam",
    "Benjamin": "Ben", "Nathalie": "Nat", "Sebastian": "Basti", "Christina": "Tina", "Elisabeth": "Lisa",
}  # fmt: skip
# the freemail domains of a region or a renaming locale (a locale's own first, then its region's)
FREEMAIL = {
    "BE": ("telenet.be", "skynet.be", "outlook.be", "live.be", "gmail.com"),
    "NL": ("hetnet.nl", "planet.nl", "home.nl", "hotmail.nl", "gmail.com"),
    "FR": ("wanadoo.fr", "orange.fr", "neuf.fr", "yahoo.fr", "gmail.com"),
    "DE": ("gmx.net", "web.de", "freenet.de", "arcor.de", "gmail.com"),
    "GB": ("hotmail.co.uk", "btinternet.com", "virginmedia.com", "gmail.com"),
    "IE": ("eircom.net", "yahoo.ie", "gmail.com"), "ES": ("hotmail.es", "terra.es", "gmail.com"),
    "IT": ("alice.it", "libero.it", "gmail.com"), "US": ("aol.com", "gmail.com", "outlook.com"),
    "pl_PL": ("interia.pl", "wp.pl"), "cs_CZ": ("seznam.cz", "email.cz"), "hu_HU": ("freemail.hu",),
    "ro_RO": ("yahoo.ro",), "pt_BR": ("bol.com.br", "terra.com.br"), "sv_SE": ("telia.com", "bredband.net"),
    "da_DK": ("jubii.dk",), "fi_FI": ("luukku.com",), "no_NO": ("online.no",), "is_IS": ("simnet.is",),
    "et_EE": ("hot.ee",), "de_AT": ("aon.at", "chello.at"), "de_CH": ("bluewin.ch",),
    "fr_CH": ("bluewin.ch",), "hr_HR": ("net.hr",), "es_MX": ("prodigy.net.mx",),
}  # fmt: skip
_ANY_MAIL = ("gmail.com", "yahoo.com", "outlook.com", "proton.me", "icloud.com")


def mail_word(text: str) -> str:
    """`text` as it goes into an email address or a username: ASCII letters and digits, lower case."""
    return "".join(ch for ch in fold(text).lower() if ch.isalnum())


def email_for(rng: random.Random, first: str, last: str, region: str, locale: str) -> str:
    """An address that follows a (re)named person's name at a freemail domain of their locale or region:
    initials, dots, dashes, birth years, as people pick them."""
    f = mail_word(first.split()[0].split("-")[0]) or "mail"
    surname = last.split()[-1] if rng.random() < 0.5 else last
    l_ = mail_word(surname) or "box"
    year = rng.randint(1955, 2004)
    local = rng.choice(
        (f"{f}.{l_}", f"{f}{l_}", f"{f[0]}.{l_}", f"{l_}{f[0]}", f"{f}.{l_}{year}", f"{f}-{l_}",
         f"{l_}_{f}", f"{f}{year % 100:02d}")
    )  # fmt: skip
    domains = FREEMAIL.get(locale, ()) + FREEMAIL[region] + _ANY_MAIL
    return f"{local}@{rng.choice(domains)}"


class Names:
    """Seeded Fakers of the locales a corpus renames people with, each made on first use."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._fakers: dict[str, Faker] = {}

    def locale_seed(self, locale: str) -> int:
        """The seed of the locale's Faker (a corpus that seeds its Fakers otherwise overrides this)."""
        return self.seed * 9_973 + sum(ord(ch) * (i + 1) for i, ch in enumerate(locale))

    def faker(self, locale: str) -> Faker:
        if locale not in self._fakers:
            fake = Faker(locale)
            fake.seed_instance(self.locale_seed(locale))
            self._fakers[locale] = fake
        return self._fakers[locale]

    def given(self, locale: str, female: bool) -> str:
        fake = self.faker(locale)
        return fake.first_name_female() if female else fake.first_name_male()

    def family(self, locale: str, female: bool) -> str:
        fake = self.faker(locale)
        return fake.last_name_female() if female else fake.last_name_male()


Rename = Callable[[Person, random.Random, Names], Person]


def renamed_population(
    seed: int, count: int, offset: int, salt: int, rename: Rename, names: type[Names] = Names
) -> list[Person]:
    """`count` of the generator's people (its seed `seed + offset`, so they differ from the other corpora's),
    each passed through the corpus's `rename` with an rng seeded `seed * salt + offset`."""
    rng = random.Random(seed * salt + offset)
    fakers = names(seed + offset)
    return [rename(p, rng, fakers) for p in PeopleGenerator(seed + offset).people(count)]
