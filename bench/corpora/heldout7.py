"""The seventh held-out corpus: records of the healthcare, logistics, e-commerce, hospitality, payroll,
club, messaging, engineering, banking, notarial, ERP and insurance systems a European company exchanges
data with, in shapes none of the earlier corpora use, written blind (without looking at how detection
works, and without running it while writing). Nobody tunes on it: `bench/corpora/heldout6.py` is now a
development set, and this corpus only ever prints the honest estimate.

    python -m bench.corpora heldout7 --lines 2000 --seed 0 [-o heldout7.jsonl] [--no-labels]

Shapes (25 positive): HL7 v2 ADT messages (PID/NK1/PV1), EDIFACT IFTMIN NAD/CTA/COM segments, FHIR Patient
resources, Shopify order webhooks, WooCommerce `wp_postmeta` rows with PHP-serialized arrays, CRM exports
with localised headers (Dynamics `(Do Not Modify)` columns; de, fr, nl, it, es), `git blame --porcelain`,
SMPP deliver_sm dumps with delivery receipts, OTA hotel reservations, payroll exports (DATEV-style German,
Dutch), club membership lists, Telegram JSON chat exports, Zoom chat logs, OCR'd paper forms, Debezium
change events, `psql` expanded output, Belgian CODA statements, vCard 2.1 with quoted-printable values,
Java `.properties` with `\\u` escapes, Android logcat `Bundle[{…}]` dumps, HAR entries, OpenTelemetry OTLP
spans, notarial deeds (nl, fr), Italian customer master screens, Spanish accident statements.

People: `PeopleGenerator` people of its nine regions (BE NL FR DE GB IE ES IT US, drawn with this corpus's
own seed offset); about a quarter are renamed with Latin-script names of Faker locales the generator does
not use and heldout6 did not use either (EXTRA_LOCALES: Danish, Swedish, Norwegian, Finnish, Czech,
Croatian, Estonian, Icelandic, Austrian, Swiss German and French, Brazilian, Mexican, New Zealand, Indian,
Luxembourgish German, Catalan-Spanish, Kenyan, Igbo, Algerian French, Twi). On top, some get two given
names, a hyphenated double surname, a particle (`van den`, `ter`, `von`, `de los`, `da`) or an apostrophe
(`O'Brien`, `D'Amico`, `d'Almeida`); their email addresses then follow the new name.

Renderings of its own:
- names: HL7 `FAMILY^GIVEN^SECOND`, EDIFACT `FAMILY:GIVEN` with `?'` release characters, `PEETERS, Ann`,
  `PEETERS Ann` (notarial deeds), initials of every given name (`A.M. Peeters`), lower case (chat
  displays), quoted-printable (`J=C3=BCrgen`), Java `\\u00fc` escapes, SQL-doubled apostrophes (`O''Brien`),
  form-encoded (`Ann+Peeters`);
- phones: `+32-475-12-34-56`, `+32.475.12.34.56`, `+32 475/123456`, grouped by no-break spaces, national,
  international, E.164, MSISDN without a plus (SMPP `source_addr`), percent-encoded `%2B…` in form bodies;
- addresses: postcode and town before the street (`wonende te 9000 Gent, Kerkstraat 12`), split into
  HL7/EDIFACT/FHIR/vCard components, CODA fixed-width fields, `\\n`-escaped, inside SQL in a span attribute,
  lower case, capitals without diacritics, with the country written after the town;
- cards: by fours with spaces, dashes or no-break spaces, OCR'd comb fields with uneven gaps, bare;
- emails: plain, upper case, capitalised words, plus-tagged, GitHub noreply, percent-encoded in forms.

Labelling decisions (spans are recorded while each text is built, never searched for afterwards):
- PERSON: the name as written, courtesy titles and honorifics outside (`Mrs`, `Dr.`, `Meester`, `Maître`,
  `De heer`, HL7 `MRS`); inverted, initials, lower-case and encoded forms are one span, as written. Names
  split into fields or components (CSV columns, JSON keys, HL7 `^`, EDIFACT `:`, vCard `N` `;`) are one
  span per component. Employees acting in a record (doctors, notaries, developers, hosts, agents) are
  people and labelled. Ids (`from_id`, usernames, MRNs, `customer_id`) are not names. Companies, insurers,
  ships, stations, shops and brands are not people, even when they look like a surname.
- ADDRESS: a person's postal address from its first element to its last (the country included when
  written as part of it), separators as written inside the span (`, `, line breaks, `\\n`); when the
  postcode and town come first, the span starts at the postcode. When a record splits the address into
  fields or components, only the one holding street and house number is labelled; units, postcodes,
  towns, regions and countries apart are not. Fixed-width padding is outside. Places of an accident
  without a house number, company addresses and station names are not labelled.
- PHONE_NUMBER: the number as written, without extension; subscriber numbers without a plus in MSISDN
  fields and percent-encoded numbers (`%2B32475123456`) included, as written.
- EMAIL_ADDRESS: the address as written, without `mailto:`, angle brackets or display name; percent-encoded
  in a form body, one span as written.
- CREDIT_CARD: a full Luhn-valid PAN in any grouping or bare. Masked PANs (`•••• •••• •••• 4242`,
  `411111******1111`), BIN and last-4 fields, CVCs, expiry dates, IBANs and card tokens are not cards.
- Traps left unlabelled inside positive records: order, shipment and policy numbers, GLNs, IBANs, national
  register, tax (Steuer-ID, codice fiscale), BSN and social security numbers, epoch timestamps in seconds,
  milliseconds and nanoseconds, SMPP submit dates, Telegram `from_id`s, MRNs, plates, CVCs, versions.
- Negative shapes (about a fifth of the records): HL7 lab observations, EDIFACT inventory reports, ISO 8583
  authorisation dumps with masked PANs, DSMR smart-meter telegrams, GTFS stop lists, release changelogs,
  AIS vessel reports (ships named like women), ECB exchange-rate XML and store opening hours of shops named
  after streets; they hold none of the five entities.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import quote, quote_plus

import phonenumbers
from phonenumbers import PhoneNumberFormat

from bench.corpora.base import LabelledText, Sample, cast_corpus
from bench.corpora.people import Names, email_for, renamed_population
from bench.corpora.values import (
    COUNTRY_NAMES,
    ContactContext,
    add_field,
    fold,
    iban_of,
    json_str,
    sql_str,
    street_line,
)
from flows.demo.synthetic_people import Person, render_card

__all__ = ["EXTRA_LOCALES", "HELDOUT7_SHAPES", "NEGATIVE_SHAPES", "build_heldout7_corpus", "build_population"]

SEED_OFFSET = 70_019  # people differ from those of the other corpora at the same --seed

Shape = Callable[["Ctx"], Sample]

# -- people -----------------------------------------------------------------------------------------

# Latin-script Faker locales neither flows/demo/synthetic_people.py nor heldout6 uses
EXTRA_LOCALES = (
    "da_DK", "sv_SE", "no_NO", "fi_FI", "cs_CZ", "hr_HR", "et_EE", "is_IS", "de_AT", "de_CH", "fr_CH",
    "pt_BR", "es_MX", "en_NZ", "en_IN", "de_LU", "es_CA", "en_KE", "ig_NG", "fr_DZ", "tw_GH",
)  # fmt: skip
EXTRA_LOCALE_SHARE = 0.25
PARTICLES = {
    "NL": ("van den", "ter", "van"), "BE": ("Van den", "Vanden", "de"), "FR": ("de", "du"),
    "DE": ("von", "von dem"), "ES": ("de los", "del"), "pt_BR": ("da", "dos"), "de_AT": ("von",),
}  # fmt: skip
# apostrophe particles: (particle, only before a vowel)
APOSTROPHES = {
    "IE": ("O'", False), "GB": ("O'", False), "IT": ("D'", True), "FR": ("d'", True), "BE": ("D'", True),
    "pt_BR": ("d'", True),
}  # fmt: skip
COMPANY_DOMAINS = ("norvia.eu", "norvia.de", "norvia-group.com", "it.norvia.eu")
ISO3 = {"BE": "BEL", "NL": "NLD", "FR": "FRA", "DE": "DEU", "GB": "GBR", "IE": "IRL", "ES": "ESP",
        "IT": "ITA", "US": "USA"}  # fmt: skip


def _renamed(p: Person, rng: random.Random, names: Names) -> Person:
    """The person as this corpus names them: other locales, two given names, particles, apostrophes."""
    locale, first, last = p.locale, p.first_name, p.last_name
    female = rng.random() < 0.5
    if rng.random() < EXTRA_LOCALE_SHARE:
        locale = rng.choice(EXTRA_LOCALES)
        first, last = names.given(locale, female), names.family(locale, female)
    if rng.random() < 0.12:
        second = names.given(locale, female)
        if second != first and " " not in second:
            first = f"{first}{'-' if locale.startswith('fr') and rng.random() < 0.6 else ' '}{second}"
    roll = rng.random()
    native = p.region if locale == p.locale else None  # no Irish O' before a Danish name
    key = locale if locale in PARTICLES or locale in APOSTROPHES else native
    if roll < 0.05:
        last = f"{last}-{names.family(locale, female)}"
    elif roll < 0.12 and " " not in last and key in PARTICLES:
        last = f"{rng.choice(PARTICLES[key])} {last}"
    elif roll < 0.18 and " " not in last and key in APOSTROPHES:
        particle, vowel_only = APOSTROPHES[key]
        if not vowel_only or fold(last[0]).lower() in "aeiou":
            last = f"{particle}{last}"
    if (first, last) == (p.first_name, p.last_name):
        return p
    email = email_for(rng, first, last, p.region, locale)
    return dataclasses.replace(p, locale=locale, first_name=first, last_name=last, email=email)


def build_population(seed: int, count: int) -> list[Person]:
    """`count` people of this corpus: the generator's people, a quarter renamed from other locales."""
    return renamed_population(seed, count, SEED_OFFSET, 409, _renamed)


# -- renderings -------------------------------------------------------------------------------------


def unit_apart(p: Person) -> str:
    """The unit when the region writes it on a line of its own (FR `Appt 3`, GB `Flat 2`), else ``."""
    return p.address.unit if p.address.unit and p.address.unit not in street_line(p) else ""


def _qp(value: str) -> str:
    """Quoted-printable as vCard 2.1 writes non-ASCII values."""
    return "".join(
        ch if ch.isascii() and ch not in "=;" else "".join(f"={b:02X}" for b in ch.encode()) for ch in value
    )


def _java(value: str) -> str:
    """A value as `java.util.Properties.store` escapes it."""
    return "".join(ch if ch.isascii() else f"\\u{ord(ch):04x}" for ch in value).replace(":", "\\:")


def _edi(value: str) -> str:
    """An EDIFACT data element with its release character before `'`, `+`, `:` and `?`."""
    return "".join(f"?{ch}" if ch in "'+:?" else ch for ch in value)


def _php(key: str, value: str, entity: str | None, t: LabelledText) -> None:
    """One key and value of a PHP-serialized array (lengths in bytes)."""
    t.add(f's:{len(key.encode())}:"{key}";s:{len(value.encode())}:"')
    add_field(t, value, entity).add('";')


class Ctx(ContactContext):
    """What one record is built from: the seeded rng and noise, three people, and this corpus's renderings."""

    company_domains = COMPANY_DOMAINS

    def name(self, p: Person | None = None, style: str | None = None) -> str:
        p = p or self.person
        style = (
            style
            or self.rng.choices(
                ("full", "upper", "inverted", "initials", "lower", "family_upper"), weights=(8, 2, 2, 1, 1, 1)
            )[0]
        )
        if style == "upper":
            return p.full_name.upper()
        if style == "inverted":
            return f"{p.last_name.upper()}, {p.first_name}"
        if style == "family_upper":
            return f"{p.last_name.upper()} {p.first_name}"
        if style == "initials":
            given = ".".join(w[0] for w in p.first_name.replace("-", " ").split())
            return f"{given}. {p.last_name}"
        if style == "lower":
            return p.full_name.lower()
        return p.full_name

    def phone(self, p: Person | None = None, which: str = "mobile", style: str | None = None) -> str:
        number = phonenumbers.parse(getattr(p or self.person, which))
        cc, nsn = str(number.country_code), phonenumbers.national_significant_number(number)
        national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        intl = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
        groups = intl.replace("-", " ").split(" ")[1:]
        style = (
            style
            or self.rng.choices(
                ("intl", "e164", "national", "hyphen", "dots", "slash", "nbsp"), weights=(3, 2, 3, 2, 1, 1, 1)
            )[0]
        )
        if style == "e164":
            return f"+{cc}{nsn}"
        if style == "msisdn":
            return f"{cc}{nsn}"
        if style == "national":
            return national
        if style == "hyphen":
            return "-".join([f"+{cc}", *groups])
        if style == "dots":
            return ".".join([f"+{cc}", *groups])
        if style == "slash":
            return f"+{cc} {groups[0]}/{''.join(groups[1:])}"
        if style == "nbsp":
            return intl.replace(" ", "\u00a0")
        if style == "intl00":
            return f"00{intl[1:]}"
        return intl

    def email(self, p: Person | None = None, style: str | None = None) -> str:
        address = (p or self.person).email
        style = style or self.rng.choices(("plain", "upper", "capital", "plus"), weights=(8, 1, 1, 2))[0]
        local, domain = address.split("@", 1)
        if style == "upper":
            return address.upper()
        if style == "capital":
            return ".".join(w.capitalize() for w in local.split(".")) + "@" + domain.capitalize()
        if style == "plus":
            return f"{local}+{self.pick('norvia', 'shop', 'factures', 'rechnung', '2026')}@{domain}"
        return address

    def card(self, p: Person | None = None, style: str | None = None) -> str:
        number = (p or self.person).card_number
        style = style or self.pick("spaced", "spaced", "dashed", "plain", "nbsp")
        if style == "nbsp":
            return render_card(number, "spaced").replace(" ", "\u00a0")
        if style == "comb":  # OCR of a form with one box per digit: uneven gaps between the groups
            return "".join(
                ch + (self.pick(" ", "  ", " ") if i % 4 == 3 and i < len(number) - 1 else "")
                for i, ch in enumerate(number)
            )
        return render_card(number, style)

    def epoch(self) -> int:
        return int(self.noise.when().timestamp())


def _lt() -> LabelledText:
    return LabelledText()


# -- healthcare ---------------------------------------------------------------------------------------


def hl7_adt_message(c: Ctx) -> Sample:
    """An HL7 v2.5 ADT^A04 registration: PID name, address and telecom components, next of kin, doctor."""
    p, kin, doc, w = c.person, c.other, c.third, c.noise.when()
    given = p.first_name.split(" ", 1)
    t = _lt().add(f"MSH|^~\\&|ADT1|AZ-{c.pick('SJAN', 'MARIA', 'DELTA')}|LABSYS|NORVIA|{w:%Y%m%d%H%M%S}||")
    t.add(f"ADT^A04^ADT_A01|MSG{c.digits(8)}|P|2.5.1|||AL|NE|{ISO3[p.region]}|UNICODE UTF-8\r")
    t.add(f"EVN|A04|{w:%Y%m%d%H%M%S}\rPID|1||{c.digits(8)}^^^AZ^MR||")
    upper = c.rng.random() < 0.6
    t.pii(fold(p.last_name).upper() if upper else p.last_name, "PERSON").add("^")
    t.pii(fold(given[0]).upper() if upper else given[0], "PERSON")
    if len(given) > 1:
        t.add("^").pii(fold(given[1]).upper() if upper else given[1], "PERSON")
    t.add(f"^^{c.pick('MRS', 'MR', 'MS', '')}||{c.rng.randint(1940, 2010)}{c.rng.randint(1, 12):02d}")
    t.add(f"{c.rng.randint(1, 28):02d}|{c.pick('F', 'M', 'U')}|||").pii(c.street(upper=upper), "ADDRESS")
    t.add(f"^{unit_apart(p)}^{p.address.city}^^{p.address.postcode}^{ISO3[p.region]}^H||")
    t.pii(c.phone(which="landline", style=c.pick("national", "e164")), "PHONE_NUMBER").add("^PRN^PH~")
    t.pii(c.phone(style=c.pick("national", "e164", "intl")), "PHONE_NUMBER").add("^PRN^CP~^NET^Internet^")
    t.pii(c.email(style=c.pick("plain", "upper")), "EMAIL_ADDRESS")
    t.add(f"||{c.pick('nl', 'fr', 'de', 'en')}|{c.pick('M', 'S', 'W')}||{c.digits(10)}\rNK1|1|")
    t.pii(fold(kin.last_name).upper(), "PERSON").add("^").pii(
        fold(kin.first_name.split()[0]).upper(), "PERSON"
    )
    t.add(f"|{c.pick('SPO^Spouse', 'CHD^Child', 'PAR^Parent', 'FND^Friend')}^HL70063|")
    t.pii(c.street(kin), "ADDRESS").add(f"^^{kin.address.city}^^{kin.address.postcode}^{ISO3[kin.region]}|")
    t.pii(c.phone(kin, style=c.pick("national", "e164")), "PHONE_NUMBER")
    t.add(f"\rPV1|1|O|{c.pick('CARD', 'ORTH', 'DERM')}^{c.rng.randint(100, 400)}^1||||{c.digits(6)}^")
    t.pii(fold(doc.last_name).upper(), "PERSON").add("^").pii(
        fold(doc.first_name.split()[0]).upper(), "PERSON"
    )
    return t.add(f"^^^DR|||||||||||V{c.digits(9)}").sample("hl7_adt_message")


def fhir_patient_json(c: Ctx) -> Sample:
    """A FHIR R4 Patient resource, pretty-printed: name parts, telecom, address lines, contact, GP display."""
    p, kin, gp = c.person, c.other, c.third
    given = p.first_name.split(" ")
    t = _lt().add(f'{{\n  "resourceType": "Patient",\n  "id": "{c.noise.uuid()}",\n  "meta": {{"versionId": ')
    t.add(f'"{c.rng.randint(1, 9)}", "lastUpdated": "{c.noise.when():%Y-%m-%dT%H:%M:%S}+01:00"}},\n')
    t.add('  "identifier": [{"system": "https://www.ehealth.fgov.be/standards/fhir/NamingSystem/ssin", ')
    t.add(f'"value": "{c.digits(11)}"}}],\n  "active": true,\n  "name": [{{"use": "official", "family": "')
    t.pii(json_str(p.last_name), "PERSON").add('", "given": [')
    for i, part in enumerate(given):
        t.add(", " if i else "").add('"').pii(json_str(part), "PERSON").add('"')
    t.add(f'], "prefix": ["{c.pick("Mrs", "Mr", "Ms", "Mevr.", "Mme")}"]}}],\n  "telecom": [\n')
    t.add('    {"system": "phone", "value": "').pii(c.phone(), "PHONE_NUMBER").add('", "use": "mobile"},\n')
    t.add('    {"system": "email", "value": "').pii(c.email(), "EMAIL_ADDRESS").add(
        '", "use": "home"}\n  ],\n'
    )
    t.add(f'  "gender": "{c.pick("female", "male", "other")}",\n  "birthDate": "{c.rng.randint(1940, 2010)}-')
    t.add(
        f'{c.rng.randint(1, 12):02d}-{c.rng.randint(1, 28):02d}",\n  "address": [{{"use": "home", "line": ["'
    )
    t.pii(json_str(c.street()), "ADDRESS").add('"')
    if unit_apart(p):
        t.add(f', "{unit_apart(p)}"')
    t.add(f'], "city": "{json_str(p.address.city)}", "postalCode": "{p.address.postcode}", "country": ')
    t.add(
        f'"{p.region}"}}],\n  "contact": [{{"relationship": '
        f'[{{"text": "{c.pick("partner", "daughter", "son")}"'
    )
    t.add('}], "name": {"text": "').pii(json_str(c.name(kin, style="full")), "PERSON").add('"}, "telecom": ')
    t.add('[{"system": "phone", "value": "').pii(c.phone(kin), "PHONE_NUMBER").add('"}]}],\n')
    t.add(f'  "generalPractitioner": [{{"reference": "Practitioner/{c.digits(6)}", "display": "Dr. ')
    t.pii(json_str(c.name(gp, style=c.pick("full", "initials"))), "PERSON")
    return t.add('"}]\n}').sample("fhir_patient_json")


# -- logistics and e-commerce -------------------------------------------------------------------------


def edifact_iftmin_nad(c: Ctx) -> Sample:
    """An EDIFACT IFTMIN transport instruction: company NAD with GLN, consignee NAD, CTA and COM segments."""
    p, w = c.person, c.noise.when()
    ref = c.digits(9)
    t = _lt().add(f"UNA:+.? 'UNB+UNOC:3+5412345{c.digits(6)}:14+8712345{c.digits(6)}:14+{w:%y%m%d}:{w:%H%M}")
    t.add(f"+{ref}'UNH+1+IFTMIN:D:04A:UN:BIG14'BGM+610+SHP{c.digits(10)}+9'DTM+137:{w:%Y%m%d%H%M}:203'")
    t.add(f"NAD+CZ+5412345{c.digits(6)}::9++NORVIA LOGISTICS NV+{c.pick('INDUSTRIEWEG', 'HAVENLAAN')}")
    t.add(f"+{c.pick('GENT', 'BOOM', 'GENK')}++{c.rng.randint(1000, 9999)}+BE'NAD+CN+++")
    if c.rng.random() < 0.5:
        t.pii(_edi(fold(p.last_name).upper()), "PERSON").add(":").pii(
            _edi(fold(p.first_name).upper()), "PERSON"
        )
    else:
        t.pii(_edi(fold(p.full_name).upper()), "PERSON")
    t.add("+").pii(_edi(c.street(upper=True)), "ADDRESS")
    t.add(f"+{_edi(fold(p.address.city).upper())}++{p.address.postcode}+{p.region}'CTA+IC+:")
    t.pii(_edi(fold(c.name(style="full")).upper()), "PERSON").add("'COM+")
    t.pii(c.phone(style=c.pick("intl00", "national", "msisdn")), "PHONE_NUMBER").add(":TE'COM+")
    t.pii(_edi(c.email(style=c.pick("plain", "upper"))), "EMAIL_ADDRESS")
    t.add(f":EM'GID+1+{c.rng.randint(1, 4)}:PK'MEA+AAE+AAB+KGM:{c.rng.randint(1, 30)}.{c.digits(1)}'")
    return t.add(f"UNT+11+1'UNZ+1+{ref}'").sample("edifact_iftmin_nad")


def shopify_order_webhook(c: Ctx) -> Sample:
    """A Shopify orders/create webhook: customer, shipping and billing addresses, masked card details."""
    buyer, rcpt = c.person, (c.other if c.rng.random() < 0.4 else c.person)
    t = _lt().add(f'{{"id":{c.digits(13)},"name":"#{c.rng.randint(1001, 9999)}","order_number":')
    t.add(f'{c.rng.randint(1001, 9999)},"browser_ip":"{c.noise.ipv4()}","currency":"EUR","total_price":')
    t.add(f'"{c.rng.randint(10, 400)}.{c.digits(2)}","email":"').pii(
        c.email(buyer, style="plain"), "EMAIL_ADDRESS"
    )
    t.add('","phone":')
    if c.rng.random() < 0.3:
        t.add("null")
    else:
        t.add('"').pii(c.phone(buyer, style="e164"), "PHONE_NUMBER").add('"')
    t.add(f',"customer":{{"id":{c.digits(13)},"first_name":"').pii(json_str(buyer.first_name), "PERSON")
    t.add('","last_name":"').pii(json_str(buyer.last_name), "PERSON").add('"},')
    for kind, who in (("shipping_address", rcpt), ("billing_address", buyer)):
        t.add(f'"{kind}":{{"first_name":"').pii(json_str(who.first_name), "PERSON").add('","address1":"')
        t.pii(json_str(c.street(who)), "ADDRESS").add('","phone":"').pii(c.phone(who), "PHONE_NUMBER")
        t.add(f'","city":"{json_str(who.address.city)}","zip":"{who.address.postcode}","country":')
        t.add(f'"{c.pick(*COUNTRY_NAMES[who.region])}","address2":"{unit_apart(who)}","last_name":"')
        t.pii(json_str(who.last_name), "PERSON").add(
            f'","latitude":{c.rng.uniform(40, 55):.4f},"country_code":'
        )
        t.add(f'"{who.region}","name":"').pii(json_str(who.full_name), "PERSON").add('"},')
    last4 = buyer.card_number[-4:]
    t.add(f'"payment_details":{{"credit_card_bin":"{buyer.card_number[:6]}","avs_result_code":"Y",')
    t.add(
        f'"credit_card_number":"•••• •••• •••• {last4}",'
        f'"credit_card_company":"{c.pick("Visa", "Mastercard")}"}},'
    )
    t.add(
        f'"note":"{c.pick("Bitte beim Nachbarn abgeben", "Laisser devant la porte", "Achterom, poort 2")}"}}'
    )
    return t.sample("shopify_order_webhook")


def woocommerce_postmeta(c: Ctx) -> Sample:
    """WooCommerce order meta as a `wp_postmeta` SQL dump: billing rows, a PHP-serialized shipping array."""
    p, rcpt = c.person, c.other if c.rng.random() < 0.3 else c.person
    post = c.rng.randint(10000, 99999)
    t = _lt().add("INSERT INTO `wp_postmeta` (`meta_id`, `post_id`, `meta_key`, `meta_value`) VALUES\n")
    rows = [("_order_key", f"wc_order_{c.hexs(13)}", None), ("_billing_first_name", p.first_name, "PERSON"),
            ("_billing_last_name", p.last_name, "PERSON"), ("_billing_address_1", c.street(p), "ADDRESS"),
            ("_billing_postcode", p.address.postcode, None), ("_billing_city", p.address.city, None),
            ("_billing_email", c.email(p, style=c.pick("plain", "capital")), "EMAIL_ADDRESS"),
            ("_billing_phone", c.phone(p), "PHONE_NUMBER"), ("_transaction_id", f"pi_3{c.hexs(23)}", None),
            ("_customer_ip_address", c.noise.ipv4(), None)]  # fmt: skip
    meta = c.rng.randint(100000, 900000)
    for i, (key, value, entity) in enumerate(rows):
        t.add(f"({meta + i}, {post}, '{key}', '")
        add_field(t, sql_str(value), entity).add("'),\n")
    t.add(f"({meta + len(rows)}, {post}, '_shipping_address', 'a:6:{{")
    _php("first_name", sql_str(rcpt.first_name), "PERSON", t)
    _php("last_name", sql_str(rcpt.last_name), "PERSON", t)
    _php("address_1", sql_str(c.street(rcpt)), "ADDRESS", t)
    _php("address_2", unit_apart(rcpt), None, t)
    _php("postcode", rcpt.address.postcode, None, t)
    _php("country", rcpt.region, None, t)
    return t.add("}');").sample("woocommerce_postmeta")


# -- CRM, HR, clubs -----------------------------------------------------------------------------------

_CRM_HEADERS = {
    "de": ("Anrede", "Vorname", "Nachname", "Straße und Hausnummer", "PLZ", "Ort", "Land", "Telefon",
           "Mobil", "E-Mail", "Kundennummer", "Erstellt am", ("Herr", "Frau", "")),
    "fr": ("Civilité", "Prénom", "Nom", "Adresse", "Code postal", "Ville", "Pays", "Téléphone",
           "Portable", "Courriel", "N° client", "Date de création", ("M.", "Mme", "")),
    "nl": ("Aanhef", "Voornaam", "Achternaam", "Straat + huisnummer", "Postcode", "Plaats", "Land",
           "Telefoon", "Mobiel", "E-mailadres", "Klantnummer", "Aangemaakt op", ("Dhr.", "Mevr.", "")),
    "it": ("Titolo", "Nome", "Cognome", "Indirizzo", "CAP", "Città", "Paese", "Telefono", "Cellulare",
           "Email", "Codice cliente", "Data creazione", ("Sig.", "Sig.ra", "")),
    "es": ("Tratamiento", "Nombre", "Apellidos", "Dirección", "Código postal", "Localidad", "País",
           "Teléfono", "Móvil", "Correo electrónico", "Nº cliente", "Fecha de alta", ("Sr.", "Sra.", "")),
}  # fmt: skip
_LANG = {"BE": ("nl", "fr"), "NL": ("nl",), "FR": ("fr",), "DE": ("de",), "IT": ("it",), "ES": ("es",),
         "GB": ("de", "fr"), "IE": ("nl",), "US": ("es", "it")}  # fmt: skip


def localised_crm_export(c: Ctx) -> Sample:
    """A Dynamics-365-style contact export: headers in the market's language, hidden Do-Not-Modify columns."""
    lang = c.pick(*_LANG[c.person.region])
    head = _CRM_HEADERS[lang]
    sep = c.pick(";", ",", "\t")
    hidden = c.rng.random() < 0.5
    t = _lt().add("\ufeff" if c.rng.random() < 0.3 else "")
    if hidden:
        t.add(
            sep.join(
                ("(Do Not Modify) Contact", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On")
            )
        )
        t.add(sep)
    t.add(sep.join(head[:12]) + "\n")
    for p in (c.person, c.other):
        if hidden:
            t.add(f"{c.noise.uuid()}{sep}{c.hexs(20)}=={sep}{c.noise.when():%d/%m/%Y %H:%M}{sep}")
        t.add(f"{c.pick(*head[12])}{sep}")
        quote_csv = sep == ","
        add_field(t, p.first_name, "PERSON", quote_csv=quote_csv).add(sep)
        add_field(
            t, p.last_name if c.rng.random() < 0.8 else p.last_name.upper(), "PERSON", quote_csv=quote_csv
        )
        t.add(sep)
        add_field(t, c.street(p), "ADDRESS", quote_csv=quote_csv).add(f"{sep}{p.address.postcode}{sep}")
        t.add(
            f"{_csv_q(p.address.city) if quote_csv else p.address.city}{sep}"
            f"{c.pick(*COUNTRY_NAMES[p.region])}{sep}"
        )
        add_field(t, c.phone(p, which="landline", style="national"), "PHONE_NUMBER").add(sep)
        add_field(t, c.phone(p, style=c.pick("intl", "national", "e164")), "PHONE_NUMBER").add(sep)
        add_field(t, c.email(p), "EMAIL_ADDRESS").add(f"{sep}{p.customer_id}{sep}{c.noise.when():%d.%m.%Y}\n")
    return t.sample("localised_crm_export")


def _csv_q(value: str) -> str:
    return f'"{value}"' if "," in value else value


def payroll_export(c: Ctx) -> Sample:
    """A payroll export (DATEV-style German or Dutch): tax and social security ids, IBAN, private address."""
    german = c.rng.random() < 0.6
    if german:
        t = _lt().add(f'"EXTF";510;21;"Lohn";7;{c.noise.when():%Y%m%d%H%M%S}000;;"LO";"";"";{c.digits(5)};')
        t.add(f"{c.digits(5)};{c.noise.when():%Y}0101;4\nPersonalnummer;Nachname;Vorname;Straße;PLZ;Ort;")
        t.add("Geburtsdatum;Steuer-ID;SV-Nummer;Steuerklasse;IBAN;E-Mail (privat);Brutto;Kostenstelle\n")
    else:
        t = _lt().add("personeelsnummer;achternaam;voornaam;adres;postcode;woonplaats;geboortedatum;bsn;")
        t.add("loonheffingskorting;iban;e-mail privé;brutoloon;afdeling\n")
    for p in (c.person, c.other):
        t.add(f"{c.rng.randint(1000, 99999)};").pii(p.last_name, "PERSON").add(";").pii(
            p.first_name, "PERSON"
        )
        t.add(";").pii(c.street(p), "ADDRESS").add(f";{p.address.postcode};{p.address.city};")
        t.add(f"{c.rng.randint(1, 28):02d}.{c.rng.randint(1, 12):02d}.{c.rng.randint(1960, 2004)};")
        if german:
            t.add(
                f"{c.rng.randint(1, 9)}{c.digits(10)};{c.digits(2)} {c.digits(6)} {c.pick(*'ABKMPSW')} "
                f"{c.digits(3)};"
            )
            t.add(f"{c.rng.randint(1, 6)};{iban_of('DE', c.digits(18))};")
        else:
            t.add(f"{c.digits(9)};{c.pick('ja', 'nee')};{iban_of('NL', 'NORV' + c.digits(10))};")
        t.pii(c.email(p, style=c.pick("plain", "capital")), "EMAIL_ADDRESS")
        t.add(f";{c.rng.randint(2200, 9800)},{c.digits(2)};{c.pick('K100', 'K210', 'IT-OPS', 'Verkoop')}\n")
    return t.sample("payroll_export")


def club_membership_tsv(c: Ctx) -> Sample:
    """A sports club's member list (tab-separated): member and parent names, relatiecodes, teams, dues."""
    t = _lt().add(
        "Lidnummer\tRelatiecode\tNaam\tAdres\tPostcode\tWoonplaats\tTelefoon\tE-mail\tOuder/verzorger"
    )
    t.add("\tTeam\tLid sinds\tContributie\n")
    for p, parent in ((c.person, c.third), (c.other, None)):
        t.add(f"{c.rng.randint(100, 9999)}\t{c.letters(4)}{c.digits(2)}{c.letters(1)}\t")
        t.pii(c.name(p, style=c.pick("full", "inverted", "full")), "PERSON").add("\t")
        t.pii(c.street(p), "ADDRESS").add(f"\t{p.address.postcode}\t{p.address.city}\t")
        t.pii(c.phone(p, style=c.pick("national", "intl")), "PHONE_NUMBER").add("\t")
        t.pii(c.email(p), "EMAIL_ADDRESS").add("\t")
        if parent is not None:
            t.pii(c.name(parent, style="full"), "PERSON").add(" (").pii(
                c.phone(parent, style="national"), "PHONE_NUMBER"
            )
            t.add(")")
        t.add(f"\t{c.pick('JO11-2', 'MO15-1', 'Heren 3', 'Dames 1', 'Veteranen', 'G-team')}\t")
        t.add(f"{c.rng.randint(2008, 2025)}\t€ {c.rng.randint(90, 320)},00\n")
    return t.sample("club_membership_tsv")


# -- messaging ----------------------------------------------------------------------------------------


def smpp_deliver_sm_dump(c: Ctx) -> Sample:
    """SMPP deliver_sm PDUs: a delivery receipt quoting the message it reports on, a handset reply."""
    w = c.noise.when()
    msisdn = c.phone(style="msisdn")
    t = _lt().add(f"{w:%Y-%m-%d %H:%M:%S}.{c.digits(3)} [smpp-rx-{c.rng.randint(1, 8)}] DEBUG deliver_sm: ")
    t.add(f"seq={c.rng.randint(1, 99999)} source_addr_ton=1 source_addr_npi=1 source_addr=").pii(
        msisdn, "PHONE_NUMBER"
    )
    t.add(" dest_addr_ton=5 destination_addr=NORVIA esm_class=0x04 data_coding=0x00 short_message=")
    t.add(f'"id:{c.hexs(10).upper()} sub:001 dlvrd:001 submit date:{w:%y%m%d%H%M} done date:{w:%y%m%d%H%M} ')
    t.add(
        f"stat:{c.pick('DELIVRD', 'DELIVRD', 'UNDELIV', 'EXPIRED')} err:{c.pick('000', '000', '001')} text:"
    )
    hello, parcel = c.pick(("Beste", "uw pakket"), ("Bonjour", "votre colis"), ("Hallo", "Ihr Paket"),
                           ("Hola", "tu paquete"), ("Ciao", "il tuo pacco"))  # fmt: skip
    t.add(f"{hello} ").pii(c.given(), "PERSON").add(f', {parcel}"\n')
    t.add(f"{w:%Y-%m-%d %H:%M:%S}.{c.digits(3)} [smpp-rx-{c.rng.randint(1, 8)}] DEBUG deliver_sm: ")
    t.add(f"seq={c.rng.randint(1, 99999)} source_addr_ton=1 source_addr_npi=1 source_addr=").pii(
        msisdn, "PHONE_NUMBER"
    )
    t.add(' dest_addr_ton=0 destination_addr=4455 esm_class=0x00 data_coding=0x08 short_message="')
    kind = c.rng.random()
    if kind < 0.4:
        t.add(c.pick("Ja graag, groeten ", "Oui merci, ", "Passt, Gruß ", "OK thanks - ")).pii(
            c.name(style=c.pick("full", "lower")), "PERSON"
        )
    elif kind < 0.7:
        t.add(c.pick("Nieuw adres: ", "Nouvelle adresse : ", "Neue Adresse: ", "New address: ")).pii(
            c.address(style=c.pick("plain", "lower")), "ADDRESS"
        )
    else:
        t.add(c.pick("mail me op ", "écrivez à ", "bitte an ", "email me at ")).pii(
            c.email(style="plain"), "EMAIL_ADDRESS"
        )
    return t.add('"').sample("smpp_deliver_sm_dump")


def telegram_chat_export(c: Ctx) -> Sample:
    """A Telegram Desktop `result.json`: sender display names, from_ids, phone and email text entities."""
    a, b = c.person, c.other
    t = _lt().add(f'{{\n "name": "{c.pick("Verhuizing", "Déménagement", "Umzug", "Moving day")}",\n "type": ')
    t.add(f'"private_group",\n "id": {c.digits(10)},\n "messages": [\n')
    e1 = c.epoch()
    t.add(f'  {{"id": {c.rng.randint(100, 9000)}, "type": "message", "date_unixtime": "{e1}", "from": "')
    t.pii(json_str(c.name(a, style=c.pick("full", "full", "lower"))), "PERSON")
    t.add(
        f'", "from_id": "user{c.digits(10)}", "text": '
        f'"{c.pick("wanneer komen jullie?", "on est là à 10h", "ok!")}"}},\n'
    )
    phone, mail = c.phone(b, style=c.pick("intl", "national")), c.email(b, style="plain")
    t.add(f'  {{"id": {c.rng.randint(100, 9000)}, "type": "message", "date_unixtime": "{e1 + 60}", "from": "')
    t.pii(json_str(b.first_name), "PERSON").add(f'", "from_id": "user{c.digits(10)}", "text": ["')
    t.add(c.pick("nieuw nummer: ", "nouveau numéro : ", "neue Nummer: ", "new number: "))
    t.add('", {"type": "phone", "text": "').pii(phone, "PHONE_NUMBER").add(
        '"}, " mail: ", {"type": "email", "text": "'
    )
    t.pii(mail, "EMAIL_ADDRESS").add('"}, " adres: ').pii(
        json_str(c.address(b, sep="\n", style="plain")), "ADDRESS"
    )
    t.add('"], "text_entities": [{"type": "plain", "text": "number "}, {"type": "phone", "text": "')
    t.pii(phone, "PHONE_NUMBER").add('"}, {"type": "email", "text": "').pii(mail, "EMAIL_ADDRESS").add(
        '"}]}\n ]\n}'
    )
    return t.sample("telegram_chat_export")


def zoom_chat_log(c: Ctx) -> Sample:
    """A saved Zoom meeting chat: `From  Name  to  Everyone:` lines, direct messages, shared details."""
    a, host = c.person, c.third
    ha = c.name(a, style=c.pick("full", "full", "lower", "initials"))
    hh = c.name(host, style="full")
    w = c.noise.when()

    def stamp(minutes: int) -> str:
        moment = w + timedelta(minutes=minutes, seconds=c.rng.randint(0, 59))
        return f"{moment:%H:%M:%S}"

    t = _lt().add(f"{stamp(0)} From  ").pii(ha, "PERSON").add("  to  Everyone:\n\t")
    t.add(c.pick("Hi all, you can reach me on ", "Bonjour, mon numéro : ", "Mijn nummer voor de follow-up: "))
    t.pii(c.phone(style=c.pick("intl", "national", "hyphen")), "PHONE_NUMBER").add("\n")
    t.add(f"{stamp(2)} From  ").pii(hh, "PERSON").add("  to  ").pii(ha, "PERSON").add("(Direct Message):\n\t")
    t.add("could you send me your postal address for the welcome pack?\n")
    t.add(f"{stamp(3)} From  ").pii(ha, "PERSON").add("  to  ").pii(hh, "PERSON").add("(Direct Message):\n\t")
    t.pii(c.address(style=c.pick("plain", "lower", "country")), "ADDRESS").add(" - and mail the slides to ")
    t.pii(c.email(style=c.pick("plain", "plus")), "EMAIL_ADDRESS").add("\n")
    return t.add(
        f"{stamp(5)} From  Norvia Webinars  to  Everyone:\n\tRecording: https://norvia.zoom.us/rec/share/{c.hexs(16)}"
    ).sample("zoom_chat_log")


# -- paper and legal ----------------------------------------------------------------------------------

_OCR_FORM = {
    "fr": ("FORMULAIRE D'ADHÉSION", "Nom", "Prénom", "Adresse", "Tél.", "E-mail", "N° carte", "Exp.",
           "Signature"),
    "nl": ("AANSLUITINGSFORMULIER", "Naam", "Voornaam", "Adres", "Tel.", "E-mail", "Kaartnr.", "Vervalt",
           "Handtekening"),
    "de": ("BEITRITTSFORMULAR", "Name", "Vorname", "Anschrift", "Tel.", "E-Mail", "Karten-Nr.", "Gültig bis",
           "Unterschrift"),
}  # fmt: skip


def ocr_scanned_form(c: Ctx) -> Sample:
    """A scanned paper form after OCR: box borders, uneven spacing, the address broken over lines."""
    p = c.person
    title, last, first, addr, tel, mail, card, exp, sign = _OCR_FORM[c.pick(*_OCR_FORM)]
    t = _lt().add(f"NORVIA  —  {title}     Réf. F-{c.digits(6)}\n")
    t.add(f"| {last} :  ").pii(p.last_name.upper() if c.rng.random() < 0.7 else p.last_name, "PERSON")
    t.add(f"{' ' * c.rng.randint(2, 9)}{first} : ").pii(p.first_name, "PERSON").add(" |\n")
    t.add(f"| {addr} : ").pii(
        c.address(sep=c.pick("\n  ", "\n", " ,\n"), style=c.pick("plain", "upper")), "ADDRESS"
    )
    t.add(" |\n").add(f"| {tel} : ").pii(c.phone(style=c.pick("national", "intl", "slash")), "PHONE_NUMBER")
    t.add(f"{' ' * c.rng.randint(2, 6)}{mail} : ").pii(
        c.email(style=c.pick("plain", "upper")), "EMAIL_ADDRESS"
    )
    t.add(" |\n")
    if c.rng.random() < 0.6:
        t.add(f"| {card} : ").pii(c.card(style="comb"), "CREDIT_CARD")
        t.add(f"   {exp} : {c.rng.randint(1, 12):02d} / {c.rng.randint(27, 31)} |\n")
    return t.add(f"{sign} : ___________   {c.noise.when():%d/%m/%Y}   ☐ newsletter ☒ CGV").sample(
        "ocr_scanned_form"
    )


def _postcode_first(p: Person) -> str:
    """`9000 Gent, Kerkstraat 12` as deeds write where someone lives (continental regions only)."""
    lines = p.address.lines
    return f"{lines[-1]}, {', '.join(lines[:-1])}"


def notarial_deed_excerpt(c: Ctx) -> Sample:
    """The appearance clause of a notarial deed of sale (nl or fr): notary, seller and buyer, domiciles."""
    seller, buyer, notary = c.person, c.other, c.third
    dutch = c.rng.random() < 0.5
    w = c.noise.when()
    t = _lt()
    if dutch:
        t.add(f"VERKOOP\nHet jaar {w:%Y}, op {w:%d/%m}.\nVoor ons, Meester ").pii(
            c.name(notary, style="full"), "PERSON"
        )
        t.add(f", notaris te {c.pick('Gent', 'Leuven', 'Hasselt', 'Brugge')}.\nZIJN VERSCHENEN:\n")
    else:
        t.add(f"VENTE\nL'an {w:%Y}, le {w:%d/%m}.\nPar-devant Maître ").pii(
            c.name(notary, style="full"), "PERSON"
        )
        t.add(f", notaire à {c.pick('Namur', 'Liège', 'Mons', 'Wavre')}.\nONT COMPARU :\n")
    for i, p in enumerate((seller, buyer)):
        t.add(c.pick("De heer ", "Mevrouw ") if dutch else c.pick("Monsieur ", "Madame "))
        t.pii(c.name(p, style=c.pick("family_upper", "full", "upper")), "PERSON")
        t.add(f", {'geboren te' if dutch else 'né(e) à'} {c.pick('Gent', 'Namur', 'Lille', 'Aachen')} ")
        t.add(
            f"{'op' if dutch else 'le'} "
            f"{c.rng.randint(1, 28)}/{c.rng.randint(1, 12)}/{c.rng.randint(1950, 2000)}, "
        )
        t.add(
            f"{'rijksregisternummer' if dutch else 'numéro national'} "
            f"{c.digits(2)}.{c.digits(2)}.{c.digits(2)}-"
        )
        t.add(f"{c.digits(3)}.{c.digits(2)}, {'wonende te' if dutch else 'domicilié(e) à'} ")
        continental = p.region in ("BE", "NL", "FR", "DE", "ES", "IT")
        t.pii(_postcode_first(p) if continental else c.address(p, style="country"), "ADDRESS")
        if i == 1:
            t.add(f", {'e-mail' if dutch else 'courriel'} ").pii(c.email(p, style="plain"), "EMAIL_ADDRESS")
            t.add(", tel. ").pii(c.phone(p, style=c.pick("national", "intl")), "PHONE_NUMBER")
        t.add(".\n")
        t.add(
            f"{'Hierna genoemd' if dutch else 'Ci-après dénommé(e)'} "
            f'"{("de verkoper", "de koper")[i] if dutch else ("le vendeur", "l acquéreur")[i]}".\n'
        )
    t.add(f"{'kadastraal gekend sectie' if dutch else 'cadastré section'} {c.pick(*'ABCD')}, ")
    t.add(f"{'nummer' if dutch else 'numéro'} {c.rng.randint(100, 999)}{c.pick(*'FGHK')}, ")
    return t.add(
        f"{'voor de prijs van' if dutch else 'pour le prix de'} € {c.rng.randint(150, 700)}.000,00."
    ).sample("notarial_deed_excerpt")


def accident_statement_es(c: Ctx) -> Sample:
    """A Spanish European accident statement as text: two vehicles, policyholders, plates, policy numbers."""
    t = _lt().add(f"DECLARACIÓN AMISTOSA DE ACCIDENTE — Parte nº {c.digits(8)}\n")
    t.add(f"Fecha: {c.noise.when():%d/%m/%Y}  Hora: {c.rng.randint(0, 23):02d}:{c.rng.randint(0, 59):02d}  ")
    t.add(
        f"Lugar: {c.pick('Av. de la Constitución', 'Calle Alcalá esquina Gran Vía', 'Rotonda de la Paz')}, "
    )
    t.add(f"{c.pick('Sevilla', 'Madrid', 'Valencia')}\n")
    for letter, p in (("A", c.person), ("B", c.other)):
        t.add(f"VEHÍCULO {letter}\n 6. Tomador del seguro: Apellidos: ").pii(p.last_name.upper(), "PERSON")
        t.add("  Nombre: ").pii(p.first_name, "PERSON").add("\n    Dirección: ").pii(c.street(p), "ADDRESS")
        t.add(
            f"  Código postal: {p.address.postcode}  País: {c.pick(*COUNTRY_NAMES[p.region])}\n    "
            "Tel. o e-mail: "
        )
        if c.rng.random() < 0.6:
            t.pii(c.phone(p, style=c.pick("intl", "national")), "PHONE_NUMBER")
        else:
            t.pii(c.email(p, style="plain"), "EMAIL_ADDRESS")
        t.add(
            f"\n 7. Matrícula: {c.digits(4)} {c.letters(3)}  Marca: "
            f"{c.pick('SEAT Ibiza', 'Renault Clio', 'Toyota Yaris')}\n"
        )
        t.add(f" 8. Compañía: {c.pick('Mapfre', 'Línea Directa', 'Mutua Madrileña', 'Allianz')}  Nº póliza: ")
        t.add(f"{c.digits(3)}-{c.digits(7)}\n")
    return t.add(" 14. Observaciones: el vehículo B no respetó el ceda el paso.").sample(
        "accident_statement_es"
    )


def anagrafica_cliente_it(c: Ctx) -> Sample:
    """An Italian ERP customer master screen: dotted leaders, codice fiscale, split address, PEC mail."""
    p = c.person
    cf = f"{c.letters(6)}{c.digits(2)}{c.pick(*'ABCDEHLMPRST')}{c.digits(2)}"
    cf += f"{c.pick(*'HFGL')}{c.digits(3)}{c.letters(1)}"  # shaped like a codice fiscale, not derived
    t = _lt().add(f"ANAGRAFICA CLIENTE    Cod. C{c.digits(7)}    Stato: {c.pick('ATTIVO', 'SOSPESO')}\n")
    t.add("Cognome ........: ").pii(p.last_name.upper(), "PERSON").add("\nNome ...........: ")
    t.pii(p.first_name.upper() if c.rng.random() < 0.5 else p.first_name, "PERSON")
    t.add(f"\nCod. fiscale ...: {cf}\nIndirizzo ......: ").pii(
        c.street(upper=c.rng.random() < 0.4), "ADDRESS"
    )
    t.add(f"\nCAP/Località ...: {p.address.postcode} {p.address.city}\nTelefono .......: ")
    t.pii(c.phone(which="landline", style=c.pick("national", "intl")), "PHONE_NUMBER").add(
        "\nCellulare ......: "
    )
    t.pii(c.phone(style=c.pick("national", "intl", "e164")), "PHONE_NUMBER").add("\nPEC ............: ")
    t.pii(c.email(style=c.pick("plain", "upper")), "EMAIL_ADDRESS")
    t.add(f"\nIBAN ...........: {iban_of('IT', c.pick(*'ABX') + c.digits(22))}\nAgente .........: ")
    return (
        t.pii(c.name(c.third, style="family_upper"), "PERSON")
        .add(f" ({c.letters(2)}{c.digits(2)})")
        .sample("anagrafica_cliente_it")
    )


# -- hospitality and banking --------------------------------------------------------------------------


def ota_hotel_reservation(c: Ctx) -> Sample:
    """An OTA_HotelResNotifRQ from a channel manager: guest profile, guarantee card with CVC, comment."""
    p, companion, w = c.person, c.other, c.noise.when()
    t = _lt().add(
        f'<OTA_HotelResNotifRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="{c.noise.uuid()}"'
    )
    t.add(
        f' TimeStamp="{w:%Y-%m-%dT%H:%M:%S}" Version="3.0">\n <HotelReservations><HotelReservation '
        'ResStatus="Book">\n'
    )
    t.add(f'  <UniqueID Type="14" ID="{c.pick("BDC", "EXP", "HRS")}-{c.digits(10)}"/>\n')
    t.add('  <RoomStays><RoomStay><RoomRates><RoomRate RatePlanCode="BAR" NumberOfUnits="1"/></RoomRates>')
    t.add(
        f'<Total AmountAfterTax="{c.rng.randint(90, 900)}.{c.digits(2)}" CurrencyCode="EUR"/>'
        "</RoomStay></RoomStays>\n"
    )
    t.add('  <ResGuests><ResGuest><Profiles><ProfileInfo><Profile ProfileType="1"><Customer>\n')
    t.add(f"   <PersonName><NamePrefix>{c.pick('Mrs', 'Mr', 'Ms')}</NamePrefix><GivenName>").pii(
        p.first_name, "PERSON"
    )
    t.add("</GivenName><Surname>").pii(p.last_name, "PERSON").add("</Surname></PersonName>\n")
    t.add('   <Telephone PhoneTechType="5" PhoneNumber="').pii(
        c.phone(style=c.pick("e164", "intl")), "PHONE_NUMBER"
    )
    t.add('"/>\n   <Email EmailType="1">').pii(c.email(), "EMAIL_ADDRESS").add(
        "</Email>\n   <Address><AddressLine>"
    )
    t.pii(c.street(), "ADDRESS").add(f"</AddressLine><CityName>{p.address.city}</CityName><PostalCode>")
    t.add(f'{p.address.postcode}</PostalCode><CountryName Code="{p.region}"/></Address>\n')
    t.add("  </Customer></Profile></ProfileInfo></Profiles></ResGuest></ResGuests>\n  <ResGlobalInfo>")
    t.add(
        "<Guarantee><GuaranteesAccepted><GuaranteeAccepted><PaymentCard "
        f'CardCode="{c.pick("VI", "MC", "AX")}"'
    )
    t.add(f' ExpireDate="{c.rng.randint(1, 12):02d}{c.rng.randint(27, 31)}" SeriesCode="{c.digits(3)}">\n')
    t.add("   <CardHolderName>").pii(fold(p.full_name).upper(), "PERSON").add(
        "</CardHolderName><CardNumber><PlainText>"
    )
    t.pii(c.card(style=c.pick("plain", "plain", "spaced")), "CREDIT_CARD")
    t.add("</PlainText></CardNumber></PaymentCard></GuaranteeAccepted></GuaranteesAccepted></Guarantee>\n")
    t.add(
        "  <Comments><Comment><Text>"
        f"{c.pick('Late arrival around 23:00', 'Arrivée tardive', 'Late check-in')}, "
    )
    t.add("travelling with ").pii(c.name(companion, style="full"), "PERSON")
    return t.add(
        "</Text></Comment></Comments></ResGlobalInfo>\n </HotelReservation></HotelReservations>"
        "\n</OTA_HotelResNotifRQ>"
    ).sample("ota_hotel_reservation")


def coda_statement(c: Ctx) -> Sample:
    """A Belgian CODA bank statement (128-column records): counterparty name in record 23, address in 32."""
    p, w = c.person, c.noise.when()

    def rec(t: LabelledText, text: str) -> LabelledText:
        return t.add(text.ljust(128)[:128] + "\n")

    t = _lt()
    rec(
        t,
        f"0000{w:%d%m%y}300        {c.digits(10)}NORVIA NV                 GEBABEBB   0{c.digits(10)} "
        "00000    2",
    )
    rec(
        t,
        f"12{c.digits(3)}{iban_of('BE', c.digits(12))}                  "
        f"EUR0000000{c.digits(8)}{w:%d%m%y}NORVIA NV",
    )
    amount = f"{c.rng.randint(1, 99999):015d}"
    rec(t, f"2100010000OL{c.hexs(8).upper()}BKTBBEBNTBE   0{amount}{w:%d%m%y}001500001101{c.digits(12)}")
    rec(t, f"2200010000{' ' * 53}{c.pick('GKCCBEBB', 'KREDBEBB', 'BBRUBEBB')}")
    t.add(f"2300010000{iban_of(c.pick('BE', 'NL', 'FR'), c.digits(12)) + ' EUR':<37} ")
    name = fold(p.full_name).upper()
    add_field(t, name, "PERSON", 35)
    t.add(f"{'REF ' + c.digits(8):<42}0 1\n")
    t.add(f"3100010001OL{c.hexs(8).upper()}001500001001 ")
    add_field(t, name, "PERSON", 35)
    t.add(f"{' ' * 54}0 1\n3200010001 ")
    add_field(t, c.street(upper=True), "ADDRESS", 35)
    add_field(t, fold(p.address.lines[-1]).upper(), None, 35)
    t.add(f"{' ' * 42}0 0\n")
    rec(t, f"8{c.digits(3)}{iban_of('BE', c.digits(12))}                  EUR0000000{c.digits(8)}{w:%d%m%y}")
    return t.add(
        "9               000006000000000000000000000000000001500001                                   "
        "                  2"
    ).sample("coda_statement")


# -- engineering ---------------------------------------------------------------------------------------


def git_blame_porcelain(c: Ctx) -> Sample:
    """`git blame --porcelain` of two lines: author and committer names, mails, epoch times."""
    t = _lt()
    for author, committer in ((c.person, c.other), (c.other, c.other)):
        e = c.epoch()
        t.add(f"{c.hexs(40)} {c.rng.randint(1, 400)} {c.rng.randint(1, 400)} 1\nauthor ")
        t.pii(c.name(author, style=c.pick("full", "full", "lower")), "PERSON").add("\nauthor-mail <")
        mail = (
            c.work_email(author)
            if c.rng.random() < 0.6
            else f"{c.digits(8)}+{fold(author.first_name.split()[0]).lower()}{c.digits(2)}"
            "@users.noreply.github.com"
        )
        t.pii(mail, "EMAIL_ADDRESS").add(
            f">\nauthor-time {e}\nauthor-tz {c.pick('+0100', '+0200', '+0000')}\ncommitter "
        )
        t.pii(committer.full_name, "PERSON").add("\ncommitter-mail <").pii(
            c.work_email(committer), "EMAIL_ADDRESS"
        )
        t.add(f">\ncommitter-time {e + c.rng.randint(0, 90000)}\ncommitter-tz +0100\n")
        t.add(
            "summary "
            + c.pick("fix(checkout): trim postcode", "feat: SEPA mandate PDF", "chore: bump jackson 2.16.2")
        )
        t.add(
            f" (#{c.rng.randint(100, 9999)})\nfilename "
            f"src/{c.pick('checkout', 'billing', 'crm')}/{c.pick('Address', 'Mandate', 'Customer')}.kt\n"
        )
        t.add(
            "\t"
            + c.pick(
                "val pc = input.postcode.trim()", "require(iban.isNotBlank())", "return repo.findById(id)"
            )
            + "\n"
        )
    return t.sample("git_blame_porcelain")


def debezium_cdc_event(c: Ctx) -> Sample:
    """A Debezium change event for a customer row: before and after images, source offsets."""
    p, old = c.person, c.other
    op = c.pick("u", "u", "c")
    t = _lt().add('{"before":')

    def image(street_of: Person, mail: str) -> None:
        t.add(f'{{"id":{c.rng.randint(1000, 99999)},"first_name":"').pii(json_str(p.first_name), "PERSON")
        t.add('","last_name":"').pii(json_str(p.last_name), "PERSON").add('","email":"').pii(
            mail, "EMAIL_ADDRESS"
        )
        t.add('","phone":"').pii(c.phone(style=c.pick("e164", "intl")), "PHONE_NUMBER").add('","street":"')
        t.pii(json_str(c.street(street_of)), "ADDRESS").add(
            f'","zip":"{street_of.address.postcode}","city":"'
        )
        t.add(f'{json_str(street_of.address.city)}","card_token":"tok_{c.hexs(24)}"}}')

    mail = c.email(style="plain")
    if op == "u":
        image(old, mail)
    else:
        t.add("null")
    t.add(',"after":')
    image(p, mail)
    ts = c.epoch() * 1000 + c.rng.randint(0, 999)
    lsn = c.rng.randint(10**7, 10**9)
    t.add(
        f',"source":{{"version":"2.{c.rng.randint(1, 7)}.{c.rng.randint(0, 3)}.Final",'
        '"connector":"postgresql",'
    )
    t.add(
        f'"name":"crm","ts_ms":{ts},"snapshot":"false","db":"crm","sequence":"[\\"{lsn}\\",'
        f'\\"{lsn + 88}\\"]",'
    )
    t.add(
        f'"schema":"public","table":"customers","txId":{c.rng.randint(100, 99999)},"lsn":{lsn},"xmin":null}},'
    )
    return t.add(f'"op":"{op}","ts_ms":{ts + c.rng.randint(1, 900)}}}').sample("debezium_cdc_event")


def psql_expanded_output(c: Ctx) -> Sample:
    """`psql` with `\\x` on: one `-[ RECORD n ]` block per customer, values unpadded, a legacy PAN column."""
    with_pan = c.rng.random() < 0.4
    t = _lt().add("crm=> \\x\nExpanded display is on.\ncrm=> SELECT id, given_name, family_name, email, ")
    t.add(f"mobile, street, postcode, town, {'card_pan' if with_pan else 'NULL AS card_pan'}, created_at ")
    t.add(f"FROM customers WHERE updated_at > now() - interval '{c.rng.randint(1, 30)} days';\n")
    for n, p in enumerate((c.person, c.other), start=1):
        t.add(f"-[ RECORD {n} ]+{'-' * 30}\nid          | {c.rng.randint(1000, 999999)}\ngiven_name  | ")
        t.pii(p.first_name, "PERSON").add("\nfamily_name | ").pii(p.last_name, "PERSON")
        t.add("\nemail       | ").pii(c.email(p), "EMAIL_ADDRESS").add("\nmobile      | ")
        t.pii(c.phone(p, style=c.pick("e164", "intl")), "PHONE_NUMBER").add("\nstreet      | ")
        t.pii(c.street(p), "ADDRESS").add(f"\npostcode    | {p.address.postcode}\ntown        | ")
        t.add(f"{p.address.city}\ncard_pan    | ")
        if with_pan:  # the column a PCI scan is looking for
            t.pii(p.card_number, "CREDIT_CARD")
        t.add(f"\ncreated_at  | {c.noise.when():%Y-%m-%d %H:%M:%S}.{c.digits(6)}+01\n")
    return t.add("\ncrm=> ").sample("psql_expanded_output")


def vcard21_export(c: Ctx) -> Sample:
    """A phone's vCard 2.1 export: quoted-printable values where a name or street is not ASCII."""
    t = _lt()
    for p in (c.person, c.other):

        def prop(key: str, value: str) -> tuple[str, str]:
            if value.isascii():
                return key, value
            return f"{key};CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE", _qp(value)

        k, _ = prop("N", p.last_name + p.first_name)
        fam, giv = (_qp(v) if "QUOTED" in k else v for v in (p.last_name, p.first_name))
        t.add(f"BEGIN:VCARD\nVERSION:2.1\n{k}:").pii(fam, "PERSON").add(";").pii(giv, "PERSON").add(";;;\n")
        k, fn = prop("FN", p.full_name)
        t.add(f"{k}:").pii(fn, "PERSON").add("\nTEL;CELL;PREF:").pii(
            c.phone(p, style=c.pick("intl", "e164", "national")), "PHONE_NUMBER"
        )
        t.add("\nTEL;HOME:").pii(c.phone(p, which="landline", style="national"), "PHONE_NUMBER")
        t.add("\nEMAIL;INTERNET:").pii(c.email(p, style="plain"), "EMAIL_ADDRESS")
        k, street = prop("ADR;HOME", c.street(p))
        t.add(f"\n{k}:;;").pii(street, "ADDRESS")
        t.add(f";{_qp(p.address.city)};;{p.address.postcode};{_qp(c.pick(*COUNTRY_NAMES[p.region]))}\n")
        t.add("X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;;1;;;;;;;;;;;;;\nEND:VCARD\n")
    return t.sample("vcard21_export")


def java_properties_profile(c: Ctx) -> Sample:
    """A desktop app's saved `.properties` profile: `\\u` escapes of non-ASCII text, `\\:` in values."""
    p = c.person
    t = _lt().add(
        f"#Saved by Norvia Desktop {c.noise.version()[1:]}\n#{c.noise.when():%a %b %d %H:%M:%S} CET 2026\n"
    )
    t.add("account.owner.name=").pii(_java(p.full_name), "PERSON").add("\naccount.owner.email=")
    t.pii(c.email(style=c.pick("plain", "capital")), "EMAIL_ADDRESS").add("\naccount.owner.phone=")
    t.pii(c.phone(style=c.pick("intl", "e164", "hyphen")), "PHONE_NUMBER").add("\nshipping.address.line1=")
    t.pii(_java(c.street()), "ADDRESS").add(f"\nshipping.address.city={_java(p.address.city)}\n")
    t.add(
        f"shipping.address.postcode={p.address.postcode}\nwindow.bounds={c.rng.randint(0, 300)},"
        f"{c.rng.randint(0, 200)},1440,900\n"
    )
    t.add(
        f"sync.lastRun={c.epoch()}{c.digits(3)}\ncard.last4={p.card_number[-4:]}\nproxy.url=http\\://{c.noise.ipv4()}\\:3128\n"
    )
    return t.add(f"ui.locale={c.pick('nl_BE', 'fr_FR', 'de_DE', 'en_GB')}").sample("java_properties_profile")


def android_logcat_bundle(c: Ctx) -> Sample:
    """Android logcat lines of a checkout screen: a `Bundle[{…}]` dump and an OkHttp request body."""
    p, w = c.person, c.noise.when()
    pid, tid = c.rng.randint(1000, 32000), c.rng.randint(1000, 32000)
    t = _lt().add(
        f"{w:%m-%d %H:%M:%S}.{c.digits(3)} {pid:>5} {tid:>5} D CheckoutViewModel: submit Bundle[{{email="
    )
    t.pii(c.email(style="plain"), "EMAIL_ADDRESS").add(", phone=").pii(
        c.phone(style=c.pick("e164", "national")), "PHONE_NUMBER"
    )
    t.add(", firstName=").pii(p.first_name, "PERSON").add(", lastName=").pii(p.last_name, "PERSON").add(
        ", street="
    )
    t.pii(c.street(), "ADDRESS").add(f", zip={p.address.postcode}, city={p.address.city}, cardNumber=")
    t.pii(c.card(style=c.pick("plain", "spaced")), "CREDIT_CARD")
    t.add(f", cvc={c.digits(3)}, saveCard={c.pick('true', 'false')}, appVersion={c.noise.version()[1:]}}}]\n")
    t.add(f"{w:%m-%d %H:%M:%S}.{c.digits(3)} {pid:>5} {tid + 1:>5} I okhttp.OkHttpClient: ")
    t.add('{"customer":{"name":"').pii(json_str(c.name(style=c.pick("full", "upper"))), "PERSON").add(
        '","address":"'
    )
    t.pii(json_str(c.address(sep="\n", style=c.pick("plain", "country"))), "ADDRESS")
    return t.add(f'"}},"basketId":"{c.noise.uuid()}"}} ({c.rng.randint(200, 2000)}-byte body)').sample(
        "android_logcat_bundle"
    )


def har_entry_json(c: Ctx) -> Sample:
    """A HAR entry of a checkout form post: params and the form-encoded text with `+` and `%XX`."""
    p = c.person
    phone, mail = c.phone(style="e164"), c.email(style=c.pick("plain", "plus"))
    t = _lt().add(f'{{"startedDateTime": "{c.noise.when():%Y-%m-%dT%H:%M:%S}.{c.digits(3)}Z", "time": ')
    t.add(
        f'{c.rng.randint(20, 900)}.{c.digits(1)}, "request": {{"method": "POST", "url": "https://www.norvia.eu/'
    )
    t.add(
        f'checkout/address?step=2&v={c.noise.version()[1:]}", "httpVersion": "HTTP/2", "headers": [{{"name": '
    )
    t.add(
        f'"x-request-id", "value": "{c.noise.uuid()}"}}], "postData": {{"mimeType": '
        '"application/x-www-form-urlencoded", '
    )
    t.add('"params": [{"name": "firstname", "value": "').pii(json_str(p.first_name), "PERSON")
    t.add('"}, {"name": "lastname", "value": "').pii(json_str(p.last_name), "PERSON")
    t.add('"}, {"name": "street", "value": "').pii(json_str(c.street()), "ADDRESS")
    t.add(f'"}}, {{"name": "zip", "value": "{p.address.postcode}"}}, {{"name": "phone", "value": "')
    t.pii(phone, "PHONE_NUMBER").add('"}, {"name": "email", "value": "').pii(mail, "EMAIL_ADDRESS")
    t.add('"}], "text": "firstname=').pii(quote_plus(p.first_name), "PERSON").add("&lastname=")
    t.pii(quote_plus(p.last_name), "PERSON").add("&street=").pii(quote_plus(c.street()), "ADDRESS")
    t.add(f"&zip={quote_plus(p.address.postcode)}&phone=").pii(quote(phone, safe=""), "PHONE_NUMBER")
    t.add("&email=").pii(quote(mail, safe=""), "EMAIL_ADDRESS")
    t.add(f'"}}}}, "response": {{"status": {c.pick(200, 302, 422)}, "bodySize": {c.rng.randint(0, 9000)}}}, ')
    return t.add(f'"timings": {{"wait": {c.rng.randint(5, 800)}.{c.digits(2)}}}}}').sample("har_entry_json")


def otel_span_json(c: Ctx) -> Sample:
    """An OTLP/JSON span export: enduser attributes, SQL with a street, a card in an exception message."""
    p = c.person
    start = c.epoch() * 10**9 + c.rng.randint(0, 10**9 - 1)

    def attr(key: str) -> LabelledText:
        return t.add(f'{{"key":"{key}","value":{{"stringValue":"')

    t = _lt().add(
        '{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":'
    )
    t.add(
        f'"checkout-api"}}}},{{"key":"service.version","value":{{"stringValue":"{c.noise.version()[1:]}"}}}}]}},'
    )
    t.add(
        f'"scopeSpans":[{{"scope":{{"name":"io.opentelemetry.spring-webmvc-6.0"}},"spans":[{{"traceId":"{c.hexs(32)}",'
    )
    t.add(
        f'"spanId":"{c.hexs(16)}","name":"POST /api/customers/{{id}}/address","kind":2,'
        f'"startTimeUnixNano":"{start}",'
    )
    t.add(f'"endTimeUnixNano":"{start + c.rng.randint(10**6, 10**9)}","attributes":[')
    attr("enduser.id").pii(c.email(style="plain"), "EMAIL_ADDRESS").add('"}},')
    attr("app.customer.name").pii(json_str(c.name(style=c.pick("full", "inverted"))), "PERSON").add('"}},')
    attr("app.customer.phone").pii(c.phone(), "PHONE_NUMBER").add('"}},')
    attr("db.statement").add("UPDATE customers SET street = '").pii(json_str(sql_str(c.street())), "ADDRESS")
    t.add(f"', postcode = '{p.address.postcode}' WHERE id = {c.rng.randint(1000, 99999)}\"}}}}],")
    t.add('"events":[{"name":"exception","attributes":[')
    attr("exception.message").add(f"{c.pick('PaymentDeclined', 'CardVerificationFailed')}: card ")
    t.pii(c.card(), "CREDIT_CARD")
    return t.add(' refused by issuer"}}]}],"status":{"code":2}}]}]}]}').sample("otel_span_json")


# -- negatives -----------------------------------------------------------------------------------------


def hl7_lab_observations(c: Ctx) -> Sample:
    """HL7 ORU observation segments of an anonymised sample: LOINC codes, values, units, ranges."""
    t = _lt().add(
        f"OBR|1|{c.digits(8)}|{c.digits(8)}|24323-8^Comprehensive metabolic "
        f"panel^LN|||{c.noise.when():%Y%m%d%H%M}\r"
    )
    tests = (("2345-7", "Glucose", "mmol/L", "3.9-5.6"), ("2160-0", "Creatinine", "umol/L", "45-90"),
             ("2823-3", "Potassium", "mmol/L", "3.5-5.1"), ("1742-6", "ALT", "U/L", "7-35"),
             ("2951-2", "Sodium", "mmol/L", "135-145"))  # fmt: skip
    for i, (code, name, unit, ref) in enumerate(c.rng.sample(tests, 3), start=1):
        t.add(
            f"OBX|{i}|NM|{code}^{name}^LN||{c.rng.randint(1, 150)}.{c.digits(1)}|{unit}|{ref}|"
            f"{c.pick('N', 'H', 'L')}"
        )
        t.add(f"|||F|||{c.noise.when():%Y%m%d%H%M%S}\r")
    return t.add(f"NTE|1||Specimen {c.letters(2)}{c.digits(7)} haemolysed: {c.pick('no', 'slight')}").sample(
        "hl7_lab_observations"
    )


def edifact_inventory_report(c: Ctx) -> Sample:
    """An EDIFACT INVRPT between companies: GLNs, EANs, quantities, dates."""
    w = c.noise.when()
    t = _lt().add(
        f"UNB+UNOC:3+5412345{c.digits(6)}:14+4012345{c.digits(6)}:14+{w:%y%m%d}:{w:%H%M}+{c.digits(7)}'"
    )
    t.add(f"UNH+1+INVRPT:D:96A:UN:EAN008'BGM+35+INV{c.digits(8)}+9'DTM+137:{w:%Y%m%d}:102'")
    t.add(f"NAD+SU+5412345{c.digits(6)}::9'NAD+BY+4012345{c.digits(6)}::9'")
    for i in range(1, 4):
        t.add(f"LIN+{i}++54{c.digits(11)}:EN'QTY+145:{c.rng.randint(0, 5000)}'LOC+18+{c.digits(13)}::9'")
    return t.add(f"UNT+{c.rng.randint(10, 20)}+1'UNZ+1+{c.digits(7)}'").sample("edifact_inventory_report")


def iso8583_auth_dump(c: Ctx) -> Sample:
    """An ISO 8583 authorisation request traced field by field: masked PAN, STAN, RRN, terminal ids."""
    bin_ = c.pick("411111", "552233", "491761", "375987")
    t = _lt().add(
        f"MTI 0100 bitmap {c.hexs(16).upper()}\n DE002 {bin_}{'*' * 6}{c.digits(4)}\n DE003 000000\n"
    )
    t.add(
        f" DE004 {c.rng.randint(100, 999999):012d}\n DE007 {c.noise.when():%m%d%H%M%S}\n DE011 "
        f"{c.digits(6)}\n"
    )
    t.add(f" DE014 {c.rng.randint(27, 31)}{c.rng.randint(1, 12):02d}\n DE022 051\n DE037 {c.digits(12)}\n")
    t.add(f" DE041 TERM{c.digits(4)}\n DE042 NORVIA{c.digits(9)}\n DE043 NORVIA WEBSHOP>BRUSSEL      BE\n")
    return t.add(
        f" DE049 978\nresponse 0110 DE039 {c.pick('00', '05', '51')} in {c.noise.duration()}"
    ).sample("iso8583_auth_dump")


def dsmr_p1_telegram(c: Ctx) -> Sample:
    """A Dutch/Belgian smart meter P1 telegram: OBIS codes, meter ids in hex, readings, CRC."""
    w = c.noise.when()
    t = _lt().add(
        f"/{c.pick('ISK5', 'FLU5', 'KFM5')}\\2M550T-{c.digits(4)}\n\n1-3:0.2.8(50)\n"
        f"0-0:1.0.0({w:%y%m%d%H%M%S}W)\n"
    )
    t.add(f"0-0:96.1.1({c.hexs(34).upper()})\n1-0:1.8.1({c.rng.randint(0, 99999):06d}.{c.digits(3)}*kWh)\n")
    t.add(
        f"1-0:1.8.2({c.rng.randint(0, 99999):06d}.{c.digits(3)}*kWh)\n"
        f"1-0:1.7.0({c.rng.randint(0, 99):02d}.{c.digits(3)}*kW)\n"
    )
    t.add(f"0-1:24.2.1({w:%y%m%d%H}0000W)({c.rng.randint(0, 9999):05d}.{c.digits(3)}*m3)\n")
    return t.add(f"!{c.hexs(4).upper()}").sample("dsmr_p1_telegram")


def gtfs_stops_extract(c: Ctx) -> Sample:
    """A GTFS stops.txt extract: stations named after places, saints and streets, coordinates, codes."""
    stops = ("Gent-Sint-Pieters", "Antwerpen-Berchem", "Amsterdam Lelylaan", "Rotterdam Alexander",
             "Bruxelles-Luxembourg", "Mechelen-Nekkerspoel", "Berlin Friedrichstraße", "Köln Messe/Deutz",
             "Paris Montparnasse", "Sint-Joris-Weert", "Den Haag Laan van NOI", "Leuven")  # fmt: skip
    t = _lt().add("stop_id,stop_code,stop_name,stop_lat,stop_lon,zone_id,platform_code\n")
    for stop in c.rng.sample(stops, 4):
        t.add(f"{c.digits(7)},{c.digits(4)},{stop},{c.rng.uniform(48, 53):.6f},{c.rng.uniform(2, 13):.6f},")
        t.add(f"{c.pick('BE', 'NL', 'DE', 'FR')}{c.digits(2)},{c.rng.randint(1, 12)}\n")
    return t.sample("gtfs_stops_extract")


def release_changelog(c: Ctx) -> Sample:
    """A Markdown changelog section: versions, dates, issue numbers, CVE ids, dependency bumps."""
    v = c.noise.version()[1:]
    t = _lt().add(f"## [{v}] - {c.noise.when():%Y-%m-%d}\n### Fixed\n")
    t.add(f"- Postcode lookup no longer times out for NL addresses (#{c.rng.randint(100, 9999)})\n")
    t.add(f"- Bumped jackson-databind from 2.16.1 to 2.16.2 (#{c.rng.randint(100, 9999)})\n### Security\n")
    t.add(
        f"- CVE-2026-{c.digits(5)}: header injection in the mail renderer, CVSS "
        f"{c.rng.randint(4, 9)}.{c.digits(1)}\n"
    )
    return t.add(f"[{v}]: https://git.norvia.eu/platform/checkout/compare/v{v}...HEAD").sample(
        "release_changelog"
    )


def ais_vessel_report(c: Ctx) -> Sample:
    """Decoded AIS position reports: MMSIs, call signs, ships named like women, positions."""
    ships = ("ANNA MARIA", "JOHANNA B", "CLEMENTINE", "STOLT SEA", "MAERSK ESSEN", "SOPHIE THERESA",
             "WILHELMINE", "NORDIC ELENA")  # fmt: skip
    t = _lt().add("MMSI       CALLSIGN NAME               LAT        LON       SOG  COG   STATUS\n")
    for ship in c.rng.sample(ships, 3):
        t.add(f"{c.pick('205', '244', '211', '538')}{c.digits(6)}  {c.letters(4):<8} {ship:<18} ")
        t.add(
            f"{c.rng.uniform(50, 54):.5f}  {c.rng.uniform(2, 8):.5f}  {c.rng.randint(0, 18)}.{c.digits(1)}  "
        )
        t.add(f"{c.rng.randint(0, 359):03d}  {c.pick('under way', 'moored', 'at anchor')}\n")
    return t.add(f"!AIVDM,1,1,,A,13{c.hexs(20)},0*{c.hexs(2).upper()}").sample("ais_vessel_report")


def ecb_fx_rates(c: Ctx) -> Sample:
    """The ECB's daily reference rates XML."""
    t = _lt().add('<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01">\n<Cube>')
    t.add(f"<Cube time='{c.noise.when():%Y-%m-%d}'>\n")
    for cur in c.rng.sample(("USD", "JPY", "GBP", "CHF", "SEK", "PLN", "CZK", "DKK", "NOK"), 4):
        t.add(f"  <Cube currency='{cur}' rate='{c.rng.randint(0, 160)}.{c.digits(4)}'/>\n")
    return t.add("</Cube></Cube>\n</gesmes:Envelope>").sample("ecb_fx_rates")


def store_opening_hours(c: Ctx) -> Sample:
    """Opening hours of shops named after the streets they are on (no house numbers), store codes."""
    shops = ("Norvia Store Meir", "Norvia Kalverstraat", "Norvia Kö", "Norvia Rue Neuve",
             "Norvia Grafton Street", "Norvia Via del Corso", "Norvia Gran Vía", "Norvia Zeil")  # fmt: skip
    t = _lt().add("store;code;mon-fri;sat;sun;manager_on_duty\n")
    for shop in c.rng.sample(shops, 3):
        t.add(f"{shop};ST{c.digits(4)};{c.rng.randint(8, 10)}:00-{c.rng.randint(18, 21)}:00;")
        t.add(f"10:00-{c.rng.randint(17, 19)}:00;{c.pick('closed', '12:00-17:00')};{c.pick('yes', 'no')}\n")
    return t.sample("store_opening_hours")


POSITIVE_SHAPES: dict[str, Shape] = {
    f.__name__: f
    for f in (
        hl7_adt_message, fhir_patient_json, edifact_iftmin_nad, shopify_order_webhook, woocommerce_postmeta,
        localised_crm_export, payroll_export, club_membership_tsv, smpp_deliver_sm_dump, telegram_chat_export,
        zoom_chat_log, ocr_scanned_form, notarial_deed_excerpt, accident_statement_es, anagrafica_cliente_it,
        ota_hotel_reservation, coda_statement, git_blame_porcelain, debezium_cdc_event, psql_expanded_output,
        vcard21_export, java_properties_profile, android_logcat_bundle, har_entry_json, otel_span_json,
    )
}  # fmt: skip
NEGATIVE_SHAPES: dict[str, Shape] = {
    f.__name__: f
    for f in (
        hl7_lab_observations, edifact_inventory_report, iso8583_auth_dump, dsmr_p1_telegram,
        gtfs_stops_extract, release_changelog, ais_vessel_report, ecb_fx_rates, store_opening_hours,
    )
}  # fmt: skip
HELDOUT7_SHAPES: dict[str, Shape] = {**POSITIVE_SHAPES, **NEGATIVE_SHAPES}


def build_heldout7_corpus(lines: int = 2000, seed: int = 0) -> list[Sample]:
    """`lines` labelled samples, the same for the same seed; the first records cover every shape once."""
    rng = random.Random(seed * 19 + 7)
    population = build_population(seed, max(60, lines // 3))
    return cast_corpus(lines, rng, POSITIVE_SHAPES, NEGATIVE_SHAPES, population, Ctx, cast=3)
