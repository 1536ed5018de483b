"""Ceilings per credential: tokens in one request, and within a sliding window (`vault.policy.Ceiling`).

So a support agent's token cannot page through the customer base: the policy caps what one credential may
send per purpose (and for `tokenize`), and the service answers 429 past it. What each credential spent is
kept in the vault database (`vault.schema.service_spending`, one row per admitted request), not in the
service's memory: restarting the service does not start the windows afresh, and several service processes
over one vault count one window. Each admission is one short transaction that the others for the same
credential and purpose wait for (a PostgreSQL transaction-scoped advisory lock on the pair; SQLite's
BEGIN IMMEDIATE), so two processes cannot both admit the last tokens of a window. A refused request does
not count against the window; spending older than the window is deleted as the pair is next counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select, text

from vault.policy import Ceiling
from vault.schema import service_spending

if TYPE_CHECKING:
    from vault.store import Vault


class Limiter:
    """Sliding-window token counts per (credential, purpose), kept in the vault database."""

    def __init__(self, vault: Vault, clock: Callable[[], float] = time.time):
        self._vault = vault
        self._clock = clock  # seconds since the epoch: one clock for every process and every restart

    def admit(self, credential_id: str, purpose: str, count: int, ceiling: Ceiling) -> str | None:
        """Count `count` tokens against the ceiling and return None, or return why they are refused (and
        count nothing). The reason names the ceiling, never a token or value. A database failure raises
        (the service then answers 503: nothing is admitted uncounted)."""
        if ceiling.per_request is not None and count > ceiling.per_request:
            return f"{count} tokens in one request, over the ceiling of {ceiling.per_request} for {purpose!r}"
        if ceiling.per_window is None:
            return None
        now = self._clock()
        return self._vault.retrying(lambda: self._spend(credential_id, purpose, count, ceiling, now))

    def _spend(
        self, credential_id: str, purpose: str, count: int, ceiling: Ceiling, now: float
    ) -> str | None:
        key = (service_spending.c.credential_id == credential_id) & (service_spending.c.purpose == purpose)
        with self._vault.transaction() as (conn, _kconn):
            if conn.dialect.name == "postgresql":
                conn.execute(
                    text("SELECT pg_advisory_xact_lock(hashtext(:pair))"),
                    {"pair": f"piivault ceiling {credential_id} {purpose}"},
                )
            conn.execute(
                delete(service_spending).where(key, service_spending.c.at <= now - ceiling.window_seconds)
            )
            total = conn.execute(
                select(func.coalesce(func.sum(service_spending.c.tokens), 0)).where(key)
            ).scalar()
            if total + count > ceiling.per_window:
                return (
                    f"{total} tokens already sent within {ceiling.window_seconds} s; {count} more is over "
                    f"the ceiling of {ceiling.per_window} for {purpose!r}"
                )
            conn.execute(
                service_spending.insert().values(
                    credential_id=credential_id, purpose=purpose, at=now, tokens=count
                )
            )
        return None
