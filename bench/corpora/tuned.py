"""A labelled detection corpus in the shapes of real logs, built from synthetic people.

Each sample is one log record (a line, or a whole chat, email or note) with the exact character spans of
every personal value in it. Spans are recorded while the text is assembled (`LabelledText.pii`), never
found by searching afterwards, so a label can not drift from the value it labels. Negatives (and the noise
inside positive records) are full of what detectors mistake for personal data: UUIDs, order ids, 16-digit
references that fail Luhn, IMSIs, versions, timestamps, amounts, IP addresses, durations, HTTP paths,
product and organisation names.

    python -m bench.corpora.tuned --lines 2000 --seed 0 -o corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from xml.sax.saxutils import escape

from bench.corpora.noise import (
    DATACENTERS,
    ENTITY_TYPES,
    EVENTS,
    HTTP_METHODS,
    KEYS,
    ORGANISATIONS,
    PRODUCTS,
    SERVICES,
    TOOLS,
    LabelledText,
    Noise,
    Sample,
    Span,
    Writer,
    value_of,
)
from bench.corpora.prose import crm_note, email_message, support_chat
from flows.demo.synthetic_people import PeopleGenerator, Person

__all__ = ["ENTITY_TYPES", "SHAPES", "LabelledText", "Sample", "Span", "build_corpus", "write_jsonl"]


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


def corpus_main(
    argv: list[str] | None, build: Callable[[int, int], list[Sample]], prog: str, doc: str
) -> int:
    """The command line every corpus module shares: `--lines`, `--seed`, `-o`, `--no-labels`."""
    parser = argparse.ArgumentParser(prog=f"python -m {prog}", description=doc.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000, help="number of records (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", help="JSONL file to write (default: stdout)")
    parser.add_argument(
        "--no-labels", action="store_true", help="only id and text, as `piivault detect` reads"
    )
    args = parser.parse_args(argv)
    samples = build(args.lines, args.seed)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            write_jsonl(samples, out, not args.no_labels)
    else:
        write_jsonl(samples, sys.stdout, not args.no_labels)
    return 0


def main(argv: list[str] | None = None) -> int:
    return corpus_main(argv, build_corpus, "bench.corpora.tuned", __doc__)


if __name__ == "__main__":
    sys.exit(main())
