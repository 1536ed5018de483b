"""The vault service's request threads and its database pools are one setting (`--connections`): with more
concurrent clients than connections, every request is served, and the service never holds more
PostgreSQL connections than its pools (the vault's and the key store's) were sized for.

The service's connections are told apart by an application name of their own (`PGAPPNAME`, which libpq
reads), counted in `pg_stat_activity` while sixteen clients call it at once.
"""

from __future__ import annotations

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, text

from tests.vault import conftest as vault_conftest
from tests.vault.service_harness import issue, service_env, start_service
from vault.engine import normalise_url
from vault.keys import write_kek_file
from vault.store import Vault

postgres_schemas = vault_conftest.postgres_schemas
CONNECTIONS = 2
CLIENTS = 16


def test_more_clients_than_connections_are_all_served_within_the_pools(postgres_schemas, tmp_path):
    url = postgres_schemas()
    kek_file = tmp_path / "kek"
    write_kek_file(kek_file, vault_conftest.TEST_KEK)
    emails = [f"customer{i}@example.com" for i in range(40)]
    with Vault.open(url, kek=vault_conftest.TEST_KEK) as vault:
        tokens = vault.tokenize_batch([("EMAIL_ADDRESS", e, f"C{i}") for i, e in enumerate(emails)])
    secret = issue(url, kek_file, "privacy_officer", "officer")
    name = "piivault-pool-" + secrets.token_hex(6)
    service = start_service(
        ["--vault", url, "--connections", str(CONNECTIONS)],
        tmp_path / "service.log",
        service_env(kek_file) | {"PGAPPNAME": name},
    )
    monitor = create_engine(normalise_url(vault_conftest.POSTGRES_URL))
    done, peak = threading.Event(), [0]

    def watch() -> None:
        with monitor.connect() as conn:
            while not done.is_set():
                count = conn.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name"),
                    {"name": name},
                ).scalar()
                peak[0] = max(peak[0], count)
                conn.commit()
                done.wait(0.01)

    def call(_n: int):
        with service.client(secret) as client:
            answer = client.post("/v1/detokenize", json={"tokens": tokens, "purpose": "access request"})
            return answer.status_code, [r["value"] for r in answer.json().get("results", [])]

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = list(pool.map(call, range(CLIENTS * 3)))
    finally:
        done.set()
        watcher.join()
        service.stop()
        monitor.dispose()

    assert answers == [(200, emails)] * (CLIENTS * 3), service.log()[-3000:]
    assert 0 < peak[0] <= 2 * CONNECTIONS  # the vault's pool and the key store's, never more
