"""End to end on real Prefect flow runs: a demo raw zone with canaries and bad input is scanned and
tokenized; no canary reaches Prefect (database, logs, artifacts), the reports, the clean zone or the
quarantine; in = out + quarantined; reruns are no-ops and forced reruns byte-identical."""

from __future__ import annotations

import base64
import json
import sqlite3

import pyarrow.parquet as pq
import pytest

from flows.pipeline.catalog import load_catalog
from flows.pipeline.quarantine import aesgcm_opener, associated_data, read_quarantine
from tests.flows.canaries import CANARY_EMAIL

DECLARED_TYPED = {
    "crm_customers": ("name", "email", "phone", "address"),
    "web_logs": ("user.email",),
    "call_records": ("caller", "callee"),
}


def leaks(data: bytes, canaries) -> list[str]:
    lowered = data.lower()
    return [c for c in canaries if c.lower().encode() in lowered]


def vault_counts(catalog) -> dict[str, int]:
    db = sqlite3.connect(catalog.vault_url.removeprefix("sqlite:///"))
    try:
        tables = ("tokens", "links", "lineage")
        return {t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
    finally:
        db.close()


def test_every_record_is_written_or_quarantined(pipeline_run):
    results = {(r["dataset"], r["file"]): r for r in pipeline_run.results}
    for r in results.values():
        assert r["records_in"] == r["records_out"] + r["quarantined"], r["file"]
    web = results[("web_logs", "logs/web-2026-01-09.jsonl")]
    assert (web["records_in"], web["records_out"]) == (6, 2)
    assert [(b["line"], b["reason"]) for b in web["bad"]] == [
        (2, "malformed JSON"),
        (3, "invalid UTF-8"),
        (4, "not a JSON object"),
        (5, "record too large"),
    ]
    news = results[("newsletter", "marketing/newsletter-bad.csv")]
    assert (news["records_in"], news["records_out"], news["quarantined"]) == (5, 2, 3)
    empty = results[("support_chats", "support/chat-2026-01-09.log")]
    assert (empty["records_in"], empty["records_out"]) == (0, 0)


def test_quarantined_records_are_sealed_with_the_vault_key(pipeline_run, canary_values):
    from flows.pipeline.quarantine import quarantine_key
    from vault.store import Vault

    catalog = load_catalog(pipeline_run.catalog_path)
    path = catalog.quarantine_dir / "web_logs" / "logs/web-2026-01-09.jsonl.quarantine.jsonl"
    assert leaks(path.read_bytes(), canary_values) == []
    entries = read_quarantine(path)
    assert [e["position"] for e in entries] == [2, 3, 4, 5]
    with Vault.open(catalog.vault_url) as vault:
        opened = aesgcm_opener(quarantine_key(vault))(
            base64.b64decode(entries[0]["sealed"]),
            associated_data("web_logs", "logs/web-2026-01-09.jsonl", 2),
        )
    assert CANARY_EMAIL.encode() in opened


def test_clean_zone_holds_tokens_only(pipeline_run, canary_values):
    from values.token_format import is_token

    catalog = load_catalog(pipeline_run.catalog_path)
    files = sorted(p for p in catalog.clean_dir.rglob("*.parquet") if not p.name.startswith("."))
    assert len(files) >= 12
    for path in files:
        assert leaks(path.read_bytes(), canary_values) == [], path
        table = pq.read_table(path)
        cells = [str(v) for column in table.columns for v in column.to_pylist() if v is not None]
        assert [c for c in cells if leaks(c.encode(), canary_values)] == [], path
    for dataset, columns in DECLARED_TYPED.items():
        for path in (catalog.clean_dir / dataset).rglob("*.parquet"):
            table = pq.read_table(path)
            for column in columns:
                values = [v for v in table.column(column).to_pylist() if v]
                assert values and all(is_token(v) for v in values), (path, column)


def test_joins_work_on_tokens_across_services(pipeline_run):
    import pandas as pd

    from flows.pipeline.writers import read_clean

    catalog = load_catalog(pipeline_run.catalog_path)
    crm = read_clean(catalog.clean_dir / "crm_customers")
    web = read_clean(catalog.clean_dir / "web_logs")
    # web logs write emails upper-cased or capitalised; the tokens still match the CRM's
    joined = pd.merge(web, crm, left_on="user.email", right_on="email")
    assert len(joined) >= 0.9 * len(web)


def test_scan_report_counts_and_lists_unreadable_records(pipeline_run, canary_values):
    html = pipeline_run.report_path.read_bytes()
    assert html.startswith(b"<!doctype html>") and b"<svg" in html
    assert leaks(html, canary_values) == []
    report_json = pipeline_run.report_path.with_suffix(".json")
    assert leaks(report_json.read_bytes(), canary_values) == []
    summaries = {s["dataset"]: s for s in json.loads(report_json.read_text())["datasets"]}
    crm = summaries["crm_customers"]
    assert crm["columns"]["email"]["entities"]["EMAIL_ADDRESS"]["share"] == 1.0
    assert crm["columns"]["email"]["declared"] is True
    chats = summaries["support_chats"]["columns"]["line"]["entities"]
    assert {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"} <= set(chats)
    assert "support/chat-2026-01-09.log" in summaries["support_chats"]["empty_files"]
    bad = [(q["file"], q["line"]) for q in summaries["web_logs"]["quarantined"]]
    assert bad == [("logs/web-2026-01-09.jsonl", n) for n in (2, 3, 4, 5)]


def test_nothing_personal_reaches_prefect(pipeline_run, prefect_server, prefect_home, canary_values):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=10)
    with get_client(sync_client=True) as client:
        logs = client.read_logs()
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["scan-report", "tokenize-summary"]))
        )
        flow_runs = client.read_flow_runs()
    assert {a.key for a in artifacts} == {"scan-report", "tokenize-summary"}
    assert any("tokenized" in log.message for log in logs)
    texts = [log.message for log in logs] + [str(a.data) for a in artifacts]
    texts += [json.dumps(run.parameters) + str(run.state.message) for run in flow_runs]
    assert leaks("\n".join(texts).encode(), canary_values) == []
    database = b"".join(
        p.read_bytes() for p in prefect_server.parent.glob(prefect_server.name + "*") if p.is_file()
    )
    assert b"scan-report" in database  # the database is the one these runs wrote to
    assert leaks(database, canary_values) == []
    # result storage, profiles and any local logs live under PREFECT_HOME
    for path in (p for p in prefect_home.rglob("*") if p.is_file()):
        assert leaks(path.read_bytes(), canary_values) == [], path


def test_rerun_skips_unchanged_files_and_forced_rerun_is_byte_identical(pipeline_run):
    from flows.tokenize.flow import tokenize

    catalog = load_catalog(pipeline_run.catalog_path)
    outputs = {p: p.read_bytes() for p in catalog.clean_dir.rglob("*.parquet")}
    before = vault_counts(catalog)
    again = tokenize(catalog_path=str(pipeline_run.catalog_path), datasets=["crm_customers", "web_logs"])
    assert again and all(r["skipped"] for r in again)
    forced = tokenize(catalog_path=str(pipeline_run.catalog_path), datasets=["web_logs"], force=True)
    assert forced and not any(r["skipped"] for r in forced)
    assert {p: p.read_bytes() for p in catalog.clean_dir.rglob("*.parquet")} == outputs
    assert vault_counts(catalog) == before


@pytest.mark.parametrize("exception, calls", [(OSError("disk"), 2), (ValueError("bad data"), 1)])
def test_tasks_retry_on_io_failures_only(prefect_server, exception, calls):
    from prefect import flow, task

    from flows.pipeline.tasks import RAW_DATA

    attempts = []

    @task(**{**RAW_DATA, "retry_delay_seconds": 0})
    def flaky() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise exception
        return "ok"

    @flow
    def run_flaky() -> bool:
        return flaky(return_state=True).is_completed()

    completed = run_flaky()
    assert len(attempts) == calls
    assert completed == (calls == 2)


def test_task_logic_runs_without_prefect(pipeline_run):
    from flows.pipeline.tasks import list_raw_files

    files = list_raw_files.fn(str(pipeline_run.catalog_path), "call_records")
    assert files == [f"telecom/cdr-2026-01-0{d}.csv" for d in (5, 6, 7)]


def test_a_failing_file_fails_the_run_by_name_after_the_others_are_done(prefect_server, tmp_path):
    from flows.pipeline.errors import PipelineError
    from flows.tokenize.flow import tokenize

    raw = tmp_path / "raw" / "crm"
    raw.mkdir(parents=True)
    for name in ("a", "b"):
        (raw / f"{name}.csv").write_text(f"customer_id,email\n{name}1,{CANARY_EMAIL}\n")
    catalog_path = tmp_path / "catalog.yaml"
    catalog_path.write_text(
        "zones: {raw: raw, clean: clean}\nvault: sqlite:///vault.db\ndatasets:\n"
        "  crm: {path: 'crm/*.csv', format: csv, erasure: delete_rows, columns: {email: EMAIL_ADDRESS}}\n"
    )
    catalog = load_catalog(catalog_path)
    (catalog.clean_dir / "crm" / "crm" / "a.parquet").mkdir(parents=True)  # the output path is taken
    with pytest.raises(PipelineError) as error:
        tokenize(catalog_path=str(catalog_path))
    message = str(error.value)
    assert message.startswith("1 file(s) failed: dataset crm, file crm/a.csv")
    assert CANARY_EMAIL not in message
    assert (catalog.clean_dir / "crm" / "crm" / "b.parquet").is_file()


def test_undeclared_columns_are_classified_and_tokenized(pipeline_run):
    from values.token_format import is_token

    catalog = load_catalog(pipeline_run.catalog_path)
    expected = {
        "billing_invoices": ("billing_name", "billing_address", "card_number"),
        "newsletter": ("email",),
    }
    for dataset, columns in expected.items():
        for path in (catalog.clean_dir / dataset).rglob("*.parquet"):
            table = pq.read_table(path)
            for column in columns:
                values = [v for v in table.column(column).to_pylist() if v]
                assert values and all(is_token(v) for v in values), (path, column)
            assert table.column("customer_id" if dataset == "billing_invoices" else "source").to_pylist()
    invoices = pq.read_table(catalog.clean_dir / "billing_invoices" / "billing/invoices-2026-01.parquet")
    raw = pq.read_table(catalog.raw_dir / "billing/invoices-2026-01.parquet")
    for column in ("invoice_id", "customer_id", "issued_on", "amount_eur", "status"):  # untouched, same type
        assert invoices.column(column).equals(raw.column(column)), column
