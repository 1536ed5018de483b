"""An access request run: check it, resolve the subject, write the export package, complete the request.

Shared by the access flow (one Prefect task) and anything that runs it without Prefect. A completed
request is not exported twice: the run says so and returns the package path it wrote before.
"""

from __future__ import annotations

from flows.access.export import AccessExport, export_subject
from flows.erasure.steps import NEEDS_REVIEW_REASONS, Outcome
from flows.pipeline.catalog import Catalog
from flows.requests.lifecycle import COMPLETED, FAILED, NEEDS_REVIEW, RUNNING, check_runnable, get_request
from flows.requests.subject import footprint


def run_access(catalog: Catalog, vault, request_id: str, actor: str) -> tuple[Outcome, AccessExport | None]:
    """Export everything about the request's subject; (outcome, export or None)."""
    request = get_request(vault, request_id, kind="access")
    check_runnable(request)
    if request["status"] == COMPLETED:
        return Outcome(request_id, COMPLETED, request["receipt_path"], already_done=True), None
    vault.update_request(request_id, status=RUNNING, error=None)
    try:
        fp = footprint(vault, request["identifier_type"], request["identifier_hash"])
        if fp.status != "one":
            reason = NEEDS_REVIEW_REASONS[fp.status]
            vault.update_request(request_id, status=NEEDS_REVIEW, error=reason)
            return Outcome(request_id, NEEDS_REVIEW, reason=reason), None
        export = export_subject(catalog, vault, fp, request, actor)
    except BaseException as error:
        vault.update_request(request_id, status=FAILED, error=type(error).__name__)
        raise
    vault.update_request(request_id, status=COMPLETED, receipt_path=str(export.path), error=None)
    return Outcome(request_id, COMPLETED, str(export.path)), export
