"""Vault service throughput: tokenize and detokenize through `piivault vault serve` (real HTTP, one
client and several) beside the embedded vault (`Vault` in the benchmark's process), on the same values.

    python -m bench.service --values 100000 --detokenize 20000

The values are `bench.vault`'s mix (five entity types, half repeats). Tokenize goes in batches of
`--batch` (the flows' client sends 20,000 a request); detokenize in batches of `--detokenize-batch`, as a
privacy officer's export would, every token audited. Each path gets a fresh vault on the same backend
(PostgreSQL in a scratch schema, the service's deployment shape; SQLite with `--sqlite`); the service runs
in its own process with its KEK in a file and a policy without ceilings, so what is measured is the HTTP
path, not the limits. One run, the paths side by side; the figures move with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from bench.scratch import add_postgres_url, postgres_scratch
from bench.vault import BENCH_KEK, make_items
from vault.keys import KEK_ENV, KEK_FILE_ENV, write_kek_file
from vault.service import credentials
from vault.store import Item, Vault

REPO = Path(__file__).resolve().parents[1]
OFFICER = {"role": "privacy_officer", "purpose": "access request"}
POLICY = """
roles:
  privacy_officer:
    purposes: [access request]
    entities: {PERSON: full, ADDRESS: full, PHONE_NUMBER: full, EMAIL_ADDRESS: full, CREDIT_CARD: full}
    ceilings: {access request: {per_request: null, per_window: null}}
  pipeline:
    operations: [tokenize]
    ceilings: {tokenize: {per_request: null, per_window: null}}
"""


def embedded(url: str, kek_file: Path, items: list[Item], batch: int, wanted: int, detok_batch: int):
    """(tokenize seconds, detokenize seconds) through `Vault` in this process."""
    with Vault.open(url, kek=kek_file.read_text()) as vault:
        started = time.perf_counter()
        tokens = []
        for start in range(0, len(items), batch):
            tokens += vault.tokenize_batch(items[start : start + batch])
        tokenize_s = time.perf_counter() - started
        chosen = tokens[:wanted]
        started = time.perf_counter()
        for start in range(0, len(chosen), detok_batch):
            vault.detokenize(chosen[start : start + detok_batch], actor="bench", **OFFICER)
        return tokenize_s, time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """`piivault vault serve` on a free port of 127.0.0.1 over the vault at `url`, for the `with` block."""

    def __init__(self, url: str, kek_file: Path, policy: Path, log: Path):
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIIVAULT_VAULT_")}
        env.pop(KEK_ENV, None)
        env[KEK_FILE_ENV] = str(kek_file)
        command = ["vault", "serve", "--vault", url, "--port", str(self.port), "--policy", str(policy)]
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "flows.cli", *command], cwd=REPO, env=env, stdout=out, stderr=out
            )
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Served:
        for _ in range(600):
            if self.process.poll() is not None:
                raise RuntimeError("the vault service exited; see its log")
            try:
                if httpx.get(self.url + "/v1/health", timeout=5).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("the vault service did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def through_service(url, kek_file, directory, items, batch, wanted, detok_batch, clients):
    """(tokenize seconds, {clients: detokenize seconds}) through the service; detokenize with 1 client
    and with `clients` threads sharing the same tokens."""
    expires = datetime.now(UTC) + timedelta(hours=2)
    with Vault.open(url, kek=kek_file.read_text()) as vault:
        worker = credentials.issue(vault, role="pipeline", name="bench worker", expires_at=expires).secret
        officer = credentials.issue(vault, role="privacy_officer", name="bench", expires_at=expires).secret
    policy = directory / "policy.yaml"
    policy.write_text(POLICY)
    with Served(url, kek_file, policy, directory / "service.log") as served:

        def client(secret):
            headers = {"Authorization": f"Bearer {secret}"}
            return httpx.Client(base_url=served.url, headers=headers, timeout=600)

        with client(worker) as http:
            started = time.perf_counter()
            tokens = []
            for start in range(0, len(items), batch):
                answer = http.post("/v1/tokenize", json={"items": items[start : start + batch]})
                answer.raise_for_status()
                tokens += answer.json()["tokens"]
            tokenize_s = time.perf_counter() - started
        chosen = tokens[:wanted]
        batches = [chosen[start : start + detok_batch] for start in range(0, len(chosen), detok_batch)]
        detokenize = {}
        for threads in sorted({1, clients}):
            detokenize[threads] = detokenize_in_threads(client, officer, batches, threads)
        return tokenize_s, detokenize


def detokenize_in_threads(client, officer: str, batches: list[list[str]], threads: int) -> float:
    """Seconds for `threads` clients to detokenize every batch between them."""
    queue = list(reversed(batches))
    lock = threading.Lock()
    failures = []

    def run():
        with client(officer) as http:
            while True:
                with lock:
                    if not queue:
                        return
                    tokens = queue.pop()
                answer = http.post("/v1/detokenize", json={"tokens": tokens, "purpose": OFFICER["purpose"]})
                if answer.status_code != 200:
                    failures.append(answer.status_code)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if failures:
        raise RuntimeError(f"detokenize through the service failed: statuses {sorted(set(failures))}")
    return time.perf_counter() - started


def fresh_vault(args, directory: Path, name: str):
    """(url, cleanup) of an empty vault on the chosen backend."""
    if args.sqlite:
        return f"sqlite:///{directory}/{name}.db", lambda: None
    scratch = postgres_scratch(args.postgres_url)
    if scratch is None:
        raise SystemExit("PostgreSQL is unreachable: give --sqlite, or --postgres-url")
    return scratch


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.service", description=__doc__.split("\n\n")[0])
    parser.add_argument("--values", type=int, default=100_000, help="values to tokenize (half repeats)")
    parser.add_argument("--batch", type=int, default=20_000, help="values per tokenize request")
    parser.add_argument("--detokenize", type=int, default=20_000, help="tokens to detokenize")
    parser.add_argument("--detokenize-batch", type=int, default=500, help="tokens per detokenize request")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients for the second detokenize")
    parser.add_argument("--sqlite", action="store_true", help="SQLite vaults instead of PostgreSQL")
    add_postgres_url(parser)
    args = parser.parse_args(argv)
    items = make_items(args.values)
    wanted = min(args.detokenize, len(items))
    backend = "SQLite" if args.sqlite else "PostgreSQL"
    print(
        f"{len(items):,} values tokenized in batches of {args.batch:,}; {wanted:,} tokens detokenized in "
        f"batches of {args.detokenize_batch:,} (audited); {backend}, a fresh vault per path"
    )
    with tempfile.TemporaryDirectory(prefix="pv-bench-service-") as scratch:
        directory = Path(scratch)
        kek_file = directory / "vault.kek"
        write_kek_file(kek_file, BENCH_KEK)
        url, cleanup = fresh_vault(args, directory, "embedded")
        try:
            embedded_tok, embedded_detok = embedded(
                url, kek_file, items, args.batch, wanted, args.detokenize_batch
            )
        finally:
            cleanup()
        url, cleanup = fresh_vault(args, directory, "service")
        try:
            service_tok, service_detok = through_service(
                url, kek_file, directory, items, args.batch, wanted, args.detokenize_batch, args.clients
            )
        finally:
            cleanup()
    rows = [
        ("tokenize", "embedded (Vault in process)", len(items), embedded_tok, embedded_tok),
        ("tokenize", "service, 1 client", len(items), service_tok, embedded_tok),
        ("detokenize", "embedded (Vault in process)", wanted, embedded_detok, embedded_detok),
    ]
    for threads, seconds in service_detok.items():
        label = f"service, {threads} client{'s' if threads > 1 else ''}"
        rows.append(("detokenize", label, wanted, seconds, embedded_detok))
    print(f"{'operation':<12}{'path':<30}{'seconds':>9}{'values/s':>11}{'x embedded':>12}")
    for operation, path, count, seconds, baseline in rows:
        print(f"{operation:<12}{path:<30}{seconds:>9.2f}{count / seconds:>11,.0f}{baseline / seconds:>12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
