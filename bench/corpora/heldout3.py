"""The third held-out corpus: telecom, CRM, support and billing records in shapes and phrasings that neither
`bench/corpora/tuned.py` nor the two earlier held-out corpora use, so that detection, tuned on those,
meets text it has never seen. Nobody tunes on this corpus: fixes are developed against the earlier ones, and
this one only ever prints the honest estimate.

    python -m bench.corpora heldout3 --lines 2000 --seed 0 [-o heldout3.jsonl] [--no-labels]

It draws its people from another seed than the other corpora, writes values in its own renderings (Irish
addresses without a house number, Spanish "s/n", Italian "scala"/"int.", Dutch "hs"/"3-hoog", Belgian
bilingual street and commune names, building names, "Surname, First" and initial forms, mixed-case emails in
To/CC lines, MSISDNs without a plus in roaming dumps) and records every gold span while building the text.

Labelling decisions:
- ADDRESS spans run from the first element of the postal address (flat, building or house name, "c/o" is
  excluded) to its last (postcode, town, Eircode or province); access instructions beside it (door codes,
  "ring twice", floor directions in prose) are not part of the address and are not labelled.
- PERSON spans cover the name as written: full names, "Surname, First", "A. Surname", lower-case names in
  chats, and a first name alone when it addresses or signs for a customer ("Hi Ann,", "– Ann"). Courtesy
  titles are outside the span. Agent and technician names are labelled too: they are people. Slack
  `<@U…>` member ids and usernames such as `jdoe42` are not labelled (they are account ids, not names);
  "@Ann Peeters" display-name mentions label the name without the "@".
- PHONE_NUMBER spans are the number with its extension words excluded, including MSISDNs written without a
  plus or trunk prefix (`32475123456`) where a field says it is a subscriber number.
- CREDIT_CARD spans are full PANs only; masked PANs ("**** **** **** 1234", "411111******1111"), IBANs,
  ICCIDs and IMEIs are not labelled.
- EMAIL_ADDRESS spans are the address without angle brackets or display name, in whatever case it is written.
- Negative shapes (Grafana alerts, SQL plans, Dockerfiles/Helm values, tokens and identifiers, place and
  product names that contain personal-looking words) carry no span at all; about a fifth of the records.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from bench.corpora.base import LabelledText, Sample, cast_corpus
from bench.corpora.values import Context
from flows.demo.synthetic_people import (
    PHONE_STYLES,
    PeopleGenerator,
    Person,
    luhn_check_digit,
    render_card,
    render_email,
    render_phone,
)

SEED_OFFSET = 30_011  # people differ from those of the other corpora at the same --seed

Shape = Callable[["Ctx"], Sample]


class Ctx(Context):
    """What one record is built from: the seeded rng and noise, two people, and this corpus's renderings."""

    # -- renderings of personal values (this corpus's own) --------------------------------------

    def name(self, p: Person | None = None) -> str:
        p = p or self.person
        style = self.rng.choices(
            ("full", "comma", "initial", "upper_last_first", "lower"), weights=(5, 2, 1, 1, 1)
        )[0]
        return {
            "full": p.full_name,
            "comma": f"{p.last_name}, {p.first_name}",
            "initial": f"{p.first_name[0]}. {p.last_name}",
            "upper_last_first": f"{p.last_name.upper()} {p.first_name}",
            "lower": p.full_name.lower(),
        }[style]

    def phone(self, p: Person | None = None, which: str = "mobile") -> str:
        p = p or self.person
        return render_phone(getattr(p, which), self.rng.choice(PHONE_STYLES[:-1]), self.rng)

    def msisdn(self, p: Person | None = None) -> str:
        """The subscriber number as switches write it: country code and number, no plus."""
        return (p or self.person).mobile.lstrip("+")

    def email(self, p: Person | None = None) -> str:
        p = p or self.person
        style = self.rng.choices(("lower", "upper", "capitalized", "mixed"), weights=(5, 1, 2, 2))[0]
        if style == "mixed":
            local, domain = p.email.split("@", 1)
            return local + "@" + domain.upper() if self.rng.random() < 0.5 else local.title() + "@" + domain
        return render_email(p.email, style)

    def card(self, p: Person | None = None) -> str:
        return render_card((p or self.person).card_number, self.rng.choice(("plain", "spaced", "dashed")))

    def address(self, p: Person | None = None, multi_line: bool = False) -> str:
        return _address(self.rng, p or self.person, "\n" if multi_line else ", ")

    def masked_card(self) -> str:
        last4 = self.person.card_number[-4:]
        return self.rng.choice(
            (f"**** **** **** {last4}", f"{self.person.card_number[:6]}******{last4}", f"XXXX{last4}")
        )


_HOUSE_NAMES = ("Rosebank", "The Willows", "Ard na Gréine", "Hillview House", "Cnoc Álainn", "Glen Cottage")
_GB_BUILDINGS = ("Kestrel House", "Albion Court", "The Maltings", "Riverside Mews", "Unit 4 Trident Park")
_IE_COUNTIES = ("Cork", "Galway", "Kerry", "Mayo", "Wicklow", "Donegal", "Clare")
_BE_BILINGUAL = (
    ("Rue de la Loi", "Wetstraat"), ("Chaussée de Wavre", "Waversesteenweg"), ("Avenue Louise", "Louizalaan"),
    ("Rue Haute", "Hoogstraat"), ("Boulevard Anspach", "Anspachlaan"), ("Rue du Midi", "Zuidstraat"),
)  # fmt: skip
_BE_COMMUNES = (
    ("1000", "Bruxelles", "Brussel"), ("1050", "Ixelles", "Elsene"), ("1030", "Schaerbeek", "Schaarbeek"),
    ("1060", "Saint-Gilles", "Sint-Gillis"), ("1040", "Etterbeek", "Etterbeek"), ("1180", "Uccle", "Ukkel"),
)  # fmt: skip


def _address(rng: random.Random, p: Person, sep: str) -> str:
    """The person's address in one of this corpus's renderings, parts joined by `sep`."""
    a = p.address
    n = a.house_number
    if a.region == "IE":
        parts = [rng.choice(_HOUSE_NAMES), a.street, a.city, f"Co. {rng.choice(_IE_COUNTIES)}", a.postcode]
        if rng.random() < 0.4:
            parts = [f"{n} {a.street}", a.city, a.postcode]
    elif a.region == "ES":
        door = rng.choice(("3º izq.", "2º B", "bajo", "ático", "1º dcha."))
        street = a.street if rng.random() < 0.5 else "C/ " + a.street.split(" ", 1)[-1]
        house = rng.choice(("s/n", n, f"nº {n}"))
        parts = [f"{street}, {house}", door, f"{a.postcode} {a.city}"]
    elif a.region == "IT":
        parts = [f"{a.street} {n}", f"scala {rng.choice('ABCD')}", f"int. {rng.randint(1, 24)}", a.lines[-1]]
        if rng.random() < 0.3:
            parts[1:3] = [f"piano {rng.randint(1, 6)}"]
    elif a.region == "NL":
        suffix = rng.choice(("-hs", " hs", "-3-hoog", " huis", "-1", "bis"))
        parts = [f"{a.street} {n}{suffix}", f"{a.postcode} {a.city}"]
    elif a.region == "BE":
        fr, nl = rng.choice(_BE_BILINGUAL)
        code, fr_city, nl_city = rng.choice(_BE_COMMUNES)
        box = rng.choice(("", f" bte/bus {rng.randint(1, 40)}", f" bus {rng.randint(1, 9)}"))
        if rng.random() < 0.6:
            parts = [f"{fr} {n} / {nl} {n}{box}", f"{code} {fr_city}/{nl_city}"]
        else:
            parts = [f"{a.lines[0]}{box if 'bus' not in a.lines[0] and 'bte' not in a.lines[0] else ''}",
                     a.lines[-1]]  # fmt: skip
    elif a.region == "GB":
        parts = [
            f"Flat {rng.randint(1, 30)}",
            rng.choice(_GB_BUILDINGS),
            f"{n} {a.street}",
            a.city,
            a.postcode,
        ]
        if rng.random() < 0.4:
            parts = parts[1:]
    elif a.region == "FR":
        parts = [f"Bât. {rng.choice('ABC')}", f"Esc. {rng.randint(1, 4)}", f"{n} {a.street}",
                 f"{a.postcode} {a.city.upper()}"]  # fmt: skip
        if rng.random() < 0.5:
            parts = parts[2:]
    elif a.region == "DE":
        parts = [f"{a.street} {n}", rng.choice(("Hinterhaus", "Seitenflügel links", "3. OG")), a.lines[-1]]
    else:  # US
        parts = [f"{n} {a.street}", rng.choice(("Suite 300", "Unit 12B", "Apt 4")), a.lines[-1]]
    return sep.join(parts)


# -- positive shapes ------------------------------------------------------------------------------


def jira_csv_export(c: Ctx) -> Sample:
    """A Jira CSV export opened in Excel: BOM, every cell quoted, quotes doubled, a line break in a cell."""
    t = LabelledText().add('\ufeff"Issue key","Summary","Reporter","Description"\n')
    t.add(f'"CX-{c.rng.randint(100, 9999)}","Customer can\'t log in after SIM swap","')
    t.pii(c.name(c.other), "PERSON").add('","Caller says ""my number ')
    t.pii(c.phone(), "PHONE_NUMBER").add(' stopped working"".\nCustomer ')
    t.pii(c.person.full_name, "PERSON").add(", reachable at ").pii(c.email(), "EMAIL_ADDRESS").add('."')
    return t.sample("jira_csv_export")


def servicenow_incident(c: Ctx) -> Sample:
    t = LabelledText().add(f"Number: INC{c.rng.randint(10**6, 10**7 - 1):07d}\nCaller: ")
    t.pii(c.name(), "PERSON").add("\nContact number: ").pii(c.phone(which="landline"), "PHONE_NUMBER")
    t.add(f"\nCategory: Network > Fixed line\nOpened: {c.noise.timestamp()}\nAssigned to: ")
    t.pii(c.other.full_name, "PERSON").add("\nShort description: no dial tone at ")
    t.pii(c.address(), "ADDRESS").add(f"\nCI: OLT-{c.rng.randint(1, 99):02d}/{c.rng.randint(1, 16)}")
    return t.sample("servicenow_incident")


def freshdesk_ticket_json(c: Ctx) -> Sample:
    t = LabelledText().add('{"id": ').add(str(c.rng.randint(10**5, 10**6)))
    t.add(', "requester": {"name": "').pii(c.person.full_name, "PERSON").add('", "email": "')
    t.pii(c.email(), "EMAIL_ADDRESS").add('"}, "description_text": "Hello, I moved to ')
    t.pii(c.address(), "ADDRESS").add(" and my router still ships to the old place. Call me on ")
    t.pii(c.phone(), "PHONE_NUMBER").add(f'", "priority": {c.rng.randint(1, 4)}, "tags": ["move", "cpe"]}}')
    return t.sample("freshdesk_ticket_json")


def intercom_conversation(c: Ctx) -> Sample:
    t = LabelledText().add('{"type": "conversation_part", "author": {"type": "admin", "name": "')
    t.pii(c.other.first_name, "PERSON").add('"}, "body": "<p>Hi ').pii(c.person.first_name, "PERSON")
    t.add(", I've updated the billing contact to <b>").pii(c.email(), "EMAIL_ADDRESS")
    t.add('</b>. Anything else?</p>", "created_at": ').add(str(c.rng.randint(1_700_000_000, 1_800_000_000)))
    t.add("}")
    return t.sample("intercom_conversation")


def app_store_reply(c: Ctx) -> Sample:
    stars = c.rng.randint(1, 3)
    t = LabelledText().add(f"★{stars}/5 by ").pii(c.name(), "PERSON")
    t.add(' — "App keeps logging me out, lost my eSIM twice."\nDeveloper response: Hi ')
    t.pii(c.person.first_name, "PERSON").add(", sorry about that! Please DM us or email ")
    t.pii(c.email(), "EMAIL_ADDRESS").add(" from the address on your account so we can check. – ")
    t.pii(c.other.first_name, "PERSON").add(", Customer Care")
    return t.sample("app_store_reply")


def nps_free_text(c: Ctx) -> Sample:
    score = c.rng.randint(0, 10)
    t = LabelledText().add(f'survey=nps_q3 score={score} channel=shop verbatim="The technician, ')
    t.pii(c.other.full_name, "PERSON").add(", was great but nobody told me the appointment moved. You can ")
    t.add("reach me at ").pii(c.phone(), "PHONE_NUMBER").add(' if you want details."')
    return t.sample("nps_free_text")


_DUNNING = {
    "fr": ("Objet : Rappel de paiement", "Madame, Monsieur,",
           "votre facture n° {ref} de {amount} reste impayée."),
    "de": ("Betreff: Zahlungserinnerung", "Sehr geehrte Damen und Herren,",
           "Rechnung {ref} über {amount} ist offen."),
    "nl": ("Betreft: Betalingsherinnering", "Geachte heer/mevrouw,",
           "factuur {ref} van {amount} staat nog open."),
    "es": ("Asunto: Aviso de impago", "Estimado/a cliente:", "la factura {ref} de {amount} sigue pendiente."),
    "it": ("Oggetto: Sollecito di pagamento", "Gentile cliente,",
           "la fattura {ref} di {amount} risulta insoluta."),
    "en": ("Re: Final reminder", "Dear customer,", "invoice {ref} for {amount} is overdue."),
}  # fmt: skip


def dunning_letter(c: Ctx) -> Sample:
    subject, greeting, body = _DUNNING[c.rng.choice(tuple(_DUNNING))]
    t = LabelledText().pii(c.name(), "PERSON").add("\n").pii(c.address(multi_line=True), "ADDRESS")
    t.add(f"\n\n{subject}\n{greeting}\n")
    t.add(body.format(ref=c.noise.order_id(), amount=c.noise.amount()))
    t.add(f"\nIBAN BE{c.rng.randint(10, 99)} {c.rng.randint(1000, 9999)} {c.rng.randint(1000, 9999)}")
    t.add(f" {c.rng.randint(1000, 9999)} — card on file {c.masked_card()}\nTel. ")
    t.pii(c.phone(which="landline"), "PHONE_NUMBER")
    return t.sample("dunning_letter")


def porting_request(c: Ctx) -> Sample:
    t = LabelledText().add("NUMBER PORTABILITY REQUEST / DEMANDE DE PORTABILITÉ\n")
    t.add(f"Donor operator: {c.rng.choice(('Proximus', 'Orange', 'Telenet', 'Base'))}\nNumber to port: ")
    t.pii(c.phone(), "PHONE_NUMBER").add("\nHolder (as on contract): ").pii(c.name(), "PERSON")
    t.add(f"\nEasy Switch ID: {c.rng.randint(10**8, 10**9 - 1)}\nInstallation address: ")
    t.pii(c.address(), "ADDRESS").add(f"\nRequested date: {c.noise.when():%d/%m/%Y}")
    return t.sample("porting_request")


def sim_swap_log(c: Ctx) -> Sample:
    iccid = "8932" + "".join(c.rng.choice("0123456789") for _ in range(14))
    t = LabelledText().add(f"{c.noise.timestamp()} SIMSWAP ok msisdn=").pii(c.msisdn(), "PHONE_NUMBER")
    t.add(
        f" old_iccid={iccid + luhn_check_digit(iccid)} imsi={c.noise.imsi()}"
        f" agent=ag{c.rng.randint(100, 999)}"
    )
    t.add(' verified_by="').pii(c.name(), "PERSON").add(
        f'" channel={c.rng.choice(("store", "phone", "web"))}'
    )
    return t.sample("sim_swap_log")


def tap_record_dump(c: Ctx) -> Sample:
    t = LabelledText().add(
        f"TAP3.12 MobileOriginatedCall callEventStartTimeStamp={c.noise.when():%Y%m%d%H%M%S}"
    )
    t.add(" servedMsisdn=").pii(c.msisdn(), "PHONE_NUMBER").add(" calledNumber=")
    t.pii(c.msisdn(c.other), "PHONE_NUMBER")
    t.add(f" servedImsi={c.noise.imsi()} totalCallEventDuration={c.rng.randint(1, 3600)}")
    t.add(f" recEntityCode={c.rng.randint(1, 20)} chargedAmount={c.rng.randint(0, 99999)}")
    return t.sample("tap_record_dump")


def technician_visit_note(c: Ctx) -> Sample:
    t = LabelledText().add(
        f"WO-{c.rng.randint(10**5, 10**6)} FTTH install — slot {c.rng.randint(8, 16)}:00\n"
    )
    t.add("Site: ").pii(c.address(), "ADDRESS")
    t.add(
        c.rng.choice(
            (
                f"\nAccess: door code {c.rng.randint(1000, 9999)}#, lift to top floor, dog in garden.",
                "\nAccess: ring twice, side entrance behind the bins.",
                f"\nAccess: digicode {c.rng.randint(10, 99)}B{c.rng.randint(10, 99)},"
                " interphone au nom du client.",
            )
        )
    )
    t.add("\nOn-site contact: ").pii(c.name(), "PERSON").add(" (").pii(c.phone(), "PHONE_NUMBER")
    t.add(")\nTech: ").pii(c.other.full_name, "PERSON")
    return t.sample("technician_visit_note")


def delivery_note(c: Ctx) -> Sample:
    t = LabelledText().add(f"DELIVERY NOTE {c.noise.order_id()}\nShip to:\n").pii(c.name(), "PERSON")
    t.add("\n").pii(c.address(multi_line=True), "ADDRESS")
    t.add(f"\nItems: 1 x {c.rng.choice(('Fibre modem', 'eSIM starter kit', 'TV decoder'))}\nNotify: ")
    t.pii(c.phone(), "PHONE_NUMBER").add("\nWeight: 1.2 kg  Parcels: 1")
    return t.sample("delivery_note")


def contract_pdf_text(c: Ctx) -> Sample:
    """Text extracted from a contract PDF: hyphenated line breaks elsewhere, values intact."""
    t = LabelledText().add("CONTRAT D'ABONNEMENT – CONDITIONS PARTI-\nCULIÈRES\n\nEntre l'opérateur et ")
    t.pii(c.name(), "PERSON").add(", né(e) le ").add(
        f"{c.rng.randint(1, 28):02d}/{c.rng.randint(1, 12):02d}/19"
    )
    t.add(f"{c.rng.randint(50, 99)}, demeurant ").pii(c.address(), "ADDRESS")
    t.add(", ci-après « le Client ».\nCourriel : ").pii(c.email(), "EMAIL_ADDRESS")
    t.add(" Page 1/4\nMode de paiement : carte n° ").pii(c.card(), "CREDIT_CARD")
    t.add(f" exp. {c.rng.randint(1, 12):02d}/{c.rng.randint(27, 31)}")
    return t.sample("contract_pdf_text")


def slack_message(c: Ctx) -> Sample:
    t = LabelledText().add(f"[{c.noise.when():%H:%M}] <@U0{c.rng.getrandbits(32):08X}> ")
    t.add("@").pii(c.other.full_name, "PERSON").add(" can you ring ").pii(
        c.person.full_name.lower(), "PERSON"
    )
    t.add(" back on ").pii(c.phone(), "PHONE_NUMBER")
    t.add(c.rng.choice((" ? she's escalated twice :sweat_smile:", " asap, VIP :fire:", " — thx!")))
    return t.sample("slack_message")


def email_headers(c: Ctx) -> Sample:
    t = LabelledText().add('From: billing-noreply@operator.example\nTo: "')
    t.pii(f"{c.person.last_name.upper()} {c.person.first_name}", "PERSON").add('" <')
    t.pii(c.email(), "EMAIL_ADDRESS").add(">\nCC: ").pii(c.other.full_name, "PERSON").add(" <")
    t.pii(c.email(c.other), "EMAIL_ADDRESS").add(f">\nSubject: Your e-invoice {c.noise.order_id()}\n")
    t.add(f"Message-ID: <{c.noise.uuid()}@mx.operator.example>")
    return t.sample("email_headers")


def chargeback_case(c: Ctx) -> Sample:
    t = LabelledText().add(f"Dispute {c.rng.randint(10**7, 10**8)} reason=4837 amount={c.noise.amount()}\n")
    t.add("Cardholder ").pii(c.name(), "PERSON").add(" denies the top-up; PAN ").pii(c.card(), "CREDIT_CARD")
    t.add(f", ARN 7{c.rng.randint(10**21, 10**22 - 1)}. Previous card {c.masked_card()} closed.")
    return t.sample("chargeback_case")


def ivr_payment_notes(c: Ctx) -> Sample:
    t = LabelledText().add("Agent notes: pause-and-resume FAILED, customer read the card out loud: ")
    t.pii(c.card(), "CREDIT_CARD").add(". Recording flagged for redaction. Customer ")
    t.pii(c.person.full_name, "PERSON").add(", callback ").pii(c.phone(), "PHONE_NUMBER").add(".")
    return t.sample("ivr_payment_notes")


def address_change_audit(c: Ctx) -> Sample:
    t = LabelledText().add(f"{c.noise.timestamp()} audit entity=account/{c.rng.randint(10**6, 10**7)} ")
    t.add("field=postal_address\n  - old: ").pii(c.address(c.other), "ADDRESS")
    t.add("\n  + new: ").pii(c.address(), "ADDRESS").add("\n  by: ").pii(c.email(), "EMAIL_ADDRESS")
    return t.sample("address_change_audit")


def sms_reminder(c: Ctx) -> Sample:
    t = LabelledText().add("SMS to ").pii(c.phone(), "PHONE_NUMBER").add(": ")
    t.add(
        c.rng.choice(
            ("Bonjour {}, votre facture est impayée. Payez sur op.example/p/{} ",
             "Hallo {}, Ihre Rechnung ist noch offen: op.example/p/{} ",
             "Hoi {}, je factuur staat nog open: op.example/p/{} ",
             "Hi {}, your bill is overdue. Pay at op.example/p/{} ")
        ).split("{}")[0]
    )  # fmt: skip
    t.pii(c.person.first_name, "PERSON").add(
        f", ref {c.rng.getrandbits(24):06x} STOP au 8{c.rng.randint(100, 999)}"
    )
    return t.sample("sms_reminder")


# -- negative shapes ------------------------------------------------------------------------------


def grafana_alert(c: Ctx) -> Sample:
    t = LabelledText().add(f"[FIRING:{c.rng.randint(1, 9)}] HighLatency api-gateway ({c.noise.ipv4()}:9100 ")
    t.add(f"prod-{c.rng.choice(('eu-west-1', 'eu-central-1'))})\nValue: p99={c.rng.randint(300, 9000)}ms ")
    t.add(f"threshold=250ms for 5m\nRunbook: https://grafana.example/d/{c.rng.getrandbits(40):010x}\n")
    t.add(
        f"Labels: alertname=HighLatency, severity=page, team=billing, pod=rating-{c.rng.getrandbits(20):05x}"
    )
    return t.sample("grafana_alert")


def sql_explain(c: Ctx) -> Sample:
    rows = c.rng.randint(100, 10**7)
    t = LabelledText().add("QUERY PLAN\n")
    t.add(
        f"Hash Join  (cost=1.{c.rng.randint(10, 99)}..{c.rng.randint(1000, 99999)}.42 rows={rows} width=64)\n"
    )
    t.add("  Hash Cond: (c.customer_id = s.customer_id)\n  ->  Seq Scan on subscriptions s  (cost=0.00..")
    t.add(f"{c.rng.randint(100, 9999)}.00 rows={rows // 3} width=32)\n")
    t.add("        Filter: ((status)::text = 'active'::text)\n")
    t.add(f"  ->  Index Scan using customers_pkey on customers c  (actual time=0.0{c.rng.randint(10, 99)}")
    t.add(f"..{c.rng.randint(1, 99)}.1 loops=1)\nPlanning Time: 0.{c.rng.randint(100, 999)} ms")
    return t.sample("sql_explain")


def dockerfile_helm(c: Ctx) -> Sample:
    version = c.noise.version()
    t = LabelledText()
    if c.rng.random() < 0.5:
        t.add(f"FROM python:3.11-slim@sha256:{c.rng.getrandbits(256):064x}\nWORKDIR /app\n")
        t.add("COPY constraints.txt .\nRUN pip install --no-cache-dir -r constraints.txt\n")
        t.add(f'ENV PORT=8080 TZ=Europe/Brussels\nLABEL maintainer="platform-team" version="{version}"\n')
        t.add('EXPOSE 8080\nCMD ["gunicorn", "-w", "4", "app:wsgi"]')
    else:
        t.add(f"image:\n  repository: registry.example/crm-sync\n  tag: {version}\nreplicaCount: ")
        t.add(
            f"{c.rng.randint(1, 6)}\nresources:\n  limits:\n    memory: {c.rng.choice((256, 512, 1024))}Mi\n"
        )
        t.add(
            "ingress:\n  hosts:\n    - host: crm.internal.example\n      paths: ['/']\n"
            f"nodePort: 3{c.rng.randint(1000, 2767)}"
        )
    return t.sample("dockerfile_helm")


def tokens_and_identifiers(c: Ctx) -> Sample:
    """JWTs, OAuth scopes, CVE ids, ISBN, EAN, VAT ids, serials: digit runs and dotted strings, no person."""
    header = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9"
    body = "".join(
        c.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(60)
    )
    t = LabelledText().add(f"authorization=Bearer {header}.{body}.{c.rng.getrandbits(128):032x} ")
    t.add('scope="openid profile email offline_access crm.contacts.read" ')
    t.add(f"cve=CVE-{c.rng.randint(2019, 2026)}-{c.rng.randint(1000, 49999)} ")
    t.add(
        f"isbn=978-{c.rng.randint(0, 9)}-{c.rng.randint(100, 999)}-"
        f"{c.rng.randint(10000, 99999)}-{c.rng.randint(0, 9)} "
    )
    t.add(f"ean={c.rng.randint(10**12, 10**13 - 1)} vat=BE0{c.rng.randint(10**8, 10**9 - 1)} ")
    t.add(f"serial=SN{c.rng.randint(10**9, 10**10 - 1)} imei={c.rng.randint(10**14, 10**15 - 1)} ")
    t.add(f"ref={c.noise.luhn_failing_reference()}")
    return t.sample("tokens_and_identifiers")


_PLACE_LINES = (
    "Victoria Line part suspended between Brixton and Green Park; roaming cell {cell} degraded.",
    "Shop relocation: the Saint-Denis store moves, opening hours 10:00-19:00, postcode {pc} only.",
    "Vendor: Abbey Road Studios Ltd, VAT GB{vat}. Invoice sent to accounts payable.",
    "Campaign 'Jules Verne' launched in {pc} and 75011; uplift 3.4% on Fibre Max 1000.",
    "Alexa skill and Siri shortcut enabled for {cnt} lines; Rue de la Loi branch closed on Monday.",
    "Outage at Wellington Quay POP, {cnt} customers affected, ETA {h}:00. Kennedy Center event traffic.",
)


def place_and_product_names(c: Ctx) -> Sample:
    line = c.rng.choice(_PLACE_LINES).format(
        cell=c.noise.cell_id(),
        pc=f"{c.rng.randint(1000, 9999)}",
        vat=c.rng.randint(10**8, 10**9 - 1),
        cnt=c.rng.randint(10, 9000),
        h=c.rng.randint(10, 23),
    )
    return LabelledText().add(f"{c.noise.timestamp()} ops-bulletin: {line}").sample("place_and_product_names")


POSITIVE_SHAPES: dict[str, Shape] = {
    "jira_csv_export": jira_csv_export,
    "servicenow_incident": servicenow_incident,
    "freshdesk_ticket_json": freshdesk_ticket_json,
    "intercom_conversation": intercom_conversation,
    "app_store_reply": app_store_reply,
    "nps_free_text": nps_free_text,
    "dunning_letter": dunning_letter,
    "porting_request": porting_request,
    "sim_swap_log": sim_swap_log,
    "tap_record_dump": tap_record_dump,
    "technician_visit_note": technician_visit_note,
    "delivery_note": delivery_note,
    "contract_pdf_text": contract_pdf_text,
    "slack_message": slack_message,
    "email_headers": email_headers,
    "chargeback_case": chargeback_case,
    "ivr_payment_notes": ivr_payment_notes,
    "address_change_audit": address_change_audit,
    "sms_reminder": sms_reminder,
}
NEGATIVE_SHAPES: dict[str, Shape] = {
    "grafana_alert": grafana_alert,
    "sql_explain": sql_explain,
    "dockerfile_helm": dockerfile_helm,
    "tokens_and_identifiers": tokens_and_identifiers,
    "place_and_product_names": place_and_product_names,
}
HELDOUT3_SHAPES: dict[str, Shape] = {**POSITIVE_SHAPES, **NEGATIVE_SHAPES}


def build_heldout3_corpus(lines: int = 2000, seed: int = 0) -> list[Sample]:
    """`lines` labelled samples, the same for the same seed; the first records cover every shape once."""
    rng = random.Random(seed * 7 + 3)
    population = PeopleGenerator(seed + SEED_OFFSET).people(max(60, lines // 3))
    return cast_corpus(lines, rng, POSITIVE_SHAPES, NEGATIVE_SHAPES, population, Ctx, cast=2)
