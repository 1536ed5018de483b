"""Where a PostgreSQL vault keeps its data keys by default: a schema of its own, never the vault's.

Crypto-shredding holds against a backup only if the backup of the values does not hold the keys. So,
when no key-store URL is given (`Vault.open(keystore_url=...)` or `PIIVAULT_KEYSTORE_URL`), the rule is:
- the vault's schema is the one its connections create tables in (`current_schema()`: the first schema
  of the search_path, `public` unless the URL's `options=-csearch_path=...` names another);
- the key store's schema is that name followed by `_keys` (`public_keys`; a name too long for PostgreSQL's
  63 bytes is shortened and suffixed with a hash of the full name, so two vaults never share one). It is
  created when missing, and its connections search only it: no key-store table can land in the vault's;
- a vault created before this rule has its key-store tables (`keystore_version`, `data_keys`, `secrets`)
  in its own schema. Its first open moves them into the key schema (`ALTER TABLE ... SET SCHEMA`, a
  catalogue change, no row copied) in one transaction, and logs it once. Backups taken before the move
  still hold the keys: rotate the KEK (`piivault keys rotate`) and destroy the old one to void them.
  Key-store tables in both schemas at once are refused: which one holds the live keys is not guessable.
`pg_dump --schema=<vault schema>` then holds values and no keys; a whole-database dump holds both, so give
the key store a database of its own (`PIIVAULT_KEYSTORE_URL`) where whole-database backups are the rule.
"""

from __future__ import annotations

import hashlib
import logging
import re

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from vault.engine import normalise_url
from vault.errors import VaultError
from vault.schema import keystore_metadata

log = logging.getLogger(__name__)

KEY_SCHEMA_SUFFIX = "_keys"
MAX_IDENTIFIER = 63  # bytes in a PostgreSQL name (NAMEDATALEN - 1)
KEYSTORE_TABLES = sorted(keystore_metadata.tables)  # keystore_version, data_keys, secrets
_PLAIN_NAME = re.compile(r"^[a-z_][a-z0-9_$]*$")
_SEARCH_PATH = re.compile(r"^(-c\s*|--)search_path=")


def key_schema_name(vault_schema: str) -> str:
    """The key store's schema for a vault in `vault_schema`: `<vault schema>_keys`, hash-shortened when too
    long, so distinct vault schemas (one per test, one per tenant) never share a key store."""
    name = vault_schema + KEY_SCHEMA_SUFFIX
    if len(name.encode()) <= MAX_IDENTIFIER:
        return name
    digest = hashlib.sha256(vault_schema.encode()).hexdigest()[:12]
    head = vault_schema.encode()[: MAX_IDENTIFIER - len(KEY_SCHEMA_SUFFIX) - 13].decode(errors="ignore")
    return f"{head}_{digest}{KEY_SCHEMA_SUFFIX}"


def with_search_path(url: str, schema: str) -> str:
    """`url` with its connections' search_path set to `schema` alone (other `options` kept)."""
    parsed = make_url(normalise_url(url))
    options = parsed.query.get("options", "")
    if isinstance(options, tuple):
        options = " ".join(options)
    words = options.split()
    kept: list[str] = []
    skip_next = False
    for index, word in enumerate(words):
        if skip_next:
            skip_next = False
        elif word == "-c" and index + 1 < len(words) and words[index + 1].startswith("search_path="):
            skip_next = True
        elif not _SEARCH_PATH.match(word):
            kept.append(word)
    quoted = schema if _PLAIN_NAME.match(schema) else '"' + schema.replace('"', '""') + '"'
    kept.append(f"-csearch_path={quoted}")
    return parsed.update_query_dict({"options": " ".join(kept)}).render_as_string(hide_password=False)


def prepare_key_schema(engine: Engine, url: str) -> str:
    """For a PostgreSQL vault at `url` (opened by `engine`): create its key schema if missing, move the
    key-store tables of a vault created before the rule into it, and return the key store's URL."""
    with engine.begin() as conn:
        # Serialise first opens: two creating the same schema at once, one would fail on its unique index.
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('piivault key schema'))"))
        vault_schema = conn.execute(text("SELECT current_schema()")).scalar()
        if vault_schema is None:
            raise VaultError(
                "the vault's search_path names no existing schema: create the schema the URL's "
                "options=-csearch_path=... names"
            )
        keys = key_schema_name(vault_schema)
        exists = conn.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = :n"), {"n": keys}).first()
        try:
            if not exists:  # looked up first: CREATE SCHEMA IF NOT EXISTS needs CREATE even when it exists
                conn.execute(text(f"CREATE SCHEMA {_quoted(keys)}"))
        except DBAPIError as error:
            raise VaultError(
                f"cannot create the key store's schema {keys} beside the vault's schema {vault_schema} "
                f"({type(error.orig).__name__}): create it for the vault's user "
                f"(CREATE SCHEMA {_quoted(keys)}), or give the key store a URL of its own in "
                "PIIVAULT_KEYSTORE_URL"
            ) from None
        _move_legacy_tables(conn, vault_schema, keys)
    return with_search_path(url, keys)


def _move_legacy_tables(conn, vault_schema: str, keys: str) -> None:
    """Move key-store tables left in the vault's schema (vaults created before the key schema) into it."""
    found = {
        (schema, table)
        for schema, table in conn.execute(
            text(
                "SELECT table_schema, table_name FROM information_schema.tables "
                "WHERE table_schema IN (:vault, :keys) AND table_name = ANY(:names)"
            ),
            {"vault": vault_schema, "keys": keys, "names": KEYSTORE_TABLES},
        )
    }
    legacy = sorted(table for schema, table in found if schema == vault_schema)
    if not legacy:
        return
    if any(schema == keys for schema, _table in found):
        raise VaultError(
            f"key-store tables are in both the vault's schema {vault_schema} ({', '.join(legacy)}) and its "
            f"key schema {keys}: keep the one that holds the live keys and drop the other, or name one with "
            "PIIVAULT_KEYSTORE_URL"
        )
    for table in legacy:
        conn.execute(text(f"ALTER TABLE {_quoted(vault_schema)}.{_quoted(table)} SET SCHEMA {_quoted(keys)}"))
    log.warning(
        "moved the key store (%s) out of the vault's schema %s into %s: backups of %s taken before now "
        "still hold the keys; rotate the KEK (piivault keys rotate) and destroy the old one to void them",
        ", ".join(legacy),
        vault_schema,
        keys,
        vault_schema,
    )


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
