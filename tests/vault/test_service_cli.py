"""`piivault vault token issue | list | revoke` and `piivault vault serve` over TLS (issue 15), as an
administrator and a support agent would use them: the secret is printed once and stored nowhere, the list
never shows it, a revoked credential is refused; the service speaks HTTPS with a certificate made here
(self-signed, by `cryptography`) and refuses plain HTTP on that port. On an SQLite vault.
"""

from __future__ import annotations

import ssl
import subprocess

import httpx
import pytest

from tests.vault import conftest as vault_conftest
from tests.vault.service_harness import (
    issue,
    open_vault,
    piivault,
    running_service,
    self_signed,
    service_env,
)
from vault.keys import write_kek_file
from vault.schema import service_credentials


@pytest.fixture
def admin(tmp_path):
    """(vault url, KEK file, run(*args) -> CompletedProcess of `piivault vault ...`)."""
    kek_file = tmp_path / "keys" / "vault.kek"
    write_kek_file(kek_file, vault_conftest.TEST_KEK)
    url = f"sqlite:///{tmp_path}/vault.db"

    def run(*args: str) -> subprocess.CompletedProcess:
        return piivault("vault", *args, "--vault", url, env=service_env(kek_file), timeout=120)

    return url, kek_file, run


def test_issue_list_revoke_over_tls(admin, tmp_path):
    url, kek_file, run = admin
    issued = run("token", "issue", "--role", "support", "--name", "agent 17", "--expires", "30d")
    assert issued.returncode == 0, issued.stderr
    secret = issued.stdout.strip()
    assert secret.startswith("pvs_") and issued.stdout.count("\n") == 1
    credential_id = secret.split(".")[0].removeprefix("pvs_")
    assert credential_id in issued.stderr and secret not in issued.stderr
    with open_vault(url, kek_file) as vault, vault.engine.connect() as conn:
        stored = repr(conn.execute(service_credentials.select()).all())
    assert secret.split(".")[1] not in stored  # a keyed hash only

    listing = run("token", "list")
    assert listing.returncode == 0
    assert credential_id in listing.stdout and "agent 17" in listing.stdout and "active" in listing.stdout
    assert secret.split(".")[1] not in listing.stdout

    pipeline = issue(url, kek_file, "pipeline", "worker 1")
    cert, key = self_signed(tmp_path)
    trust = ssl.create_default_context(cafile=str(cert))
    with running_service(url, kek_file, tmp_path / "service.log", tls=(cert, key), verify=trust) as service:
        assert service.url.startswith("https://")
        with service.client(pipeline) as client:
            tokens = client.post("/v1/tokenize", json={"items": [["PHONE_NUMBER", "+32 475 12 34 56", "C1"]]})
        token = tokens.json()["tokens"][0]
        body = {"tokens": [token], "purpose": "account management"}
        with service.client(secret) as client:
            answer = client.post("/v1/detokenize", json=body)
        assert answer.json()["results"][0]["value"] == "+32 475 12 34 56"
        with pytest.raises(httpx.TransportError):  # no plain HTTP on the TLS port
            httpx.post(service.url.replace("https://", "http://") + "/v1/detokenize", json=body, timeout=10)

        revoked = run("token", "revoke", credential_id)
        assert revoked.returncode == 0 and credential_id in revoked.stdout
        with service.client(secret) as client:
            assert client.post("/v1/detokenize", json=body).status_code == 401
    assert "revoked" in run("token", "list").stdout
    log = service.log()
    assert secret.split(".")[1] not in log and "475 12 34 56" not in log


def test_the_commands_refuse_what_they_cannot_do(admin):
    _url, _kek, run = admin
    unknown_role = run("token", "issue", "--role", "superuser", "--name", "x")
    assert unknown_role.returncode == 2 and "not in the policy" in unknown_role.stderr
    bad_expiry = run("token", "issue", "--role", "support", "--name", "x", "--expires", "forever")
    assert bad_expiry.returncode == 2 and "expiry" in bad_expiry.stderr
    for reserved in ("unknown caller", "credential 0123456789abcdef"):  # the actors of refused credentials
        taken = run("token", "issue", "--role", "privacy_officer", "--name", reserved)
        assert taken.returncode == 2 and "reserved" in taken.stderr
    secret_as_id = "pvs_0123456789abcdef." + "s" * 43
    unknown_id = run("token", "revoke", secret_as_id)  # the whole token given: only its id is used or shown
    assert unknown_id.returncode == 2 and "s" * 43 not in unknown_id.stderr
    half_tls = piivault("vault", "serve", "--vault", _url, "--tls-cert", "x.pem", timeout=120)
    assert half_tls.returncode == 2 and "--tls-key" in half_tls.stderr
