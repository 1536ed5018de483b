"""The fifth held-out corpus: records of the travel, insurance, utility, retail, education, HR, identity and
application-engineering systems a European company runs, in shapes none of the earlier corpora use, written
blind (without looking at how detection works, and without running it while writing). Nobody tunes on it:
`bench/corpora/heldout4.py` is now the development set, and this corpus only ever prints the honest estimate.

    python -m bench.corpora heldout5 --lines 2000 --seed 0 [-o heldout5.jsonl] [--no-labels]

People: `PeopleGenerator` people of its nine regions (BE NL FR DE GB IE ES IT US, drawn with this corpus's
own seed offset); about a quarter of them are renamed with Latin-script names of Faker locales the
generator does not use (see EXTRA_LOCALES: Polish, Brazilian, Turkish, Romanian, Czech, Hungarian, Swedish,
Danish, Finnish, Croatian, Estonian, Norwegian, Icelandic, Austrian, Swiss, Mexican, Vietnamese, Yoruba,
Azerbaijani), as a European customer base with its diaspora is. On top, some get two given names, a
hyphenated double surname, two Iberian surnames or a surname particle (`van 't`, `in 't`, `vom`, `Della`,
`dos`), and their email addresses then follow the new name (birth years, dashes, national freemail domains).

Renderings of its own:
- names: nickname and surname (`Bill Turner`, `Kasia Nowak`), `PEETERS Ann`, `A Peeters`, `Peeters A.`,
  `Ann P.` (review signatures), a middle initial (`Ann M. Peeters`), airline style `PEETERS/ANN`, capitals;
- phones: the national number regrouped in pairs or threes (`0475 12 34 56`, `0475 123 456`), `0151 / 23
  45 67 89`, `(0475) 12 34 56`, `+49 (0)1512-3456789`, `0032475123456`, RFC 3966 `tel:+32-475-12-34-56`,
  `callto:`, US `201.555.0123` / `1-201-555-0123`, extensions in words (`interno`, `toestel`,
  `Nebenstelle`, `wew.`, `kl.`), airline `SSR CTCM` subscriber numbers without a plus;
- addresses: old CEPT postcode prefixes (`B-1000`, `F-75001`, `NL-1011 AB`, `D-10115`, `I-`, `E-`), an ISO
  country code after the town (`…, 1000 Brussel, BE`), envelope blocks with a recipient line, a `c/o`
  line and the country in capitals, LDAP `$`-separated postalAddress, `\\n`-escaped JSON `formatted`,
  lower case as typed into marketplace forms;
- cards: grouped with no-break spaces (copied from PDFs), in PHP `print_r` and protobuf text dumps, as a
  bare number (or `Long('…')`) in a mongo document, in airline form-of-payment lines (`FP CC/VI/…/0829`);
- emails: in LDIF, SCIM `userName`, mongo shell queries, percent-encoded in reset links, obfuscated by
  people dodging marketplace filters (`ann.peeters [at] gmail [dot] com`), airline-encoded
  (`ANN.PEETERS//GMAIL.COM`, `_` as `..`, `-` as `./`).

Labelling decisions (spans are recorded while each text is built, never searched for afterwards):
- PERSON: the name as written, courtesy titles and honorifics outside the span (`Mrs`, `Dr.`, `Maître`,
  `Herr`, PNR `MRS`/`MR`). Nickname + surname, initials with their dots (`Peeters A.`, `Ann P.`),
  `PEETERS/ANN` and given and family names in separate fields (one span per field) all count. A given name
  or nickname alone is labelled when it addresses or signs for a person. The name after `c/o` is a PERSON;
  `c/o` is not part of it. Agents, readers, bailiffs, practitioners, line managers and teachers are people
  and are labelled. Usernames (`apeeters`, `preferred_username`), user ids, `sub` claims and LDAP `uid=`
  are not. Base64-encoded LDIF values (`cn:: …`, required for non-ASCII text) are not labelled: they are
  encodings, not text a reader sees.
- ADDRESS: a person's postal address from its first element (street line or house number) to its last
  (postcode and town, or the country when the country or its ISO code is written as part of the address),
  separators as written inside the span (`$`, `\\n`, line breaks). The recipient and `c/o` lines above it
  are not part of it. When a record splits the address into fields (SCIM `streetAddress`, GraphQL
  `address1`, protobuf `address_lines`, ISO 20022 `AdrLine`, PHP `address_1`, OIDC `street_address`), only
  the field holding the street and house number is labelled; fields holding only a postcode, a town, a
  region or a country (even a postcode with its town) are not. A town alone in a review signature or a
  "Fait à Namur" is not an address. Stations, shops, POIs and companies named after streets are not.
- PHONE_NUMBER: the number as written, without `tel:`/`callto:`, PNR `/P1` passenger tags or extension
  words and digits; subscriber numbers without a plus in PNR SSR lines included. Masked numbers
  (`+32 4** ** ** 56`), meter and EAN codes, licence numbers and plates are not phones.
- EMAIL_ADDRESS: the address only, in whatever encoding a person or system wrote it: percent-encoded in a
  URL (`ann.peeters%40gmail.com`), airline-encoded in an SSR CTCE line, obfuscated (`[at]`/`[dot]`, `(at)`)
  — each labelled as written, the whole written form one span. No role mailboxes of the company occur.
- CREDIT_CARD: a full Luhn-valid PAN in any grouping (spaces, no-break spaces, dashes) or as a bare number.
  Masked PANs (`•••• 1234`), last-4 fields, BINs, IBANs, SIRET numbers (14 digits, Luhn-valid), EAN-13 and
  IMEIs are not cards.
- Negative shapes (about a fifth of the records) hold none of the five entities: package manifests,
  OpenAPI specs, Terraform plans, SQL DDL, Prometheus metrics, departure boards, company-registry and
  bank identifiers with valid check digits, IT asset registers, library catalogues. Historical and
  fictional people occur there only inside the names of places, stations, works and prizes ("Charles de
  Gaulle – Étoile", "Anna Karenina", "Nobel Prize") and are not labelled: the name there names the place or
  the work, not a person whose data is processed. No standalone public figure occurs anywhere.
"""

from __future__ import annotations

import base64
import dataclasses
import random
import re
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import quote

import phonenumbers
from phonenumbers import PhoneNumberFormat

from bench.corpora.base import LabelledText, Sample, cast_corpus
from bench.corpora.people import NICKNAMES, Names, email_for, mail_word, renamed_population
from bench.corpora.values import COUNTRY_NAMES, Context, fold, iban_of, json_str, pairs, street_line
from flows.demo.synthetic_people import Person, luhn_check_digit, render_card

__all__ = ["EXTRA_LOCALES", "HELDOUT5_SHAPES", "NEGATIVE_SHAPES", "build_heldout5_corpus", "build_population"]

SEED_OFFSET = 50_021  # people differ from those of the other corpora at the same --seed

Shape = Callable[["Ctx"], Sample]

# -- people -----------------------------------------------------------------------------------------

# Latin-script Faker locales that flows/demo/synthetic_people.py does not use (it uses nl_BE fr_BE nl_NL fr_FR
# de_DE en_GB en_IE es_ES it_IT en_US)
EXTRA_LOCALES = (
    "pl_PL", "pt_BR", "tr_TR", "ro_RO", "cs_CZ", "hu_HU", "sv_SE", "da_DK", "fi_FI", "hr_HR", "et_EE",
    "no_NO", "is_IS", "de_AT", "de_CH", "fr_CH", "es_MX", "vi_VN", "yo_NG", "az_AZ",
)  # fmt: skip
EXTRA_LOCALE_SHARE = 0.25
PARTICLES = {
    "NL": ("van 't", "in 't", "van de", "op de", "ten"), "BE": ("Vande", "Van de", "De", "Le"),
    "DE": ("vom", "zu", "von"), "FR": ("de", "Le", "de la"), "IT": ("Della", "Lo", "La"),
    "ES": ("del", "de"), "pt_BR": ("dos", "da"), "de_AT": ("von",), "de_CH": ("von",),
}  # fmt: skip


def _renamed(p: Person, rng: random.Random, names: Names) -> Person:
    """The person as this corpus names them: other locales, two given names, double surnames, particles."""
    locale, first, last = p.locale, p.first_name, p.last_name
    female = rng.random() < 0.5
    if rng.random() < EXTRA_LOCALE_SHARE:
        locale = rng.choice(EXTRA_LOCALES)
        first, last = names.given(locale, female), names.family(locale, female)
    name_locale = locale
    if rng.random() < 0.1:
        second = names.given(name_locale, female)
        if second != first:
            hyphen = locale in ("fr_FR", "fr_BE", "fr_CH") and rng.random() < 0.7
            first = f"{first}{'-' if hyphen else ' '}{second}"
    roll = rng.random()
    if locale in ("es_ES", "es_MX", "pt_BR") and roll < 0.5:
        last = f"{last} {names.family(name_locale, female)}"
    elif roll < 0.07:
        last = f"{last}-{names.family(name_locale, female)}"
    elif roll < 0.14 and " " not in last:
        key = locale if locale in PARTICLES else p.region
        if key in PARTICLES:
            last = f"{rng.choice(PARTICLES[key])} {last}"
    if (first, last) == (p.first_name, p.last_name):
        return p
    email = email_for(rng, first, last, p.region, locale)
    return dataclasses.replace(p, locale=locale, first_name=first, last_name=last, email=email)


def build_population(seed: int, count: int) -> list[Person]:
    """`count` people of this corpus: the generator's people, a quarter renamed from other locales."""
    return renamed_population(seed, count, SEED_OFFSET, 173, _renamed)


# -- renderings of personal values (this corpus's own) ---------------------------------------------

CEPT_PREFIX = {"BE": "B", "NL": "NL", "FR": "F", "DE": "D", "ES": "E", "IT": "I"}
EXTENSION_WORDS = ("interno", "toestel", "Nebenstelle", "wew.", "kl.", "(ext", "int.")


def _threes(digits: str) -> list[str]:
    groups = [digits[i : i + 3] for i in range(0, len(digits), 3)]
    if len(groups) > 1 and len(groups[-1]) == 1:
        groups[-2:] = [groups[-2] + groups[-1]]
    return groups


def address_lines(rng: random.Random, p: Person, style: str) -> list[str]:
    """The address as lines in one of this corpus's styles (without recipient lines)."""
    a = p.address
    lines = list(a.lines)
    if style == "cept" and a.region in CEPT_PREFIX:
        lines[-1] = f"{CEPT_PREFIX[a.region]}-{lines[-1]}"
    elif style in ("cept", "iso_code"):
        lines.append(a.region)
    elif style == "country_upper":
        lines.append(rng.choice(COUNTRY_NAMES[a.region]).upper())
    elif style == "country":
        lines.append(rng.choice(COUNTRY_NAMES[a.region]))
    elif style == "lower":
        lines = [line.lower() for line in lines]
    elif style == "upper":
        lines = [fold(line).upper() for line in lines]
    return lines


class Ctx(Context):
    """What one record is built from: the seeded rng and noise, three people, and this corpus's renderings."""

    def plate(self) -> str:
        """A number plate (BE, NL, DE, GB styles)."""
        return self.pick(
            f"1-{self.letters(3)}-{self.digits(3)}", f"{self.letters(2)}-{self.digits(3)}-{self.letters(1)}",
            f"M-{self.letters(2)} {self.digits(4)}", f"{self.letters(2)}{self.digits(2)} {self.letters(3)}",
        )  # fmt: skip

    # names

    def name(self, p: Person | None = None, style: str | None = None) -> str:
        p = p or self.person
        style = (
            style
            or self.rng.choices(
                ("full", "nick", "upper_first", "initial", "surname_initial", "middle", "upper"),
                weights=(8, 2, 1, 1, 1, 1, 1),
            )[0]
        )
        given = p.first_name.split()[0].split("-")[0]
        if style == "nick":
            nick = NICKNAMES.get(given)
            return f"{nick} {p.last_name}" if nick else p.full_name
        if style == "upper_first":
            return f"{p.last_name.upper()} {p.first_name}"
        if style == "initial":
            return f"{given[0]} {p.last_name}"
        if style == "surname_initial":
            return f"{p.last_name} {given[0]}."
        if style == "middle" and " " not in p.first_name:
            return f"{p.first_name} {self.pick(*'ABCDEFGHJKLMNPRSTW')}. {p.last_name}"
        if style == "upper":
            return p.full_name.upper()
        return p.full_name

    def pnr_name(self, p: Person | None = None) -> str:
        p = p or self.person
        return fold(f"{p.last_name}/{p.first_name}").upper().replace("'", "")

    def given(self, p: Person | None = None) -> str:
        """The given name a person is greeted with (their nickname, sometimes)."""
        given = (p or self.person).first_name.split()[0]
        nick = NICKNAMES.get(given.split("-")[0])
        return nick if nick and self.rng.random() < 0.3 else given

    # phones

    def phone(self, p: Person | None = None, which: str = "mobile", style: str | None = None) -> str:
        number = phonenumbers.parse(getattr(p or self.person, which))
        cc = str(number.country_code)
        nsn = phonenumbers.national_significant_number(number)
        national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        if cc == "1":
            style = style or self.pick("dots", "one_dash", "plus_paren", "national", "e164")
            return {
                "dots": f"{nsn[:3]}.{nsn[3:6]}.{nsn[6:]}",
                "one_dash": f"1-{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}",
                "plus_paren": f"+1 ({nsn[:3]}) {nsn[3:6]}-{nsn[6:]}",
                "uri": f"+1-{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}",
                "e164": f"+1{nsn}",
                "compact00": f"001{nsn}",
            }.get(style, national)
        head, _, _ = national.replace("-", " ").partition(" ")
        head = head if head and head.isdigit() else national[:3]
        flat = re.sub(r"\D", "", national)
        rest = flat[len(head) :]
        trunk = head.startswith("0")
        style = (
            style
            or self.rng.choices(
                ("pairs", "threes", "slash", "paren_area", "trunk_dash", "compact00", "intl", "e164"),
                weights=(3, 2, 2, 1, 2, 1, 2, 1),
            )[0]
        )
        if style == "pairs":
            return " ".join([head, *pairs(rest)])
        if style == "threes":
            return " ".join([head, *_threes(rest)])
        if style == "slash":
            return f"{head} / {' '.join(pairs(rest))}"
        if style == "paren_area":
            return f"({head}) {' '.join(pairs(rest))}"
        if style == "trunk_dash":
            return f"+{cc} (0){head[1:]}-{rest}" if trunk else f"+{cc} {head}-{rest}"
        if style == "compact00":
            return f"00{cc}{nsn}"
        if style == "uri":
            local = nsn[: len(head) - 1] if trunk else nsn[: len(head)]
            return "-".join([f"+{cc}", local, *pairs(nsn[len(local) :])])
        if style == "e164":
            return f"+{cc}{nsn}"
        if style == "msisdn":
            return f"{cc}{nsn}"
        return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)

    def extension(self) -> str:
        word = self.pick(*EXTENSION_WORDS)
        n = self.rng.randint(10, 499)
        return f" {word} {n})" if word == "(ext" else f" {word} {n}"

    def masked_phone(self, p: Person | None = None) -> str:
        e164 = (p or self.person).mobile
        return f"{e164[:4]} {'*' * 3} {'*' * 2} {'*' * 2} {e164[-2:]}"

    # emails

    def email(self, p: Person | None = None, style: str | None = None) -> str:
        address = (p or self.person).email
        style = style or self.rng.choices(("plain", "upper", "cap"), weights=(8, 1, 1))[0]
        if style == "upper":
            return address.upper()
        if style == "cap":
            local, domain = address.split("@", 1)
            return "-".join(w.capitalize() for w in local.split("-")) + "@" + domain
        if style == "pnr":
            return address.upper().replace("-", "./").replace("_", "..").replace("@", "//")
        if style == "obfuscated":
            local, domain = address.split("@", 1)
            host, _, tld = domain.rpartition(".")
            return self.pick(
                f"{local} [at] {host} [dot] {tld}", f"{local}(at){domain}", f"{local} at {host} dot {tld}",
                f"{local} (at) {domain}",
            )  # fmt: skip
        if style == "percent":
            return quote(address, safe="")
        return address

    # cards

    def card(self, p: Person | None = None, style: str | None = None) -> str:
        number = (p or self.person).card_number
        style = style or self.pick("spaced", "spaced", "plain", "nbsp", "dashed")
        if style == "nbsp":
            return render_card(number, "spaced").replace(" ", "\u00a0")
        return render_card(number, style)

    def expiry(self) -> str:
        return f"{self.rng.randint(1, 12):02d}/{self.rng.randint(27, 32)}"

    # addresses

    def address(self, p: Person | None = None, sep: str = ", ", style: str | None = None) -> str:
        style = (
            style
            or self.rng.choices(
                ("plain", "cept", "iso_code", "country", "country_upper", "lower"), weights=(6, 3, 2, 2, 1, 1)
            )[0]
        )
        return sep.join(address_lines(self.rng, p or self.person, style))

    def envelope(self, t: LabelledText, p: Person | None = None, c_o: bool = False) -> LabelledText:
        """A recipient block: name line, an optional c/o line, the address lines, the country in capitals."""
        p = p or self.person
        t.add(self.pick("", "", "Mr ", "Ms ", "M. ", "Mme ", "Herrn ", "Frau ", "Dhr. ", "Mevr. "))
        t.pii(self.name(p, style=self.pick("full", "full", "upper_first", "upper")), "PERSON").add("\n")
        if c_o:
            t.add("c/o ").pii(self.other.full_name, "PERSON").add("\n")
        lines = address_lines(self.rng, p, self.pick("plain", "cept", "country_upper"))
        return t.pii("\n".join(lines), "ADDRESS")


def _lt() -> LabelledText:
    return LabelledText()


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _ldif_value(key: str, value: str, entity: str | None, t: LabelledText) -> None:
    """One LDIF attribute line: plain and labelled when ASCII, base64 (`key:: …`) and unlabelled otherwise."""
    if value.isascii():
        t.add(f"{key}: ")
        if entity:
            t.pii(value, entity)
        else:
            t.add(value)
        t.add("\n")
    else:
        t.add(f"{key}:: {_b64(value)}\n")


# -- travel, hospitality, rental --------------------------------------------------------------------


def pnr_booking_record(c: Ctx) -> Sample:
    """An airline PNR display: `SURNAME/GIVEN MRS`, AP/APE contacts, SSR CTCM/CTCE, form of payment."""
    p, o = c.person, c.other
    w = c.noise.when()
    office = f"{c.pick('BRU', 'AMS', 'CDG', 'FRA', 'DUB', 'MAD', 'FCO')}1A0{c.rng.randint(100, 999)}"
    rloc = "".join(c.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
    t = _lt().add(f"RP/{office}/{office}            AA/SU  {w:%d%b%y}/{w:%H%M}Z   {rloc}\n".upper())
    t.add("  1.").pii(c.pnr_name(p), "PERSON").add(f" {c.pick('MRS', 'MR', 'MS', 'MISS')}   2.")
    t.pii(c.pnr_name(o), "PERSON").add(f" {c.pick('MR', 'MRS', 'MSTR')}\n")
    airline = c.pick("SN", "KL", "AF", "LH", "EI", "IB", "AZ", "BA")
    route = c.pick("BRUCPH", "AMSLIS", "CDGATH", "FRAOPO", "DUBBCN", "MADVIE", "FCOHEL", "LHRKRK")
    t.add(f"  3  {airline}{c.rng.randint(100, 9999)} Y {w:%d%b}".upper())
    t.add(f" {w.isoweekday()} {route} HK2  {c.rng.randint(6, 20):02d}{c.pick('05', '30', '45')}")
    t.add(f" {c.rng.randint(8, 23):02d}10  E  {airline}/{rloc}\n  4 AP {route[:3]} ")
    t.pii(c.phone(which="landline", style=c.pick("intl", "pairs")), "PHONE_NUMBER").add(" - H\n  5 APE ")
    t.pii(c.email(style="upper"), "EMAIL_ADDRESS").add(f"\n  6 SSR CTCM {airline} HK1/")
    t.pii(c.phone(style="msisdn"), "PHONE_NUMBER").add(f"/P1\n  7 SSR CTCE {airline} HK1/")
    t.pii(c.email(style="pnr"), "EMAIL_ADDRESS").add("/P1\n")
    if c.rng.random() < 0.7:
        brand = {"4": "VI", "5": "CA", "2": "CA", "3": "AX", "6": "MA"}[p.card_number[0]]
        t.add(f"  8 FP CC/{brand}/").pii(p.card_number, "CREDIT_CARD").add(
            f"/{c.expiry().replace('/', '')}\n"
        )
    else:
        t.add("  8 FP CASH\n")
    t.add(f"  9 TK OK{w:%d%b}/{office}\n".upper())
    t.add(f" 10 FE PAX NONREF/CHG FEE EUR {c.rng.randint(50, 150)}/S3/P1-2")
    return t.sample("pnr_booking_record")


_REG_CARD = {
    "de": ("MELDESCHEIN / REGISTRATION CARD", "Zimmer", "Anreise", "Abreise", "Name, Vorname",
           "Staatsangehörigkeit", "Anschrift", "Mitreisende", "Telefon", "E-Mail", "Kreditkarte (Garantie)",
           "gültig bis", "Unterschrift"),
    "fr": ("FICHE DE POLICE / FICHE INDIVIDUELLE", "Chambre", "Arrivée", "Départ", "Nom, prénom",
           "Nationalité", "Domicile habituel", "Accompagné(e) de", "Téléphone", "Courriel",
           "Carte de garantie", "exp.", "Signature"),
    "it": ("SCHEDINA DI NOTIFICAZIONE", "Camera", "Arrivo", "Partenza", "Cognome, nome", "Cittadinanza",
           "Residenza", "Accompagnatori", "Telefono", "E-mail", "Carta a garanzia", "scad.", "Firma"),
    "en": ("GUEST REGISTRATION CARD", "Room", "Arrival", "Departure", "Surname, first name", "Nationality",
           "Home address", "Accompanied by", "Phone", "Email", "Card held for guarantee", "exp.",
           "Signature"),
}  # fmt: skip


def hotel_registration_card(c: Ctx) -> Sample:
    """A hotel registration card (Meldeschein, fiche de police) as the PMS prints it."""
    p = c.person
    title, room, arr, dep, name, nat, home, acc, tel, mail, card, exp, sign = _REG_CARD[c.pick(*_REG_CARD)]
    w = c.noise.when()
    t = _lt().add(f"{title}\n{room} {c.rng.randint(101, 712)}   {arr} {w:%d.%m.%Y}   {dep} ")
    t.add(f"{w + timedelta(days=c.rng.randint(1, 6)):%d.%m.%Y}   Conf# {c.digits(9)}\n{name}: ")
    t.pii(f"{p.last_name.upper()}, {p.first_name}", "PERSON").add(f"\n{nat}: {c.pick(p.region, 'EU', '-')}\n")
    t.add(f"{home}: ").pii(c.address(style=c.pick("plain", "cept", "country")), "ADDRESS")
    if c.rng.random() < 0.6:
        t.add(f"\n{acc}: ").pii(c.name(c.other, style="full"), "PERSON")
    t.add(f"\n{tel}: ").pii(c.phone(), "PHONE_NUMBER").add(f"   {mail}: ").pii(c.email(), "EMAIL_ADDRESS")
    t.add(f"\n{card}: ").pii(c.card(style=c.pick("nbsp", "spaced", "plain")), "CREDIT_CARD")
    t.add(f" {exp} {c.expiry()}\n{sign}: ______________")
    return t.sample("hotel_registration_card")


def car_rental_agreement(c: Ctx) -> Sample:
    """A car rental agreement as printed at the counter: main and additional driver, deposit pre-auth."""
    p = c.person
    w = c.noise.when()
    t = _lt().add(
        f"RENTAL AGREEMENT RA{c.digits(8)}   Pick-up: {c.pick('BRU', 'AMS', 'NCE', 'MUC', 'AGP', 'DUB')}"
    )
    t.add(f" Airport {w:%d/%m/%Y %H:%M}   Return: same location\nMain driver: ").pii(c.name(), "PERSON")
    t.add(f"   DOB {c.rng.randint(1, 28):02d}/{c.rng.randint(1, 12):02d}/{c.rng.randint(1950, 2003)}")
    t.add(f"   Licence no. {c.pick('B', 'DL', '')}{c.digits(8)} ({p.region})\nAddress: ")
    t.pii(c.address(), "ADDRESS").add("\nPhone: ").pii(c.phone(), "PHONE_NUMBER").add("   Email: ")
    t.pii(c.email(), "EMAIL_ADDRESS")
    if c.rng.random() < 0.5:
        t.add("\nAdditional driver: ").pii(c.name(c.other), "PERSON").add(f" (licence {c.digits(9)})")
    t.add(f"\nVehicle: {c.pick('VW Golf 1.5 TSI', 'Peugeot 208', 'Fiat 500', 'Toyota Yaris Hybrid')}")
    t.add(f"  Plate {c.plate()}  Fuel: full/full  Km out: {c.rng.randint(1000, 90000)}\n")
    t.add("Deposit pre-authorisation EUR 500.00 on card ").pii(c.card(), "CREDIT_CARD")
    t.add(f" exp {c.expiry()} — auth code {c.digits(6)}\nCDW: yes  Excess: EUR 1.200,00")
    return t.sample("car_rental_agreement")


def event_ticket_export(c: Ctx) -> Sample:
    """A ticketing platform's JSON export of an order: attendees split into first and last name."""
    event = c.pick("Jazz Middelheim", "Lowlands", "Rock Werchter", "Primavera Sound", "Electric Picnic")
    t = _lt().add(f'{{"order": "TKT-{c.digits(7)}", "event": "{event} {c.noise.when().year}",')
    t.add(' "buyer": {"email": "').pii(c.email(), "EMAIL_ADDRESS").add('", "phone": "')
    t.pii(c.phone(style=c.pick("e164", "intl", "compact00")), "PHONE_NUMBER").add('"}, "tickets": [')
    for i, p in enumerate((c.person, c.other)[: c.rng.randint(1, 2)]):
        barcode = c.digits(12)
        barcode += luhn_check_digit(barcode)  # a Luhn-checked barcode, 13 digits: not a card
        t.add(", " if i else "").add('{"attendee": {"first_name": "').pii(p.first_name, "PERSON")
        t.add('", "last_name": "').pii(p.last_name, "PERSON")
        t.add(f'"}}, "type": "{c.pick("Day 1", "Combi", "Camping", "VIP")}", "barcode": "{barcode}",')
        t.add(f' "price": {c.rng.randint(45, 320)}.{c.pick("00", "50")}}}')
    t.add(f'], "paid": true, "method": "{c.pick("bancontact", "ideal", "card", "paypal")}"}}')
    return t.sample("event_ticket_export")


# -- insurance, utilities, public services ----------------------------------------------------------


_CLAIM = {
    "en": ("FIRST NOTICE OF LOSS", "Policy no.", "Policyholder", "Address of risk", "Date of loss",
           "Cause", "water damage — burst pipe under the kitchen sink", "Contact phone", "Email",
           "Third party", "neighbour", "Excess paid by card", "I declare the above is true. Signed"),
    "fr": ("DÉCLARATION DE SINISTRE", "N° de police", "Preneur d'assurance", "Lieu du sinistre",
           "Date du sinistre", "Circonstances", "dégât des eaux — fuite chez le voisin du dessus",
           "Téléphone", "Courriel", "Tiers impliqué", "voisin", "Franchise réglée par carte",
           "Certifié sincère et véritable. Signé"),
    "de": ("SCHADENMELDUNG", "Versicherungsschein-Nr.", "Versicherungsnehmer", "Schadenort",
           "Schadentag", "Hergang", "Leitungswasserschaden — Rohrbruch im Bad", "Telefon", "E-Mail",
           "Beteiligter Dritter", "Nachbar", "Selbstbeteiligung per Karte",
           "Die Angaben sind vollständig und wahr. Unterschrift"),
    "nl": ("SCHADEAANGIFTE", "Polisnummer", "Verzekeringnemer", "Adres van het risico", "Schadedatum",
           "Oorzaak", "waterschade — lek in de badkamer van de bovenburen", "Telefoon", "E-mail",
           "Betrokken derde", "buurman", "Vrijstelling betaald met kaart", "Voor waar verklaard. Getekend"),
}  # fmt: skip


def insurance_claim_form(c: Ctx) -> Sample:
    """A home insurance first-notice-of-loss form as the portal mails it to the claims handler."""
    title, pol, holder, risk, date, cause, what, tel, mail, third, rel, excess, sign = _CLAIM[c.pick(*_CLAIM)]
    w = c.noise.when()
    t = _lt().add(f"{title}\n{pol}: HAB-{w.year}-{c.digits(7)}   Claim ref: CLM{c.digits(8)}\n{holder}: ")
    t.pii(c.name(), "PERSON").add(f"\n{risk}: ").pii(
        c.address(style=c.pick("plain", "plain", "lower")), "ADDRESS"
    )
    t.add(f"\n{date}: {w:%d/%m/%Y}  ~{w:%H}:{c.pick('00', '15', '30', '45')}\n{cause}: {what}\n{tel}: ")
    t.pii(c.phone(), "PHONE_NUMBER").add(f"   {mail}: ").pii(c.email(), "EMAIL_ADDRESS").add(f"\n{third}: ")
    t.pii(c.name(c.other, style="full"), "PERSON").add(f" ({rel}), ")
    t.pii(c.phone(c.other, style=c.pick("pairs", "threes", "intl")), "PHONE_NUMBER")
    t.add(f"\nEstimated damage: EUR {c.rng.randint(400, 9000)},{c.pick('00', '50')}\n")
    if c.rng.random() < 0.5:
        t.add(f"{excess}: ").pii(c.card(), "CREDIT_CARD").add(f" ({c.expiry()})\n")
    t.add(f"{sign}: ").pii(c.name(style=c.pick("initial", "full", "surname_initial")), "PERSON")
    return t.sample("insurance_claim_form")


def meter_reading_visit(c: Ctx) -> Sample:
    """A utility's meter-reading appointment, with the 18-digit EAN of the supply point (not a phone)."""
    w = c.noise.when()
    ean = "5414" + c.digits(14)
    t = _lt().add(f"METER READING VISIT  {w:%a %d %b %Y}, {c.pick('08:00-12:00', '12:00-16:00')}\n")
    t.add("Customer: ").pii(c.name(), "PERSON").add(f"   Account {c.rng.randint(3 * 10**9, 4 * 10**9)}\n")
    t.add("Supply address: ").pii(c.address(style=c.pick("plain", "cept")), "ADDRESS")
    t.add(f"\nEAN {ean}   Meter no. 1SAG{c.digits(10)}   Last index: {c.rng.randint(1, 99)}.")
    t.add(
        f"{c.digits(3)},{c.rng.randint(0, 9)} kWh (day) / {c.rng.randint(1, 60)}.{c.digits(3)},0 kWh"
        " (night)\n"
    )
    t.add("If absent: leave card, customer reachable on ").pii(c.phone(), "PHONE_NUMBER")
    t.add(c.pick(" (after 6pm)", "", " — key with neighbour at no. 14")).add("\nReader: ")
    t.pii(c.name(c.other, style=c.pick("full", "initial")), "PERSON")
    t.add(f" (badge R{c.digits(4)})   Route {c.rng.randint(1, 99)}/{c.rng.randint(1, 400)}")
    return t.sample("meter_reading_visit")


_NOTICE = {
    "fr": ("AVIS DE PAIEMENT — STATIONNEMENT", "Titulaire du certificat d'immatriculation",
           "Immatriculation", "Lieu", "Montant", "À payer avant le"),
    "nl": ("RETRIBUTIEBERICHT PARKEREN", "Houder van de nummerplaat", "Nummerplaat", "Plaats", "Bedrag",
           "Te betalen vóór"),
    "en": ("PARKING CHARGE NOTICE", "Registered keeper", "Vehicle registration", "Location", "Amount",
           "Pay by"),
    "de": ("VERWARNUNG MIT VERWARNUNGSGELD", "Halter", "Kennzeichen", "Tatort", "Betrag", "Zahlbar bis"),
}  # fmt: skip


def parking_charge_notice(c: Ctx) -> Sample:
    """A parking charge notice to the registered keeper of a car (the plate is not one of the five)."""
    title, keeper, reg, place, amount, due = _NOTICE[c.pick(*_NOTICE)]
    w = c.noise.when()
    t = _lt().add(f"{title}\nPCN {c.hexs(2).upper()}{c.digits(8)}   {w:%d/%m/%Y %H:%M}\n\n")
    c.envelope(t, c_o=c.rng.random() < 0.2)
    t.add(f"\n\n{keeper}: see above\n{reg}: {c.plate()}\n")
    t.add(
        f"{place}: {c.pick('Grote Markt', 'Place du Jeu de Balle', 'Marienplatz P2', 'Station Rd car park')}"
    )
    t.add(f" zone {c.rng.randint(1, 9)}\n{amount}: EUR {c.rng.randint(25, 90)},00   {due} ")
    t.add(f"{c.noise.when():%d/%m/%Y}\nOGM/VCS +++{c.digits(3)}/{c.digits(4)}/{c.digits(5)}+++")
    return t.sample("parking_charge_notice")


_BAILIFF = {
    "fr": ("Étude de Maître ", ", huissier de justice\n\nCOMMANDEMENT DE PAYER\n\nÀ la requête de "
           "Example Telecom SA, nous avons signifié à\n", "\nle jugement rendu le {date} et vous sommons de "
           "payer la somme de {amount}.\nNuméro de téléphone communiqué par le créancier : ",
           "\nMadame, Monsieur ", ", à défaut de paiement sous huit jours, il sera procédé à la saisie."),
    "nl": ("Kantoor van gerechtsdeurwaarder ", "\n\nBEVEL TOT BETALEN\n\nOp verzoek van Example Telecom NV "
           "hebben wij betekend aan\n", "\nhet vonnis van {date}, en bevelen u te betalen: {amount}.\n"
           "Telefoonnummer volgens schuldeiser: ", "\nGeachte heer/mevrouw ",
           ", bij gebreke van betaling binnen acht dagen wordt overgegaan tot beslag."),
    "de": ("Gerichtsvollzieherin ", " beim Amtsgericht\n\nZAHLUNGSAUFFORDERUNG\n\nIn der "
           "Zwangsvollstreckungssache Example Telecom GmbH gegen\n", "\nwegen {amount} aus dem Vollstreckungs"
           "bescheid vom {date}.\nTelefon laut Gläubigerin: ", "\nSehr geehrte(r) Frau/Herr ",
           ", bitte zahlen Sie binnen zwei Wochen."),
    "it": ("Ufficiale giudiziario ", "\n\nATTO DI PRECETTO\n\nSu istanza di Example Telecom S.p.A. si "
           "intima a\n", "\nil pagamento di {amount} in forza della sentenza del {date}.\n"
           "Recapito telefonico fornito dal creditore: ", "\nGentile Sig./Sig.ra ",
           ", in mancanza si procederà a pignoramento."),
    "es": ("Procurador de los Tribunales ", "\n\nREQUERIMIENTO DE PAGO\n\nA instancia de Example Telecom "
           "S.A. se requiere a\n", "\nel pago de {amount} según sentencia de {date}.\nTeléfono facilitado por"
           " el acreedor: ", "\nEstimado/a Sr./Sra. ", ", de no atender el pago se procederá al embargo."),
}  # fmt: skip


def bailiff_letter(c: Ctx) -> Sample:
    """A bailiff's or court officer's payment order to a debtor, in the officer's language."""
    head, intro, body, greet, close = _BAILIFF[c.pick(*_BAILIFF)]
    t = _lt().add(head).pii(c.name(c.other, style=c.pick("full", "initial")), "PERSON").add(intro)
    c.envelope(t)
    amount = f"{c.rng.randint(120, 4800)},{c.digits(2)} EUR"
    t.add(body.format(date=f"{c.noise.when():%d/%m/%Y}", amount=amount))
    t.pii(c.phone(), "PHONE_NUMBER").add(greet).pii(c.person.last_name, "PERSON").add(close)
    t.add(f"\nDossier {c.digits(6)}/{c.rng.randint(22, 26)} — IBAN BE{c.digits(2)} {c.digits(4)} ")
    t.add(f"{c.digits(4)} {c.digits(4)}")
    return t.sample("bailiff_letter")


_PROXY = {
    "fr": ("PROCURATION\n\nJe soussigné(e) ", ", demeurant ", ", donne procuration à ",
           " pour retirer en mon nom l'envoi recommandé n° {ref}.\nCarte d'identité n° {id}.\nFait à {town},"
           " le {date}.\nTél. : "),
    "nl": ("VOLMACHT\n\nOndergetekende ", ", wonende te ", ", machtigt hierbij ",
           " om in mijn naam de aangetekende zending {ref} af te halen.\nIdentiteitskaart {id}.\n"
           "Opgemaakt te {town} op {date}.\nTel.: "),
    "de": ("VOLLMACHT\n\nHiermit bevollmächtige ich, ", ", wohnhaft ", ", ",
           " zur Abholung der Sendung {ref} in meinem Namen.\nPersonalausweis-Nr. {id}.\n{town}, den {date}"
           "\nTel.: "),
    "it": ("DELEGA\n\nIo sottoscritto/a ", ", residente in ", ", delego ",
           " al ritiro della raccomandata n. {ref}.\nCarta d'identità n. {id}.\n{town}, {date}\nCell.: "),
    "es": ("AUTORIZACIÓN\n\nYo, ", ", con domicilio en ", ", autorizo a ",
           " a recoger en mi nombre el envío certificado {ref}.\nDNI {id}.\nEn {town}, a {date}.\nTel.: "),
}  # fmt: skip


def proxy_authorisation(c: Ctx) -> Sample:
    """A handwritten-style proxy letter to collect a registered parcel, scanned and OCRed into a ticket."""
    opening, lives, grants, rest = _PROXY[c.pick(*_PROXY)]
    t = _lt().add(opening).pii(c.name(style=c.pick("full", "upper_first", "full")), "PERSON").add(lives)
    t.pii(c.address(style=c.pick("plain", "lower")), "ADDRESS").add(grants)
    t.pii(c.name(c.other, style="full"), "PERSON")
    t.add(
        rest.format(
            ref=f"{c.hexs(2).upper()}{c.digits(9)}{c.pick('BE', 'NL', 'FR', 'DE', 'IT', 'ES')}",
            id=f"{c.digits(3)}-{c.digits(7)}-{c.digits(2)}",
            town=c.person.address.city,
            date=f"{c.noise.when():%d/%m/%Y}",
        )
    )
    t.pii(c.phone(style=c.pick("pairs", "threes", "slash")), "PHONE_NUMBER")
    t.add("\n(signature) ").pii(c.name(style="surname_initial"), "PERSON")
    return t.sample("proxy_authorisation")


# -- people administration: HR, schools, practices ------------------------------------------------


def hr_onboarding_email(c: Ctx) -> Sample:
    """HR's new-starter email to IT and facilities: personal contact details until the start date."""
    p, o, m = c.person, c.other, c.third
    w = c.noise.when()
    t = _lt().add("Subject: New starter – ").pii(p.full_name, "PERSON").add(f" – start {w:%d/%m/%Y}\n\n")
    t.add(
        f"Hi all,\n\nplease prepare accounts and a {c.pick('laptop', 'MacBook', 'badge and laptop')} for:\n"
    )
    t.add("Name: ").pii(c.name(style=c.pick("full", "upper_first", "middle")), "PERSON")
    t.add(f"\nRole: {c.pick('Data Engineer', 'Field Technician', 'Payroll Officer', 'Store Manager')}")
    t.add("\nPersonal email (until start): ").pii(c.email(), "EMAIL_ADDRESS")
    t.add("\nPrivate mobile: ").pii(c.phone(), "PHONE_NUMBER").add("\nHome address:\n")
    t.pii(c.address(sep="\n", style=c.pick("plain", "country")), "ADDRESS")
    t.add("\nEmergency contact: ").pii(c.name(o, style="full"), "PERSON")
    t.add(f" ({c.pick('partner', 'mother', 'father', 'sister', 'flatmate')}) – ")
    t.pii(c.phone(o, style=c.pick("pairs", "intl", "threes")), "PHONE_NUMBER")
    t.add("\nLine manager: ").pii(c.name(m, style="full"), "PERSON")
    t.add(f"\nPayroll: IBAN on file, cost centre CC-{c.digits(4)}\n\nThanks,\n").pii(c.given(m), "PERSON")
    return t.sample("hr_onboarding_email")


def enrolment_pipe_export(c: Ctx) -> Sample:
    """A university enrolment export, pipe-separated, surname and given names in separate columns."""
    t = _lt().add("student_id|surname|given_names|birth_date|email|mobile|term_address|programme|status\n")
    for p in (c.person, c.other)[: c.rng.randint(1, 2)]:
        t.add(f"r0{c.digits(6)}|").pii(p.last_name.upper() if c.rng.random() < 0.3 else p.last_name, "PERSON")
        t.add("|").pii(p.first_name, "PERSON").add(
            f"|{c.rng.randint(1998, 2008)}-{c.rng.randint(1, 12):02d}-"
        )
        t.add(f"{c.rng.randint(1, 28):02d}|").pii(c.email(p), "EMAIL_ADDRESS").add("|")
        t.pii(c.phone(p, style=c.pick("e164", "compact00", "pairs")), "PHONE_NUMBER").add("|")
        t.pii(c.address(p, style=c.pick("plain", "iso_code")), "ADDRESS")
        t.add(f"|{c.pick('MSc Data Science', 'BA Rechten', 'Licence Droit', 'BSc Physics', 'MA History')}")
        t.add(f"|{c.pick('ENROLLED', 'PROVISIONAL', 'WITHDRAWN')}\n")
    return t.sample("enrolment_pipe_export")


def school_trip_contacts(c: Ctx) -> Sample:
    """A teacher's emergency contact sheet for a school trip: the pupil, a parent, the home address."""
    parent, teacher = c.person, c.third
    pupil_first = c.other.first_name.split()[0]
    w = c.noise.when()
    t = _lt().add(
        f"Class {c.rng.randint(1, 6)}{c.pick(*'ABCD')} — excursion {w:%A %d %B} — emergency contacts\n"
    )
    t.add("Teacher in charge: ").pii(c.name(teacher, style=c.pick("full", "initial")), "PERSON")
    t.add("\n\nPupil: ").pii(f"{pupil_first} {parent.last_name}", "PERSON")
    t.add(f"   allergies: {c.pick('none', 'none', 'see sheet')}\nParent/guardian: ")
    t.pii(c.name(parent, style=c.pick("full", "nick", "upper_first")), "PERSON").add("\nMobile: ")
    t.pii(c.phone(parent), "PHONE_NUMBER")
    if c.rng.random() < 0.5:
        t.add(" (work: ").pii(c.phone(parent, "landline", style=c.pick("intl", "pairs")), "PHONE_NUMBER")
        t.add(c.extension()).add(")")
    t.add("\nEmail: ").pii(c.email(parent), "EMAIL_ADDRESS").add("\nHome: ").pii(c.address(parent), "ADDRESS")
    t.add(f"\nPick-up: {c.pick('parent', 'bus', 'walks home alone (signed)')}")
    return t.sample("school_trip_contacts")


_REMINDER = {
    "nl": ("Beste {g}, herinnering: uw afspraak bij ", " op {d} om {h}. Verplaatsen of annuleren? Antwoord "
           "NEE op dit bericht.", "Huisbezoek op: "),
    "fr": ("Bonjour {g}, rappel : votre rendez-vous avec ", " le {d} à {h}. Pour annuler, répondez NON.",
           "Visite à domicile : "),
    "de": ("Hallo {g}, Erinnerung: Ihr Termin bei ", " am {d} um {h}. Absagen? Antworten Sie mit NEIN.",
           "Hausbesuch: "),
    "en": ("Hi {g}, reminder: your appointment with ", " on {d} at {h}. Reply NO to cancel.", "Home visit: "),
    "it": ("Gentile {g}, le ricordiamo l'appuntamento con ", " il {d} alle {h}. Per disdire risponda NO.",
           "Visita domiciliare: "),
}  # fmt: skip


def appointment_reminder(c: Ctx) -> Sample:
    """A practice's appointment reminder as queued for the SMS or email gateway (no medical detail)."""
    before, after, home = _REMINDER[c.pick(*_REMINDER)]
    w = c.noise.when()
    by_sms = c.rng.random() < 0.6
    t = _lt().add(f"{c.noise.timestamp()} reminders queued channel={'sms' if by_sms else 'email'} to=")
    if by_sms:
        t.pii(c.phone(style=c.pick("e164", "compact00", "intl")), "PHONE_NUMBER")
    else:
        t.pii(c.email(), "EMAIL_ADDRESS")
    given = c.given()
    head, tail = before.split("{g}")
    t.add(f' body="{head}').pii(given, "PERSON").add(tail)
    t.add(c.pick("Dr. ", "dr. ", "Dr ", "")).pii(c.name(c.other, style=c.pick("full", "initial")), "PERSON")
    t.add(after.format(d=f"{w:%d/%m}", h=f"{w:%H}:{c.pick('00', '20', '40')}"))
    if c.rng.random() < 0.3:
        t.add(f" {home}").pii(c.address(style=c.pick("plain", "lower")), "ADDRESS")
    t.add(f'" practice_id={c.rng.randint(100, 999)} template=rem_{c.pick("24h", "48h", "7d")}')
    return t.sample("appointment_reminder")


# -- marketplaces, reviews, support -----------------------------------------------------------------


def marketplace_message(c: Ctx) -> Sample:
    """A buyer's message to a private seller, with contact details dodged past the platform's filter."""
    item = c.pick("Gazelle city bike 28", "IKEA Kallax shelf", "Pram Bugaboo Fox", "PS5 + 2 controllers")
    t = _lt().add(f"[{c.noise.when():%d/%m %H:%M}] Message about: {item}\n")
    t.add(c.pick("Hi ", "Hallo ", "Bonjour ", "Hoi ")).pii(c.given(c.other), "PERSON")
    t.add(c.pick(", is it still available? ", ", still for sale? ", " - can I come and see it? "))
    t.add("I can pick it up Saturday. My number is ")
    t.pii(c.phone(style=c.pick("pairs", "threes", "slash", "compact00")), "PHONE_NUMBER")
    t.add(c.pick(" (whatsapp)", "", " text me")).add(" or mail ").pii(
        c.email(style="obfuscated"), "EMAIL_ADDRESS"
    )
    t.add(c.pick(" because this app eats messages", "", " !!")).add("\n\n")
    t.add(f"[{c.noise.when():%d/%m %H:%M}] Reply from seller:\nyes still there. address is ")
    t.pii(c.address(c.other, style="lower"), "ADDRESS").add(", ring at the side door. cash only. ")
    t.pii(c.given(c.other).lower(), "PERSON")
    return t.sample("marketplace_message")


def review_with_signature(c: Ctx) -> Sample:
    """A customer review signed `Ann P., Gent`, and the shop owner's reply (the town alone is no address)."""
    p = c.person
    given = p.first_name.split()[0]
    stars = c.rng.randint(1, 5)
    headline = c.pick("Fast delivery", "Never again", "OK but pricey", "Great service!")
    t = _lt().add(f"{'★' * stars}{'☆' * (5 - stars)}  {headline}\n")
    t.add(c.pick("Ordered on Monday, arrived Thursday. ", "Package was damaged, left in the rain. ",
                 "Friendly staff on the phone. "))  # fmt: skip
    if c.rng.random() < 0.4:
        t.add("If the owner reads this call me: ").pii(c.phone(), "PHONE_NUMBER").add(". ")
    t.add("\n— ").pii(c.pick(f"{given} {p.last_name[0]}.", f"{given} {p.last_name}", given), "PERSON")
    t.add(f", {p.address.city}\n\nReply from the owner: Thanks ").pii(given, "PERSON")
    t.add(", we're sorry to hear that. Could you email your order number to us, or we call you back? – ")
    t.pii(c.given(c.other), "PERSON")
    return t.sample("review_with_signature")


def zendesk_side_conversation(c: Ctx) -> Sample:
    """A Zendesk side conversation with an installer subcontracted for the visit."""
    agent, installer = c.third, c.other
    t = _lt().add(f"Ticket #{c.rng.randint(100000, 999999)} · Side conversation · Email\nTo: ")
    t.pii(installer.full_name, "PERSON").add(" <").pii(c.email(installer), "EMAIL_ADDRESS")
    t.add(f">\nSubject: Re: Revisit for ticket {c.rng.randint(100000, 999999)}\n\nHi ")
    t.pii(c.given(installer), "PERSON").add(",\n\ncould you go back to ")
    t.pii(c.name(style=c.pick("full", "nick")), "PERSON").add(" at ").pii(c.address(), "ADDRESS")
    t.add(c.pick("? She's home after 5pm", "? He works nights, mornings are best", "? any day this week"))
    t.add(", mobile ").pii(c.phone(), "PHONE_NUMBER").add(".\n\nThanks,\n").pii(c.given(agent), "PERSON")
    t.add("\n\n---- ").pii(c.given(installer), "PERSON").add(f" wrote on {c.noise.when():%d %b %Y %H:%M}:\n")
    t.add(f"Tried at {c.rng.randint(9, 17)}:{c.pick('05', '20', '40')}, nobody home, left a card.")
    return t.sample("zendesk_side_conversation")


def password_reset_audit(c: Ctx) -> Sample:
    """An identity provider's audit trail of a password reset: login, masked channel, encoded link."""
    uid = c.rng.randint(10**5, 10**7)
    channel = c.pick("sms", "email")
    t = _lt().add(f"{c.noise.timestamp()} audit auth.password_reset.requested user_id={uid} login=")
    t.pii(c.email(style=c.pick("plain", "upper")), "EMAIL_ADDRESS")
    dest = c.masked_phone() if channel == "sms" else "***@***"
    t.add(f' channel={channel} dest="{dest}" ip={c.noise.ipv4()}\n')
    t.add(f'{c.noise.timestamp()} audit auth.password_reset.link_clicked url="https://id.example.net/reset')
    t.add(f"?token={c.hexs(32)}&login=").pii(c.email(style="percent"), "EMAIL_ADDRESS")
    t.add(f'&lang={c.pick("nl", "fr", "de", "en")}" ua="Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like')
    t.add(' Mac OS X)"\n')
    t.add(f"{c.noise.timestamp()} audit auth.password_reset.completed user_id={uid} ")
    if c.rng.random() < 0.5:
        t.add('display_name="').pii(c.name(style="full"), "PERSON").add('" ')
    t.add("mfa_phone=").pii(c.phone(style="e164"), "PHONE_NUMBER").add(" sessions_revoked=")
    t.add(str(c.rng.randint(0, 6)))
    return t.sample("password_reset_audit")


# -- identity and directory records ---------------------------------------------------------------


def oidc_id_token_claims(c: Ctx) -> Sample:
    """The decoded payload of an OpenID Connect ID token, as a debugging page prints it."""
    p = c.person
    a = p.address
    now = c.rng.randint(1_772_000_000, 1_778_000_000)
    t = _lt().add(
        f'{{\n  "iss": "https://login.example.net/realms/customers",\n  "sub": "{c.noise.uuid()}",\n'
    )
    t.add(f'  "aud": "shop-web",\n  "exp": {now + 300},\n  "iat": {now},\n  "auth_time": {now - 4},\n')
    t.add(f'  "nonce": "{c.hexs(16)}",\n  "preferred_username": "{mail_word(p.first_name)[:1]}')
    t.add(f'{mail_word(p.last_name)[:10]}",\n  "name": "').pii(p.full_name, "PERSON")
    t.add('",\n  "given_name": "').pii(p.first_name, "PERSON").add('",\n  "family_name": "')
    t.pii(p.last_name, "PERSON").add('",\n  "email": "').pii(c.email(style="plain"), "EMAIL_ADDRESS")
    t.add(f'",\n  "email_verified": {c.pick("true", "false")},\n')
    if c.rng.random() < 0.8:
        t.add('  "phone_number": "').pii(c.phone(style="e164"), "PHONE_NUMBER")
        t.add(f'",\n  "phone_number_verified": {c.pick("true", "false")},\n')
    t.add('  "address": {\n    "formatted": "')
    t.pii(json_str("\n".join(address_lines(c.rng, p, c.pick("plain", "country")))), "ADDRESS")
    t.add('",\n    "street_address": "').pii(json_str(street_line(p)), "ADDRESS")
    t.add(
        f'",\n    "locality": "{a.city}",\n    "postal_code": "{a.postcode}",\n    "country": "{a.region}"\n'
    )
    t.add(f'  }},\n  "locale": "{c.pick("nl-BE", "fr-BE", "de-DE", "en-GB", "es-ES")}",\n  "acr": "1"\n}}')
    return t.sample("oidc_id_token_claims")


def scim_user_resource(c: Ctx) -> Sample:
    """A SCIM 2.0 User resource as the provisioning connector logs it."""
    p = c.person
    a = p.address
    email = c.email(style="plain")
    t = _lt().add('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],')
    t.add(f'"id":"{c.noise.uuid()}","externalId":"{p.customer_id}","userName":"').pii(email, "EMAIL_ADDRESS")
    t.add('","name":{"formatted":"').pii(p.full_name, "PERSON").add('","familyName":"')
    t.pii(p.last_name, "PERSON").add('","givenName":"').pii(p.first_name, "PERSON").add('"},')
    nick = NICKNAMES.get(p.first_name.split()[0])
    if nick:
        t.add('"nickName":"').pii(nick, "PERSON").add('",')
    t.add('"displayName":"').pii(c.name(style=c.pick("full", "nick", "upper_first")), "PERSON")
    t.add('","emails":[{"value":"').pii(email, "EMAIL_ADDRESS").add('","type":"home","primary":true}],')
    t.add('"phoneNumbers":[{"value":"').pii(c.phone(style=c.pick("e164", "intl", "uri")), "PHONE_NUMBER")
    t.add('","type":"mobile"}],"addresses":[{"type":"home",')
    if c.rng.random() < 0.5:
        t.add('"formatted":"').pii(
            json_str(c.address(sep="\n", style=c.pick("plain", "iso_code"))), "ADDRESS"
        )
        t.add('",')
    t.add('"streetAddress":"').pii(json_str(street_line(p)), "ADDRESS")
    t.add(f'","locality":"{a.city}","postalCode":"{a.postcode}","country":"{a.region}","primary":true}}],')
    t.add(f'"active":true,"meta":{{"resourceType":"User","version":"W/\\"{c.hexs(8)}\\""}}}}')
    return t.sample("scim_user_resource")


def ldif_entry(c: Ctx) -> Sample:
    """An LDIF add record from a directory export: `$`-separated postalAddress, base64 for non-ASCII."""
    p = c.person
    uid = f"{mail_word(p.first_name)[:1]}{mail_word(p.last_name)[:12]}"
    t = _lt().add(f"# entry {c.rng.randint(1, 90000)}\ndn: uid={uid},ou=people,dc=example,dc=net\n")
    t.add("changetype: add\nobjectClass: top\nobjectClass: inetOrgPerson\n")
    _ldif_value("cn", p.full_name, "PERSON", t)
    _ldif_value("sn", p.last_name, "PERSON", t)
    _ldif_value("givenName", p.first_name, "PERSON", t)
    t.add(f"uid: {uid}\nmail: ").pii(c.email(style=c.pick("plain", "cap")), "EMAIL_ADDRESS").add("\n")
    t.add("telephoneNumber: ").pii(c.phone(which="landline", style="intl"), "PHONE_NUMBER")
    if c.rng.random() < 0.4:
        t.add(c.extension())
    t.add("\nmobile: ").pii(c.phone(style=c.pick("intl", "e164")), "PHONE_NUMBER").add("\n")
    _ldif_value("postalAddress", "$".join(address_lines(c.rng, p, c.pick("plain", "country"))), "ADDRESS", t)
    t.add(f"employeeType: {c.pick('customer', 'contractor', 'partner')}\n")
    t.add(f"userPassword:: {_b64('{SSHA}' + c.hexs(24))}")
    return t.sample("ldif_entry")


# -- application engineering: APIs, debuggers, dumps ------------------------------------------------


def graphql_response(c: Ctx) -> Sample:
    """A GraphQL response body of a shop backend: the customer, the shipping address split into fields."""
    p = c.person
    a = p.address
    t = _lt().add(f'{{"data":{{"order":{{"id":"gid://shop/Order/{c.digits(13)}","name":"#{c.digits(5)}",')
    t.add('"customer":{"firstName":"').pii(p.first_name, "PERSON").add('","lastName":"')
    t.pii(p.last_name, "PERSON").add('","email":"').pii(c.email(), "EMAIL_ADDRESS").add('","phone":')
    if c.rng.random() < 0.8:
        t.add('"').pii(c.phone(style="e164"), "PHONE_NUMBER").add('"')
    else:
        t.add("null")
    t.add('},"shippingAddress":{"name":"').pii(c.name(style=c.pick("full", "full", "upper")), "PERSON")
    t.add('","address1":"').pii(json_str(street_line(p)), "ADDRESS")
    t.add(f'","address2":{c.pick("null", chr(34) + c.pick("", "2nd floor") + chr(34))},"zip":"{a.postcode}",')
    t.add(f'"city":"{a.city}","countryCodeV2":"{a.region}"}},"transactions":[{{"gateway":"')
    t.add(f'{c.pick("shopify_payments", "mollie", "stripe")}","paymentDetails":{{"creditCardNumber":"')
    t.add(
        f'•••• •••• •••• {p.card_number[-4:]}","creditCardCompany":"{c.pick("Visa", "Mastercard")}"}}}}]}}}},'
    )
    t.add(f'"extensions":{{"cost":{{"requestedQueryCost":{c.rng.randint(10, 300)},"throttleStatus":')
    t.add(f'{{"maximumAvailable":2000.0,"currentlyAvailable":{c.rng.randint(100, 1999)}}}}}}}}}')
    return t.sample("graphql_response")


def protobuf_text_dump(c: Ctx) -> Sample:
    """A gRPC request logged in protobuf text format (google.type.PostalAddress, a leaked card number)."""
    p = c.person
    a = p.address
    t = _lt().add(f"I{c.noise.when():%m%d %H:%M:%S}.{c.digits(6)} {c.rng.randint(1, 99)} server.go:")
    t.add(f"{c.rng.randint(40, 400)}] /customers.v1.Customers/UpdateProfile request:\ncustomer {{\n")
    t.add(f'  id: {c.rng.randint(10**6, 10**8)}\n  display_name: "').pii(c.name(style="full"), "PERSON")
    t.add('"\n  contact {\n    email: "').pii(c.email(), "EMAIL_ADDRESS").add('"\n    phone {\n      e164: "')
    t.pii(c.phone(style="e164"), "PHONE_NUMBER").add('"\n      type: MOBILE\n    }\n  }\n')
    t.add(
        f'  postal_address {{\n    revision: 0\n    region_code: "{a.region}"\n'
        f'    postal_code: "{a.postcode}"\n'
    )
    t.add(f'    locality: "{a.city}"\n    address_lines: "').pii(street_line(p), "ADDRESS")
    t.add('"\n    recipients: "').pii(p.full_name, "PERSON").add('"\n  }\n')
    if c.rng.random() < 0.6:
        t.add('  payment_method {\n    card_number: "').pii(p.card_number, "CREDIT_CARD")
        t.add(f'"\n    exp_month: {c.rng.randint(1, 12)}\n    exp_year: {c.rng.randint(2027, 2032)}\n  }}\n')
    t.add('}\nupdate_mask {\n  paths: "contact"\n  paths: "postal_address"\n}')
    return t.sample("protobuf_text_dump")


def browser_console_log(c: Ctx) -> Sample:
    """A browser console pasted into a bug report: object previews with the signed-in customer."""
    p = c.person
    t = _lt().add(f"[HMR] connected\nmain.{c.hexs(8)}.js:2 [analytics] identify ")
    t.add(f"{{userId: 'u_{c.digits(7)}', traits: {{email: '").pii(c.email(), "EMAIL_ADDRESS")
    t.add("', name: '").pii(c.name(style="full").replace("'", "\\'"), "PERSON").add("', phone: '")
    t.pii(c.phone(style=c.pick("intl", "pairs", "e164")), "PHONE_NUMBER").add("'}}\n")
    t.add(f"checkout.{c.hexs(8)}.js:1 Uncaught (in promise) TypeError: Cannot read properties of ")
    t.add("undefined (reading 'postcode')\n    at validateAddress (checkout.js:212:19)\n")
    t.add("    at async onSubmit (checkout.js:88:5)\ncheckout.js:214 address = {line1: '")
    t.pii(street_line(p).replace("'", "\\'"), "ADDRESS").add(
        f"', city: '{p.address.city}', postcode: undefined"
    )
    t.add(f", country: '{p.address.region}'}}\n")
    if c.rng.random() < 0.5:  # the click on the support line's link, as Chrome reports it
        scheme = c.pick("tel", "callto")
        t.add(f"Launched external handler for '{scheme}:")
        t.pii(c.phone(c.other, "landline", style="uri" if scheme == "tel" else "e164"), "PHONE_NUMBER")
        t.add("'.\n")
    t.add(f"[Violation] 'click' handler took {c.rng.randint(150, 900)}ms\n")
    t.add("DevTools failed to load source map: Could not load content for chrome-extension://")
    t.add(f"{c.hexs(16)}/content.js.map: HTTP error: status code 404")
    return t.sample("browser_console_log")


def mobile_crash_log(c: Ctx) -> Sample:
    """An Android crash from logcat with the crash reporter's user context attached."""
    p = c.person
    w = c.noise.when()
    pid = c.rng.randint(2000, 30000)
    head = f"{w:%m-%d %H:%M:%S}.{c.digits(3)} {pid} {pid} E AndroidRuntime: "
    t = _lt().add("--------- beginning of crash\n").add(f"{head}FATAL EXCEPTION: main\n")
    t.add(f"{head}Process: com.example.shop, PID: {pid}\n{head}java.lang.IllegalArgumentException: ")
    t.add("Unparseable phone number: ").pii(
        c.phone(style=c.pick("slash", "paren_area", "trunk_dash")), "PHONE_NUMBER"
    )
    t.add(
        f"\n{head}\tat com.example.shop.checkout.PhoneField.validate(PhoneField.kt:"
        f"{c.rng.randint(40, 200)})\n"
    )
    t.add(f"{head}\tat com.example.shop.checkout.CheckoutViewModel.submit(CheckoutViewModel.kt:")
    t.add(f"{c.rng.randint(40, 400)})\n--- crash report {c.hexs(32)} ---\nuser.id: {c.digits(8)}\n")
    t.add("user.email: ").pii(c.email(), "EMAIL_ADDRESS").add("\nuser.name: ").pii(p.full_name, "PERSON")
    t.add(f"\nkeys: last_screen=CheckoutAddress app_version={c.noise.version()[1:]} os=Android ")
    t.add(f'{c.rng.randint(11, 15)} device={c.pick("SM-S918B", "Pixel 8", "CPH2581")} delivery_address="')
    t.pii(c.address(style=c.pick("plain", "lower")), "ADDRESS").add('"')
    return t.sample("mobile_crash_log")


def curl_verbose_trace(c: Ctx) -> Sample:
    """`curl -v` output pasted into a chat: the command line with its JSON body, the 422 problem body."""
    p = c.person
    path = f"/v1/customers/{p.customer_id}/contact"
    body_email, body_phone = c.email(), c.phone(style=c.pick("e164", "intl", "pairs"))
    ip = f"203.0.113.{c.rng.randint(1, 254)}"
    t = _lt().add(f"$ curl -v -X PUT https://api.example.net{path} -H 'Content-Type: application/json' ")
    t.add('-d \'{"email":"').pii(body_email, "EMAIL_ADDRESS").add('","mobile":"').pii(
        body_phone, "PHONE_NUMBER"
    )
    t.add(f"\"}}'\n*   Trying {ip}:443...\n* Connected to api.example.net ({ip}) port 443\n")
    t.add("* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384\n")
    t.add(f"> PUT {path} HTTP/2\n> Host: api.example.net\n> user-agent: curl/8.{c.rng.randint(1, 9)}.0\n")
    t.add(f"> content-type: application/json\n> content-length: {c.rng.randint(60, 120)}\n>\n")
    t.add("< HTTP/2 422\n< content-type: application/problem+json\n<\n")
    t.add('{"type":"about:blank","title":"Unprocessable Entity","detail":"postal address \'')
    t.pii(c.address(), "ADDRESS").add("' failed validation for customer ").pii(p.full_name, "PERSON")
    t.add(f'","traceId":"{c.hexs(32)}"}}')
    return t.sample("curl_verbose_trace")


def mongo_shell_output(c: Ctx) -> Sample:
    """mongosh output of a lookup by email: the query and the document, shell-style object literals."""
    p = c.person
    a = p.address
    email = c.email(style="plain")
    t = _lt().add("shop> db.customers.find({ email: '").pii(email, "EMAIL_ADDRESS").add("' })\n[\n  {\n")
    t.add(f"    _id: ObjectId('{c.hexs(24)}'),\n    email: '").pii(email, "EMAIL_ADDRESS")
    t.add("',\n    profile: { first: '").pii(p.first_name.replace("'", "\\'"), "PERSON").add("', last: '")
    t.pii(p.last_name.replace("'", "\\'"), "PERSON").add("', phone: '").pii(c.phone(), "PHONE_NUMBER")
    t.add("' },\n    addresses: [\n      { label: 'home', street: '").pii(
        street_line(p).replace("'", "\\'"), "ADDRESS"
    )
    t.add(f"', zip: '{a.postcode}', city: '{a.city.replace(chr(39), chr(92) + chr(39))}' }}\n    ],\n")
    t.add(f"    createdAt: ISODate('{c.noise.when().isoformat(timespec='milliseconds')[:23]}Z'),\n")
    t.add(f"    loyaltyPoints: Long('{c.rng.randint(0, 90000)}'),\n")
    if c.rng.random() < 0.4:  # a legacy field with the card as a number (Long() beyond 2^53)
        pan = p.card_number
        t.add("    legacyCard: ").add("Long('" if int(pan) > 2**53 else "").pii(pan, "CREDIT_CARD")
        t.add("')" if int(pan) > 2**53 else "").add(f", legacyCardExp: '{c.expiry()}',\n")
    t.add("    tags: [ 'newsletter', ")
    t.add(f"'{c.pick('vip', 'churn-risk', 'b2c')}' ]\n  }}\n]")
    return t.sample("mongo_shell_output")


def php_print_r_dump(c: Ctx) -> Sample:
    """A PHP error log with a `print_r($_POST)` a developer left in the checkout."""
    p = c.person
    a = p.address
    w = c.noise.when()
    stamp = f"[{w:%d-%b-%Y %H:%M:%S} UTC]"
    t = _lt().add(f'{stamp} PHP Warning:  Undefined array key "vat_number" in /var/www/shop/checkout.php ')
    t.add(f"on line {c.rng.randint(40, 900)}\n{stamp} Array\n(\n    [firstname] => ").pii(
        p.first_name, "PERSON"
    )
    t.add("\n    [lastname] => ").pii(p.last_name, "PERSON").add("\n    [email] => ").pii(
        c.email(), "EMAIL_ADDRESS"
    )
    t.add("\n    [telephone] => ").pii(c.phone(), "PHONE_NUMBER").add("\n    [address_1] => ")
    t.pii(street_line(p), "ADDRESS").add(f"\n    [postcode] => {a.postcode}\n    [city] => {a.city}\n")
    t.add(f"    [country_id] => {c.rng.randint(1, 250)}\n")
    if c.rng.random() < 0.7:
        t.add("    [cc_number] => ").pii(p.card_number, "CREDIT_CARD")
        t.add(f"\n    [cc_expire_date_month] => {c.rng.randint(1, 12):02d}\n")
        t.add(f"    [cc_expire_date_year] => {c.rng.randint(2027, 2032)}\n")
    t.add(f"    [agree] => 1\n)\n{stamp} PHP Notice:  session_start(): Ignoring session_start() because a ")
    t.add("session is already active")
    return t.sample("php_print_r_dump")


def iso20022_refund_xml(c: Ctx) -> Sample:
    """A pain.001 credit transfer refunding a customer: creditor name and unstructured address lines."""
    p = c.person
    a = p.address
    t = _lt().add(f"<CdtTrfTxInf>\n  <PmtId><EndToEndId>RFND-{c.digits(10)}</EndToEndId></PmtId>\n")
    t.add(f'  <Amt><InstdAmt Ccy="EUR">{c.rng.randint(5, 900)}.{c.digits(2)}</InstdAmt></Amt>\n')
    t.add(f"  <CdtrAgt><FinInstnId><BIC>{c.pick('GEBABEBB', 'INGBNL2A', 'BNPAFRPP', 'COBADEFF', 'BOFIIE2D')}")
    t.add("</BIC></FinInstnId></CdtrAgt>\n  <Cdtr>\n    <Nm>").pii(fold(p.full_name), "PERSON")
    t.add("</Nm>\n    <PstlAdr>\n      <Ctry>").add(a.region).add("</Ctry>\n      <AdrLine>")
    t.pii(fold(street_line(p)), "ADDRESS").add(f"</AdrLine>\n      <AdrLine>{fold(a.lines[-1])}</AdrLine>\n")
    t.add(f"    </PstlAdr>\n  </Cdtr>\n  <CdtrAcct><Id><IBAN>{p.region if p.region != 'US' else 'BE'}")
    t.add(f"{c.digits(2)}{c.digits(12)}</IBAN></Id></CdtrAcct>\n  <RmtInf><Ustrd>Refund order ")
    t.add(f"{c.noise.order_id()} card ending {p.card_number[-4:]}</Ustrd></RmtInf>\n</CdtTrfTxInf>")
    return t.sample("iso20022_refund_xml")


# -- negative shapes: none of the five entities -----------------------------------------------------


def package_manifest(c: Ctx) -> Sample:
    """A package.json or pyproject.toml: versions, ranges, scripts, a team as author."""
    v = c.noise.version()[1:]
    if c.rng.random() < 0.5:
        t = _lt().add(f'{{\n  "name": "@example/checkout-web",\n  "version": "{v}",\n  "private": true,\n')
        t.add(
            '  "author": "Example Platform Team",\n  "license": "UNLICENSED",\n'
            '  "engines": { "node": ">=20.11" },\n'
        )
        t.add(
            '  "scripts": { "build": "vite build", "test": "vitest run --coverage" },\n  "dependencies": {\n'
        )
        t.add(f'    "react": "^18.{c.rng.randint(0, 3)}.{c.rng.randint(0, 9)}",\n    "libphonenumber-js": ')
        t.add(f'"~1.{c.rng.randint(10, 11)}.{c.rng.randint(1, 60)}",\n    "zod": "3.22.4"\n  }}\n}}')
    else:
        t = _lt().add(f'[project]\nname = "piiscan-worker"\nversion = "{v}"\nrequires-python = ">=3.11"\n')
        t.add('authors = [{ name = "Data Platform" }]\ndependencies = [\n  "phonenumbers>=8.13.30",\n')
        t.add(
            f'  "faker>={c.rng.randint(20, 30)}.0",\n'
            f'  "sqlalchemy[asyncio]~=2.0.{c.rng.randint(20, 36)}",\n]\n'
        )
        t.add('\n[tool.ruff]\nline-length = 110\n\n[tool.pytest.ini_options]\naddopts = "-x -q"')
    return t.sample("package_manifest")


def openapi_spec(c: Ctx) -> Sample:
    """An OpenAPI fragment describing personal fields without holding any value."""
    t = _lt().add(f"openapi: 3.1.0\ninfo:\n  title: Customer API\n  version: {c.noise.version()[1:]}\n")
    t.add("paths:\n  /v1/customers/{customerId}/contact:\n    put:\n      operationId: updateContact\n")
    t.add(
        "      parameters:\n        - {name: customerId, in: path, required: true, schema: {type: string}}\n"
    )
    t.add("components:\n  schemas:\n    Contact:\n      type: object\n      required: [email]\n")
    t.add("      properties:\n        email: {type: string, format: email, maxLength: 254}\n")
    t.add("        mobile: {type: string, pattern: '^\\+[1-9]\\d{7,14}$', description: E.164}\n")
    t.add("        givenName: {type: string, maxLength: 100}\n        familyName: {type: string}\n")
    t.add("        postcode: {type: string, pattern: '^[0-9]{4}( ?[A-Z]{2})?$'}\n")
    t.add(f"      x-retention-days: {c.pick(30, 90, 365, 730)}")
    return t.sample("openapi_spec")


def terraform_plan(c: Ctx) -> Sample:
    """`terraform plan` output: resource changes, instance classes, tags naming teams."""
    t = _lt().add("Terraform will perform the following actions:\n\n")
    t.add('  # aws_db_instance.crm will be updated in-place\n  ~ resource "aws_db_instance" "crm" {\n')
    t.add(f'        id                  = "crm-prod-{c.hexs(6)}"\n')
    t.add(
        f'      ~ instance_class      = "db.t3.{c.pick("medium", "large")}"'
        f' -> "db.r6g.{c.pick("large", "xlarge")}"\n'
    )
    t.add(f"      ~ allocated_storage   = {c.rng.randint(100, 400)} -> {c.rng.randint(500, 900)}\n")
    t.add('        tags                = {\n            "owner"       = "team-billing"\n')
    t.add(f'            "cost-center" = "CC-{c.digits(4)}"\n        }}\n    }}\n\n')
    t.add(f'  # aws_s3_bucket.exports["eu-west-{c.rng.randint(1, 3)}"] will be created\n')
    t.add(
        f'  + resource "aws_s3_bucket" "exports" {{\n      + bucket = "pii-exports-{c.hexs(8)}"\n    }}\n\n'
    )
    t.add("Plan: 1 to add, 1 to change, 0 to destroy.")
    return t.sample("terraform_plan")


def sql_ddl(c: Ctx) -> Sample:
    """Schema DDL for personal data: column names and checks, no values."""
    t = _lt().add("CREATE TABLE customer_contact (\n  customer_id  bigint PRIMARY KEY,\n")
    t.add("  given_name   varchar(100) NOT NULL,\n  family_name  varchar(100) NOT NULL,\n")
    t.add("  email        citext UNIQUE CHECK (email ~ '^[^@]+@[^@]+$'),\n")
    t.add("  phone_e164   varchar(16) CHECK (phone_e164 ~ '^\\+[1-9][0-9]{7,14}$'),\n")
    t.add("  card_last4   char(4),\n  street       text,\n  postcode     varchar(10),\n")
    t.add(
        "  created_at   timestamptz DEFAULT now()\n);\nCREATE INDEX ix_contact_postcode ON customer_contact"
    )
    t.add(
        f" (postcode) WITH (fillfactor = {c.pick(70, 80, 90)});\nCOMMENT ON COLUMN customer_contact.email IS "
    )
    t.add(f"'personal data, retention {c.pick(2, 5, 7)} years';")
    return t.sample("sql_ddl")


def prometheus_metrics(c: Ctx) -> Sample:
    """A Prometheus exposition scrape: histogram buckets, routes with ids, counters."""
    t = _lt().add("# HELP http_request_duration_seconds Request latency.\n")
    t.add("# TYPE http_request_duration_seconds histogram\n")
    total = 0
    for le in ("0.005", "0.025", "0.1", "0.5", "2.5", "+Inf"):
        total += c.rng.randint(0, 4000)
        t.add(
            f'http_request_duration_seconds_bucket{{route="/v1/customers/:id/contact",le="{le}"}} {total}\n'
        )
    t.add(f'http_request_duration_seconds_sum{{route="/v1/customers/:id/contact"}} {c.rng.randint(10, 999)}.')
    t.add(f"{c.digits(3)}\n# TYPE pii_findings_total counter\n")
    for entity in ("person", "phone_number", "email_address"):
        t.add(f'pii_findings_total{{entity="{entity}",zone="raw"}} {c.rng.randint(10**3, 10**8)}\n')
    t.add(f"process_resident_memory_bytes {c.rng.randint(10**7, 10**9)}")
    return t.sample("prometheus_metrics")


_DEPARTURES = (
    ("EST {n}", "Bruxelles-Midi / Brussel-Zuid", "London St Pancras International"),
    ("IC {n}", "Antwerpen-Centraal", "Charleroi-Central"),
    ("ICE {n}", "Frankfurt (Main) Hbf", "Berlin Friedrichstraße"),
    ("TGV {n}", "Paris Gare de Lyon", "Marseille Saint-Charles"),
    ("RER A", "Charles de Gaulle – Étoile", "Marne-la-Vallée Chessy"),
    ("Bakerloo", "Baker Street", "Elephant & Castle"),
    ("Tram 5", "Rembrandtplein", "Van Hallstraat"),
    ("Frecciarossa {n}", "Milano Centrale", "Napoli Garibaldi"),
    ("AVE {n}", "Madrid Puerta de Atocha – Almudena Grandes", "Sevilla Santa Justa"),
    ("DART", "Dublin Heuston", "Connolly"),
    ("U2", "Theodor-Heuss-Platz", "Pankow"),
    ("Metro 2", "Simonis", "Louise / Louiza"),
)


def departure_board(c: Ctx) -> Sample:
    """A departure board feed: stations and squares named after people, platforms, delays, weekdays."""
    w = c.noise.when()
    t = _lt().add(f"{w:%A %d %B %Y} — departures updated {w:%H:%M}\n")
    for line, origin, destination in c.rng.sample(_DEPARTURES, 4):
        delay = c.pick("on time", f"+{c.rng.randint(2, 45)}'", "cancelled")
        t.add(
            f"{c.rng.randint(5, 23):02d}:{c.rng.randint(0, 59):02d}"
            f"  {line.format(n=c.rng.randint(100, 9999))}"
        )
        t.add(f"  {origin} → {destination}  platform {c.rng.randint(1, 22)}{c.pick('', 'a', 'b')}  {delay}\n")
    t.add(
        f"Lift out of order at {c.pick('Baker Street', 'Simonis', 'Rembrandtplein')}; step-free via exit 2."
    )
    return t.sample("departure_board")


def _kbo(body: int) -> str:
    """A Belgian enterprise number: eight digits (a leading 0) and their mod-97 check."""
    return f"{body:08d}{97 - body % 97:02d}"


def _gtin13(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def registry_identifiers(c: Ctx) -> Sample:
    """Supplier master data: KBO/BCE, SIREN/SIRET (Luhn-valid), KvK, VAT, IBAN, BIC, LEI, EAN, ISBN."""
    kbo = _kbo(c.rng.randint(2 * 10**6, 10**7 - 1))
    siren = c.digits(8)
    siren += luhn_check_digit(siren)
    siret = siren + c.digits(4)
    siret += luhn_check_digit(siret)  # 14 digits, Luhn-valid: looks like a card to a careless detector
    t = _lt().add(
        f'supplier_id=S{c.digits(6)} name="'
        f'{c.pick("Brouwerij Het Anker", "Boulangerie Paul SAS", "Müller Logistik GmbH", "Hotel Leopold")}"\n'
    )
    t.add(f"kbo={kbo[:4]}.{kbo[4:7]}.{kbo[7:]} vat=BE{kbo} siren={siren} siret={siret} kvk={c.digits(8)}\n")
    t.add(f"iban={iban_of('BE', c.digits(12))} bic={c.pick('KREDBEBB', 'GKCCBEBB', 'ABNANL2A', 'DEUTDEFF')} ")
    t.add(f"lei=5493{c.hexs(14).upper()}{c.digits(2)}\n")
    t.add(f"ean={_gtin13('54' + c.digits(10))} isbn={_gtin13('978' + c.digits(9))} ")
    t.add(f"duns={c.digits(9)} eori=BE{kbo}")
    return t.sample("registry_identifiers")


def asset_register(c: Ctx) -> Sample:
    """An IT asset register row: serials, MACs, a Luhn-valid IMEI, firmware versions, desks, no owner."""
    imei = c.digits(14)
    imei += luhn_check_digit(imei)
    mac = ":".join(c.hexs(2) for _ in range(6))
    t = _lt().add("asset_tag;type;serial;mac;imei;firmware;location;assigned_to;purchased\n")
    t.add(f"IT-{c.digits(5)};{c.pick('laptop', 'phone', 'tablet')};{c.hexs(10).upper()};{mac};{imei};")
    t.add(f"{c.noise.version()[1:]};{c.pick('Floor 3 desk 12', 'Brussels HQ room 4.07', 'Warehouse B')};")
    t.add(f"{c.pick('pool-support', 'team-field', 'spare')};{c.noise.when():%d/%m/%Y}\n")
    t.add(f"IT-{c.digits(5)};monitor;{c.hexs(12).upper()};;;;{c.pick('Floor 2 desk 3', 'Utrecht office')};")
    t.add(f"pool-hotdesk;{c.noise.when():%d/%m/%Y}")
    return t.sample("asset_register")


_TITLES = (
    ("Anna Karenina", "Penguin Classics", "891.73"), ("Madame Bovary", "Folio", "843.8"),
    ("Max Havelaar", "Querido", "839.31"), ("Effi Briest", "Reclam", "833.8"),
    ("Don Quijote de la Mancha", "Cátedra", "863.3"), ("Romeo and Juliet", "Arden", "822.33"),
    ("Pippi Långstrump", "Rabén & Sjögren", "839.73"), ("Il barone rampante", "Mondadori", "853.914"),
    ("The Nobel Prize: A History", "Oxford UP", "001.44"), ("Tintin au Tibet", "Casterman", "741.5"),
    ("Mrs Dalloway", "Vintage", "823.912"), ("Oliver Twist", "Wordsworth", "823.8"),
)  # fmt: skip


def library_catalogue(c: Ctx) -> Sample:
    """Catalogue rows of a library system: titles naming fictional people, ISBNs, shelf marks, due dates."""
    t = _lt().add("title\tpublisher\tisbn\tshelfmark\tstatus\n")
    for title, publisher, dewey in c.rng.sample(_TITLES, 3):
        status = c.pick("on shelf", f"on loan, due {c.noise.when():%a %d %b}", "in transit")
        t.add(
            f"{title}\t{publisher}\t{_gtin13('978' + c.digits(9))}\t{dewey}"
            f" {title.split()[0][:3].upper()}\t{status}\n"
        )
    t.add(f"-- {c.rng.randint(3, 40)} rows, query {c.rng.randint(2, 90)} ms")
    return t.sample("library_catalogue")


POSITIVE_SHAPES: dict[str, Shape] = {
    f.__name__: f
    for f in (
        pnr_booking_record, hotel_registration_card, car_rental_agreement, event_ticket_export,
        insurance_claim_form, meter_reading_visit, parking_charge_notice, bailiff_letter, proxy_authorisation,
        hr_onboarding_email, enrolment_pipe_export, school_trip_contacts, appointment_reminder,
        marketplace_message, review_with_signature, zendesk_side_conversation, password_reset_audit,
        oidc_id_token_claims, scim_user_resource, ldif_entry, graphql_response, protobuf_text_dump,
        browser_console_log, mobile_crash_log, curl_verbose_trace, mongo_shell_output, php_print_r_dump,
        iso20022_refund_xml,
    )
}  # fmt: skip
NEGATIVE_SHAPES: dict[str, Shape] = {
    f.__name__: f
    for f in (
        package_manifest, openapi_spec, terraform_plan, sql_ddl, prometheus_metrics, departure_board,
        registry_identifiers, asset_register, library_catalogue,
    )
}  # fmt: skip
HELDOUT5_SHAPES: dict[str, Shape] = {**POSITIVE_SHAPES, **NEGATIVE_SHAPES}


def build_heldout5_corpus(lines: int = 2000, seed: int = 0) -> list[Sample]:
    """`lines` labelled samples, the same for the same seed; the first records cover every shape once."""
    rng = random.Random(seed * 13 + 5)
    population = build_population(seed, max(60, lines // 3))
    return cast_corpus(lines, rng, POSITIVE_SHAPES, NEGATIVE_SHAPES, population, Ctx, cast=3)
