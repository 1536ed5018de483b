"""Keys: where the KEK comes from, clear errors for a missing or wrong KEK, rotation that changes no token."""

import base64
import logging
import stat

import pytest

from flows.cli import main as piivault
from vault.errors import KekMismatchError, KekMissingError
from vault.keys import KEK_ENV, KEK_FILE_ENV, read_kek_file, write_kek_file
from vault.rotation import pending_kek_path, rotate_kek_file
from vault.store import Vault

from .conftest import OTHER_KEK, TEST_KEK

OFFICER = {"role": "privacy_officer", "purpose": "access request", "actor": "test"}
ITEMS = [("PERSON", "Ann Lee", "C1"), ("EMAIL_ADDRESS", "ann@example.com", "C1")]


@pytest.fixture(autouse=True)
def no_kek_in_environment(monkeypatch):
    monkeypatch.delenv(KEK_ENV, raising=False)
    monkeypatch.delenv(KEK_FILE_ENV, raising=False)


def test_embedded_default_creates_a_0600_key_file_beside_the_vault_and_says_so(tmp_path, caplog):
    url = f"sqlite:///{tmp_path}/vault.db"
    with caplog.at_level(logging.WARNING, logger="vault.keys"):
        with Vault.open(url) as vault:
            token = vault.tokenize_batch(ITEMS)[0]
    kek_file = tmp_path / "vault.db.kek"
    assert stat.S_IMODE(kek_file.stat().st_mode) == 0o600
    assert any("created a new KEK file" in r.getMessage() for r in caplog.records)
    key_text = kek_file.read_text().strip()
    assert key_text not in caplog.text
    with Vault.open(url) as again:  # the second run reuses the file
        assert again.tokenize_batch(ITEMS)[0] == token
        assert again.kek.key_id == read_kek_file(kek_file).key_id


def test_kek_from_file_or_environment(tmp_path, monkeypatch):
    write_kek_file(tmp_path / "k", TEST_KEK)
    monkeypatch.setenv(KEK_FILE_ENV, str(tmp_path / "k"))
    with Vault.open(f"sqlite:///{tmp_path}/vault.db") as vault:
        token = vault.tokenize_batch(ITEMS)[0]
    monkeypatch.delenv(KEK_FILE_ENV)
    monkeypatch.setenv(KEK_ENV, base64.b64encode(TEST_KEK).decode())
    with Vault.open(f"sqlite:///{tmp_path}/vault.db") as vault:
        assert vault.tokenize_batch(ITEMS)[0] == token
    assert not (tmp_path / "vault.db.kek").exists()  # a configured KEK never creates the default file


def test_missing_kek_is_a_clear_error_for_postgresql(postgres_schemas):
    with pytest.raises(KekMissingError, match="PIIVAULT_KEK"):
        Vault.open(postgres_schemas())


def test_malformed_kek_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv(KEK_ENV, "not base64!")
    with pytest.raises(KekMissingError, match="not valid base64"):
        Vault.open(f"sqlite:///{tmp_path}/vault.db")


def test_wrong_kek_is_a_clear_error_never_garbage(vault_url):
    with Vault.open(vault_url, kek=TEST_KEK) as vault:
        vault.tokenize_batch(ITEMS)
    with pytest.raises(KekMismatchError, match="wrong|KEK") as raised:
        Vault.open(vault_url, kek=OTHER_KEK)
    assert base64.b64encode(OTHER_KEK).decode() not in str(raised.value)


def test_rotation_rewraps_every_key_and_changes_no_token(vault_url, tmp_path, monkeypatch):
    kek_file = tmp_path / "kek"
    write_kek_file(kek_file, TEST_KEK)
    monkeypatch.setenv(KEK_FILE_ENV, str(kek_file))
    with Vault.open(vault_url) as vault:
        before = vault.tokenize_batch(ITEMS)
        result = rotate_kek_file(vault, kek_file)
        assert result.keys_rewrapped == 3  # two data keys and the master secret
        assert vault.tokenize_batch(ITEMS) == before
    assert read_kek_file(kek_file).key != TEST_KEK
    assert stat.S_IMODE(kek_file.stat().st_mode) == 0o600
    with pytest.raises(KekMismatchError):
        Vault.open(vault_url, kek=TEST_KEK)
    with Vault.open(vault_url) as vault:
        assert vault.tokenize_batch(ITEMS) == before
        assert [r.value for r in vault.detokenize(before, **OFFICER)] == ["Ann Lee", "ann@example.com"]


def test_interrupted_rotation_is_recovered(tmp_path, monkeypatch):
    kek_file = tmp_path / "kek"
    write_kek_file(kek_file, TEST_KEK)
    monkeypatch.setenv(KEK_FILE_ENV, str(kek_file))
    url = f"sqlite:///{tmp_path}/vault.db"
    with Vault.open(url) as vault:
        before = vault.tokenize_batch(ITEMS)
        # Stop after the re-wrap committed but before the new KEK file replaced the old one.
        write_kek_file(pending_kek_path(kek_file), OTHER_KEK)
        vault.rotate_kek(read_kek_file(pending_kek_path(kek_file)))
    with Vault.open(url) as vault:  # the old file no longer matches: the pending one is used
        assert vault.tokenize_batch(ITEMS) == before
    assert piivault(["keys", "rotate", "--vault", url]) == 0  # finishes the rotation
    assert read_kek_file(kek_file).key == OTHER_KEK and not pending_kek_path(kek_file).exists()


def test_cli_rotation_with_kek_from_environment_needs_a_new_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(KEK_ENV, base64.b64encode(TEST_KEK).decode())
    url = f"sqlite:///{tmp_path}/vault.db"
    with Vault.open(url) as vault:
        before = vault.tokenize_batch(ITEMS)
    assert piivault(["keys", "rotate", "--vault", url]) == 2
    assert "--new-kek-file" in capsys.readouterr().err
    new_file = tmp_path / "new.kek"
    assert piivault(["keys", "rotate", "--vault", url, "--new-kek-file", str(new_file)]) == 0
    assert "3 keys re-wrapped" in capsys.readouterr().out
    monkeypatch.delenv(KEK_ENV)
    monkeypatch.setenv(KEK_FILE_ENV, str(new_file))
    with Vault.open(url) as vault:
        assert vault.tokenize_batch(ITEMS) == before


def test_derived_keys_are_stable_across_rotation_and_distinct_per_label(tmp_path, monkeypatch):
    kek_file = tmp_path / "kek"
    write_kek_file(kek_file, TEST_KEK)
    monkeypatch.setenv(KEK_FILE_ENV, str(kek_file))
    url = f"sqlite:///{tmp_path}/vault.db"
    with Vault.open(url) as vault:
        quarantine = vault.derived_key("quarantine")
        assert len(quarantine) == 32 and quarantine != vault.derived_key("other")
        rotate_kek_file(vault, kek_file)
    with Vault.open(url) as vault:
        assert vault.derived_key("quarantine") == quarantine
    with Vault.open(f"sqlite:///{tmp_path}/other.db") as other:
        assert other.derived_key("quarantine") != quarantine
