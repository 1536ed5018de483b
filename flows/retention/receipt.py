"""Retention step `receipt`: what one retention run deleted and kept, in counts and paths, no personal data.

Written as JSON under `<reports>/retention/<run id>.json` (atomically) and summarised as a Prefect markdown
artifact: per dataset, raw files deleted and kept (with the reason), clean partitions rewritten or
deleted and rows dropped, rows without a date; the subjects due for erasure (a count, and the path of the
privacy officer's list when the catalog does not erase them itself) and the erasures filed, by outcome,
with their request ids; the values shredded from the vault. No identifier, value, token or subject id.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from flows.pipeline.atomic import write_bytes_atomic
from flows.pipeline.catalog import Catalog


def receipt_path(catalog: Catalog, run_id: str) -> Path:
    return catalog.reports_dir / "retention" / f"{run_id}.json"


def _dataset_entry() -> dict:
    return {
        "raw_files_deleted": [],
        "raw_files_kept": [],
        "clean_partitions_rewritten": [],
        "clean_partitions_deleted": [],
        "clean_rows_dropped": 0,
        "raw_records_dropped": 0,
        "partitions_kept": [],
        "rows_without_a_date": 0,
    }


def build_receipt(
    catalog: Catalog, run_id: str, plan: dict, steps: dict[str, dict], raw: list, clean: list
) -> dict:
    """The receipt document from the plan and the recorded step states (counts, paths and timings)."""
    datasets = {name: _dataset_entry() for name in catalog.datasets if catalog.dataset(name).retention}
    for result in raw:
        datasets[result["dataset"]]["raw_files_deleted"].append(result["file"])
    for dataset, file, reason in plan["raw_kept"]:
        datasets[dataset]["raw_files_kept"].append({"file": file, "reason": reason})
    for result in clean:
        entry = datasets[result["dataset"]]
        if result.get("note"):
            entry["partitions_kept"].append({"partition": result["partition"], "reason": result["note"]})
        elif result["deleted"]:
            entry["clean_partitions_deleted"].append(result["partition"])
        elif result["rows_dropped"]:
            entry["clean_partitions_rewritten"].append(result["partition"])
        entry["clean_rows_dropped"] += result["rows_dropped"]
        entry["raw_records_dropped"] += result["raw_records_dropped"]
    for dataset, _partition, undated in plan["undated"]:
        datasets[dataset]["rows_without_a_date"] += undated
    closure = steps.get("closure", {})
    return {
        "run_id": run_id,
        "kind": "retention",
        "as_of": plan["as_of"],
        "completed_at": datetime.now(UTC).isoformat(),
        "datasets": datasets,
        "totals": {
            "raw_files_deleted": len(raw),
            "raw_files_kept": len(plan["raw_kept"]),
            "clean_rows_dropped": sum(d["clean_rows_dropped"] for d in datasets.values()),
            "clean_partitions_rewritten": sum(
                len(d["clean_partitions_rewritten"]) for d in datasets.values()
            ),
            "clean_partitions_deleted": sum(len(d["clean_partitions_deleted"]) for d in datasets.values()),
        },
        "subjects": {
            "due_for_erasure": closure.get("subjects_due", 0),
            "auto_erase": closure.get("auto_erase", False),
            "list_for_the_privacy_officer": closure.get("due_list"),
            "erasures": closure.get("erasures", {}),
        },
        "vault": {k: v for k, v in steps.get("vault", {}).items() if k != "seconds"},
        "timings_seconds": {step: round(state.get("seconds", 0.0), 3) for step, state in steps.items()},
    }


def write_receipt(catalog: Catalog, receipt: dict) -> Path:
    path = receipt_path(catalog, receipt["run_id"])
    write_bytes_atomic(path, (json.dumps(receipt, indent=1, sort_keys=True) + "\n").encode())
    return path


def receipt_markdown(receipt: dict, path: Path) -> str:
    """The Prefect artifact: totals and, per dataset, what went and what stayed."""
    totals, subjects = receipt["totals"], receipt["subjects"]
    erasures = subjects["erasures"]
    lines = [
        f"# piivault retention {receipt['run_id']}",
        "",
        f"Raw files deleted: {totals['raw_files_deleted']} (kept: {totals['raw_files_kept']}); clean rows "
        f"dropped: {totals['clean_rows_dropped']}; vault values shredded: "
        f"{receipt['vault'].get('values_shredded', 0)}; subjects due for erasure: "
        f"{subjects['due_for_erasure']}"
        + (f" (erased: {erasures.get('completed', 0)})" if erasures else "")
        + ".",
        "",
        "| dataset | raw deleted | raw kept | rows dropped | partitions rewritten | deleted |",
        "|---|---|---|---|---|---|",
    ]
    for name, d in receipt["datasets"].items():
        counts = (
            len(d["raw_files_deleted"]),
            len(d["raw_files_kept"]),
            d["clean_rows_dropped"],
            len(d["clean_partitions_rewritten"]),
            len(d["clean_partitions_deleted"]),
        )
        lines.append(f"| {name} | " + " | ".join(str(c) for c in counts) + " |")
    lines += ["", f"Receipt: `{path}`", ""]
    return "\n".join(lines)
