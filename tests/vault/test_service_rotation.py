"""The vault service stays up (issue 15): `piivault keys rotate` run in another process while clients
tokenize and detokenize through the service loses no request and no value; several client processes
tokenizing the same values at once get the same tokens, and the vault holds each value once.

Real processes throughout: the service (`piivault vault serve`), the rotations (`piivault keys rotate`)
and the client processes; client threads in the test speak real HTTP. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import func, select

from tests.vault import conftest as vault_conftest
from tests.vault.service_harness import (
    REPO,
    issue_many,
    open_vault,
    running_service,
    service_env,
    start_service,
)
from vault.keys import KEK_ENV, KEK_FILE_ENV, read_kek_file, write_kek_file
from vault.schema import tokens as tokens_table

postgres_schemas = vault_conftest.postgres_schemas
# No ceilings in the way: these tests are about rotation and concurrency, not limits.
POLICY = """
roles:
  privacy_officer:
    purposes: [access request]
    operations: [audit]
    entities: {PERSON: full, EMAIL_ADDRESS: full}
    ceilings: {access request: {per_request: null, per_window: null}}
  pipeline:
    operations: [tokenize]
    ceilings: {tokenize: {per_request: null, per_window: null}}
"""
ROTATIONS = 2
READERS = 3
STUCK_AFTER_S = 300


@pytest.fixture(params=["sqlite", "postgresql"])
def setup(request, tmp_path):
    """(vault url, KEK file, policy file, secrets) for a fresh vault whose KEK lives in a file."""
    kek_file = tmp_path / "keys" / "vault.kek"
    write_kek_file(kek_file, vault_conftest.TEST_KEK)
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/vault.db"
    else:
        url = request.getfixturevalue("postgres_schemas")()
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY)
    secrets = issue_many(url, kek_file, {"officer": "privacy_officer", "worker": "pipeline"})
    return url, kek_file, policy, secrets


def items(first: int, count: int) -> list[list]:
    return [["EMAIL_ADDRESS", f"person{i}@example.com", f"C{i}"] for i in range(first, first + count)]


class Traffic:
    """Client threads that tokenize new values and detokenize known ones until stopped, keeping count and
    every failure (a status other than 200, or a value that is not the one tokenized)."""

    def __init__(self, service, secrets, known: dict[str, str]):
        self.service, self.secrets, self.known = service, secrets, known
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.done = 0
        self.failures: list[str] = []
        self.next_value = 10_000
        self.threads = [threading.Thread(target=self.read, args=(seed,)) for seed in range(READERS)]
        self.threads.append(threading.Thread(target=self.write))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def wait_for(self, more: int) -> None:
        """Until `more` requests beyond those done now have completed (a count; the deadline only keeps a
        stuck service from hanging the suite)."""
        target, deadline = self.done + more, time.monotonic() + STUCK_AFTER_S
        while self.done < target and not self.failures:
            assert time.monotonic() < deadline, f"the service is stuck: {self.done} of {target} requests"
            time.sleep(0.05)

    def count(self, failure: str | None = None) -> None:
        with self.lock:
            self.done += 1
            if failure:
                self.failures.append(failure)

    def read(self, seed: int) -> None:
        pick = random.Random(seed)
        with self.service.client(self.secrets["officer"]) as client:
            while not self.stop.is_set():
                with self.lock:
                    chosen = pick.sample(sorted(self.known), 10)
                answer = client.post("/v1/detokenize", json={"tokens": chosen, "purpose": "access request"})
                if answer.status_code != 200:
                    self.count(f"detokenize {answer.status_code}: {answer.text[:200]}")
                    continue
                got = [r["value"] for r in answer.json()["results"]]
                self.count(None if got == [self.known[t] for t in chosen] else "detokenize: wrong values")

    def write(self) -> None:
        with self.service.client(self.secrets["worker"]) as client:
            while not self.stop.is_set():
                batch = items(self.next_value, 5)
                self.next_value += 5
                answer = client.post("/v1/tokenize", json={"items": batch})
                if answer.status_code != 200:
                    self.count(f"tokenize {answer.status_code}: {answer.text[:200]}")
                    continue
                with self.lock:
                    self.known.update(zip(answer.json()["tokens"], (v for _t, v, _s in batch), strict=True))
                self.count()


def test_requests_keep_succeeding_while_the_kek_is_rotated(setup, tmp_path):
    url, kek_file, policy, secrets = setup
    kek_ids = [read_kek_file(kek_file).key_id]
    with running_service(url, kek_file, tmp_path / "service.log", policy=policy) as service:
        with service.client(secrets["worker"]) as client:
            first = items(0, 100)
            tokens = client.post("/v1/tokenize", json={"items": first}).json()["tokens"]
        known = dict(zip(tokens, (v for _t, v, _s in first), strict=True))
        with Traffic(service, secrets, known) as traffic:
            traffic.wait_for(20)
            for _ in range(ROTATIONS):
                during = traffic.done
                rotation = subprocess.run(
                    [sys.executable, "-m", "flows.cli", "keys", "rotate", "--vault", url],
                    cwd=REPO,
                    env=service_env(kek_file),
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
                assert rotation.returncode == 0, rotation.stderr
                assert traffic.done > during, "no request completed while the rotation ran"
                kek_ids.append(read_kek_file(kek_file).key_id)
                traffic.wait_for(20)
        assert traffic.failures == []
        assert len(set(kek_ids)) == ROTATIONS + 1
        with service.client(secrets["officer"]) as client:  # everything written under any KEK still reads
            everything = sorted(known)
            answer = client.post("/v1/detokenize", json={"tokens": everything, "purpose": "access request"})
        assert [r["value"] for r in answer.json()["results"]] == [known[t] for t in everything]
    assert "person1@example.com" not in service.log()


CLIENT = """
import json, sys, httpx
url, secret = sys.argv[1], sys.argv[2]
items = [["EMAIL_ADDRESS", f"shared{i}@example.com", f"S{i}"] for i in range(200)]
found = []
with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {secret}"}, timeout=300) as client:
    for start in range(0, len(items), 25):
        answer = client.post("/v1/tokenize", json={"items": items[start:start + 25]})
        answer.raise_for_status()
        found += answer.json()["tokens"]
print(json.dumps(found))
"""


def test_client_processes_tokenizing_the_same_values_at_once_agree(setup, tmp_path):
    url, kek_file, policy, secrets = setup
    with running_service(url, kek_file, tmp_path / "service.log", policy=policy) as service:
        clients = [
            subprocess.Popen(
                [sys.executable, "-c", CLIENT, service.url, secrets["worker"]],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(3)
        ]
        outputs = [client.communicate(timeout=300) for client in clients]
    assert [client.returncode for client in clients] == [0, 0, 0], [err for _out, err in outputs]
    results = [json.loads(out) for out, _err in outputs]
    assert results[0] == results[1] == results[2] and len(set(results[0])) == 200
    with open_vault(url, kek_file) as vault, vault.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tokens_table)).scalar_one() == 200


def test_a_service_given_the_kek_in_the_environment_says_a_rotation_needs_a_restart(tmp_path):
    """A KEK from `PIIVAULT_KEK` cannot be reloaded after `piivault keys rotate`: the service says so in one
    line as it starts; with `PIIVAULT_KEK_FILE` it does not."""
    write_kek_file(tmp_path / "kek", vault_conftest.TEST_KEK)
    url = f"sqlite:///{tmp_path}/vault.db"
    open_vault(url, tmp_path / "kek").close()
    env = service_env(tmp_path / "kek")
    env.pop(KEK_FILE_ENV)
    env[KEK_ENV] = (tmp_path / "kek").read_text().strip()
    for name, environ in (("env", env), ("file", service_env(tmp_path / "kek"))):
        service = start_service(["--vault", url], tmp_path / f"{name}.log", environ)
        service.stop()
    lines = (tmp_path / "env.log").read_text().splitlines()
    warned = [line for line in lines if "cannot be reloaded" in line]
    assert len(warned) == 1 and "PIIVAULT_KEK_FILE" in warned[0] and "restarted" in warned[0]
    assert "cannot be reloaded" not in (tmp_path / "file.log").read_text()
