"""Temporaries never outlive their writer: a process killed while writing a clean file, a manifest or a
report (kill -9 runs no cleanup) leaves `.<name>.<host>-<pid>.<random>.tmp` behind, and the next flow
that takes the zone lock removes it; a temporary whose writer still runs, and an erasure's own resume
files, are left alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from flows.pipeline.atomic import is_stale_temporary, temporary_path
from flows.pipeline.catalog import load_catalog

REPO = Path(__file__).resolve().parents[2]
KILLED_WRITER = (
    "import os, sys; from pathlib import Path; from flows.pipeline.atomic import atomic_path\n"
    "with atomic_path(Path(sys.argv[1])) as temporary:\n"
    "    temporary.write_bytes(b'half a parquet file')\n"
    "    os._exit(137)  # as kill -9: no finally, no cleanup\n"
)


def _killed_writer_leaves(target: Path) -> Path:
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target)], cwd=REPO, check=False)
    left = [p for p in target.parent.glob(f".{target.name}.*.tmp")]
    assert len(left) == 1 and is_stale_temporary(left[0])
    return left[0]


def test_the_next_tokenize_removes_what_killed_writers_left(zone, prefect_server):
    from flows.tokenize.flow import tokenize

    root, _people = zone
    catalog = load_catalog(root / "catalog.yaml")
    clean_file = next(catalog.clean_dir.rglob("*.parquet"))
    stale = [
        _killed_writer_leaves(clean_file),
        _killed_writer_leaves(
            catalog.clean_dir / "crm_customers" / "_manifest" / "crm" / "customers.csv.json"
        ),
        _killed_writer_leaves(catalog.reports_dir / "erasure" / "r1.json"),
    ]
    unowned = clean_file.with_name(
        f".{clean_file.name}.{'0' * 32}.tmp"
    )  # written before temporaries had owners
    unowned.write_bytes(b"x")
    live = temporary_path(clean_file)  # this process still runs: its temporary stays
    live.write_bytes(b"x")
    resume = clean_file.with_name(f".{clean_file.name}.erasure.tmp")  # an erasure's resume state stays
    resume.write_bytes(b"x")
    before = clean_file.read_bytes()

    tokenize(catalog_path=str(root / "catalog.yaml"))

    assert [p for p in (*stale, unowned) if p.exists()] == []
    assert live.exists() and resume.exists()
    assert clean_file.read_bytes() == before  # the unchanged input was skipped, its output untouched
    live.unlink()


def test_a_temporary_of_a_process_on_this_host_is_stale_only_when_the_process_is_gone(tmp_path):
    mine = temporary_path(tmp_path / "x.parquet")
    assert not is_stale_temporary(mine)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = mine.name.replace(f"-{os.getpid()}.", f"-{gone.stdout.strip()}.")
    assert is_stale_temporary(tmp_path / dead)
    other_host = mine.name.replace(mine.name.split(".")[3].split("-")[0], "elsewhere", 1)
    assert not is_stale_temporary(tmp_path / other_host)  # another machine's writer: not ours to judge
    assert not is_stale_temporary(tmp_path / ".x.parquet.erasure.tmp")
    assert not is_stale_temporary(tmp_path / "x.parquet")
