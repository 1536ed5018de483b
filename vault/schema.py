"""Vault and key-store tables (SQLAlchemy Core) and their versioned migrations.

Two table sets, so that keys can live apart from values:
- vault tables: tokens (token -> type, ciphertext, value hash), subjects, links, lineage, audit,
  tombstones, requests, rectifications;
- key-store tables: data keys (token -> wrapped data key, and the id of the KEK wrapping it) and secrets
  (the wrapped master secret, and the id of the vault's current KEK).
For SQLite they are two files (`vault.db` and `vault.db.keys`); for PostgreSQL two schemas, the key
store's named after the vault's (`vault.key_schema`), unless a separate key-store URL is given.

Lineage (which dataset partition holds which tokens) is the table that grows fastest: one row per
(token, partition). Partitions are interned (`partitions`: id, dataset, partition), so a lineage row is
just (token, partition_id); its primary key starts with the token, which makes `partitions_holding(tokens)`
an index lookup per token, and a secondary index on partition_id makes re-recording a rewritten partition
a range delete. On SQLite the table is WITHOUT ROWID, so the primary key is the table (no second copy).
A compact per-partition token set (a blob) would be smaller still, but finding the partitions of one
subject would then mean reading every blob; rows keep erasure's cost proportional to its footprint.

The other tables keyed by a token or a hash are WITHOUT ROWID on SQLite as well: one B-tree per table
instead of a rowid table plus a primary-key index, which halves the work of inserting random keys.

Migrations: `schema_version` holds one row per applied version; `MIGRATIONS` lists the functions in
order; `migrate` applies the missing ones in one transaction that other processes wait for.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    select,
    text,
)

from vault.errors import SchemaVersionError

vault_metadata = MetaData()
keystore_metadata = MetaData()

# Tokens and hashes compare bytewise: COLLATE "C" spares PostgreSQL locale-aware comparisons in the
# busiest indexes (SQLite compares bytewise already).
TOKEN = String(40).with_variant(String(40, collation="C"), "postgresql")
SUBJECT_ID = String(32).with_variant(String(32, collation="C"), "postgresql")

schema_version = Table("schema_version", vault_metadata, Column("version", Integer, primary_key=True))

tokens = Table(
    "tokens",
    vault_metadata,
    Column("token", TOKEN, primary_key=True),
    Column("entity_type", String(32), nullable=False),
    Column("ciphertext", LargeBinary, nullable=False),  # AES-GCM under the token's data key
    Column("value_hash", LargeBinary(16), nullable=False),  # collision check; becomes the tombstone
    Column("created_at", DateTime(timezone=True), nullable=False),
    sqlite_with_rowid=False,
)
# Requests name their subject by a value hash (never the value); resolving one must not scan the tokens.
tokens_by_value_hash = Index("tokens_by_value_hash", tokens.c.value_hash)

subjects = Table(
    "subjects",
    vault_metadata,
    Column("subject_id", SUBJECT_ID, primary_key=True),  # keyed hash of the subject key
    Column("created_at", DateTime(timezone=True), nullable=False),
    sqlite_with_rowid=False,
)

links = Table(
    "links",
    vault_metadata,
    Column("subject_id", SUBJECT_ID, primary_key=True),
    Column("token", TOKEN, primary_key=True),
    Index("links_by_token", "token"),
    sqlite_with_rowid=False,
)

partitions = Table(
    "partitions",
    vault_metadata,
    Column("partition_id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(200), nullable=False),
    Column("partition", String(1000), nullable=False),
    UniqueConstraint("dataset", "partition", name="partitions_dataset_partition"),
)

lineage = Table(
    "lineage",
    vault_metadata,
    Column("token", TOKEN, primary_key=True),
    Column("partition_id", Integer, primary_key=True),
    Index("lineage_by_partition", "partition_id"),
    sqlite_with_rowid=False,
)

audit = Table(
    "audit",
    vault_metadata,
    Column("audit_id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("role", String(100), nullable=False),
    Column("purpose", String(200), nullable=False),
    Column("token", String(200), nullable=False),
    Column("outcome", String(20), nullable=False),  # allowed | denied | erased | unknown | invalid
    Column("detail", String(200), nullable=True),  # why, never the value
)

surrogates = Table(
    "surrogates",
    vault_metadata,
    Column("surrogate", String(40), primary_key=True),  # card-shaped surrogate (no value in it but last four)
    Column("token", TOKEN, nullable=False),
    Index("surrogates_by_token", "token"),
    sqlite_with_rowid=False,
)

tombstones = Table(
    "tombstones",
    vault_metadata,
    Column("value_hash", LargeBinary(16), primary_key=True),
    Column("entity_type", String(32), nullable=False),
    Column("erased_at", DateTime(timezone=True), nullable=False),
    Column("request_id", String(64), nullable=True),
    sqlite_with_rowid=False,
)

requests = Table(
    "requests",
    vault_metadata,
    Column("request_id", String(64), primary_key=True),
    Column("kind", String(10), nullable=False),  # erase | access | rectify | retention
    Column("identifier_type", String(32), nullable=False),  # email | phone | customer_id
    Column("identifier_hash", String(64), nullable=False),  # keyed hash, never the identifier
    Column("status", String(32), nullable=False),
    Column("verified_by", String(200), nullable=True),
    Column("method", String(200), nullable=True),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("deadline", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("receipt_path", Text, nullable=True),
    Column("error", Text, nullable=True),
    # Rectification requests (since version 3): the corrected field's entity type and the tokens of the new
    # value and, when the requester named it, of the old one; never a value.
    Column("field_type", String(32), nullable=True),
    Column("new_token", String(40), nullable=True),
    Column("old_token", String(40), nullable=True),
    Index("requests_by_status", "status"),
)

# Values corrected away by a rectification (`vault.rectification`), one row per (old value, subject): the
# old value's keyed hash and token, the token that replaced it, and what became of the old value
# (`shredded`, `shared`: others hold it, `kept`: records kept as issued hold it). A shredded old value is
# tombstoned too; tokenizing it again for that subject (or for no subject) gives the new token.
rectifications = Table(
    "rectifications",
    vault_metadata,
    Column("value_hash", LargeBinary(16), primary_key=True),
    Column("subject_id", SUBJECT_ID, primary_key=True),
    Column("entity_type", String(32), nullable=False),
    Column("old_token", TOKEN, nullable=False),
    Column("new_token", TOKEN, nullable=False),
    Column("request_id", String(64), nullable=False),
    Column("rectified_at", DateTime(timezone=True), nullable=False),
    Column("outcome", String(16), nullable=False),
    Index("rectifications_by_subject", "subject_id"),
    sqlite_with_rowid=False,
)

# Per-step progress of a request run, so a killed erasure resumes where it stopped (flows.requests.progress).
# `state` is JSON of tokens, keyed hashes, paths and counts, never a personal value.
request_steps = Table(
    "request_steps",
    vault_metadata,
    Column("request_id", String(64), primary_key=True),
    Column("step", String(32), primary_key=True),
    Column("item", String(1200), primary_key=True),
    Column("state", Text, nullable=False),
    Column("done", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# How many times each writing process changed the fingerprints (`vault.fingerprints.generation`): a row per
# process, so writers never wait for one another on it; a reader compares (rows, sum) with what it saw when
# it loaded its index, and reloads when they moved.
fingerprint_changes = Table(
    "fingerprint_changes",
    vault_metadata,
    Column("writer", String(64), primary_key=True),
    Column("changes", BigInteger, nullable=False),
    sqlite_with_rowid=False,
)

# Subject fingerprints (`vault.fingerprints`): keyed 64-bit hashes of the forms a linked value is written
# in. `fingerprints` says who holds each one (subject, token; a subject key's own has the token ""): looked
# up for the few a scan matched, and by subject for a shred or an erasure's footprint.
fingerprints = Table(
    "fingerprints",
    vault_metadata,
    Column("fingerprint", BigInteger, primary_key=True),
    Column("subject_id", SUBJECT_ID, primary_key=True),
    Column("token", TOKEN, primary_key=True),
    Column("entity_type", String(32), nullable=False),
    Index("fingerprints_by_subject", "subject_id"),
    sqlite_with_rowid=False,
)

# One compact row per fingerprint, all a scanner's index needs, read in key order when it is loaded: the
# kind (`vault.fingerprints.KIND_CODES`), the hash of the first word and the word count of a word sequence
# (n-grams are built only where one can start), whether several subjects hold it, and once its last
# holder was shredded, when and by which request (the fingerprint's tombstone: it says whose it was not).
fingerprint_keys = Table(
    "fingerprint_keys",
    vault_metadata,
    Column("fingerprint", BigInteger, primary_key=True),
    Column("kind", Integer, nullable=False),
    Column("first_word", BigInteger, nullable=False),
    Column("words", Integer, nullable=False),
    Column("shared", Integer, nullable=False),
    Column("erased_at", DateTime(timezone=True), nullable=True),
    Column("request_id", String(64), nullable=True),
    sqlite_with_rowid=False,
)

# Credentials of the vault service (`vault.service.credentials`): an id, a keyed hash of the secret (never
# the secret), the role and name it was issued to, when it expires and whether it was revoked.
service_credentials = Table(
    "service_credentials",
    vault_metadata,
    Column("credential_id", String(32), primary_key=True),
    Column("secret_hash", LargeBinary(32), nullable=False),
    Column("role", String(100), nullable=False),
    Column("name", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

keystore_version = Table("keystore_version", keystore_metadata, Column("version", Integer, primary_key=True))

data_keys = Table(
    "data_keys",
    keystore_metadata,
    Column("token", TOKEN, primary_key=True),
    Column("wrapped_key", LargeBinary, nullable=False),  # AES-GCM(KEK, data key), token as associated data
    # Fingerprint of the KEK that wraps this key (`vault.keystore`): a key under any other KEK than the
    # master secret's is stranded, and says so. NULL for keys written before key-store version 2, until
    # the next rotation checks them.
    Column("kek_id", String(32), nullable=True),
    sqlite_with_rowid=False,
)

secrets = Table(
    "secrets",
    keystore_metadata,
    Column("name", String(64), primary_key=True),
    Column("wrapped", LargeBinary, nullable=False),
    # Fingerprint of the vault's current KEK. Every transaction that wraps or unwraps keys reads it under a
    # lock that a rotation's re-wrap conflicts with, so none of them uses a KEK a rotation has replaced.
    Column("kek_id", String(32), nullable=False),
)


# What each credential of the vault service spent against its ceilings (`vault.service.limits`): one row
# per admitted request, by credential and purpose (or operation), when (seconds since the epoch) and how
# many tokens. In the database, so a restarted service and several service processes count one window.
service_spending = Table(
    "service_spending",
    vault_metadata,
    Column("spent_id", Integer, primary_key=True, autoincrement=True),
    Column("credential_id", String(32), nullable=False),
    Column("purpose", String(200), nullable=False),
    Column("at", Float, nullable=False),
    Column("tokens", BigInteger, nullable=False),
    Index("service_spending_by_key", "credential_id", "purpose", "at"),
)


def _create(metadata: MetaData, names: list[str]) -> Callable[[Connection], None]:
    def create(conn: Connection) -> None:
        metadata.create_all(conn, tables=[metadata.tables[name] for name in names])

    return create


# Ordered (version, migration) pairs; append new versions, never edit applied ones.
VERSION_1_TABLES = [
    "tokens",
    "subjects",
    "links",
    "partitions",
    "lineage",
    "audit",
    "surrogates",
    "tombstones",
    "requests",
]


def _add_request_progress(conn: Connection) -> None:
    """Version 2: erasure progress in the versioned schema, and requests resolved by value hash quickly.
    `checkfirst`: version 1 of a new vault creates the index with its table, and erasure runs before this
    version created `request_steps` themselves."""
    request_steps.create(conn, checkfirst=True)
    tokens_by_value_hash.create(conn, checkfirst=True)


RECTIFICATION_COLUMNS = {"field_type": "VARCHAR(32)", "new_token": "VARCHAR(40)", "old_token": "VARCHAR(40)"}


def _add_rectification(conn: Connection) -> None:
    """Version 3: rectification requests keep the corrected field's type and the new value's token on the
    request row, and values corrected away are remembered (`rectifications`). Version 1 of a new vault
    creates the request columns with their table."""
    present = {column["name"] for column in inspect(conn).get_columns(requests.name)}
    for name, sql_type in RECTIFICATION_COLUMNS.items():
        if name not in present:
            conn.execute(text(f"ALTER TABLE {requests.name} ADD COLUMN {name} {sql_type}"))
    rectifications.create(conn, checkfirst=True)


VAULT_MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [
    (1, _create(vault_metadata, VERSION_1_TABLES)),
    (2, _add_request_progress),
    (3, _add_rectification),
    # Subject fingerprints (`vault.fingerprints`). Links made before this version get theirs when their
    # files are tokenized again (`piivault tokenize --force`): computing one needs the plaintext.
    (4, _create(vault_metadata, ["fingerprints", "fingerprint_keys"])),
    # Credentials of the vault service (`piivault vault token issue`).
    (5, _create(vault_metadata, ["service_credentials"])),
    # Fingerprint changes counted per writing process, so an index another process cached is reloaded.
    (6, _create(vault_metadata, ["fingerprint_changes"])),
    # The service's ceilings counted in the database, not in one process's memory.
    (7, _create(vault_metadata, ["service_spending"])),
]
VAULT_SCHEMA_VERSION = max(version for version, _ in VAULT_MIGRATIONS)


def _add_data_key_kek_ids(conn: Connection) -> None:
    """Key-store version 2: each data key records the KEK that wraps it, so a key stranded under a KEK the
    vault no longer has is named as such, and a rotation re-wraps only keys under the KEK it replaces.
    Existing keys get NULL (not recorded): the next rotation checks each one. Version 1 of a new key store
    creates the column with its table."""
    if "kek_id" not in {column["name"] for column in inspect(conn).get_columns(data_keys.name)}:
        conn.execute(text(f"ALTER TABLE {data_keys.name} ADD COLUMN kek_id VARCHAR(32)"))


KEYSTORE_MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [
    (1, _create(keystore_metadata, ["data_keys", "secrets"])),
    (2, _add_data_key_kek_ids),
]


def migrate(conn: Connection, version_table: Table, migrations: list[tuple[int, Callable]]) -> int:
    """Apply the missing migrations inside the caller's transaction; return the schema version."""
    if conn.dialect.name == "postgresql":
        # Serialise concurrent first starts; SQLite transactions here are BEGIN IMMEDIATE already.
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": version_table.name})
    version_table.create(conn, checkfirst=True)
    applied = set(conn.execute(select(version_table.c.version)).scalars())
    latest = max(v for v, _ in migrations)
    if applied and max(applied) > latest:
        raise SchemaVersionError(
            f"{version_table.name} is at version {max(applied)}, this piivault knows up to {latest}: "
            "upgrade piivault"
        )
    for version, apply in migrations:
        if version not in applied:
            apply(conn)
            conn.execute(version_table.insert().values(version=version))
    return latest
