"""Retention primitives: a retention run's record, and shredding values nothing holds any more.

The vault must not outlive the data it tokenized. A value is an orphan when no clean partition holds it
(no lineage row), no subject is linked to it, and no open request names it (a rectification filed but
not run yet holds its new value's token). `shred_orphans` deletes an orphan's data key, card surrogates and
token row, re-checking inside the transaction that it is still an orphan (links and lineage locked on
PostgreSQL). No tombstone is written: nothing was erased, so the same value seen again later is simply
tokenized again, to the same token.

A retention run is listed beside the privacy requests (`requests`, kind `retention`); it names nobody, so
its identifier type is `none` and its identifier hash empty.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, exists, select, text

from vault import keystore
from vault.erasure import checkpoint_wal
from vault.privacy_requests import one_calendar_month_after
from vault.schema import lineage, links, rectifications, requests, subjects, surrogates, tokens
from vault.sql import chunks, select_in

if TYPE_CHECKING:
    from vault.store import Vault

NO_IDENTIFIER = "none"


def _insert_request(
    vault: Vault,
    kind: str,
    identifier_type: str,
    identifier_hash: str,
    verified_by: str,
    method: str,
    received_at: datetime | None = None,
) -> str:
    now = datetime.now(UTC)
    request_id = uuid.uuid4().hex
    with vault.transaction() as (conn, _kconn):
        conn.execute(
            requests.insert().values(
                request_id=request_id,
                kind=kind,
                identifier_type=identifier_type,
                identifier_hash=identifier_hash,
                status="verified",
                verified_by=verified_by,
                method=method,
                received_at=received_at or now,
                deadline=one_calendar_month_after(received_at or now),
                updated_at=now,
            )
        )
    return request_id


def create_run_record(
    vault: Vault, kind: str, verified_by: str, method: str, received_at: datetime | None = None
) -> str:
    """Record a run that names no person (a retention run) among the requests, ready to run; its id.
    `received_at` is the moment the run judges ages against (default: now)."""
    return _insert_request(vault, kind, NO_IDENTIFIER, "", verified_by, method, received_at)


def create_erasure_by_subject(vault: Vault, subject_id: str, verified_by: str, method: str) -> str:
    """File a verified erasure request for a subject known by its id (the keyed hash of its customer id,
    which is what a customer-id request stores): how a retention run erases a customer whose relationship
    ended without handling the customer id itself."""
    return _insert_request(vault, "erase", "customer_id", subject_id, verified_by, method)


def _open_request_tokens(conn) -> set[str]:
    rows = conn.execute(
        select(requests.c.new_token, requests.c.old_token).where(requests.c.status != "completed")
    ).all()
    return {token for row in rows for token in row if token}


def _orphans_query():
    held = exists().where(lineage.c.token == tokens.c.token)
    linked = exists().where(links.c.token == tokens.c.token)
    return select(tokens.c.token).where(~held, ~linked)


def orphan_tokens(vault: Vault) -> list[str]:
    """Tokens no clean partition holds, no subject is linked to and no open request names, sorted."""
    with vault.engine.connect() as conn:
        found = set(conn.execute(_orphans_query()).scalars())
        return sorted(found - _open_request_tokens(conn))


def shred_orphans(vault: Vault, token_list: Iterable[str], request_id: str | None = None) -> int:
    """Crypto-shred the tokens among `token_list` that are still orphans; returns how many went.
    `request_id`: the retention run it is done for (the vault service shreds only for a running one)."""
    wanted = sorted(set(token_list))

    def work() -> int:
        with vault.transaction() as (conn, kconn):
            if conn.dialect.name == "postgresql":
                conn.execute(text("LOCK TABLE links, lineage IN SHARE ROW EXCLUSIVE MODE"))
            still = {
                token
                for (token,) in select_in(
                    conn, lambda chunk: _orphans_query().where(tokens.c.token.in_(chunk)), wanted
                )
            } - _open_request_tokens(conn)
            gone = sorted(still)
            keystore.delete_data_keys(kconn, gone)
            for chunk in chunks(gone):
                conn.execute(delete(surrogates).where(surrogates.c.token.in_(list(chunk))))
                conn.execute(delete(tokens).where(tokens.c.token.in_(list(chunk))))
            return len(gone)

    shredded = vault.retrying(work)
    if shredded:
        checkpoint_wal(vault)
    return shredded


def forget_corrections_of_erased(vault: Vault) -> int:
    """Drop the rectification records of subjects that no longer exist (erased): they only tied an erased
    subject's id to tokens nobody can resolve any more. Returns how many went."""

    def work() -> int:
        with vault.transaction() as (conn, _kconn):
            alive = exists().where(subjects.c.subject_id == rectifications.c.subject_id)
            return conn.execute(delete(rectifications).where(~alive)).rowcount

    return vault.retrying(work)
