"""A scratch PostgreSQL schema per benchmark run, and the `--postgres-url` option that names the server.

The server is `PIIVAULT_BENCH_POSTGRES_URL` (default `PIIVAULT_TEST_POSTGRES_URL`, then
postgresql://postgres@127.0.0.1:5432/test). Each run gets a fresh schema, reached through the URL's
`search_path`, and drops it afterwards with the key store's schema beside it (`vault.key_schema`).
"""

from __future__ import annotations

import argparse
import os
import secrets
from urllib.parse import quote

from sqlalchemy import create_engine, text

from vault.engine import normalise_url
from vault.key_schema import key_schema_name


def add_postgres_url(parser: argparse.ArgumentParser) -> None:
    """The `--postgres-url` option, its default from the environment."""
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "PIIVAULT_BENCH_POSTGRES_URL",
            os.environ.get("PIIVAULT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"),
        ),
    )


class Scratch:
    """A fresh schema named `prefix` and a random suffix; `url` reaches it, `drop()` removes it with its
    key schema. Raises when PostgreSQL is unreachable."""

    def __init__(self, base_url: str, prefix: str = "pv_bench_"):
        self.engine = create_engine(normalise_url(base_url))
        self.name = prefix + secrets.token_hex(4)
        try:
            with self.engine.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{self.name}"'))
        except Exception:
            self.engine.dispose()
            raise
        sep = "&" if "?" in base_url else "?"
        self.url = f"{base_url}{sep}options={quote(f'-csearch_path={self.name}')}"

    def drop(self) -> None:
        with self.engine.begin() as conn:
            for schema in (self.name, key_schema_name(self.name)):  # the vault's and its key store's
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        self.engine.dispose()


def postgres_scratch(base_url: str):
    """(url of a fresh schema, function dropping it), or None when PostgreSQL is unreachable (said so)."""
    try:
        scratch = Scratch(base_url)
    except Exception as error:  # noqa: BLE001 - reported in the table, the other rows still run
        print(f"PostgreSQL unavailable at {base_url}: {type(error).__name__}")
        return None
    return scratch.url, scratch.drop
