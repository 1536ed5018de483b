"""The vault service's HTTP API (FastAPI): the one process holding the KEK answers tokenize, detokenize,
audit and health for callers bound to a role by their credential.

Contract (JSON; `Authorization: Bearer <credential>`; the role comes from the credential, the purpose from
the caller):
- `GET /v1/health` -> 200 {"status": "ok"}; no credential needed, nothing else revealed.
- `POST /v1/tokenize` {"items": [[entity_type, value, subject_key_or_null], ...], "dataset": str|null,
  "format_preserving": bool} -> 200 {"tokens": [...]}, as `Vault.tokenize_batch`; roles whose policy lists
  the `tokenize` operation only.
- `POST /v1/detokenize` {"tokens": [...], "purpose": str} -> 200 {"results": [{"token", "outcome", "value",
  "reason"}]}, as `Vault.detokenize` with actor = the credential's name, audited per token as embedded.
- `GET /v1/audit?limit=&token=&actor=` -> 200 {"records": [...]} (`at` in ISO 8601), newest first; roles
  whose policy lists the `audit` operation only; `limit` 1..10000, default 100.
- 401 {"detail": "unauthorized"} for a missing, unknown, expired, revoked or forged credential; 403 when
  the role may not call the operation or detokenize for the purpose (an allowed purpose with entity types
  the role may not see is 200 with per-token `denied`, as embedded); 429 over a ceiling of the policy
  (`vault.service.limits`); each of the three writes an audit record (`vault.service.events`). 503
  {"detail": "audit record not written; no value returned"} when an audit record cannot be written.
Beyond the contract the client was written against, all without a value or secret in the body: 422
{"detail": "malformed request: <where>: <kind>"}, 413 for a body over 64 MiB, 409 on a token collision
(the message names the token and dataset), 503 {"detail": "vault unavailable"} when the database cannot be
used, 500 {"detail": "internal error"} otherwise (the log names the exception's type only). No OpenAPI or
docs pages are served.
"""

# No `from __future__ import annotations`: FastAPI reads the endpoints' annotations, which name
# `authenticate`, a local of `create_app`.
import logging
from collections.abc import Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any, TypeVar

from anyio import to_thread
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.exc import SQLAlchemyError

from vault.errors import AuditWriteError, TokenCollisionError, VaultError
from vault.policy import Policy, normalise_purpose
from vault.service import credentials, events
from vault.service.bodies import MAX_AUDIT_RECORDS, DetokenizeBody, TokenizeBody, read_body
from vault.service.limits import Limiter
from vault.store import Vault

log = logging.getLogger(__name__)

AUDIT_NOT_WRITTEN = "audit record not written; no value returned"
Result = TypeVar("Result")


def create_app(
    vault: Vault, policy: Policy, limiter: Limiter | None = None, threads: int | None = None
) -> FastAPI:
    """The service's ASGI app over an open vault and a loaded policy. `threads`: at most that many requests
    use the vault at once (the rest wait for a thread): its pools' size (`vault.service.serve`)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if threads is not None:  # the default limiter: sync endpoints, dependencies and run_in_threadpool
            to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = FastAPI(
        title="piivault vault service", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    limiter = limiter or Limiter(vault)

    def authenticate(request: Request) -> credentials.Credential:
        """The caller's credential, or 401 (audited) with nothing else said."""
        scheme, _, presented = request.headers.get("authorization", "").partition(" ")
        verdict = guarded(
            lambda: credentials.verify(vault, presented.strip() if scheme.lower() == "bearer" else None)
        )
        if verdict.credential is None:
            actor = (
                f"credential {verdict.credential_id}" if verdict.credential_id else credentials.UNKNOWN_CALLER
            )
            refuse(actor, "", request.url.path, events.UNAUTHORIZED, verdict.reason, 401, "unauthorized")
        return verdict.credential

    def refuse(actor: str, role: str, purpose: str, outcome: str, reason: str, status: int, detail: str):
        guarded(
            lambda: events.record_refusal(
                vault, actor=actor, role=role, purpose=purpose, outcome=outcome, detail=reason
            )
        )
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        raise HTTPException(status, detail, headers=headers)

    def check_operation(caller: credentials.Credential, operation: str) -> None:
        decision = policy.permits(caller.role, operation)
        if not decision.allowed:
            refuse(
                caller.name, caller.role, operation, events.FORBIDDEN, decision.reason, 403, decision.reason
            )

    def check_ceiling(caller: credentials.Credential, purpose: str, count: int) -> None:
        purpose = normalise_purpose(purpose)
        ceiling = policy.ceiling(caller.role, purpose)
        refused = guarded(lambda: limiter.admit(caller.credential_id, purpose, count, ceiling))
        if refused is not None:
            refuse(caller.name, caller.role, purpose, events.OVER_LIMIT, refused, 429, refused)

    Caller = Annotated[credentials.Credential, Depends(authenticate)]

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/tokenize")
    async def tokenize(request: Request, caller: Caller) -> dict[str, Any]:
        body = await read_body(request, TokenizeBody)

        def work() -> dict[str, Any]:
            check_operation(caller, "tokenize")
            check_ceiling(caller, "tokenize", len(body.items))
            items = [(t, v, None if s is None else str(s)) for t, v, s in body.items]
            return {
                "tokens": guarded(lambda: vault.tokenize_batch(items, body.dataset, body.format_preserving))
            }

        return await run_in_threadpool(work)

    @app.post("/v1/detokenize")
    async def detokenize(request: Request, caller: Caller) -> dict[str, Any]:
        body = await read_body(request, DetokenizeBody)

        def work() -> dict[str, Any]:
            decision = policy.permits_purpose(caller.role, body.purpose)
            if not decision.allowed:
                refuse(
                    caller.name,
                    caller.role,
                    body.purpose,
                    events.FORBIDDEN,
                    decision.reason,
                    403,
                    decision.reason,
                )
            check_ceiling(caller, body.purpose, len(body.tokens))
            results = guarded(
                lambda: vault.detokenize(
                    body.tokens, role=caller.role, purpose=body.purpose, actor=caller.name, policy=policy
                )
            )
            return {
                "results": [
                    {"token": r.token, "outcome": r.outcome, "value": r.value, "reason": r.reason}
                    for r in results
                ]
            }

        return await run_in_threadpool(work)

    @app.get("/v1/audit")
    def audit(
        caller: Caller,
        limit: Annotated[int, Query(ge=1, le=MAX_AUDIT_RECORDS)] = 100,
        token: str | None = None,
        actor: str | None = None,
    ) -> dict[str, Any]:
        check_operation(caller, "audit")
        records = guarded(lambda: vault.audit_records(limit=limit, token=token, actor=actor))
        for record in records:
            for key, value in record.items():
                if isinstance(value, datetime):
                    record[key] = value.isoformat()
        return {"records": records}

    # The clients' routes (the client side's modules, see their docstrings): who the caller is and its own
    # audit trail; the tokenize workers' calls beside tokenize; the privacy-request flows' keyed calls.
    # Imported here: they import `guarded`.
    from vault.service import caller_routes, pipeline_routes, request_routes

    app.include_router(caller_routes.router(vault, authenticate))
    app.include_router(pipeline_routes.router(vault, policy, authenticate))
    app.include_router(request_routes.router(vault, policy, authenticate))
    return app


def guarded(work: Callable[[], Result]) -> Result:
    """Run vault work, turning its failures into HTTP answers that hold no value, secret or message a
    library wrote (which might): 503 when the audit or the database failed, 409 on a token collision."""
    try:
        return work()
    except HTTPException:
        raise
    except AuditWriteError:
        raise HTTPException(503, AUDIT_NOT_WRITTEN) from None
    except TokenCollisionError as error:  # names the token and dataset, never a value
        raise HTTPException(409, str(error)) from None
    except (SQLAlchemyError, VaultError) as error:
        log.error("vault service: the vault could not be used (%s)", type(error).__name__)
        raise HTTPException(503, "vault unavailable") from None
    except Exception as error:  # noqa: BLE001 - a library's message may quote its input: say only the type
        log.error("vault service: internal error (%s)", type(error).__name__)
        raise HTTPException(500, "internal error") from None
