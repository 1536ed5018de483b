"""A realistic raw zone and its catalog, for `make demo`, the tests, the notebooks and the benchmark.

The same synthetic people appear in every service, written the way each service writes them: the CRM
keeps tidy values, web and app logs carry upper-cased or capitalised emails, call records mix E.164,
international and national phone numbers, support chats put names, addresses, phones and card numbers in
prose, invoices group card digits. Joins on tokens only work because the vault normalises all of that.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from flows.demo.synthetic_people import (
    CARD_STYLES,
    Person,
    generate_people,
    render_address,
    render_card,
    render_email,
    render_name,
    render_phone,
)
from values.phones import to_e164

EPOCH = datetime(2026, 1, 5, tzinfo=UTC)
DAYS = 3  # web logs, call records and chats are split into one file per day
SEGMENTS = ("consumer", "consumer", "consumer", "business", "premium")
PLANS = ("mobile-s", "mobile-m", "mobile-l", "fiber-500", "fiber-1000", "bundle")
PAGES = ("/", "/plans", "/plans/mobile", "/support", "/account", "/account/invoices", "/roaming", "/shop")
SEARCHES = (
    "roaming charges spain",
    "cancel contract",
    "iphone 16 price",
    "fiber availability",
    "how to pay invoice",
    "esim activation",
    "data bundle 10gb",
    "change billing address",
    "port my number",
    "5g coverage map",
)
CALL_PHONE_STYLES = ("e164", "international", "national", "national_compact", "international_00")
CHAT_PHONE_STYLES = ("international", "national", "national_dashes", "trunk_zero", "e164")

# The catalog written beside the raw zone; paths are relative to the catalog's directory.
CATALOG = {
    "zones": {"raw": "raw", "clean": "clean", "quarantine": "quarantine", "reports": "reports"},
    "vault": "sqlite:///vault.db",
    "datasets": {
        "crm_customers": {
            "path": "crm/customers*.csv",
            "format": "csv",
            "subject_key": "customer_id",
            "erasure": "delete_rows",
            "columns": {
                "name": "PERSON",
                "email": "EMAIL_ADDRESS",
                "phone": "PHONE_NUMBER",
                "address": "ADDRESS",
                "segment": "none",
                "plan": "none",
            },
            "description": "customer master data from the CRM",
        },
        "web_logs": {
            "path": "logs/web-*.jsonl",
            "format": "jsonl",
            "erasure": "redact",
            "columns": {"user.email": "EMAIL_ADDRESS", "search": "free_text"},
            "description": "web and app interaction events",
        },
        "call_records": {
            "path": "telecom/cdr-*.csv",
            "format": "csv",
            "erasure": "retain",
            "columns": {"caller": "PHONE_NUMBER", "callee": "PHONE_NUMBER"},
            "description": "call detail records, kept for the legal retention period",
        },
        "support_chats": {
            "path": "support/chat-*.log",
            "format": "text",
            "erasure": "redact",
            "description": "support chat transcripts, one message a line",
        },
        "billing_invoices": {
            "path": "billing/invoices-*.parquet",
            "format": "parquet",
            "subject_key": "customer_id",
            "erasure": "retain",
            "description": "invoices kept for the accounting obligation",
        },
        "newsletter": {
            "path": "marketing/newsletter*.csv",
            "format": "csv",
            "erasure": "delete_rows",
            "description": "newsletter subscriptions",
        },
    },
}


@dataclass
class DemoZone:
    """What `write_demo_zone` produced (paths and counts; the people are for tests and notebooks)."""

    catalog_path: Path
    raw_dir: Path
    rows: dict[str, int] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)


def _people_count(rows: int) -> int:
    return max(20, min(5_000, rows // 20))


def _split(rows: int) -> dict[str, int]:
    """How many records each service gets out of roughly `rows` in total."""
    people = _people_count(rows)
    rest = max(rows - people, 0)
    return {
        "crm_customers": people,
        "web_logs": rest * 45 // 100,
        "call_records": rest * 30 // 100,
        "support_chats": rest * 10 // 100,
        "billing_invoices": rest * 10 // 100,
        "newsletter": rest - rest * 95 // 100,
    }


class _Renderer:
    """Cached renderings: formatting a phone number is slow, and each person has a handful of forms."""

    def __init__(self) -> None:
        self._phones: dict[tuple[str, str], str] = {}

    def phone(self, e164: str, style: str) -> str:
        """`e164` in `style`; a national form that would read as another region's number is written
        internationally instead (a real system knows its own region; a mixed demo zone does not)."""
        key = (e164, style)
        if key not in self._phones:
            text = render_phone(e164, style, random.Random(e164))
            if style.startswith("national") and to_e164(text) != e164:
                text = render_phone(e164, "international")
            self._phones[key] = text
        return self._phones[key]


def _timestamp(rng: random.Random, day: int) -> str:
    moment = EPOCH + timedelta(days=day, seconds=rng.randrange(86_400))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _write_crm(path: Path, people: list[Person], rng: random.Random) -> int:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["customer_id", "name", "email", "phone", "address", "segment", "plan", "since"])
        for person in people:
            since = (EPOCH - timedelta(days=rng.randrange(30, 3000))).date().isoformat()
            writer.writerow(
                [
                    person.customer_id,
                    person.full_name,
                    person.email,
                    person.mobile,
                    render_address(person.address, rng.choice(("one_line", "one_line", "multi_line"))),
                    rng.choice(SEGMENTS),
                    rng.choice(PLANS),
                    since,
                ]
            )
    return len(people)


def _web_event(person: Person, rng: random.Random, day: int, render: _Renderer) -> dict:
    event: dict = {
        "ts": _timestamp(rng, day),
        "channel": rng.choice(("web", "web", "app")),
        "event": rng.choice(("page_view", "page_view", "search", "login", "click")),
        "session_id": f"s-{rng.getrandbits(48):012x}",
        "ip": f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
        "page": rng.choice(PAGES),
        "user": {"email": render_email(person.email, rng.choice(("lower", "lower", "upper", "capitalized")))},
        "duration_ms": rng.randint(20, 9000),
    }
    if event["event"] == "search":
        query = rng.choice(SEARCHES)
        roll = rng.random()
        if roll < 0.15:
            query = f"{query} for {render_name(person, 'title')}"
        elif roll < 0.25:
            query = f"callback {render.phone(person.mobile, 'national')}"
        event["search"] = query
    else:
        event["search"] = None
    if event["channel"] == "app":
        event["device"] = {"os": rng.choice(("android", "ios")), "app_version": f"5.{rng.randint(0, 9)}.1"}
    return event


def _write_web_logs(
    raw: Path, people: list[Person], count: int, rng: random.Random, render: _Renderer
) -> int:
    for day in range(DAYS):
        share = count // DAYS + (1 if day < count % DAYS else 0)
        with (raw / "logs" / f"web-{(EPOCH + timedelta(days=day)).date()}.jsonl").open("w") as handle:
            for _ in range(share):
                event = _web_event(rng.choice(people), rng, day, render)
                handle.write(json.dumps(event, ensure_ascii=False) + "\n")
    return count


def _write_call_records(
    raw: Path, people: list[Person], count: int, rng: random.Random, render: _Renderer
) -> int:
    for day in range(DAYS):
        share = count // DAYS + (1 if day < count % DAYS else 0)
        path = raw / "telecom" / f"cdr-{(EPOCH + timedelta(days=day)).date()}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["call_id", "started_at", "duration_s", "caller", "callee", "cell_id", "type"])
            for _ in range(share):
                caller, callee = rng.choice(people), rng.choice(people)
                writer.writerow(
                    [
                        f"C{rng.getrandbits(40):010x}",
                        _timestamp(rng, day),
                        rng.randint(1, 3600),
                        render.phone(rng.choice(caller.phones), rng.choice(CALL_PHONE_STYLES)),
                        render.phone(rng.choice(callee.phones), rng.choice(CALL_PHONE_STYLES)),
                        f"cell-{rng.randint(100, 999)}",
                        rng.choice(("voice", "voice", "sms", "volte")),
                    ]
                )
    return count


def _chat_message(person: Person, rng: random.Random, render: _Renderer) -> str:
    name = render_name(person, rng.choice(("title", "title", "upper", "last_upper")))
    phone = render.phone(person.mobile, rng.choice(CHAT_PHONE_STYLES))
    card = render_card(person.card_number, rng.choice(CARD_STYLES))
    address = render_address(person.address, "one_line")
    email = render_email(person.email, rng.choice(("lower", "upper")))
    return rng.choice(
        (
            f"customer: Hi, this is {name}, my invoice looks wrong this month",
            f"customer: please call me back on {phone} after 5pm",
            f"customer: I moved, my new address is {address}",
            f"customer: the payment with card {card} was charged twice",
            f"agent: thanks {person.first_name}, I have updated the contact email to {email}",
            "agent: is there anything else I can help you with today?",
            "customer: my 5g connection drops every evening since the update",
            f"customer: can you send the contract to {email} please",
        )
    )


def _write_support_chats(
    raw: Path, people: list[Person], count: int, rng: random.Random, render: _Renderer
) -> int:
    for day in range(DAYS):
        share = count // DAYS + (1 if day < count % DAYS else 0)
        with (raw / "support" / f"chat-{(EPOCH + timedelta(days=day)).date()}.log").open("w") as handle:
            for _ in range(share):
                chat = f"chat-{rng.randint(10_000, 99_999)}"
                message = _chat_message(rng.choice(people), rng, render)
                handle.write(f"{_timestamp(rng, day)} {chat} agent=A{rng.randint(10, 60)} {message}\n")
    return count


def _write_invoices(raw: Path, people: list[Person], count: int, rng: random.Random) -> int:
    columns: dict[str, list] = {
        "invoice_id": [],
        "customer_id": [],
        "issued_on": [],
        "amount_eur": [],
        "billing_name": [],
        "billing_address": [],
        "card_number": [],
        "status": [],
    }
    for index in range(count):
        person = rng.choice(people)
        columns["invoice_id"].append(f"INV-{2026_000000 + index}")
        columns["customer_id"].append(person.customer_id)
        columns["issued_on"].append((EPOCH + timedelta(days=rng.randrange(DAYS))).date())
        columns["amount_eur"].append(round(rng.uniform(9.99, 149.0), 2))
        columns["billing_name"].append(render_name(person, rng.choice(("title", "upper"))))
        columns["billing_address"].append(render_address(person.address, "one_line"))
        columns["card_number"].append(render_card(person.card_number, rng.choice(CARD_STYLES)))
        columns["status"].append(rng.choice(("paid", "paid", "paid", "open", "overdue")))
    table = pa.table(columns)
    pq.write_table(table, raw / "billing" / "invoices-2026-01.parquet", row_group_size=10_000)
    return count


def _write_newsletter(path: Path, people: list[Person], count: int, rng: random.Random) -> int:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["email", "subscribed_at", "topics", "source"])
        for _ in range(count):
            person = rng.choice(people)
            writer.writerow(
                [
                    render_email(person.email, rng.choice(("lower", "upper", "capitalized"))),
                    _timestamp(rng, rng.randrange(DAYS)),
                    rng.choice(("deals", "deals;product", "product", "events")),
                    rng.choice(("footer", "checkout", "app")),
                ]
            )
    return count


def write_demo_zone(out: Path, rows: int = 2_000, seed: int = 7) -> DemoZone:
    """Write `out/catalog.yaml` and a raw zone of about `rows` records under `out/raw` (deterministic)."""
    out = Path(out)
    raw = out / "raw"
    for sub in ("crm", "logs", "telecom", "support", "billing", "marketing"):
        (raw / sub).mkdir(parents=True, exist_ok=True)
    split = _split(rows)
    people = generate_people(split["crm_customers"], seed=seed)
    rng = random.Random(seed)
    render = _Renderer()
    written = {
        "crm_customers": _write_crm(raw / "crm" / "customers.csv", people, rng),
        "web_logs": _write_web_logs(raw, people, split["web_logs"], rng, render),
        "call_records": _write_call_records(raw, people, split["call_records"], rng, render),
        "support_chats": _write_support_chats(raw, people, split["support_chats"], rng, render),
        "billing_invoices": _write_invoices(raw, people, split["billing_invoices"], rng),
        "newsletter": _write_newsletter(
            raw / "marketing" / "newsletter.csv", people, split["newsletter"], rng
        ),
    }
    catalog_path = out / "catalog.yaml"
    header = "# piivault catalog for the demo raw zone (written by `piivault demo-data`).\n"
    catalog_path.write_text(header + yaml.safe_dump(CATALOG, sort_keys=False), encoding="utf-8")
    return DemoZone(catalog_path=catalog_path, raw_dir=raw, rows=written, people=people)
