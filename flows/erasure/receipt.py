"""Erasure step `receipt`: the receipt — what was done where, with counts and timings, and no personal data.

Written as JSON under `<reports>/erasure/<request id>.json` (atomically) and summarised as a Prefect
markdown artifact. It names datasets, files and policies, counts rows and values, and carries the
verification result; it holds no identifier, no value, no token and no subject id.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from flows.pipeline.atomic import write_bytes_atomic
from flows.pipeline.catalog import Catalog


def receipt_path(catalog: Catalog, request_id: str) -> Path:
    return catalog.reports_dir / "erasure" / f"{request_id}.json"


def _iso(moment) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def build_receipt(
    catalog: Catalog,
    request: dict,
    steps: dict[str, dict],
    plans: list[dict],
    raw: list[dict],
    quarantine: list[dict] = (),
) -> dict:
    """The receipt document from the recorded step states (counts, paths and timings only)."""
    datasets: dict[str, dict] = {}
    for name, spec in catalog.datasets.items():
        datasets[name] = {
            "policy": spec.erasure,
            "partitions_examined": 0,
            "clean_files_rewritten": [],
            "rows_deleted": 0,
            "rows_redacted": 0,
            "rows_retained": 0,
            "other_rows_holding_own_values": 0,
            "rows_identified_in_text": 0,
            "values_redacted_in_text": 0,
            "raw_files_rewritten": [],
            "raw_records_dropped": 0,
            "raw_records_replaced": 0,
            "quarantine_files_rewritten": [],
            "quarantined_records_dropped": 0,
            "quarantined_records_redacted": 0,
        }
    for plan in plans:
        entry = datasets[plan["dataset"]]
        entry["partitions_examined"] += 1
        if plan["clean_sha_after"]:
            entry["clean_files_rewritten"].append(plan["partition"])
        for count in ("rows_deleted", "rows_redacted", "rows_retained", "other_rows_holding_own_values"):
            entry[count] += plan[count]
        for count in ("rows_identified_in_text", "values_redacted_in_text"):  # plans before fingerprints: 0
            entry[count] += plan.get(count, 0)
    for result in raw:
        entry = datasets[result["dataset"]]
        entry["raw_files_rewritten"].append(result["file"])
        entry["raw_records_dropped"] += result["dropped"]
        entry["raw_records_replaced"] += result["replaced"]
    for result in quarantine:
        entry = datasets[result["dataset"]]
        entry["quarantine_files_rewritten"].append(result["file"])
        entry["quarantined_records_dropped"] += result["dropped"]
        entry["quarantined_records_redacted"] += result["redacted"]
        if result["raw_changed"] and result["file"] not in entry["raw_files_rewritten"]:
            entry["raw_files_rewritten"].append(result["file"])
    resolve = steps.get("resolve", {})
    shred = steps.get("shred", {})
    return {
        "request_id": request["request_id"],
        "kind": request["kind"],
        "identifier_type": request["identifier_type"],
        "verified_by": request["verified_by"],
        "verification_method": request["method"],
        "received_at": _iso(request["received_at"]),
        "deadline": _iso(request["deadline"]),
        "completed_at": datetime.now(UTC).isoformat(),
        "subject": {
            "vault_subjects": resolve.get("subjects", 0),
            "values_linked": resolve.get("cluster_tokens", 0),
            "values_shredded": shred.get("tokens_shredded", 0),
            "shared_values_kept": shred.get("tokens_kept_shared", 0),
        },
        "datasets": datasets,
        "files_rewritten": {
            "clean": sum(len(d["clean_files_rewritten"]) for d in datasets.values()),
            "raw": sum(len(d["raw_files_rewritten"]) for d in datasets.values()),
            "quarantine": sum(len(d["quarantine_files_rewritten"]) for d in datasets.values()),
        },
        "verification": steps.get("verify", {}).get("verification", {}),
        "timings_seconds": {step: round(state.get("seconds", 0.0), 3) for step, state in steps.items()},
    }


def write_receipt(catalog: Catalog, receipt: dict) -> Path:
    path = receipt_path(catalog, receipt["request_id"])
    write_bytes_atomic(path, (json.dumps(receipt, indent=1, sort_keys=True) + "\n").encode())
    return path


def receipt_markdown(receipt: dict, path: Path) -> str:
    """The Prefect artifact: per dataset, policy and counts."""
    files, subject = receipt["files_rewritten"], receipt["subject"]
    verdict = "passed" if receipt["verification"].get("passed") else "FAILED"
    lines = [
        f"# piivault erasure {receipt['request_id']}",
        "",
        f"Verification: **{verdict}**; files rewritten: {files['clean']} clean, {files['raw']} raw, "
        f"{files.get('quarantine', 0)} quarantine; "
        f"values shredded: {subject['values_shredded']}, shared kept: {subject['shared_values_kept']}.",
        "",
        "| dataset | policy | partitions | deleted | redacted | retained | clean rewritten | raw rewritten |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, d in receipt["datasets"].items():
        counts = (d["partitions_examined"], d["rows_deleted"], d["rows_redacted"], d["rows_retained"])
        rewritten = (len(d["clean_files_rewritten"]), len(d["raw_files_rewritten"]))
        lines.append(
            f"| {name} | {d['policy']} | " + " | ".join(str(c) for c in (*counts, *rewritten)) + " |"
        )
    lines += ["", f"Receipt: `{path}`", ""]
    return "\n".join(lines)
