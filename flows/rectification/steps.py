"""The rectification run (GDPR Art. 16 and 19): resolve, clean, raw, retire, verify, receipt.

`RECTIFY_STEPS` is the ordered list the Prefect flow turns into tasks (`flows.rectification.flow`) and
`run_rectification` runs without Prefect, through the same runner as erasure and access
(`flows.requests.run`): resume, progress, fault points and the receipt's timings come from it.

1. resolve: the subject, as for erasure (one subject, else `needs_review`); the new value linked to them;
   which old value: the request's `--old-value`, else the subject's one value of the field (several:
   `needs_review`, naming `--old-value`); whether others hold it; its shape for verification (read once
   through an audited privacy-officer detokenization, never stored); the partitions holding it (lineage).
2. clean: the new token in place of the old one in the subject's rows (`flows.rectification.clean_zone`).
3. raw: the new value in place of the old one in their raw records (`flows.rectification.raw_zone`).
4. retire: the old value unlinked from the subject; shredded and tombstoned when it was theirs alone and no
   record kept as issued holds it (`vault.rectification.retire_value`).
5. verify: the old value is gone from the subject's records, and the vault agrees.
6. receipt: every dataset that held the old value (the recipients to tell), counts, no personal data.
Between steps only tokens, keyed hashes, paths, row indexes and counts are recorded; they are forgotten
when the request completes.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from flows.pipeline.catalog import Catalog
from flows.pipeline.zone_lock import zone_lock
from flows.rectification.clean_zone import STEP as CLEAN
from flows.rectification.clean_zone import Correction, correct_clean_zone
from flows.rectification.matching import value_shape
from flows.rectification.raw_zone import PURPOSE, ROLE, correct_raw_zone
from flows.rectification.raw_zone import STEP as RAW
from flows.rectification.receipt import build_receipt, write_receipt
from flows.rectification.verify import raise_if_failed, verify_rectification
from flows.requests import progress
from flows.requests.lifecycle import NEEDS_REVIEW, RequestError, get_request
from flows.requests.run import (
    RESOLVE,
    NeedsReview,
    Outcome,
    RequestContext,
    Step,
    recorded,
    recorded_footprint,
    resolve_footprint,
    run_request,
)
from flows.requests.subject import Footprint, entity_type_of

if TYPE_CHECKING:
    from vault.store import Vault

KIND = "rectify"
RETIRE, VERIFY, RECEIPT = "retire", "verify", "receipt"


def needs_review(ctx: RequestContext, reason: str) -> None:
    """Stop for review: the request is marked so, with a reason that names no value."""
    ctx.vault.update_request(ctx.request_id, status=NEEDS_REVIEW, error=reason)
    raise NeedsReview(f"request {ctx.request_id}: {reason}")


def choose_old_token(ctx: RequestContext, fp: Footprint, request: dict) -> str:
    """The old value's token: the one the request names, or the subject's one value of the field."""
    field_type, new_token = request["field_type"], request["new_token"]
    corrected = ctx.vault.corrected_tokens(fp.subjects)
    candidates = [
        t
        for t in fp.cluster_tokens
        if entity_type_of(t) == field_type and t != new_token and t not in corrected
    ]
    named = request["old_token"]
    if named is not None:
        if named not in candidates:
            needs_review(ctx, "the old value named is not one of this person's current values of the field")
        return named
    if not candidates:
        needs_review(ctx, "this person holds no other value of the field: nothing to correct")
    if len(candidates) > 1:
        needs_review(
            ctx,
            f"this person holds {len(candidates)} values of the field: name the one to correct (--old-value)",
        )
    return candidates[0]


def _shape(ctx: RequestContext, old_token: str) -> dict | None:
    """Keyed facts about the old value for the verification prefilter, read once (audited), not kept."""
    (revealed,) = ctx.vault.detokenize(
        [old_token], role=ROLE, purpose=PURPOSE, actor=f"piivault rectification {ctx.request_id}"
    )
    if revealed.outcome != "allowed":
        return None
    return value_shape(ctx.vault, entity_type_of(old_token), revealed.value)


def recorded_correction(ctx: RequestContext) -> Correction:
    return Correction(**recorded(ctx, RESOLVE)["correction"])


def _plans(ctx: RequestContext) -> list[dict]:
    recorded(ctx, CLEAN)
    found = progress.items(ctx.vault, ctx.request_id, CLEAN).values()
    return [state for state, _done in sorted(found, key=lambda i: (i[0]["dataset"], i[0]["partition"]))]


def resolve(ctx: RequestContext) -> dict:
    """1. The subject, the new value linked to them, the old value, and the partitions holding it."""
    request = get_request(ctx.vault, ctx.request_id)
    if not request["new_token"] or not request["field_type"]:
        raise RequestError(f"request {ctx.request_id} records no corrected value: file it again")
    resolve_footprint(ctx)  # needs review unless the identifier names exactly one subject
    (subject,) = ctx.vault.resolve_hash(request["identifier_type"], request["identifier_hash"]).subject_ids
    ctx.vault.link_subject(subject, [request["new_token"]])
    fp = resolve_footprint(ctx)
    old_token = choose_old_token(ctx, fp, request)
    correction = Correction(old_token, request["new_token"], old_shared=old_token not in fp.own_tokens)
    partitions = [list(p) for p in ctx.vault.partitions_holding([old_token]) if p[0] in ctx.catalog.datasets]
    return {
        "footprint": fp.to_dict(),
        "correction": correction.__dict__,
        "shape": _shape(ctx, old_token),
        "partitions": partitions,
    }


def clean(ctx: RequestContext) -> dict:
    """2. The new token in place of the old one in the subject's rows of every `update` dataset."""
    partitions = recorded(ctx, RESOLVE)["partitions"]
    plans = correct_clean_zone(
        ctx.catalog, ctx.vault, recorded_footprint(ctx), recorded_correction(ctx), ctx.request_id, partitions
    )
    return {"partitions": len(plans), "rows_updated": sum(p["subject_rows_updated"] for p in plans)}


def raw(ctx: RequestContext) -> dict:
    """3. The new value in place of the old one in the subject's raw records."""
    results = correct_raw_zone(ctx.catalog, ctx.vault, ctx.request_id, _plans(ctx), recorded_correction(ctx))
    return {"files": len(results)}


def retire(ctx: RequestContext) -> dict:
    """4. Unlink the old value; shred and tombstone it when it was theirs alone and nothing keeps it."""
    fp, correction = recorded_footprint(ctx), recorded_correction(ctx)
    still_held = bool(ctx.vault.partitions_holding([correction.old_token]))
    retirement = ctx.vault.retire_value(
        fp.subjects, correction.old_token, correction.new_token, ctx.request_id, keep=still_held
    )
    return {"outcome": retirement.outcome, "links_removed": retirement.links_removed}


def verify(ctx: RequestContext) -> dict:
    """5. Re-scan the subject's corrected records and the vault; findings (old value left) fail the run."""
    resolved = recorded(ctx, RESOLVE)
    result = verify_rectification(
        ctx.catalog,
        ctx.vault,
        recorded_footprint(ctx),
        recorded_correction(ctx),
        recorded(ctx, RETIRE)["outcome"],
        resolved["shape"],
        _plans(ctx),
    )
    raise_if_failed(result)
    return {"verification": result.to_dict()}


def receipt(ctx: RequestContext) -> dict:
    """6. Write the receipt: the datasets told, counts and each step's duration."""
    started = time.monotonic()
    request = get_request(ctx.vault, ctx.request_id)
    states = {
        step.name: progress.done_state(ctx.vault, ctx.request_id, step.name) or {}
        for step in RECTIFY_STEPS[:-1]
    }
    states[RESOLVE] = {"seconds": states[RESOLVE].get("seconds", 0.0)}
    raw_results = [state for state, _done in progress.items(ctx.vault, ctx.request_id, RAW).values()]
    states[RECEIPT] = {"seconds": time.monotonic() - started}
    document = build_receipt(ctx.catalog, request, states, _plans(ctx), raw_results)
    return {"receipt_path": str(write_receipt(ctx.catalog, document)), "recipients": document["recipients"]}


RECTIFY_STEPS: tuple[Step, ...] = (
    Step(RESOLVE, "rectify-resolve-subject", resolve, lambda s: f"{len(s['partitions'])} partitions hold it"),
    Step(CLEAN, "rectify-rewrite-clean-partitions", clean, lambda s: f"{s['rows_updated']} rows updated"),
    Step(RAW, "rectify-correct-raw-files", raw, lambda s: f"{s['files']} raw files rewritten"),
    Step(RETIRE, "rectify-retire-old-value", retire, lambda s: f"old value {s['outcome']}"),
    Step(VERIFY, "rectify-verify", verify, lambda s: "verification passed"),
    Step(RECEIPT, "rectify-write-receipt", receipt, lambda s: f"receipt {s['receipt_path']}"),
)
STEPS: tuple[str, ...] = tuple(step.name for step in RECTIFY_STEPS)


def rectification_context(catalog: Catalog, vault: Vault, request_id: str) -> RequestContext:
    return RequestContext(catalog, vault, request_id, kind=KIND)


def run_rectification(catalog: Catalog, vault: Vault, request_id: str) -> Outcome:
    """Every step in order, without Prefect (the flow runs the same steps as tasks), holding the zone lock."""
    with zone_lock(catalog, f"rectify {request_id}"):
        return run_request(rectification_context(catalog, vault, request_id), RECTIFY_STEPS)
