"""Ceilings per credential: tokens in one request, and within a sliding window (`vault.policy.Ceiling`).

So a support agent's token cannot page through the customer base: the policy caps what one credential may
send per purpose (and for `tokenize`), and the service answers 429 past it. The counts live in the
service's memory, one process (`piivault vault serve` runs one worker): restarting the service starts the
windows afresh, which an attacker who can restart it does not need anyway. A refused request does not
count against the window.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from vault.policy import Ceiling


class Limiter:
    """Sliding-window token counts per (credential, purpose), safe to share between request threads."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._spent: dict[tuple[str, str], deque[tuple[float, int]]] = {}
        self._totals: dict[tuple[str, str], int] = {}

    def admit(self, credential_id: str, purpose: str, count: int, ceiling: Ceiling) -> str | None:
        """Count `count` tokens against the ceiling and return None, or return why they are refused (and
        count nothing). The reason names the ceiling, never a token or value."""
        if ceiling.per_request is not None and count > ceiling.per_request:
            return f"{count} tokens in one request, over the ceiling of {ceiling.per_request} for {purpose!r}"
        if ceiling.per_window is None:
            return None
        key = (credential_id, purpose)
        now = self._clock()
        with self._lock:
            spent = self._spent.setdefault(key, deque())
            total = self._totals.get(key, 0)
            while spent and spent[0][0] <= now - ceiling.window_seconds:
                total -= spent.popleft()[1]
            if total + count > ceiling.per_window:
                self._totals[key] = total
                return (
                    f"{total} tokens already sent within {ceiling.window_seconds} s; {count} more is over "
                    f"the ceiling of {ceiling.per_window} for {purpose!r}"
                )
            spent.append((now, count))
            self._totals[key] = total + count
        return None
