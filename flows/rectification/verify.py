"""Rectification step `verify`: prove the old value is gone from the subject's records, and the vault agrees.

No plaintext is needed (the old value may be shredded by now): the old value's spellings are found by
tokenizing candidates with the vault's token key (`OldValueMatcher`, narrowed by the shape taken at
resolve).
- vault: the correction is recorded; the old value is unlinked from the subject (unless records kept as
  issued still hold it); when it was theirs alone it is no longer stored, its data key is destroyed and
  its hash tombstoned; the new value is stored and linked to the subject;
- clean zone (every partition of an `update` dataset that held the old value): no row holds the old
  token (for a shared value: none of the subject's rows), and none of the subject's rows holds a
  spelling of the old value;
- raw zone (every raw file rewritten): none of the subject's records holds a spelling of the old value.
Findings name zone, dataset, file and row — never a value — and fail the run.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from flows.pipeline.catalog import Catalog
from flows.pipeline.errors import PipelineError
from flows.pipeline.readers import read_chunks
from flows.pipeline.storage import read_table
from flows.rectification.clean_zone import Correction, PartitionPlan, target_rows
from flows.rectification.matching import OldValueMatcher
from flows.requests.subject import Footprint, entity_type_of
from vault.rectification import KEPT, SHREDDED

if TYPE_CHECKING:
    from vault.store import Vault

MAX_REPORTED = 20


@dataclass
class Verification:
    """What was checked (counts) and what was found (places, never values)."""

    passed: bool = True
    clean_files_checked: int = 0
    raw_files_checked: int = 0
    vault_checks: dict[str, int] = field(default_factory=dict)
    findings: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def check_vault(
    vault: Vault, fp: Footprint, correction: Correction, outcome: str, result: Verification
) -> None:
    evidence = vault.retirement_evidence(fp.subjects, correction.old_token, correction.new_token)
    result.vault_checks = evidence
    problems = {
        "correction not recorded": evidence["corrections_recorded"] == 0,
        "old value still linked to the subject": outcome != KEPT and evidence["old_links_left"] > 0,
        "old value still stored": outcome == SHREDDED and evidence["old_token_stored"] > 0,
        "old value's data key not destroyed": outcome == SHREDDED and evidence["old_data_key_left"] > 0,
        "old value not tombstoned": outcome == SHREDDED and evidence["old_value_tombstoned"] == 0,
        "new value not stored": evidence["new_token_stored"] == 0,
        "new value not linked to the subject": evidence["new_token_linked"] == 0,
    }
    for problem, found in problems.items():
        if found:
            result.findings.append({"zone": "vault", "problem": problem})


def _holds(column, forms: list[str]):
    hit = pa.array([False] * len(column), pa.bool_())
    for form in forms:
        hit = pc.or_(hit, pc.fill_null(pc.match_substring(column, form), False))
    return hit


def check_clean(
    catalog: Catalog,
    vault: Vault,
    fp: Footprint,
    correction: Correction,
    plan: PartitionPlan,
    matcher: OldValueMatcher,
    result: Verification,
) -> None:
    path = catalog.clean_dir / plan.dataset / plan.partition
    if plan.policy != "update" or not path.exists():
        return
    table = read_table(path)
    result.clean_files_checked += 1
    spec = catalog.dataset(plan.dataset)
    owned, _others = target_rows(table, spec.subject_key, vault, fp, correction.old_shared)
    checked = set(owned) if correction.old_shared else set(range(table.num_rows))
    forms = list(correction.forms(spec.format_preserving))
    for name in table.column_names:
        column = table.column(name)
        if not pa.types.is_string(column.type):
            continue
        for index in pc.indices_nonzero(_holds(column, forms)).to_pylist():
            if index in checked:
                result.findings.append(
                    {"zone": "clean", "dataset": plan.dataset, "file": plan.partition, "row": index + 1}
                )
        for index in owned:
            if matcher.found_in(column[index].as_py()):
                result.findings.append(
                    {
                        "zone": "clean",
                        "dataset": plan.dataset,
                        "file": plan.partition,
                        "row": index + 1,
                        "problem": "old value in plaintext",
                    }
                )


def check_raw(
    catalog: Catalog,
    plan: PartitionPlan,
    matcher: OldValueMatcher,
    new: OldValueMatcher,
    result: Verification,
) -> None:
    path = catalog.raw_dir / plan.raw_file
    if not path.exists():
        return
    result.raw_files_checked += 1
    spec = catalog.dataset(plan.dataset)
    wanted = set(plan.subject_rows)
    row = 0
    for chunk in read_chunks(path, spec.format, encoding=spec.encoding):
        for record, position in zip(chunk.frame.to_dict("records"), chunk.positions, strict=True):
            if row in wanted and any(
                isinstance(v, str) and matcher.found_in(v, new) for v in record.values()
            ):
                result.findings.append(
                    {"zone": "raw", "dataset": plan.dataset, "file": plan.raw_file, "position": position}
                )
            row += 1


def verify_rectification(
    catalog: Catalog,
    vault: Vault,
    fp: Footprint,
    correction: Correction,
    outcome: str,
    shape: dict | None,
    plans: list[dict],
) -> Verification:
    """Every check; the result lists findings (no values)."""
    result = Verification()
    entity_type = entity_type_of(correction.old_token)
    matcher = OldValueMatcher(vault, correction.old_token, entity_type, shape)
    new = OldValueMatcher(vault, correction.new_token, entity_type)
    check_vault(vault, fp, correction, outcome, result)
    for data in plans:
        plan = PartitionPlan.from_dict(data)
        check_clean(catalog, vault, fp, correction, plan, matcher, result)
        if plan.raw_file and plan.changed:
            check_raw(catalog, plan, matcher, new, result)
    result.passed = not result.findings
    return result


def raise_if_failed(result: Verification) -> None:
    """Fail the run with the findings (places only, never a value)."""
    if result.passed:
        return
    shown = "; ".join(", ".join(f"{k} {v}" for k, v in f.items()) for f in result.findings[:MAX_REPORTED])
    more = len(result.findings) - MAX_REPORTED
    raise PipelineError(
        f"rectification verification failed, {len(result.findings)} finding(s): {shown}"
        + (f"; and {more} more" if more > 0 else "")
    )
