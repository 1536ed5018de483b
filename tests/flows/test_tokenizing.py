"""Tokenize logic on a real SQLite vault and the real detector: same rows and columns, tokens in place of
values, subject links, lineage, manifest skips, byte-identical reruns, errors without values."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from flows.pipeline.catalog import parse_catalog
from flows.pipeline.errors import PipelineError
from flows.pipeline.manifest import load_manifest
from flows.tokenize.tokenizing import tokenize_file
from values.token_format import TOKEN_PATTERN, is_token

CATALOG = {
    "zones": {"raw": "raw", "clean": "clean"},
    "vault": "sqlite:///vault.db",
    "datasets": {
        "crm": {
            "path": "crm/*.csv",
            "format": "csv",
            "subject_key": "customer_id",
            "erasure": "delete_rows",
            "columns": {"email": "EMAIL_ADDRESS", "phone": "PHONE_NUMBER", "notes": "free_text"},
        },
        "calls": {
            "path": "calls/*.csv",
            "format": "csv",
            "erasure": "retain",
            "columns": {"caller": "PHONE_NUMBER", "callee": "PHONE_NUMBER"},
        },
        "chats": {"path": "chats/*.log", "format": "text", "erasure": "redact"},
    },
}
CRM = (
    "customer_id,email,phone,notes,plan\n"
    'C1,Ann.Peeters@Example.com,+32 470 11 22 33,"prefers mail to ann.peeters@example.com",mobile-s\n'
    "C2,bob@example.org,0470 44 55 66,,fiber\n"
    "C3,,,nothing to see,bundle\n"
)
CALLS = "id,caller,callee\nk1,+32470112233,+32 470 44 55 66\n"
CHATS = "hello, reach me at bob@example.org or +32 470 99 88 77\nno personal data here\n"


@pytest.fixture()
def zone(tmp_path):
    for relpath, text in (("crm/c.csv", CRM), ("calls/k.csv", CALLS), ("chats/x.log", CHATS)):
        (tmp_path / "raw" / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "raw" / relpath).write_text(text)
    return parse_catalog(CATALOG, tmp_path)


@pytest.fixture()
def vault(zone):
    from vault.store import Vault

    with Vault.open(zone.vault_url) as opened:
        yield opened


def run(zone, vault, name, kinds=None, **kwargs):
    from recognizers import detect

    (path,) = zone.input_files(name)
    kinds = kinds if kinds is not None else {c: k for c, k in zone.dataset(name).columns.items()}
    if zone.dataset(name).format == "text":
        kinds = {"line": "free_text"}
    return tokenize_file(zone, name, path, kinds, vault, kwargs.pop("detect", detect), **kwargs)


def counts(zone) -> dict[str, int]:
    db = sqlite3.connect(zone.vault_url.removeprefix("sqlite:///"))
    try:
        tables = ("tokens", "links", "lineage")
        return {t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
    finally:
        db.close()


def test_typed_and_free_text_columns_become_tokens_rows_and_other_columns_untouched(zone, vault):
    result = run(zone, vault, "crm")
    assert (result.records_in, result.records_out, result.quarantined) == (3, 3, 0)
    clean = pd.read_parquet(zone.clean_dir / "crm" / result.output)
    raw = pd.read_csv(zone.raw_dir / "crm/c.csv", dtype=str, keep_default_na=False)
    assert list(clean.columns) == list(raw.columns)
    assert clean["customer_id"].tolist() == ["C1", "C2", "C3"]
    assert clean["plan"].tolist() == raw["plan"].tolist()
    assert all(is_token(v) for v in clean["email"][:2]) and clean["email"][2] in ("", None)
    # the same address, written differently, in a typed column and in free text: one token
    assert clean["notes"][0] == f"prefers mail to {clean['email'][0]}"
    assert clean["notes"][2] == "nothing to see"
    assert TOKEN_PATTERN.fullmatch(clean["phone"][1])


def test_subject_key_links_and_lineage(zone, vault):
    run(zone, vault, "crm")
    clean = pd.read_parquet(zone.clean_dir / "crm" / "crm/c.parquet")
    email, phone = clean["email"][0], clean["phone"][0]
    holding = vault.partitions_holding([email])
    assert holding == [("crm", "crm/c.parquet")]
    db = sqlite3.connect(zone.vault_url.removeprefix("sqlite:///"))
    subject = vault.subject_id("C1")
    linked = {t for (t,) in db.execute("select token from links where subject_id = ?", (subject,))}
    assert {email, phone} <= linked


def test_records_with_two_strong_identifiers_are_not_linked_to_each_other(zone, vault):
    before = counts(zone)["links"]
    run(zone, vault, "calls")
    assert counts(zone)["links"] == before  # a caller and a callee are two people
    run(zone, vault, "chats")  # one line holds an email and a phone: two identifiers, not linked either
    assert counts(zone)["links"] == before


def test_unchanged_files_are_skipped_and_forced_reruns_are_byte_identical(zone, vault):
    first = run(zone, vault, "crm")
    output = zone.clean_dir / "crm" / first.output
    data, vault_rows = output.read_bytes(), counts(zone)
    assert run(zone, vault, "crm").skipped
    again = run(zone, vault, "crm", force=True)
    assert not again.skipped
    assert output.read_bytes() == data
    assert counts(zone) == vault_rows
    (entry,) = load_manifest(zone.clean_dir / "crm")
    assert (entry.file, entry.output, entry.records_out) == ("crm/c.csv", "crm/c.parquet", 3)
    with (zone.raw_dir / "crm/c.csv").open("a") as handle:
        handle.write("C4,new@example.com,,,fiber\n")
    changed = run(zone, vault, "crm")
    assert (changed.skipped, changed.records_out) == (False, 4)


def test_a_failure_names_dataset_file_and_lines_but_not_the_value(zone, vault):
    def failing_detector(texts):
        raise ValueError(f"cannot parse {texts[0]!r}")

    with pytest.raises(PipelineError) as error:
        run(zone, vault, "chats", detect=failing_detector)
    message = str(error.value)
    assert message == "dataset chats, file chats/x.log, lines 1-2: ValueError"
    assert error.value.__suppress_context__
    assert not (zone.clean_dir / "chats" / "chats/x.parquet").exists()  # nothing half-written


def test_outputs_are_written_atomically_leaving_no_temporary_files(zone, vault):
    run(zone, vault, "crm")
    leftovers = [p for p in Path(zone.clean_dir).rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_format_preserving_datasets_get_surrogates_and_lineage_of_their_tokens(tmp_path):
    from vault.store import Vault

    catalog = dict(CATALOG, datasets={"crm": dict(CATALOG["datasets"]["crm"], format_preserving=True)})
    (tmp_path / "raw" / "crm").mkdir(parents=True)
    (tmp_path / "raw" / "crm" / "c.csv").write_text(CRM)
    zone = parse_catalog(catalog, tmp_path)
    with Vault.open(zone.vault_url) as vault:
        result = run(zone, vault, "crm")
        clean = pd.read_parquet(zone.clean_dir / "crm" / result.output)
        surrogate = clean["email"][0]
        assert surrogate.endswith("@pv.invalid") and not is_token(surrogate)
        assert is_token(clean["phone"][0])  # phones have no format-preserving form
        (found,) = vault.detokenize([surrogate], role="support", purpose="account management", actor="t")
        assert found.value == "Ann.Peeters@Example.com"
        assert vault.partitions_holding([found.token]) == [("crm", "crm/c.parquet")]


def test_parquet_numbers_holding_personal_data_are_classified_and_tokenized(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from flows.pipeline.column_kinds import classify_columns, sample_frame
    from vault.store import Vault

    pay = {"path": "pay/*.parquet", "format": "parquet", "erasure": "retain"}
    catalog = dict(CATALOG, datasets={"pay": pay})
    (tmp_path / "raw" / "pay").mkdir(parents=True)
    cards = [4556737586899855, 4111111111111111, 5500005555555559]
    table = pa.table({"card": cards, "cents": [100, 250, 399]})
    pq.write_table(table, tmp_path / "raw" / "pay" / "p.parquet")
    zone = parse_catalog(catalog, tmp_path)
    kinds = classify_columns(zone.dataset("pay"), sample_frame(zone, "pay"))
    assert kinds == {"card": "CREDIT_CARD", "cents": None}
    with Vault.open(zone.vault_url) as vault:
        result = run(zone, vault, "pay", kinds=kinds)
    clean = pq.read_table(zone.clean_dir / "pay" / result.output)
    assert all(is_token(v) for v in clean.column("card").to_pylist())
    assert clean.column("cents").type == pa.int64() and clean.column("cents").to_pylist() == [100, 250, 399]


def test_values_seen_with_a_customers_identifier_are_linked_to_that_customer(tmp_path):
    import json

    from vault.store import Vault

    web = {"path": "web/*.jsonl", "format": "jsonl", "erasure": "redact"}
    web["columns"] = {"user.email": "EMAIL_ADDRESS", "search": "free_text"}
    catalog = dict(CATALOG, datasets={"crm": CATALOG["datasets"]["crm"], "web": web})
    events = [
        {"user": {"email": "ANN.PEETERS@EXAMPLE.COM"}, "search": "callback +32 470 99 88 77"},
        {"user": {"email": "stranger@example.net"}, "search": "callback +32 470 12 12 12"},
    ]
    for relpath, text in (
        ("crm/c.csv", CRM),
        ("web/w.jsonl", "".join(json.dumps(e) + "\n" for e in events)),
    ):
        (tmp_path / "raw" / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "raw" / relpath).write_text(text)
    zone = parse_catalog(catalog, tmp_path)
    with Vault.open(zone.vault_url) as vault:
        run(zone, vault, "crm")
        before = counts(zone)
        result = run(zone, vault, "web")
        clean = pd.read_parquet(zone.clean_dir / "web" / result.output)
        phone = TOKEN_PATTERN.search(clean["search"][0]).group(0)
        db = sqlite3.connect(zone.vault_url.removeprefix("sqlite:///"))
        owners = {s for (s,) in db.execute("select subject_id from links where token = ?", (phone,))}
        assert owners == {vault.subject_id("C1")}
        subjects = db.execute("select count(*) from subjects").fetchone()[0]
    assert counts(zone)["links"] == before["links"] + 1  # the stranger's phone links to nobody
    assert subjects == 2  # C1 and C2 only: no subject is made up from an email
