"""An access request run, as steps over the same lifecycle as erasure (`flows.requests.run`): resolve the
subject, write the export package; completion records the package's path on the request.

A completed request is not exported twice: the run says so and returns the package path it wrote before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows.access.export import export_subject
from flows.pipeline.catalog import Catalog
from flows.requests.lifecycle import get_request
from flows.requests.run import (
    RESOLVE,
    Outcome,
    RequestContext,
    Step,
    recorded_footprint,
    resolve_footprint,
    run_request,
)

if TYPE_CHECKING:
    from vault.store import Vault

EXPORT = "export"


def resolve(ctx: RequestContext) -> dict:
    """1. The subject and everything the vault links to them."""
    return {"footprint": resolve_footprint(ctx).to_dict()}


def export(ctx: RequestContext) -> dict:
    """2. Gather and detokenize (audited) the subject's records; write the package."""
    request = get_request(ctx.vault, ctx.request_id)
    package = export_subject(ctx.catalog, ctx.vault, recorded_footprint(ctx), request, ctx.actor)
    return {"receipt_path": str(package.path), "values": package.values, "records": package.records}


def _export_summary(state: dict) -> str:
    records = ", ".join(f"{d} {n}" for d, n in state["records"].items()) or "none"
    return f"{state['values']} values, records: {records}"


ACCESS_STEPS: tuple[Step, ...] = (
    Step(RESOLVE, "access-resolve-subject", resolve),
    Step(EXPORT, "access-export-subject", export, _export_summary),
)


def access_context(catalog: Catalog, vault: Vault, request_id: str, actor: str) -> RequestContext:
    return RequestContext(catalog, vault, request_id, kind="access", actor=actor)


def run_access(catalog: Catalog, vault: Vault, request_id: str, actor: str) -> Outcome:
    """Export everything about the request's subject, without Prefect (the flow runs the same steps)."""
    return run_request(access_context(catalog, vault, request_id, actor), ACCESS_STEPS)
