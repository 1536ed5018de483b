"""Rectification step `receipt`: what was corrected where — the Art. 19 list of recipients — without values.

Written as JSON under `<reports>/rectification/<request id>.json` (atomically) and summarised as a Prefect
markdown artifact. It names the corrected field's entity type, every dataset that held the old value
(each one a recipient to be told: those updated, and those that keep records as issued), files, counts,
what became of the old value and the verification; no identifier, no value, no token, no subject id.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from flows.pipeline.atomic import write_bytes_atomic
from flows.pipeline.catalog import Catalog

OLD_VALUE_OUTCOMES = {
    "shredded": "unlinked, shredded and tombstoned (it was this person's alone)",
    "shared": "unlinked from this person; kept for the others who hold it",
    "kept": "kept linked: records kept as issued still hold it (shredded when the person is erased)",
}


def receipt_path(catalog: Catalog, request_id: str) -> Path:
    return catalog.reports_dir / "rectification" / f"{request_id}.json"


def _iso(moment) -> str | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def build_receipt(
    catalog: Catalog, request: dict, steps: dict[str, dict], plans: list[dict], raw: list[dict]
) -> dict:
    """The receipt document from the recorded step states (counts, paths and timings only)."""
    datasets: dict[str, dict] = {}
    for plan in plans:
        entry = datasets.setdefault(
            plan["dataset"],
            {
                "policy": catalog.dataset(plan["dataset"]).rectification,
                "partitions_examined": 0,
                "clean_files_rewritten": [],
                "subject_rows_updated": 0,
                "other_rows_updated": 0,
                "rows_kept_as_issued": 0,
                "raw_files_rewritten": [],
                "raw_records_updated": 0,
            },
        )
        entry["partitions_examined"] += 1
        if plan["clean_sha_after"]:
            entry["clean_files_rewritten"].append(plan["partition"])
        for count in ("subject_rows_updated", "other_rows_updated", "rows_kept_as_issued"):
            entry[count] += plan[count]
    for result in raw:
        entry = datasets[result["dataset"]]
        entry["raw_files_rewritten"].append(result["file"])
        entry["raw_records_updated"] += result["replaced"]
    recipients = sorted(
        name
        for name, d in datasets.items()
        if d["subject_rows_updated"] or d["other_rows_updated"] or d["rows_kept_as_issued"]
    )
    retire = steps.get("retire", {})
    return {
        "request_id": request["request_id"],
        "kind": request["kind"],
        "identifier_type": request["identifier_type"],
        "field": request["field_type"],
        "verified_by": request["verified_by"],
        "verification_method": request["method"],
        "received_at": _iso(request["received_at"]),
        "deadline": _iso(request["deadline"]),
        "completed_at": datetime.now(UTC).isoformat(),
        "old_value": {
            "outcome": retire.get("outcome"),
            "meaning": OLD_VALUE_OUTCOMES.get(retire.get("outcome"), ""),
        },
        "recipients": recipients,
        "datasets": dict(sorted(datasets.items())),
        "files_rewritten": {
            "clean": sum(len(d["clean_files_rewritten"]) for d in datasets.values()),
            "raw": sum(len(d["raw_files_rewritten"]) for d in datasets.values()),
        },
        "verification": steps.get("verify", {}).get("verification", {}),
        "timings_seconds": {step: round(state.get("seconds", 0.0), 3) for step, state in steps.items()},
    }


def write_receipt(catalog: Catalog, receipt: dict) -> Path:
    path = receipt_path(catalog, receipt["request_id"])
    write_bytes_atomic(path, (json.dumps(receipt, indent=1, sort_keys=True) + "\n").encode())
    return path


def receipt_markdown(receipt: dict, path: Path) -> str:
    """The Prefect artifact: the recipients and, per dataset, policy and counts."""
    verdict = "passed" if receipt["verification"].get("passed") else "FAILED"
    files = receipt["files_rewritten"]
    lines = [
        f"# piivault rectification {receipt['request_id']}",
        "",
        f"Field: {receipt['field']}; old value: {receipt['old_value']['outcome']}; "
        f"verification: **{verdict}**; files rewritten: {files['clean']} clean, {files['raw']} raw.",
        "",
        f"Recipients to tell (Art. 19): {', '.join(receipt['recipients']) or 'none'}.",
        "",
        "| dataset | policy | partitions | subject rows | other rows | kept as issued | raw records |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, d in receipt["datasets"].items():
        counts = (
            d["partitions_examined"],
            d["subject_rows_updated"],
            d["other_rows_updated"],
            d["rows_kept_as_issued"],
            d["raw_records_updated"],
        )
        lines.append(f"| {name} | {d['policy']} | " + " | ".join(str(c) for c in counts) + " |")
    lines += ["", f"Receipt: `{path}`", ""]
    return "\n".join(lines)
