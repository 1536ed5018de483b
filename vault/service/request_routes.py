"""Routes for the privacy-request flows (erasure, access, rectification, retention): the vault calls a
request run makes that need the service's keys, so a flow process with a `requests` credential holds no
KEK and no master secret.

A request run keeps using the vault database for what holds no key (its request and progress rows,
lineage, links, footprints): `vault.request_client.RequestVault` opens it without the key store. What
needs key material is here, each route for roles whose policy lists the `requests` operation
(`privacy_officer` in the default policy); another role gets 403, audited like the app's refusals. Values
are read through `POST /v1/detokenize` with the request's purpose (audited per token, under the
credential's name, within the role's ceilings), never here. No answer holds a value:
- `POST /v1/requests/subject-ids` {"keys": [...]} -> {"subject_ids": [...]}: keyed hashes of subject keys
  (`Vault.subject_id`), which receipts show anyway;
- `POST /v1/requests/derive` {"items": [[entity_type, normalised], ...]} -> {"tokens": [...],
  "value_hashes": [hex, ...]}: tokens and value hashes of normalised forms, nothing stored (a request's
  identifier hash; verification recognising the subject's own emails and phones in text);
- `GET /v1/requests/keys/{label}` -> {"key": base64}: the derived keys a worker gets
  (`pipeline_routes.WORKER_KEYS`: fingerprints, the quarantine's sealing and index keys), which the
  erasure's quarantine and verify steps use as tokenize does;
- `POST /v1/requests/shred` {"subject_id", "request_id"} -> the `ShredReport`'s counts: crypto-shred of
  one subject (`Vault.shred_subject`), only for a running erasure request; audited first (outcome
  `shredded`: the request and the subject id, a keyed hash), so no shred goes unrecorded;
- `POST /v1/requests/shred-evidence` {"subject_ids", "own_tokens", "own_hashes"} -> the `ShredEvidence`
  counts (the key store is read here: the flow process never opens it);
- `POST /v1/requests/tokenize` {"items": [[entity_type, value], ...]} -> {"tokens": [...]}: a
  rectification's corrected value stored as it is filed (`Vault.tokenize_batch`, no subject: filing links
  it), at most `MAX_CORRECTIONS` values a call; audited first (outcome `tokenized`, the count);
- `POST /v1/requests/retire` {"request_id", "subject_ids", "old_token", "new_token", "keep"} -> the
  `Retirement` (`Vault.retire_value`: the old value unlinked, shredded when nobody else holds it), for a
  running rectification request; audited first (outcome `retired`);
- `POST /v1/requests/retirement-evidence` {"subject_ids", "old_token", "new_token"} -> its counts;
- `POST /v1/requests/shred-orphans` {"request_id", "tokens"} -> {"shredded": n} (`Vault.shred_orphans`:
  values no file holds and nobody owns), for a running retention run; audited first (outcome `shredded`).
A request id named in a call must be of the kind and running: a credential cannot shred or retire outside
a run of the request that asks for it.
"""

# No `from __future__ import annotations`: FastAPI reads the endpoints' annotations, which name locals.

import base64
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from values.token_format import TYPE_CODES
from vault.service import events
from vault.service.app import guarded
from vault.service.bodies import DeriveBody, SubjectIdsBody, read_body
from vault.service.credentials import Credential
from vault.service.pipeline_routes import WORKER_KEYS
from vault.service.role_gate import role_gate

if TYPE_CHECKING:
    from vault.policy import Policy
    from vault.store import Vault

OPERATION = "requests"
SUBJECT_ID = r"^[0-9a-f]{32}$"
SHREDDED = "shredded"
MAX_CORRECTIONS = 100  # values one rectification call may store (a correction names one)


class ShredBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    subject_id: str = Field(pattern=SUBJECT_ID)
    request_id: str = Field(min_length=1, max_length=100)


class TokenizeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[tuple[str, str]] = Field(max_length=MAX_CORRECTIONS)


class RetireBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    request_id: str = Field(min_length=1, max_length=100)
    subject_ids: list[str]
    old_token: str
    new_token: str
    keep: bool


class RetirementEvidenceBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    subject_ids: list[str]
    old_token: str
    new_token: str


class OrphansBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    request_id: str = Field(min_length=1, max_length=100)
    tokens: list[str]


class EvidenceBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    subject_ids: list[str]
    own_tokens: list[str]
    own_hashes: list[str]


def router(vault: "Vault", policy: "Policy", authenticate: Callable) -> APIRouter:
    """The request flows' routes over an open vault; `authenticate` is the app's credential dependency."""
    routes = APIRouter(prefix="/v1/requests")

    Officer = Annotated[Credential, Depends(role_gate(vault, policy, authenticate, OPERATION))]  # noqa: N806

    @routes.post("/subject-ids")
    async def subject_ids(request: Request, caller: Officer) -> dict[str, Any]:
        body = await read_body(request, SubjectIdsBody)
        return {"subject_ids": [vault.subject_id(key) for key in body.keys]}

    @routes.post("/derive")
    async def derive(request: Request, caller: Officer) -> dict[str, Any]:
        body = await read_body(request, DeriveBody)
        if any(kind not in TYPE_CODES for kind, _form in body.items):
            raise HTTPException(422, "malformed request: items: unknown entity type")
        derived = [vault.deriver.derive_normalised(kind, form) for kind, form in body.items]
        return {"tokens": [d.token for d in derived], "value_hashes": [d.value_hash.hex() for d in derived]}

    @routes.get("/keys/{label}")
    def request_key(label: str, caller: Officer) -> dict[str, Any]:
        if label not in WORKER_KEYS:
            raise HTTPException(404, "no such key")
        return {"key": base64.b64encode(vault.derived_key(label)).decode("ascii")}

    def require_running(request_id: str, kind: str) -> None:
        """409 unless `request_id` is a running request of `kind`."""
        found = guarded(lambda: vault.get_request(request_id))
        if found is None or found["kind"] != kind or found["status"] != "running":
            raise HTTPException(409, f"request {request_id} is not a running {kind} request")

    def audited(caller: Credential, operation: str, outcome: str, detail: str) -> None:
        """The audit record of a key-changing operation, written before it: one not recorded does not
        happen (503)."""
        guarded(
            lambda: events.record_operation(
                vault,
                actor=caller.name,
                role=caller.role,
                operation=operation,
                outcome=outcome,
                detail=detail,
            )
        )

    @routes.post("/shred")
    async def shred(request: Request, caller: Officer) -> dict[str, Any]:
        body = await read_body(request, ShredBody)

        def work() -> dict[str, Any]:
            require_running(body.request_id, "erase")
            audited(caller, "shred", SHREDDED, f"request {body.request_id}: subject {body.subject_id}")
            return asdict(guarded(lambda: vault.shred_subject(body.subject_id, request_id=body.request_id)))

        return await run_in_threadpool(work)

    @routes.post("/tokenize")
    async def tokenize(request: Request, caller: Officer) -> dict[str, Any]:
        body = await read_body(request, TokenizeBody)
        if any(kind not in TYPE_CODES for kind, _value in body.items):
            raise HTTPException(422, "malformed request: items: unknown entity type")

        def work() -> dict[str, Any]:
            audited(caller, "tokenize", "tokenized", f"{len(body.items)} corrected values")
            items = [(kind, value, None) for kind, value in body.items]
            return {"tokens": guarded(lambda: vault.tokenize_batch(items))}

        return await run_in_threadpool(work)

    @routes.post("/retire")
    async def retire(request: Request, caller: Officer) -> dict[str, Any]:
        body = await read_body(request, RetireBody)

        def work() -> dict[str, Any]:
            require_running(body.request_id, "rectify")
            audited(caller, "retire", "retired", f"request {body.request_id}: token {body.old_token}")
            retired = guarded(
                lambda: vault.retire_value(
                    body.subject_ids, body.old_token, body.new_token, body.request_id, body.keep
                )
            )
            return asdict(retired)

        return await run_in_threadpool(work)

    @routes.post("/retirement-evidence")
    async def retirement_evidence(request: Request, caller: Officer) -> dict[str, Any]:
        body = await read_body(request, RetirementEvidenceBody)
        return await run_in_threadpool(
            guarded,
            lambda: vault.retirement_evidence(body.subject_ids, body.old_token, body.new_token),
        )

    @routes.post("/shred-orphans")
    async def shred_orphans(request: Request, caller: Officer) -> dict[str, Any]:
        body = await read_body(request, OrphansBody)

        def work() -> dict[str, Any]:
            require_running(body.request_id, "retention")
            audited(caller, "shred", SHREDDED, f"request {body.request_id}: {len(body.tokens)} orphan values")
            return {"shredded": guarded(lambda: vault.shred_orphans(body.tokens))}

        return await run_in_threadpool(work)

    @routes.post("/shred-evidence")
    async def shred_evidence(request: Request, caller: Officer) -> dict[str, Any]:
        body = await read_body(request, EvidenceBody)
        if any(len(h) % 2 or not all(c in "0123456789abcdef" for c in h) for h in body.own_hashes):
            raise HTTPException(422, "malformed request: own_hashes: not hex")
        evidence = await run_in_threadpool(
            guarded, lambda: vault.shred_evidence(body.subject_ids, body.own_tokens, body.own_hashes)
        )
        return asdict(evidence)

    return routes
