"""An SQLite vault takes one tokenizing process at a time: a second is refused with a message naming the
PostgreSQL setting, readers go on meanwhile, and the vault is free again once the writer closes it."""

import multiprocessing
import traceback

import pytest

from vault.store import Vault
from vault.writer_lock import ParallelWritersError

from .conftest import TEST_KEK

OFFICER = {"role": "privacy_officer", "purpose": "access request", "actor": "test"}
FIRST = [("EMAIL_ADDRESS", "first@example.com", "CUST-000001"), ("PERSON", "Ann First", "CUST-000001")]
SECOND = [("EMAIL_ADDRESS", "second@example.com", "CUST-000002")]
TIMEOUT_S = 120  # a guard against a hung process, never a measurement


def _writer(url: str, holding, release, results) -> None:
    """Tokenize, say so, keep the vault open until told to close it."""
    try:
        with Vault.open(url, kek=TEST_KEK) as vault:
            results.put(vault.tokenize_batch(FIRST))
            holding.set()
            release.wait(TIMEOUT_S)
        results.put("closed")
    except BaseException:
        results.put(traceback.format_exc())


def test_a_second_tokenizing_process_is_refused_and_readers_go_on(tmp_path):
    url = f"sqlite:///{tmp_path}/vault.db"
    context = multiprocessing.get_context("spawn")
    holding, release, results = context.Event(), context.Event(), context.Queue()
    writer = context.Process(target=_writer, args=(url, holding, release, results))
    writer.start()
    try:
        tokens = results.get(timeout=TIMEOUT_S)
        assert isinstance(tokens, list), tokens
        assert holding.wait(TIMEOUT_S)
        with Vault.open(url, kek=TEST_KEK) as vault:
            with pytest.raises(ParallelWritersError) as refused:
                vault.tokenize_batch(SECOND)
            message = str(refused.value)
            assert f"process {writer.pid} is tokenizing" in message
            assert "the catalog's `vault:`" in message and "PostgreSQL URL" in message
            assert "second@example.com" not in message
            # Reading goes on beside the writer: detokenize (which writes its audit rows) and the audit.
            found = vault.detokenize(tokens, **OFFICER)
            assert [r.value for r in found] == ["first@example.com", "Ann First"]
            assert len(vault.audit_records(token=tokens[0])) == 1
    finally:
        release.set()
        closed = results.get(timeout=TIMEOUT_S)
        writer.join(timeout=TIMEOUT_S)
    assert closed == "closed"
    with Vault.open(url, kek=TEST_KEK) as vault:  # the writer has closed the vault: it is free again
        again = vault.tokenize_batch(SECOND)
        assert [r.value for r in vault.detokenize(again, **OFFICER)] == ["second@example.com"]


def test_vaults_of_one_process_share_the_writer_lock(sqlite_vault, tmp_path):
    sqlite_vault.tokenize_batch(FIRST)
    with Vault.open(f"sqlite:///{tmp_path}/vault.db", kek=TEST_KEK) as other:
        assert len(other.tokenize_batch(SECOND)) == 1
    sqlite_vault.tokenize_batch(SECOND)  # still this process's after the other vault closed
