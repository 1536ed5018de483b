"""Run the vault service on uvicorn: one process, one worker, the KEK and master secret held only here.

One worker a process; more processes may serve one vault (behind one address), since the ceilings' windows are
counted in the vault database (`vault.service.limits`). Requests run on uvicorn's thread pool against one
`Vault`. Threads and database connections are one setting (`connections`, `--connections`): as many request
threads as each database pool (the vault's, the key store's) holds connections, and none beyond, so a request
never waits for a connection inside a thread (where PostgreSQL would see more clients than the pool was sized
for, or a request would time out on the pool): more concurrent callers than that wait for a thread, in order.
The `Vault`'s `retrying` reloads a rotated KEK file under them, so a `piivault keys rotate` elsewhere does not
interrupt the service. Give the KEK as a file (`PIIVAULT_KEK_FILE`) for that: a KEK from `PIIVAULT_KEK` cannot
be reloaded and the service then answers 503 until it is restarted with the new one, which it says in one line
as it starts (`ENV_KEK_WARNING`). TLS when a certificate and key are given; plain HTTP is for 127.0.0.1 (the
default) or behind a TLS-terminating proxy on the same host.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from vault.policy import load_policy
from vault.service.app import create_app
from vault.store import Vault

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8750
DEFAULT_CONNECTIONS = 8
ENV_KEK_WARNING = (
    "the KEK comes from %s, which cannot be reloaded: after a `piivault keys rotate` this service answers "
    "503 until it is restarted with the new KEK; give it PIIVAULT_KEK_FILE to serve through rotations"
)


@dataclass(frozen=True)
class ServeConfig:
    """Where to listen, which vault and policy to serve, and the TLS files (both or neither)."""

    vault_url: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    policy: Path | None = None
    tls_cert: Path | None = None
    tls_key: Path | None = None
    log_level: str = "info"
    connections: int = DEFAULT_CONNECTIONS  # request threads, and database connections per pool

    @property
    def url(self) -> str:
        scheme = "https" if self.tls_cert else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"


def serve(config: ServeConfig, on_ready=None) -> None:
    """Open the vault, serve until interrupted (SIGINT/SIGTERM), then close it. `on_ready(url)` is called
    once the socket listens."""
    if (config.tls_cert is None) != (config.tls_key is None):
        raise ValueError("TLS needs both a certificate and its key")
    if config.connections < 1:
        raise ValueError("the service needs at least one connection")
    policy = load_policy(config.policy)
    with Vault.open(config.vault_url, connections=config.connections) as vault:
        if vault.kek.path is None:
            log.warning(ENV_KEK_WARNING, vault.kek.source)
        app = create_app(vault, policy, threads=config.connections)
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                host=config.host,
                port=config.port,
                ssl_certfile=str(config.tls_cert) if config.tls_cert else None,
                ssl_keyfile=str(config.tls_key) if config.tls_key else None,
                workers=1,
                log_level=config.log_level,
                server_header=False,
                proxy_headers=False,
            )
        )
        if on_ready is not None:
            _call_when_started(server, lambda: on_ready(config.url))
        server.run()


def _call_when_started(server: uvicorn.Server, callback) -> None:
    """Call `callback` once uvicorn has bound its socket (it sets `started` then)."""
    original = server.startup

    async def startup(sockets=None):
        await original(sockets=sockets)
        if server.started:
            callback()

    server.startup = startup
