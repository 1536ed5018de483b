"""Right of access: everything piivault holds about a subject, detokenized, as an export package.

The subject is resolved exactly as for erasure (`flows.requests.subject`: a strong identifier, one subject
or review). Their records are the clean-zone rows that belong to them (keyed to them, or holding one of
their own strong identifiers) plus rows holding one of their own values, found through lineage. Every
token of theirs is detokenized in one audited call for the `privacy_officer` role and the `access request`
purpose; other people's tokens in those rows (the other party of a call) stay tokens.

The package, a directory `<reports>/access/<request id>/` readable by its owner only:
- `export.json`: the values the vault holds (type, value, whether shared with others) and every record
  per dataset;
- `<dataset>.csv`: the same records, one file per dataset;
- `summary.txt`: a short human-readable summary.
It holds personal data by design (it is for the person); nothing of it goes to Prefect or the logs.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from flows.pipeline.atomic import write_bytes_atomic
from flows.pipeline.catalog import Catalog
from flows.pipeline.errors import PipelineError
from flows.pipeline.storage import is_remote, read_table
from flows.requests.rows import decide_rows
from flows.requests.subject import Footprint, affected_partitions, entity_type_of
from values.token_format import PLACEHOLDER_PATTERN

if TYPE_CHECKING:
    from vault.store import Vault

ROLE = "privacy_officer"
PURPOSE = "access request"


@dataclass
class AccessExport:
    """Where the package went and what it holds (counts only)."""

    path: Path
    values: int
    records: dict[str, int]


def _subject_rows(catalog: Catalog, vault: Vault, fp: Footprint) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for dataset, partition in affected_partitions(vault, catalog, fp):
        path = catalog.clean_dir / dataset / partition
        if not path.exists():
            continue
        table = read_table(path)
        decision = decide_rows(table, catalog.dataset(dataset).subject_key, vault, fp)
        indexes = sorted(decision.owned + decision.holding_own_value)
        if indexes:
            for record in table.take(indexes).to_pylist():
                rows.setdefault(dataset, []).append({"_file": partition, **record})
    return rows


def _reveal(value: object, values: dict[str, str]) -> object:
    """A cell with the subject's tokens (and surrogates) replaced by their values."""
    if not isinstance(value, str):
        return value
    if value in values:
        return values[value]
    return PLACEHOLDER_PATTERN.sub(lambda m: values.get(m.group(0), m.group(0)), value)


def _csv_text(records: list[dict]) -> str:
    columns: list[str] = []
    for record in records:
        columns.extend(c for c in record if c not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()


def _private_write(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
    path.chmod(0o600)


def export_subject(catalog: Catalog, vault: Vault, fp: Footprint, request: dict, actor: str) -> AccessExport:
    """Gather, detokenize (audited) and write the export package of one resolved subject."""
    rows = _subject_rows(catalog, vault, fp)
    revealed = vault.detokenize(fp.cluster_tokens, role=ROLE, purpose=PURPOSE, actor=actor)
    values = {r.token: r.value for r in revealed if r.outcome == "allowed"}
    values.update({form: values[token] for form, token in fp.surrogates.items() if token in values})
    own = set(fp.own_tokens)
    held = [
        {"type": entity_type_of(token), "value": values[token], "shared_with_others": token not in own}
        for token in fp.cluster_tokens
        if token in values
    ]
    records = {
        dataset: [{k: _reveal(v, values) for k, v in record.items()} for record in dataset_rows]
        for dataset, dataset_rows in sorted(rows.items())
    }
    package = catalog.reports_dir / "access" / request["request_id"]
    if is_remote(package):  # detokenized values: only where a 0700 directory keeps them to its owner
        raise PipelineError(
            f"access export {request['request_id']}: the reports zone {catalog.reports_dir} is on object "
            "storage, where no file mode keeps an export of personal values to its owner; give the catalog "
            "a local reports zone for access requests"
        )
    package.mkdir(parents=True, exist_ok=True)
    os.chmod(package, 0o700)
    document = {
        "request_id": request["request_id"],
        "generated_at": datetime.now(UTC).isoformat(),
        "values_held_in_the_vault": sorted(held, key=lambda h: (h["type"], h["value"])),
        "records": records,
    }
    _private_write(package / "export.json", json.dumps(document, indent=1, ensure_ascii=False, default=str))
    for dataset, dataset_records in records.items():
        _private_write(package / f"{dataset}.csv", _csv_text(dataset_records))
    counts = {dataset: len(r) for dataset, r in records.items()}
    alone = sum(not h["shared_with_others"] for h in held)
    summary = [
        f"piivault access request {request['request_id']}",
        f"generated {document['generated_at']} for the privacy officer ({actor})",
        f"values held in the vault: {len(held)} ({alone} this person's alone)",
        "records per dataset:",
        *[f"  {dataset}: {count} (see {dataset}.csv)" for dataset, count in counts.items()],
        f"every value was revealed by an audited detokenization (role {ROLE}, purpose {PURPOSE})",
    ]
    _private_write(package / "summary.txt", "\n".join(summary) + "\n")
    return AccessExport(package, len(held), counts)
