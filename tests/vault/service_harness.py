"""The real vault service for the tests: `piivault vault serve` in its own process on a free port of
127.0.0.1, its KEK in a file (as in production, so a rotation can be reloaded), spoken to over real HTTP.

Credentials are issued in the test's process straight into the vault database (`issue`, `issue_many`:
`vault.service.credentials`), or as an operator would, by `piivault vault token issue` in a child process
(`Service.issue`, a credential file); the service holds the KEK, callers get only its URL and a credential.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from vault.keys import KEK_ENV, KEK_FILE_ENV, write_kek_file
from vault.service import credentials
from vault.store import Vault

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 180  # a guard against a child that never comes up, not a speed check


def free_port() -> int:
    """A port of 127.0.0.1 nothing listens on now (the service binds it a moment later)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def piivault(*args: str, env: dict[str, str] | None = None, timeout: float | None = None):
    """Run the `piivault` command in a child process (as an operator would), capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def service_env(kek_file: Path) -> dict[str, str]:
    """The environment of a process that holds the KEK: its file, and no service of its own to call."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIIVAULT_VAULT_")}
    env.pop(KEK_ENV, None)
    env[KEK_FILE_ENV] = str(kek_file)
    return env


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "piivault test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "tls.crt", directory / "tls.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


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
    """A running `piivault vault serve`: its base URL, its process, the file its output goes to, and the
    vault options (`--vault URL` or `--catalog PATH`) and environment it was started with."""

    url: str
    process: subprocess.Popen
    log_path: Path
    verify: object = True
    where: list[str] = field(default_factory=list)
    env: dict[str, str] | None = None

    def client(self, secret: str | None = None, timeout: float = 120.0) -> httpx.Client:
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout, verify=self.verify)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def issue(self, role: str, name: str, directory: Path, expires: str = "1d") -> Path:
        """A credential for `role` in the name of `name` by `piivault vault token issue`, written to a 0600
        file; returns the file."""
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
        """SIGTERM, and SIGKILL when it has not stopped within a minute."""
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_service(
    where: list[str],
    log_path: Path,
    env: dict[str, str] | None = None,
    tls: tuple[Path, Path] | None = None,
    verify: object = None,
) -> Service:
    """Start `piivault vault serve` on a free port of 127.0.0.1 for the vault `where` names (`--vault URL`
    or `--catalog PATH`, and any other serve options), over HTTPS with `tls` (certificate, key; trusted as
    `verify`, by default that certificate), and wait until its health answers; its output goes to
    `log_path` (shown when it does not come up)."""
    env = dict(os.environ if env is None else env)
    port = free_port()
    options = ["--tls-cert", str(tls[0]), "--tls-key", str(tls[1])] if tls else []
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "vault", "serve", *where, "--port", str(port), *options],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    if verify is None:
        verify = ssl.create_default_context(cafile=str(tls[0])) if tls else True
    scheme = "https" if tls else "http"
    service = Service(f"{scheme}://127.0.0.1:{port}", process, log_path, verify, list(where), env)
    try:
        wait_until_healthy(service)
    except BaseException:
        service.stop()
        raise
    return service


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
    """Start `piivault vault serve` holding the KEK of `kek_file`, wait until its health answers, stop it
    (SIGTERM) afterwards."""
    where = ["--vault", vault_url] + (["--policy", str(policy)] if policy is not None else [])
    service = start_service(where, log_path, service_env(kek_file), tls, verify)
    try:
        yield service
    finally:
        service.stop()


@contextmanager
def service_over_items(
    directory: Path, kek: bytes, items: list, tls: tuple[Path, Path] | None = None
) -> Iterator[tuple[Service, str, list[str]]]:
    """(the service, its vault URL, the tokens of `items`): an SQLite vault in `directory` holding `items`,
    its KEK in `directory/kek`, and `piivault vault serve` over it (the only process given the KEK),
    stopped afterwards."""
    write_kek_file(directory / "kek", kek)
    url = f"sqlite:///{directory}/vault.db"
    with Vault.open(url, kek=kek) as vault:
        tokens = vault.tokenize_batch(items)
    service = start_service(["--vault", url], directory / "service.log", service_env(directory / "kek"), tls)
    try:
        yield service, url, tokens
    finally:
        service.stop()


def wait_until_healthy(service: Service) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            raise RuntimeError(f"the vault service exited ({service.process.returncode}):\n{service.log()}")
        try:
            with service.client(timeout=5) as client:
                if client.get("/v1/health").status_code == 200:
                    return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the vault service did not answer within {START_TIMEOUT_S} s:\n{service.log()}")
