"""Canary personal values and bad input seeded into a demo raw zone, so tests can prove where values
do not go (Prefect's database, logs, artifacts, reports, the clean zone, quarantine files, exceptions).

Canaries sit where piivault must find them whatever the detector's recall on unusual names: declared
columns, and emails, phones and card numbers in prose.
"""

from __future__ import annotations

import json
from pathlib import Path

CANARY_EMAIL = "zebulon.quargleworth@canarymail.com"
CANARY_NAME = "Zebulon Quargleworth"
CANARY_PHONE = "+32 470 55 12 34"
CANARY_PHONE_E164 = "+32470551234"
CANARY_CARD = "4556737586899855"
CANARY_ADDRESS = "Quarglestraat 77, 9999 Kanarieveld"
CANARY_CUSTOMER = "CU99999999"
# Distinctive substrings that must not appear anywhere but the raw zone (and, sealed, the vault).
CANARY_VALUES: tuple[str, ...] = (
    CANARY_EMAIL,
    "quargleworth@",
    CANARY_NAME,
    CANARY_PHONE,
    CANARY_PHONE_E164,
    "470551234",
    CANARY_CARD,
    "4556 7375 8689 9855",
    "Quarglestraat",
)


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(text)


def seed_canaries(raw: Path) -> None:
    """Put the canary person into the CRM, the web logs (field and free text) and the support chats."""
    _append(
        raw / "crm" / "customers.csv",
        f'{CANARY_CUSTOMER},{CANARY_NAME},{CANARY_EMAIL},{CANARY_PHONE},"{CANARY_ADDRESS}",premium,bundle,'
        "2020-02-02\n",
    )
    event = {
        "ts": "2026-01-05T10:00:00Z",
        "channel": "web",
        "event": "search",
        "session_id": "s-canary",
        "ip": "10.0.0.1",
        "page": "/support",
        "user": {"email": CANARY_EMAIL.upper()},
        "duration_ms": 10,
        "search": f"callback {CANARY_PHONE} or mail {CANARY_EMAIL}",
    }
    _append(raw / "logs" / "web-2026-01-05.jsonl", json.dumps(event) + "\n")
    chat = raw / "support" / "chat-2026-01-05.log"
    _append(chat, f"2026-01-05T10:01:00Z chat-1 agent=A1 customer: reach me at {CANARY_EMAIL} please\n")
    _append(chat, f"2026-01-05T10:02:00Z chat-1 agent=A1 customer: or call {CANARY_PHONE} tonight\n")
    _append(chat, "2026-01-05T10:03:00Z chat-1 agent=A1 customer: the card 4556 7375 8689 9855 was charged\n")


def seed_bad_input(raw: Path, big_line_bytes: int = 10 << 20) -> dict[str, int]:
    """Files with unreadable records; returns raw relpath -> records it holds (good and bad)."""
    web = raw / "logs" / "web-2026-01-09.jsonl"
    good = {"ts": "2026-01-09T00:00:00Z", "event": "page_view", "user": {"email": "someone@example.com"}}
    with web.open("wb") as handle:
        handle.write(json.dumps(good).encode() + b"\n")
        handle.write(b'{"user": {"email": "' + CANARY_EMAIL.encode() + b'"}, "broken\n')
        handle.write(b'{"user": {"email": "caf\xe9@example.com"}}\n')
        handle.write(b'["not", "an", "object"]\n')
        handle.write(b'{"blob": "' + b"x" * big_line_bytes + b'"}\n')
        handle.write(json.dumps(good).encode() + b"\n")
    newsletter = raw / "marketing" / "newsletter-bad.csv"
    with newsletter.open("wb") as handle:
        handle.write(b"email,subscribed_at,topics,source\n")
        handle.write(b"ann@example.com,2026-01-05T00:00:00Z,deals,footer\n")
        handle.write(CANARY_EMAIL.encode() + b",2026-01-05T00:00:00Z\n")  # too few fields
        handle.write(b'"bad"x,2026-01-05T00:00:00Z,deals,footer\n')  # malformed quoting
        handle.write(b"b\xf6b@example.com,2026-01-05T00:00:00Z,deals,footer\n")  # not UTF-8
        handle.write(b'carl@example.com,2026-01-05T00:00:00Z,"deals\nproduct",app\n')  # quoted newline: fine
    empty = raw / "support" / "chat-2026-01-09.log"
    empty.write_bytes(b"")
    return {
        "logs/web-2026-01-09.jsonl": 6,
        "marketing/newsletter-bad.csv": 5,
        "support/chat-2026-01-09.log": 0,
    }
