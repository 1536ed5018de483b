"""Erasure and access requests: filing, verification and the lifecycle the request flows drive.

Lifecycle: a request is filed (`received`); without verification evidence it waits in
`awaiting_verification` and no flow will run it; with evidence (who verified, how) it is `verified`; a run
makes it `running`, then `completed`, `failed` (a rerun resumes it) or `needs_review` (the identifier
matched nobody or more than one subject: nothing was erased). The deadline is one calendar month after
receipt (GDPR art. 12(3)), set by the vault when the request is recorded
(`vault.privacy_requests.one_calendar_month_after`).

The vault row holds the identifier's keyed hash only (`vault.requests`), never the identifier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vault.store import Vault

RECEIVED = "received"
AWAITING_VERIFICATION = "awaiting_verification"
VERIFIED = "verified"
RUNNING = "running"
COMPLETED = "completed"
FAILED = "failed"
NEEDS_REVIEW = "needs_review"
# Statuses a run may start from (failed and running resume; needs_review resolves again).
RUNNABLE = frozenset({VERIFIED, RUNNING, FAILED, NEEDS_REVIEW})
FINISHED = frozenset({COMPLETED})
IDENTIFIER_OPTIONS = ("email", "phone", "customer_id")


class RequestError(RuntimeError):
    """A request cannot be filed or run as asked (unknown id, unverified, wrong kind); no value in it."""


@dataclass(frozen=True)
class Verification:
    """Who verified the requester's identity, and how (e.g. `id document at the shop`)."""

    verified_by: str
    method: str


def file_request(
    vault: Vault,
    kind: str,
    identifier_type: str,
    identifier: str,
    verification: Verification | None = None,
    received_at: datetime | None = None,
) -> str:
    """Record a request (identifier stored as a keyed hash) and return its id."""
    if not identifier or not identifier.strip():
        raise RequestError("the identifier is empty")
    received = received_at or datetime.now(UTC)
    status = VERIFIED if verification else AWAITING_VERIFICATION
    request_id = vault.create_request(kind, identifier_type, identifier, status=status, received_at=received)
    if verification:
        vault.update_request(request_id, verified_by=verification.verified_by, method=verification.method)
    return request_id


def verify_request(vault: Vault, request_id: str, verification: Verification) -> None:
    """Attach verification evidence to a waiting request, which makes it runnable."""
    request = get_request(vault, request_id)
    if request["status"] in (AWAITING_VERIFICATION, RECEIVED):
        vault.update_request(
            request_id, status=VERIFIED, verified_by=verification.verified_by, method=verification.method
        )


def get_request(vault: Vault, request_id: str, kind: str | None = None) -> dict:
    """The request row; RequestError for an unknown id or a request of another kind."""
    request = vault.get_request(request_id)
    if request is None:
        raise RequestError(f"no request {request_id}")
    if kind is not None and request["kind"] != kind:
        raise RequestError(f"request {request_id} is an {request['kind']} request, not {kind}")
    return request


def check_runnable(request: dict) -> None:
    """RequestError unless a run may start (or resume) on this request."""
    status = request["status"]
    if status in (AWAITING_VERIFICATION, RECEIVED):
        raise RequestError(
            f"request {request['request_id']} is not verified ({status}): "
            "give --verified-by and --method once the requester's identity is checked"
        )
    if status not in RUNNABLE | FINISHED:
        raise RequestError(f"request {request['request_id']} has unknown status {status}")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_overdue(request: dict, now: datetime | None = None) -> bool:
    """Past its deadline and not completed."""
    now = now or datetime.now(UTC)
    return request["status"] != COMPLETED and _aware(request["deadline"]) < now


def requests_for_listing(vault: Vault, now: datetime | None = None) -> list[dict]:
    """Every request, overdue ones first, then by deadline; each with an `overdue` flag."""
    now = now or datetime.now(UTC)
    rows = [{**r, "overdue": is_overdue(r, now)} for r in vault.list_requests()]
    return sorted(rows, key=lambda r: (not r["overdue"], _aware(r["deadline"]), r["request_id"]))
