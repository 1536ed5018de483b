"""A held-out labelled detection corpus: shapes and phrasings detection was never tuned on.

`bench/corpora/tuned.py` is the corpus piivault's recognizers were tuned against, so its figures overstate how
detection generalises. This corpus is written to be held out: it was built without reading the
recognizers or their tests, in the shapes real telecom logs, CRM exports and support mail take (CSV with
`;`/tab separators and quoted fields, YAML, INI, logfmt, RFC 5424 syslog, Apache combined logs, SIP and
SMTP headers, vCards, SQL dumps, URL-encoded form posts, email threads with quoted replies, ticket
comments, chat transcripts) and with names, phones, emails, cards and addresses written in ways the tuned
corpus does not use. Do not tune detection against it; when it is tuned against, it stops being held out.

As in the tuned corpus, labels are recorded while the text is built (`LabelledText.pii`), never found by
searching afterwards. Labelling decisions, for values that could be read either way:
- A percent-encoded value (`ann.lee%40example.com`, `%2B32475123456`, `Ann+Lee` in a form body) is labelled
  in its encoded form: it is the same personal value, and a detector that leaves it leaks it.
- A URI scheme is not part of the value: in `tel:+32-2-555-12-34`, `mailto:ann@example.com?subject=x` and
  `sip:+3225551234@host` only the number or address is labelled.
- An RFC 2047 encoded display name (`=?UTF-8?Q?Ren=C3=A9_M=C3=BCller?=`) is labelled whole, as a PERSON.
- A phone extension (` ext. 12`, ` x123`) is part of the phone span, as in the tuned corpus.
- "LAST, First" and "Last First" are one PERSON span; first and last names in separate columns (CSV, SQL)
  are two PERSON spans; "c/o Ann Lee" labels the name as PERSON and the rest as ADDRESS (not "c/o ").
- Company contact points (`support@proximo.eu`, a `0800 12 345` service line) are labelled as what they
  are, an email address and a phone number, as the tuned corpus labels its support address.
- A first name on its own (a signature after "Regards,", a chat greeting) is a PERSON span.
- Identifiers derived from a name are not labelled: a host `ann-lee-laptop`, a pod, a mailbox-less login.
  They are not one of the five entities as written, so a PERSON finding there counts as false.
- Non-target values (IBANs, IMEIs, IMSIs, ICCIDs, MAC addresses, SIP Call-IDs, tracking numbers, git SHAs)
  are unlabelled: a finding on them is false only when typed as one of the five entities, which is the
  only kind of finding the scoring counts.
- A PO box with its postcode and town is an ADDRESS, as is a vCard `ADR` value (its `;` separators included).

    python -m bench.corpora heldout --lines 2000 --seed 0 -o heldout.jsonl
"""

from __future__ import annotations

import dataclasses
import random
import unicodedata
from collections.abc import Callable
from urllib.parse import quote, quote_plus

import phonenumbers
from phonenumbers import PhoneNumberFormat

from bench.corpora.base import LabelledText, Sample, weighted_corpus
from bench.corpora.noise import ORGANISATIONS, Noise
from bench.corpora.values import iban_of
from flows.demo.synthetic_people import PeopleGenerator, Person, luhn_check_digit

__all__ = ["HELDOUT_SHAPES", "NEGATIVE_SHAPES", "build_heldout_corpus"]

# The people of this corpus come from a different seed stream than the tuned corpus's.
PEOPLE_SEED_OFFSET = 7_919_000

# Surnames with particles, apostrophes, hyphens and prefixes as each region writes them.
PARTICLE_SURNAMES = {
    "BE": ("Van de Velde", "De Smet", "Vanden Berghe", "Van Damme", "de Lannoy", "Le Jeune"),
    "NL": ("van der Linden", "de Vries", "van den Bosch", "ter Horst", "van 't Hek", "in 't Veld"),
    "FR": ("de la Fontaine", "Le Goff", "d'Artois", "Dupont-Aignan", "de Saint-Exupéry", "Le Bihan"),
    "DE": ("von Bülow", "Müller-Lüdenscheidt", "zu Salm", "von der Heyde", "Schmidt-Rottluff"),
    "GB": ("Smith-Jones", "McAllister", "ffrench", "St John", "Bowes-Lyon", "MacLeod"),
    "IE": ("O'Neill", "Ní Bhriain", "Ó Súilleabháin", "Mac Giolla Phádraig", "O'Donoghue", "McCarthy"),
    "ES": ("de la Cruz", "García-Márquez", "del Río", "Fernández de Córdoba", "de los Santos"),
    "IT": ("Di Stefano", "D'Angelo", "Lo Russo", "De Luca", "Dell'Acqua", "La Torre"),
    "US": ("O'Connor", "McDonald", "DeAngelo", "St. Pierre", "Van Buren", "Nguyen-Tran"),
}
HYPHENATED_FIRST = {
    "BE": ("Marie-Claire", "Jean-Pierre"),
    "FR": ("Anne-Marie", "Jean-Luc", "Marie-Hélène"),
    "DE": ("Hans-Peter", "Karl-Heinz", "Anna-Lena"),
    "US": ("Mary-Kate", "Billy-Ray"),
}
FLOORS = {
    "BE": ("3de verdieping", "2e étage", "gelijkvloers"),
    "NL": ("3e etage", "2-hoog"),
    "FR": ("2e étage", "bât. B, 4e étage"),
    "DE": ("3. OG", "Hinterhaus, 2. OG"),
    "GB": ("2nd Floor", "Ground Floor Flat"),
    "IE": ("Floor 2", "Unit 4"),
    "ES": ("3º izq.", "bajo B"),
    "IT": ("scala B, piano 2", "piano terra"),
    "US": ("Suite 210", "Fl 3"),
}
PO_BOX = {
    "BE": "Postbus", "NL": "Postbus", "FR": "BP", "DE": "Postfach", "GB": "PO Box", "IE": "P.O. Box",
    "ES": "Apartado de Correos", "IT": "Casella Postale", "US": "PO Box",
}  # fmt: skip
IDN_DOMAINS = ("bücherei-köln.de", "correo-españa.es", "crème-brûlée.fr", "xn--mller-kva.de", "zoë.ie")
SUBDOMAINS = ("mail", "eu.corp", "students.uni", "staff.hospital", "ops")
PLUS_TAGS = ("billing", "telco", "spam", "orders", "2026")
PLANS = ("Unlimited Max", "Red Pro", "Go Light", "Family Share 4", "Business Flex 50", "Data Only 10GB")
DEVICES = ("Galaxy S24", "Pixel 9 Pro", "iPhone 16e", "Nokia G42", "Moto g84", "Fairphone 5")
# Companies named after people or streets: not PERSON, not ADDRESS.
COMPANIES = (
    "Baker Street Capital", "Johnson & Johnson", "Ernst & Young", "Marks & Spencer", "Rolls-Royce",
    "Kerkstraat Consulting BV", "Wall Street Journal", "Abbey Road Studios", "Philips Lighting",
    "Dell Technologies", "Morgan Stanley", "Ferrari N.V.", "Boulevard Haussmann Partners", "Victoria Station",
)  # fmt: skip
COURIERS = ("UPS", "DHL Express", "bpost", "PostNL", "DPD", "La Poste Colissimo", "GLS")


# -- extra noise: identifiers that look like personal values ------------------------------------------


class HeldoutNoise(Noise):
    """The tuned corpus's noise plus telecom and infrastructure identifiers."""

    def git_sha(self, short: bool = False) -> str:
        sha = f"{self.rng.getrandbits(160):040x}"
        return sha[:7] if short else sha

    def pod(self) -> str:
        app = self.rng.choice(("billing-api", "crm-sync", "sms-gw", "rating-engine", "ivr"))
        return f"{app}-{self.rng.getrandbits(40):010x}"[: len(app) + 11] + f"-{self.rng.getrandbits(20):05x}"

    def semver(self) -> str:
        pre = self.rng.choice(("", "", "-rc.1", "-beta.3", "+build.5142"))
        return f"{self.rng.randint(0, 12)}.{self.rng.randint(0, 40)}.{self.rng.randint(0, 99)}{pre}"

    def mac(self) -> str:
        sep = self.rng.choice((":", "-"))
        return sep.join(f"{self.rng.getrandbits(8):02X}" for _ in range(6))

    def imei(self) -> str:
        """15 digits, Luhn-valid, as every real IMEI is: not a card number."""
        body = self.rng.choice(("35", "86", "49", "01")) + "".join(
            self.rng.choice("0123456789") for _ in range(12)
        )
        return body + luhn_check_digit(body)

    def iccid(self) -> str:
        """A SIM serial: 19 digits starting 89, Luhn-valid."""
        body = (
            "89"
            + self.rng.choice(("32", "31", "33", "49", "44"))
            + "".join(self.rng.choice("0123456789") for _ in range(14))
        )
        return body + luhn_check_digit(body)

    def call_id(self) -> str:
        host = self.rng.choice(
            ("pcscf1.ims.mnc001.mcc206.3gppnetwork.org", "10.20.4.17", "sbc-2.example.net")
        )
        return f"{self.rng.getrandbits(64):016x}@{host}"

    def iban(self) -> str:
        country, length = self.rng.choice((("BE", 12), ("NL", 14), ("DE", 18), ("FR", 23), ("GB", 18)))
        if country in ("NL", "GB"):
            bank = "".join(self.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
            bban = bank + "".join(self.rng.choice("0123456789") for _ in range(length - 4))
        else:
            bban = "".join(self.rng.choice("0123456789") for _ in range(length))
        iban = iban_of(country, bban)
        return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)) if self.rng.random() < 0.5 else iban

    def tracking(self) -> str:
        return self.rng.choice(
            (f"1Z{self.rng.getrandbits(32):08X}{self.rng.randint(10**7, 10**8 - 1)}",
             f"JJD{self.rng.randint(10**17, 10**18 - 1)}", f"3S{self.rng.getrandbits(40):010X}",
             f"CD{self.rng.randint(10**8, 10**9 - 1)}BE", str(self.rng.randint(10**9, 10**10 - 1)))
        )  # fmt: skip

    def euro(self) -> str:
        """An amount with a European decimal comma (and sometimes a dot for thousands)."""
        value = self.rng.randint(1, 250000)
        whole, cents = divmod(value, 100)
        whole_text = f"{whole:,}".replace(",", ".")
        return f"{whole_text},{cents:02d}"

    def hostname_from(self, person: Person) -> str:
        first = person.first_name.split("-")[0].lower()
        last = "".join(c for c in person.last_name.lower() if c.isalpha())
        return self.rng.choice((f"{first}-{last}-laptop", f"{first[0]}{last}-pc", f"wks-{first}{last[:3]}"))


# -- personal values in the ways this corpus writes them ----------------------------------------------


class HeldoutWriter:
    """Renderings of personal values that the tuned corpus does not use."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    # names
    def name(self, person: Person, style: str | None = None) -> str:
        style = style or self.rng.choice(
            (
                "full",
                "full",
                "full",
                "upper",
                "last_comma_first",
                "lastup_comma_first",
                "initial_last",
                "lower",
            )
        )
        first, last = person.first_name, person.last_name
        if style == "full":
            return f"{first} {last}"
        if style == "upper":
            return f"{first} {last}".upper()
        if style == "last_comma_first":
            return f"{last}, {first}"
        if style == "lastup_comma_first":
            return f"{last.upper()}, {first}"
        if style == "last_first":
            return f"{last} {first}"
        if style == "initial_last":
            initials = "-".join(part[0] + "." for part in first.split("-"))
            return f"{initials} {last}"
        if style == "lower":
            return f"{first} {last}".lower()
        if style == "first":
            return first
        raise ValueError(style)

    # phones
    def phone(self, person: Person, style: str | None = None, which: str | None = None) -> str:
        e164 = getattr(person, which or self.rng.choice(("mobile", "mobile", "landline")))
        number = phonenumbers.parse(e164)
        style = style or self.rng.choice(
            ("e164", "msisdn", "intl_00_compact", "intl_dashes", "national_slash", "intl_paren_area",
             "national_compact", "intl_ext")
        )  # fmt: skip
        international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
        national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        groups = national.replace("(", " ").replace(")", " ").replace("-", " ").split()
        if style == "e164":
            return e164
        if style == "msisdn":  # CDR/SMSC style: country code, no plus
            return e164[1:]
        if style == "intl_00_compact":
            return "00" + e164[1:]
        if style == "intl_dashes":  # the RFC 3966 body without its scheme
            return phonenumbers.format_number(number, PhoneNumberFormat.RFC3966)[4:]
        region = phonenumbers.region_code_for_number(number)
        if style == "national_slash":  # Belgian 0475/12.34.56, German 030/1234567; elsewhere national
            if region not in ("BE", "DE") or len(groups) < 2:
                return national
            return groups[0] + "/" + ("".join(groups[1:]) if region == "DE" else ".".join(groups[1:]))
        if style == "intl_paren_area":  # +1 (201) 555-0123 (North America; elsewhere international)
            if region != "US":
                return international
            return f"+1 ({groups[0]}) {'-'.join(groups[1:])}"
        if style == "national_compact":
            return "".join(groups)
        if style == "intl_ext":
            marker = {"DE": " Durchwahl ", "FR": " poste "}.get(region) or self.rng.choice(
                (" x", " ext. ", " ext.", " Ext ", " extension ")
            )
            return f"{international}{marker}{self.rng.randint(10, 999)}"
        raise ValueError(style)

    # emails
    def email(self, person: Person, style: str | None = None) -> str:
        local, domain = person.email.lower().split("@", 1)
        style = style or self.rng.choice(("plain", "plain", "plus", "subdomain", "idn", "mixed_case"))
        if style == "plain":
            return f"{local}@{domain}"
        if style == "plus":
            return f"{local}+{self.rng.choice(PLUS_TAGS)}@{domain}"
        if style == "subdomain":
            return f"{local}@{self.rng.choice(SUBDOMAINS)}.{domain}"
        if style == "idn":
            first = person.first_name.split("-")[0].lower().replace(" ", "")
            return f"{first}.{local.split('.')[-1]}@{self.rng.choice(IDN_DOMAINS)}"
        if style == "mixed_case":
            return ".".join(p.capitalize() for p in local.split(".")) + "@" + domain.upper()
        raise ValueError(style)

    # cards
    def card(self, person: Person, style: str | None = None) -> str:
        number = person.card_number
        style = style or self.rng.choice(("plain", "dashes4", "spaces4", "amex", "amex_dashes"))
        if style.startswith("amex"):
            body = self.rng.choice(("34", "37")) + "".join(self.rng.choice("0123456789") for _ in range(12))
            number = body + luhn_check_digit(body)
            sep = "-" if style == "amex_dashes" else " "
            return sep.join((number[:4], number[4:10], number[10:]))
        if style == "plain":
            return number
        sep = "-" if style == "dashes4" else " "
        return sep.join(number[i : i + 4] for i in range(0, len(number), 4))

    def card_digits(self, person: Person) -> str:
        return person.card_number

    # addresses
    def address(self, person: Person, style: str | None = None) -> str:
        address = person.address
        style = style or self.rng.choice(("one_line", "one_line", "floor", "multi_line", "po_box"))
        if style == "one_line":
            return address.one_line()
        if style == "multi_line":
            return address.multi_line()
        if style == "floor":
            lines = list(address.lines)
            index = 1 if person.region in ("GB", "IE") and address.unit else 0
            lines[index] = f"{lines[index]}, {self.rng.choice(FLOORS[person.region])}"
            return ", ".join(lines)
        if style == "po_box":
            box = f"{PO_BOX[person.region]} {self.rng.randint(1, 9999)}"
            if person.region == "DE":
                box = "Postfach " + " ".join(str(self.rng.randint(10, 99)) for _ in range(3))
            return (
                f"{box}, {address.lines[-1]}"
                if person.region not in ("GB", "IE")
                else (f"{box}, {address.city}, {address.postcode}")
            )
        raise ValueError(style)


def _with_harder_name(person: Person, rng: random.Random) -> Person:
    """Now and then, a surname with a particle or apostrophe and a hyphenated first name."""
    changes = {}
    if rng.random() < 0.3:
        changes["last_name"] = rng.choice(PARTICLE_SURNAMES[person.region])
    if person.region in HYPHENATED_FIRST and rng.random() < 0.25:
        changes["first_name"] = rng.choice(HYPHENATED_FIRST[person.region])
    return dataclasses.replace(person, **changes) if changes else person


# -- table exports ------------------------------------------------------------------------------------


def _csv_field(b: LabelledText, value: str, entity: str | None, quote_char: str, sep: str) -> None:
    needs = quote_char == "always" or sep in value or '"' in value or "\n" in value
    if needs:
        b.add('"')
        value = value.replace('"', '""')
    if entity:
        b.pii(value, entity)
    else:
        b.add(value)
    if needs:
        b.add('"')


def csv_export(rng, noise, write, people, sep: str, kind: str) -> Sample:
    """A CRM export with a header row, several customer rows, quoted fields and decimal commas."""
    columns = rng.choice(
        (
            ("customer_no", "name", "email", "phone", "address", "balance"),
            ("id", "last_name", "first_name", "msisdn", "plan", "monthly_fee", "iban"),
            ("Kundennr", "Name", "E-Mail", "Telefon", "Anschrift", "Saldo"),
            ("klantnummer", "naam", "e-mail", "gsm", "adres", "openstaand"),
        )
    )
    always = rng.random() < 0.4
    b = LabelledText().add(sep.join(f'"{c}"' if always else c for c in columns) + "\n")
    for person in people:
        cells: list[tuple[str, str | None]] = []
        for column in columns:
            low = column.lower()
            if low in ("customer_no", "id", "kundennr", "klantnummer"):
                cells.append((person.customer_id, None))
            elif low in ("name", "naam"):
                cells.append(
                    (write.name(person, rng.choice(("full", "last_comma_first", "upper"))), "PERSON")
                )
            elif low == "last_name":
                cells.append((person.last_name, "PERSON"))
            elif low == "first_name":
                cells.append((person.first_name, "PERSON"))
            elif low in ("email", "e-mail"):
                cells.append((write.email(person), "EMAIL_ADDRESS"))
            elif low in ("phone", "msisdn", "telefon", "gsm"):
                cells.append((write.phone(person), "PHONE_NUMBER"))
            elif low in ("address", "anschrift", "adres"):
                cells.append((write.address(person, rng.choice(("one_line", "floor", "po_box"))), "ADDRESS"))
            elif low == "plan":
                cells.append((rng.choice(PLANS), None))
            elif low == "iban":
                cells.append((noise.iban(), None))
            else:
                cells.append((noise.euro(), None))
        for index, (value, entity) in enumerate(cells):
            if index:
                b.add(sep)
            _csv_field(b, value, entity, "always" if always else "", sep)
        b.add("\n")
    return b.sample(kind)


def csv_semicolon(rng, noise, write, people) -> Sample:
    return csv_export(rng, noise, write, people, ";", "csv_semicolon")


def csv_tab(rng, noise, write, people) -> Sample:
    return csv_export(rng, noise, write, people, "\t", "csv_tab")


def csv_comma(rng, noise, write, people) -> Sample:
    return csv_export(rng, noise, write, people, ",", "csv_comma")


def fixed_width_table(rng, noise, write, people) -> Sample:
    """A report pasted as a fixed-width or Markdown table: "Last First" names, national phones."""
    markdown = rng.random() < 0.5
    b = LabelledText()
    b.add("| Customer | Contact | Device | Since |\n|---|---|---|---|\n" if markdown else
          f"{'CUSTOMER':<28}{'CONTACT':<22}{'DEVICE':<14}SINCE\n")  # fmt: skip
    for person in people:
        name = write.name(person, rng.choice(("last_first", "lastup_comma_first", "full")))
        phone = write.phone(person, rng.choice(("national_compact", "national_slash", "e164")))
        device, since = rng.choice(DEVICES), f"{noise.when():%Y-%m-%d}"
        if markdown:
            b.add("| ").pii(name, "PERSON").add(" | ").pii(phone, "PHONE_NUMBER")
            b.add(f" | {device} | {since} |\n")
        else:
            b.pii(name, "PERSON").add(" " * max(1, 28 - len(name))).pii(phone, "PHONE_NUMBER")
            b.add(" " * max(1, 22 - len(phone)) + f"{device:<14}{since}\n")
    return b.sample("fixed_width_table")


def sql_dump(rng, noise, write, people) -> Sample:
    """`INSERT INTO subscriber VALUES (...)` rows as a database dump writes them."""
    b = LabelledText().add(
        "INSERT INTO subscriber (id, surname, given_name, email, msisdn, pan, created) VALUES\n"
    )
    for index, person in enumerate(people):
        b.add(f"  ({rng.randint(1000, 99999)}, '").pii(person.last_name.replace("'", "''"), "PERSON")
        b.add("', '").pii(person.first_name, "PERSON").add("', '").pii(write.email(person), "EMAIL_ADDRESS")
        b.add("', '").pii(write.phone(person, "msisdn"), "PHONE_NUMBER").add("', ")
        if rng.random() < 0.5:
            b.add("'").pii(write.card_digits(person), "CREDIT_CARD").add("'")
        else:
            b.add("NULL")
        b.add(f", '{noise.when():%Y-%m-%d %H:%M:%S}')")
        b.add(",\n" if index < len(people) - 1 else ";\n")
    return b.sample("sql_dump")


# -- configuration-like records ---------------------------------------------------------------------


def yaml_record(rng, noise, write, people) -> Sample:
    """A customer record as YAML, with a block-scalar address and quoted scalars."""
    person = people[0]
    b = LabelledText().add(f"# exported {noise.timestamp()} by crm-sync {noise.semver()}\ncustomer:\n")
    b.add(f"  id: {person.customer_id}\n  name: ")
    name = write.name(person)
    if "," in name or rng.random() < 0.5:
        b.add('"').pii(name, "PERSON").add('"\n')
    else:
        b.pii(name, "PERSON").add("\n")
    b.add("  contact:\n    email: ").pii(write.email(person), "EMAIL_ADDRESS").add("\n")
    b.add("    phone: '").pii(write.phone(person), "PHONE_NUMBER").add("'\n")
    b.add(f"    preferred_channel: {rng.choice(('sms', 'email', 'none'))}\n")
    if rng.random() < 0.5:
        b.add("  address: |\n    ")
        b.pii(person.address.multi_line().replace("\n", "\n    "), "ADDRESS").add("\n")
    else:
        b.add("  address: ").pii(write.address(person, "one_line"), "ADDRESS").add("\n")
    b.add(f"  plan: {rng.choice(PLANS)}\n  device:\n    model: {rng.choice(DEVICES)}\n")
    b.add(f"    imei: '{noise.imei()}'\n  balance_eur: {rng.randint(0, 400)}.{rng.randint(0, 99):02d}\n")
    return b.sample("yaml")


def ini_profile(rng, noise, write, people) -> Sample:
    """An INI profile of a softphone or a billing account."""
    person = people[0]
    b = LabelledText().add(f"; generated {noise.when():%Y-%m-%d}\n[account]\n")
    b.add("display_name = ").pii(write.name(person, rng.choice(("full", "last_comma_first"))), "PERSON")
    b.add(f"\nusername = {person.customer_id.lower()}\nauth_user = ").pii(
        write.phone(person, "e164", "mobile"), "PHONE_NUMBER"
    )
    b.add(f"\nregistrar = sip.{rng.choice(('proximo', 'telco-eu', 'voip'))}.net:5060\n\n[notify]\n")
    b.add("mail_to = ").pii(write.email(person), "EMAIL_ADDRESS")
    b.add(f"\nsms = {'yes' if rng.random() < 0.5 else 'no'}\nfallback_number = ")
    b.pii(write.phone(person, None, "landline"), "PHONE_NUMBER")
    b.add(f"\n\n[device]\nmac = {noise.mac()}\nfirmware = {noise.semver()}\n")
    return b.sample("ini")


def vcard(rng, noise, write, people) -> Sample:
    """A vCard 3.0 attached to a CRM contact."""
    person = people[0]
    a = person.address
    b = LabelledText().add("BEGIN:VCARD\nVERSION:3.0\nN:").pii(person.last_name, "PERSON").add(";")
    b.pii(person.first_name, "PERSON").add(";;;\nFN:").pii(write.name(person, "full"), "PERSON")
    b.add(f"\nORG:{rng.choice(COMPANIES)}\nTEL;TYPE=CELL:").pii(
        write.phone(person, "e164", "mobile"), "PHONE_NUMBER"
    )
    b.add("\nTEL;TYPE=HOME,VOICE:").pii(write.phone(person, "national_compact", "landline"), "PHONE_NUMBER")
    b.add("\nEMAIL;TYPE=INTERNET:").pii(write.email(person), "EMAIL_ADDRESS")
    street = (
        f"{a.street} {a.house_number}"
        if a.region in ("BE", "NL", "DE", "ES", "IT")
        else (f"{a.house_number} {a.street}")
    )
    b.add("\nADR;TYPE=HOME:;;").pii(f"{street};{a.city};;{a.postcode};{a.region}", "ADDRESS")
    b.add(f"\nREV:{noise.when():%Y%m%dT%H%M%SZ}\nEND:VCARD\n")
    return b.sample("vcard")


# -- machine logs -----------------------------------------------------------------------------------


def logfmt_line(rng, noise, write, people) -> Sample:
    """`time=... level=info msg="callback scheduled" customer="Ann Lee" msisdn=32475123456 ...`"""
    person = people[0]
    b = LabelledText().add(f"time={noise.timestamp()} level={rng.choice(('info', 'warn', 'debug'))} ")
    b.add(f'msg="{rng.choice(("callback scheduled", "sms delivered", "kyc check passed", "port-out"))}" ')
    fields = rng.sample(("customer", "msisdn", "notify", "pan", "ship_to"), rng.randint(2, 4))
    for key in fields:
        if key == "customer":
            b.add('customer="').pii(write.name(person), "PERSON").add('" ')
        elif key == "msisdn":
            b.add("msisdn=").pii(write.phone(person, rng.choice(("msisdn", "e164"))), "PHONE_NUMBER").add(" ")
        elif key == "notify":
            b.add("notify=").pii(write.email(person), "EMAIL_ADDRESS").add(" ")
        elif key == "pan":
            b.add("pan=").pii(write.card(person, "plain"), "CREDIT_CARD").add(" ")
        else:
            b.add('ship_to="').pii(write.address(person, "one_line"), "ADDRESS").add('" ')
    b.add(f"pod={noise.pod()} trace_id={noise.git_sha()[:32]} latency_ms={rng.randint(1, 900)}")
    return b.sample("logfmt")


def syslog_5424(rng, noise, write, people) -> Sample:
    """RFC 5424 with structured data: `<134>1 TS host app pid msgid [sd@32473 k="v"] message`."""
    person = people[0]
    host = rng.choice(("smsc-01", "mme-fra-2", "crm-app-3", "ivr-b"))
    b = LabelledText().add(f"<{rng.choice((134, 142, 13, 86))}>1 {noise.timestamp()} {host} ")
    b.add(
        f"{rng.choice(('smsc', 'ivr', 'crm'))} {rng.randint(100, 65000)} "
        f"{rng.choice(('ID47', 'MT', 'AUTH', '-'))} "
    )
    b.add(
        f'[origin ip="{noise.ipv4()}" software="{rng.choice(("kannel", "asterisk", "crm"))}" '
        f'swVersion="{noise.semver()}"]'
    )
    b.add('[subscriber@32473 msisdn="').pii(
        write.phone(person, rng.choice(("msisdn", "e164"))), "PHONE_NUMBER"
    )
    b.add(f'" imsi="{noise.imsi()}"')
    if rng.random() < 0.5:
        b.add(' name="').pii(write.name(person), "PERSON").add('"')
    b.add("] ")
    shape = rng.randrange(3)
    if shape == 0:
        b.add("SMS-MT delivered to ").pii(write.phone(person, "intl_00_compact"), "PHONE_NUMBER")
        b.add(f" in {rng.randint(1, 900)}ms (dlr {rng.choice(('DELIVRD', 'UNDELIV'))})")
    elif shape == 1:
        b.add("IVR caller identified as ").pii(write.name(person, "full"), "PERSON")
        b.add(f", intent={rng.choice(('billing', 'roaming', 'cancel'))}")
    else:
        b.add("email bounce for <").pii(write.email(person), "EMAIL_ADDRESS").add(">: 550 5.1.1 user unknown")
    return b.sample("syslog_5424")


def apache_combined(rng, noise, write, people) -> Sample:
    """Combined log format: remote user is the login email, query and referrer carry encoded values."""
    person = people[0]
    email = write.email(person, "plain")
    b = LabelledText().add(f"{noise.ipv4()} - ")
    if rng.random() < 0.5:
        b.pii(email, "EMAIL_ADDRESS")
    else:
        b.add("-")
    stamp = noise.when()
    b.add(f' [{stamp:%d/%b/%Y:%H:%M:%S} +0100] "GET /selfcare/lookup?')
    key = rng.choice(("email", "msisdn"))
    if key == "email":
        b.add("email=").pii(quote(email, safe=""), "EMAIL_ADDRESS")
    else:
        b.add("msisdn=").pii(quote(write.phone(person, "e164"), safe=""), "PHONE_NUMBER")
    b.add(f'&lang=fr HTTP/1.1" {rng.choice((200, 302, 404))} {rng.randint(200, 90000)} ')
    b.add(f'"https://selfcare.example.net/profile?ref={noise.git_sha(True)}" ')
    b.add(f'"Mozilla/5.0 (Linux; Android 14; {rng.choice(DEVICES)}) AppleWebKit/537.36"')
    return b.sample("apache_combined")


def form_post(rng, noise, write, people) -> Sample:
    """A logged `application/x-www-form-urlencoded` body: `name=Ann+Lee&email=ann%40example.com&...`."""
    person = people[0]
    b = LabelledText().add(f"{noise.timestamp()} DEBUG webform POST /contact body=")
    b.add("full_name=").pii(quote_plus(write.name(person, "full")), "PERSON")
    b.add("&email=").pii(quote_plus(write.email(person)), "EMAIL_ADDRESS")
    b.add("&phone=").pii(
        quote_plus(write.phone(person, rng.choice(("e164", "intl_ext", "national_slash")))), "PHONE_NUMBER"
    )
    if rng.random() < 0.5:
        b.add("&street=").pii(quote_plus(write.address(person, "one_line")), "ADDRESS")
    b.add(f"&topic={rng.choice(('billing', 'moving', 'fault'))}&consent=on&csrf={noise.git_sha()[:24]}")
    return b.sample("form_post")


def sip_headers(rng, noise, write, people) -> Sample:
    """A SIP INVITE as a SBC logs it: display names, sip/tel URIs, Call-ID, P-Asserted-Identity."""
    caller, callee = people[0], people[1]
    host = rng.choice(("ims.example.net", "10.20.4.17", "sbc-2.example.net:5060"))
    b = LabelledText().add("INVITE sip:").pii(write.phone(callee, "e164"), "PHONE_NUMBER")
    b.add(
        f"@{host};user=phone SIP/2.0\nVia: SIP/2.0/UDP {noise.ipv4()}:5060;"
        f"branch=z9hG4bK{noise.git_sha(True)}\n"
    )
    b.add('From: "').pii(write.name(caller, rng.choice(("full", "upper", "last_comma_first"))), "PERSON")
    b.add('" <sip:').pii(write.phone(caller, "e164"), "PHONE_NUMBER").add(
        f"@{host}>;tag={rng.getrandbits(32):x}\n"
    )
    b.add("To: <tel:").pii(write.phone(callee, "intl_dashes"), "PHONE_NUMBER").add(">\n")
    b.add(f"Call-ID: {noise.call_id()}\nCSeq: {rng.randint(1, 999)} INVITE\n")
    b.add("P-Asserted-Identity: <tel:").pii(write.phone(caller, "e164"), "PHONE_NUMBER").add(">\n")
    b.add(
        f"User-Agent: {rng.choice(DEVICES)} IMS {noise.semver()}\nContent-Length: {rng.randint(200, 900)}\n"
    )
    return b.sample("sip_headers")


def smtp_headers(rng, noise, write, people) -> Sample:
    """Mail headers with display names, "Last, First" in quotes, an RFC 2047 encoded word, several Cc."""
    sender, other = people[0], people[1]
    b = LabelledText().add(
        f"Received: from mx{rng.randint(1, 9)}.example.net ({noise.ipv4()}) by mail.proximo.eu\n"
    )
    b.add("From: ")
    if rng.random() < 0.3:
        encoded = (
            "=?UTF-8?Q?"
            + quote(write.name(sender, "full"), safe="").replace("%", "=").replace("=20", "_")
            + "?="
        )
        b.pii(encoded, "PERSON")
    else:
        b.add('"').pii(write.name(sender, rng.choice(("last_comma_first", "full", "upper"))), "PERSON").add(
            '"'
        )
    b.add(" <").pii(write.email(sender), "EMAIL_ADDRESS").add(">\nTo: Support <")
    b.pii("support@proximo.eu", "EMAIL_ADDRESS").add(">\nCc: ")
    b.pii(write.name(other, "full"), "PERSON").add(" <").pii(write.email(other), "EMAIL_ADDRESS").add(">, ")
    b.pii(write.email(people[0], "plus"), "EMAIL_ADDRESS")
    b.add(f"\nSubject: RE: Ticket #{rng.randint(100000, 999999)} - {rng.choice(PLANS)}\n")
    b.add(f"Message-ID: <{noise.uuid()}@mail.proximo.eu>\nReply-To: ").pii(
        write.email(sender, "subdomain"), "EMAIL_ADDRESS"
    )
    b.add(f"\nX-Mailer: Microsoft Outlook 16.0\nDate: {noise.when():%a, %d %b %Y %H:%M:%S +0200}\n")
    return b.sample("smtp_headers")


def payment_json(rng, noise, write, people) -> Sample:
    """A payment-service-provider callback: card as a JSON number or grouped string, holder, billing."""
    person = people[0]
    b = LabelledText().add(
        f'{{"id":"pay_{noise.git_sha()[:24]}","amount":{rng.randint(100, 99999)},"currency":"EUR",'
    )
    b.add('"source":{"object":"card","number":')
    if rng.random() < 0.5:
        b.pii(write.card_digits(person), "CREDIT_CARD")
    else:
        b.add('"').pii(write.card(person), "CREDIT_CARD").add('"')
    b.add(f',"exp_month":{rng.randint(1, 12)},"exp_year":{rng.randint(2026, 2032)},"cvc_check":"pass",')
    b.add('"name":"').pii(write.name(person, rng.choice(("upper", "full"))), "PERSON").add('",')
    street_line = next(line for line in person.address.lines if person.address.house_number in line)
    b.add('"address_line1":"').pii(street_line, "ADDRESS").add('",')
    b.add(
        f'"fingerprint":"{noise.git_sha()[:16]}"}},"device_imei":"{noise.imei()}",'
        f'"iban_last4":"{noise.iban().replace(" ", "")[-4:]}"}}'
    )
    return b.sample("payment_json")


def sms_gateway(rng, noise, write, people) -> Sample:
    """SMSC/SMPP log lines: source and destination addresses as the gateway writes them."""
    sender, dest = people[0], people[1]
    b = LabelledText().add(f"{noise.when():%Y-%m-%d %H:%M:%S.%f}"[:-3] + " [SMPP] submit_sm src=")
    b.pii(write.phone(sender, rng.choice(("msisdn", "e164", "intl_00_compact"))), "PHONE_NUMBER")
    b.add(" src_ton=1 dst=").pii(
        write.phone(dest, rng.choice(("msisdn", "national_compact"))), "PHONE_NUMBER"
    )
    b.add(f' dcs=0 esm=0 msg_id={noise.git_sha()[:12]} seq={rng.randint(1, 99999)} text="')
    text = rng.choice(
        ("Your code is {n}", "Hi {first}, your bill of {amt} EUR is ready", "Call me back on {phone}")
    )
    before, _, after = text.partition("{")
    b.add(before)
    token, _, rest = after.partition("}")
    if token == "first":
        b.pii(sender.first_name, "PERSON")
    elif token == "phone":
        b.pii(write.phone(sender, "national_compact", "mobile"), "PHONE_NUMBER")
    else:
        b.add(str(rng.randint(100000, 999999)))
    b.add(rest.replace("{amt}", noise.euro()) + '"')
    return b.sample("sms_gateway")


# -- prose written by people ------------------------------------------------------------------------


def _work_email(person: Person) -> str:
    """`first.last@proximo.eu` in plain ASCII, as a company mail system makes it."""
    words = (person.first_name.split()[0], person.last_name.split()[-1])
    folded = [unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode().lower() for w in words]
    return ".".join("".join(c for c in w if c.isalnum() or c == "-") for w in folded) + "@proximo.eu"


def email_thread(rng, noise, write, people) -> Sample:
    """A reply above a quoted message: first-name signature, "On Tue, Ann Lee wrote:", `> ` quoting."""
    customer, agent = people[0], people[1]
    b = (
        LabelledText()
        .add(rng.choice(("Hi ", "Hello ", "Dear ")))
        .pii(agent.first_name, "PERSON")
        .add(",\n\n")
    )
    b.add(rng.choice(("thanks for the quick answer. ", "sorry, still not fixed. ", "")))
    shape = rng.randrange(3)
    if shape == 0:
        b.add("The new number to use is ").pii(
            write.phone(customer, rng.choice(("national_slash", "intl_ext", "e164"))), "PHONE_NUMBER"
        )
        b.add(", the old one is gone.\n")
    elif shape == 1:
        b.add("Please post the SIM to my work address:\n\n")
        b.pii(write.address(customer, "multi_line"), "ADDRESS").add("\n")
    else:
        b.add("I paid with ").pii(write.card(customer), "CREDIT_CARD").add(
            " but the invoice still shows open.\n"
        )
    b.add("\n" + rng.choice(("Regards,", "Cheers,", "Thanks,", "Best,", "Groetjes,", "Cordialement,")) + "\n")
    b.pii(write.name(customer, "first"), "PERSON").add("\n\n")
    day = noise.when()
    b.add(f"On {day:%a, %d %b %Y} at {day:%H:%M}, ").pii(write.name(agent, "full"), "PERSON")
    b.add(" <").pii(_work_email(agent), "EMAIL_ADDRESS")
    b.add("> wrote:\n> Dear ").pii(write.name(customer, rng.choice(("full", "first"))), "PERSON")
    b.add(",\n>\n> we could not reach you on ").pii(write.phone(customer, "national_compact"), "PHONE_NUMBER")
    b.add(f".\n> Your case {noise.order_id()} stays open until {day:%d/%m}.\n>\n> Kind regards,\n> ")
    b.pii(write.name(agent, rng.choice(("full", "initial_last"))), "PERSON").add("\n> Customer Care\n")
    return b.sample("email_thread")


def ticket_comment(rng, noise, write, people) -> Sample:
    """A helpdesk comment: author header, prose mentions, a pasted address followed by another sentence."""
    customer, author = people[0], people[1]
    b = (
        LabelledText()
        .add(f"#{rng.randint(10000, 99999)} · comment by ")
        .pii(write.name(author, "initial_last"), "PERSON")
    )
    b.add(f" · {noise.when():%Y-%m-%d %H:%M}\n")
    shape = rng.randrange(4)
    if shape == 0:
        b.add("Spoke to the account holder (").pii(write.name(customer, "lastup_comma_first"), "PERSON")
        b.add("). Delivery address corrected to ").pii(
            write.address(customer, rng.choice(("one_line", "floor"))), "ADDRESS"
        )
        b.add(f". Courier {rng.choice(COURIERS)} rebooked, tracking {noise.tracking()}.")
    elif shape == 1:
        b.add("Contract moved to c/o ").pii(write.name(customer, "full"), "PERSON").add(", ")
        b.pii(write.address(customer, "one_line"), "ADDRESS").add(
            ". Old address kept for invoices until month end."
        )
    elif shape == 2:
        b.add("Customer asked to be called on ").pii(
            write.phone(customer, "national_compact"), "PHONE_NUMBER"
        )
        b.add(rng.choice((" or at the office ", " (office: ")))
        b.pii(write.phone(customer, "intl_ext", "landline"), "PHONE_NUMBER")
        b.add(f"). Device {rng.choice(DEVICES)} IMEI {noise.imei()} blocked.")
    else:
        b.add("Invoices go to a PO box now: ").pii(write.address(customer, "po_box"), "ADDRESS")
        b.add(". Confirmation mailed to ").pii(write.email(customer), "EMAIL_ADDRESS").add(".")
    return b.sample("ticket_comment")


def chat_transcript(rng, noise, write, people) -> Sample:
    """`Agent:` / `Customer:` turns; the customer types fast, in lower case, without punctuation."""
    customer, partner = people[0], people[1]
    b = LabelledText().add(f"Transcript {noise.uuid()[:8]} ({noise.when():%d.%m.%Y})\n")
    agent_first = rng.choice(("Sam", "Alex", "Noor", "Lea", "Tom"))
    b.add("Agent: Hi, you're chatting with ").pii(agent_first, "PERSON").add(". How can I help?\n")
    b.add("Customer: hi its ").pii(write.name(customer, "lower"), "PERSON")
    b.add(rng.choice((" i moved and my router is still at the old place\n", " need to change my details\n")))
    b.add("Agent: No problem. What is the new address?\n")
    b.add("Customer: ").pii(write.address(customer, "one_line").lower().replace(",", ""), "ADDRESS").add("\n")
    b.add("Agent: And a phone number we can reach you on?\n")
    b.add("Customer: ").pii(
        write.phone(customer, rng.choice(("national_compact", "msisdn", "e164"))), "PHONE_NUMBER"
    )
    b.add(rng.choice((" or my wifes ", " or call ", " otherwise ")))
    b.pii(partner.first_name.lower(), "PERSON").add(" on ").pii(
        write.phone(partner, "national_compact"), "PHONE_NUMBER"
    )
    b.add("\nAgent: Thanks! Confirmation goes to ").pii(write.email(customer), "EMAIL_ADDRESS")
    b.add(f". Your {rng.choice(PLANS)} plan stays the same.\nCustomer: ok ty\n")
    return b.sample("chat_transcript")


def shipping_label(rng, noise, write, people) -> Sample:
    """A warehouse pick note: attention line, multi-line address with a floor, tracking and IMEI/ICCID."""
    person = people[0]
    b = LabelledText().add(
        f"PICK {noise.order_id()}  carrier={rng.choice(COURIERS)}  track={noise.tracking()}\n"
    )
    b.add(rng.choice(("Attn: ", "ATTN ", "To: "))).pii(
        write.name(person, rng.choice(("upper", "full", "initial_last"))), "PERSON"
    )
    b.add("\n").pii(write.address(person, "multi_line"), "ADDRESS")
    b.add("\nTel. ").pii(
        write.phone(person, rng.choice(("national_slash", "national_compact", "intl_paren_area"))),
        "PHONE_NUMBER",
    )
    b.add(f"\nItems: 1x {rng.choice(DEVICES)} (IMEI {noise.imei()}), 1x SIM (ICCID {noise.iccid()})\n")
    return b.sample("shipping_label")


def phone_prose(rng, noise, write, people) -> Sample:
    """Agent notes with numbers in prose: no separators, tel: links, extensions, times and amounts nearby."""
    person = people[0]
    b = LabelledText().add(f"{noise.when():%d %b %H:%M} ")
    shape = rng.randrange(4)
    if shape == 0:
        b.add(f"Tried {rng.randint(2, 4)}x, no answer on ").pii(
            write.phone(person, "national_compact"), "PHONE_NUMBER"
        )
        b.add(f" at {rng.randint(8, 18)}:{rng.choice(('00', '15', '30', '45'))}; left voicemail.")
    elif shape == 1:
        b.add('Click-to-call link sent: <a href="tel:').pii(
            write.phone(person, "intl_dashes"), "PHONE_NUMBER"
        )
        b.add('">call us</a>')
    elif shape == 2:
        b.add("Switchboard transfers to ").pii(write.phone(person, "intl_ext", "landline"), "PHONE_NUMBER")
        b.add(f", ask for accounts. Balance due {noise.euro()} EUR by {noise.when():%d.%m.%Y}.")
    else:
        b.add("Her son ").pii(write.name(people[1], "full"), "PERSON").add(" can be reached on ")
        b.pii(write.phone(people[1], "e164", "mobile"), "PHONE_NUMBER").add(
            rng.choice((" evenings.", " (WhatsApp only)."))
        )
    return b.sample("phone_prose")


def mailto_html(rng, noise, write, people) -> Sample:
    """An HTML snippet from a CRM email template: mailto links with query strings, a name as link text."""
    person = people[0]
    email = write.email(person)
    b = (
        LabelledText()
        .add("<p>Dear <b>")
        .pii(write.name(person, rng.choice(("full", "initial_last"))), "PERSON")
    )
    b.add('</b>,</p><p>Questions? Write to <a href="mailto:').pii(email, "EMAIL_ADDRESS")
    b.add(f'?subject=Invoice%20{rng.randint(10000, 99999)}">').pii(email, "EMAIL_ADDRESS")
    b.add("</a> or call ").pii(rng.choice(("0800 12 345", "1850 123 456", "0900-1234")), "PHONE_NUMBER")
    b.add(" (service line).</p>")
    b.add(f'<img src="https://t.proximo.eu/o/{noise.git_sha()[:20]}.gif?u=').pii(
        quote(email, safe=""), "EMAIL_ADDRESS"
    )
    b.add('" width="1" height="1">')
    return b.sample("mailto_html")


def address_prose(rng, noise, write, people) -> Sample:
    """Addresses in sentences followed by another sentence, with c/o, PO boxes and floors."""
    person, other = people[0], people[1]
    b = LabelledText()
    shape = rng.randrange(3)
    if shape == 0:
        b.add("Customer moved last week. New address: ").pii(
            write.address(person, rng.choice(("one_line", "floor"))), "ADDRESS"
        )
        b.add(f". The {rng.choice(DEVICES)} was returned to {rng.choice(COMPANIES)} for repair.")
    elif shape == 1:
        b.add("Send the paper bill c/o ").pii(
            write.name(other, rng.choice(("full", "initial_last"))), "PERSON"
        )
        b.add(" at ").pii(write.address(other, "one_line"), "ADDRESS").add(". She forwards the mail weekly.")
    else:
        b.add("Registered office (not the customer!): ").add(rng.choice(COMPANIES))
        b.add(". Private correspondence only to ").pii(write.address(person, "po_box"), "ADDRESS").add(".")
    return b.sample("address_prose")


def ivr_transcript(rng, noise, write, people) -> Sample:
    """Speech-to-text of a payment call: the caller reads the card out in groups, spells the name."""
    person = people[0]
    b = LabelledText().add(
        f"[ivr-asr conf=0.{rng.randint(70, 99)}] bot: please say the card number. caller: "
    )
    card = write.card(person, rng.choice(("spaces4", "amex", "plain")))
    b.pii(card, "CREDIT_CARD").add(f" expiry {rng.randint(1, 12):02d} {rng.randint(27, 32)} ")
    b.add("bot: and the name on the card? caller: ").pii(
        write.name(person, rng.choice(("lower", "full"))), "PERSON"
    )
    b.add(f" bot: thank you, charging {noise.euro()} euro. reference {noise.git_sha(True)}")
    return b.sample("ivr_transcript")


def json_patch_audit(rng, noise, write, people) -> Sample:
    """An audit trail entry holding a JSON Patch: old and new values of changed contact fields."""
    person, before = people[0], people[1]
    b = LabelledText().add(
        f'{{"audit_id":{rng.randint(10**6, 10**7)},"actor":"svc-crm","at":"{noise.timestamp()}",'
    )
    b.add(f'"subject":"{person.customer_id}","patch":[')
    field, render = rng.choice(
        (("phone", lambda p: write.phone(p)), ("email", lambda p: write.email(p)),
         ("address", lambda p: write.address(p, "one_line")), ("holder", lambda p: write.name(p)))
    )  # fmt: skip
    entity = {"phone": "PHONE_NUMBER", "email": "EMAIL_ADDRESS", "address": "ADDRESS", "holder": "PERSON"}[
        field
    ]
    b.add(f'{{"op":"test","path":"/contact/{field}","value":"').pii(render(before), entity).add('"},')
    b.add(f'{{"op":"replace","path":"/contact/{field}","value":"').pii(render(person), entity).add('"}')
    b.add(f'],"client_ip":"{noise.ipv6()}","app_version":"{noise.semver()}"}}')
    return b.sample("json_patch_audit")


def stack_trace(rng, noise, write, people) -> Sample:
    """An exception whose message echoes the offending value, with a Java-style trace under it."""
    person = people[0]
    b = LabelledText().add(f"{noise.timestamp()} ERROR [{noise.pod()}] ")
    shape = rng.randrange(3)
    if shape == 0:
        b.add("com.proximo.pay.CardDeclinedException: issuer declined PAN ").pii(
            write.card(person), "CREDIT_CARD"
        )
        b.add(f" (code 05, amount {noise.euro()})")
    elif shape == 1:
        b.add("javax.mail.SendFailedException: Invalid Addresses;\n  nested: 550 5.1.1 <")
        b.pii(write.email(person, rng.choice(("plus", "subdomain", "plain"))), "EMAIL_ADDRESS").add(
            ">: Recipient unknown"
        )
    else:
        b.add("ValidationError: msisdn '").pii(
            write.phone(person, rng.choice(("msisdn", "intl_dashes"))), "PHONE_NUMBER"
        )
        b.add("' not portable (donor ").add(rng.choice(ORGANISATIONS)).add(")")
    b.add(
        f"\n\tat com.proximo.{rng.choice(('pay', 'crm', 'notify'))}.Handler.process"
        f"(Handler.java:{rng.randint(20, 900)})"
    )
    b.add(f"\n\tat java.base/java.lang.Thread.run(Thread.java:{rng.randint(700, 1600)})\n")
    return b.sample("stack_trace")


# -- negatives --------------------------------------------------------------------------------------


def neg_telecom(rng, noise, write, people) -> Sample:
    """Network identifiers: IMEI (Luhn-valid), ICCID (Luhn-valid, 19 digits), IMSI, MAC, Call-ID, cells."""
    b = LabelledText().add(f"{noise.timestamp()} ")
    shape = rng.randrange(3)
    if shape == 0:
        b.add(f"attach ok imei={noise.imei()} imsi={noise.imsi()} iccid={noise.iccid()} ")
        b.add(f"cell={noise.cell_id()} apn=internet rat=NR tac={rng.randint(1, 65535)}")
    elif shape == 1:
        b.add(
            f"BYE sip:{rng.randint(100, 999)}@{noise.ipv4()} Call-ID: {noise.call_id()} "
            "reason=Q.850;cause=16 "
        )
        b.add(f"dur={noise.duration()} codec=AMR-WB mos={rng.randint(30, 45) / 10}")
    else:
        b.add(f"cpe {noise.mac()} firmware {noise.semver()} uptime {rng.randint(1, 900)}h ")
        b.add(
            f"serial {rng.getrandbits(48):012X} wan {noise.ipv4()} "
            f"sync {rng.randint(20, 1000)}/{rng.randint(5, 100)} Mbit"
        )
    return b.sample("neg_telecom")


def neg_devops(rng, noise, write, people) -> Sample:
    """Deploy and cluster logs: SHAs, pod names, semantic versions, hostnames derived from names."""
    b = LabelledText().add(f"{noise.timestamp()} ")
    shape = rng.randrange(3)
    if shape == 0:
        b.add(
            f"deploy {rng.choice(('billing-api', 'crm-sync', 'sms-gw'))} {noise.semver()} "
            f"commit {noise.git_sha()} "
        )
        b.add(
            f"to pod/{noise.pod()} node ip-10-{rng.randint(0, 255)}-{rng.randint(0, 255)}-"
            f"{rng.randint(0, 255)}.eu-west-1.compute.internal"
        )
    elif shape == 1:
        b.add(f"vpn session up host={noise.hostname_from(people[0])} ip={noise.ipv4()} ")
        b.add(f"client=anyconnect {noise.semver()} bytes_in={rng.randint(1, 10**9)}")
    else:
        b.add(f"Merge pull request #{rng.randint(100, 9999)} from proximo/release-{noise.semver()} ")
        b.add(f"({noise.git_sha(True)}) — cron 0 {rng.randint(0, 23)} * * * at {noise.when():%H:%M:%S}")
    return b.sample("neg_devops")


def neg_business(rng, noise, write, people) -> Sample:
    """Billing and logistics without people: IBANs, tracking numbers, amounts, companies, plans."""
    b = LabelledText().add(f"{noise.when():%d/%m/%Y};")
    shape = rng.randrange(3)
    if shape == 0:
        b.add(f"{rng.choice(COMPANIES)};{noise.iban()};{noise.euro()};SEPA DD;mandate {noise.order_id()}")
    elif shape == 1:
        b.add(f"{rng.choice(COURIERS)};{noise.tracking()};{rng.randint(1, 30)} parcels;{noise.euro()} EUR")
    else:
        b.add(f'"{rng.choice(PLANS)}";"{rng.choice(DEVICES)}";{noise.euro()};{rng.randint(12, 36)} months;')
        b.add(f"reseller {rng.choice(ORGANISATIONS)}")
    return b.sample("neg_business")


def neg_prose(rng, noise, write, people) -> Sample:
    """Support prose with no personal data: plans, devices, companies named after people or streets."""
    sentences = (
        f"Outage on the {rng.choice(('Baker Street', 'Rue de la Loi', 'Kerkstraat'))} cabinet fixed at "
        f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}.",
        f"{rng.choice(DEVICES)} owners report dropped VoLTE calls after update {noise.semver()}.",
        f"Promo: {rng.choice(PLANS)} for {noise.euro()} EUR/month until {noise.when():%Y-%m-%d}.",
        f"Escalated to {rng.choice(COMPANIES)} account team, ref {noise.order_id()}.",
        f"Customer prefers contact by post; no changes made. Next review {noise.when():%d %B %Y}.",
        f"Tariff code {rng.choice(('UMX-24', 'RP-12', 'FS4'))} replaced {rng.choice(PLANS)} "
        f"on {noise.when():%d/%m}.",
    )
    return LabelledText().add(" ".join(rng.sample(sentences, 3))).sample("neg_prose")


# Shape -> (builder, weight); about a fifth of the weight is on records without personal data.
HELDOUT_SHAPES: dict[str, tuple[Callable[..., Sample], int]] = {
    "csv_semicolon": (csv_semicolon, 4),
    "csv_tab": (csv_tab, 4),
    "csv_comma": (csv_comma, 3),
    "fixed_width_table": (fixed_width_table, 3),
    "sql_dump": (sql_dump, 3),
    "yaml": (yaml_record, 4),
    "ini": (ini_profile, 3),
    "vcard": (vcard, 3),
    "logfmt": (logfmt_line, 5),
    "syslog_5424": (syslog_5424, 5),
    "apache_combined": (apache_combined, 4),
    "form_post": (form_post, 3),
    "sip_headers": (sip_headers, 4),
    "smtp_headers": (smtp_headers, 4),
    "payment_json": (payment_json, 4),
    "sms_gateway": (sms_gateway, 4),
    "email_thread": (email_thread, 5),
    "ticket_comment": (ticket_comment, 5),
    "chat_transcript": (chat_transcript, 5),
    "shipping_label": (shipping_label, 3),
    "phone_prose": (phone_prose, 4),
    "mailto_html": (mailto_html, 3),
    "address_prose": (address_prose, 4),
    "ivr_transcript": (ivr_transcript, 3),
    "json_patch_audit": (json_patch_audit, 3),
    "stack_trace": (stack_trace, 3),
    "neg_telecom": (neg_telecom, 7),
    "neg_devops": (neg_devops, 7),
    "neg_business": (neg_business, 7),
    "neg_prose": (neg_prose, 7),
}
NEGATIVE_SHAPES = frozenset(name for name in HELDOUT_SHAPES if name.startswith("neg_"))


def build_heldout_corpus(lines: int = 2000, seed: int = 0) -> list[Sample]:
    """`lines` labelled held-out samples, the same for the same seed, each about two or three people."""
    rng = random.Random(seed + PEOPLE_SEED_OFFSET)
    people = PeopleGenerator(seed + PEOPLE_SEED_OFFSET).people(max(60, lines // 4))
    population = [_with_harder_name(p, rng) for p in people]
    return weighted_corpus(
        lines,
        rng,
        HeldoutNoise(rng),
        HeldoutWriter(rng),
        HELDOUT_SHAPES,
        lambda: rng.sample(population, rng.randint(2, 3)),
    )
