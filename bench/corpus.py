"""A labelled detection corpus in the shapes of real logs, built from synthetic people.

Each sample is one log record (a line, or a whole chat or email) with the exact character spans of every
personal value in it. Spans are recorded while the text is assembled, never found by searching afterwards,
so a label can not drift from the value it labels. Negatives (and the noise inside positive records) are
full of what detectors mistake for personal data: UUIDs, order ids, 16-digit references that fail Luhn,
versions, timestamps, amounts, IP addresses, durations, HTTP paths and product names.

    python -m bench.corpus --lines 2000 --seed 0 -o corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from flows.synthetic_people import (
    CARD_STYLES,
    EMAIL_STYLES,
    PHONE_STYLES,
    PeopleGenerator,
    Person,
    luhn_valid,
    render_card,
    render_email,
    render_name,
    render_phone,
)

ENTITY_TYPES = ("PERSON", "ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD")
Span = tuple[int, int, str]


class Sample(NamedTuple):
    """One labelled record: its text, gold spans `(start, end, entity_type)`, and the log shape it has."""

    text: str
    spans: list[Span]
    kind: str


class LabelledText:
    """Text assembled piece by piece; personal values are added with `pii`, which records their span."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.spans: list[Span] = []

    def add(self, text: str) -> LabelledText:
        self._parts.append(text)
        self._length += len(text)
        return self

    def pii(self, text: str, entity_type: str) -> LabelledText:
        self.spans.append((self._length, self._length + len(text), entity_type))
        return self.add(text)

    def sample(self, kind: str) -> Sample:
        return Sample("".join(self._parts), list(self.spans), kind)


# -- noise: what real logs are full of and what is not personal data ------------------------------

PRODUCTS = (
    "Galaxy S24 Ultra", "iPhone 15 Pro", "Pixel 8a", "Fibre Max 1000", "Mobile Unlimited 5G",
    "TV Premium Pack", "Fritz!Box 7590", "Netflix Standard", "Roaming Pass Europe", "eSIM Duo",
    "Business Cloud Backup", "Xperia 10 V", "Home Router HG8245", "Data Boost 20GB",
)  # fmt: skip
SERVICES = (
    "auth",
    "billing",
    "crm-sync",
    "provisioning",
    "api-gateway",
    "notify",
    "rating",
    "kafka-consumer",
)
EVENTS = (
    "login", "profile.update", "password.reset", "sim.activate", "contract.renew", "invoice.sent",
    "payment.captured", "consent.changed", "ticket.created", "address.changed", "number.ported",
)  # fmt: skip
DATACENTERS = ("Frankfurt", "Amsterdam", "Dublin", "Paris", "Brussels", "Milan", "Madrid", "London")
HTTP_METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH")
ORGANISATIONS = (
    "Vodafone Ireland", "Orange Belgium", "Deutsche Telekom", "KPN Mobile", "Telefónica España", "TIM Italia",
    "BT Group", "Verizon Wireless", "Bouygues Telecom", "Three UK", "Swisscom Roaming", "T-Mobile US",
)  # fmt: skip
TOOLS = ("PostgreSQL", "Redis", "Kafka", "ClickHouse", "Elasticsearch", "Grafana Loki", "BigQuery")


class Noise:
    """Random non-personal values, seeded."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._epoch = datetime(2026, 3, 1, tzinfo=UTC)

    def when(self) -> datetime:
        return self._epoch + timedelta(
            seconds=self.rng.randrange(60 * 86400), milliseconds=self.rng.randrange(1000)
        )

    def timestamp(self) -> str:
        moment = self.when()
        return self.rng.choice(
            (
                moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                moment.strftime("%Y-%m-%d %H:%M:%S"),
                moment.strftime("%Y-%m-%dT%H:%M:%S%z"),
            )
        )

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def ipv4(self) -> str:
        return ".".join(str(self.rng.randint(1, 254)) for _ in range(4))

    def ipv6(self) -> str:
        return "2001:db8:" + ":".join(f"{self.rng.getrandbits(16):x}" for _ in range(6))

    def version(self) -> str:
        return f"v{self.rng.randint(1, 9)}.{self.rng.randint(0, 30)}.{self.rng.randint(0, 40)}"

    def duration(self) -> str:
        seconds = self.rng.randint(1, 4000)
        return self.rng.choice(
            (f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}", f"{seconds}s",
             f"{self.rng.randint(1, 9000)}ms", f"PT{seconds // 60}M{seconds % 60}S")
        )  # fmt: skip

    def amount(self) -> str:
        value = f"{self.rng.randint(1, 2500)}.{self.rng.randint(0, 99):02d}"
        return self.rng.choice((f"EUR {value}", f"{value} EUR", f"€{value}", f"{value}", f"GBP {value}"))

    def order_id(self) -> str:
        return self.rng.choice(
            (f"ORD-{self.rng.randint(2024, 2026)}-{self.rng.randint(0, 9999999):07d}",
             f"INV{self.rng.randint(10**9, 10**10 - 1)}", f"T-{self.rng.randint(100000, 999999)}")
        )  # fmt: skip

    def luhn_failing_reference(self) -> str:
        """A 16-digit reference that looks like a card but fails the Luhn check."""
        while True:
            digits = self.rng.choice("3456") + "".join(self.rng.choice("0123456789") for _ in range(15))
            if not luhn_valid(digits):
                break
        if self.rng.random() < 0.4:
            return " ".join(digits[i : i + 4] for i in range(0, 16, 4))
        return digits

    def imsi(self) -> str:
        return self.rng.choice(("206", "204", "208", "262", "234", "272")) + "".join(
            self.rng.choice("0123456789") for _ in range(12)
        )

    def cell_id(self) -> str:
        network = self.rng.choice(("206-01", "204-08", "208-10", "262-02"))
        return f"{network}-{self.rng.randint(1, 65535)}-{self.rng.randint(1, 268435455)}"

    def http_path(self) -> str:
        return self.rng.choice(
            (f"/api/v{self.rng.randint(1, 3)}/customers/{self.uuid()}/contracts",
             f"/v2/orders/{self.order_id()}", "/health", f"/static/app.{self.rng.getrandbits(32):08x}.js",
             f"/api/v1/invoices/{self.rng.randint(10**6, 10**7)}/pdf", "/metrics")
        )  # fmt: skip

    def field(self) -> tuple[str, str]:
        """A random non-personal key=value pair."""
        key = self.rng.choice(
            ("req_id", "ip", "dur", "status", "ver", "order", "dc", "session", "trace", "ref")
        )
        value = {
            "req_id": self.uuid, "ip": lambda: self.rng.choice((self.ipv4(), self.ipv6())),
            "dur": self.duration, "status": lambda: str(self.rng.choice((200, 201, 204, 400, 404, 500))),
            "ver": self.version, "order": self.order_id, "dc": lambda: self.rng.choice(DATACENTERS),
            "session": lambda: f"{self.rng.getrandbits(64):016x}",
            "trace": lambda: f"{self.rng.getrandbits(128):032x}",
            "ref": self.luhn_failing_reference,
        }[key]()  # fmt: skip
        return key, value


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


def _value(write: Writer, person: Person, entity: str) -> str:
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
        text = _value(write, person, key)
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
        items.append((rng.choice(KEYS[entity]), _value(write, person, entity), entity))
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


# Shape -> (builder, weight).
SHAPES: dict[str, tuple[Callable[..., Sample], int]] = {
    "key_value": (key_value_line, 20),
    "json": (json_line, 15),
    "call_detail_record": (call_detail_record, 15),
    "support_chat": (support_chat, 10),
    "email": (email_message, 7),
    "billing": (billing_event, 13),
    "negative": (negative_line, 20),
}


def build_corpus(lines: int = 3000, seed: int = 0) -> list[Sample]:
    """`lines` labelled samples, the same for the same seed."""
    rng = random.Random(seed)
    noise, write = Noise(rng), Writer(rng)
    population = PeopleGenerator(seed).people(max(50, lines // 4))
    households: dict[str, list[Person]] = {}
    for person in population:
        if person.household_id:
            households.setdefault(person.household_id, []).append(person)
    names, weights = list(SHAPES), [w for _, w in SHAPES.values()]
    samples = []
    for _ in range(lines):
        person = rng.choice(population)
        mates = [p for p in households.get(person.household_id, []) if p is not person]
        other = mates[0] if mates and rng.random() < 0.7 else rng.choice(population)
        shape = rng.choices(names, weights)[0]
        samples.append(SHAPES[shape][0](rng, noise, write, [person, other]))
    return samples


def write_jsonl(samples: list[Sample], out, with_labels: bool = True) -> None:
    """One JSON object a line: `id`, `text` and (with labels) `kind` and `spans`."""
    for index, sample in enumerate(samples):
        record: dict = {"id": index, "text": sample.text}
        if with_labels:
            record.update(kind=sample.kind, spans=[list(s) for s in sample.spans])
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=3000, help="number of records (default 3000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", help="JSONL file to write (default: stdout)")
    parser.add_argument(
        "--no-labels", action="store_true", help="only id and text, as `piivault detect` reads"
    )
    args = parser.parse_args(argv)
    samples = build_corpus(args.lines, args.seed)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            write_jsonl(samples, out, not args.no_labels)
    else:
        write_jsonl(samples, sys.stdout, not args.no_labels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
