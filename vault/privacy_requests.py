"""Erasure and access requests: what the request flows track. Identifiers are stored as keyed hashes only.

Statuses are the erasure flow's business; this module stores them. `deadline` defaults to one month
after receipt (GDPR art. 12(3)).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from vault.erasure import identifier_hash
from vault.schema import requests

REQUEST_KINDS = ("erase", "access")
DEFAULT_DEADLINE = timedelta(days=30)
_UPDATABLE = {"status", "verified_by", "method", "receipt_path", "error", "deadline"}


def create_request(
    vault,
    kind: str,
    identifier_type: str,
    identifier: str,
    status: str = "received",
    received_at: datetime | None = None,
    request_id: str | None = None,
) -> str:
    """Record a new request; returns its id. The identifier itself is not stored, only its keyed hash."""
    if kind not in REQUEST_KINDS:
        raise ValueError(f"request kind must be one of {', '.join(REQUEST_KINDS)}")
    received = received_at or datetime.now(UTC)
    request_id = request_id or uuid.uuid4().hex
    with vault.transaction() as (conn, _kconn):
        conn.execute(
            requests.insert().values(
                request_id=request_id,
                kind=kind,
                identifier_type=identifier_type,
                identifier_hash=identifier_hash(vault, identifier_type, identifier),
                status=status,
                received_at=received,
                deadline=received + DEFAULT_DEADLINE,
                updated_at=datetime.now(UTC),
            )
        )
    return request_id


def update_request(vault, request_id: str, **fields) -> None:
    """Change status, verification, receipt path or error of a request."""
    unknown = set(fields) - _UPDATABLE
    if unknown:
        raise ValueError(f"cannot update request fields: {', '.join(sorted(unknown))}")
    with vault.transaction() as (conn, _kconn):
        result = conn.execute(
            update(requests)
            .where(requests.c.request_id == request_id)
            .values(updated_at=datetime.now(UTC), **fields)
        )
        if result.rowcount != 1:
            raise KeyError(f"no request {request_id}")


def get_request(vault, request_id: str) -> dict | None:
    """One request as a dict, or None."""
    with vault.engine.connect() as conn:
        row = conn.execute(select(requests).where(requests.c.request_id == request_id)).first()
    return dict(row._mapping) if row else None


def list_requests(vault, status: str | None = None) -> list[dict]:
    """Requests, oldest first, optionally of one status."""
    query = select(requests).order_by(requests.c.received_at)
    if status is not None:
        query = query.where(requests.c.status == status)
    with vault.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]
