"""The dependency that admits a caller to a group of routes by an operation its role is given.

The workers' routes (`tokenize`) and the privacy requests' (`requests`) are each open to the roles the
policy gives that operation; any other caller gets 403, and the refusal is audited like every other.
"""

# No `from __future__ import annotations`: FastAPI reads the dependency's annotations, which name locals.

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, HTTPException

from vault.service import events
from vault.service.app import guarded
from vault.service.credentials import Credential

if TYPE_CHECKING:
    from vault.policy import Policy
    from vault.store import Vault


def role_gate(vault: "Vault", policy: "Policy", authenticate: Callable, operation: str) -> Callable:
    """A FastAPI dependency: the authenticated caller when its role may `operation`; 403 (audited) if not."""

    def gate(caller: Annotated[Credential, Depends(authenticate)]) -> Credential:
        decision = policy.permits(caller.role, operation)
        if not decision.allowed:
            guarded(
                lambda: events.record_refusal(
                    vault,
                    actor=caller.name,
                    role=caller.role,
                    purpose=operation,
                    outcome=events.FORBIDDEN,
                    detail=decision.reason,
                )
            )
            raise HTTPException(403, decision.reason)
        return caller

    return gate
