"""Privacy requests (erasure, access, rectification, retention runs): what the request flows track.
Identifiers are stored as keyed hashes only.

Statuses are the erasure flow's business; this module stores them. `deadline` is one calendar month
after receipt (GDPR art. 12(3)), clamped to the month's last day (31 January -> 28/29 February).

Request steps: the per-step progress of a request run (`flows.requests.progress`), one row per (request,
step, item), so a killed run resumes where it stopped. `item` is "" for a whole step, or one item of it
(a partition); the state is a JSON-safe dict of tokens, keyed hashes, paths and counts, never a value.
"""

from __future__ import annotations

import calendar
import json
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update

from vault.erasure import identifier_hash
from vault.schema import request_steps, requests

if TYPE_CHECKING:
    from vault.store import Vault

REQUEST_KINDS = ("erase", "access", "rectify", "retention")
_UPDATABLE = {"status", "verified_by", "method", "receipt_path", "error", "deadline"}


def one_calendar_month_after(moment: datetime) -> datetime:
    """The same day and time next month; the month's last day when that day does not exist."""
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def create_request(
    vault: Vault,
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
                deadline=one_calendar_month_after(received),
                updated_at=datetime.now(UTC),
            )
        )
    return request_id


def update_request(vault: Vault, request_id: str, **fields) -> None:
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


def get_request(vault: Vault, request_id: str) -> dict | None:
    """One request as a dict, or None."""
    with vault.engine.connect() as conn:
        row = conn.execute(select(requests).where(requests.c.request_id == request_id)).first()
    return dict(row._mapping) if row else None


def list_requests(vault: Vault, status: str | None = None) -> list[dict]:
    """Requests, oldest first, optionally of one status."""
    query = select(requests).order_by(requests.c.received_at)
    if status is not None:
        query = query.where(requests.c.status == status)
    with vault.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def save_request_step(
    vault: Vault, request_id: str, step: str, state: dict, done: bool = False, item: str = ""
) -> None:
    """Record (replace) the state of a step of a request run, or of one item of it."""
    with vault.transaction() as (conn, _kconn):
        conn.execute(delete(request_steps).where(*_step_key(request_id, step, item)))
        conn.execute(request_steps.insert().values(**_step_row(request_id, step, item, state, done)))


def load_request_step(vault: Vault, request_id: str, step: str, item: str = "") -> tuple[dict, bool] | None:
    """(state, done) of a step or item of a request run, or None when it was never recorded."""
    with vault.engine.connect() as conn:
        row = conn.execute(
            select(request_steps.c.state, request_steps.c.done).where(*_step_key(request_id, step, item))
        ).first()
    return None if row is None else (json.loads(row[0]), bool(row[1]))


def request_step_items(vault: Vault, request_id: str, step: str) -> dict[str, tuple[dict, bool]]:
    """item -> (state, done) for the per-item rows of a step of a request run."""
    with vault.engine.connect() as conn:
        rows = conn.execute(
            select(request_steps.c.item, request_steps.c.state, request_steps.c.done).where(
                request_steps.c.request_id == request_id,
                request_steps.c.step == step,
                request_steps.c.item != "",
            )
        ).all()
    return {item: (json.loads(state), bool(done)) for item, state, done in rows}


def forget_request_steps(vault: Vault, request_id: str, keep: dict[str, dict]) -> None:
    """Drop every step row of the request run, keeping one done summary row per step from `keep` (step ->
    state): once a run completes, its token lists are no longer needed, only its counts."""
    with vault.transaction() as (conn, _kconn):
        conn.execute(delete(request_steps).where(request_steps.c.request_id == request_id))
        for step, state in keep.items():
            conn.execute(request_steps.insert().values(**_step_row(request_id, step, "", state, True)))


def _step_row(request_id: str, step: str, item: str, state: dict, done: bool) -> dict:
    return {
        "request_id": request_id,
        "step": step,
        "item": item,
        "state": json.dumps(state, sort_keys=True),
        "done": int(done),
        "updated_at": datetime.now(UTC),
    }


def _step_key(request_id: str, step: str, item: str):
    return (
        request_steps.c.request_id == request_id,
        request_steps.c.step == step,
        request_steps.c.item == item,
    )
