"""The non-personal values real logs are full of, and that detectors mistake for personal data: UUIDs,
order ids, 16-digit references that fail Luhn, IMSIs, cell ids, versions, timestamps, amounts, IP addresses,
durations, HTTP paths, product and organisation names. Every corpus draws them from its own seeded rng.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from flows.demo.synthetic_people import luhn_valid

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
