"""The "tuned" corpus: the one piivault's detection was developed against, so its figures are an upper
bound (`python -m bench.eval_detection` says so beside them). A labelled detection corpus in the shapes of
real logs, built from synthetic people.

Each sample is one log record (a line, or a whole chat, email or note) with the exact character spans of
every personal value in it. Spans are recorded while the text is assembled (`LabelledText.pii`), never
found by searching afterwards, so a label can not drift from the value it labels. Negatives (and the noise
inside positive records) are full of what detectors mistake for personal data: UUIDs, order ids, 16-digit
references that fail Luhn, IMSIs, versions, timestamps, amounts, IP addresses, durations, HTTP paths,
product and organisation names.

    python -m bench.corpora tuned --lines 2000 --seed 0 -o corpus.jsonl
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import timedelta
from xml.sax.saxutils import escape

from bench.corpora.base import ENTITY_TYPES, LabelledText, Sample, weighted_corpus
from bench.corpora.noise import (
    DATACENTERS,
    EVENTS,
    HTTP_METHODS,
    ORGANISATIONS,
    PRODUCTS,
    SERVICES,
    TOOLS,
    Noise,
)
from flows.demo.synthetic_people import (
    CARD_STYLES,
    EMAIL_STYLES,
    PHONE_STYLES,
    PeopleGenerator,
    Person,
    render_card,
    render_email,
    render_name,
    render_phone,
)

__all__ = ["SHAPES", "build_corpus"]


# -- personal values in the ways systems write them ------------------------------------------------


class Writer:
    """Picks a rendering for each personal value (phone format, card grouping, name and email case)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def phone(self, person: Person, which: str | None = None) -> str:
        e164 = getattr(person, which or self.rng.choice(("mobile", "mobile", "landline")))
        return render_phone(e164, self.rng.choice(PHONE_STYLES), self.rng)

    def card(self, person: Person) -> str:
        return render_card(person.card_number, self.rng.choice(CARD_STYLES))

    def email(self, person: Person) -> str:
        return render_email(person.email, self.rng.choices(EMAIL_STYLES, weights=(8, 1, 1))[0])

    def name(self, person: Person) -> str:
        style = self.rng.choices(("title", "upper", "last_upper"), weights=(6, 3, 1))[0]
        return render_name(person, style)

    def address(self, person: Person) -> str:
        # one line: key=value and JSON fields hold no raw line breaks (chats and emails use multi_line())
        return person.address.one_line()


KEYS = {
    "EMAIL_ADDRESS": ("user", "email", "mail", "login", "recipient", "from"),
    "PHONE_NUMBER": ("phone", "msisdn", "tel", "mobile", "contact", "callback"),
    "PERSON": ("name", "full_name", "holder", "customer_name", "display_name"),
    "ADDRESS": ("addr", "address", "shipping_address", "billing_address"),
    "CREDIT_CARD": ("card", "pan", "cc", "card_number"),
}


def value_of(write: Writer, person: Person, entity: str) -> str:
    return {
        "EMAIL_ADDRESS": write.email,
        "PHONE_NUMBER": write.phone,
        "PERSON": write.name,
        "ADDRESS": write.address,
        "CREDIT_CARD": write.card,
    }[entity](person)


# -- log shapes -------------------------------------------------------------------------------------


def key_value_line(rng, noise, write, people) -> Sample:
    """`2026-03-04T10:22:31.123Z INFO auth[412]: login user=ann@example.com phone=+32... ip=...`"""
    person = people[0]
    b = LabelledText().add(f"{noise.timestamp()} {rng.choice(('INFO', 'WARN', 'DEBUG'))} ")
    b.add(f"{rng.choice(SERVICES)}[{rng.randint(100, 99999)}]: {rng.choice(EVENTS)}")
    entities = rng.sample(ENTITY_TYPES, rng.randint(1, 3))
    fields: list[tuple[str, str | None]] = [(e, None) for e in entities]
    fields += [noise.field() for _ in range(rng.randint(1, 4))]
    rng.shuffle(fields)
    for key, value in fields:
        if value is not None:
            b.add(f" {key}={value}")
            continue
        text = value_of(write, person, key)
        quote = '"' if (" " in text and (key in ("PERSON", "ADDRESS") or rng.random() < 0.6)) else ""
        b.add(f" {rng.choice(KEYS[key])}={quote}").pii(text, key).add(quote)
    return b.sample("key_value")


def json_line(rng, noise, write, people) -> Sample:
    """`{"ts": "...", "event": "profile.update", "customer_id": "CU...", "email": "...", ...}`"""
    person = people[0]
    b = LabelledText().add("{")
    items: list[tuple[str, str, str | None]] = [
        ("ts", noise.timestamp(), None),
        ("event", rng.choice(EVENTS), None),
    ]
    items.append(("customer_id", person.customer_id, None))
    for entity in rng.sample(ENTITY_TYPES, rng.randint(1, 4)):
        items.append((rng.choice(KEYS[entity]), value_of(write, person, entity), entity))
    items += [(k, v, None) for k, v in (noise.field() for _ in range(rng.randint(1, 3)))]
    nest = rng.random() < 0.3
    for index, (key, value, entity) in enumerate(items):
        if index:
            b.add(", ")
        if nest and index == 3:
            b.add('"user": {')
        b.add(f'"{key}": "')
        if entity:
            b.pii(json.dumps(value, ensure_ascii=False)[1:-1], entity)
        else:
            b.add(value)
        b.add('"')
    return b.add("}}" if nest and len(items) > 3 else "}").sample("json")


def call_detail_record(rng, noise, write, people) -> Sample:
    """Caller and callee in mixed formats, with durations, cell ids, IMSIs and result codes."""
    caller, callee = people[0], people[1]
    a, z = write.phone(caller), write.phone(callee, "landline" if rng.random() < 0.3 else "mobile")
    shape = rng.randrange(3)
    b = LabelledText()
    if shape == 0:
        b.add(f"CDR|{noise.timestamp()}|").pii(a, "PHONE_NUMBER").add("|").pii(z, "PHONE_NUMBER")
        result = rng.choice(("ANSWERED", "BUSY", "NOANSWER"))
        b.add(f"|{rng.randint(0, 3600)}|{noise.cell_id()}|{noise.imsi()}|{result}")
    elif shape == 1:
        b.add(f"cdr type={rng.choice(('voice', 'sms', 'volte'))} caller=").pii(a, "PHONE_NUMBER")
        b.add(" callee=").pii(z, "PHONE_NUMBER")
        b.add(f" start={noise.timestamp()} duration={noise.duration()} cell_id={noise.cell_id()}")
        b.add(f" imsi={noise.imsi()} cause={rng.choice((16, 17, 19, 31))}")
    else:
        b.add(f"{noise.timestamp()},").pii(a, "PHONE_NUMBER").add(",").pii(z, "PHONE_NUMBER")
        service = rng.choice(("VOICE", "SMS", "DATA"))
        b.add(f",{rng.randint(0, 3600)},{noise.cell_id()},{service},{noise.amount()}")
    return b.sample("call_detail_record")


def billing_event(rng, noise, write, people) -> Sample:
    """A payment event: card, holder, billing address, amount, invoice and authorisation codes."""
    person = people[0]
    b = LabelledText().add(f"{noise.timestamp()} billing.{rng.choice(('charge', 'refund', 'chargeback'))}")
    b.add(f" invoice={noise.order_id()} customer={person.customer_id} card=").pii(
        write.card(person), "CREDIT_CARD"
    )
    b.add(f' amount="{noise.amount()}" holder="').pii(write.name(person), "PERSON").add('"')
    if rng.random() < 0.7:
        b.add(' billing_address="').pii(person.address.one_line(), "ADDRESS").add('"')
    b.add(f" masked_pan=************{person.card_number[-4:]} auth_code={rng.getrandbits(24):06X}")
    b.add(
        f" status={rng.choice(('approved', 'declined', 'pending'))} psp_ref={noise.luhn_failing_reference()}"
    )
    return b.sample("billing")


def negative_line(rng, noise, write, people) -> Sample:
    """A record with no personal data, full of values detectors mistake for some."""
    shape = rng.randrange(6)
    b = LabelledText()
    if shape == 0:
        request = f"{rng.choice(HTTP_METHODS)} {noise.http_path()} HTTP/1.1"
        status = rng.choice((200, 201, 304, 404, 500))
        b.add(f'{noise.ipv4()} - - [{noise.timestamp()}] "{request}" {status} {rng.randint(100, 99999)} ')
        b.add(f'"-" "app/{noise.version()[1:]}"')
    elif shape == 1:
        b.add(f"{noise.timestamp()} INFO deploy: rolled out {rng.choice(SERVICES)} {noise.version()} to ")
        b.add(f"{rng.choice(DATACENTERS)} ({noise.ipv6()}) in {noise.duration()}, build {noise.uuid()}")
    elif shape == 2:
        b.add(f'{noise.timestamp()} order {noise.order_id()} product="{rng.choice(PRODUCTS)}" ')
        b.add(f"qty={rng.randint(1, 5)} total={noise.amount()} ref={noise.luhn_failing_reference()} ")
        b.add(f"invoice={noise.order_id()}")
    elif shape == 3:
        b.add(f'{{"ts": "{noise.timestamp()}", "metric": "{rng.choice(SERVICES)}.latency", ')
        b.add(f'"p99": "{noise.duration()}", "host": "{noise.ipv4()}", "trace": "{noise.uuid()}", ')
        b.add(f'"plan": "{rng.choice(PRODUCTS)}"}}')
    elif shape == 4:
        b.add(f"{noise.timestamp()} WARN {rng.choice(SERVICES)}: retry {rng.randint(1, 5)}/5 for batch ")
        b.add(f"{noise.luhn_failing_reference()} after {noise.duration()}; cell {noise.cell_id()} imsi=")
        b.add(f"{noise.imsi()} dc={rng.choice(DATACENTERS)} {noise.version()}")
    else:
        day = noise.when()
        b.add(f'{noise.timestamp()} INFO roaming: partner="{rng.choice(ORGANISATIONS)}" ')
        b.add(f"mccmnc={rng.choice(('20601', '20408', '27201', '23415', '310260'))} dt={day:%Y%m%d} ")
        b.add(f"files={rng.randint(1, 400)} loaded into {rng.choice(TOOLS)} in {noise.duration()} ")
        b.add(f"(pid {rng.randint(100, 65000)}, port {rng.choice((5432, 6379, 8443, 9092))}, ")
        b.add(f"settlement {day:%d/%m/%Y} and {day:%d.%m.%Y})")
    return b.sample("negative")


def xml_record(rng, noise, write, people) -> Sample:
    """`<event ...><customer><name>...</name><phone type="mobile">...</phone>...</customer></event>`"""
    person = people[0]
    b = LabelledText().add(
        f'<event id="{noise.uuid()}" type="{rng.choice(EVENTS)}" ts="{noise.timestamp()}">'
    )
    b.add(f'<customer id="{person.customer_id}">')
    for entity in rng.sample(ENTITY_TYPES, rng.randint(2, 4)):
        tag = {"PERSON": "name", "ADDRESS": "address", "PHONE_NUMBER": 'phone type="mobile"',
               "EMAIL_ADDRESS": "email", "CREDIT_CARD": "pan"}[entity]  # fmt: skip
        b.add(f"<{tag}>").pii(escape(value_of(write, person, entity)), entity).add(f"</{tag.split()[0]}>")
    amount = f"{rng.randint(1, 500)}.{rng.randint(0, 99):02d}"
    b.add(f'</customer><amount currency="EUR">{amount}</amount></event>')
    return b.sample("xml")


def access_log(rng, noise, write, people) -> Sample:
    """A web server line whose query string carries an email address (`?email=ann@example.com&...`)."""
    person = people[0]
    path = rng.choice(("/account/unsubscribe", "/api/v1/lookup", "/newsletter/confirm", "/login/reset"))
    key = rng.choice(("email", "user", "login", "recipient"))
    b = LabelledText().add(f'{noise.ipv4()} - - [{noise.timestamp()}] "{rng.choice(("GET", "POST"))} {path}?')
    b.add(f"{key}=").pii(write.email(person), "EMAIL_ADDRESS")
    b.add(f'&token={noise.rng.getrandbits(64):016x}&lang={rng.choice(("nl", "fr", "de", "en"))} HTTP/1.1" ')
    b.add(f'{rng.choice((200, 302, 404))} {rng.randint(0, 9000)} "-" "Mozilla/5.0 app/{noise.version()[1:]}"')
    return b.sample("access_log")


# -- records written by people rather than programs: support chats, emails and CRM ticket notes -------
# Names, phones, addresses and card numbers sit in prose here, where context matters most.


def support_chat(rng, noise, write, people) -> Sample:
    """A few chat turns in prose: names, phones, emails, addresses (also on several lines), card numbers."""
    person, relative = people[0], people[1]
    agent = f"agent-{rng.randint(1, 250):03d}"
    b = LabelledText()
    clock = noise.when()

    def turn(who: str) -> LabelledText:
        nonlocal clock
        clock += timedelta(seconds=rng.randint(5, 90))
        return b.add(f"[{clock:%H:%M:%S}] {who}: ")

    turn(agent).add(f"Hello, you are chatting with support. Ticket {noise.order_id()} created.\n")
    openers = (
        ("Hi, my name is ", " and I cannot log in to the app."),
        ("Hello, this is ", ", my invoice looks wrong."),
        ("Good morning, ", " here. My internet has been down since yesterday."),
        ("Hi! Account holder is ", ", I want to change my plan."),
    )
    before, after = rng.choice(openers)
    turn("customer").add(before).pii(write.name(person), "PERSON").add(after + "\n")
    turn(agent).add(
        f"Thanks {rng.choice(('for waiting', 'for contacting us'))}. Can you confirm your details?\n"
    )
    for topic in rng.sample(("phone", "email", "address", "card", "relative", "upgrade"), rng.randint(2, 4)):
        customer = turn("customer")
        if topic == "phone":
            lead, tail = rng.choice((("You can call me back on ", "."), ("my number is ", " thanks"),
                                     ("Reach me at ", " after 6pm.")))  # fmt: skip
            customer.add(lead).pii(write.phone(person), "PHONE_NUMBER").add(tail)
        elif topic == "email":
            customer.add("My email is ").pii(write.email(person), "EMAIL_ADDRESS").add(
                ", please send the PDF there."
            )
        elif topic == "address":
            if rng.random() < 0.35:
                customer.add("I moved, please send the new SIM to:\n")
                customer.pii(person.address.multi_line(), "ADDRESS").add("\nThanks!")
            else:
                customer.add("I moved to ").pii(person.address.one_line(), "ADDRESS").add(" last month.")
        elif topic == "card":
            customer.add("I paid with my card ").pii(write.card(person), "CREDIT_CARD")
            customer.add(f" on {noise.when():%d/%m/%Y} and got charged {noise.amount()} twice.")
        elif topic == "relative":
            customer.add("My partner ").pii(write.name(relative), "PERSON").add(" also uses the landline ")
            customer.pii(write.phone(relative, "landline"), "PHONE_NUMBER").add(".")
        else:
            customer.add(
                f"Can I upgrade to the {rng.choice(PRODUCTS)} with the {rng.choice(PRODUCTS)} bundle?"
            )
        b.add("\n")
    turn(agent).add("Thank you ").pii(person.first_name, "PERSON")
    b.add(f", I have updated your account. Reference {noise.uuid()[:8]}.")
    return b.sample("support_chat")


def email_message(rng, noise, write, people) -> Sample:
    """An email with headers, a body and a signature (name, phones, sometimes a postal address)."""
    person = people[0]
    name = write.name(person) if rng.random() < 0.3 else person.full_name
    b = LabelledText().add("From: ").pii(name, "PERSON").add(" <").pii(write.email(person), "EMAIL_ADDRESS")
    b.add(">\nTo: ").pii(
        rng.choice(("support@proximo-telecom.eu", "billing@proximo-telecom.eu")), "EMAIL_ADDRESS"
    )
    subject = rng.choice(("Change of address", "Wrong invoice", "Cancel contract"))
    b.add(f"\nSubject: {subject} {person.customer_id}")
    b.add(f"\nDate: {noise.when():%a, %d %b %Y %H:%M:%S +0100}\nX-Ticket-Id: {noise.uuid()}\n\n")
    b.add(rng.choice(("Hello,", "Dear support team,", "Hi,")) + "\n\n")
    if rng.random() < 0.5:
        b.add("Please update my address to:\n").pii(person.address.multi_line(), "ADDRESS").add("\n\n")
    else:
        b.add(f"My invoice {noise.order_id()} of {noise.amount()} was charged to card ")
        b.pii(write.card(person), "CREDIT_CARD").add(" although I cancelled in February.\n\n")
    b.add("You can reach me at ").pii(write.phone(person), "PHONE_NUMBER").add(" during office hours.\n\n")
    b.add(rng.choice(("Kind regards,", "Best regards,", "Thanks,", "Met vriendelijke groeten,")) + "\n")
    b.pii(person.full_name, "PERSON").add("\n")
    if rng.random() < 0.5:
        b.add("Mobile: ").pii(write.phone(person, "mobile"), "PHONE_NUMBER").add("\n")
    if rng.random() < 0.4:
        b.pii(person.address.multi_line(), "ADDRESS").add("\n")
    if rng.random() < 0.5:
        b.add(f"\nOn {noise.when():%a %d %b %Y at %H:%M}, Support <")
        b.pii("support@proximo-telecom.eu", "EMAIL_ADDRESS").add("> wrote:\n")
        b.add(f"> Your ticket {noise.order_id()} has been created.\n")
    return b.sample("email")


def crm_note(rng, noise, write, people) -> Sample:
    """A free-text note an agent typed into the CRM after a call, in one of many phrasings."""
    person, other = people[0], people[1]
    b = LabelledText().add(f"{noise.when():%d/%m/%Y %H:%M} [{rng.choice(('note', 'call', 'escalation'))}] ")
    shape = rng.randrange(8)
    if shape == 0:
        b.add("Customer ").pii(write.name(person), "PERSON").add(" called from ")
        b.pii(write.phone(person), "PHONE_NUMBER").add(f" about invoice {noise.order_id()}. ID verified.")
    elif shape == 1:
        b.add("Spoke with ").pii(write.name(person), "PERSON").add(" (")
        b.pii(write.email(person), "EMAIL_ADDRESS")
        b.add("); promised a callback on ").pii(write.phone(person), "PHONE_NUMBER")
        b.add(f" before {noise.when():%d %B}.")
    elif shape == 2:
        b.pii(person.full_name.upper(), "PERSON").add(f" disputes a charge of {noise.amount()} on card ")
        b.pii(write.card(person), "CREDIT_CARD").add(f". Escalated to billing, case {noise.uuid()[:13]}.")
    elif shape == 3:
        b.add("Caller said her name was ").pii(person.full_name, "PERSON")
        b.add(" and that the contract is in the name of ").pii(other.full_name, "PERSON").add(".")
    elif shape == 4:
        b.add(rng.choice(("Mr. ", "Ms. ", "Mrs. ", "Dr. "))).pii(person.last_name, "PERSON")
        b.add(f" asked for a copy of all data we hold (request {noise.uuid()}); due within one month.")
    elif shape == 5:
        b.add("Port-in of ").pii(write.phone(person, "mobile"), "PHONE_NUMBER")
        b.add(f" from {rng.choice(ORGANISATIONS)} approved; SIM to be sent to ")
        b.pii(person.address.one_line(), "ADDRESS").add(" by courier.")
    elif shape == 6:
        b.add("Mail to ").pii(write.email(person), "EMAIL_ADDRESS").add(" bounced; ")
        b.pii(person.first_name, "PERSON").add(" prefers WhatsApp on ")
        b.pii(write.phone(person, "mobile"), "PHONE_NUMBER").add(".")
    else:
        b.add(f"Upgrade to {rng.choice(PRODUCTS)} booked for ").pii(write.name(person), "PERSON")
        b.add(", delivery to\n").pii(person.address.multi_line(), "ADDRESS").add("\nbetween 8:00 and 12:00.")
    return b.sample("crm_note")


# Shape -> (builder, weight).
SHAPES: dict[str, tuple[Callable[..., Sample], int]] = {
    "key_value": (key_value_line, 20),
    "json": (json_line, 15),
    "call_detail_record": (call_detail_record, 15),
    "support_chat": (support_chat, 10),
    "email": (email_message, 7),
    "billing": (billing_event, 13),
    "crm_note": (crm_note, 8),
    "xml": (xml_record, 5),
    "access_log": (access_log, 5),
    "negative": (negative_line, 20),
}


def _person_and_housemate(rng: random.Random, population: list[Person]) -> Callable[[], list[Person]]:
    """Draws the record's person and a second one: their housemate 70% of the time when they have one (a
    partner on the same landline, a relative on the contract), else anyone."""
    households: dict[str, list[Person]] = {}
    for person in population:
        if person.household_id:
            households.setdefault(person.household_id, []).append(person)

    def cast() -> list[Person]:
        person = rng.choice(population)
        mates = [p for p in households.get(person.household_id, []) if p is not person]
        other = mates[0] if mates and rng.random() < 0.7 else rng.choice(population)
        return [person, other]

    return cast


def build_corpus(lines: int = 3000, seed: int = 0) -> list[Sample]:
    """`lines` labelled samples, the same for the same seed."""
    rng = random.Random(seed)
    population = PeopleGenerator(seed).people(max(50, lines // 4))
    return weighted_corpus(
        lines, rng, Noise(rng), Writer(rng), SHAPES, _person_and_housemate(rng, population)
    )
