"""The erasure run, written once: resolve, clean, raw, quarantine, shred, verify, receipt.

`ERASURE_STEPS` is the ordered list the Prefect flow turns into tasks (`flows.erasure.flow`) and
`run_erasure` runs without Prefect; resume, progress and the receipt's step names and timings come from
it (`flows.requests.run`). Each step reads what it needs from the states earlier steps recorded, does its
work (skipping what a killed run already did inside it), and returns the state it records.

What survives the shred: nothing later steps need is plaintext. The footprint (tokens, keyed hashes,
subject ids) is recorded by the resolve step, with keyed hashes of the last digits of the phones so
verification can skip most phone-shaped strings cheaply, and, when the catalog has quarantined records,
the subject's side of the quarantine index (per value of their cluster, the keyed hashes a record's index
must hold to hold it; their subject ids hashed alike), so the quarantine and verify steps open only the
records that can be theirs; the values behind both are read once, through an audited privacy-officer
detokenization, and kept in memory only; the clean step records which raw records to change by
position; the verify step re-derives tokens of candidate values with the vault's token key, which the
shred leaves in place. So the shred may come before verification, and no copy of a personal value is
ever saved. The footprint is deleted when the request completes; only step durations stay in the progress
rows (counts in the receipt).

Fault injection, for the resumability tests: `flows.pipeline.faults` (a point after every step, and inside
the clean and raw steps between a rename and its bookkeeping).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from flows.erasure.clean_zone import STEP as CLEAN
from flows.erasure.clean_zone import erase_clean_zone
from flows.erasure.quarantine import STEP as QUARANTINE
from flows.erasure.quarantine import (
    Tally,
    check_quarantine,
    purge_quarantine_zone,
    quarantined_files,
    subject_hashes,
)
from flows.erasure.raw_zone import STEP as RAW
from flows.erasure.raw_zone import purge_raw_zone
from flows.erasure.receipt import build_receipt, write_receipt
from flows.erasure.subject_text import SubjectText
from flows.erasure.verify import Checked, phone_tail_hashes, raise_if_failed, read_values, verify_erasure
from flows.erasure.verify_text import check_text
from flows.pipeline.catalog import Catalog
from flows.pipeline.faults import fault_point
from flows.pipeline.quarantine_index import SubjectHashes
from flows.pipeline.zone_lock import zone_lock
from flows.requests import progress
from flows.requests.lifecycle import get_request
from flows.requests.rewrites import item_key
from flows.requests.run import (
    RESOLVE,
    Outcome,
    RequestContext,
    Step,
    recorded,
    recorded_footprint,
    resolve_footprint,
    run_request,
)
from flows.requests.subject import affected_partitions

if TYPE_CHECKING:
    from vault.store import Vault

SHRED, VERIFY, RECEIPT = "shred", "verify", "receipt"


def recorded_plans(ctx: RequestContext) -> list[dict]:
    """The clean step's plans, by dataset and partition (the raw, verify and receipt steps' order)."""
    recorded(ctx, CLEAN)
    found = progress.items(ctx.vault, ctx.request_id, CLEAN).values()
    return [
        state for state, _done in sorted(found, key=lambda item: (item[0]["dataset"], item[0]["partition"]))
    ]


def _quarantine_results(ctx: RequestContext) -> list[dict]:
    found = progress.items(ctx.vault, ctx.request_id, QUARANTINE).values()
    return sorted((state for state, done in found if done), key=lambda s: (s["dataset"], s["file"]))


def _quarantine_hashes(ctx: RequestContext) -> SubjectHashes | None:
    """The subject's side of the quarantine index the resolve step recorded (None before it existed)."""
    return SubjectHashes.from_dict(recorded(ctx, RESOLVE).get("quarantine_hashes"))


def subject_text(ctx: RequestContext) -> SubjectText | None:
    """The cluster's fingerprints the resolve step recorded (None for a run resolved before them)."""
    return SubjectText.from_state(ctx.vault, recorded(ctx, RESOLVE).get("fingerprints"))


def resolve(ctx: RequestContext) -> dict:
    """1. The subject and their tokens, and the partitions holding any of them (from lineage)."""
    fp = resolve_footprint(ctx)
    quarantine = bool(quarantined_files(ctx.catalog))  # the cluster's values are read only for it
    phones = [t for t in fp.strong_tokens if t.startswith("[pv:phone:")]
    values = read_values(ctx.vault, fp.cluster_tokens if quarantine else phones, ctx.request_id)
    fp.phone_tails = phone_tail_hashes(ctx.vault, fp, values)
    partitions = [list(p) for p in affected_partitions(ctx.vault, ctx.catalog, fp)]
    fingerprints = [f.to_list() for f in ctx.vault.subject_fingerprints(fp.subjects)]
    state = {"footprint": fp.to_dict(), "partitions": partitions, "fingerprints": fingerprints}
    if quarantine:
        state["quarantine_hashes"] = subject_hashes(ctx.vault, fp, values).to_dict()
    return state


def clean(ctx: RequestContext) -> dict:
    """2. Apply each dataset's policy to the partitions holding the subject (lineage's, and by fingerprint
    every partition of the datasets that can hold them in text)."""
    partitions = recorded(ctx, RESOLVE)["partitions"]
    fp, text = recorded_footprint(ctx), subject_text(ctx)
    return {"partitions": len(erase_clean_zone(ctx.catalog, ctx.vault, fp, ctx.request_id, partitions, text))}


def raw(ctx: RequestContext) -> dict:
    """3. Purge the subject's records from the raw files behind those partitions."""
    return {"files": len(purge_raw_zone(ctx.catalog, ctx.vault, ctx.request_id, recorded_plans(ctx)))}


def quarantine(ctx: RequestContext) -> dict:
    """4. Drop or redact the subject's values in quarantined (unreadable) records and their raw lines."""
    tally = Tally()
    fp, hashes = recorded_footprint(ctx), _quarantine_hashes(ctx)
    results = purge_quarantine_zone(ctx.catalog, ctx.vault, ctx.request_id, fp, hashes, tally)
    return {"files": len(results), "records_examined": tally.examined, "records_ruled_out": tally.ruled_out}


def shred(ctx: RequestContext) -> dict:
    """5. Crypto-shred the subject's own values, unlink shared ones, write tombstones."""
    fp = recorded_footprint(ctx)
    for subject_id in fp.subjects:  # each shred is idempotent: a rerun finds nothing left to do
        ctx.vault.shred_subject(subject_id, request_id=ctx.request_id)
        fault_point("shred-subject")
    return {
        "tokens_shredded": len(fp.own_tokens),
        "tokens_kept_shared": len(fp.cluster_tokens) - len(fp.own_tokens),
    }


def verify(ctx: RequestContext, checked: Checked | None = None) -> dict:
    """6. Re-scan the affected clean and raw files and the vault; fail with findings if anything is left.
    `checked`: files' checks made beforehand on Dask workers (`flows.erasure.spread.verify_checks`)."""
    request = get_request(ctx.vault, ctx.request_id)
    fp = recorded_footprint(ctx)
    touched = [(r["dataset"], r["file"]) for r in _quarantine_results(ctx) if r["raw_changed"]]
    plans = recorded_plans(ctx)
    result = verify_erasure(ctx.catalog, ctx.vault, fp, request, plans, touched, checked)
    check_quarantine(ctx.catalog, ctx.vault, fp, result, _quarantine_hashes(ctx))
    check_text(ctx.catalog, ctx.vault, subject_text(ctx), plans, result, checked)
    result.passed = not result.findings
    raise_if_failed(result)
    return {"verification": result.to_dict()}


def receipt(ctx: RequestContext) -> dict:
    """7. Write the receipt: what was done where, with counts and each step's duration."""
    started = time.monotonic()
    request = get_request(ctx.vault, ctx.request_id)
    states = {
        step.name: progress.done_state(ctx.vault, ctx.request_id, step.name) or {}
        for step in ERASURE_STEPS[:-1]
    }
    fp = recorded_footprint(ctx)
    states[RESOLVE] = {
        "seconds": states[RESOLVE].get("seconds", 0.0),
        "subjects": len(fp.subjects),
        "cluster_tokens": len(fp.cluster_tokens),
    }
    plans, quarantined = recorded_plans(ctx), _quarantine_results(ctx)
    # in the plans' order, not the rows' (a spread raw step records its files as the workers finish)
    raw_items = progress.items(ctx.vault, ctx.request_id, RAW)
    keys = [item_key(plan["dataset"], plan["partition"]) for plan in plans]
    raw_results = [raw_items[key][0] for key in keys if key in raw_items]
    states[RECEIPT] = {"seconds": time.monotonic() - started}
    document = build_receipt(ctx.catalog, request, states, plans, raw_results, quarantined)
    return {"receipt_path": str(write_receipt(ctx.catalog, document))}


ERASURE_STEPS: tuple[Step, ...] = (
    Step(RESOLVE, "erasure-resolve-subject", resolve, lambda s: f"{len(s['partitions'])} partitions hold it"),
    Step(
        CLEAN, "erasure-rewrite-clean-partitions", clean, lambda s: f"{s['partitions']} partitions examined"
    ),
    Step(RAW, "erasure-purge-raw-files", raw, lambda s: f"{s['files']} raw files rewritten"),
    Step(QUARANTINE, "erasure-purge-quarantine", quarantine, lambda s: f"{s['files']} quarantine files"),
    Step(SHRED, "erasure-shred-subject", shred, lambda s: f"{s['tokens_shredded']} values shredded"),
    Step(VERIFY, "erasure-verify", verify, lambda s: "verification passed"),
    Step(RECEIPT, "erasure-write-receipt", receipt, lambda s: f"receipt {s['receipt_path']}"),
)
STEPS: tuple[str, ...] = tuple(step.name for step in ERASURE_STEPS)


def erasure_context(catalog: Catalog, vault: Vault, request_id: str) -> RequestContext:
    return RequestContext(catalog, vault, request_id, kind="erase")


def run_erasure(catalog: Catalog, vault: Vault, request_id: str) -> Outcome:
    """Every step in order, without Prefect (the flow runs the same steps as tasks), holding the zone lock."""
    with zone_lock(catalog, f"erase {request_id}"):
        return run_request(erasure_context(catalog, vault, request_id), ERASURE_STEPS)
