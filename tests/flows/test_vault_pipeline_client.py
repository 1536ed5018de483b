"""A tokenize worker's vault calls through the real vault service (`vault.pipeline_client.PipelineClient`,
`vault/service/pipeline_routes.py`): with a `pipeline` credential and no KEK, links, lineage and the
fingerprint lookups land in the vault as the embedded `Vault` makes them, tokens and subject ids are the
vault's, and the worker gets the derived keys it hashes and seals with and no other; other roles are
refused. The whole tokenize path through the service: `test_tokenize_through_service.py`."""

from __future__ import annotations

import numpy as np
import pytest

from tests.vault.service_harness import service_over_items
from vault.client import (
    VAULT_TOKEN_ENV,
    VAULT_TOKEN_FILE_ENV,
    VAULT_URL_ENV,
    ServiceForbiddenError,
    ServiceUnavailableError,
)
from vault.keys import KEK_ENV, KEK_FILE_ENV
from vault.pipeline_client import PipelineClient
from vault.service.pipeline_routes import WORKER_KEYS
from vault.store import Vault

KEK = bytes(range(40, 72))
CUSTOMER = [
    ("PERSON", "Ann Lee", "C1"),
    ("EMAIL_ADDRESS", "ann.lee@example.com", "C1"),
]
NEW_PHONE = ("PHONE_NUMBER", "+32 475 12 34 56", None)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """The service over a vault holding one customer; credential files for a worker and an agent."""
    directory = tmp_path_factory.mktemp("vault-pipeline")
    with service_over_items(directory, KEK, CUSTOMER) as (running, url, tokens):
        credentials = {
            "pipeline": running.issue("pipeline", "worker 1", directory),
            "support": running.issue("support", "agent 17", directory),
        }
        yield running, url, credentials, tokens


@pytest.fixture
def worker(service, monkeypatch):
    """A client with the role's credential, in an environment without a KEK."""
    running, _url, credentials, _tokens = service
    for name in (KEK_ENV, KEK_FILE_ENV, VAULT_TOKEN_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(VAULT_URL_ENV, running.url)

    def client(role: str) -> PipelineClient:
        monkeypatch.setenv(VAULT_TOKEN_FILE_ENV, str(credentials[role]))
        return PipelineClient.from_env()

    return client


def test_a_workers_links_lineage_and_fingerprints_go_through_the_service(service, worker):
    _running, url, _credentials, (name, email) = service
    with worker("pipeline") as client:
        (phone,) = client.tokenize_batch([NEW_PHONE])
        assert client.link_found([("C1", name), (None, email)]) == set()
        # a web event carrying Ann's email and a new phone: the phone is hers, fingerprinted in the service
        assert client.link_to_sole_owner({email: {phone}}, {phone: NEW_PHONE[:2]}) == 1
        assert client.record_lineage("web", "part-0.parquet", [name, email, phone], replace=True) == 3
        remote = client.fingerprint_index()
        holders = client.fingerprint_holders(remote.fingerprints.tolist())
        generation = client.fingerprint_generation()
    with Vault.open(url, kek=KEK) as vault:  # what the embedded vault says now
        subject = vault.subject_id("C1")
        assert vault.token_holders([subject]) == {t: {subject} for t in (name, email, phone)}
        assert vault.partitions_holding([phone]) == [("web", "part-0.parquet")]
        local = vault.fingerprint_index()
        assert holders == vault.fingerprint_holders(local.fingerprints.tolist())
        assert generation == vault.fingerprint_generation()
    for field in ("fingerprints", "info", "starts", "longest"):
        assert np.array_equal(getattr(remote, field), getattr(local, field)), field
    assert {h.token for found in holders.values() for h in found} == {name, email, phone}


def test_a_files_lineage_goes_to_the_service_as_a_stream_of_lines(service, worker, tmp_path):
    """A file's lineage is streamed from the assembly's token files and spooled by the service: never one
    list or one capped JSON body, so a file's millions of tokens get through. Here 50,000 (the client's
    chunk is 10,000), read from a file as `FileTokens` reads them, re-read by the vault in its batches."""
    _running, url, _credentials, (name, email) = service
    tokens = tmp_path / "lineage.tokens"
    digits = str.maketrans("0123456789", "abcdefghij")  # token bodies are base32
    extra = [f"[pv:name:{n:020d}]".translate(digits) for n in range(50_000)]
    tokens.write_text("".join(f"{t}\n" for t in sorted([name, email, *extra])))

    class Lines:  # read again from the start at each iteration, as the assembly's merged token files
        def __iter__(self):
            with tokens.open() as handle:
                yield from (line.rstrip("\n") for line in handle)

    with worker("pipeline") as client:
        assert client.record_lineage("web", "part-big.parquet", Lines(), replace=True) == 50_002
        assert client.record_lineage("web", "part-big.parquet", [name], replace=True) == 1  # replaced
        assert client.record_lineage("web", "part-big.parquet", Lines()) == 50_002
    with Vault.open(url, kek=KEK) as vault:
        assert ("web", "part-big.parquet") in vault.partitions_holding([extra[-1], email])


def test_a_malformed_lineage_line_is_refused_by_its_number_never_its_content(service, worker):
    _running, _url, _credentials, (name, _email) = service
    with worker("pipeline") as client, pytest.raises(ServiceUnavailableError) as refused:
        client.record_lineage("web", "part-bad.parquet", [name, "x" * 5000])
    assert "line 3 is longer than a token can be" in str(refused.value)
    assert "xxxx" not in str(refused.value)


def test_a_worker_gets_tokens_subject_ids_and_the_derived_keys_it_hashes_with_never_another_key(
    service, worker
):
    _running, url, _credentials, (_name, email) = service
    with worker("pipeline") as client:
        assert client.deriver.derive_normalised("EMAIL_ADDRESS", "ann.lee@example.com").token == email
        subject = client.subject_id("C1")
        keys = {label: client.derived_key(label) for label in WORKER_KEYS}
        hashed = client.fingerprinter.word("ann")
        with pytest.raises(ServiceUnavailableError, match="answered 404 .*: no such worker key"):
            client.derived_key("vault service credentials")  # the credentials' key stays in the service
    with Vault.open(url, kek=KEK) as vault:
        assert subject == vault.subject_id("C1")
        assert keys == {label: vault.derived_key(label) for label in WORKER_KEYS}
        assert hashed == vault.fingerprinter.word("ann")


def test_only_a_role_that_may_tokenize_makes_a_workers_calls(service, worker):
    _running, _url, _credentials, (name, _email) = service
    with worker("support") as client:
        for call in (
            lambda: client.link_found([("C1", name)]),
            lambda: client.record_lineage("web", "part-9.parquet", [name]),
            client.fingerprint_index,
            lambda: client.derived_key("flows.quarantine"),
            lambda: client.subject_id("C1"),
        ):
            with pytest.raises(ServiceForbiddenError, match="role 'support' may not tokenize"):
                call()
