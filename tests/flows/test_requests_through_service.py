"""Erasure and access requests through the vault service: the flow's process holds the service's URL and a
`privacy_officer` credential and no KEK (no variable, no key file beside the vault), and `piivault erase`
/ `piivault access` as Prefect flow runs leave the same receipt, clean and raw zones, vault rows and export
package as the embedded run on a copy of the same zone; a role the policy does not give the `requests`
operation is refused (403, exit 5) and the refusal is audited.

Two copies of the tokenized erasure zone (one vault, one master secret, so the same tokens): one run with
the embedded vault, the other with `piivault vault serve` over its vault, whose KEK file is moved out of
the zone and given to the service alone.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from flows.cli import main as piivault
from tests.flows.test_erasure_zone import copy_zone, personal_values
from tests.vault.service_harness import service_env, start_service
from vault.client import VAULT_TOKEN_FILE_ENV, VAULT_URL_ENV
from vault.keys import KEK_ENV, KEK_FILE_ENV
from vault.schema import links, tokens, tombstones
from vault.store import Vault

NEW_EMAIL = "renamed.person@example.net"
EVIDENCE = ["--verified-by", "clerk 7", "--method", "id card"]
VOLATILE = {"seconds", "timings_seconds", "deadline", "generated_at", "received_at", "completed_at"}
REQUEST_ID = re.compile(r"\b[0-9a-f]{32}\b")  # request and run ids differ (and subject ids go too)


@pytest.fixture
def zones(template, tmp_path, monkeypatch):
    """(embedded root, served root, people): two copies of the tokenized zone; no KEK and no service
    named in this process's environment."""
    root, people = template
    for name in [n for n in os.environ if n.startswith(("PIIVAULT_KEK", "PIIVAULT_VAULT_"))]:
        monkeypatch.delenv(name)
    return copy_zone(root, tmp_path / "embedded"), copy_zone(root, tmp_path / "served"), people


@contextmanager
def serving(served: Path, keys: Path) -> Iterator:
    """`piivault vault serve` over the served zone's vault, its KEK moved out of the zone to `keys` and
    given to the service alone."""
    keys.mkdir()
    shutil.move(served / "vault.db.kek", keys / "kek")
    service = start_service(
        ["--vault", f"sqlite:///{served}/vault.db"], keys / "service.log", service_env(keys / "kek")
    )
    try:
        yield service
    finally:
        service.stop()


@pytest.fixture
def two_zones(zones, tmp_path):
    """(embedded root, served root, the service over the second, its keys directory, people)."""
    embedded, served, people = zones
    with serving(served, tmp_path / "service-keys") as service:
        yield embedded, served, service, tmp_path / "service-keys", people


def use_service(monkeypatch, service, credential: Path) -> None:
    monkeypatch.setenv(VAULT_URL_ENV, service.url)
    monkeypatch.setenv(VAULT_TOKEN_FILE_ENV, str(credential))
    assert not {KEK_ENV, KEK_FILE_ENV} & set(os.environ)


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = piivault(list(args))
    out, err = capsys.readouterr()
    return status, out.strip(), err


def one_way(monkeypatch, capsys, root: Path, service, credential: Path | None, *args: str, stdin: str = ""):
    """The command's output on the zone at `root`: embedded (its KEK file named) when `credential` is
    None, else through the service (no KEK in this process); it must succeed. `stdin`: what it reads."""
    for name in (KEK_FILE_ENV, VAULT_URL_ENV, VAULT_TOKEN_FILE_ENV):
        monkeypatch.delenv(name, raising=False)
    if credential is None:
        monkeypatch.setenv(KEK_FILE_ENV, str(root / "vault.db.kek"))
    else:
        use_service(monkeypatch, service, credential)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status, out, err = run(capsys, *args, "--catalog", str(root / "catalog.yaml"))
    assert status == 0, err
    return out


def both_ways(monkeypatch, capsys, roots, service, credential: Path, *args: str, stdin: str = ""):
    """`one_way` on the embedded zone, then on the served one through the service."""
    return [
        one_way(monkeypatch, capsys, root, service, given, *args, stdin=stdin)
        for root, given in zip(roots, (None, credential), strict=True)
    ]


def stable(document, root: Path):
    """A receipt or export without what differs between two runs: ids, times, durations, the zone's path."""
    if isinstance(document, dict):
        return {k: stable(v, root) for k, v in document.items() if k not in VOLATILE}
    if isinstance(document, list):
        return [stable(v, root) for v in document]
    if isinstance(document, str):
        return REQUEST_ID.sub("ID", document.replace(str(root), "ROOT"))
    return document


def zone_bytes(root: Path) -> dict[str, str]:
    """sha256 of every file of the raw and clean zones (manifests aside: they carry times)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for zone in ("raw", "clean")
        for p in sorted((root / zone).rglob("*"))
        if p.is_file() and "_manifest" not in p.parts and ".piivault" not in p.parts
    }


def kek_of(root: Path) -> str:
    return (root / "vault.db.kek").read_text()


def vault_rows(root: Path, kek: bytes) -> dict[str, list]:
    with Vault.open(f"sqlite:///{root}/vault.db", kek=kek) as vault, vault.engine.connect() as conn:
        return {
            "tokens": sorted(conn.execute(select(tokens.c.token)).scalars()),
            "links": sorted(conn.execute(select(links.c.subject_id, links.c.token)).all()),
            "tombstones": sorted(
                conn.execute(select(tombstones.c.value_hash, tombstones.c.entity_type)).all()
            ),
        }


def test_erase_and_access_through_the_service_without_the_kek_match_the_embedded_runs(
    two_zones, capsys, monkeypatch, prefect_server
):
    embedded, served, service, keys, people = two_zones
    subject = people.subject
    officer = service.issue("privacy_officer", "officer 7", keys)

    def both(*args: str) -> tuple[str, str]:
        return both_ways(monkeypatch, capsys, (embedded, served), service, officer, *args)

    # access first (it reads what erasure then removes); the package's officer is the credential's name
    first, second = both("access", "--prefect", "--customer-id", subject.customer_id, *EVIDENCE, "--actor",
                         "officer 7")  # fmt: skip
    packages = [Path(first), Path(second)]
    assert sorted(p.name for p in packages[0].iterdir()) == sorted(p.name for p in packages[1].iterdir())
    exports = [json.loads((p / "export.json").read_text()) for p in packages]
    assert subject.email in json.dumps(exports[1])
    assert stable(exports[0], embedded) == stable(exports[1], served)
    for name in sorted(p.name for p in packages[0].iterdir() if p.suffix == ".csv"):
        assert (packages[0] / name).read_bytes() == (packages[1] / name).read_bytes(), name

    first, second = both("erase", "--prefect", "--email", subject.email.upper(), *EVIDENCE)
    receipts = [json.loads(Path(first).read_text()), json.loads(Path(second).read_text())]
    assert receipts[1]["verification"]["passed"] is True
    assert stable(receipts[0], embedded) == stable(receipts[1], served)
    assert zone_bytes(embedded) == zone_bytes(served)
    assert vault_rows(embedded, kek_of(embedded)) == vault_rows(served, (keys / "kek").read_text())

    # the flow's process never held or made a KEK; the service audited its reads and its shred
    assert not (served / "vault.db.kek").exists() and not {KEK_ENV, KEK_FILE_ENV} & set(os.environ)
    with Vault.open(f"sqlite:///{served}/vault.db", kek=(keys / "kek").read_text()) as vault:
        audit = vault.audit_records(limit=None, actor="officer 7")
    assert {(a["purpose"], a["outcome"]) for a in audit} >= {
        ("access request", "allowed"),
        ("erasure request", "allowed"),
        ("shred", "shredded"),
    }
    assert not [v for v in personal_values(subject) if v in json.dumps(audit, default=str)]


def test_a_role_without_the_requests_operation_is_refused_and_audited(two_zones, capsys, monkeypatch):
    _embedded, served, service, keys, people = two_zones
    agent = service.issue("support", "agent 17", keys)
    use_service(monkeypatch, service, agent)

    status, out, err = run(
        capsys, "erase", "--email", people.subject.email, *EVIDENCE, "--catalog", str(served / "catalog.yaml")
    )

    assert (status, out) == (5, "") and "403" in err and people.subject.email not in err
    with Vault.open(f"sqlite:///{served}/vault.db", kek=(keys / "kek").read_text()) as vault:
        refused = vault.audit_records(limit=None, actor="agent 17")
        assert vault.list_requests() == []  # nothing was filed
    assert [(a["role"], a["purpose"], a["outcome"]) for a in refused] == [
        ("support", "requests", "forbidden")
    ]


def test_rectify_through_the_service_without_the_kek_matches_the_embedded_run(
    two_zones, capsys, monkeypatch, prefect_server
):
    embedded, served, service, keys, people = two_zones
    officer = service.issue("privacy_officer", "officer 8", keys)
    roots = (embedded, served)
    request = ["request", "rectify", "--customer-id", people.subject.customer_id, "--field", "email"]
    ids = both_ways(monkeypatch, capsys, roots, service, officer, *request, "--value", "-", *EVIDENCE,
                    stdin=NEW_EMAIL + "\n")  # fmt: skip
    first = one_way(monkeypatch, capsys, embedded, service, None, "rectify", ids[0], "--prefect")
    second = one_way(monkeypatch, capsys, served, service, officer, "rectify", ids[1], "--prefect")

    receipts = [json.loads(Path(path).read_text()) for path in (first, second)]
    assert receipts[1]["verification"]["passed"] is True
    assert stable(receipts[0], embedded) == stable(receipts[1], served)
    assert zone_bytes(embedded) == zone_bytes(served)
    assert vault_rows(embedded, kek_of(embedded)) == vault_rows(served, (keys / "kek").read_text())
    assert not (served / "vault.db.kek").exists()


def test_retention_through_the_service_without_the_kek_matches_the_embedded_run(zones, tmp_path, monkeypatch):
    from flows.pipeline.catalog import load_catalog
    from flows.retention.steps import run_retention
    from tests.flows.test_retention import AS_OF, with_retention
    from vault.request_client import open_request_vault

    embedded, served, people = zones
    receipts = []
    for root in (embedded, served):
        monkeypatch.setenv(KEK_FILE_ENV, str(root / "vault.db.kek"))
        with_retention(root, people, auto_erase=True)  # closed relationships, erased by the run
    monkeypatch.delenv(KEK_FILE_ENV)
    keys = tmp_path / "service-keys"
    with serving(served, keys) as service:
        officer = service.issue("privacy_officer", "officer 9", keys)
        for root in (embedded, served):
            if root == embedded:
                monkeypatch.setenv(KEK_FILE_ENV, str(root / "vault.db.kek"))
            else:
                monkeypatch.delenv(KEK_FILE_ENV)
                use_service(monkeypatch, service, officer)
            catalog = load_catalog(root / "catalog.yaml")
            with open_request_vault(catalog.vault_url) as vault:
                outcome = run_retention(catalog, vault, now=AS_OF)
            assert outcome.status == "completed"
            receipts.append(json.loads(Path(outcome.receipt_path).read_text()))

    assert receipts[1]["subjects"]["erasures"]["completed"] == 1
    assert receipts[1]["vault"]["values_shredded"] >= 1
    assert stable(receipts[0], embedded) == stable(receipts[1], served)
    assert zone_bytes(embedded) == zone_bytes(served)
    assert vault_rows(embedded, kek_of(embedded)) == vault_rows(served, (keys / "kek").read_text())
    assert not (served / "vault.db.kek").exists()
