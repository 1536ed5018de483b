"""The vault service fails closed (issue 15): ceilings per credential and purpose answer 429 and are
audited, so a support credential cannot page through the customer base; an audit that cannot be written
answers 503 and returns no value, and the service serves again once the audit can be written.

The audit failure is real: a PostgreSQL trigger refuses every insert into the audit table of the test's
schema, as a full disk or a revoked grant would.
"""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from tests.vault import conftest as vault_conftest
from tests.vault.service_harness import (
    issue,
    issue_many,
    running_service,
    service_env,
    service_over_items,
    start_service,
)
from vault.engine import normalise_url
from vault.errors import PolicyError
from vault.keys import write_kek_file
from vault.policy import DEFAULT_CEILING, Ceiling, load_policy
from vault.service.app import AUDIT_NOT_WRITTEN
from vault.service.limits import Limiter
from vault.store import Vault

postgres_schemas = vault_conftest.postgres_schemas
SUPPORT = load_policy().ceiling("support", "account management")
PIPELINE = load_policy().ceiling("pipeline", "tokenize")


@pytest.fixture(scope="module")
def served(postgres_schemas, tmp_path_factory):
    """(service, vault url, secrets by name, tokens of distinct customers' emails). The tests share it and
    use their own credentials' windows, so none depends on another's counts."""
    tmp_path = tmp_path_factory.mktemp("limits")
    kek_file = tmp_path / "keys" / "vault.kek"
    write_kek_file(kek_file, vault_conftest.TEST_KEK)
    url = postgres_schemas()
    roles = {"agent 17": "support", "agent 18": "support", "worker": "pipeline", "officer": "privacy_officer"}
    secrets = issue_many(url, kek_file, roles)
    with running_service(url, kek_file, tmp_path / "service.log") as service:
        items = [
            ["EMAIL_ADDRESS", f"customer{i}@example.com", f"C{i}"] for i in range(SUPPORT.per_window + 50)
        ]
        with service.client(secrets["worker"]) as client:
            response = client.post("/v1/tokenize", json={"items": items})
        assert response.status_code == 200, response.text
        yield service, url, secrets, response.json()["tokens"]


def audited(service, secret, actor, outcome):
    with service.client(secret) as client:
        records = client.get("/v1/audit", params={"actor": actor, "limit": 10_000}).json()["records"]
    return [r for r in records if r["outcome"] == outcome]


def test_a_support_credential_cannot_bulk_export_the_customer_base(served):
    service, _url, secrets, tokens = served
    with service.client(secrets["agent 17"]) as client:
        bulk = client.post("/v1/detokenize", json={"tokens": tokens, "purpose": "account management"})
        assert bulk.status_code == 429
        assert "customer" not in bulk.text and "[pv:" not in bulk.text
        # one customer at a time goes through, until the window's ceiling
        batch = SUPPORT.per_request
        answers = [
            client.post(
                "/v1/detokenize", json={"tokens": tokens[i : i + batch], "purpose": "account management"}
            )
            for i in range(0, SUPPORT.per_window + batch, batch)
        ]
    statuses = [answer.status_code for answer in answers]
    assert statuses == [200] * (SUPPORT.per_window // batch) + [429]
    assert all(r["outcome"] == "allowed" for a in answers[:-1] for r in a.json()["results"])
    refused = audited(service, secrets["officer"], "agent 17", "over_limit")
    assert len(refused) == 2 and {r["role"] for r in refused} == {"support"}
    # the ceiling is per credential: another agent is not held back by this one
    with service.client(secrets["agent 18"]) as client:
        one = client.post("/v1/detokenize", json={"tokens": tokens[:1], "purpose": "account management"})
    assert one.status_code == 200


def test_a_tokenize_request_over_the_pipeline_ceiling_is_refused(served):
    service, _url, secrets, _tokens = served
    items = [["PERSON", "Same Name", None]] * (PIPELINE.per_request + 1)
    with service.client(secrets["worker"]) as client:
        assert client.post("/v1/tokenize", json={"items": items}).status_code == 429
        assert client.post("/v1/tokenize", json={"items": items[:10]}).status_code == 200
    assert audited(service, secrets["officer"], "worker", "over_limit")


def refuse_audit_inserts(url: str, refuse: bool) -> None:
    """Make every insert into the schema's audit table fail (or work again), as a database would."""
    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        if refuse:
            conn.execute(
                text(
                    "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN RAISE EXCEPTION 'the audit table refuses writes'; END $$"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_audit()"
                )
            )
        else:
            conn.execute(text("DROP TRIGGER refuse_audit ON audit"))
            conn.execute(text("DROP FUNCTION refuse_audit()"))
    engine.dispose()


def test_no_value_leaves_when_the_audit_cannot_be_written(served):
    service, url, secrets, tokens = served
    body = {"tokens": tokens[:3], "purpose": "account management"}
    refuse_audit_inserts(url, True)
    try:
        with service.client(secrets["agent 18"]) as client:
            failed = client.post("/v1/detokenize", json=body)
        with service.client("pvs_0123456789abcdef." + "x" * 43) as client:
            unknown = client.post("/v1/detokenize", json=body)  # its refusal cannot be audited either
    finally:
        refuse_audit_inserts(url, False)
    assert (failed.status_code, failed.json()) == (503, {"detail": AUDIT_NOT_WRITTEN})
    assert "customer" not in failed.text
    assert unknown.status_code == 503
    assert "customer" not in service.log()
    with service.client(secrets["agent 18"]) as client:
        again = client.post("/v1/detokenize", json=body)
    assert again.status_code == 200
    assert [r["value"] for r in again.json()["results"]] == [f"customer{i}@example.com" for i in range(3)]


def test_the_window_slides_and_a_refusal_counts_nothing(tmp_path):
    """The window on an injected clock (no sleeping, nothing timed): tokens leave it `window_seconds`
    after they were sent."""
    now = [1000.0]
    vault = Vault.open(f"sqlite:///{tmp_path}/vault.db", kek=vault_conftest.TEST_KEK)
    limiter = Limiter(vault, clock=lambda: now[0])
    ceiling = Ceiling(per_request=5, per_window=10, window_seconds=60)
    assert limiter.admit("c1", "billing", 6, ceiling) is not None  # over the request ceiling
    assert limiter.admit("c1", "billing", 5, ceiling) is None
    now[0] += 30
    assert limiter.admit("c1", "billing", 5, ceiling) is None
    assert limiter.admit("c1", "billing", 1, ceiling) is not None  # 10 within the last 60 s
    assert limiter.admit("c2", "billing", 5, ceiling) is None  # per credential
    assert limiter.admit("c1", "collection", 5, ceiling) is None  # and per purpose
    now[0] += 30  # the first 5 have left the window
    assert limiter.admit("c1", "billing", 5, ceiling) is None
    assert limiter.admit("c1", "billing", 1, ceiling) is not None
    unlimited = Ceiling(per_request=None, per_window=None)
    assert limiter.admit("c1", "billing", 10**9, unlimited) is None
    # the counts are the vault's: another limiter over it (a restarted or second service) sees them
    assert Limiter(vault, clock=lambda: now[0]).admit("c1", "billing", 1, ceiling) is not None
    vault.close()


def test_ceilings_hold_across_a_restart_and_between_two_service_processes(tmp_path):
    """A support credential spends its window on one service, which is then restarted: still 429. Two
    services over one vault count one window: what one admitted, the other refuses."""
    emails = [("EMAIL_ADDRESS", f"customer{i}@example.com", f"C{i}") for i in range(SUPPORT.per_request)]
    with service_over_items(tmp_path, vault_conftest.TEST_KEK, emails) as (first, url, tokens):
        secret = issue(url, tmp_path / "kek", "support", "agent 19")
        body = {"tokens": tokens, "purpose": "account management"}
        with first.client(secret) as client:
            for _ in range(SUPPORT.per_window // SUPPORT.per_request - 1):
                assert client.post("/v1/detokenize", json=body).status_code == 200
        first.stop()
        again = start_service(["--vault", url], tmp_path / "again.log", service_env(tmp_path / "kek"))
        second = start_service(["--vault", url], tmp_path / "second.log", service_env(tmp_path / "kek"))
        try:
            with again.client(secret) as client:  # the last request the window holds, after the restart
                assert client.post("/v1/detokenize", json=body).status_code == 200
                assert client.post("/v1/detokenize", json=body).status_code == 429
            with second.client(secret) as client:  # and the other process counted it too
                refused = client.post("/v1/detokenize", json=body)
                assert refused.status_code == 429 and f"{SUPPORT.per_window} tokens already" in refused.text
        finally:
            again.stop()
            second.stop()
    with Vault.open(url, kek=vault_conftest.TEST_KEK) as vault:
        over = vault.audit_records(limit=None, actor="agent 19")
    assert [r["outcome"] for r in over if r["outcome"] == "over_limit"] == ["over_limit", "over_limit"]


@pytest.mark.parametrize(
    "roles, message",
    [
        ("x: {operations: [export]}", "operations must be a list of tokenize, audit"),
        ("x: {purposes: [tokenize]}", "names an operation"),
        ("x: {ceilings: [1, 2]}", "ceilings must be a mapping"),
        ("x: {ceilings: {billing: {per_request: 0}}}", "positive integer"),
        ("x: {ceilings: {billing: {per_hour: 5}}}", "per_request, per_window and window_seconds"),
    ],
)
def test_a_policy_with_bad_operations_or_ceilings_is_refused(tmp_path, roles, message):
    path = tmp_path / "policy.yaml"
    path.write_text(f"roles:\n  {roles}\n")
    with pytest.raises(PolicyError, match=message):
        load_policy(path)


def test_a_purpose_without_a_ceiling_gets_the_small_default(tmp_path):
    path = tmp_path / "policy.yaml"
    path.write_text("roles:\n  fraud: {purposes: [fraud check], entities: {CREDIT_CARD: last4}}\n")
    assert load_policy(path).ceiling("fraud", "fraud check") == DEFAULT_CEILING
    assert load_policy(path).ceiling("nobody", "anything") == DEFAULT_CEILING
