"""The real vault service for the tests: `piivault vault serve` in its own process on a free port of
127.0.0.1, its KEK in a file (as in production, so a rotation can be reloaded), spoken to over real HTTP.

Credentials are issued in the test's process straight into the vault database (`vault.service.credentials`),
as `piivault vault token issue` does; the CLI itself is exercised in `test_service_cli.py`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from vault.keys import KEK_ENV, KEK_FILE_ENV
from vault.service import credentials
from vault.store import Vault

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60  # a start-up deadline, not a speed check: a loaded machine may need most of it


def free_port() -> int:
    """A port nothing listens on now (the service binds it a moment later)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def service_env(kek_file: Path) -> dict[str, str]:
    """The environment of a process that holds the KEK: its file, and no service of its own to call."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIIVAULT_VAULT_")}
    env.pop(KEK_ENV, None)
    env[KEK_FILE_ENV] = str(kek_file)
    return env


def open_vault(vault_url: str, kek_file: Path) -> Vault:
    """The vault, opened in the test's process with the KEK the file holds now."""
    return Vault.open(vault_url, kek=kek_file.read_text())


def issue(vault_url: str, kek_file: Path, role: str, name: str, expires_in: timedelta = timedelta(days=1)):
    """A credential's bearer secret for `role`, valid for `expires_in` (negative: already expired)."""
    return issue_many(vault_url, kek_file, {name: role}, expires_in)[name]


def issue_many(
    vault_url: str, kek_file: Path, roles: dict[str, str], expires_in: timedelta = timedelta(days=1)
):
    """Bearer secrets by name for credentials issued to `roles` (name -> role), one vault opening."""
    expires_at = datetime.now(UTC) + expires_in
    with open_vault(vault_url, kek_file) as vault:
        return {
            name: credentials.issue(vault, role=role, name=name, expires_at=expires_at).secret
            for name, role in roles.items()
        }


@dataclass
class Service:
    """A running service: its base URL, its process and the file its output goes to."""

    url: str
    process: subprocess.Popen
    log_path: Path
    verify: object = True

    def client(self, secret: str | None = None, timeout: float = 120.0) -> httpx.Client:
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout, verify=self.verify)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def running_service(
    vault_url: str,
    kek_file: Path,
    log_path: Path,
    *,
    policy: Path | None = None,
    tls: tuple[Path, Path] | None = None,
    verify: object = True,
) -> Iterator[Service]:
    """Start `piivault vault serve`, wait until its health answers, stop it (SIGTERM) afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "flows.cli", "vault", "serve", "--vault", vault_url, "--port", str(port)]
    if policy is not None:
        command += ["--policy", str(policy)]
    if tls is not None:
        command += ["--tls-cert", str(tls[0]), "--tls-key", str(tls[1])]
    scheme = "https" if tls else "http"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO, env=service_env(kek_file), stdout=log, stderr=subprocess.STDOUT
        )
    service = Service(f"{scheme}://127.0.0.1:{port}", process, log_path, verify)
    try:
        wait_until_healthy(service)
        yield service
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_healthy(service: Service) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            raise AssertionError(f"the vault service exited ({service.process.returncode}):\n{service.log()}")
        try:
            with service.client(timeout=5) as client:
                if client.get("/v1/health").status_code == 200:
                    return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"the vault service did not answer within {START_TIMEOUT_S} s:\n{service.log()}")
