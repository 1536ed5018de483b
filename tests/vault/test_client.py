"""The vault service's client on its own: where it finds the service and its credential, what it says
when it cannot use them, and the CLI options it refuses beside a service (the role is the credential's).

The calls against a running service are in `tests/flows/test_vault_service_clients.py`."""

from __future__ import annotations

import socket

import pytest

from flows.cli import main as piivault
from vault.client import (
    VAULT_CA_ENV,
    VAULT_TOKEN_ENV,
    VAULT_TOKEN_FILE_ENV,
    VAULT_URL_ENV,
    ServiceUnavailableError,
    VaultClient,
    service_config,
)
from vault.errors import VaultError

SECRET = "pvs_0123456789abcdef.secret-that-must-never-be-printed-anywhere-000"
TOKEN = "[pv:email:0123456789abcdef01234567]"


def free_port() -> int:
    """A port of 127.0.0.1 nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_no_url_means_the_embedded_vault():
    assert service_config({}) is None
    assert service_config({VAULT_URL_ENV: "  ", VAULT_TOKEN_ENV: SECRET}) is None


def test_the_credential_comes_from_the_variable_or_the_file(tmp_path):
    url = "http://127.0.0.1:8200/"
    assert service_config({VAULT_URL_ENV: url, VAULT_TOKEN_ENV: SECRET}).credential == SECRET
    (tmp_path / "token").write_text(SECRET + "\n")
    config = service_config({VAULT_URL_ENV: url, VAULT_TOKEN_FILE_ENV: str(tmp_path / "token")})
    assert config.credential == SECRET and config.url == "http://127.0.0.1:8200"
    assert SECRET not in repr(config)


@pytest.mark.parametrize(
    "env, message",
    [
        ({VAULT_URL_ENV: "http://127.0.0.1:8200"}, "no credential is: set PIIVAULT_VAULT_TOKEN_FILE"),
        ({VAULT_URL_ENV: "sqlite:///vault.db", VAULT_TOKEN_ENV: SECRET}, "must be an http:// or https://"),
        (
            {VAULT_URL_ENV: "https://vault.internal", VAULT_TOKEN_FILE_ENV: "/nonexistent/token"},
            "cannot read the vault credential file /nonexistent/token (PIIVAULT_VAULT_TOKEN_FILE)",
        ),
        (
            {VAULT_URL_ENV: "https://vault.internal", VAULT_TOKEN_ENV: SECRET, VAULT_CA_ENV: "/nonexistent"},
            "the CA bundle /nonexistent (PIIVAULT_VAULT_CA) is not a file",
        ),
    ],
)
def test_a_service_that_cannot_be_used_is_a_clear_error_never_the_embedded_vault(env, message):
    with pytest.raises(VaultError) as raised:
        service_config(env)
    assert message in str(raised.value) and SECRET not in str(raised.value)


def test_an_unreachable_service_is_named_without_its_credential():
    port = free_port()
    config = service_config({VAULT_URL_ENV: f"http://user:pw@127.0.0.1:{port}", VAULT_TOKEN_ENV: SECRET})
    with VaultClient(config) as client, pytest.raises(ServiceUnavailableError) as raised:
        client.health()
    message = str(raised.value)
    assert f"cannot reach the vault service at http://127.0.0.1:{port} (ConnectError)" in message
    assert SECRET not in message and "pw" not in message


@pytest.fixture
def service_env(monkeypatch):
    """The environment of a caller whose vault is a service (nobody listens: nothing gets that far)."""
    monkeypatch.setenv(VAULT_URL_ENV, f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv(VAULT_TOKEN_ENV, SECRET)
    monkeypatch.delenv(VAULT_TOKEN_FILE_ENV, raising=False)


@pytest.mark.parametrize(
    "options, refused",
    [
        (
            ["--role", "privacy_officer"],
            "--role cannot be given while PIIVAULT_VAULT_URL names a vault "
            "service: the role is the credential's",
        ),  # fmt: skip
        (["--actor", "someone else"], "--actor cannot be given"),
        (["--policy", "mine.yaml"], "--policy cannot be given"),
        (["--vault", "sqlite:///v.db"], "--vault cannot be given"),
    ],
)
def test_detokenize_refuses_what_is_the_credentials_beside_a_service(service_env, capsys, options, refused):
    assert piivault(["detokenize", TOKEN, "--purpose", "account management", *options]) == 2
    err = capsys.readouterr().err
    assert err.startswith("piivault detokenize: ") and refused in err and SECRET not in err


def test_detokenize_and_audit_beside_a_service_need_no_catalog_and_say_when_it_is_down(
    service_env, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)  # no catalog.yaml here, and none is looked for
    assert piivault(["detokenize", TOKEN, "--purpose", "account management"]) == 5
    err = capsys.readouterr().err
    assert "piivault detokenize: cannot reach the vault service at http://127.0.0.1:" in err
    assert piivault(["audit"]) == 5
    err = capsys.readouterr().err
    assert "piivault audit: cannot reach the vault service" in err and SECRET not in err


def test_detokenize_needs_a_role_with_the_embedded_vault(monkeypatch, capsys):
    monkeypatch.delenv(VAULT_URL_ENV, raising=False)
    assert piivault(["detokenize", TOKEN, "--purpose", "account management"]) == 2
    assert "--role is required with the embedded vault" in capsys.readouterr().err
