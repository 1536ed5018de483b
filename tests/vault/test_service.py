"""The vault service (issue 15) over real HTTP: every role x purpose of the default policy, the operations
only some roles may call, and credentials that must not authenticate (expired, revoked, forged, unknown,
missing), each refusal audited; nothing but "unauthorized" said to such a caller, and no value in an error.

One service for the module, on PostgreSQL (the shape a team runs), started as `piivault vault serve`.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.vault import conftest as vault_conftest
from tests.vault.service_harness import issue, issue_many, open_vault, running_service
from vault.keys import write_kek_file
from vault.policy import load_policy, normalise_purpose
from vault.service import credentials

postgres_schemas = vault_conftest.postgres_schemas
POLICY = load_policy()
ROLES = sorted(POLICY.roles)
PURPOSES = sorted({p for grant in POLICY.roles.values() for p in grant.purposes}) + ["marketing"]
VALUES = {
    "PERSON": "Ada Lovelace",
    "ADDRESS": "12 Analytical Street, 1000 Brussels",
    "PHONE_NUMBER": "+32 475 12 34 56",
    "EMAIL_ADDRESS": "ada@example.com",
    "CREDIT_CARD": "4111 1111 1111 1111",
}


@pytest.fixture(scope="module")
def served(postgres_schemas, tmp_path_factory):
    """(service, vault url, KEK file, secret per role, token per entity type)."""
    root = tmp_path_factory.mktemp("service")
    kek_file = root / "keys" / "vault.kek"
    write_kek_file(kek_file, vault_conftest.TEST_KEK)
    url = postgres_schemas()
    issued = issue_many(url, kek_file, {f"{role} 1": role for role in ROLES})
    secrets = {role: issued[f"{role} 1"] for role in ROLES}
    with running_service(url, kek_file, root / "service.log") as service:
        with service.client(secrets["pipeline"]) as client:
            response = client.post(
                "/v1/tokenize", json={"items": [[t, v, "C1"] for t, v in VALUES.items()], "dataset": "crm"}
            )
        assert response.status_code == 200, response.text
        tokens = dict(zip(VALUES, response.json()["tokens"], strict=True))
        yield service, url, kek_file, secrets, tokens


def audit_rows(served, **where):
    """Audit records matching `where`, read through the service as the privacy officer."""
    service, secrets = served[0], served[3]
    params = {"limit": 10_000, **({"actor": where["actor"]} if "actor" in where else {})}
    with service.client(secrets["privacy_officer"]) as client:
        response = client.get("/v1/audit", params=params)
    assert response.status_code == 200, response.text
    return [r for r in response.json()["records"] if all(r[k] == v for k, v in where.items())]


@pytest.mark.parametrize("purpose", PURPOSES)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_and_purpose_of_the_default_policy(served, role, purpose):
    service, url, kek_file, secrets, tokens = served
    with service.client(secrets[role]) as client:
        response = client.post("/v1/detokenize", json={"tokens": list(tokens.values()), "purpose": purpose})
    if not POLICY.permits_purpose(role, purpose).allowed:
        assert response.status_code == 403
        assert set(response.json()) == {"detail"}
        assert not any(value in response.text for value in VALUES.values())
        refused = audit_rows(served, actor=f"{role} 1", purpose=purpose, outcome="forbidden")
        assert refused and refused[0]["role"] == role
        return
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["token"] for r in results] == list(tokens.values())
    for (entity_type, value), result in zip(VALUES.items(), results, strict=True):
        decision = POLICY.decide(role, purpose, entity_type)
        if decision.allowed:
            expected = value[-4:] if decision.form == "last4" else value
            assert (result["outcome"], result["value"]) == ("allowed", expected)
        else:
            assert (result["outcome"], result["value"]) == ("denied", None)
            assert result["reason"] == decision.reason
    audited = audit_rows(served, actor=f"{role} 1", purpose=purpose)
    assert {r["token"] for r in audited} >= set(tokens.values())  # per token, as the embedded vault does
    assert {r["role"] for r in audited} == {role}  # the credential's role, whatever the caller says


@pytest.mark.parametrize("role", ROLES)
def test_only_roles_granted_an_operation_may_call_it(served, role):
    service, url, kek_file, secrets, tokens = served
    with service.client(secrets[role]) as client:
        tokenized = client.post(
            "/v1/tokenize", json={"items": [["EMAIL_ADDRESS", "other@example.com", None]]}
        )
        audit = client.get("/v1/audit", params={"limit": 5})
    assert tokenized.status_code == (200 if POLICY.permits(role, "tokenize").allowed else 403)
    assert audit.status_code == (200 if POLICY.permits(role, "audit").allowed else 403)
    if audit.status_code == 200:
        records = audit.json()["records"]
        assert 0 < len(records) <= 5
        assert not any(value in audit.text for value in VALUES.values())
    else:
        assert audit_rows(served, actor=f"{role} 1", purpose="audit", outcome="forbidden")


def test_the_policy_names_a_pipeline_role_that_tokenizes_and_sees_nothing():
    assert POLICY.permits("pipeline", "tokenize").allowed
    assert not POLICY.permits_purpose("pipeline", "account management").allowed
    assert POLICY.ceiling("support", "Account-Management").per_request == 20


def test_tokenize_answers_as_the_embedded_vault(served):
    service, url, kek_file, secrets, tokens = served
    items = [["EMAIL_ADDRESS", "ADA@Example.com", "C1"], ["CREDIT_CARD", "4111111111111111", 7]]
    with service.client(secrets["pipeline"]) as client:
        plain = client.post("/v1/tokenize", json={"items": items}).json()["tokens"]
        surrogates = client.post("/v1/tokenize", json={"items": items, "format_preserving": True}).json()
    with open_vault(url, kek_file) as vault:
        assert plain == vault.tokenize_batch([tuple(i) for i in items])
        expected = vault.tokenize_batch([(t, v, str(s)) for t, v, s in items], format_preserving=True)
    assert plain[0] == tokens["EMAIL_ADDRESS"]  # normalised before keying, as embedded
    assert surrogates["tokens"] == expected


def test_the_purpose_is_the_callers_the_role_is_the_credentials(served):
    """A support agent cannot claim privacy_officer: there is no field for a role, and an extra one is
    refused as malformed rather than quietly ignored."""
    service, _url, _kek, secrets, tokens = served
    with service.client(secrets["support"]) as client:
        response = client.post(
            "/v1/detokenize",
            json={"tokens": [tokens["CREDIT_CARD"]], "purpose": "access request", "role": "privacy_officer"},
        )
        assert response.status_code == 422
        response = client.post(
            "/v1/detokenize", json={"tokens": [tokens["CREDIT_CARD"]], "purpose": "access request"}
        )
    assert response.status_code == 403


def test_health_needs_no_credential_and_says_nothing_else(served):
    service = served[0]
    with service.client() as client:
        assert client.get("/v1/health").json() == {"status": "ok"}
        for hidden in ("/docs", "/redoc", "/openapi.json"):
            assert client.get(hidden).status_code == 404


def bad_credentials(url, kek_file, secrets) -> dict[str, str | None]:
    """Credentials that must not authenticate, each with its own reason."""
    real = secrets["privacy_officer"]
    credential_id = credentials.CREDENTIAL_PATTERN.fullmatch(real).group(1)
    forged_secret = ("A" if real[-1] != "A" else "B") * 43
    expired = issue(url, kek_file, "privacy_officer", "expired one", expires_in=timedelta(seconds=-1))
    revoked = issue(url, kek_file, "privacy_officer", "revoked one")
    with open_vault(url, kek_file) as vault:
        credentials.revoke(vault, revoked)
    return {
        "missing": None,
        "garbage": "hello",
        "unknown id": "pvs_0123456789abcdef." + "x" * 43,
        "forged": f"pvs_{credential_id}.{forged_secret}",
        "expired": expired,
        "revoked": revoked,
    }


def test_unknown_expired_revoked_and_forged_credentials_get_401_and_nothing_else(served):
    service, url, kek_file, secrets, tokens = served
    before = len(audit_rows(served, outcome="unauthorized"))
    cases = bad_credentials(url, kek_file, secrets)
    for case, secret in cases.items():
        with service.client(secret) as client:
            answers = [
                client.post(
                    "/v1/detokenize", json={"tokens": list(tokens.values()), "purpose": "access request"}
                ),
                client.post("/v1/tokenize", json={"items": [["PERSON", "Someone Else", None]]}),
                client.get("/v1/audit"),
                client.post("/v1/detokenize", content=b"{not json"),  # 401 before the body is looked at
            ]
        for answer in answers:
            assert (answer.status_code, answer.json()) == (401, {"detail": "unauthorized"}), case
    refused = audit_rows(served, outcome="unauthorized")
    assert len(refused) - before == 4 * len(cases)
    text = repr(refused)
    assert not any(secret and secret.split(".")[-1] in text for secret in cases.values())
    assert not any(value in text for value in VALUES.values())


def test_a_revoked_credential_stops_at_its_next_request(served):
    service, url, kek_file, _secrets, tokens = served
    secret = issue(url, kek_file, "support", "agent leaving")
    body = {"tokens": [tokens["EMAIL_ADDRESS"]], "purpose": "account management"}
    with service.client(secret) as client:
        assert (
            client.post("/v1/detokenize", json=body).json()["results"][0]["value"] == VALUES["EMAIL_ADDRESS"]
        )
        with open_vault(url, kek_file) as vault:
            credentials.revoke(vault, secret.split(".")[0].removeprefix("pvs_"))
        assert client.post("/v1/detokenize", json=body).status_code == 401


def test_a_malformed_body_is_described_without_its_content(served):
    service, _url, _kek, secrets, _tokens = served
    value = "Grace Hopper-Malformed"
    with service.client(secrets["pipeline"]) as client:
        answers = [
            client.post("/v1/tokenize", json={"items": [["NOT_A_TYPE", value, None]]}),
            client.post("/v1/tokenize", json={"items": [[value]]}),
            client.post("/v1/tokenize", json={"items": [["PERSON", {"v": value}, None]]}),
            client.post("/v1/tokenize", content=value.encode()),
        ]
    for answer in answers:
        assert answer.status_code == 422
        assert answer.json()["detail"].startswith("malformed request")
        assert value not in answer.text
    assert value not in service.log()


def test_the_purpose_is_normalised_as_embedded(served):
    service, _url, _kek, secrets, tokens = served
    body = {"tokens": [tokens["PERSON"]], "purpose": "Account-Management"}
    with service.client(secrets["support"]) as client:
        assert client.post("/v1/detokenize", json=body).json()["results"][0]["value"] == VALUES["PERSON"]
    assert normalise_purpose("Account-Management") in POLICY.roles["support"].purposes
