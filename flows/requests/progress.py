"""Per-step progress of a request run, kept in the vault database so a killed run resumes where it stopped.

One row per (request, step, item): `item` is "" for a whole step, or a clean partition for the per-file
plans of the clean and raw steps. `state` is JSON holding tokens, keyed hashes, paths and counts — never a
personal value. The subject's token lists are needed only until the run completes; `forget_state` then
drops them and keeps only the counts the receipt reports.

The rows live in the vault (`Vault.save_request_step` and its siblings, table `request_steps`, part of the
vault's versioned schema since version 2); this module names the flows' use of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vault.store import Vault


def save(vault: Vault, request_id: str, step: str, state: dict, done: bool = False, item: str = "") -> None:
    """Record (replace) the state of a step or of one item of it."""
    vault.save_request_step(request_id, step, state, done=done, item=item)


def load(vault: Vault, request_id: str, step: str, item: str = "") -> tuple[dict, bool] | None:
    """(state, done) of a step or item, or None when it was never recorded."""
    return vault.load_request_step(request_id, step, item)


def done_state(vault: Vault, request_id: str, step: str) -> dict | None:
    """The state of a step when it is done, else None."""
    found = load(vault, request_id, step)
    return found[0] if found and found[1] else None


def items(vault: Vault, request_id: str, step: str) -> dict[str, tuple[dict, bool]]:
    """item -> (state, done) for the per-item rows of a step."""
    return vault.request_step_items(request_id, step)


def forget_state(vault: Vault, request_id: str, keep: dict[str, dict]) -> None:
    """Drop every progress row of the request and keep one summary row per step from `keep`."""
    vault.forget_request_steps(request_id, keep)
