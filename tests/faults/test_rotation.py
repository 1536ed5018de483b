"""KEK rotation under faults (issue 11): `piivault keys rotate` killed between any two of its writes leaves
every value readable and a rerun completes it; two rotations at once both succeed, one after the other.

Real processes: the rotation runs as the `piivault` command in a subprocess, stopped by `os._exit(137)` (as
`kill -9` would) at each fault point of `vault.faults`, then run again; the same tests run on an SQLite file
and on PostgreSQL. The KEK lives in a file (`PIIVAULT_KEK_FILE`), as in production.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.vault import conftest as vault_conftest
from vault.faults import FAULT_ENV, ROTATION_POINTS
from vault.keys import KEK_ENV, KEK_FILE_ENV, pending_kek_path, read_kek_file, write_kek_file
from vault.rotation import rotate_kek_file
from vault.store import Vault

REPO = Path(__file__).resolve().parents[2]
OFFICER = {"role": "privacy_officer", "purpose": "access request", "actor": "fault test"}
postgres_schemas = vault_conftest.postgres_schemas  # the session's PostgreSQL schemas, dropped at the end


@dataclass(frozen=True)
class KekVault:
    """A fresh vault whose KEK is in a file named by PIIVAULT_KEK_FILE (set for the test and its children)."""

    url: str
    kek_file: Path


@pytest.fixture(params=["sqlite", "postgresql"])
def kek_vault(request, tmp_path, monkeypatch) -> KekVault:
    kek_file = tmp_path / "keys" / "vault.kek"
    write_kek_file(kek_file, vault_conftest.TEST_KEK)
    monkeypatch.setenv(KEK_FILE_ENV, str(kek_file))
    monkeypatch.delenv(KEK_ENV, raising=False)
    monkeypatch.delenv(FAULT_ENV, raising=False)
    if request.param == "sqlite":
        return KekVault(f"sqlite:///{tmp_path}/vault.db", kek_file)
    return KekVault(request.getfixturevalue("postgres_schemas")(), kek_file)


def items(first: int, count: int) -> list[tuple[str, str, str]]:
    """Distinct values with a subject each: emails and names of people `first` .. `first + count - 1`."""
    found = []
    for i in range(first, first + count):
        found += [
            ("EMAIL_ADDRESS", f"person{i}@example.com", f"C{i}"),
            ("PERSON", f"Person Number{i}", f"C{i}"),
        ]
    return found


def tokenize(url: str, batch: list[tuple[str, str, str]]) -> dict[str, str]:
    """token -> value for `batch`, tokenized through a vault opened for it (KEK from the environment)."""
    with Vault.open(url) as vault:
        return dict(zip(vault.tokenize_batch(batch), (value for _t, value, _h in batch), strict=True))


def assert_readable(url: str, expected: dict[str, str]) -> None:
    """Every token detokenizes to its value through a freshly opened vault."""
    with Vault.open(url) as vault:
        found = vault.detokenize(list(expected), **OFFICER)
    assert [r.outcome for r in found] == ["allowed"] * len(expected)
    assert [r.value for r in found] == list(expected.values())


def start_rotation(url: str, **env: str) -> subprocess.Popen:
    """`piivault keys rotate` in its own process."""
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "keys", "rotate", "--vault", url],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def rotation(url: str, **env: str) -> subprocess.CompletedProcess:
    """Run `piivault keys rotate` to its end (or to its injected fault)."""
    process = start_rotation(url, **env)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def assert_rotation_complete(setup: KekVault) -> None:
    """No pending KEK file, no leftover temporary file, and the KEK file opens the vault."""
    assert not pending_kek_path(setup.kek_file).exists()
    assert sorted(p.name for p in setup.kek_file.parent.iterdir() if p.name.endswith(".tmp")) == []
    with Vault.open(setup.url) as vault:
        assert vault.kek.key_id == read_kek_file(setup.kek_file).key_id


@pytest.mark.parametrize("point", ROTATION_POINTS)
def test_rotation_killed_at_each_point_loses_nothing_and_a_rerun_completes_it(kek_vault, point):
    held = tokenize(kek_vault.url, items(0, 30))
    killed = rotation(kek_vault.url, **{FAULT_ENV: f"{point}:kill"})
    assert killed.returncode == 137, killed.stderr
    held |= tokenize(kek_vault.url, items(20, 30))  # writers go on between the kill and the rerun
    assert_readable(kek_vault.url, held)

    rerun = rotation(kek_vault.url)
    assert rerun.returncode == 0, rerun.stderr
    assert_rotation_complete(kek_vault)
    before = read_kek_file(kek_vault.kek_file).key_id
    with Vault.open(kek_vault.url) as vault:  # and the next rotation is an ordinary one
        assert rotate_kek_file(vault, kek_vault.kek_file).new_kek_id != before
    assert_rotation_complete(kek_vault)
    assert_readable(kek_vault.url, held)


def test_two_rotations_at_once_both_rotate_one_after_the_other(kek_vault):
    held = tokenize(kek_vault.url, items(0, 40))
    first = read_kek_file(kek_vault.kek_file).key_id
    pair = [start_rotation(kek_vault.url) for _ in range(2)]
    outcomes = [(p.communicate(timeout=120), p.returncode) for p in pair]
    assert [status for _out, status in outcomes] == [0, 0], [err for (_out, err), _s in outcomes]
    chain = [
        tuple(re.fullmatch(r"rotated KEK (\w+) -> (\w+): .*", out.strip()).groups())
        for (out, _err), _status in outcomes
    ]
    # one rotated from the KEK there was, the other waited for it and rotated from the KEK it made
    (a, b), (c, d) = chain if chain[0][0] == first else chain[::-1]
    assert a == first and c == b and d not in (a, b)
    assert read_kek_file(kek_vault.kek_file).key_id == d
    assert_rotation_complete(kek_vault)
    assert_readable(kek_vault.url, held)
