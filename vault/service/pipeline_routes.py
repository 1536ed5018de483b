"""Routes for the tokenize flow's workers beside `POST /v1/tokenize`: the other vault calls a worker makes
that need the vault's keys or its database, so a worker with a `pipeline` credential needs neither.

NOTE for the author of `vault/service/app.py` (issue 15's server side), from the client side: this module
is the client engineer's. Please mount it in `create_app`, beside `caller_routes`:

    app.include_router(pipeline_routes.router(vault, policy, authenticate))

Every route needs a credential whose role the policy allows the `tokenize` operation (the `pipeline` role);
another gets 403, audited like the app's own refusals. Bodies are read after authentication, and a
malformed one is described without its content (`vault.service.bodies.read_body`). No answer holds a value:
- `POST /v1/pipeline/link-found` {"pairs": [[subject_key, token], ...]} -> {"erased": [subject_key, ...]}
  (`Vault.link_found`: tokens found by fingerprint linked to their records' subjects);
- `POST /v1/pipeline/link-to-sole-owner` {"anchored": [[anchor_token, [token, ...]], ...], "values":
  [[token, entity_type, value], ...]} -> {"linked": n} (`Vault.link_to_sole_owner`; the values only so the
  new links are fingerprinted, as embedded);
- `POST /v1/pipeline/lineage`, lines: a header {"dataset", "partition", "replace": bool}, then a token a
  line -> {"recorded": n} (`Vault.record_lineage`; streamed and spooled, `vault.service.lineage_stream`);
- `POST /v1/pipeline/fingerprint-holders` {"fingerprints": [int, ...]} -> {"holders": [[fingerprint,
  token, entity_type, subject_id], ...]} (`Vault.fingerprint_holders`: keyed hashes and tokens only);
- `GET /v1/pipeline/fingerprint-index` -> the index's arrays as one `.npz` (`Vault.fingerprint_index`:
  keyed hashes and small codes only), what `flows.tokenize.known_snapshot` saves for a run's workers;
- `GET /v1/pipeline/fingerprint-generation` -> {"generation": [writers, changes]}
  (`Vault.fingerprint_generation`: whether a cached index is still current);
- `POST /v1/pipeline/derive` {"items": [[entity_type, normalised], ...]} -> {"tokens": [...]}: the tokens of
  already normalised forms, nothing stored (known-subject matching picks, among a fingerprint's tokens, the
  one written as the text writes it);
- `POST /v1/pipeline/subject-ids` {"keys": [...]} -> {"subject_ids": [...]} (`Vault.subject_id`: keyed
  hashes, which receipts show anyway; the quarantine index holds them for customer-id-shaped words);
- `GET /v1/pipeline/keys/{label}` -> {"key": base64}: the derived keys a worker hashes and seals with,
  and only those (`WORKER_KEYS`): the fingerprint key (it scans every text for known subjects' keyed
  hashes, millions of words a run, which no round trip could carry), the quarantine's sealing key and its
  index key (it seals the bad records it read from the raw zone). None of them opens the vault, derives a
  token or a subject id, or checks a credential: the token, subject and credential keys, the master
  secret and the KEK stay here. What each lets a worker do is what it does with the raw zone anyway.
"""

# No `from __future__ import annotations`: FastAPI reads the endpoints' annotations, which name locals.

import base64
import io
import tempfile
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import numpy as np
from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict

from values.token_format import TYPE_CODES
from vault.fingerprint_forms import KEY_LABEL as FINGERPRINT_KEY_LABEL
from vault.service.app import guarded
from vault.service.bodies import DeriveBody, SubjectIdsBody, read_body
from vault.service.credentials import Credential
from vault.service.lineage_stream import SpooledTokens, spool_lineage
from vault.service.role_gate import role_gate

if TYPE_CHECKING:
    from vault.policy import Policy
    from vault.store import Vault

INDEX_FIELDS = ("fingerprints", "info", "starts", "longest")
OPERATION = "tokenize"
# The only derived keys a worker gets: labels as `vault.fingerprint_forms`, `flows.pipeline.quarantine` and
# `flows.pipeline.quarantine_index` derive them (the flows' labels written out: the vault imports no flow).
WORKER_KEYS = frozenset({FINGERPRINT_KEY_LABEL, "flows.quarantine", "flows.quarantine-index"})


class LinkFoundBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pairs: list[tuple[str, str]]


class SoleOwnerBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    anchored: list[tuple[str, list[str]]]
    values: list[tuple[str, str, str]] = []


class HoldersBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fingerprints: list[int]


def router(vault: "Vault", policy: "Policy", authenticate: Callable) -> APIRouter:
    """The workers' routes over an open vault; `authenticate` is the app's credential dependency."""
    routes = APIRouter(prefix="/v1/pipeline")

    Worker = Annotated[Credential, Depends(role_gate(vault, policy, authenticate, OPERATION))]  # noqa: N806

    @routes.post("/link-found")
    async def link_found(request: Request, caller: Worker) -> dict[str, Any]:
        body = await read_body(request, LinkFoundBody)
        erased = await run_in_threadpool(guarded, lambda: vault.link_found(body.pairs))
        return {"erased": sorted(erased)}

    @routes.post("/link-to-sole-owner")
    async def link_to_sole_owner(request: Request, caller: Worker) -> dict[str, Any]:
        body = await read_body(request, SoleOwnerBody)
        anchored = {anchor: set(companions) for anchor, companions in body.anchored}
        values = {token: (entity_type, value) for token, entity_type, value in body.values}
        linked = await run_in_threadpool(guarded, lambda: vault.link_to_sole_owner(anchored, values or None))
        return {"linked": linked}

    @routes.post("/lineage")
    async def lineage(request: Request, caller: Worker) -> dict[str, Any]:
        with tempfile.TemporaryFile() as spool:  # a stream of lines (`vault.service.lineage_stream`)
            head = await spool_lineage(request, spool)
            tokens = SpooledTokens(spool)
            recorded = await run_in_threadpool(
                guarded, lambda: vault.record_lineage(head.dataset, head.partition, tokens, head.replace)
            )
        return {"recorded": recorded}

    @routes.post("/fingerprint-holders")
    async def fingerprint_holders(request: Request, caller: Worker) -> dict[str, Any]:
        body = await read_body(request, HoldersBody)
        found = await run_in_threadpool(guarded, lambda: vault.fingerprint_holders(body.fingerprints))
        return {
            "holders": [
                [fingerprint, h.token, h.entity_type, h.subject_id]
                for fingerprint, holders in sorted(found.items())
                for h in holders
            ]
        }

    @routes.get("/fingerprint-index")
    def fingerprint_index(caller: Worker) -> Response:
        index = guarded(vault.fingerprint_index)
        buffer = io.BytesIO()
        np.savez(buffer, **{name: getattr(index, name) for name in INDEX_FIELDS})
        return Response(buffer.getvalue(), media_type="application/octet-stream")

    @routes.get("/fingerprint-generation")
    def fingerprint_generation(caller: Worker) -> dict[str, Any]:
        return {"generation": list(guarded(vault.fingerprint_generation))}

    @routes.post("/derive")
    async def derive(request: Request, caller: Worker) -> dict[str, Any]:
        body = await read_body(request, DeriveBody)
        if any(kind not in TYPE_CODES for kind, _form in body.items):
            raise HTTPException(422, "malformed request: items: unknown entity type")
        return {"tokens": [vault.deriver.derive_normalised(kind, form).token for kind, form in body.items]}

    @routes.post("/subject-ids")
    async def subject_ids(request: Request, caller: Worker) -> dict[str, Any]:
        body = await read_body(request, SubjectIdsBody)
        return {"subject_ids": [vault.subject_id(key) for key in body.keys]}

    @routes.get("/keys/{label}")
    def worker_key(label: str, caller: Worker) -> dict[str, Any]:
        if label not in WORKER_KEYS:
            raise HTTPException(404, "no such worker key")
        return {"key": base64.b64encode(vault.derived_key(label)).decode("ascii")}

    return routes
