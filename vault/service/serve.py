"""Run the vault service on uvicorn: one process, one worker, the KEK and master secret held only here.

One worker because the ceilings' windows are counted in memory (`vault.service.limits`); requests run on
uvicorn's thread pool against one `Vault`, whose `retrying` reloads a rotated KEK file under them, so a
`piivault keys rotate` elsewhere does not interrupt the service. Give the KEK as a file
(`PIIVAULT_KEK_FILE`) for that: a KEK from `PIIVAULT_KEK` cannot be reloaded and the service then answers
503 until it is restarted with the new one. TLS when a certificate and key are given; plain HTTP is for
127.0.0.1 (the default) or behind a TLS-terminating proxy on the same host.
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
    policy = load_policy(config.policy)
    with Vault.open(config.vault_url) as vault:
        app = create_app(vault, policy)
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
