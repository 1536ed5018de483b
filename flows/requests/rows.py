"""Which rows of a clean partition belong to the subject, and what each erasure policy makes of them.

A row belongs to the subject when it is keyed to them (the dataset's `subject_key` cell is one of their
customer ids) or holds one of their own strong identifiers (an email or phone token nobody else is linked
to). Nothing else makes a row theirs: not a name (namesakes), not a shared landline (the household).
- `delete_rows`: their rows go;
- `redact`: in their rows every cluster token (shared ones included: it is their name in their row) and
  the subject key become `ERASED_MARKER`;
- `retain`: their rows stay as they are; their own tokens become unresolvable when the vault shreds them.
Rows of other people are never changed. A row that is not theirs but holds one of their own values (their
unique address in an anonymous chat line) stays as it is in the clean zone (the token dies with the
shred); its raw record is replaced by this tokenized form, so the raw zone keeps no plaintext of it.

Vectorised with pyarrow compute (RE2 substring matching over string columns), so a partition costs one
read and, only when something changes, one write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from flows.requests.subject import Footprint, subject_ids_of
from values.token_format import ERASED_MARKER, PLACEHOLDER_PATTERN
from vault.surrogates import is_email_surrogate

if TYPE_CHECKING:
    from vault.store import Vault

_CARD_SURROGATE = re.compile(r"0\d{15}")


@dataclass
class RowDecision:
    """Row indexes of one partition: the subject's, and others' rows holding one of their own values."""

    owned: list[int] = field(default_factory=list)
    holding_own_value: list[int] = field(default_factory=list)


def _is_string(data_type: pa.DataType) -> bool:
    return pa.types.is_string(data_type) or pa.types.is_large_string(data_type)


def _pattern(forms: list[str]) -> str | None:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) if forms else None


def _any_match(table: pa.Table, pattern: str | None) -> pa.ChunkedArray | pa.Array:
    hit = pa.array([False] * table.num_rows, pa.bool_())
    if pattern is None:
        return hit
    for name in table.column_names:
        column = table.column(name)
        if _is_string(column.type):
            hit = pc.or_(hit, pc.fill_null(pc.match_substring_regex(column, pattern), False))
    return hit


def key_matches(table: pa.Table, subject_key: str | None, vault: Vault, fp: Footprint):
    """Boolean mask: the row's subject key cell is one of the cluster's subject ids (by keyed hash)."""
    if not subject_key or subject_key not in table.column_names:
        return pa.array([False] * table.num_rows, pa.bool_())
    column = table.column(subject_key)
    if not _is_string(column.type):
        column = pc.cast(column, pa.string())
    cluster = set(fp.subjects)
    keys = [v for v in pc.unique(column).to_pylist() if v is not None and v.strip()]
    theirs = [v for v, subject in zip(keys, subject_ids_of(vault, keys), strict=True) if subject in cluster]
    return pc.fill_null(pc.is_in(column, value_set=pa.array(theirs, pa.string())), False)


def decide_rows(table: pa.Table, subject_key: str | None, vault: Vault, fp: Footprint) -> RowDecision:
    """The subject's rows, and other rows holding one of their own values."""
    owned = pc.or_(
        key_matches(table, subject_key, vault, fp), _any_match(table, _pattern(fp.forms(fp.strong_tokens)))
    )
    holding = pc.and_(_any_match(table, _pattern(fp.forms(fp.own_tokens))), pc.invert(owned))
    return RowDecision(
        owned=pc.indices_nonzero(owned).to_pylist(), holding_own_value=pc.indices_nonzero(holding).to_pylist()
    )


def _mask(indexes: list[int], rows: int) -> pa.Array:
    flags = [False] * rows
    for index in indexes:
        flags[index] = True
    return pa.array(flags)


def apply_policy(
    table: pa.Table, policy: str, rows: RowDecision, subject_key: str | None, fp: Footprint
) -> pa.Table:
    """The partition after the dataset's policy: owned rows deleted, redacted, or retained unchanged."""
    if not rows.owned or policy == "retain":
        return table
    owned = _mask(rows.owned, table.num_rows)
    if policy == "delete_rows":
        return table.filter(pc.invert(owned))
    pattern = _pattern(fp.forms(fp.cluster_tokens))
    columns = []
    for name in table.column_names:
        column = table.column(name)
        if name == subject_key:
            marker = (
                pa.scalar(ERASED_MARKER, column.type)
                if _is_string(column.type)
                else pa.scalar(None, column.type)
            )
            column = pc.if_else(owned, marker, column)
        elif _is_string(column.type) and pattern:
            column = pc.if_else(owned, pc.replace_substring_regex(column, pattern, ERASED_MARKER), column)
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=table.schema)


def placeholders_in(table: pa.Table) -> set[str]:
    """Every token and surrogate a partition holds (what its lineage must record)."""
    found: set[str] = set()
    for name in table.column_names:
        column = table.column(name)
        if not _is_string(column.type):
            continue
        for value in pc.unique(column).to_pylist():
            if not value:
                continue
            found.update(m.group(0) for m in PLACEHOLDER_PATTERN.finditer(value))
            if is_email_surrogate(value) or _CARD_SURROGATE.fullmatch(value):
                found.add(value)
    found.discard(ERASED_MARKER)
    return found


def string_values(table: pa.Table, index: int) -> dict[str, str | None]:
    """The string cells of one row (tokenized columns are strings; the others equal the raw record)."""
    return {
        name: table.column(name)[index].as_py()
        for name in table.column_names
        if _is_string(table.column(name).type)
    }
