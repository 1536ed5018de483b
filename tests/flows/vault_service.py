"""The real vault service for the client tests: `piivault vault serve` in a child process on 127.0.0.1,
and credentials issued by `piivault vault token issue`, as an operator would run them.

The child holds the KEK (the vault's key file, or the test's `PIIVAULT_KEK_FILE`); callers get only the
service's URL and a credential file.
"""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

READY_WAIT_SECONDS = 180  # a guard against a child that never comes up, not a measurement


def free_port() -> int:
    """A port of 127.0.0.1 nobody listens on now (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def piivault(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the `piivault` command in a child process (as an operator would), capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True, env=env, check=False
    )


@dataclass
class VaultService:
    """A running `piivault vault serve`."""

    url: str
    where: list[str]  # the vault options naming its vault: --catalog PATH or --vault URL
    process: subprocess.Popen
    env: dict[str, str]

    def issue(self, role: str, name: str, directory: Path, expires: str = "1d") -> Path:
        """A credential for `role` in the name of `name`, written to a 0600 file; returns the file."""
        done = piivault(
            "vault", "token", "issue", "--role", role, "--name", name, "--expires", expires,
            *self.where, env=self.env,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        path = directory / f"{role}-{name.replace(' ', '-')}.token"
        path.touch(mode=0o600)
        path.write_text(done.stdout.strip() + "\n")
        return path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_service(
    where: list[str], log: Path, env: dict[str, str] | None = None, tls: tuple[Path, Path] | None = None
) -> VaultService:
    """Start `piivault vault serve` on a free port of 127.0.0.1 for the vault `where` names (`--catalog
    PATH` or `--vault URL`), over HTTPS with `tls` (certificate, key), and wait until its health answers;
    its output goes to `log` (shown when it does not come up)."""
    env = dict(os.environ if env is None else env)
    port = free_port()
    options = ["--tls-cert", str(tls[0]), "--tls-key", str(tls[1])] if tls else []
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "vault", "serve", *where, "--port", str(port), *options],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    deadline = time.monotonic() + READY_WAIT_SECONDS
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"piivault vault serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            verify = ssl.create_default_context(cafile=str(tls[0])) if tls else True
            if httpx.get(f"{url}/v1/health", timeout=5, trust_env=False, verify=verify).status_code == 200:
                return VaultService(url, where, process, env)
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"piivault vault serve did not come up:\n{log.read_text()}")
        time.sleep(0.2)
