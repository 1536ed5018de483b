"""Access: the default policy, detokenization by role and purpose, the audit trail, and the CLI."""

import pytest
from sqlalchemy import text

from flows.cli import main as piivault
from values.token_format import ERASED_MARKER
from vault.errors import AuditWriteError, PolicyError
from vault.keys import KEK_ENV, KEK_FILE_ENV, write_kek_file
from vault.policy import load_policy
from vault.store import Vault

from .conftest import TEST_KEK

CUSTOMER = [
    ("PERSON", "Ann Lee", "C1"),
    ("EMAIL_ADDRESS", "ann.lee@example.com", "C1"),
    ("PHONE_NUMBER", "+32 2 555 12 34", "C1"),
    ("ADDRESS", "Rue de la Loi 16, 1000 Bruxelles", "C1"),
    ("CREDIT_CARD", "4111 1111 1111 1111", "C1"),
]
VALUES = [value for _t, value, _c in CUSTOMER]


@pytest.mark.parametrize(
    "role, purpose, expected",
    [
        ("analyst", "analysis", [None] * 5),
        ("support", "account management", VALUES[:4] + [None]),
        ("support", "Account-Management", VALUES[:4] + [None]),
        ("support", "billing", [None] * 5),
        ("billing", "collection", [VALUES[0], None, None, VALUES[3], "1111"]),
        ("billing", "account management", [None] * 5),
        ("privacy_officer", "access request", VALUES),
        ("privacy_officer", "marketing", [None] * 5),
        ("marketing", "marketing", [None] * 5),
    ],
)
def test_default_policy(vault, role, purpose, expected):
    toks = vault.tokenize_batch(CUSTOMER)
    found = vault.detokenize(toks, role=role, purpose=purpose, actor="alice")
    assert [r.value for r in found] == expected
    assert [r.outcome for r in found] == ["allowed" if e else "denied" for e in expected]


def test_every_call_is_audited_without_values(vault):
    toks = vault.tokenize_batch(CUSTOMER)
    vault.detokenize(toks[:2], role="support", purpose="account management", actor="alice")
    vault.detokenize(
        [toks[4], ERASED_MARKER, "ann.lee@example.com"], role="analyst", purpose="x", actor="bob"
    )
    records = vault.audit_records()
    assert [(r["actor"], r["outcome"]) for r in records] == [  # newest first
        ("bob", "invalid"),
        ("bob", "erased"),
        ("bob", "denied"),
        ("alice", "allowed"),
        ("alice", "allowed"),
    ]
    assert {r["token"] for r in records} == {toks[0], toks[1], toks[4], ERASED_MARKER, "<not a token>"}
    dumped = str(records).lower()
    assert not any(v.lower() in dumped for v in VALUES)
    assert all(r["at"] is not None and r["role"] and r["purpose"] for r in records)
    assert len(vault.audit_records(actor="alice")) == 2
    assert len(vault.audit_records(token=toks[4])) == 1


def test_no_value_when_the_audit_cannot_be_written(vault):
    toks = vault.tokenize_batch(CUSTOMER)
    with vault.engine.begin() as conn:  # a real failure of the audit insert, inside the database
        if conn.dialect.name == "sqlite":
            conn.execute(
                text(
                    "CREATE TRIGGER audit_fails BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'full'); END"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE FUNCTION audit_fails() RETURNS trigger AS $$ "
                    "BEGIN RAISE EXCEPTION 'full'; END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER audit_fails BEFORE INSERT ON audit "
                    "FOR EACH ROW EXECUTE FUNCTION audit_fails()"
                )
            )
    with pytest.raises(AuditWriteError) as raised:
        vault.detokenize(toks, role="privacy_officer", purpose="access request", actor="alice")
    assert not any(v in str(raised.value) for v in VALUES)
    assert vault.audit_records() == []


def test_custom_policy_file(vault, tmp_path):
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(
        "roles:\n  fraud:\n    purposes: [fraud check]\n    entities: {CREDIT_CARD: last4}\n"
    )
    toks = vault.tokenize_batch(CUSTOMER)
    found = vault.detokenize(
        toks, role="fraud", purpose="fraud check", actor="x", policy=load_policy(policy_file)
    )
    assert [r.value for r in found] == [None, None, None, None, "1111"]
    found = vault.detokenize(
        toks, role="support", purpose="account management", actor="x", policy=load_policy(policy_file)
    )
    assert all(r.outcome == "denied" for r in found)


@pytest.mark.parametrize(
    "content, message",
    [
        ("roles: [a, b]", "mapping"),
        ("roles:\n  x: {entities: {IBAN: full}}", "unknown entity type"),
        ("roles:\n  x: {entities: {PERSON: half}}", "form"),
        ("roles: {x: [", "not valid YAML"),
    ],
)
def test_malformed_policy_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "policy.yaml"
    path.write_text(content)
    with pytest.raises(PolicyError, match=message):
        load_policy(path)


@pytest.fixture
def catalog(tmp_path, monkeypatch):
    """A catalog naming an SQLite vault (relative path) and a KEK file in the environment."""
    monkeypatch.delenv(KEK_ENV, raising=False)
    write_kek_file(tmp_path / "kek", TEST_KEK)
    monkeypatch.setenv(KEK_FILE_ENV, str(tmp_path / "kek"))
    path = tmp_path / "catalog.yaml"
    path.write_text(
        "zones: {raw: raw, clean: clean}\nvault: sqlite:///data/vault.db\n"
        "datasets:\n  crm:\n    path: crm/*.csv\n    format: csv\n    erasure: delete_rows\n"
    )
    return path


def test_cli_detokenize_and_audit(catalog, capsys):
    with Vault.open(f"sqlite:///{catalog.parent}/data/vault.db") as vault:
        toks = vault.tokenize_batch(CUSTOMER)
    args = [
        "detokenize",
        *toks[:2],
        "--role",
        "support",
        "--purpose",
        "account management",
        "--catalog",
        str(catalog),
    ]
    assert piivault([*args, "--actor", "alice"]) == 0
    assert capsys.readouterr().out.splitlines() == VALUES[:2]

    status = piivault(["detokenize", toks[0], toks[4], "--role", "support", "--purpose", "account management",
                       "--catalog", str(catalog), "--actor", "alice"])  # fmt: skip
    out, err = capsys.readouterr()
    assert status == 3
    assert out.splitlines() == [VALUES[0], ""]
    assert "denied" in err and toks[4] in err and "4111" not in err

    assert piivault(["detokenize", ERASED_MARKER, "--role", "support", "--purpose", "account management",
                     "--catalog", str(catalog)]) == 4  # fmt: skip
    assert "erased" in capsys.readouterr().err

    assert piivault(["audit", "--catalog", str(catalog), "--actor", "alice"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == ["at", "actor", "role", "purpose", "outcome", "token", "detail"]
    assert len(lines) == 1 + 4
    assert not any(v in "\n".join(lines) for v in VALUES)


def test_cli_wrong_kek_exits_with_a_clear_message(catalog, tmp_path, monkeypatch, capsys):
    with Vault.open(f"sqlite:///{catalog.parent}/data/vault.db") as vault:
        token = vault.tokenize_batch(CUSTOMER)[0]
    write_kek_file(tmp_path / "other", bytes(32))
    monkeypatch.setenv(KEK_FILE_ENV, str(tmp_path / "other"))
    status = piivault(["detokenize", token, "--role", "support", "--purpose", "account management",
                       "--catalog", str(catalog)])  # fmt: skip
    assert status == 5
    assert "configure the right KEK" in capsys.readouterr().err
