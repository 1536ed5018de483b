"""Erasure step `verify`: prove that nothing of the subject is left where the erasure went.

The checks need no plaintext (the shred destroyed it): the vault's token key survives the shred, so a
candidate email or phone number found in a file is tokenized with it and compared to the subject's
strong-identifier tokens; a subject-key cell is compared by its keyed hash.
- vault: none of the subject's own tokens, data keys, links or subjects is left; every own value hash is
  tombstoned; the request's identifier resolves to nobody;
- clean zone (every affected partition): no row of a `delete_rows` or `redact` dataset still belongs to
  the subject (their strong-identifier token or subject key), and no plaintext strong identifier anywhere;
- raw zone (the raw files behind those partitions): no plaintext email or phone of the subject, and no
  record keyed to them in a `delete_rows` or `redact` dataset.
Findings name zone, dataset, file, position and entity type — never a value — and fail the run.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from flows.erasure.clean_zone import PartitionPlan
from flows.pipeline.catalog import Catalog
from flows.pipeline.errors import PipelineError
from flows.pipeline.manifest import load_manifest
from flows.pipeline.readers import read_chunks
from flows.pipeline.storage import read_table
from flows.requests.rows import decide_rows
from flows.requests.subject import Footprint
from values.normalise import normalise

if TYPE_CHECKING:
    from vault.store import Vault

EMAIL_CANDIDATE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
PHONE_CANDIDATE = re.compile(r"(?<![\w\-])(?:\+|00)?\(?\d[\d \t().\-/]{5,}\d(?!\d)")
IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
MAX_REPORTED = 20


@dataclass
class Verification:
    """The outcome of the verify step: counts of what was checked, and findings without values."""

    passed: bool = True
    clean_files_checked: int = 0
    raw_files_checked: int = 0
    quarantine_files_checked: int = 0
    quarantined_records_examined: int = 0  # decrypted and scanned
    quarantined_records_ruled_out: int = 0  # their keyed index cannot hold the subject: left sealed
    vault_checks: dict[str, int] = field(default_factory=dict)
    findings: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Verification:
        return cls(**data)

    def absorb(self, piece: Verification) -> None:
        """Add one check's own result (its findings after ours, its counts to ours): the same as having
        run that check on this result."""
        self.findings.extend(piece.findings)
        self.clean_files_checked += piece.clean_files_checked
        self.raw_files_checked += piece.raw_files_checked


# The checks of one file, by (check, dataset, file): made beforehand elsewhere (on Dask workers:
# `flows.erasure.spread`), each on a fresh `Verification`, and absorbed in the order a run makes them.
CLEAN_CHECK, RAW_CHECK = "clean", "raw"
Checked = dict[tuple[str, str, str], Verification]


def run_check(result: Verification, checked: Checked | None, key: tuple[str, str, str], check) -> None:
    """`check(result)`, or the result of that check made beforehand (`checked[key]`) absorbed: the
    findings and counts are the same either way, in the same order."""
    if checked is not None and key in checked:
        result.absorb(checked[key])
    else:
        check(result)


PHONE_TAIL_DIGITS = 7
_NOT_DIGIT = re.compile(r"\D")


def _tail_hash(vault: Vault, digits: str) -> str:
    return vault.subject_id("piivault phone tail " + digits[-PHONE_TAIL_DIGITS:])


def read_values(vault: Vault, token_list: list[str], request_id: str) -> dict[str, str | None]:
    """The values of `token_list` (token -> value, None where the vault gives none), read once through an
    audited privacy-officer detokenization before the shred, held in memory only: what is recorded from
    them is keyed hashes (`phone_tail_hashes`, the quarantine index's `subject_hashes`)."""
    if not token_list:
        return {}
    revealed = vault.detokenize(
        token_list, role="privacy_officer", purpose="erasure request", actor=f"piivault erasure {request_id}"
    )
    return {t: r.value if r.outcome == "allowed" else None for t, r in zip(token_list, revealed, strict=True)}


def phone_tail_hashes(vault: Vault, fp: Footprint, values: dict[str, str | None]) -> list[str] | None:
    """Keyed hashes of the last digits of the subject's phones, from their values (`read_values`).

    Every way of writing a number (E.164, national, dotted, with a trunk `(0)`) ends in the same digits,
    so verification parses with `phonenumbers` only the candidates whose tail hash matches, instead of
    every number in a file. None when a phone could not be read (then every candidate is parsed)."""
    phones = [t for t in fp.strong_tokens if t.startswith("[pv:phone:")]
    if any(values.get(t) is None for t in phones):
        return None
    return sorted({_tail_hash(vault, _NOT_DIGIT.sub("", values[t])) for t in phones})


class PlaintextMatcher:
    """Finds the subject's strong identifiers in text by tokenizing candidates with the vault's key."""

    def __init__(self, vault: Vault, fp: Footprint):
        self._vault = vault
        self._strong = set(fp.strong_tokens)
        self._has_email = any(t.startswith("[pv:email:") for t in self._strong)
        self._has_phone = any(t.startswith("[pv:phone:") for t in self._strong)
        self._tails = None if fp.phone_tails is None else set(fp.phone_tails)
        self._seen: dict[tuple[str, str], bool] = {}

    def _is_theirs(self, entity_type: str, candidate: str) -> bool:
        key = (entity_type, candidate)
        if key not in self._seen and entity_type == "PHONE_NUMBER" and self._tails is not None:
            if _tail_hash(self._vault, _NOT_DIGIT.sub("", candidate)) not in self._tails:
                self._seen[key] = False
        if key not in self._seen:
            try:
                token = self._vault.deriver.derive_normalised(
                    entity_type, normalise(entity_type, candidate)
                ).token
            except Exception:  # a candidate the normaliser rejects is not their value
                token = None
            self._seen[key] = token in self._strong
        return self._seen[key]

    def entity_types_in(self, text: str) -> list[str]:
        """Entity types of the subject's identifiers found in `text` (empty when none)."""
        if not self._strong or not text:
            return []
        found = []
        if "@" in text and any(self._is_theirs("EMAIL_ADDRESS", m) for m in EMAIL_CANDIDATE.findall(text)):
            found.append("EMAIL_ADDRESS")
        for match in PHONE_CANDIDATE.findall(text):
            if not IPV4.fullmatch(match.strip()) and self._is_theirs("PHONE_NUMBER", match.strip()):
                found.append("PHONE_NUMBER")
                break
        return found

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, entity type) of each of the subject's emails and phones in `text`, in order."""
        if not self._strong or not text:
            return []
        # a pass only for a type they have (a quarantined record's finder may be narrowed to one)
        emails = EMAIL_CANDIDATE.finditer(text) if self._has_email else ()
        found = [
            (m.start(), m.end(), "EMAIL_ADDRESS") for m in emails if self._is_theirs("EMAIL_ADDRESS", m[0])
        ]
        for m in PHONE_CANDIDATE.finditer(text) if self._has_phone else ():
            candidate = m.group(0)
            stripped = candidate.strip()
            if not IPV4.fullmatch(stripped) and self._is_theirs("PHONE_NUMBER", stripped):
                start = m.start() + len(candidate) - len(candidate.lstrip())
                found.append((start, start + len(stripped), "PHONE_NUMBER"))
        return sorted(found)

    def find(self, text: str) -> list[tuple[int, str]]:
        """(offset, entity type) of each of the subject's identifiers in a long text, in one regex pass."""
        if not self._strong:
            return []
        found = [
            (m.start(), "EMAIL_ADDRESS")
            for m in EMAIL_CANDIDATE.finditer(text)
            if self._is_theirs("EMAIL_ADDRESS", m.group(0))
        ]
        for m in PHONE_CANDIDATE.finditer(text):
            candidate = m.group(0).strip()
            if not IPV4.fullmatch(candidate) and self._is_theirs("PHONE_NUMBER", candidate):
                found.append((m.start(), "PHONE_NUMBER"))
        return sorted(found)


def _line_blocks(path, encoding: str, lines_per_block: int = 20_000):
    """(first line number, text) of consecutive blocks of lines, so memory stays bounded."""
    with path.open("rb") as handle:
        block: list[bytes] = []
        first = 1
        for line in handle:
            block.append(line)
            if len(block) >= lines_per_block:
                yield first, b"".join(block).decode(encoding, errors="replace")
                first += len(block)
                block = []
        if block:
            yield first, b"".join(block).decode(encoding, errors="replace")


def check_vault(
    vault: Vault, fp: Footprint, identifier_type: str, identifier_hash: str, result: Verification
) -> None:
    left = vault.shred_evidence(fp.subjects, fp.own_tokens, fp.own_hashes)
    still = vault.resolve_hash(identifier_type, identifier_hash).subject_ids
    result.vault_checks = {
        "own_values_shredded": len(fp.own_tokens) - left.tokens_left,
        "own_values_tombstoned": left.hashes_tombstoned,
        "shared_values_kept": len(fp.cluster_tokens) - len(fp.own_tokens),
    }
    problems = {
        "own tokens still in the vault": left.tokens_left,
        "data keys not destroyed": left.data_keys_left,
        "links left": left.links_left,
        "subjects left": left.subjects_left,
        "value hashes not tombstoned": len(fp.own_hashes) - left.hashes_tombstoned,
        "subjects the identifier still resolves to": len(still),
    }
    for what, count in problems.items():
        if count:
            result.findings.append({"zone": "vault", "problem": what, "count": count})


def check_clean(
    catalog: Catalog,
    vault: Vault,
    fp: Footprint,
    plan: PartitionPlan,
    matcher: PlaintextMatcher,
    result: Verification,
) -> None:
    path = catalog.clean_dir / plan.dataset / plan.partition
    if not path.exists():
        return
    table = read_table(path)
    result.clean_files_checked += 1
    spec = catalog.dataset(plan.dataset)
    if spec.erasure != "retain":
        for index in decide_rows(table, spec.subject_key, vault, fp).owned:
            result.findings.append(
                {
                    "zone": "clean",
                    "dataset": plan.dataset,
                    "file": plan.partition,
                    "row": index + 1,
                    "problem": "row of the subject left",
                }
            )
    for name in table.column_names:
        column = table.column(name)
        if not pa.types.is_string(column.type):
            continue
        hits = {v: matcher.entity_types_in(v) for v in pc.unique(column).to_pylist() if isinstance(v, str)}
        hits = {v: types for v, types in hits.items() if types}
        if not hits:
            continue  # values repeat: each distinct one is checked once
        for index, value in enumerate(column.to_pylist()):
            for entity_type in hits.get(value, []):
                result.findings.append(
                    {
                        "zone": "clean",
                        "dataset": plan.dataset,
                        "file": plan.partition,
                        "row": index + 1,
                        "entity_type": entity_type,
                    }
                )


def check_raw(
    catalog: Catalog,
    vault: Vault,
    fp: Footprint,
    dataset: str,
    raw_file: str,
    matcher: PlaintextMatcher,
    result: Verification,
) -> None:
    path = catalog.raw_dir / raw_file
    if not path.exists():
        return
    result.raw_files_checked += 1
    spec = catalog.dataset(dataset)
    if spec.format == "parquet":
        for chunk in read_chunks(path, "parquet"):
            for row, position in zip(chunk.frame.itertuples(index=False), chunk.positions, strict=True):
                text = "\x1f".join(v for v in row if isinstance(v, str))
                for entity_type in matcher.entity_types_in(text):
                    result.findings.append(
                        {
                            "zone": "raw",
                            "dataset": dataset,
                            "file": raw_file,
                            "row": position,
                            "entity_type": entity_type,
                        }
                    )
    else:
        for first, text in _line_blocks(path, spec.encoding):
            for offset, entity_type in matcher.find(text):
                line = first + text.count("\n", 0, offset)
                result.findings.append(
                    {
                        "zone": "raw",
                        "dataset": dataset,
                        "file": raw_file,
                        "line": line,
                        "entity_type": entity_type,
                    }
                )
    if spec.erasure != "retain" and spec.subject_key:
        cluster = set(fp.subjects)
        for chunk in read_chunks(path, spec.format, encoding=spec.encoding):
            if spec.subject_key not in chunk.frame.columns:
                continue
            for value, position in zip(chunk.frame[spec.subject_key].tolist(), chunk.positions, strict=True):
                if isinstance(value, str) and value.strip() and vault.subject_id(value) in cluster:
                    result.findings.append(
                        {
                            "zone": "raw",
                            "dataset": dataset,
                            "file": raw_file,
                            "position": position,
                            "problem": "record keyed to the subject left",
                        }
                    )


def raw_file_of(catalog: Catalog, plans: list[dict]) -> dict[tuple[str, str], str]:
    """(dataset, clean partition) -> the raw file behind it (the tokenize manifest's), for the planned
    partitions that have one, in the plans' order; each dataset's manifest read once."""
    manifests: dict[str, dict[str, str]] = {}
    found: dict[tuple[str, str], str] = {}
    for data in plans:
        plan = PartitionPlan.from_dict(data)
        if plan.dataset not in manifests:
            entries = load_manifest(catalog.clean_dir / plan.dataset)
            manifests[plan.dataset] = {e.output: e.file for e in entries}
        raw_file = manifests[plan.dataset].get(plan.partition)
        if raw_file is not None:
            found[(plan.dataset, plan.partition)] = raw_file
    return found


def raw_files_behind(catalog: Catalog, plans: list[dict]) -> list[tuple[str, str]]:
    """(dataset, raw file) behind the planned clean partitions, each once, in the plans' order."""
    behind = raw_file_of(catalog, plans)
    return list(dict.fromkeys((dataset, raw_file) for (dataset, _partition), raw_file in behind.items()))


def verify_erasure(
    catalog: Catalog,
    vault: Vault,
    fp: Footprint,
    request: dict,
    plans: list[dict],
    extra_raw_files: list[tuple[str, str]] = (),
    checked: Checked | None = None,
) -> Verification:
    """Run every check; the result lists findings (no values) and whether the erasure is proven.

    `extra_raw_files`: (dataset, raw file) pairs rewritten for other reasons (quarantined records).
    `checked`: the files' checks made beforehand (`run_check`); the others are made here."""
    result = Verification()
    matcher = PlaintextMatcher(vault, fp)
    check_vault(vault, fp, request["identifier_type"], request["identifier_hash"], result)
    raw_files: dict[tuple[str, str], None] = dict.fromkeys(tuple(pair) for pair in extra_raw_files)
    for data in plans:
        plan = PartitionPlan.from_dict(data)
        run_check(
            result,
            checked,
            (CLEAN_CHECK, plan.dataset, plan.partition),
            lambda r, plan=plan: check_clean(catalog, vault, fp, plan, matcher, r),
        )
    raw_files.update(dict.fromkeys(raw_files_behind(catalog, plans)))
    for dataset, raw_file in raw_files:
        run_check(
            result,
            checked,
            (RAW_CHECK, dataset, raw_file),
            lambda r, d=dataset, f=raw_file: check_raw(catalog, vault, fp, d, f, matcher, r),
        )
    result.passed = not result.findings
    return result


def raise_if_failed(result: Verification) -> None:
    """Fail the run with the findings (places and types only, never a value)."""
    if result.passed:
        return
    shown = "; ".join(", ".join(f"{k} {v}" for k, v in f.items()) for f in result.findings[:MAX_REPORTED])
    more = len(result.findings) - MAX_REPORTED
    raise PipelineError(
        f"erasure verification failed, {len(result.findings)} finding(s): {shown}"
        + (f"; and {more} more" if more > 0 else "")
    )
