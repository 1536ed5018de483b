"""Fault-injection points of the vault's multi-step operations, so tests can stop one between any two of
its writes and prove that a rerun completes it (tests/faults/).

`PIIVAULT_FAULT_AFTER=<point>` raises `InjectedFault` when the operation reaches that point;
`PIIVAULT_FAULT_AFTER=<point>:kill` ends the process on the spot with `os._exit(137)`, as `kill -9` would
(no cleanup, no `finally`, no commit). It is the variable the flows' points read (`flows.pipeline.faults`,
which the vault may not import): one variable stops a run wherever it is named. Unset in production: then
every point is a no-op.

Points of `piivault keys rotate` (`vault.rotation`), in order: `rotation-pending-written` (the new KEK is in
`<kek file>.new`, nothing re-wrapped), `rotation-rewrapped` (every key re-wrapped, the transaction not
committed), `rotation-committed` (committed, the KEK file not replaced yet), `rotation-replaced` (done).
"""

from __future__ import annotations

import os

from vault.errors import VaultError

FAULT_ENV = "PIIVAULT_FAULT_AFTER"
ROTATION_POINTS = (
    "rotation-pending-written",
    "rotation-rewrapped",
    "rotation-committed",
    "rotation-replaced",
)


class InjectedFault(VaultError):
    """Raised by a fault-injection point (tests only)."""


def fault_point(point: str) -> None:
    """Stop here when the environment asks for a fault at `point`."""
    name, _, mode = os.environ.get(FAULT_ENV, "").partition(":")
    if name != point:
        return
    if mode == "kill":
        os._exit(137)
    raise InjectedFault(f"injected fault at {point}")
