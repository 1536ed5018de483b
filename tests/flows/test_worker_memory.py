"""What keeps a Dask worker's memory to the size of a partition, not of the zone (issue 14).

A tokenized piece hands back counts and positions only: the tokens its part holds stay in a file beside
the part, and the assembly merges those files as streams for the file's lineage, written in batches in
one transaction. No timing or memory threshold is asserted here: each test checks the mechanism itself
(what a result holds, what the merge yields, what lineage records), which cannot pass or fail by chance.
"""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

from flows.pipeline.catalog import parse_catalog
from flows.tokenize.partitioned import (
    FileTokens,
    assemble_file,
    plan_file,
    tokenize_partition,
    tokens_path,
)
from values.token_format import PLACEHOLDER_PATTERN, TOKEN_PATTERN

CATALOG = {
    "zones": {"raw": "raw", "clean": "clean"},
    "vault": "sqlite:///vault.db",
    "datasets": {
        "contacts": {
            "path": "contacts/*.csv",
            "format": "csv",
            "erasure": "redact",
            "columns": {"email": "EMAIL_ADDRESS", "phone": "PHONE_NUMBER"},
        },
    },
}
ROWS = 300
NAMES = ("Maria Jensen", "Pieter de Vries", "Sophie Martin")


def _contacts() -> str:
    lines = ["id,email,phone,plan"]
    for n in range(ROWS):
        lines.append(f"r{n},person{n % 120}@example.org,+32 470 {n % 97:02d} {n % 89:02d} {n % 83:02d},basic")
    return "\n".join(lines) + "\n"


@pytest.fixture()
def zone(tmp_path):
    (tmp_path / "raw" / "contacts").mkdir(parents=True)
    (tmp_path / "raw" / "contacts" / "c.csv").write_text(_contacts())
    return parse_catalog(CATALOG, tmp_path)


@pytest.fixture()
def vault(zone):
    from vault.store import Vault

    with Vault.open(zone.vault_url) as opened:
        yield opened


def _tokens_in(frame: pd.DataFrame) -> set[str]:
    return {
        m.group(0) for value in frame.to_numpy().ravel() for m in PLACEHOLDER_PATTERN.finditer(str(value))
    }


def _lineage(vault, dataset: str, partition: str) -> set[str]:
    from sqlalchemy import select

    from vault.schema import lineage, partitions

    with vault.engine.connect() as conn:
        rows = conn.execute(
            select(lineage.c.token)
            .join(partitions, partitions.c.partition_id == lineage.c.partition_id)
            .where(partitions.c.dataset == dataset, partitions.c.partition == partition)
        )
        return {token for (token,) in rows}


def test_a_piece_hands_back_no_token_and_the_file_lineage_holds_every_token_of_the_clean_file(zone, vault):
    from recognizers import detect

    kinds = dict(zone.dataset("contacts").columns)
    plan = plan_file(zone, "contacts", zone.raw_dir / "contacts" / "c.csv", kinds, partition_bytes=2_000)
    assert len(plan.partitions) >= 4
    parts = [tokenize_partition(zone, plan, p, kinds, set(), vault, detect, None) for p in plan.partitions]
    parts_dir = zone.clean_dir / "contacts" / ".parts" / plan.output
    for part, partition in zip(parts, plan.partitions, strict=True):
        # what the runner keeps of a finished piece: counts and positions, never a token list
        assert TOKEN_PATTERN.search(pickle.dumps(part).decode("latin-1")) is None
        assert isinstance(part.tokens, int) and part.tokens > 0
        written = tokens_path(parts_dir, partition).read_text().splitlines()
        assert len(written) == part.tokens and written == sorted(written)
    result = assemble_file(zone, plan, parts, vault)
    clean = pd.read_parquet(zone.clean_dir / "contacts" / plan.output)
    held = _tokens_in(clean)
    assert len(clean) == ROWS and held
    assert _lineage(vault, "contacts", plan.output) == held
    assert result.tokens == len(held)
    assert not parts_dir.exists()  # the tokens files went with the parts


def test_file_tokens_merge_the_parts_files_sorted_and_distinct_and_read_again(tmp_path):
    import json

    pieces = [["[pv:a]", "[pv:c]", "[pv:e]"], ["[pv:b]", "[pv:c]"], [], ["[pv:a]", "[pv:f]", "line\nbreak"]]
    paths = []
    for n, tokens in enumerate(pieces):
        paths.append(tmp_path / f"{n:05d}.tokens")
        paths[-1].write_text("".join(json.dumps(t) + "\n" for t in sorted(tokens)))
    merged = FileTokens(paths)
    expected = sorted(set().union(*pieces))
    assert list(merged) == expected and merged.count == len(expected)
    assert list(merged) == expected  # a retried lineage write reads the files again


def test_file_tokens_of_more_pieces_than_files_open_at_once_merge_in_groups(tmp_path, monkeypatch):
    import json

    import flows.tokenize.partitioned as partitioned

    monkeypatch.setattr(partitioned, "MERGE_FAN_IN", 3)
    paths = []
    for n in range(10):
        paths.append(tmp_path / f"{n:05d}.tokens")
        paths[-1].write_text("".join(json.dumps(f"[pv:{t:03d}]") + "\n" for t in range(n, 40, 4)))
    merged = FileTokens(paths)
    assert list(merged) == [f"[pv:{t:03d}]" for t in range(40)] and merged.count == 40
    assert list(merged) == [f"[pv:{t:03d}]" for t in range(40)]


def test_lineage_written_in_batches_replaces_the_partition_in_one_write(zone, vault, monkeypatch):
    import vault.lineage as lineage_module

    monkeypatch.setattr(lineage_module, "BATCH", 2)
    tokens = sorted(f"[pv:email:{'a' * 19}{letter}]" for letter in "bcdefgh")
    assert all(TOKEN_PATTERN.fullmatch(t) for t in tokens)
    vault.record_lineage("contacts", "c.parquet", ["[pv:email:" + "z" * 20 + "]"], replace=True)
    assert vault.record_lineage("contacts", "c.parquet", FileTokensLike(tokens), replace=True) == len(tokens)
    assert _lineage(vault, "contacts", "c.parquet") == set(tokens)
    assert vault.record_lineage("contacts", "c.parquet", iter(tokens[:3]), replace=True) == 3  # an iterator
    assert _lineage(vault, "contacts", "c.parquet") == set(tokens[:3])


class FileTokensLike:
    """A re-iterable that is not a list, as the assembly hands the vault (`FileTokens`)."""

    def __init__(self, tokens: list[str]):
        self.tokens = tokens

    def __iter__(self):
        return iter(self.tokens)


def test_the_workers_of_a_cluster_the_runner_starts_keep_no_statistical_profile():
    """Dask's profiler keeps a call tree per second of the run on every worker; the clusters a run starts
    have it off (`flows.pipeline.task_runners.WORKER_CONFIG`)."""
    from flows.pipeline.task_runners import LOCAL, RunnerChoice, dask_task_runner

    with dask_task_runner(RunnerChoice(LOCAL, workers=1)) as runner:
        callbacks = runner.client.run(lambda dask_worker: sorted(dask_worker.periodic_callbacks))
    (names,) = callbacks.values()
    assert "heartbeat" in names and not {"profile", "profile-cycle"} & set(names)


def test_free_text_is_detected_in_batches_of_bounded_size_with_the_output_of_one_batch(
    zone, vault, monkeypatch
):
    """A chunk's texts reach detection and the known-subject scan `TEXT_BATCH` at a time; the clean
    values and tokens are those of the whole chunk read at once."""
    import flows.tokenize.tokenizing as tokenizing
    from recognizers import detect

    texts = [
        f"note {n}: call {NAMES[n % 3]} on +32 470 12 {n:02d} 34 or mail m{n % 4}@example.org"
        for n in range(23)
    ]
    frame = pd.DataFrame({"note": texts})
    dataset = zone.dataset("contacts")
    sizes: list[int] = []

    def detect_and_count(batch: list[str]) -> list[list]:
        sizes.append(len(batch))
        return detect(batch)

    whole, held, found = tokenizing.tokenize_chunk(
        frame, {"note": "free_text"}, "contacts", dataset, vault, detect
    )
    monkeypatch.setattr(tokenizing, "TEXT_BATCH", 5)
    batched, held_batched, found_batched = tokenizing.tokenize_chunk(
        frame, {"note": "free_text"}, "contacts", dataset, vault, detect_and_count
    )
    assert sizes == [5, 5, 5, 5, 3]
    pd.testing.assert_frame_equal(batched, whole)
    assert held_batched == held and found_batched == found == {"note": 23}
    written = " ".join(batched["note"])
    assert not any(name in written for name in NAMES) and "@example.org" not in written


def _resident_mib() -> float:
    from bench.peak_memory import status_kib

    return status_kib("VmRSS") / 1024


def test_a_piece_hands_the_memory_it_freed_back_to_the_system_even_when_it_fails():
    """What a piece freed between blocks still in use stays in the process unless handed back
    (`flows.pipeline.free_memory`): here 200 MiB of 4 KiB blocks, every 16th kept, freed by a piece that
    then fails; the resident size falls by more than half of what it freed once the piece returns."""
    from flows.pipeline.free_memory import _malloc_trim, releasing_free_memory

    assert _malloc_trim() is not None  # glibc here, as in CI; elsewhere only Arrow's pool is released
    kept: list[bytes] = []
    resident: dict[str, float] = {}

    @releasing_free_memory
    def piece() -> None:
        blocks = [bytes(4096) for _ in range(51_200)]
        kept.extend(blocks[::16])
        del blocks
        resident["freed"] = _resident_mib()
        raise RuntimeError("the piece fails after freeing")

    with pytest.raises(RuntimeError):
        piece()
    returned = resident["freed"] - _resident_mib()
    assert returned > 100, f"{returned:.0f} MiB handed back"  # 130 here; 0 without handing back
    assert len(kept) == 3_200
