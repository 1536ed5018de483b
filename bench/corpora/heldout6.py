"""The sixth held-out corpus: records of the telecom, banking, CRM, identity, collaboration, contact-centre,
marketing, print and mainframe systems a European company runs, in shapes none of the earlier corpora use,
written blind (without looking at how detection works, and without running it while writing). Nobody tunes
on it: `bench/corpora/heldout5.py` is now a development set, and this corpus only ever prints the honest
estimate.

    python -m bench.corpora heldout6 --lines 2000 --seed 0 [-o heldout6.jsonl] [--no-labels]

People: `PeopleGenerator` people of its nine regions (BE NL FR DE GB IE ES IT US, drawn with this corpus's
own seed offset); about a quarter are renamed with Latin-script names of Faker locales the generator does
not use (EXTRA_LOCALES: Portuguese, Slovak, Slovene, Lithuanian, Latvian, Québécois, Argentinian,
Colombian, Chilean, Liechtenstein, Indonesian, Irish-language, Zulu, Uzbek, Romanian, Polish, Turkish,
Hungarian). On top, some get two given names, a hyphenated double surname or a particle (`van der`, `Du`,
`Di`, `de la`, `zur`, `dos`); their email addresses then follow the new name.

Renderings of its own:
- names: `Peeters, Ann` (CRM inverted), initials of every given name (`J.-P. Dubois`, `A.M. Peeters`),
  all lower case (typed, or speech-to-text), ALL CAPS (banking, mainframe, print), nicknames, given and
  family name in separate fields or URL parameters;
- phones: French-style dots (`04.75.12.34.56`), Belgian `0475/12.34.56`, EPP/registrar `+32.475123456`,
  `(+32) 475 12 34 56`, `0475-123456`, US `(201) 555-0123`, the national number in its own field beside a
  country-code field, percent-encoded `%2B32475123456` in URLs, digits read out in pairs by speech-to-text;
- addresses: `\\n`-escaped in JSON, ALL CAPS without diacritics, lower case, with the country appended,
  inside MT940 `/ADDR/`, in an Excel `CONCATENATE`, split into street/postcode/town fields;
- cards: 4-6-5 for 15 digits, by fours with spaces or dashes, or bare (mainframe PIC 9 fields);
- emails: plus-addressed (`ann.peeters+shop@gmail.com`), upper case, in `mailto:` hrefs and HYPERLINK
  formulas, percent-encoded, spoken (`ann dot peeters at gmail dot com`).

Labelling decisions (spans are recorded while each text is built, never searched for afterwards):
- PERSON: the name as written, courtesy titles outside (`Mr`, `Mme`, `Herr`); inverted `Peeters, Ann`,
  initials with their dots and lower-case names are one span. Given and family name in separate fields
  (CSV columns, JSON keys, URL parameters, PIC fields) are one span per field. Employees acting in a record
  (admins, agents, drivers, custodians, contact owners, meeting speakers) are people and are labelled.
  A name inside `© 2026 Ann Peeters` is labelled without the `© 2026`; a ` (Guest)` suffix is outside the
  span. Usernames, account ids and `00u…` Okta ids are not names. Brands and products named after people
  (`Dyson`, `Paul Smith`, `Dr. Oetker`), companies, teams, stadiums, dishes (`Pêches Melba`), places and
  stations are not people. No public figure occurs anywhere.
- ADDRESS: a person's postal address from its first element (street or house number) to its last
  (postcode and town, or the country when written as part of it), separators as written inside the span
  (`, `, line breaks, `\\n`, `<br/>`). When a record splits the address into fields, only the field
  holding street and house number is labelled; fields holding only a unit, postcode, town, region or
  country are not. In fixed-width records the padding is outside the span. A GPS position, a town alone
  and company addresses are not labelled (invoices between companies carry no street address here).
- PHONE_NUMBER: the number as written, without extension words and digits; a national number in its own
  field (beside a country-code field) is labelled alone; a percent-encoded number in a URL is labelled as
  written (`%2B32475123456`), a number in an MSISDN field without a plus too. Shortcodes (`8855`), SIM
  ICCIDs and account numbers are not phones.
- EMAIL_ADDRESS: the address as written (plus tag included, percent-encoded or spoken form one span);
  `mailto:` is outside. DNS SOA `hostmaster.` names and role mailboxes are not labelled.
- CREDIT_CARD: a full Luhn-valid PAN in any grouping or bare; masked PANs (`************1234` as a
  statement shows it), last-4 fields (`CARD-LAST4`), IBANs, BICs and account numbers are not cards.
- Negative shapes (about a fifth of the records): weather reports, sports results, recipes, a product
  catalogue of brands that are surnames, drug formularies, error catalogues, systemd units, DNS zone files,
  BGP tables, GPX tracks and invoices between companies; they hold none of the five entities.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import quote

import phonenumbers
from phonenumbers import PhoneNumberFormat

from bench.corpora.base import LabelledText, Sample, cast_corpus
from bench.corpora.people import NICKNAMES, Names, email_for, renamed_population
from bench.corpora.values import (
    COUNTRY_NAMES,
    ContactContext,
    add_field,
    csv_cell,
    fold,
    iban_of,
    json_str,
    pairs,
    street_line,
)
from flows.demo.synthetic_people import Person, render_card

__all__ = ["EXTRA_LOCALES", "HELDOUT6_SHAPES", "NEGATIVE_SHAPES", "build_heldout6_corpus", "build_population"]

SEED_OFFSET = 60_013  # people differ from those of the other corpora at the same --seed

Shape = Callable[["Ctx"], Sample]

# -- people -----------------------------------------------------------------------------------------

# Latin-script Faker locales flows/demo/synthetic_people.py does not use; partly other than heldout5's
EXTRA_LOCALES = (
    "pt_PT", "sk_SK", "sl_SI", "lt_LT", "lv_LV", "fr_CA", "es_AR", "es_CO", "es_CL", "de_LI", "id_ID",
    "ga_IE", "zu_ZA", "uz_UZ", "ro_RO", "pl_PL", "tr_TR", "hu_HU",
)  # fmt: skip
EXTRA_LOCALE_SHARE = 0.25
PARTICLES = {
    "NL": ("van der", "de", "van"), "BE": ("Van den", "Du", "Della"), "FR": ("du", "de", "Le"),
    "DE": ("von der", "zur"), "IT": ("Di", "De", "Dal"), "ES": ("de la", "del"), "pt_PT": ("dos", "da"),
    "es_AR": ("de",), "fr_CA": ("De",), "de_LI": ("von",),
}  # fmt: skip
COMPANY_DOMAINS = ("telvia.eu", "corp.telvia.eu", "noordnet.nl", "belcom.be")


def _renamed(p: Person, rng: random.Random, names: Names) -> Person:
    """The person as this corpus names them: other locales, two given names, double surnames, particles."""
    locale, first, last = p.locale, p.first_name, p.last_name
    female = rng.random() < 0.5
    if rng.random() < EXTRA_LOCALE_SHARE:
        locale = rng.choice(EXTRA_LOCALES)
        first, last = names.given(locale, female), names.family(locale, female)
    if rng.random() < 0.12:
        second = names.given(locale, female)
        if second != first:
            first = f"{first}{'-' if locale.startswith('fr') and rng.random() < 0.6 else ' '}{second}"
    roll = rng.random()
    if roll < 0.06:
        last = f"{last}-{names.family(locale, female)}"
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
    return renamed_population(seed, count, SEED_OFFSET, 311, _renamed)


# -- renderings -------------------------------------------------------------------------------------


class Ctx(ContactContext):
    """What one record is built from: the seeded rng and noise, three people, and this corpus's renderings."""

    company_domains = COMPANY_DOMAINS

    def name(self, p: Person | None = None, style: str | None = None) -> str:
        p = p or self.person
        style = (
            style
            or self.rng.choices(
                ("full", "upper", "inverted", "initials", "lower", "nick"), weights=(8, 2, 2, 1, 1, 1)
            )[0]
        )
        if style == "upper":
            return p.full_name.upper()
        if style == "inverted":
            return f"{p.last_name}, {p.first_name}"
        if style == "initials":
            given = ".".join("-".join(w[0] for w in part.split("-")) for part in p.first_name.split())
            return f"{given.replace('-', '.-')}. {p.last_name}"
        if style == "lower":
            return p.full_name.lower()
        if style == "nick":
            nick = NICKNAMES.get(p.first_name.split()[0].split("-")[0])
            return f"{nick} {p.last_name}" if nick else p.full_name
        return p.full_name

    def phone(self, p: Person | None = None, which: str = "mobile", style: str | None = None) -> str:
        number = phonenumbers.parse(getattr(p or self.person, which))
        cc, nsn = str(number.country_code), phonenumbers.national_significant_number(number)
        national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        if cc == "1":
            style = style or self.pick("national", "dashes", "epp", "e164")
            return {
                "dashes": f"{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}",
                "epp": f"+1.{nsn}",
                "e164": f"+1{nsn}",
                "msisdn": f"1{nsn}",
                "spoken": f"{nsn[:3]} {nsn[3:6]} {nsn[6:]}",
            }.get(style, national)
        head = national.replace("-", " ").split(" ")[0]
        flat = "".join(ch for ch in national if ch.isdigit())
        rest = flat[len(head) :]
        style = (
            style
            or self.rng.choices(
                ("dots", "slash_dots", "epp", "paren_cc", "dash", "intl", "e164"),
                weights=(3, 2, 2, 2, 2, 2, 1),
            )[0]
        )
        if style == "dots":
            return ".".join([head, *pairs(rest)])
        if style == "slash_dots":
            return f"{head}/{'.'.join(pairs(rest))}"
        if style == "epp":
            return f"+{cc}.{nsn}"
        if style == "paren_cc":
            return f"(+{cc}) {' '.join(pairs(nsn))}"
        if style == "dash":
            return f"{head}-{rest}"
        if style == "e164":
            return f"+{cc}{nsn}"
        if style == "msisdn":
            return f"{cc}{nsn}"
        if style == "spoken":
            return " ".join(pairs(flat))
        return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)

    def phone_parts(self, p: Person | None = None) -> tuple[str, str]:
        """Country code and national number as a form with two fields keeps them."""
        number = phonenumbers.parse((p or self.person).mobile)
        nsn = phonenumbers.national_significant_number(number)
        return f"+{number.country_code}", self.pick(nsn, " ".join(pairs(nsn)))

    def email(self, p: Person | None = None, style: str | None = None) -> str:
        address = (p or self.person).email
        style = style or self.rng.choices(("plain", "upper", "plus"), weights=(8, 1, 2))[0]
        local, domain = address.split("@", 1)
        if style == "upper":
            return address.upper()
        if style == "plus":
            return f"{local}+{self.pick('shop', 'news', 'telvia', 'bills', '2026')}@{domain}"
        if style == "percent":
            return quote(address, safe="")
        if style == "spoken" and local.replace(".", "").isalnum():
            return f"{local.replace('.', ' dot ')} at {domain.replace('.', ' dot ')}"
        return address

    def card(self, p: Person | None = None, style: str | None = None) -> str:
        return render_card(
            (p or self.person).card_number, style or self.pick("spaced", "spaced", "dashed", "plain")
        )


def _lt() -> LabelledText:
    return LabelledText()


# -- telecom, banking, payments ---------------------------------------------------------------------


def number_porting_xml(c: Ctx) -> Sample:
    """A number-portability clearing-house request in XML: MSISDN range, subscriber, address line."""
    p = c.person
    msisdn = c.phone(style="msisdn")
    t = _lt().add('<?xml version="1.0" encoding="UTF-8"?>\n<np:PortingRequest xmlns:np="urn:crdb:np:3.2"')
    t.add(f' messageId="{c.noise.uuid()}" created="{c.noise.timestamp()}">\n')
    t.add(f"  <np:PortingId>{c.pick('NP', 'PRT')}{c.digits(10)}</np:PortingId>\n")
    t.add(
        f"  <np:Donor>{c.pick('PROX', 'BASE', 'KPNM', 'VFNL')}</np:Donor><np:Recipient>TELV</np:Recipient>\n"
    )
    t.add("  <np:NumberSeries><np:Start>").pii(msisdn, "PHONE_NUMBER").add("</np:Start><np:End>")
    t.pii(msisdn, "PHONE_NUMBER").add('</np:End></np:NumberSeries>\n  <np:Subscriber kind="private">\n')
    t.add("    <np:Name>").pii(c.name(style=c.pick("upper", "full", "inverted")), "PERSON").add(
        "</np:Name>\n"
    )
    t.add("    <np:AddressLine>").pii(c.street(upper=c.rng.random() < 0.4), "ADDRESS").add(
        "</np:AddressLine>\n"
    )
    t.add(f"    <np:PostCode>{p.address.postcode}</np:PostCode><np:City>{p.address.city}</np:City>\n")
    t.add("    <np:ContactPhone>").pii(c.phone(which="landline"), "PHONE_NUMBER").add("</np:ContactPhone>\n")
    t.add(f"  </np:Subscriber>\n  <np:WishDate>{c.noise.when():%Y-%m-%d}</np:WishDate>\n")
    return t.add(f"  <np:SimIccid>8932{c.digits(15)}</np:SimIccid>\n</np:PortingRequest>").sample(
        "number_porting_xml"
    )


def mt940_statement(c: Ctx) -> Sample:
    """MT940 statement lines with structured :86: fields naming the counterparty and their address."""
    p, w = c.person, c.noise.when()
    amount = f"{c.rng.randint(5, 900)},{c.rng.randint(0, 99):02d}"
    t = _lt().add(
        f":20:STMT{w:%y%m%d}{c.digits(4)}\n:25:{iban_of('BE', c.digits(12))}\n:28C:{c.digits(5)}/001\n"
    )
    t.add(f":60F:C{w:%y%m%d}EUR{c.rng.randint(1000, 90000)},{c.digits(2)}\n")
    t.add(f":61:{w:%y%m%d}{w:%m%d}C{amount}NTRFNONREF//{c.digits(10)}\n:86:/ORDP//NAME/")
    t.pii(fold(p.full_name).upper(), "PERSON").add("/ADDR/")
    t.pii(c.address(sep=" ", style="upper"), "ADDRESS")
    t.add(
        f"/IBAN/{iban_of(c.pick('BE', 'NL', 'DE'), c.digits(12))}/REMI/USTD//INV {c.digits(7)}"
        f" KLANT {c.digits(6)}\n"
    )
    t.add(f":62F:C{w:%y%m%d}EUR{c.rng.randint(1000, 90000)},{c.digits(2)}\n-")
    return t.sample("mt940_statement")


def chargeback_dispute_letter(c: Ctx) -> Sample:
    """A cardholder's dispute letter to their bank: card number, address block, phone, signature."""
    p = c.person
    t = _lt().pii(c.name(style="full"), "PERSON").add("\n").pii(c.address(sep="\n"), "ADDRESS").add("\n")
    t.add("Tel. ").pii(c.phone(), "PHONE_NUMBER").add(f"\n\n{c.noise.when():%d %B %Y}\n\n")
    t.add(
        f"Re: dispute of a card payment of {c.noise.amount()} to "
        f"{c.pick('SKYFLY*BOOKING', 'AMZN Mktp DE', 'PAYPAL *GAMESTORE')}\n\n"
    )
    t.add("Dear Sir or Madam,\n\nI do not recognise the payment above on my card ").pii(
        c.card(), "CREDIT_CARD"
    )
    t.add(f" (expiry {c.rng.randint(1, 12):02d}/{c.rng.randint(27, 31)}).")
    if c.rng.random() < 0.5:  # the masked form the bank's own statement printed
        t.add(f" Your statement shows it as card {'*' * (len(p.card_number) - 4)}{p.card_number[-4:]}.")
    t.add(" I have not authorised it and ask you to")
    t.add(" reverse it. Please reply to ").pii(c.email(), "EMAIL_ADDRESS").add(".\n\nYours faithfully,\n\n")
    return t.pii(c.name(p, style=c.pick("full", "initials")), "PERSON").sample("chargeback_dispute_letter")


def sms_optout_log(c: Ctx) -> Sample:
    """Inbound SMS to a marketing shortcode: STOP keywords, free text with names, email unsubscribe."""
    t = _lt()
    for p in (c.person, c.other):
        t.add(f"{c.noise.timestamp()} inbound from=").pii(
            c.phone(p, style=c.pick("e164", "msisdn")), "PHONE_NUMBER"
        )
        short = c.pick("8855", "3030", "4242")
        kind = c.rng.random()
        if kind < 0.4:
            t.add(f' to={short} body="{c.pick("STOP", "stop", "Stop", "STOP ALL", "arret")}" action=optout\n')
        elif kind < 0.7:
            t.add(f' to={short} body="stop sending me this, {c.pick("regards", "thanks")} ')
            t.pii(c.name(p, style=c.pick("full", "lower")), "PERSON").add('" action=optout fuzzy=true\n')
        else:
            t.add(f' to={short} body="UNSUBSCRIBE ').pii(
                c.email(p, style=c.pick("plain", "upper")), "EMAIL_ADDRESS"
            )
            t.add('" action=optout_email\n')
    return t.add(f"{c.noise.timestamp()} batch=optout-sync lists=promo,news ok").sample("sms_optout_log")


# -- CRM, marketing, loyalty ------------------------------------------------------------------------


def hubspot_contacts_csv(c: Ctx) -> Sample:
    """A CRM contact export with its own headers: names split, street in its own column, contact owner."""
    owner = c.name(c.third, style="full")
    t = _lt().add(
        "Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Street Address,City,"
        "Postal Code,Country/Region,Contact owner,Lifecycle Stage,Create Date (GMT)\n"
    )
    for p in (c.person, c.other):
        t.add(f"{c.digits(11)},")
        add_field(t, p.first_name, "PERSON", quote_csv=True).add(",")
        add_field(t, p.last_name, "PERSON", quote_csv=True).add(",")
        add_field(t, c.email(p), "EMAIL_ADDRESS").add(",")
        add_field(t, c.phone(p, which="landline"), "PHONE_NUMBER").add(",")
        add_field(t, c.phone(p), "PHONE_NUMBER").add(",")
        add_field(t, c.street(p), "ADDRESS", quote_csv=True).add(",")
        t.add(f"{csv_cell(p.address.city)},{p.address.postcode},{c.pick(*COUNTRY_NAMES[p.region])},")
        t.pii(owner, "PERSON").add(
            f",{c.pick('lead', 'customer', 'subscriber')},{c.noise.when():%Y-%m-%d %H:%M}\n"
        )
    return t.sample("hubspot_contacts_csv")


def loyalty_member_csv(c: Ctx) -> Sample:
    """A French loyalty-programme export: semicolons, upper-case names, ADRESSE1/ADRESSE2, points."""
    t = _lt().add(
        "NUM_CARTE;CIVILITE;NOM;PRENOM;ADRESSE1;ADRESSE2;CP;VILLE;TEL_PORT;EMAIL;POINTS;DATE_ADHESION\n"
    )
    for p in (c.person, c.other):
        unit = fold(p.address.unit).upper() if " " in p.address.unit else ""
        t.add(f"{c.digits(13)};{c.pick('M', 'MME', 'MLLE', '')};")
        t.pii(p.last_name.upper(), "PERSON").add(";").pii(p.first_name, "PERSON").add(";")
        street = c.street(p, upper=True)
        t.pii(street.replace(unit, "").strip(" ,") if unit else street, "ADDRESS")
        t.add(f";{unit};{p.address.postcode};{fold(p.address.city).upper()};")
        t.pii(c.phone(p, style=c.pick("dots", "dash", "e164")), "PHONE_NUMBER").add(";")
        t.pii(c.email(p, style=c.pick("plain", "upper")), "EMAIL_ADDRESS")
        t.add(f";{c.rng.randint(0, 9000)};{c.noise.when():%d/%m/%Y}\n")
    return t.sample("loyalty_member_csv")


def crm_merge_audit(c: Ctx) -> Sample:
    """A CRM dedupe merge audit: the surviving and the merged values of each field."""
    p = c.person
    t = _lt().add(f"{c.noise.timestamp()} MERGE rule=fuzzy_name_phone score=0.{c.rng.randint(80, 99)} ")
    t.add(f"survivor=003{c.hexs(12)} merged=003{c.hexs(12)} by=")
    t.pii(c.work_email(c.third), "EMAIL_ADDRESS").add("\n  Name: '").pii(c.name(style="full"), "PERSON")
    t.add("' <- '").pii(c.name(style=c.pick("upper", "inverted", "lower")), "PERSON").add("'\n  Email: '")
    t.pii(c.email(style="plain"), "EMAIL_ADDRESS").add("' <- '").pii(c.email(style="upper"), "EMAIL_ADDRESS")
    t.add("'\n  Phone: '").pii(c.phone(style="intl"), "PHONE_NUMBER").add("' <- '")
    t.pii(c.phone(style=c.pick("dots", "dash", "slash_dots")), "PHONE_NUMBER").add("'\n  MailingStreet: '")
    t.pii(c.street(), "ADDRESS").add("' <- '").pii(c.street().lower(), "ADDRESS")
    return t.add(f"'\n  MailingPostalCode: (unchanged) {p.address.postcode}").sample("crm_merge_audit")


def tracking_pixel_log(c: Ctx) -> Sample:
    """A marketing pixel hit with advanced matching sent unhashed: percent-encoded email, phone, names."""
    p = c.person

    def enc(value: str) -> str:
        return quote(value, safe="")

    t = _lt().add(
        f'{c.noise.ipv4()} - - [{c.noise.when():%d/%b/%Y:%H:%M:%S +0000}] "GET /tr/px.gif?id={c.digits(15)}'
    )
    t.add(f"&ev={c.pick('Purchase', 'Lead', 'CompleteRegistration')}&ud[em]=").pii(
        c.email(style="percent"), "EMAIL_ADDRESS"
    )
    t.add("&ud[ph]=").pii(enc(c.phone(style="e164")), "PHONE_NUMBER")
    t.add("&ud[fn]=").pii(enc(p.first_name.lower()), "PERSON").add("&ud[ln]=").pii(
        enc(p.last_name.lower()), "PERSON"
    )
    t.add(
        f"&ud[zp]={enc(p.address.postcode.lower())}&ud[ct]={enc(p.address.city.lower())}"
        f"&cd[value]={c.rng.randint(5, 300)}"
    )
    t.add(' HTTP/1.1" 200 43 "https://shop.telvia.eu/checkout/thanks" "Mozilla/5.0"')
    return t.sample("tracking_pixel_log")


# -- identity and admin ------------------------------------------------------------------------------


def workspace_admin_audit(c: Ctx) -> Sample:
    """A Google-Workspace-style admin audit CSV: an admin renames a user and changes recovery details."""
    user, admin = c.work_email(), c.work_email(c.third)
    t = _lt().add("Event name,Description,Actor,Date,IP address\n")
    old, new = c.name(style="full"), f"{c.given()} {c.other.last_name}"
    t.add('Change user name,"').pii(admin, "EMAIL_ADDRESS").add(" changed the name of ").pii(
        user, "EMAIL_ADDRESS"
    )
    t.add(' from ""').pii(old, "PERSON").add('"" to ""').pii(new, "PERSON").add('""",')
    t.pii(admin, "EMAIL_ADDRESS").add(f",{c.noise.when():%b %d, %Y, %I:%M:%S %p} CET,{c.noise.ipv4()}\n")
    t.add('Change recovery phone,"Recovery phone of ').pii(user, "EMAIL_ADDRESS").add(" set to ")
    t.pii(c.phone(style="e164"), "PHONE_NUMBER").add('",').pii(admin, "EMAIL_ADDRESS")
    t.add(f",{c.noise.when():%b %d, %Y, %I:%M:%S %p} CET,{c.noise.ipv4()}\n")
    t.add('Change recovery email,"Recovery email of ').pii(user, "EMAIL_ADDRESS").add(" set to ")
    t.pii(c.email(), "EMAIL_ADDRESS").add('",').pii(admin, "EMAIL_ADDRESS")
    return t.add(f",{c.noise.when():%b %d, %Y, %I:%M:%S %p} CET,{c.noise.ipv4()}").sample(
        "workspace_admin_audit"
    )


def okta_system_log(c: Ctx) -> Sample:
    """An Okta System Log event: actor alternateId and displayName, SMS factor enrolled with a phone."""
    p = c.person
    t = _lt().add(f'{{"uuid":"{c.noise.uuid()}","published":"{c.noise.timestamp()}",')
    t.add(f'"eventType":"user.mfa.factor.activate","actor":{{"id":"00u{c.hexs(17)}","type":"User",')
    t.add('"alternateId":"').pii(c.work_email(), "EMAIL_ADDRESS").add('","displayName":"')
    t.pii(c.name(style=c.pick("full", "full", "upper")), "PERSON").add('"},"client":{"ipAddress":"')
    t.add(
        f'{c.noise.ipv4()}","geographicalContext":{{"city":"{p.address.city}","country":"{c.pick(*COUNTRY_NAMES[p.region])}"}}}},'
    )
    t.add('"outcome":{"result":"SUCCESS"},"target":[{"type":"Factor","displayName":"SMS Factor",')
    t.add('"detailEntry":{"phoneNumber":"').pii(c.phone(style=c.pick("e164", "intl")), "PHONE_NUMBER")
    return t.add(f'"}}}}],"debugContext":{{"debugData":{{"requestId":"{c.hexs(24)}"}}}}}}').sample(
        "okta_system_log"
    )


def teams_attendance_report(c: Ctx) -> Sample:
    """A meeting attendance report (tab-separated): name, join and leave times, email, role."""
    t = _lt().add("1. Summary\nMeeting title\tCustomer escalation review\n\n2. Participants\n")
    t.add("Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n")
    start = c.noise.when()
    for p, role in ((c.third, "Organizer"), (c.person, "Attendee"), (c.other, "Presenter")):
        external = role == "Attendee"
        mail = c.email(p) if external else c.work_email(p)
        t.pii(c.name(p, style="full"), "PERSON")
        if external:
            t.add(" (Guest)")
        minutes = c.rng.randint(2, 59)
        stamp = "%m/%d/%y, %I:%M:%S %p"
        t.add(f"\t{start:{stamp}}\t{start + timedelta(minutes=minutes):{stamp}}\t{minutes}m\t")
        t.pii(mail, "EMAIL_ADDRESS").add("\t")
        if not external:  # guests have no account, so no UPN
            t.pii(mail, "EMAIL_ADDRESS")
        t.add(f"\t{role}\n")
    return t.sample("teams_attendance_report")


# -- collaboration and documents --------------------------------------------------------------------


def jira_markdown_thread(c: Ctx) -> Sample:
    """A Markdown export of a Jira comment thread: bold author lines, @mentions, a quoted customer mail."""
    p = c.person
    agent, lead = c.name(c.other, style="full"), c.name(c.third, style="full")
    t = (
        _lt()
        .add(f"### TEL-{c.rng.randint(1000, 99999)} Callback number wrong on contract\n\n**")
        .pii(agent, "PERSON")
    )
    t.add(f"** commented — {c.noise.when():%d/%b/%y %I:%M %p}\n\n@").pii(lead, "PERSON")
    t.add(" customer ").pii(c.name(style=c.pick("full", "inverted", "upper")), "PERSON")
    t.add(" says the callback number is `").pii(c.phone(), "PHONE_NUMBER").add(
        "`, not the one on file:\n\n> "
    )
    t.pii(c.phone(which="landline"), "PHONE_NUMBER").add("\n> sent from ").pii(c.email(), "EMAIL_ADDRESS")
    t.add("\n\n---\n\n**").pii(lead, "PERSON").add(f"** commented — {c.noise.when():%d/%b/%y %I:%M %p}\n\n")
    t.add("Fixed in CRM, also corrected the street to _").pii(c.street(), "ADDRESS").add(
        f"_ ({p.address.city}). "
    )
    return t.add("Closing as *Done*.").sample("jira_markdown_thread")


def confluence_page_export(c: Ctx) -> Sample:
    """A Confluence storage-format page: a customer table, a mailto link, a user macro with an account id."""
    t = _lt().add(f"<h2>Complaint {c.noise.order_id()}</h2>\n<table><tbody>\n<tr><th>Customer</th><td>")
    t.pii(c.name(style=c.pick("full", "inverted")), "PERSON").add("</td></tr>\n<tr><th>Address</th><td>")
    t.pii(c.address(sep="<br/>"), "ADDRESS").add("</td></tr>\n<tr><th>Mobile</th><td>")
    t.pii(c.phone(), "PHONE_NUMBER").add('</td></tr>\n<tr><th>Email</th><td><a href="mailto:')
    mail = c.email(style="plain")
    t.pii(mail, "EMAIL_ADDRESS").add('">').pii(mail, "EMAIL_ADDRESS").add(
        "</a></td></tr>\n</tbody></table>\n"
    )
    t.add(f'<p>Owner: <ac:link><ri:user ri:account-id="5b{c.hexs(22)}"/></ac:link>, escalated by ')
    return t.pii(c.name(c.other, style="full"), "PERSON").add(".</p>").sample("confluence_page_export")


def meeting_transcript_vtt(c: Ctx) -> Sample:
    """A WebVTT meeting transcript: `<v Speaker>` voices, someone dictating an email and a phone number."""
    host, guest = c.other, c.person
    t = _lt().add("WEBVTT\n\n")
    seconds = c.rng.randint(0, 600)

    def cue(n: int, speaker: Person) -> LabelledText:
        start = seconds + 7 * n
        t.add(f"{c.hexs(8)}-{c.hexs(4)}/{n}\n00:{start // 60:02d}:{start % 60:02d}.{c.digits(3)} --> ")
        t.add(f"00:{(start + 6) // 60:02d}:{(start + 6) % 60:02d}.{c.digits(3)}\n<v ")
        return t.pii(speaker.full_name, "PERSON").add(">")

    cue(0, host).add("Hi, thanks for joining. Could you confirm your email for the ticket?</v>\n\n")
    cue(1, guest).add("Sure, it's ").pii(c.email(guest, style="plain"), "EMAIL_ADDRESS").add(
        " and my mobile is "
    )
    cue_phone = c.phone(guest, style=c.pick("intl", "dots", "dash"))
    t.pii(cue_phone, "PHONE_NUMBER").add(".</v>\n\n")
    cue(2, host).add("Great, ").pii(c.given(guest), "PERSON").add(
        ", I'll send the summary after the call.</v>"
    )
    return t.sample("meeting_transcript_vtt")


def call_speech_to_text(c: Ctx) -> Sample:
    """Contact-centre speech-to-text: lower case, timestamps, numbers read out in pairs, a spoken email."""
    p, agent = c.person, c.other
    t = _lt().add(
        f"call_id={c.noise.uuid()} lang={c.pick('en-GB', 'en-IE', 'en-US')}"
        f" asr_conf=0.{c.rng.randint(70, 97)}\n"
    )
    t.add("[00:00:03.2] agent: thank you for calling telvia my name is ").pii(
        agent.first_name.lower(), "PERSON"
    )
    t.add(" how can i help\n[00:00:07.9] caller: hi yes this is ").pii(p.full_name.lower(), "PERSON")
    t.add(" i'm calling about my bill\n[00:00:15.4] agent: can you confirm the number on the account\n")
    t.add("[00:00:19.0] caller: ").pii(c.phone(style="spoken"), "PHONE_NUMBER")
    t.add("\n[00:00:31.6] agent: and the address please\n[00:00:34.1] caller: ").pii(
        c.address(sep=" ", style="lower"), "ADDRESS"
    )
    t.add("\n[00:00:48.7] caller: you can email me at ").pii(c.email(style="spoken"), "EMAIL_ADDRESS")
    if c.rng.random() < 0.5:
        t.add("\n[00:01:02.3] caller: i'll pay now the card is ").pii(c.card(style="spaced"), "CREDIT_CARD")
    return t.add("\n[00:01:20.0] agent: thank you that's all done").sample("call_speech_to_text")


def legal_hold_notice(c: Ctx) -> Sample:
    """A legal hold notice to custodians naming the customer whose records are to be preserved."""
    p = c.person
    t = _lt().add(f"LEGAL HOLD NOTICE — Matter {c.noise.when():%Y}-LIT-{c.digits(4)}\nTo: ")
    for q in (c.other, c.third):
        t.pii(c.name(q, style="full"), "PERSON").add(" <").pii(c.work_email(q), "EMAIL_ADDRESS").add(">; ")
    t.add("\n\nYou must preserve all records, emails and call recordings relating to ")
    t.add(c.pick("Mr ", "Ms ", "")).pii(c.name(style=c.pick("full", "upper", "initials")), "PERSON")
    t.add(" (customer ").add(p.customer_id).add("), of ").pii(c.address(), "ADDRESS").add(
        ", including calls from "
    )
    t.pii(c.phone(), "PHONE_NUMBER").add(" and mail from ").pii(c.email(), "EMAIL_ADDRESS")
    return t.add(". Do not delete anything until Legal releases this hold.\n— Legal Department").sample(
        "legal_hold_notice"
    )


def exif_metadata_dump(c: Ctx) -> Sample:
    """exiftool output of a photo a customer uploaded: Artist, Copyright, Owner Name, a GPS position."""
    p = c.person
    w = c.noise.when()
    make, model = c.pick(("Apple", "iPhone 13"), ("samsung", "SM-S911B"), ("Google", "Pixel 7"))
    rows = [("File Name", f"IMG_{w:%Y%m%d_%H%M%S}.jpg"), ("Make", make), ("Camera Model Name", model)]
    t = _lt()
    for key, value in rows:
        t.add(f"{key:<32}: {value}\n")
    t.add(f"{'Artist':<32}: ").pii(c.name(style=c.pick("full", "upper")), "PERSON").add("\n")
    t.add(f"{'Copyright':<32}: © {w:%Y} ").pii(p.full_name, "PERSON").add("\n")
    t.add(f"{'Owner Name':<32}: ").pii(fold(p.full_name).upper(), "PERSON").add("\n")
    if c.rng.random() < 0.5:
        t.add(f"{'Creator Work Email':<32}: ").pii(c.email(style="plain"), "EMAIL_ADDRESS").add("\n")
        t.add(f"{'Creator Work Telephone':<32}: ").pii(c.phone(), "PHONE_NUMBER").add("\n")
    t.add(f"{'Date/Time Original':<32}: {w:%Y:%m:%d %H:%M:%S}\n")
    lat, lon = c.rng.uniform(40, 55), c.rng.uniform(-8, 12)
    return t.add(f"{'GPS Position':<32}: {lat:.6f} N, {abs(lon):.6f} {'E' if lon > 0 else 'W'}").sample(
        "exif_metadata_dump"
    )


def excel_cell_dump(c: Ctx) -> Sample:
    """A spreadsheet dumped cell by cell: inverted name, HYPERLINK mailto, address CONCATENATE."""
    p = c.person
    t = _lt().add("Klanten!A1 = 'Klant'\nKlanten!B1 = 'Contact'\nKlanten!C1 = 'Adres'\nKlanten!D1 = 'GSM'\n")
    t.add("Klanten!A2 = '").pii(c.name(style="inverted"), "PERSON").add("'\n")
    mail = c.email(style="plain")
    t.add("Klanten!B2 = '=HYPERLINK(\"mailto:").pii(mail, "EMAIL_ADDRESS").add('","').pii(
        mail, "EMAIL_ADDRESS"
    )
    t.add("\")'\nKlanten!C2 = '=CONCATENATE(\"").pii(c.street(), "ADDRESS")
    t.add(f'";", ";"{p.address.postcode}";" ";"{p.address.city}")\'\nKlanten!D2 = ')
    t.pii(c.phone(style="msisdn"), "PHONE_NUMBER").add("  # number format '+0'\nKlanten!E2 = ")
    return t.add(f"'=VLOOKUP(A2;Contracten!A:F;6;0)' -> {c.noise.amount()}").sample("excel_cell_dump")


# -- operations and print ----------------------------------------------------------------------------


def field_service_sync_json(c: Ctx) -> Sample:
    """A field-service app's offline sync batch: split name fields, escaped multi-line site address."""
    p = c.person
    t = _lt().add(f'{{"deviceId":"FS-{c.hexs(8)}","syncSeq":{c.rng.randint(1, 9999)},"ops":[{{"op":"upsert",')
    t.add(f'"entity":"WorkOrder","id":"WO-{c.digits(7)}","changes":{{"customer":{{"givenName":"')
    t.pii(json_str(p.first_name), "PERSON").add('","familyName":"').pii(json_str(p.last_name), "PERSON")
    t.add('"},"siteAddress":"').pii(json_str(c.address(sep="\n")), "ADDRESS").add('","onSite":{"name":"')
    t.pii(c.name(c.other, style=c.pick("full", "nick")), "PERSON").add('","phone":"')
    t.pii(c.phone(c.other), "PHONE_NUMBER").add('"},"signedBy":"').pii(c.name(style="initials"), "PERSON")
    t.add(f'","status":"{c.pick("DONE", "NO_ACCESS", "RESCHEDULE")}","gps":[{c.rng.uniform(40, 55):.5f},')
    return t.add(f"{c.rng.uniform(-8, 12):.5f}]}}}}]}}").sample("field_service_sync_json")


def delivery_slot_confirmation(c: Ctx) -> Sample:
    """A delivery-slot confirmation email body: greeting, slot, address, the driver who will call."""
    driver = c.other
    w = c.noise.when()
    t = _lt().add(f"Subject: Your delivery slot is confirmed ({w:%a %d %b})\n\nHi ").pii(c.given(), "PERSON")
    t.add(f",\n\nWe'll deliver your {c.pick('router', 'TV box', 'phone')} on {w:%A %d %B} between ")
    t.add(f"{w:%H}:00 and {(w.hour + 2) % 24:02d}:00 to:\n\n").pii(
        c.address(sep="\n", style=c.pick("plain", "country")), "ADDRESS"
    )
    t.add("\n\nYour driver ").pii(driver.first_name, "PERSON").add(" will call you on ")
    t.pii(c.phone(style=c.pick("intl", "dots", "e164")), "PHONE_NUMBER").add(
        " about 30 minutes before arrival.\n"
    )
    t.add("Need another slot? Reply to this email or text CHANGE to 3030.\n\nThe delivery team")
    return t.sample("delivery_slot_confirmation")


def cancellation_form_mail(c: Ctx) -> Sample:
    """A web-form notification: split phone fields (country code, number), names, address textarea."""
    p = c.person
    code, national = c.phone_parts()
    t = _lt().add(f"From: forms@telvia.eu\nSubject: [Cancel subscription] New submission #{c.digits(6)}\n\n")
    t.add(f"Salutation: {c.pick('Mr', 'Mrs', 'Ms', 'Mx', '-')}\nFirst name: ").pii(p.first_name, "PERSON")
    t.add("\nLast name: ").pii(p.last_name if c.rng.random() < 0.7 else p.last_name.upper(), "PERSON")
    t.add(f"\nCustomer number: {p.customer_id}\nAddress:\n").pii(
        c.address(sep="\n", style=c.pick("plain", "lower")), "ADDRESS"
    )
    t.add(f"\nPhone (country code): {code}\nPhone (number): ").pii(national, "PHONE_NUMBER")
    t.add("\nEmail: ").pii(c.email(), "EMAIL_ADDRESS")
    t.add(
        "\nReason: "
        + c.pick("Moving abroad", "Too expensive", "Bad coverage at home", "Switching provider")
        + "\n"
    )
    return t.add("Consent to be contacted: yes").sample("cancellation_form_mail")


def mailhouse_fixed_width(c: Ctx) -> Sample:
    """A print/mail-house job file: fixed-width upper-case name and address fields, padding outside spans."""
    t = _lt().add(f"HDR{c.digits(8)}TELVIA INVOICE RUN {c.noise.when():%Y%m%d}\n")
    for seq, p in enumerate((c.person, c.other), start=1):
        lines = [fold(line).upper() for line in p.address.lines]
        street = fold(street_line(p)).upper()
        t.add(f"D{seq:06d}{c.digits(10)} ")
        add_field(t, fold(p.full_name).upper(), "PERSON", 36)
        for line in lines[:4]:
            add_field(t, line, "ADDRESS" if line == street else None, 36)
        t.add(" " * 36 * (4 - min(4, len(lines))))
        t.add(f"{p.region}{c.pick('A4', 'C5')}{c.rng.randint(1, 9)}\n")
    return t.add(f"TRL{2:08d}").sample("mailhouse_fixed_width")


def cobol_record_dump(c: Ctx) -> Sample:
    """A mainframe record dumped with its copybook: PIC X name fields, street field, bare PAN."""
    p = c.person
    rows = [("CUST-ID", "9(10)", c.digits(10), None),
            ("CUST-SURNAME", "X(30)", fold(p.last_name).upper(), "PERSON"),
            ("CUST-GIVEN", "X(20)", fold(p.first_name).upper(), "PERSON"),
            ("CUST-STREET", "X(40)", c.street(upper=True), "ADDRESS"),
            ("CUST-PCODE", "X(8)", p.address.postcode, None),
            ("CUST-TOWN", "X(30)", fold(p.address.city).upper(), None),
            ("CUST-TEL", "X(15)", c.phone(style=c.pick("msisdn", "e164")), "PHONE_NUMBER")]  # fmt: skip
    if c.rng.random() < 0.6:
        rows.append(("CARD-PAN", "9(16)", p.card_number, "CREDIT_CARD"))
    else:
        rows.append(("CARD-LAST4", "9(4)", p.card_number[-4:], None))
    t = _lt().add(f"RECORD {c.rng.randint(1, 99999):05d} OF CUSTMAST.VSAM.KSDS\n 01 CUST-REC.\n")
    for field, pic, value, entity in rows:
        t.add(f"    05 {field:<14} PIC {pic:<6} : ")
        add_field(t, value, entity).add("\n")
    return t.add(f"    05 CUST-STATUS    PIC X      : {c.pick('A', 'S', 'C')}").sample("cobol_record_dump")


# -- negatives -----------------------------------------------------------------------------------------


def weather_report(c: Ctx) -> Sample:
    """A weather bulletin with stations and towns (some named after saints)."""
    t = _lt().add(f"METEO BULLETIN {c.noise.when():%d/%m/%Y %H:%M} UTC\n")
    for place in c.rng.sample(("Uccle", "Oostende", "Saint-Hubert", "De Bilt", "Sankt Augustin", "Valentia",
                                "Sint-Truiden", "Santiago de Compostela", "San Marino"), 4):  # fmt: skip
        t.add(
            f"{place}: {c.rng.randint(-3, 28)}°C, wind {c.pick('NW', 'SW', 'E')}"
            f" {c.rng.randint(5, 70)} km/h, "
        )
        t.add(f"{c.pick('showers', 'sunny spells', 'fog', 'overcast')}, {c.rng.randint(980, 1035)} hPa\n")
    return t.add("Warning code yellow for the coast from 14:00.").sample("weather_report")


def sports_results(c: Ctx) -> Sample:
    """League results: clubs and stadiums only."""
    clubs = ("Club Brugge", "Royal Antwerp FC", "KAA Gent", "Ajax", "PSV", "Feyenoord", "Real Betis",
             "Sporting CP", "Bohemians", "Shamrock Rovers", "Hertha BSC", "Stade Rennais")  # fmt: skip
    t = _lt().add(f"Matchday {c.rng.randint(1, 34)} — results\n")
    teams = c.rng.sample(clubs, 6)
    for home, away in zip(teams[::2], teams[1::2], strict=True):
        t.add(
            f"{home} {c.rng.randint(0, 4)}-{c.rng.randint(0, 4)} {away} (att. {c.rng.randint(5000, 50000)})\n"
        )
    return t.add(
        f"Next: {c.pick('Jan Breydelstadion', 'Philips Stadion', 'Tallaght Stadium')} {c.noise.when():%d/%m}"
    ).sample("sports_results")


def recipe_card(c: Ctx) -> Sample:
    """A recipe with dishes named after people and places."""
    dish = c.pick(
        "Beef Wellington", "Pêches Melba", "Eggs Benedict", "Waterzooi à la gantoise", "Sachertorte"
    )
    t = _lt().add(f"{dish}\nServes {c.rng.randint(2, 8)} · {c.rng.randint(20, 180)} min\n")
    for _ in range(3):
        t.add(
            f"- {c.rng.randint(1, 500)} g "
            f"{c.pick('butter', 'flour', 'leeks', 'cream', 'sugar', 'beef fillet')}\n"
        )
    return t.add(f"Bake at {c.rng.randint(160, 220)}°C (gas mark {c.rng.randint(3, 7)}).").sample(
        "recipe_card"
    )


def brand_catalogue(c: Ctx) -> Sample:
    """Product catalogue lines whose brands are surnames or full names of founders."""
    brands = (("Dyson", "V15 Detect"), ("Miele", "Complete C3"), ("Dr. Oetker", "Ristorante Pizza"),
              ("Paul Smith", "Signature Stripe Wallet"), ("Ted Baker", "Weekender Bag"),
              ("Ford", "Puma ST-Line"), ("Hugo Boss", "Bottled EDT 100ml"), ("Tommy Hilfiger", "Polo Slim"),
              ("Ben & Jerry's", "Cookie Dough"), ("Bosch", "Serie 6 Dishwasher"),
              ("Ferrero", "Rocher T30"))  # fmt: skip
    t = _lt().add("sku,brand,product,ean,price_eur,stock\n")
    for brand, product in c.rng.sample(brands, 4):
        t.add(
            f"{c.hexs(6).upper()},{brand},{product},54{c.digits(11)},"
            f"{c.rng.randint(3, 900)}.{c.digits(2)},{c.rng.randint(0, 400)}\n"
        )
    return t.sample("brand_catalogue")


def drug_formulary(c: Ctx) -> Sample:
    """A hospital formulary extract: substances, strengths, ATC codes."""
    drugs = (("paracetamol", "N02BE01"), ("metformin", "A10BA02"), ("amoxicillin/clavulanic acid", "J01CR02"),
             ("atorvastatin", "C10AA05"), ("levothyroxine sodium", "H03AA01"),
             ("salbutamol", "R03AC02"))  # fmt: skip
    t = _lt().add("ATC\tsubstance\tform\tstrength\treimbursement\n")
    for name, atc in c.rng.sample(drugs, 3):
        t.add(
            f"{atc}\t{name}\t{c.pick('tablet', 'capsule', 'inhaler')}\t{c.rng.randint(5, 1000)} mg"
            f"\t{c.pick('A', 'B', 'Cx')}\n"
        )
    return t.sample("drug_formulary")


def error_catalogue(c: Ctx) -> Sample:
    """An error-code catalogue of an API."""
    t = _lt().add("code | http | message\n")
    codes = (("E1001", 400, "msisdn format invalid"), ("E1002", 404, "subscriber not found"),
             ("E2040", 409, "porting already in progress"), ("E3100", 422, "postcode does not match town"),
             ("E5000", 500, "upstream HLR timeout"))  # fmt: skip
    for code, http, msg in c.rng.sample(codes, 3):
        t.add(f"{code} | {http} | {msg}\n")
    return t.add(f"generated {c.noise.version()}").sample("error_catalogue")


def systemd_unit(c: Ctx) -> Sample:
    """A systemd service unit with its timer."""
    svc = c.pick("crm-sync", "porting-poller", "invoice-render")
    t = _lt().add(
        f"[Unit]\nDescription={svc} worker\nAfter=network-online.target\n\n[Service]\nUser=svc-{svc}\n"
    )
    t.add(
        f"ExecStart=/opt/{svc}/bin/{svc} --config /etc/{svc}.toml\nRestart=on-failure\n"
        f"MemoryMax={c.rng.randint(1, 8)}G\n\n"
    )
    return t.add(
        f"[Timer]\nOnCalendar=*-*-* {c.rng.randint(0, 23):02d}:{c.rng.randint(0, 59):02d}:00"
    ).sample("systemd_unit")


def dns_zone_file(c: Ctx) -> Sample:
    """A DNS zone: SOA with its hostmaster name, MX, A and TXT records."""
    zone = c.pick("telvia.eu", "belcom.be", "noordnet.nl")
    t = _lt().add(
        f"$ORIGIN {zone}.\n$TTL 3600\n@ IN SOA ns1.{zone}. hostmaster.{zone}. "
        f"({c.noise.when():%Y%m%d}01 7200 900 1209600 300)\n"
    )
    t.add(f"@ IN MX 10 mx1.{zone}.\nwww IN A {c.noise.ipv4()}\napi IN AAAA {c.noise.ipv6()}\n")
    return t.add(f'@ IN TXT "v=spf1 include:_spf.{zone} -all"').sample("dns_zone_file")


def bgp_table(c: Ctx) -> Sample:
    """`show ip bgp` output: prefixes, next hops, AS paths."""
    t = _lt().add("   Network          Next Hop            Metric LocPrf Weight Path\n")
    for _ in range(3):
        t.add(
            f"*> {c.rng.randint(1, 223)}.{c.rng.randint(0, 255)}.0.0/{c.pick(16, 20, 24):<3}"
            f"            {c.noise.ipv4():<18}"
        )
        t.add(f"  0    100  0 {c.rng.randint(1000, 65000)} {c.rng.randint(1000, 65000)} i\n")
    return t.sample("bgp_table")


def gpx_track(c: Ctx) -> Sample:
    """A GPX track of a delivery van: points and times, no person."""
    t = _lt().add(
        f'<gpx version="1.1" creator="FleetTrack {c.noise.version()}">'
        f"<trk><name>VAN-{c.digits(3)}</name><trkseg>\n"
    )
    lat, lon = c.rng.uniform(45, 53), c.rng.uniform(0, 8)
    for _ in range(3):
        lat, lon = lat + c.rng.uniform(-0.01, 0.01), lon + c.rng.uniform(-0.01, 0.01)
        t.add(
            f'<trkpt lat="{lat:.6f}" lon="{lon:.6f}"><ele>{c.rng.randint(0, 300)}</ele>'
            f"<time>{c.noise.timestamp()}</time></trkpt>\n"
        )
    return t.add("</trkseg></trk></gpx>").sample("gpx_track")


def b2b_invoice(c: Ctx) -> Sample:
    """An invoice between two companies: names, VAT numbers, IBAN, towns, no person and no street."""
    companies = ("Brouwerij Haacht NV", "Logistiek Van Moer BV", "Imprimerie Centrale SA",
                 "Müller Kabeltechnik GmbH", "Telvia Europe SRL", "Dublin Print Works Ltd")  # fmt: skip
    seller, buyer = c.rng.sample(companies, 2)
    t = _lt().add(
        f"INVOICE {c.noise.order_id()}\nSeller: {seller}, VAT BE0{c.digits(9)}, "
        f"{c.pick('Boom', 'Gent', 'Liège')}\n"
    )
    t.add(f"Buyer: {buyer}, VAT NL{c.digits(9)}B01\nIBAN {iban_of('BE', c.digits(12))} BIC GEBABEBB\n")
    return t.add(f"Total {c.noise.amount()} excl. VAT, due in 30 days").sample("b2b_invoice")


POSITIVE_SHAPES: dict[str, Shape] = {
    f.__name__: f
    for f in (
        number_porting_xml, mt940_statement, chargeback_dispute_letter, sms_optout_log, hubspot_contacts_csv,
        loyalty_member_csv, crm_merge_audit, tracking_pixel_log, workspace_admin_audit, okta_system_log,
        teams_attendance_report, jira_markdown_thread, confluence_page_export, meeting_transcript_vtt,
        call_speech_to_text, legal_hold_notice, exif_metadata_dump, excel_cell_dump, field_service_sync_json,
        delivery_slot_confirmation, cancellation_form_mail, mailhouse_fixed_width, cobol_record_dump,
    )
}  # fmt: skip
NEGATIVE_SHAPES: dict[str, Shape] = {
    f.__name__: f
    for f in (
        weather_report, sports_results, recipe_card, brand_catalogue, drug_formulary, error_catalogue,
        systemd_unit, dns_zone_file, bgp_table, gpx_track, b2b_invoice,
    )
}  # fmt: skip
HELDOUT6_SHAPES: dict[str, Shape] = {**POSITIVE_SHAPES, **NEGATIVE_SHAPES}


def build_heldout6_corpus(lines: int = 2000, seed: int = 0) -> list[Sample]:
    """`lines` labelled samples, the same for the same seed; the first records cover every shape once."""
    rng = random.Random(seed * 17 + 6)
    population = build_population(seed, max(60, lines // 3))
    return cast_corpus(lines, rng, POSITIVE_SHAPES, NEGATIVE_SHAPES, population, Ctx, cast=3)
