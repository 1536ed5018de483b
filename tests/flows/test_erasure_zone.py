"""A small raw zone built for the erasure and access tests, and helpers to snapshot and compare it.

The people come from `flows.demo.synthetic_people`: the subject lives in a household (a shared landline and
address with a housemate) and has a namesake (same first and last name, nothing else in common); a few
others fill the rows. Every dataset kind and policy of the demo catalog is present, and one web-log file
holds none of the three, so it must never be rewritten.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from flows.demo.synthetic_people import PeopleGenerator, Person, render_phone

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
                "landline": "PHONE_NUMBER",
                "address": "ADDRESS",
                "segment": "none",
            },
        },
        "web_logs": {
            "path": "logs/web-*.jsonl",
            "format": "jsonl",
            "erasure": "redact",
            "columns": {"user.email": "EMAIL_ADDRESS", "search": "free_text", "page": "none", "ts": "none"},
        },
        "support_chats": {"path": "support/chat-*.log", "format": "text", "erasure": "redact"},
        "call_records": {
            "path": "telecom/cdr-*.csv",
            "format": "csv",
            "erasure": "retain",
            "columns": {"caller": "PHONE_NUMBER", "callee": "PHONE_NUMBER", "call_id": "none"},
        },
        "billing_invoices": {
            "path": "billing/invoices-*.parquet",
            "format": "parquet",
            "subject_key": "customer_id",
            "erasure": "retain",
            "columns": {"billing_name": "PERSON", "card_number": "CREDIT_CARD", "invoice_id": "none"},
        },
        "newsletter": {
            "path": "marketing/newsletter*.csv",
            "format": "csv",
            "erasure": "delete_rows",
            "columns": {"email": "EMAIL_ADDRESS", "topics": "none"},
        },
    },
}
UNRELATED_WEB_LOG = "logs/web-2026-01-06.jsonl"
SUBSCRIBER_ONLY = "walk.in.reader@example.org"  # on the newsletter list only: no customer id links it


@dataclass
class People:
    subject: Person
    housemate: Person  # shares the subject's landline and address
    namesake: Person  # same name as the subject
    others: list[Person]

    @property
    def everyone(self) -> list[Person]:
        return [self.subject, self.housemate, self.namesake, *self.others]


def make_people(seed: int = 21) -> People:
    generator = PeopleGenerator(seed, regions=("BE", "NL", "GB"))
    subject, housemate = generator.household("BE", size=2)
    namesake = generator.namesake_of(subject)
    others = [generator.person() for _ in range(6)]
    return People(subject, housemate, namesake, others)


def _csv(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _lines(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _event(ts: str, person: Person, search: str | None, upper: bool = False) -> str:
    email = person.email.upper() if upper else person.email
    return json.dumps({"ts": ts, "page": "/plans", "user": {"email": email}, "search": search, "ms": 12})


def write_zone(root: Path, people: People) -> Path:
    """Write the raw zone and its catalog under `root`; returns the catalog path."""
    s, h, n, others = people.subject, people.housemate, people.namesake, people.others
    raw = root / "raw"
    _csv(
        raw / "crm" / "customers.csv",
        ["customer_id", "name", "email", "phone", "landline", "address", "segment"],
        [
            [p.customer_id, p.full_name, p.email, p.mobile, p.landline, p.address.one_line(), "consumer"]
            for p in people.everyone
        ],
    )
    web = [
        _event("2026-01-05T09:00:00Z", s, None, upper=True),
        _event("2026-01-05T09:01:00Z", s, f"callback {render_phone(s.mobile, 'national')}"),
        _event("2026-01-05T09:02:00Z", n, f"plans for {n.full_name}"),
        _event("2026-01-05T09:03:00Z", h, "fiber availability"),
    ] + [_event(f"2026-01-05T10:0{i}:00Z", p, "roaming charges") for i, p in enumerate(others)]
    _lines(raw / "logs" / "web-2026-01-05.jsonl", web)
    _lines(
        raw / UNRELATED_WEB_LOG, [_event(f"2026-01-06T10:0{i}:00Z", p, None) for i, p in enumerate(others)]
    )
    chat = [
        f"2026-01-05T10:00:00Z chat-1 customer: please reach me at {s.email} today",
        f"2026-01-05T10:01:00Z chat-1 customer: or call me back on {render_phone(s.mobile, 'international')}",
        f"2026-01-05T10:02:00Z chat-2 customer: Hi, this is {s.full_name}, my invoice looks wrong",
        f"2026-01-05T10:03:00Z chat-3 customer: this is {n.full_name}, mail me at {n.email}",
        f"2026-01-05T10:04:00Z chat-4 customer: call home on {render_phone(h.landline, 'international')}",
        f"2026-01-05T10:05:00Z chat-4 customer: or write to {h.email}",
        f"2026-01-05T10:06:00Z chat-5 customer: the payment with card {s.card_number} was charged twice",
    ] + [f"2026-01-05T11:0{i}:00Z chat-9{i} customer: my mail is {p.email}" for i, p in enumerate(others)]
    _lines(raw / "support" / "chat-2026-01-05.log", chat)
    calls = [
        ["C1", s.mobile, others[0].mobile],
        ["C2", render_phone(s.landline, "international"), others[1].mobile],
        ["C3", n.mobile, others[2].mobile],
        ["C4", others[3].mobile, others[4].mobile],
    ]
    _csv(raw / "telecom" / "cdr-2026-01-05.csv", ["call_id", "caller", "callee"], calls)
    invoices = {
        "invoice_id": [f"INV-{i}" for i, _ in enumerate(people.everyone)],
        "customer_id": [p.customer_id for p in people.everyone],
        "billing_name": [p.full_name.upper() for p in people.everyone],
        "card_number": [p.card_number for p in people.everyone],
        "amount_eur": [10.5 + i for i, _ in enumerate(people.everyone)],
    }
    (raw / "billing").mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(invoices), raw / "billing" / "invoices-2026-01.parquet")
    _csv(
        raw / "marketing" / "newsletter.csv",
        ["email", "topics"],
        [
            [s.email.upper(), "deals"],
            [n.email, "deals"],
            [h.email, "product"],
            [others[0].email, "deals"],
            [SUBSCRIBER_ONLY, "events"],
        ],
    )
    catalog = root / "catalog.yaml"
    catalog.write_text(yaml.safe_dump(CATALOG, sort_keys=False), encoding="utf-8")
    return catalog


def file_states(root: Path) -> dict[str, tuple[str, int]]:
    """Relative path -> (sha256, mtime_ns) of every data file in the raw and clean zones."""
    states = {}
    for zone in ("raw", "clean"):
        for path in sorted((root / zone).rglob("*")):
            if path.is_file() and "_manifest" not in path.parts and not path.name.startswith("."):
                states[str(path.relative_to(root))] = (
                    hashlib.sha256(path.read_bytes()).hexdigest(),
                    path.stat().st_mtime_ns,
                )
    return states


def clean_rows(root: Path, dataset: str) -> list[dict]:
    """Every clean row of a dataset, files in name order, rows in order."""
    rows = []
    for path in sorted((root / "clean" / dataset).rglob("*.parquet")):
        if not path.name.startswith("."):
            rows.extend(pq.read_table(path).to_pylist())
    return rows


def personal_values(person: Person) -> list[str]:
    """Distinctive forms of a person's values that must not survive where they were erased."""
    digits = person.mobile.lstrip("+")
    return [
        person.email.lower(),
        person.customer_id,
        person.card_number,
        digits[-8:],
        person.address.lines[0],
    ]


def test_zone_holds_a_household_and_namesakes(tmp_path):
    people = make_people()
    assert people.subject.landline == people.housemate.landline
    assert people.subject.full_name == people.namesake.full_name
    assert len({p.email for p in people.everyone}) == len(people.everyone)
    write_zone(tmp_path, people)
    assert (tmp_path / "raw" / UNRELATED_WEB_LOG).read_text().count("\n") == len(people.others)


def tokenized_template(tmp_path_factory) -> tuple[Path, People]:
    """The zone written and tokenized by a real tokenize flow run (conftest's session fixture `template`;
    copy it before use, as the `zone` fixture does)."""
    from flows.tokenize.flow import tokenize

    people = make_people()
    root = tmp_path_factory.mktemp("erasure-template")
    tokenize(catalog_path=str(write_zone(root, people)))
    return root, people


def copy_zone(template: Path, target: Path) -> Path:
    """A private copy of the tokenized zone (vault, keys and KEK file included); returns its root."""
    import shutil

    shutil.copytree(template, target)
    return target


def open_vault(root: Path):
    """The vault of a test zone, opened from its catalog."""
    from flows.pipeline.catalog import load_catalog
    from vault.store import Vault

    return Vault.open(load_catalog(root / "catalog.yaml").vault_url)
