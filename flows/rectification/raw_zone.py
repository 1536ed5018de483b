"""Rectification step `raw`: the new value in place of the old one in the subject's raw records.

The raw files are those behind the corrected clean partitions (tokenize manifest), and within them only
the records whose clean rows changed. Each changed cell is aligned with its corrected clean cell
(`placeholder_spans_in_raw`): the raw span behind the new token is where the old value was written, in
the record's own spelling, and takes the new value's plaintext. A cell that does not align (it should
not happen: the clean cell is the raw cell with spans replaced) falls back to finding the old value's
spellings by tokenizing candidates (`OldValueMatcher`). The new value is read once per run attempt
through an audited detokenization for the privacy officer; nothing of it is saved.

Every other record is copied byte for byte (`flows.erasure.raw_records.rewrite_raw_file`), the file keeps
its modification time (retention counts a raw file's age from it), its hash is recorded before the
rename, and the manifest entry is updated afterwards so the next tokenize run skips the file (its clean
partition is corrected already). Fault points: `rectify-raw-plan`, `rectify-raw-file`, `rectify-raw-done`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from flows.erasure.raw_records import rewrite_raw_file
from flows.pipeline.atomic import temporary_path
from flows.pipeline.catalog import Catalog
from flows.pipeline.errors import PipelineError
from flows.pipeline.faults import fault_point
from flows.pipeline.manifest import fingerprint, load_entry
from flows.pipeline.readers import read_chunks
from flows.pipeline.storage import publish, read_table
from flows.rectification.clean_zone import Correction, PartitionPlan
from flows.rectification.matching import OldValueMatcher, placeholder_spans_in_raw
from flows.requests import progress
from flows.requests.rewrites import rewrite_raw_behind
from flows.requests.subject import entity_type_of

if TYPE_CHECKING:
    from vault.store import Vault

STEP = "raw"
ROLE = "privacy_officer"
PURPOSE = "rectification request"


def reveal_new_value(vault: Vault, correction: Correction, request_id: str) -> str:
    """The new value's plaintext, through an audited detokenization (kept in memory only)."""
    (revealed,) = vault.detokenize(
        [correction.new_token], role=ROLE, purpose=PURPOSE, actor=f"piivault rectification {request_id}"
    )
    if revealed.outcome != "allowed":
        raise PipelineError(
            f"request {request_id}: the new value could not be read ({revealed.outcome}); "
            f"the policy must let {ROLE} detokenize for the purpose {PURPOSE!r}"
        )
    return revealed.value


def corrected_cell(
    raw: str, clean: str, new_forms: set[str], new_value: str, matcher: OldValueMatcher
) -> str:
    """The raw cell with the old value (where the clean cell now shows the new one) replaced."""
    if clean in new_forms:
        return new_value
    spans = placeholder_spans_in_raw(clean, raw)
    if spans is None:
        spans = [(start, end, "") for start, end in matcher.spans(raw)]
        targets = [(start, end) for start, end, _shown in spans]
    else:
        targets = [(start, end) for start, end, shown in spans if shown in new_forms]
    for start, end in sorted(targets, reverse=True):
        raw = raw[:start] + new_value + raw[end:]
    return raw


def _edits(
    catalog: Catalog, plan: PartitionPlan, new_value: str, correction: Correction, vault: Vault
) -> dict:
    spec = catalog.dataset(plan.dataset)
    clean = read_table(catalog.clean_dir / plan.dataset / plan.partition)
    new_forms = set(correction.forms(spec.format_preserving).values())
    matcher = OldValueMatcher(vault, correction.old_token, entity_type_of(correction.old_token))
    wanted = {int(index): columns for index, columns in plan.changed.items()}
    edits: dict[int, dict] = {}
    row = 0
    for chunk in read_chunks(catalog.raw_dir / plan.raw_file, spec.format, encoding=spec.encoding):
        records = chunk.frame.to_dict("records")
        for record, position in zip(records, chunk.positions, strict=True):
            if row in wanted:
                values = {}
                for column in wanted[row]:
                    raw, shown = record.get(column), clean.column(column)[row].as_py()
                    if isinstance(raw, str) and isinstance(shown, str):
                        values[column] = corrected_cell(raw, shown, new_forms, new_value, matcher)
                edits[position] = {"action": "replace", "values": values}
            row += 1
    if row != clean.num_rows:
        raise PipelineError(
            f"dataset {plan.dataset}, file {plan.raw_file}: {row} raw records but {clean.num_rows} clean "
            f"rows in {plan.partition}; run tokenize --force on it, then rerun"
        )
    return edits


def _rewrite(
    catalog: Catalog, vault: Vault, request_id: str, plan: PartitionPlan, edits: dict, key: str
) -> dict:
    path = catalog.raw_dir / plan.raw_file
    spec = catalog.dataset(plan.dataset)
    entry = load_entry(catalog.clean_dir / plan.dataset, plan.raw_file)
    watch = set(entry.bad_positions) if entry else set()
    before = path.stat()
    temporary = temporary_path(path)
    try:
        result = rewrite_raw_file(path, temporary, spec.format, edits, watch, spec.encoding)
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.utime(temporary, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = fingerprint(temporary)
        state = {
            "dataset": plan.dataset,
            "file": plan.raw_file,
            "replaced": result.replaced,
            "moved_lines": {str(k): v for k, v in result.moved_lines.items()},
            "sha_after": after.sha256,
            "size_after": after.size,
        }
        progress.save(vault, request_id, STEP, state, item=key)
        fault_point("rectify-raw-plan")
        publish(temporary, path)  # on object storage the upload's time is the file's new mtime
    finally:
        temporary.unlink(missing_ok=True)
    return state


def correct_raw_file(
    catalog: Catalog, vault: Vault, request_id: str, plan: PartitionPlan, correction: Correction, reveal
) -> dict:
    """Correct one raw file per its plan, resumably; `reveal()` gives the new value (read when needed)."""

    def rewrite(key: str) -> dict:
        edits = _edits(catalog, plan, reveal(), correction, vault)
        return _rewrite(catalog, vault, request_id, plan, edits, key)

    return rewrite_raw_behind(
        catalog,
        vault,
        request_id,
        STEP,
        plan,
        rewrite,
        changed="changed since it was tokenized; run tokenize, then rerun the rectification",
        fault_prefix="rectify-",
    )


def correct_raw_zone(
    catalog: Catalog, vault: Vault, request_id: str, plans: list[dict], correction: Correction
) -> list[dict]:
    """The raw step over every plan with records to correct; one result per rewritten raw file."""
    revealed: list[str] = []

    def reveal() -> str:
        if not revealed:
            revealed.append(reveal_new_value(vault, correction, request_id))
        return revealed[0]

    results = []
    for data in plans:
        plan = PartitionPlan.from_dict(data)
        if plan.raw_file and plan.changed:
            results.append(correct_raw_file(catalog, vault, request_id, plan, correction, reveal))
    return results
