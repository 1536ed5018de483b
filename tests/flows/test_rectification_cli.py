"""`piivault request rectify` and `piivault rectify`: values read from standard input (never on the command
line), review and `--old-value`, exit statuses, and the Prefect flow run leaving nothing personal in
Prefect."""

from __future__ import annotations

import io
import json
from pathlib import Path

from flows.cli import main as piivault
from tests.flows.test_erasure_zone import clean_rows, open_vault

NEW_EMAIL = "renamed.person@example.net"
NEW_LANDLINE = "+32 2 555 01 99"


def run_cli(monkeypatch, capsys, stdin: str, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = piivault(list(args))
    out, err = capsys.readouterr()
    return status, out.strip(), err


def test_request_rectify_then_rectify_with_values_from_standard_input(zone, monkeypatch, capsys):
    root, people = zone
    subject, housemate = people.subject, people.housemate
    catalog = str(root / "catalog.yaml")
    evidence = ("--verified-by", "clerk 7", "--method", "id card")
    status, request_id, err = run_cli(
        monkeypatch,
        capsys,
        f"{subject.customer_id}\n{NEW_LANDLINE}\n",
        *("request", "rectify", "--customer-id", "-", "--field", "phone", "--value", "-", *evidence),
        *("--catalog", catalog),
    )
    assert status == 0, err
    assert f"request {request_id} (rectify, verified)" in err
    status, out, err = run_cli(monkeypatch, capsys, "", "rectify", request_id, "--catalog", catalog)
    assert status == 4 and "--old-value" in err  # a mobile and a landline: which one?
    status, receipt_path, err = run_cli(
        monkeypatch,
        capsys,
        subject.landline + "\n",
        "rectify",
        request_id,
        "--old-value",
        "-",
        "--catalog",
        catalog,
    )
    assert status == 0, err
    receipt = json.loads(Path(receipt_path).read_text())
    assert receipt["old_value"]["outcome"] == "shared" and receipt["verification"]["passed"]
    with open_vault(root) as vault:
        new = vault.deriver.derive("PHONE_NUMBER", NEW_LANDLINE).token
        old = vault.deriver.derive("PHONE_NUMBER", subject.landline).token
    crm = {r["customer_id"]: r for r in clean_rows(root, "crm_customers")}
    assert (crm[subject.customer_id]["landline"], crm[housemate.customer_id]["landline"]) == (new, old)
    for text in (err, receipt_path, Path(receipt_path).read_text()):
        assert subject.landline not in text and NEW_LANDLINE not in text
    status, out, err = run_cli(monkeypatch, capsys, "", "rectify", request_id, "--catalog", catalog)
    assert (status, out) == (0, receipt_path) and "completed already" in err


def test_correction_options_only_fit_request_rectify(zone, monkeypatch, capsys):
    root, people = zone
    catalog = str(root / "catalog.yaml")
    status, _out, err = run_cli(
        monkeypatch,
        capsys,
        "",
        *(
            "request",
            "erase",
            "--customer-id",
            people.subject.customer_id,
            "--field",
            "name",
            "--catalog",
            catalog,
        ),
    )
    assert status == 2 and "--field: only for `request rectify`" in err
    status, _out, err = run_cli(
        monkeypatch,
        capsys,
        "",
        *(
            "request",
            "rectify",
            "--customer-id",
            people.subject.customer_id,
            "--field",
            "name",
            "--catalog",
            catalog,
        ),
    )
    assert status == 2 and "needs --field and --value" in err
    status, _out, err = run_cli(
        monkeypatch,
        capsys,
        "\n",
        *(
            "request",
            "rectify",
            "--customer-id",
            people.subject.customer_id,
            "--field",
            "name",
            "--value",
            "-",
        ),
        *("--catalog", catalog),
    )
    assert status == 2 and "standard input holds no" in err


def test_the_rectify_flow_leaves_nothing_personal_in_prefect(zone, prefect_server):
    from flows.rectification.filing import file_rectification
    from flows.rectification.flow import rectify
    from flows.requests.lifecycle import Verification

    root, people = zone
    subject = people.subject
    with open_vault(root) as vault:
        request_id = file_rectification(
            vault, "email", subject.email, "email", NEW_EMAIL, verification=Verification("clerk", "id card")
        )
    outcome = rectify(request_id=request_id, catalog_path=str(root / "catalog.yaml"))
    assert outcome["status"] == "completed"
    assert rectify(request_id=request_id, catalog_path=str(root / "catalog.yaml"))["already_done"]
    prefect_db = b"".join(
        p.read_bytes() for p in prefect_server.parent.glob(prefect_server.name + "*")
    ).lower()
    for value in (subject.email, NEW_EMAIL, subject.customer_id, subject.full_name):
        assert value.lower().encode() not in prefect_db
    assert f"rectification-receipt-{request_id}".encode() in prefect_db
