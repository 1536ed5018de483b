"""Free text on the cluster beside `piivault detect`: the support chats tokenized by the flow on 1 and 2
workers against the `piivault detect` command on the same lines, all by the wall clock, for `bench.scale`.

This is the comparison as a data engineer meets it on this machine: `piivault tokenize` with its workers
against the one process `piivault detect` runs in. The chats are tokenized as in a whole-zone run: the
vault already holds the customers of the datasets with a subject key (tokenized first, not timed), so the
known-subject scan runs. Both figures are after start-up: the tokenize flow run's time minus the same
run's with nothing left to do; `piivault detect`'s, on the chat lines as a JSON-lines file written
beforehand, minus a one-record run (`bench.detect.measure_piivault`). Per core the two cannot be compared
this way: `python -m bench.tokenize --repeat N` compares them in CPU seconds.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

FREE_TEXT_DATASET = "support_chats"


def file_lines(path: Path) -> list[str]:
    """The lines of one raw text file, as tokenize reads them."""
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\r\n") for line in handle]


def chat_lines(catalog_path: Path) -> list[str]:
    """Every line of the free-text dataset's raw files."""
    from flows.pipeline.catalog import load_catalog

    return [
        line
        for path in load_catalog(catalog_path).input_files(FREE_TEXT_DATASET)
        for line in file_lines(path)
    ]


def detect_command_rate(lines: list[str]) -> float:
    """Lines per wall second of `piivault detect` on `lines` after its start-up."""
    from bench.detect import measure_piivault

    with tempfile.TemporaryDirectory(prefix="piivault-bench-free-text-") as work:
        folder = Path(work)
        records, one = folder / "chats.jsonl", folder / "one.jsonl"
        with records.open("w", encoding="utf-8") as out:
            for number, line in enumerate(lines):
                out.write(json.dumps({"id": number, "text": line}, ensure_ascii=False) + "\n")
        one.write_text(json.dumps({"id": 0, "text": lines[0]}, ensure_ascii=False) + "\n", encoding="utf-8")
        return measure_piivault(records, one, folder, len(lines)).steady_rate


def tokenize_free_text(catalog_path: Path, runner) -> tuple[int, float]:
    """(lines, wall seconds after start-up) of the tokenize flow run over the free-text dataset alone on
    `runner`, after the datasets with a subject key (not timed) gave the vault its customers. Start-up: the
    same run again with nothing to do (the flow run, planning its files, Prefect's task runs)."""
    import time

    from flows.pipeline.catalog import load_catalog
    from flows.tokenize.flow import tokenize

    catalog = load_catalog(catalog_path)
    keyed = [name for name in catalog.datasets if catalog.dataset(name).subject_key]
    tokenize(catalog_path=str(catalog_path), datasets=keyed, runner=runner)
    started = time.perf_counter()
    results = tokenize(catalog_path=str(catalog_path), datasets=[FREE_TEXT_DATASET], runner=runner)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    tokenize(catalog_path=str(catalog_path), datasets=[FREE_TEXT_DATASET], runner=runner)
    return sum(r["records_in"] for r in results), seconds - (time.perf_counter() - started)
