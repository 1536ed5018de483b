"""The fourth held-out corpus: records from the payment, messaging, telephony, logistics and engineering
systems around a European telecom operator, in shapes none of the earlier corpora use, written without
looking at how detection works. Nobody tunes on it: `bench/corpora/heldout3.py` is now the development set,
and this corpus only ever prints the honest estimate.

    python -m bench.corpora heldout4 --lines 2000 --seed 0 [-o heldout4.jsonl] [--no-labels]

People: `PeopleGenerator` people of the nine regions (BE NL FR DE GB IE ES IT US, their own seed), of whom
about a quarter are renamed with names of Faker locales the generator does not use (Polish, Portuguese,
Brazilian, Turkish, Romanian, Czech, Slovak, Hungarian, Swedish, Danish, Finnish, Croatian, Slovene,
Lithuanian, Latvian, Irish-language; Latin script only, gendered surnames kept), as a European customer base
is; on top, some get two given names, a hyphenated double surname, a Spanish two-surname name or a surname
with a particle (van der, de la, von, Di, d', O', Mc). Their email addresses follow the new names, with
plus-tags, university and company subdomains and long TLDs (`.photography`, `.vlaanderen`).

Renderings of its own: phones with dots (`06.12.34.56.78`), slashes (`0475/12.34.56`), `(+32) 475 …`,
`00 32 …`, dashes, in `tel:` URIs and Redis keys, percent-encoded, with "ext."/"poste"/"Durchwahl" after them;
addresses on shipping labels in capitals with a country line, in one table cell, lower-case, with `bis`/`ter`/
`12A`/`12/A` house numbers, PO boxes (Postfach, BP … CEDEX, Postbus, Apdo., C.P.), ICS-escaped (`\\,`);
cards grouped 4-4-4-4 and 4-6-5, with dots, as JSON numbers, in fields named like tokens; names "Surname,
First", "Surname First", initials, ASCII-folded by legacy systems, capitals, spelled out letter by letter.

Labelling decisions (what a careful reviewer marks; spans are recorded while each text is built):
- PERSON: the name as written, courtesy titles outside the span. "Surname, First" and "Surname First" are one
  span; initials ("A.M. Peeters") count; a given name alone is labelled when it names a customer or an agent
  ("Bedankt, Ann!"). Names split by separate fields (`firstName='Ann', lastName='Peeters'`, `<GivenName>`)
  or by markup (`Ann <em>Peeters</em>`) are one span per part. Percent- or plus-encoded names (`Ann+Peeters`,
  `Ann%20Peeters`) and SQL-doubled apostrophes (`O''Brien`) are labelled as written. A name spelled letter by
  letter in a transcript ("P-E-E-T-E-R-S") is a PERSON. Agents, technicians and developers (git trailers,
  calendar organisers) are people and labelled. Usernames, `user@db` log prefixes and member ids are not.
- ADDRESS: a person's postal address from its first element (street line, house name or PO box) to its last
  (postcode, town, CEDEX, or the country when the country is written as part of the address block); the
  recipient's name above it is a separate PERSON span; "c/o", door codes and delivery instructions are not
  part of it. A PO box with its postcode and town is an ADDRESS. When a record splits the address into
  fields (Stripe `line1`/`city`, DHL `streetAddress`), only the street-and-number field is labelled: a
  postcode, a town or a country code alone is not an address. Escapes stay inside the span (`12\\, 9000`).
  Place names, districts and companies named after streets ("Rue du Commerce" the retailer, "Wall Street
  Journal", "Abbey Road Studios", "Kurfürstendamm" as a shopping district) are not addresses; business
  addresses of the operator and its suppliers do not occur.
- PHONE_NUMBER: the number as written, without `tel:`/`sip:`, the `@host` after it, or extension words and
  digits (" ext. 21", " poste 214", ", Durchwahl 12"); subscriber numbers without a plus (`32475123456`)
  and percent-encoded ones (`%2B32475123456`, labelled as written) included. OTP codes, IMEIs, IMSIs and
  version strings are not phones.
- EMAIL_ADDRESS: the address only (no `mailto:`, angle brackets or display name), with its plus-tag;
  percent-encoded in a URL or form body (`ann%40example.com`) the whole encoded address is the span, as
  written. GitHub noreply addresses are a person's address and labelled. `git@github.com` in an SSH URL
  and `user@database` log prefixes are not email addresses. The operator's own mailbox appears only under
  the reserved `.example` TLD (`privacy@op.example`) and is not labelled: whether a role mailbox is personal
  is a policy question, not a detection one. Every phone number is labelled, the operator's own included.
- CREDIT_CARD: a full, Luhn-valid PAN in any grouping (spaces, dashes, dots) or as a JSON number. Last-4
  fields, BIN fields, masked PANs, Adyen-encrypted card blobs, IBANs, IMEIs (Luhn-valid, 15 digits),
  GTINs and SSCCs are not cards.
- Negative shapes (about a fifth of the records) hold none of the five entities: Kubernetes events, CI logs,
  lock files, street-named businesses, warehouse inventory (GTIN/SSCC/IMEI), supplier payment runs
  (IBAN/BIC), parcel tracking events, device telemetry (MACs, coordinates, hashes), version strings that look
  like phone numbers, timestamps in many formats, on-call rotas with weekdays, months and job titles.
"""

from __future__ import annotations

import dataclasses
import random
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import quote, quote_plus

import phonenumbers
from phonenumbers import PhoneNumberFormat

from bench.corpora.base import LabelledText, Sample, cast_corpus
from bench.corpora.people import Names, renamed_population
from bench.corpora.values import Context, iban_of, sql_str, street_line
from flows.demo.synthetic_people import Person, luhn_check_digit, render_card

__all__ = ["HELDOUT4_SHAPES", "NEGATIVE_SHAPES", "build_heldout4_corpus"]

SEED_OFFSET = 40_093  # people differ from those of the other corpora at the same --seed

Shape = Callable[["Ctx"], Sample]

# -- people: a European customer base ---------------------------------------------------------------

# Faker locales that flows/demo/synthetic_people.py does not use (it uses nl_BE fr_BE nl_NL fr_FR de_DE en_GB
# en_IE es_ES it_IT en_US); Latin script only
EXTRA_LOCALES = (
    "pl_PL", "pt_PT", "pt_BR", "tr_TR", "ro_RO", "cs_CZ", "sk_SK", "hu_HU", "sv_SE", "da_DK", "fi_FI",
    "hr_HR", "sl_SI", "lt_LT", "lv_LV", "ga_IE",
)  # fmt: skip
EXTRA_LOCALE_SHARE = 0.25
PARTICLES = {
    "BE": ("Van", "De", "Vanden", "Van der", "Van den"), "NL": ("van", "van der", "de", "van den", "ter"),
    "DE": ("von", "von der", "zu"), "FR": ("de", "de la", "du"), "ES": ("de", "de la", "del"),
    "IT": ("De", "Di", "Lo", "Del"), "pt_PT": ("da", "dos", "de"), "pt_BR": ("da", "dos", "de"),
}  # fmt: skip
GAELIC = (
    "O'Brien", "O'Sullivan", "O'Reilly", "O'Dwyer", "O'Shea", "O'Leary", "McKenna", "McLaughlin", "McGowan",
    "McIntyre", "MacKenzie", "MacLeod", "McGrath", "O'Mahony",
)  # fmt: skip
ELIDED = ("d'Almeida", "d'Hondt", "d'Aubigny", "D'Amico", "D'Alessandro", "d'Ursel")
# This corpus keeps its own fold table, email writer and Faker seeding rather than those of
# bench/corpora/people.py and values.py (which the later corpora share): its people and texts were
# written with these, and sharing would change its gold.
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
                       "æ": "ae", "Æ": "AE", "œ": "oe", "þ": "th"})  # fmt: skip

FREEMAIL = {
    "BE": ("telenet.be", "skynet.be", "proximus.be", "gmail.com", "hotmail.com"),
    "NL": ("ziggo.nl", "kpnmail.nl", "xs4all.nl", "gmail.com", "outlook.com"),
    "FR": ("orange.fr", "free.fr", "laposte.net", "sfr.fr", "gmail.com"),
    "DE": ("web.de", "gmx.de", "t-online.de", "posteo.de", "gmail.com"),
    "GB": ("btinternet.com", "sky.com", "yahoo.co.uk", "gmail.com"),
    "IE": ("eircom.net", "gmail.com", "hotmail.com", "icloud.com"),
    "ES": ("telefonica.net", "yahoo.es", "gmail.com", "hotmail.es"),
    "IT": ("libero.it", "virgilio.it", "tiscali.it", "gmail.com"),
    "US": ("gmail.com", "yahoo.com", "comcast.net", "icloud.com"),
    "pl_PL": ("wp.pl", "onet.pl", "o2.pl"), "cs_CZ": ("seznam.cz", "centrum.cz"), "sk_SK": ("azet.sk",),
    "pt_PT": ("sapo.pt",), "pt_BR": ("uol.com.br", "bol.com.br"), "tr_TR": ("yandex.com.tr",),
    "ro_RO": ("yahoo.ro",), "hu_HU": ("freemail.hu", "citromail.hu"), "sv_SE": ("telia.com",),
    "da_DK": ("mail.dk",), "fi_FI": ("kolumbus.fi",), "hr_HR": ("net.hr",), "lt_LT": ("one.lt",),
}  # fmt: skip
SUBDOMAINS = (
    "student.kuleuven.be", "mail.uni-heidelberg.de", "etu.univ-lyon1.fr", "alumni.tudelft.nl",
    "staff.ucd.ie", "ext.ec.europa.eu", "eu.corp-mail.com", "studenti.unimi.it",
)  # fmt: skip
LONG_TLDS = ("photography", "consulting", "immobilien", "amsterdam", "brussels", "vlaanderen", "bayern",
             "cymru", "family", "online", "studio", "email")  # fmt: skip
PLUS_TAGS = ("telco", "facturen", "rechnung", "factures", "shop", "2026", "op")


def ascii_fold(text: str) -> str:
    """`text` as a legacy system stores it: diacritics dropped, ł/ø/ß spelled out."""
    return unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode()


def _word(text: str) -> str:
    return "".join(c for c in ascii_fold(text).lower() if c.isalnum() or c == "-")


def _email(rng: random.Random, first: str, last: str, region: str, locale: str) -> str:
    f, l_ = _word(first.split()[0]) or "info", _word(last.replace(" ", "")) or "mail"
    local = rng.choice(
        (f"{f}.{l_}", f"{f[0]}.{l_}", f"{l_}.{f}", f"{f}{l_}{rng.randint(60, 99)}", f"{f}_{l_}", f"{f}")
    )
    roll = rng.random()
    if roll < 0.12:
        domain = rng.choice(SUBDOMAINS)
    elif roll < 0.22:
        domain = f"{l_.replace('-', '')}.{rng.choice(LONG_TLDS)}"
        local = rng.choice((f, "hello", f"{f}.{l_}"))
    else:
        domain = rng.choice(FREEMAIL.get(locale, ()) + FREEMAIL[region])
    return f"{local}@{domain}"


class _Names(Names):
    """Seeded Fakers for the locales this corpus renames people with (seeded its own way)."""

    def locale_seed(self, locale: str) -> int:
        return self.seed * 7_001 + sum(map(ord, locale)) * 31


def _reworked(p: Person, rng: random.Random, names: Names) -> Person:
    """The person renamed as a European customer base is named, the email following the name."""
    locale, first, last = p.locale, p.first_name, p.last_name
    female = rng.random() < 0.5
    if rng.random() < EXTRA_LOCALE_SHARE:
        locale = rng.choice(EXTRA_LOCALES)
        first, last = names.given(locale, female), names.family(locale, female)
    if rng.random() < 0.12:  # two given names
        first, second = names.given(locale, female), names.given(locale, female)
        joiner = "-" if locale in ("fr_FR", "fr_BE", "de_DE") and rng.random() < 0.6 else " "
        first = f"{first}{joiner}{second}" if second != first else first
    roll = rng.random()
    if locale in ("es_ES", "pt_PT", "pt_BR") and roll < 0.5:  # two surnames, no hyphen
        last = f"{last} {names.family(locale, female)}"
    elif roll < 0.12:
        last = f"{last}-{names.family(locale, female)}"
    elif roll < 0.24 and " " not in last:
        key = locale if locale in PARTICLES else p.region
        if key in PARTICLES:
            last = f"{rng.choice(PARTICLES[key])} {last}"
        elif p.region in ("GB", "IE", "US"):
            last = rng.choice(GAELIC)
        elif p.region in ("FR", "BE", "IT"):
            last = rng.choice(ELIDED)
    email = _email(rng, first, last, p.region, locale)
    return dataclasses.replace(p, locale=locale, first_name=first, last_name=last, email=email)


def build_population(seed: int, count: int) -> list[Person]:
    """`count` people of this corpus: the generator's people, a quarter renamed from other locales."""
    return renamed_population(seed, count, SEED_OFFSET, 131, _reworked, _Names)


# -- renderings of personal values (this corpus's own) ---------------------------------------------

COUNTRIES = {
    "BE": ("Belgium", "Belgique", "België", "BELGIUM"), "NL": ("Netherlands", "Nederland", "The Netherlands"),
    "FR": ("France", "FRANCE"), "DE": ("Germany", "Deutschland"), "GB": ("United Kingdom", "UK"),
    "IE": ("Ireland", "Éire"), "ES": ("Spain", "España"), "IT": ("Italy", "Italia"),
    "US": ("USA", "United States"),
}  # fmt: skip
HOUSE_SUFFIX = {
    "FR": (" bis", " ter"), "BE": ("A", " bis", "B"), "IT": ("/A", "/B"), "DE": ("a", "-{next}"),
    "NL": ("-A", " B"), "ES": (" bis",), "GB": ("A", "B"), "IE": ("A",), "US": ("½", "B"),
}  # fmt: skip


def _po_box(rng: random.Random, p: Person) -> list[str]:
    a, n = p.address, rng.randint(1, 9999)
    box = {
        "DE": f"Postfach {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        "FR": f"BP {n}", "BE": f"Postbus {n}", "NL": f"Postbus {n}", "GB": f"PO Box {n}",
        "IE": f"PO Box {n}", "ES": f"Apdo. de Correos {n}", "IT": f"C.P. {n}", "US": f"P.O. Box {n}",
    }[a.region]  # fmt: skip
    if a.region == "FR":
        return [box, f"{a.postcode} {a.city.upper()} CEDEX"]
    if a.region in ("GB", "IE"):
        return [box, a.city, a.postcode]
    return [box, a.lines[-1]]


def address_lines(rng: random.Random, p: Person, style: str) -> list[str]:
    """The address as lines in one of this corpus's styles."""
    a = p.address
    if style == "po_box":
        return _po_box(rng, p)
    lines = list(a.lines)
    if style in ("number_suffix", "country_number"):
        suffix = rng.choice(HOUSE_SUFFIX[a.region]).replace("{next}", str(int(a.house_number) + 2))
        index = lines.index(street_line(p))
        lines[index] = re.sub(
            rf"(?<!\d){a.house_number}(?![\w/-])", a.house_number + suffix, lines[index], count=1
        )
    if style in ("country", "country_number"):
        lines.append(rng.choice(COUNTRIES[a.region]))
    if style == "upper":
        lines = [line.upper() for line in lines] + [COUNTRIES[a.region][0].upper()]
    if style == "lower":
        lines = [line.lower() for line in lines]
    return lines


class Ctx(Context):
    """What one record is built from: the seeded rng and noise, two people, and this corpus's renderings."""

    def name(self, p: Person | None = None, style: str | None = None) -> str:
        p = p or self.person
        style = (
            style
            or self.rng.choices(
                ("full", "surname_first", "comma", "initials", "ascii", "upper"), weights=(6, 1, 2, 1, 1, 1)
            )[0]
        )
        initials = "".join(f"{g[0]}." for g in re.split(r"[ -]", p.first_name) if g)
        return {
            "full": p.full_name,
            "surname_first": f"{p.last_name} {p.first_name}",
            "comma": f"{p.last_name}, {p.first_name}",
            "initials": f"{initials} {p.last_name}",
            "ascii": ascii_fold(p.full_name),
            "upper": p.full_name.upper(),
        }[style]

    def phone(self, p: Person | None = None, which: str = "mobile", style: str | None = None) -> str:
        number = phonenumbers.parse(getattr(p or self.person, which))
        region = phonenumbers.region_code_for_number(number)
        intl = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
        national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        groups = national.replace("(", " ").replace(")", " ").replace("-", " ").split()
        code, rest = intl.split(" ", 1)
        style = style or self.pick(
            "dots", "slash", "paren_cc", "spaced_00", "dashes", "trunk", "e164", "intl"
        )
        if style == "slash" and region in ("BE", "DE", "AT"):
            return f"{groups[0]}/{('.' if region == 'BE' else '').join(groups[1:])}"
        if style in ("dots", "slash"):
            return ".".join(groups)
        if style == "paren_cc":
            return f"({code}) {rest}"
        if style == "spaced_00":
            return f"00 {code[1:]} {rest}"
        if style == "dashes":
            return f"{code}-{rest.replace(' ', '-')}"
        if style == "trunk" and region in ("BE", "NL", "FR", "DE", "GB", "IE"):
            return f"{code} (0){rest}"
        if style == "e164":
            return phonenumbers.format_number(number, PhoneNumberFormat.E164)
        return intl

    def e164(self, p: Person | None = None, which: str = "mobile") -> str:
        return getattr(p or self.person, which)

    def msisdn(self, p: Person | None = None) -> str:
        return (p or self.person).mobile.lstrip("+")

    def extension(self) -> str:
        n = self.rng.randint(10, 399)
        return self.pick(f" ext. {n}", f" poste {n}", f", Durchwahl {n}", f" x{n}")

    def email(self, p: Person | None = None, style: str | None = None) -> str:
        p = p or self.person
        local, domain = p.email.split("@", 1)
        style = style or self.rng.choices(("plain", "plus", "capitalized"), weights=(6, 3, 1))[0]
        if style == "plus" and "+" not in local:
            return f"{local}+{self.pick(*PLUS_TAGS)}@{domain}"
        if style == "capitalized":
            return ".".join(w.capitalize() for w in local.split(".")) + "@" + domain
        return p.email

    def card(self, p: Person | None = None, style: str | None = None) -> str:
        number = (p or self.person).card_number
        style = style or self.pick("spaced", "spaced", "plain", "dashed", "dots")
        if style == "dots":
            return render_card(number, "spaced").replace(" ", ".")
        return render_card(number, style)

    def address(self, p: Person | None = None, sep: str = ", ", style: str | None = None) -> str:
        style = (
            style
            or self.rng.choices(
                ("plain", "number_suffix", "country", "country_number", "lower", "po_box"),
                weights=(5, 2, 3, 1, 1, 1),
            )[0]
        )
        return sep.join(address_lines(self.rng, p or self.person, style))

    def label_address(self, p: Person | None = None) -> str:
        """Shipping-label block: capitals, one part a line, the country last."""
        return "\n".join(address_lines(self.rng, p or self.person, "upper"))


def _quoted(value: str) -> tuple[str, str]:
    """Python repr quoting: the quote character and the value as repr writes it (no escapes needed)."""
    return ('"', value) if "'" in value else ("'", value)


def _lt() -> LabelledText:
    return LabelledText()


# -- telephony ------------------------------------------------------------------------------------


def kamailio_acc_log(c: Ctx) -> Sample:
    """A Kamailio accounting syslog line: `;`-separated attributes, users without a plus, a display name."""
    t = _lt().add(f"{c.noise.when():%b %d %H:%M:%S} sbc-{c.rng.randint(1, 4)} /usr/sbin/kamailio[")
    t.add(f"{c.rng.randint(1000, 40000)}]: ACC: {c.pick('transaction answered', 'call missed')}: ")
    t.add(f"timestamp={c.rng.randint(1_772_000_000, 1_778_000_000)};method=INVITE;from_tag={c.hexs(8)};")
    t.add(f"to_tag=;call_id={c.hexs(16)}@{c.noise.ipv4()};code={c.pick(200, 486, 487, 408)};")
    t.add("reason=OK;src_user=").pii(c.msisdn(), "PHONE_NUMBER").add(";src_domain=ims.op.example;dst_ouser=")
    t.pii(c.e164(c.other, "landline"), "PHONE_NUMBER").add(";dst_user=")
    t.pii(c.phone(c.other, "landline", "spaced_00").replace(" ", ""), "PHONE_NUMBER")
    t.add(f';src_ip={c.noise.ipv4()};src_display="').pii(c.name(style="comma"), "PERSON").add('"')
    return t.sample("kamailio_acc_log")


def asterisk_master_csv(c: Ctx) -> Sample:
    """An Asterisk Master.csv row: every field quoted, the CLID field with doubled quotes inside."""
    src = c.phone(style="dots") if c.rng.random() < 0.3 else c.msisdn()
    w = c.noise.when()
    t = _lt().add('"' + c.pick("", "1001", "acct-77") + '","').pii(src, "PHONE_NUMBER").add('","')
    t.pii(c.e164(c.other, "landline"), "PHONE_NUMBER").add('","from-trunk","""')
    t.pii(c.name(style=c.pick("full", "upper", "ascii")), "PERSON").add('"" <').pii(src, "PHONE_NUMBER")
    t.add(f'>","PJSIP/trunk-{c.hexs(8)}","PJSIP/1{c.rng.randint(100, 999)}-{c.hexs(8)}","Dial",')
    t.add(f'"PJSIP/1{c.rng.randint(100, 999)},30,tT","{w:%Y-%m-%d %H:%M:%S}","{w:%Y-%m-%d %H:%M:%S}",')
    t.add(f'"{w:%Y-%m-%d %H:%M:%S}","{c.rng.randint(1, 900)}","{c.rng.randint(0, 880)}",')
    t.add(f'"{c.pick("ANSWERED", "NO ANSWER", "BUSY")}","DOCUMENTATION","{w.timestamp():.1f}",""')
    return t.sample("asterisk_master_csv")


def freeswitch_xml_cdr(c: Ctx) -> Sample:
    """A FreeSWITCH XML CDR: plain values in the caller profile, percent-encoded ones in <variables>."""
    name = c.name(style=c.pick("full", "ascii"))
    t = _lt().add(f'<?xml version="1.0"?>\n<cdr core-uuid="{c.noise.uuid()}">\n  <variables>\n')
    t.add("    <effective_caller_id_name>").pii(quote(name), "PERSON").add("</effective_caller_id_name>\n")
    t.add("    <effective_caller_id_number>").pii(quote(c.e164()), "PHONE_NUMBER")
    t.add(f"</effective_caller_id_number>\n    <billsec>{c.rng.randint(0, 2000)}</billsec>\n")
    t.add(f"    <hangup_cause>{c.pick('NORMAL_CLEARING', 'USER_BUSY', 'NO_ANSWER')}</hangup_cause>\n")
    t.add("  </variables>\n  <callflow>\n    <caller_profile>\n      <caller_id_name>").pii(name, "PERSON")
    t.add("</caller_id_name>\n      <caller_id_number>").pii(c.e164(), "PHONE_NUMBER")
    t.add("</caller_id_number>\n      <destination_number>").pii(c.msisdn(c.other), "PHONE_NUMBER")
    t.add(f"</destination_number>\n      <network_addr>{c.noise.ipv4()}</network_addr>\n")
    t.add("    </caller_profile>\n  </callflow>\n</cdr>")
    return t.sample("freeswitch_xml_cdr")


def voicemail_transcript(c: Ctx) -> Sample:
    """Speech-to-text of a voicemail: lower-case name, the surname spelled out, the number read out."""
    p = c.person
    t = _lt().add("Voicemail from ").pii(c.e164(), "PHONE_NUMBER")
    t.add(f" to mailbox 8{c.rng.randint(100, 999)} ({c.noise.duration()}), transcription confidence ")
    t.add(f'0.{c.rng.randint(55, 97)}:\n"hi um this is ').pii(p.full_name.lower(), "PERSON")
    spelled = ascii_fold(p.last_name)
    if spelled.isalpha() and len(spelled) <= 12:
        t.add(" that's ").pii("-".join(spelled.upper()), "PERSON")
    t.add(" i'm calling about the the bill for my mother's line um you can call me back on ")
    t.pii(c.phone(style=c.pick("dots", "intl", "e164", "paren_cc")), "PHONE_NUMBER")
    t.add(c.pick(' after six thanks bye"', ' or or email me thank you"'))
    return t.sample("voicemail_transcript")


# -- mail and messaging ----------------------------------------------------------------------------


def postfix_maillog(c: Ctx) -> Sample:
    """Postfix log lines of one queue id: a relayed and a bounced delivery with the recipient addresses."""
    qid = c.hexs(10).upper()
    host = f"mx{c.rng.randint(1, 3)}"
    w = c.noise.when()
    t = _lt().add(f"{w:%b %d %H:%M:%S} {host} postfix/cleanup[{c.rng.randint(900, 30000)}]: {qid}: ")
    t.add(f"message-id=<{c.noise.uuid()}@mail.op.example>\n{w:%b %d %H:%M:%S} {host} postfix/smtp[")
    t.add(f"{c.rng.randint(900, 30000)}]: {qid}: to=<").pii(c.email(style="plus"), "EMAIL_ADDRESS")
    t.add(">, orig_to=<").pii(c.email(style="plain"), "EMAIL_ADDRESS")
    t.add(f">, relay=mx.{c.pick('ziggo.nl', 'telenet.be', 'gmx.net')}[{c.noise.ipv4()}]:25, ")
    t.add(f"delay={c.rng.randint(0, 9)}.{c.rng.randint(1, 99)}, dsn=2.0.0, status=sent (250 OK)\n")
    t.add(f"{w:%b %d %H:%M:%S} {host} postfix/smtp[{c.rng.randint(900, 30000)}]: {qid}: to=<")
    bounced = c.email(c.other)
    t.pii(bounced, "EMAIL_ADDRESS").add(">, dsn=5.1.1, status=bounced (host said: 550 5.1.1 <")
    t.pii(bounced, "EMAIL_ADDRESS").add(
        ">: Recipient address rejected: User unknown in virtual mailbox table)"
    )
    return t.sample("postfix_maillog")


_SAR = {
    "fr": ("Demande d'accès à mes données personnelles (art. 15 RGPD)", "Madame, Monsieur,\n\n"
           "Conformément à l'article 15 du RGPD, je vous demande une copie de toutes les données me "
           "concernant. Mon numéro client est {cid}. Mon adresse : ", ". Vous pouvez me joindre au ",
           "Cordialement,"),
    "nl": ("Inzageverzoek AVG", "Geachte heer/mevrouw,\n\nOp grond van artikel 15 AVG verzoek ik om "
           "inzage in alle persoonsgegevens die u van mij verwerkt (klantnummer {cid}). Mijn adres: ",
           ". Bereikbaar op ", "Met vriendelijke groet,"),
    "de": ("Auskunftsersuchen nach Art. 15 DSGVO", "Sehr geehrte Damen und Herren,\n\nich bitte um "
           "Auskunft über die zu meiner Person gespeicherten Daten (Kundennummer {cid}). Meine Anschrift "
           "lautet: ", ". Telefonisch erreichen Sie mich unter ", "Mit freundlichen Grüßen"),
    "es": ("Solicitud de acceso (art. 15 RGPD)", "Estimados señores:\n\nEjerzo mi derecho de acceso a mis "
           "datos personales (cliente {cid}). Mi domicilio: ", ". Mi teléfono: ", "Atentamente,"),
    "it": ("Richiesta di accesso ai dati (art. 15 GDPR)", "Spettabile società,\n\ncon la presente chiedo "
           "l'accesso ai miei dati personali (codice cliente {cid}). Il mio indirizzo: ",
           ". Potete contattarmi al ", "Distinti saluti,"),
}  # fmt: skip


def gdpr_access_request(c: Ctx) -> Sample:
    """A data-subject access request mail in FR/NL/DE/ES/IT, `From: "Surname, First" <address>`."""
    subject, body, phone_intro, closing = _SAR[c.pick(*_SAR)]
    p = c.person
    t = _lt().add('From: "').pii(f"{p.last_name}, {p.first_name}", "PERSON").add('" <')
    t.pii(c.email(), "EMAIL_ADDRESS").add(f">\nTo: privacy@op.example\nSubject: {subject}\n")
    t.add(f"Date: {c.noise.when():%a, %d %b %Y %H:%M:%S +0100}\n\n")
    t.add(body.format(cid=p.customer_id)).pii(c.address(), "ADDRESS").add(phone_intro)
    t.pii(c.phone(which=c.pick("mobile", "landline")), "PHONE_NUMBER")
    t.add(f".\n\n{closing}\n").pii(c.name(style=c.pick("full", "initials")), "PERSON")
    return t.sample("gdpr_access_request")


def email_signature_block(c: Ctx) -> Sample:
    """A customer's mail signature pasted into a ticket: title, company, T/M/E lines, a mailto link."""
    email = c.email(style="plain")
    t = _lt().add(c.pick("Thanks in advance.", "Merci d'avance.", "Alvast bedankt.", "Vielen Dank."))
    t.add("\n\n-- \n").pii(c.name(style=c.pick("full", "full", "initials")), "PERSON").add("\n")
    t.add(c.pick("Procurement Manager", "Office Manager", "Zaakvoerder", "Geschäftsführerin", "Architecte"))
    t.add(f" | {c.pick('Acme NV', 'Bakkerij Lemmens', 'Studio Nord SARL', 'Haus & Hof GmbH')}\nT ")
    t.pii(c.phone(which="landline", style=c.pick("trunk", "slash", "dots")), "PHONE_NUMBER")
    t.add(c.extension()).add(" | M ").pii(c.phone(style=c.pick("trunk", "intl", "dots")), "PHONE_NUMBER")
    t.add("\n").pii(c.address(style=c.pick("plain", "country", "number_suffix")), "ADDRESS")
    t.add("\n[mailto:").pii(email, "EMAIL_ADDRESS").add("] ").pii(email, "EMAIL_ADDRESS")
    return t.sample("email_signature_block")


def teams_message_json(c: Ctx) -> Sample:
    """A Microsoft Graph chatMessage: the sender's display name, an HTML body with tel: and mailto: links."""
    number = c.phone(style=c.pick("dots", "slash", "intl"))
    t = _lt().add(f'{{"id":"{c.rng.randint(10**12, 10**13)}","createdDateTime":"{c.noise.timestamp()}",')
    t.add(f'"from":{{"user":{{"id":"{c.noise.uuid()}","displayName":"')
    t.pii(c.name(c.other, style=c.pick("comma", "full")), "PERSON")
    t.add('","userIdentityType":"aadUser"}},"body":{"contentType":"html","content":"<p>')
    t.add(c.pick("Klant ", "Client ", "Customer ")).pii(c.person.full_name, "PERSON")
    t.add(c.pick(" belt terug op ", " rappelle au ", " calls back on ")).add('<a href=\\"tel:')
    t.pii(c.e164(), "PHONE_NUMBER").add('\\">').pii(number, "PHONE_NUMBER").add("</a>, ")
    t.add(c.pick("mail naar ", "mail à ", "mail to ")).add('<a href=\\"mailto:')
    t.pii(c.email(), "EMAIL_ADDRESS").add('\\">mail</a></p>"},"importance":"normal"}')
    return t.sample("teams_message_json")


def twilio_sms_webhook(c: Ctx) -> Sample:
    """An inbound-SMS webhook body as the app logs it: form-encoded, `+` for spaces, `%2B` for the plus."""
    p = c.person
    body = c.pick("Hi this is {name}, my new email is {email}", "Bonjour, ici {name}. Mon mail: {email}",
                  "Hallo, {name} hier, neue Mail {email}")  # fmt: skip
    before, rest = body.split("{name}")
    middle, after = rest.split("{email}")
    t = _lt().add(f"{c.noise.timestamp()} INFO webhook POST /sms/inbound body=ToCountry=BE&SmsSid=SM")
    t.add(f"{c.hexs(32)}&NumMedia=0&From=").pii(quote_plus(c.e164()), "PHONE_NUMBER").add("&To=")
    t.pii(f"%2B32460{c.digits(6)}", "PHONE_NUMBER").add(f"&FromCountry={p.region}&Body=").add(
        quote_plus(before)
    )
    t.pii(quote_plus(p.full_name), "PERSON").add(quote_plus(middle))
    t.pii(quote_plus(c.email()), "EMAIL_ADDRESS").add(quote_plus(after)).add("&ApiVersion=2010-04-01")
    return t.sample("twilio_sms_webhook")


def ics_invite(c: Ctx) -> Sample:
    """A calendar invitation for a technician visit: ATTENDEE/ORGANIZER with CN, an escaped LOCATION."""
    w = c.noise.when()
    tech = c.other
    t = _lt().add("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n")
    t.add(f"UID:{c.noise.uuid()}\r\nDTSTART;TZID=Europe/Brussels:{w:%Y%m%dT%H}0000\r\n")
    t.add(f"SUMMARY:Installation fibre – {c.person.customer_id}\r\nLOCATION:")
    t.pii(c.address(style=c.pick("plain", "number_suffix")).replace(",", "\\,"), "ADDRESS")
    t.add("\r\nORGANIZER;CN=").pii(tech.full_name, "PERSON").add(":mailto:").pii(
        c.email(tech), "EMAIL_ADDRESS"
    )
    t.add('\r\nATTENDEE;CN="').pii(c.name(style="comma"), "PERSON")
    t.add('";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:').pii(c.email(), "EMAIL_ADDRESS")
    t.add("\r\nDESCRIPTION:Contact sur place : ").pii(c.phone(), "PHONE_NUMBER")
    t.add("\\nApporter ONT + jarretière\r\nEND:VEVENT\r\nEND:VCALENDAR")
    return t.sample("ics_invite")


# -- payments ---------------------------------------------------------------------------------------


def stripe_charge_event(c: Ctx) -> Sample:
    """A Stripe `charge.succeeded` event: billing_details with the address split into fields, last4 only."""
    p = c.person
    a = p.address
    t = _lt().add(f'{{"id":"evt_{c.hexs(24)}","type":"charge.succeeded","data":{{"object":{{"id":"ch_')
    t.add(f'{c.hexs(24)}","amount":{c.rng.randint(500, 99999)},"currency":"eur","billing_details":')
    t.add('{"address":{"city":"' + a.city + f'","country":"{a.region}","line1":"')
    t.pii(street_line(p), "ADDRESS").add(f'","line2":null,"postal_code":"{a.postcode}","state":null}},')
    t.add('"email":"').pii(c.email(), "EMAIL_ADDRESS").add('","name":"').pii(c.name(), "PERSON")
    t.add('","phone":"').pii(c.e164(), "PHONE_NUMBER").add('"},"payment_method_details":{"card":{')
    t.add(f'"brand":"visa","last4":"{p.card_number[-4:]}","exp_month":{c.rng.randint(1, 12)},')
    t.add(f'"exp_year":{c.rng.randint(2027, 2032)},"fingerprint":"{c.hexs(16)}"}}}},"receipt_email":"')
    t.pii(c.email(style="plain"), "EMAIL_ADDRESS").add('"}}}')
    return t.sample("stripe_charge_event")


def adyen_payment_request(c: Ctx) -> Sample:
    """A logged Adyen /payments request: a full PAN (string, JSON number, or in a token-named field) or an
    encrypted card blob, shopperName split into parts."""
    p = c.person
    t = _lt().add(f"{c.noise.timestamp()} DEBUG AdyenClient POST /v71/payments ")
    t.add(f'{{"amount":{{"currency":"EUR","value":{c.rng.randint(100, 99999)}}},')
    t.add(f'"reference":"{c.noise.order_id()}","paymentMethod":{{"type":"scheme",')
    form = c.rng.randrange(4)
    if form == 0:
        t.add('"number":"').pii(c.card(style="plain"), "CREDIT_CARD").add('",')
    elif form == 1:
        t.add('"number":').pii(p.card_number, "CREDIT_CARD").add(",")
    elif form == 2:
        t.add('"storedPaymentMethodToken":"').pii(c.card(style="plain"), "CREDIT_CARD").add('",')
    else:
        t.add(f'"encryptedCardNumber":"adyenjs_0_1_25${c.hexs(40)}",')
    t.add(f'"expiryMonth":"{c.rng.randint(1, 12):02d}","expiryYear":"20{c.rng.randint(27, 32)}",')
    t.add('"holderName":"').pii(c.name(style=c.pick("upper", "full", "ascii")), "PERSON").add('"},')
    t.add('"shopperEmail":"').pii(c.email(), "EMAIL_ADDRESS").add('","telephoneNumber":"')
    t.pii(c.phone(style=c.pick("e164", "intl", "spaced_00")), "PHONE_NUMBER").add('","shopperName":{')
    t.add('"firstName":"').pii(p.first_name, "PERSON").add('","lastName":"').pii(p.last_name, "PERSON")
    t.add(f'"}},"shopperIP":"{c.noise.ipv4()}"}}')
    return t.sample("adyen_payment_request")


def mollie_payment_json(c: Ctx) -> Sample:
    """A Mollie payment resource: iDEAL/Bancontact consumer name and IBAN, or card holder with last four."""
    p = c.person
    t = _lt().add(f'{{"resource":"payment","id":"tr_{c.hexs(10)}","mode":"live","amount":{{"value":"')
    t.add(f'{c.rng.randint(5, 400)}.{c.rng.randint(0, 99):02d}","currency":"EUR"}},')
    if c.rng.random() < 0.5:
        t.add(f'"method":"{c.pick("ideal", "bancontact")}","details":{{"consumerName":"')
        t.pii(c.name(style=c.pick("initials", "upper", "full")), "PERSON")
        t.add(
            f'","consumerAccount":"NL{c.rng.randint(10, 99)}INGB0{c.digits(9)}","consumerBic":"INGBNL2A"}},'
        )
    else:
        t.add('"method":"creditcard","details":{"cardHolder":"').pii(c.name(style="full"), "PERSON")
        t.add(f'","cardNumber":"{p.card_number[-4:]}","cardLabel":"Mastercard","cardCountryCode":"')
        t.add(f'{p.region}","cardSecurity":"3dsecure"}},')
    t.add('"billingEmail":"').pii(c.email(), "EMAIL_ADDRESS").add('","metadata":{"order_id":"')
    t.add(f'{c.noise.order_id()}","callback_phone":"').pii(c.phone(style="e164"), "PHONE_NUMBER").add('"}}')
    return t.sample("mollie_payment_json")


def sepa_mandate_text(c: Ctx) -> Sample:
    """A SEPA direct-debit mandate as text: debtor name and address, IBAN and BIC (not cards), signature."""
    t = _lt().add("SEPA DIRECT DEBIT MANDATE / MANDAT DE PRÉLÈVEMENT SEPA\nCreditor: Operator SA  ")
    t.add(f"Creditor ID: BE{c.rng.randint(10, 99)}ZZZ0{c.digits(9)}\nMandate ref.: MNDT-{c.digits(10)}\n")
    t.add("Debtor name / Nom du débiteur: ").pii(c.name(style=c.pick("full", "upper", "comma")), "PERSON")
    t.add("\nDebtor address / Adresse: ").pii(c.address(style=c.pick("country", "plain", "upper")), "ADDRESS")
    t.add(f"\nIBAN: BE{c.rng.randint(10, 99)} {c.digits(4)} {c.digits(4)} {c.digits(4)}   BIC: GKCCBEBB\n")
    t.add(f"Type: recurrent   Signed at {c.person.address.city} on {c.noise.when():%d/%m/%Y} by ")
    t.pii(c.person.full_name, "PERSON")
    return t.sample("sepa_mandate_text")


# -- logistics ---------------------------------------------------------------------------------------


def courier_label_ocr(c: Ctx) -> Sample:
    """OCR text of a parcel label: carrier block, routing code, receiver in capitals with the country."""
    carrier = c.pick("DHL PARCEL", "PostNL", "bpost", "DPD CLASSIC", "GLS")
    t = _lt().add(
        f"{carrier}\nFROM: OPERATOR LOGISTICS HUB {c.pick('BRU', 'AMS', 'CGN')}-{c.rng.randint(1, 9)}\n"
    )
    t.add(
        f"ROUTING {c.rng.randint(10, 99)} {c.digits(4)} {c.person.region} {c.rng.randint(1, 99):02d}\nTO:\n"
    )
    t.pii(c.name(style="upper"), "PERSON").add("\n").pii(c.label_address(), "ADDRESS")
    t.add("\nTEL ").pii(c.phone(style=c.pick("dots", "slash", "e164", "spaced_00")), "PHONE_NUMBER")
    t.add(f"\n{c.rng.uniform(0.2, 19):.1f} KG   1/1   3S{c.hexs(4).upper()}{c.digits(9)}")
    return t.sample("courier_label_ocr")


def dhl_tracking_json(c: Ctx) -> Sample:
    """A DHL-style tracking response: destination split into fields, proof-of-delivery signer, notices."""
    p = c.person
    a = p.address
    t = _lt().add(f'{{"shipments":[{{"id":"JJD{c.digits(18)}","service":"parcel-de","destination":')
    t.add('{"address":{"addressLocality":"' + a.city + f'","countryCode":"{a.region}","postalCode":"')
    t.add(a.postcode + '","streetAddress":"').pii(street_line(p), "ADDRESS").add(
        '"}},"status":{"statusCode":'
    )
    t.add(f'"delivered","timestamp":"{c.noise.timestamp()}","description":"Delivered to neighbour"}},')
    t.add('"details":{"proofOfDelivery":{"signed":{"name":"').pii(c.name(c.other, "initials"), "PERSON")
    t.add('"}},"notification":{"sms":"').pii(c.e164(), "PHONE_NUMBER").add('","email":"')
    t.pii(c.email(), "EMAIL_ADDRESS").add(
        f'"}},"weight":{{"value":{c.rng.uniform(0.1, 30):.2f},"unitText":"kg"}}}}}}]}}'
    )
    return t.sample("dhl_tracking_json")


_RETURN_FORMS = {
    "nl": ("RETOURFORMULIER", "Naam", "Ophaaladres", "Telefoon", "E-mail", "Reden: toestel defect",
           "Handtekening"),
    "fr": ("FORMULAIRE DE RETOUR", "Nom", "Adresse d'enlèvement", "Téléphone", "Courriel",
           "Motif : appareil défectueux", "Signature"),
    "de": ("RÜCKSENDEFORMULAR", "Name", "Abholadresse", "Telefon", "E-Mail", "Grund: Gerät defekt",
           "Unterschrift"),
    "es": ("FORMULARIO DE DEVOLUCIÓN", "Nombre", "Dirección de recogida", "Teléfono", "Correo",
           "Motivo: terminal averiado", "Firma"),
}  # fmt: skip


def returns_form(c: Ctx) -> Sample:
    """A filled-in returns form: label: value lines, and an IMEI and a refund IBAN that are not entities."""
    title, name, address, phone, mail, reason, sign = _RETURN_FORMS[c.pick(*_RETURN_FORMS)]
    imei = "35" + c.digits(12)
    t = _lt().add(f"{title}\nOrder/Bestelling: {c.noise.order_id()}\n{name}: ").pii(c.name(), "PERSON")
    t.add(f"\n{address}: ").pii(
        c.address(style=c.pick("country", "number_suffix", "plain", "lower")), "ADDRESS"
    )
    t.add(f"\n{phone}: ").pii(c.phone(), "PHONE_NUMBER").add(f"\n{mail}: ").pii(c.email(), "EMAIL_ADDRESS")
    t.add(f"\n{reason} (IMEI {imei}{luhn_check_digit(imei)})\nIBAN: ")
    country = c.pick("BE", "FR", "DE")
    t.add(iban_of(country, c.digits({"BE": 12, "FR": 23, "DE": 18}[country]))).add(f"\n{sign}: ")
    t.pii(c.person.full_name, "PERSON")
    return t.sample("returns_form")


def courier_driver_notes(c: Ctx) -> Sample:
    """A driver's hand-typed delivery exception: address in lower case, neighbour's name after a title."""
    t = _lt().add(
        f"[{c.noise.when():%d/%m %H:%M}] drv {c.rng.randint(100, 999)} tour {c.rng.randint(1, 60)}: "
    )
    t.add(c.pick("nobody home at ", "niemand thuis ", "personne au ")).pii(
        c.address(style="lower"), "ADDRESS"
    )
    t.add(c.pick(", left w/ neighbour Mrs ", ", afgegeven bij buren dhr. ", ", déposé chez Mme "))
    t.pii(c.other.last_name, "PERSON").add(" (next door), signed ").pii(c.name(c.other, "initials"), "PERSON")
    t.add(". cust rang from ").pii(c.phone(style=c.pick("dots", "slash", "e164")), "PHONE_NUMBER")
    t.add(c.pick(" - angry", ", wants redelivery sat", ", ok"))
    return t.sample("courier_driver_notes")


_ORDER_MAIL = {
    "nl": ("Bedankt voor je bestelling, ", "Leveradres", "Factuuradres", "Betaald met Visa eindigend op"),
    "fr": ("Merci pour votre commande, ", "Adresse de livraison", "Adresse de facturation",
           "Payé par carte se terminant par"),
    "de": ("Danke für Ihre Bestellung, ", "Lieferadresse", "Rechnungsadresse",
           "Bezahlt mit Karte endend auf"),
    "en": ("Thanks for your order, ", "Delivery address", "Billing address", "Paid with card ending"),
}  # fmt: skip


def order_confirmation_mail(c: Ctx) -> Sample:
    """A shop's order confirmation: first name in the greeting, two recipient blocks, a last-four card."""
    hello, deliver, bill, paid = _ORDER_MAIL[c.pick(*_ORDER_MAIL)]
    p, o = c.person, c.other
    t = _lt().add(hello).pii(p.first_name, "PERSON").add(f"!\nOrder {c.noise.order_id()}\n\n{deliver}:\n")
    t.pii(p.full_name, "PERSON").add("\n").pii(
        c.address(sep="\n", style=c.pick("plain", "country")), "ADDRESS"
    )
    t.add(f"\n\n{bill}:\n").pii(o.full_name, "PERSON").add("\n")
    t.pii(c.address(o, "\n", c.pick("plain", "po_box", "country_number")), "ADDRESS")
    t.add(f"\n\n{paid} {p.card_number[-4:]} — {c.noise.amount()}")
    return t.sample("order_confirmation_mail")


# -- engineering logs ---------------------------------------------------------------------------------


def nginx_json_access(c: Ctx) -> Sample:
    """An nginx access log in JSON: query strings with percent-encoded email or phone, a mailto referer."""
    t = _lt().add(f'{{"time":"{c.noise.timestamp()}","remote_addr":"{c.noise.ipv4()}","request":"GET ')
    if c.rng.random() < 0.6:
        t.add("/api/v1/newsletter/unsubscribe?email=").pii(quote(c.email(), safe=""), "EMAIL_ADDRESS")
        t.add(f"&campaign=spring{c.rng.randint(24, 26)}&t={c.hexs(20)}")
    else:
        t.add("/selfcare/v2/lines/lookup?msisdn=").pii(quote(c.e164(), safe=""), "PHONE_NUMBER")
        t.add("&lang=" + c.pick("nl", "fr", "de"))
    t.add(f' HTTP/2.0","status":{c.pick(200, 302, 400)},"body_bytes_sent":{c.rng.randint(0, 9000)},')
    t.add(f'"request_time":0.{c.rng.randint(1, 999):03d},"http_referer":"')
    if c.rng.random() < 0.5:
        t.add("mailto:").pii(c.email(style="plain"), "EMAIL_ADDRESS")
    else:
        t.add("https://mail.google.com/")
    t.add('","http_user_agent":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)"}')
    return t.sample("nginx_json_access")


def java_tostring_dump(c: Ctx) -> Sample:
    """A DEBUG line with an entity's toString(): IntelliJ style with quotes or Lombok style without."""
    p = c.person
    q = "'" if c.rng.random() < 0.5 else ""
    sep = "{" if q else "("
    end = "}" if q else ")"
    t = _lt().add(f"{c.noise.timestamp()} DEBUG [http-nio-8080-exec-{c.rng.randint(1, 20)}] ")
    t.add(f"c.o.crm.CustomerService - saving Customer{sep}id={c.rng.randint(1, 10**6)}, firstName={q}")
    t.pii(p.first_name, "PERSON").add(f"{q}, lastName={q}").pii(p.last_name, "PERSON")
    t.add(f"{q}, email={q}").pii(c.email(), "EMAIL_ADDRESS").add(f"{q}, phone={q}")
    t.pii(c.phone(), "PHONE_NUMBER").add(f"{q}, billingAddress=Address{sep}line1={q}")
    t.pii(street_line(p), "ADDRESS").add(
        f"{q}, postcode={q}{p.address.postcode}{q}, country={q}{p.region}{q}"
    )
    t.add(f"{end}, card=CardInfo{sep}pan={q}").pii(c.card(style="plain"), "CREDIT_CARD")
    t.add(f"{q}, expiry={q}{c.rng.randint(1, 12):02d}/{c.rng.randint(27, 32)}{q}{end}, active=true{end}")
    return t.sample("java_tostring_dump")


def python_traceback_locals(c: Ctx) -> Sample:
    """A Python traceback followed by the frame's locals, a dict repr holding the contact."""
    p = c.person
    t = _lt().add('Traceback (most recent call last):\n  File "/app/crm/sync.py", line ')
    t.add(f"{c.rng.randint(40, 400)}, in push_contact\n    resp.raise_for_status()\n  File ")
    t.add('"/app/.venv/lib/python3.12/site-packages/httpx/_models.py", line 761, in raise_for_status\n')
    t.add("httpx.HTTPStatusError: Client error '422 Unprocessable Entity' for url ")
    t.add("'https://crm.internal/api/contacts'\nLocals: payload = {'id': '" + p.customer_id + "', 'name': ")
    for key, value, entity in (
        ("name", c.name(), "PERSON"),
        ("email", c.email(), "EMAIL_ADDRESS"),
        ("phone", c.phone(), "PHONE_NUMBER"),
        ("address", c.address(style=c.pick("plain", "country")), "ADDRESS"),
        *([("card", c.card(), "CREDIT_CARD")] if c.rng.random() < 0.35 else []),
    ):
        if key != "name":
            t.add(f", '{key}': ")
        quote_char, written = _quoted(value)
        t.add(quote_char).pii(written, entity).add(quote_char)
    t.add(f", 'opt_in': {c.pick('True', 'False')}}}")
    return t.sample("python_traceback_locals")


def kafka_connect_dlq(c: Ctx) -> Sample:
    """A Kafka Connect error and the dead-letter record it produced, the value an escaped JSON string."""
    p = c.person
    t = _lt().add(f"[{c.noise.when():%Y-%m-%d %H:%M:%S,%f}"[:-3] + "] ERROR WorkerSinkTask{id=crm-es-sink-")
    t.add(f"{c.rng.randint(0, 5)}}} Error encountered in task. Executing stage 'VALUE_CONVERTER' where ")
    t.add(f"consumed record is {{topic='crm.contacts', partition={c.rng.randint(0, 11)}, offset=")
    t.add(f"{c.rng.randint(10**4, 10**7)}}}\ndlq.crm.contacts key={p.customer_id} headers={{__connect.errors")
    t.add('.exception.class.name=org.apache.kafka.connect.errors.DataException} value="{\\"fullName\\":\\"')
    t.pii(c.name(style=c.pick("full", "upper")), "PERSON").add('\\",\\"mobile\\":\\"').pii(
        c.phone(), "PHONE_NUMBER"
    )
    t.add('\\",\\"email\\":\\"').pii(c.email(), "EMAIL_ADDRESS").add('\\",\\"installAddress\\":\\"')
    t.pii(c.address(style=c.pick("plain", "number_suffix")), "ADDRESS").add('\\",\\"dob\\":1987-')
    t.add(f'{c.rng.randint(1, 12):02d}"')
    return t.sample("kafka_connect_dlq")


def postgres_error_log(c: Ctx) -> Sample:
    """PostgreSQL log lines: a unique violation with its DETAIL and STATEMENT, or a slow query's literals."""
    p = c.person
    prefix = (
        f"{c.noise.when():%Y-%m-%d %H:%M:%S}.{c.rng.randint(0, 999):03d} CET [{c.rng.randint(1000, 60000)}] "
    )
    prefix += "crm_app@crm "
    email = c.email(style="plain")
    t = _lt()
    if c.rng.random() < 0.5:
        t.add(prefix + 'ERROR:  duplicate key value violates unique constraint "contacts_email_key"\n')
        t.add(prefix + "DETAIL:  Key (lower(email::text))=(").pii(email.lower(), "EMAIL_ADDRESS")
        t.add(") already exists.\n" + prefix + "STATEMENT:  INSERT INTO contacts (full_name, email, phone, ")
        t.add("street) VALUES ('").pii(sql_str(p.full_name), "PERSON").add("', '").pii(email, "EMAIL_ADDRESS")
        t.add("', '").pii(c.phone(), "PHONE_NUMBER").add("', '").pii(sql_str(street_line(p)), "ADDRESS").add(
            "')"
        )
    else:
        t.add(prefix + f"LOG:  duration: {c.rng.randint(1000, 9000)}.{c.rng.randint(0, 999):03d} ms  ")
        t.add("statement: SELECT s.id FROM subscribers s WHERE s.msisdn = '").pii(c.msisdn(), "PHONE_NUMBER")
        t.add("' OR s.card_pan = '").pii(p.card_number, "CREDIT_CARD").add("' OR lower(s.last_name) = '")
        t.pii(sql_str(p.last_name.lower()), "PERSON").add("'")
    return t.sample("postgres_error_log")


def elasticsearch_hit(c: Ctx) -> Sample:
    """A search response hit: the _source document and a highlight with <em> tags inside the name."""
    p = c.person
    t = _lt().add(f'{{"took":{c.rng.randint(1, 90)},"hits":{{"total":{{"value":{c.rng.randint(1, 9)}}},')
    t.add(f'"hits":[{{"_index":"crm-contacts-v{c.rng.randint(3, 9)}","_id":"{p.customer_id}","_score":')
    t.add(f'{c.rng.uniform(1, 12):.4f},"_source":{{"customer_name":"').pii(p.full_name, "PERSON")
    t.add('","contact":{"email":"').pii(c.email(), "EMAIL_ADDRESS").add('","mobile":"').pii(
        c.phone(), "PHONE_NUMBER"
    )
    t.add('"},"address":"').pii(c.address(style=c.pick("plain", "country")), "ADDRESS")
    t.add('"},"highlight":{"customer_name":["').pii(p.first_name, "PERSON").add(" <em>").pii(
        p.last_name, "PERSON"
    )
    t.add('</em>"]}}]}}')
    return t.sample("elasticsearch_hit")


def soap_provisioning_request(c: Ctx) -> Sample:
    """A SOAP provisioning request with namespaced elements for the subscriber."""
    p = c.person
    t = _lt().add('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ')
    t.add('xmlns:prov="urn:op:provisioning:v2"><soapenv:Header><prov:TransactionId>')
    t.add(f"{c.noise.uuid()}</prov:TransactionId></soapenv:Header><soapenv:Body><prov:CreateSubscriber>")
    t.add("<prov:MSISDN>").pii(c.msisdn(), "PHONE_NUMBER").add("</prov:MSISDN><prov:GivenName>")
    t.pii(p.first_name, "PERSON").add("</prov:GivenName><prov:FamilyName>").pii(p.last_name, "PERSON")
    t.add("</prov:FamilyName><prov:ContactEmail>").pii(c.email(), "EMAIL_ADDRESS")
    t.add("</prov:ContactEmail><prov:InstallAddress>").pii(c.address(), "ADDRESS")
    t.add(f"</prov:InstallAddress><prov:Tariff>{c.pick('FIBRE_1000', 'MOB_UNL_5G')}</prov:Tariff>")
    t.add("</prov:CreateSubscriber></soapenv:Body></soapenv:Envelope>")
    return t.sample("soap_provisioning_request")


def redis_monitor(c: Ctx) -> Sample:
    """`redis-cli MONITOR` output: HSET of a customer hash and an OTP key named after the phone number."""
    stamp = f"{c.rng.randint(1_772_000_000, 1_778_000_000)}.{c.digits(6)}"
    conn = f"[0 {c.noise.ipv4()}:{c.rng.randint(30000, 60000)}]"
    t = _lt().add(f'{stamp} {conn} "HSET" "cust:{c.person.customer_id}" "name" "').pii(c.name(), "PERSON")
    t.add('" "email" "').pii(c.email(), "EMAIL_ADDRESS").add('" "msisdn" "').pii(c.msisdn(), "PHONE_NUMBER")
    t.add(f'"\n{stamp} {conn} "SETEX" "otp:').pii(c.e164(), "PHONE_NUMBER")
    t.add(f'" "300" "{c.digits(6)}"\n{stamp} {conn} "EXPIRE" "cust:{c.person.customer_id}" "86400"')
    return t.sample("redis_monitor")


def sentry_event(c: Ctx) -> Sample:
    """A Sentry event from the web shop: user context, a prefilled phone in the URL, input breadcrumbs."""
    p = c.person
    t = _lt().add(f'{{"event_id":"{c.hexs(32)}","level":"error","platform":"javascript","user":{{"id":"')
    t.add(p.customer_id + '","email":"').pii(c.email(), "EMAIL_ADDRESS").add(
        f'","ip_address":"{c.noise.ipv4()}"}},'
    )
    t.add('"request":{"url":"https://shop.op.example/checkout?step=2&prefill_phone=')
    t.pii(quote(c.e164(), safe=""), "PHONE_NUMBER").add('"},"breadcrumbs":{"values":[{"category":"ui.input",')
    t.add('"message":"input[name=\\"fullName\\"] = ').pii(c.name(), "PERSON").add(
        '"},{"category":"ui.input",'
    )
    t.add('"message":"input[name=\\"street\\"] = ').pii(street_line(p), "ADDRESS")
    if c.rng.random() < 0.4:  # a card field the SDK's scrubber did not know
        t.add('"},{"category":"ui.input","message":"input[name=\\"cc-number\\"] = ')
        t.pii(c.card(style=c.pick("spaced", "plain")), "CREDIT_CARD")
    t.add('"}]},"exception":{"values":[{"type":"TypeError","value":"Cannot read properties of undefined ')
    t.add("(reading 'postalCode')\"}]}}")
    return t.sample("sentry_event")


def git_commit_trailers(c: Ctx) -> Sample:
    """`git log` of a fix: author, Signed-off-by, Co-authored-by (a GitHub noreply address), Reported-by."""
    dev, other = c.person, c.other
    gh = f"{c.rng.randint(10**5, 10**8)}+{_word(other.first_name.split()[0])}{c.rng.randint(1, 99)}"
    t = _lt().add(f"commit {c.hexs(40)}\nAuthor: ").pii(dev.full_name, "PERSON").add(" <")
    work = c.email(dev, "plain")
    t.pii(work, "EMAIL_ADDRESS").add(f">\nDate:   {c.noise.when():%a %b %d %H:%M:%S %Y +0100}\n\n")
    t.add(f"    fix(billing): round VAT per line, not per invoice (#{c.rng.randint(100, 9999)})\n\n")
    t.add("    Signed-off-by: ").pii(dev.full_name, "PERSON").add(" <").pii(work, "EMAIL_ADDRESS").add(">\n")
    t.add("    Co-authored-by: ").pii(ascii_fold(other.full_name), "PERSON").add(" <")
    t.pii(f"{gh}@users.noreply.github.com", "EMAIL_ADDRESS").add(">\n    Reported-by: ")
    t.pii(c.name(other, "initials"), "PERSON")
    return t.sample("git_commit_trailers")


def markdown_escalation_table(c: Ctx) -> Sample:
    """A wiki page's Markdown table of escalated customers, one CSV-like cell per value."""
    t = _lt().add(
        f"## Escalations week {c.rng.randint(1, 52)}\n\n| Customer | Phone | Email | Address | Status |\n"
    )
    t.add("|---|---|---|---|---|\n")
    for p in (c.person, c.other):
        t.add("| ").pii(c.name(p), "PERSON").add(" | ").pii(c.phone(p), "PHONE_NUMBER").add(" | ")
        t.pii(c.email(p), "EMAIL_ADDRESS").add(" | ").pii(c.address(p), "ADDRESS")
        t.add(f" | {c.pick('open', 'waiting on L2', 'closed')} |\n")
    return t.sample("markdown_escalation_table")


def callcentre_qa_notes(c: Ctx) -> Sample:
    """A QA evaluator's notes on a call, switching between Dutch, French and English."""
    t = _lt().add(f"QA {c.noise.when():%Y-%m-%d} | agent: ").pii(c.other.full_name, "PERSON")
    t.add(f" | score {c.rng.randint(40, 100)}/100\n- klant ").pii(c.name(), "PERSON")
    t.add(" correct geïdentificeerd (DOB + postcode)\n- nouvelle adresse confirmée : ")
    t.pii(c.address(style=c.pick("plain", "number_suffix", "country")), "ADDRESS")
    t.add("\n- agent n'a pas lu le disclaimer RGPD ✗\n- callback promised on ")
    t.pii(c.phone(which=c.pick("mobile", "landline")), "PHONE_NUMBER")
    t.add(f" before {c.pick('Friday', 'vrijdag', 'vendredi')}\n- coaching: ").pii(
        c.other.first_name, "PERSON"
    )
    t.add(c.pick(" to use the hold script", " moet minder 'euh' zeggen"))
    return t.sample("callcentre_qa_notes")


# -- negative shapes -----------------------------------------------------------------------------------


def k8s_events(c: Ctx) -> Sample:
    """`kubectl get events` output: pod names with hashes, image tags, durations."""
    pod = f"crm-sync-{c.hexs(9)}-{c.hexs(5)}"
    t = _lt().add("LAST SEEN   TYPE      REASON              OBJECT                           MESSAGE\n")
    t.add(f"{c.rng.randint(1, 59)}s         Warning   BackOff             pod/{pod}   Back-off restarting ")
    t.add(f"failed container crm-sync in pod {pod}_billing({c.noise.uuid()})\n")
    t.add(f"{c.rng.randint(1, 9)}m{c.rng.randint(0, 59)}s       Normal    Pulled              pod/notify-")
    t.add(f'{c.hexs(5)}   Successfully pulled image "registry.example/notify:{c.noise.version()}" in ')
    t.add(f"{c.rng.uniform(0.5, 9):.3f}s\n{c.rng.randint(10, 59)}m         Normal    ScalingReplicaSet   ")
    t.add(f"deployment/rating   Scaled up replica set rating-{c.hexs(10)} to {c.rng.randint(2, 12)}")
    return t.sample("k8s_events")


def ci_build_log(c: Ctx) -> Sample:
    """A GitHub Actions job log: timestamps with 7-digit fractions, test counts, coverage."""
    w = c.noise.when()
    stamp = f"{w:%Y-%m-%dT%H:%M:%S}.{c.digits(7)}Z"
    t = _lt().add(f"{stamp} ##[group]Run actions/checkout@v4\n{stamp} Syncing repository: op/crm-sync\n")
    t.add(f"{stamp} added {c.rng.randint(300, 2000)} packages, and audited {c.rng.randint(300, 2000)} ")
    t.add(f"packages in {c.rng.randint(5, 90)}s\n{stamp} PASS src/phone/normalise.test.ts ")
    passed = c.rng.randint(100, 4000)
    t.add(f"({c.rng.uniform(0.5, 9):.2f} s)\n{stamp} Tests:       {passed} passed, ")
    t.add(f"{passed + c.rng.randint(0, 40)} total\n{stamp} All files | {c.rng.uniform(60, 99):.2f} | ")
    t.add(f"{c.rng.uniform(50, 99):.2f} |\n{stamp} ##[endgroup]\n{stamp} Job 'build (3.12, ubuntu-24.04)' ")
    t.add(f"completed in {c.rng.randint(1, 30)}m {c.rng.randint(0, 59)}s, run {c.rng.randint(10**9, 10**10)}")
    return t.sample("ci_build_log")


def lockfile_lines(c: Ctx) -> Sample:
    """Lock-file entries: npm integrity hashes, go.sum lines, a git+ssh dependency (git@github.com)."""
    t = _lt().add('"node_modules/libphonenumber-js": {\n  "version": "1.')
    t.add(f'{c.rng.randint(9, 12)}.{c.rng.randint(0, 60)}",\n  "resolved": "https://registry.npmjs.org/')
    t.add(f'libphonenumber-js/-/libphonenumber-js-1.11.{c.rng.randint(0, 20)}.tgz",\n  "integrity": "sha512-')
    t.add(f'{c.hexs(86)}=="\n}},\n"node_modules/email-validator": {{ "version": "2.0.4" }},\n')
    t.add(f'"node_modules/ui-kit": {{ "resolved": "git+ssh://git@github.com/op/ui-kit.git#{c.hexs(40)}" }}\n')
    t.add(
        f"github.com/nyaruka/phonenumbers v1.{c.rng.randint(0, 6)}.{c.rng.randint(0, 9)} h1:{c.hexs(43)}=\n"
    )
    t.add(f'[[package]]\nname = "card-validator"\nversion = "{c.rng.randint(1, 9)}.{c.rng.randint(0, 9)}.0"')
    return t.sample("lockfile_lines")


STREET_BUSINESSES = (
    "Rue du Commerce SAS", "Wall Street Journal Europe", "Abbey Road Studios", "Kurfürstendamm Residenz GmbH",
    "Via Veneto Trattoria", "Grafton Street Books Ltd", "Gran Vía Hostels SL", "Coolsingel Partners B.V.",
    "Avenue Louise Dental", "Carnaby Street Records", "Champs-Élysées Optique", "Meir Fashion BVBA",
    "Kalverstraat Retail NV", "Baker Street Dental", "Königsallee Capital AG", "Oxford Street Lettings",
)  # fmt: skip


def street_named_businesses(c: Ctx) -> Sample:
    """Vendor-master lines of companies named after streets: no house number, no person, not an address."""
    rows = c.rng.sample(STREET_BUSINESSES, 3)
    t = _lt().add("vendor_id;vendor_name;vat;terms;spend_ytd\n")
    for row in rows:
        t.add(f"V{c.digits(6)};{row};{c.pick('FR', 'DE', 'NL', 'BE')}{c.digits(10)};NET{c.pick(30, 45, 60)};")
        t.add(f"{c.rng.randint(100, 99999)},{c.rng.randint(0, 99):02d}\n")
    t.add(f"-- {len(rows)} rows, exported {c.noise.timestamp()}")
    return t.sample("street_named_businesses")


def _gs1(c: Ctx, length: int) -> str:
    """A GS1 number (GTIN-14, SSCC-18) with its mod-10 check digit (weights 3-1 from the right)."""
    body = [int(d) for d in c.digits(length - 1)]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


def warehouse_inventory(c: Ctx) -> Sample:
    """A stock listing: GTIN-14, SSCC-18, Luhn-valid IMEIs, SKUs and bin locations."""
    t = _lt().add("bin;sku;gtin;sscc;imei;qty\n")
    for _ in range(c.rng.randint(2, 4)):
        imei = "35" + c.digits(12)
        t.add(f"{c.pick('A', 'B', 'C')}-{c.rng.randint(1, 40):02d}-{c.rng.randint(1, 9):02d};")
        t.add(
            f"{c.pick('SM', 'AP', 'FP', 'XI')}-{c.rng.randint(100, 999)}-{c.hexs(4).upper()};{_gs1(c, 14)};"
        )
        t.add(f"{_gs1(c, 18)};{imei}{luhn_check_digit(imei)};{c.rng.randint(1, 400)}\n")
    return t.sample("warehouse_inventory")


def supplier_payment_run(c: Ctx) -> Sample:
    """A SEPA credit-transfer batch to suppliers: company names, valid IBANs, BICs, end-to-end ids."""
    suppliers = (("KPN B.V.", "NL", "ABNA0" + c.digits(9), "ABNANL2A"),
                 ("Proximus SA", "BE", c.digits(12), "GKCCBEBB"),
                 ("Deutsche Glasfaser GmbH", "DE", c.digits(18), "DEUTDEFFXXX"),
                 ("Orange SA", "FR", c.digits(23), "BNPAFRPP"))  # fmt: skip
    t = _lt().add(f"PAYMENT RUN {c.noise.when():%Y-%m-%d} BATCH-{c.digits(8)} (pain.001.001.09)\n")
    for name, country, bban, bic in c.rng.sample(suppliers, 3):
        t.add(f"{name:<26} {iban_of(country, bban)} {bic:<11} E2E-{c.hexs(12).upper()} ")
        t.add(f"{c.rng.randint(100, 250000)}.{c.rng.randint(0, 99):02d} EUR\n")
    t.add(f"Control sum checked, {c.rng.randint(3, 300)} transactions")
    return t.sample("supplier_payment_run")


def parcel_tracking_events(c: Ctx) -> Sample:
    """Carrier tracking events: tracking numbers of several carriers, depots, scan times."""
    ups = f"1Z{c.hexs(6).upper()}{c.digits(10)}"
    t = _lt().add(f"{ups} | {c.noise.when():%d.%m.%Y %H:%M} | Hub {c.pick('Leipzig', 'Köln', 'Liège')} | ")
    t.add(f"Arrived at sort facility\n3S{c.hexs(4).upper()}{c.digits(9)} | {c.noise.timestamp()} | Depot ")
    t.add(f"{c.pick('Mechelen', 'Nieuwegein', 'Roissy')} | Out for delivery\nCX{c.digits(9)}DE | ")
    t.add(
        f"{c.noise.when():%Y%m%d%H%M%S} | Exchange office {c.pick('FRA', 'BRU', 'AMS')} | Customs cleared\n"
    )
    t.add(f"{c.digits(24)} | {c.noise.when():%m/%d/%Y %I:%M %p} | Pick-up point {c.rng.randint(100, 999)}")
    t.add(" | Ready for collection")
    return t.sample("parcel_tracking_events")


def device_telemetry(c: Ctx) -> Sample:
    """CPE/handset telemetry: MAC addresses, coordinates, RSSI, serials and firmware hashes."""
    mac = ":".join(c.hexs(2) for _ in range(6))
    t = _lt().add(
        f"{c.noise.timestamp()} telemetry cpe_mac={mac} bssid={'-'.join(c.hexs(2) for _ in range(6))}"
    )
    t.add(f" lat={c.rng.uniform(43, 55):.6f} lon={c.rng.uniform(-8, 15):.6f} rssi=-{c.rng.randint(30, 95)}")
    t.add(f" snr={c.rng.uniform(5, 40):.1f} serial={c.pick('HWTC', 'ZTEG', 'SCOM')}{c.hexs(8).upper()}")
    t.add(f" fw_sha256={c.hexs(64)} uptime={c.rng.randint(10**3, 10**7)} temp_c={c.rng.randint(30, 80)}")
    return t.sample("device_telemetry")


def release_versions(c: Ctx) -> Sample:
    """Version strings that look like phone numbers or dates: firmware, builds, browsers, OS builds."""
    t = _lt().add(f"fleet inventory {c.noise.when():%Y-%m-%d}: router fw V3.0.0.4.{c.rng.randint(380, 390)}_")
    t.add(
        f"{c.digits(5)}; ont fw {c.rng.randint(1, 9)}.{c.digits(2)}.{c.digits(2)}.{c.digits(2)}.{c.digits(2)}"
    )
    t.add(f"; android build UP1A.{c.digits(6)}.{c.digits(3)}; windows 10.0.{c.rng.randint(19000, 26100)}.")
    t.add(f"{c.rng.randint(1000, 5000)}; chrome {c.rng.randint(110, 130)}.0.{c.rng.randint(5000, 6999)}.")
    t.add(f"{c.rng.randint(10, 200)}; ios {c.rng.randint(15, 18)}.{c.rng.randint(0, 6)} ")
    t.add(f"({c.rng.randint(19, 22)}")
    t.add(f"{c.pick('A', 'E', 'F')}{c.rng.randint(100, 400)}); cisco ios 15.2({c.rng.randint(1, 7)})E")
    t.add(f"{c.rng.randint(1, 12)}; build {c.rng.randint(2024, 2026)}.{c.rng.randint(1, 12):02d}.")
    t.add(f"{c.rng.randint(1, 28):02d}.{c.digits(4)}")
    return t.sample("release_versions")


def timestamp_zoo(c: Ctx) -> Sample:
    """One event's time in the many formats systems write it: epoch, RFC 2822, ISO week, local languages."""
    w = c.noise.when()
    months_fr = ("janvier", "février", "mars", "avril", "mai", "juin")
    months_de = ("Januar", "Februar", "März", "April", "Mai", "Juni")
    t = _lt().add(f"ts_epoch={int(w.timestamp())} ts_ms={int(w.timestamp() * 1000)} ")
    t.add(f"rfc2822='{w:%a, %d %b %Y %H:%M:%S +0000}' iso_week={w:%G-W%V-%u} basic={w:%Y%m%dT%H%M%SZ} ")
    t.add(f"fr='{w.day} {months_fr[w.month - 1]} {w.year} à {w:%Hh%M}' de='{w.day}. {months_de[w.month - 1]}")
    t.add(
        f" {w.year}, {w:%H:%M} Uhr' us='{w:%m/%d/%Y %I:%M:%S %p}' excel={(w.timestamp() / 86400 + 25569):.5f}"
    )
    return t.sample("timestamp_zoo")


def oncall_rota(c: Ctx) -> Sample:
    """An on-call rota: weekdays, months, holidays and job titles, capitalised, with no names in them."""
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    roles = ("Head of Billing Operations", "Senior Network Engineer (L3)", "Chief Privacy Officer",
             "Duty Manager", "Service Desk Lead", "Principal SRE", "Customer Care Team Lead")  # fmt: skip
    t = _lt().add(f"ROTA week {c.rng.randint(1, 52)} ({c.pick('March', 'April', 'May', 'June')})\n")
    for day in c.rng.sample(days, 3):
        t.add(f"{day}: primary = {c.pick(*roles)}, secondary = {c.pick(*roles)}, ")
        t.add(f"bridge {c.rng.randint(1, 9)}\n")
    t.add(f"Change freeze: Friday {c.rng.randint(1, 28)} {c.pick('May', 'June', 'August')} to Monday; ")
    t.add(f"Patch Tuesday, Whit Monday and Black Friday staffing per {c.pick('April', 'Q2', 'Easter')}")
    t.add(" runbook v" + f"{c.rng.randint(1, 9)}.{c.rng.randint(0, 9)}")
    return t.sample("oncall_rota")


POSITIVE_SHAPES: dict[str, Shape] = {
    f.__name__: f
    for f in (
        kamailio_acc_log, asterisk_master_csv, freeswitch_xml_cdr, voicemail_transcript, postfix_maillog,
        gdpr_access_request, email_signature_block, teams_message_json, twilio_sms_webhook, ics_invite,
        stripe_charge_event, adyen_payment_request, mollie_payment_json, sepa_mandate_text, courier_label_ocr,
        dhl_tracking_json, returns_form, courier_driver_notes, order_confirmation_mail, nginx_json_access,
        java_tostring_dump, python_traceback_locals, kafka_connect_dlq, postgres_error_log,
        elasticsearch_hit, soap_provisioning_request, redis_monitor, sentry_event, git_commit_trailers,
        markdown_escalation_table, callcentre_qa_notes,
    )
}  # fmt: skip
NEGATIVE_SHAPES: dict[str, Shape] = {
    f.__name__: f
    for f in (
        k8s_events, ci_build_log, lockfile_lines, street_named_businesses, warehouse_inventory,
        supplier_payment_run, parcel_tracking_events, device_telemetry, release_versions, timestamp_zoo,
        oncall_rota,
    )
}  # fmt: skip
HELDOUT4_SHAPES: dict[str, Shape] = {**POSITIVE_SHAPES, **NEGATIVE_SHAPES}


def build_heldout4_corpus(lines: int = 2000, seed: int = 0) -> list[Sample]:
    """`lines` labelled samples, the same for the same seed; the first records cover every shape once."""
    rng = random.Random(seed * 11 + 4)
    population = build_population(seed, max(60, lines // 3))
    return cast_corpus(lines, rng, POSITIVE_SHAPES, NEGATIVE_SHAPES, population, Ctx, cast=2)
