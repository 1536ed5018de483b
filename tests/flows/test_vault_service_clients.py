"""The clients against the real vault service: `piivault detokenize` and `piivault audit` with
`PIIVAULT_VAULT_URL` and a credential (no KEK, no catalog in the caller's environment), the role the
credential's; `VaultClient.tokenize_batch` as a pipeline worker; the notebook helpers' role check; HTTPS
trusted through `PIIVAULT_VAULT_CA`.

The service is `piivault vault serve` in a child process on 127.0.0.1 (`tests/vault/service_harness.py`),
the only process given the KEK; credentials are issued by `piivault vault token issue`.
"""

from __future__ import annotations

import pytest

from flows.cli import main as piivault
from tests.vault.service_harness import piivault as piivault_child
from tests.vault.service_harness import self_signed, service_over_items
from vault.client import (
    VAULT_CA_ENV,
    VAULT_TOKEN_ENV,
    VAULT_TOKEN_FILE_ENV,
    VAULT_URL_ENV,
    ServiceForbiddenError,
    VaultClient,
)
from vault.keys import KEK_ENV, KEK_FILE_ENV

KEK = bytes(range(7, 39))
CUSTOMER = [
    ("PERSON", "Ann Lee", "C1"),
    ("EMAIL_ADDRESS", "ann.lee@example.com", "C1"),
    ("PHONE_NUMBER", "+32 2 555 12 34", "C1"),
    ("ADDRESS", "Rue de la Loi 16, 1000 Bruxelles", "C1"),
    ("CREDIT_CARD", "4111 1111 1111 1111", "C1"),
]
VALUES = [value for _t, value, _c in CUSTOMER]
NAMES = {
    "support": "agent 17",
    "billing": "billing clerk 2",
    "privacy_officer": "dpo",
    "analyst": "analyst 3",
    "pipeline": "worker 1",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """The service over a vault holding one customer; a credential file per role; the customer's tokens."""
    directory = tmp_path_factory.mktemp("vault-service-clients")
    with service_over_items(directory, KEK, CUSTOMER) as (running, _url, tokens):
        credentials = {role: running.issue(role, name, directory) for role, name in NAMES.items()}
        yield running, credentials, tokens


@pytest.fixture
def caller(service, monkeypatch, tmp_path):
    """Become a caller with the credential of a role: the service's URL, the credential file, no KEK, no
    catalog (the working directory holds none)."""
    running, credentials, _tokens = service
    for name in (KEK_ENV, KEK_FILE_ENV, VAULT_TOKEN_ENV, "PIIVAULT_CATALOG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(VAULT_URL_ENV, running.url)

    def become(role: str) -> None:
        monkeypatch.setenv(VAULT_TOKEN_FILE_ENV, str(credentials[role]))

    return become


def audit_lines(capsys) -> list[dict[str, str]]:
    """`piivault audit` as the privacy officer, parsed."""
    out = capsys.readouterr().out.splitlines()
    header = out[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in out[1:]]


def test_detokenize_answers_as_the_credentials_role_and_the_audit_names_the_credential(
    service, caller, capsys
):
    _running, _credentials, tokens = service
    caller("support")
    assert piivault(["detokenize", *tokens, "--purpose", "account management"]) == 3
    out, err = capsys.readouterr()
    assert out.splitlines() == [*VALUES[:4], ""]  # the card is not support's to see
    assert f"{tokens[4]}: denied: role 'support' may not see CREDIT_CARD" in err and "4111" not in err

    caller("billing")
    assert piivault(["detokenize", *tokens, "--purpose", "billing"]) == 3
    assert capsys.readouterr().out.splitlines() == [VALUES[0], "", "", VALUES[3], "1111"]

    caller("privacy_officer")
    assert piivault(["audit", "--token", tokens[0]]) == 0
    records = audit_lines(capsys)
    assert [(r["actor"], r["role"], r["outcome"]) for r in records[:2]] == [
        ("billing clerk 2", "billing", "allowed"),
        ("agent 17", "support", "allowed"),
    ]
    assert not any(value in str(records) for value in VALUES)


def test_a_purpose_outside_the_credentials_policy_is_denied_and_audited(service, caller, capsys):
    _running, _credentials, tokens = service
    caller("analyst")
    assert piivault(["detokenize", tokens[1], "--purpose", "account management"]) == 3
    out, err = capsys.readouterr()
    assert out == "\n" and "denied" in err and "not allowed for role 'analyst'" in err
    caller("privacy_officer")
    assert piivault(["audit", "--actor", "analyst 3"]) == 0
    assert [r["outcome"] for r in audit_lines(capsys)] == ["forbidden"]


def test_the_audit_needs_a_role_allowed_to_read_it(service, caller, capsys):
    caller("support")
    assert piivault(["audit"]) == 5
    err = capsys.readouterr().err
    assert "refused /v1/audit for this credential's role (403): role 'support' may not audit" in err


def test_a_revoked_or_forged_credential_is_refused_without_being_echoed(
    service, caller, capsys, tmp_path, monkeypatch
):
    running, credentials, tokens = service
    issued = running.issue("support", "agent 18", tmp_path)
    caller("support")
    monkeypatch.setenv(VAULT_TOKEN_FILE_ENV, str(issued))
    assert piivault(["detokenize", tokens[0], "--purpose", "account management"]) == 0
    capsys.readouterr()
    secret = issued.read_text().strip()
    revoked = piivault_child(
        "vault", "token", "revoke", secret.split(".")[0][4:], *running.where, env=running.env
    )
    assert revoked.returncode == 0, revoked.stderr
    assert piivault(["detokenize", tokens[0], "--purpose", "account management"]) == 5
    err = capsys.readouterr().err
    assert "refused the credential (401): it is unknown, expired or revoked" in err and secret not in err

    forged = tmp_path / "forged.token"
    forged.write_text(credentials["privacy_officer"].read_text().strip()[:-4] + "AAAA")
    monkeypatch.setenv(VAULT_TOKEN_FILE_ENV, str(forged))
    assert piivault(["audit"]) == 5
    err = capsys.readouterr().err
    assert "refused the credential (401)" in err and forged.read_text() not in err


def test_over_the_credentials_ceiling_is_refused_whole(service, caller, capsys):
    _running, _credentials, tokens = service
    caller("support")
    assert piivault(["detokenize", *(tokens[:1] * 21), "--purpose", "account management"]) == 5
    out, err = capsys.readouterr()
    assert out == "" and "over this credential's ceiling for /v1/detokenize (429)" in err


def test_a_pipeline_worker_tokenizes_through_the_service_as_the_embedded_vault_does(service, caller):
    _running, _credentials, tokens = service
    caller("pipeline")
    more = [("EMAIL_ADDRESS", "Ann.Lee@Example.com", None), ("PERSON", "Bo Ng", "C2")]
    with VaultClient.from_env() as client:
        assert client.tokenize_batch([*CUSTOMER, *more])[:5] == tokens  # the same tokens, joins hold
        assert client.tokenize_batch(more)[0] == tokens[1]
    caller("support")
    with VaultClient.from_env() as client, pytest.raises(ServiceForbiddenError) as refused:
        client.tokenize_batch(more)
    assert "role 'support' may not tokenize" in str(refused.value) and "Bo Ng" not in str(refused.value)


def test_the_notebook_helpers_look_up_as_the_credential_and_read_its_own_trail(service, caller, tmp_path):
    from flows import analysis
    from vault.errors import VaultError

    _running, _credentials, tokens = service
    catalog_path = tmp_path / "catalog.yaml"
    catalog_path.write_text(  # a vault nobody can open here: the helpers must not try
        f"zones: {{raw: raw, clean: clean}}\nvault: sqlite:///{tmp_path}/absent/vault.db\n"
        "datasets:\n  crm:\n    path: crm/*.csv\n    format: csv\n    erasure: delete_rows\n"
    )
    catalog = analysis.open_catalog(catalog_path)
    fields = {"name": tokens[0], "email": tokens[1]}
    caller("support")
    assert analysis.agent_name(default="not me") == "agent 17"
    lookup = analysis.support_lookup(catalog, fields, purpose="account management", actor="agent 17")
    assert lookup["value"].tolist() == VALUES[:2]
    with pytest.raises(VaultError, match="audits this credential as 'agent 17', not 'agent 99'"):
        analysis.support_lookup(catalog, fields, purpose="account management", actor="agent 99")
    trail = analysis.audit_trail(catalog, actor="agent 17", limit=2)
    assert trail["actor"].tolist() == ["agent 17"] * 2 and trail["token"].tolist() == tokens[1::-1]

    caller("billing")
    with pytest.raises(VaultError, match="support_lookup looks up as support; the credential is billing's"):
        analysis.support_lookup(catalog, fields, purpose="billing")


def test_over_https_the_client_trusts_the_ca_it_is_given_and_no_other(tmp_path, monkeypatch, capsys):
    cert, key = self_signed(tmp_path)
    with service_over_items(tmp_path, KEK, CUSTOMER, tls=(cert, key)) as (running, _url, tokens):
        credential = running.issue("support", "agent 17", tmp_path)
        for name in (KEK_ENV, KEK_FILE_ENV, VAULT_TOKEN_ENV, VAULT_CA_ENV):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv(VAULT_URL_ENV, running.url)
        monkeypatch.setenv(VAULT_TOKEN_FILE_ENV, str(credential))
        assert running.url.startswith("https://127.0.0.1:")
        assert piivault(["detokenize", tokens[1], "--purpose", "account management"]) == 5
        err = capsys.readouterr().err  # the system's CAs do not vouch for this certificate
        assert "cannot reach the vault service at https://127.0.0.1:" in err and "(ConnectError)" in err
        monkeypatch.setenv(VAULT_CA_ENV, str(cert))
        assert piivault(["detokenize", tokens[1], "--purpose", "account management"]) == 0
        assert capsys.readouterr().out == VALUES[1] + "\n"
