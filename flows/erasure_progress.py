"""Per-step progress of a request run, kept in the vault database so a killed run resumes where it stopped.

One row per (request, step, item): `item` is "" for a whole step, or a clean partition for the per-file
plans of the clean and raw steps. `state` is JSON holding tokens, keyed hashes, paths and counts — never a
personal value. The subject's token lists are needed only until the run completes; `forget_state` then
drops them and keeps only the counts the receipt reports.

The table (`vault.schema.request_steps`) is part of the vault's versioned schema since version 2.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import delete, select

from vault.schema import request_steps


def save(vault, request_id: str, step: str, state: dict, done: bool = False, item: str = "") -> None:
    """Record (replace) the state of a step or of one item of it."""
    row = {
        "request_id": request_id,
        "step": step,
        "item": item,
        "state": json.dumps(state, sort_keys=True),
        "done": int(done),
        "updated_at": datetime.now(UTC),
    }
    with vault.transaction() as (conn, _kconn):
        conn.execute(delete(request_steps).where(*_key(request_id, step, item)))
        conn.execute(request_steps.insert().values(**row))


def load(vault, request_id: str, step: str, item: str = "") -> tuple[dict, bool] | None:
    """(state, done) of a step or item, or None when it was never recorded."""
    with vault.engine.connect() as conn:
        row = conn.execute(
            select(request_steps.c.state, request_steps.c.done).where(*_key(request_id, step, item))
        ).first()
    return None if row is None else (json.loads(row[0]), bool(row[1]))


def done_state(vault, request_id: str, step: str) -> dict | None:
    """The state of a step when it is done, else None."""
    found = load(vault, request_id, step)
    return found[0] if found and found[1] else None


def items(vault, request_id: str, step: str) -> dict[str, tuple[dict, bool]]:
    """item -> (state, done) for the per-item rows of a step."""
    with vault.engine.connect() as conn:
        rows = conn.execute(
            select(request_steps.c.item, request_steps.c.state, request_steps.c.done).where(
                request_steps.c.request_id == request_id,
                request_steps.c.step == step,
                request_steps.c.item != "",
            )
        ).all()
    return {item: (json.loads(state), bool(done)) for item, state, done in rows}


def forget_state(vault, request_id: str, keep: dict[str, dict]) -> None:
    """Drop every progress row of the request and keep one summary row per step from `keep`."""
    now = datetime.now(UTC)
    with vault.transaction() as (conn, _kconn):
        conn.execute(delete(request_steps).where(request_steps.c.request_id == request_id))
        for step, state in keep.items():
            conn.execute(
                request_steps.insert().values(
                    request_id=request_id,
                    step=step,
                    item="",
                    state=json.dumps(state, sort_keys=True),
                    done=1,
                    updated_at=now,
                )
            )


def _key(request_id: str, step: str, item: str):
    return (
        request_steps.c.request_id == request_id,
        request_steps.c.step == step,
        request_steps.c.item == item,
    )
