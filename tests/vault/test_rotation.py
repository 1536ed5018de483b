"""KEK rotation beside processes that keep a vault open (issue 11), in one process, step by step.

A vault opened before a rotation must not wrap a data key under the KEK the rotation discards, nor fail to
read: it reloads the KEK (the file, or the pending file of a rotation in progress) and retries. A KEK that
cannot be reloaded (from `PIIVAULT_KEK`) fails with a message saying so, and strands nothing. Keys stranded
before the vault recorded each key's KEK are reported as such, and no longer stop every later rotation.
The same scenarios with real concurrent processes are in `tests/faults/`.
"""

import base64

import pytest
from sqlalchemy import func, select, text, update

from flows.cli import main as piivault
from vault.errors import KekMismatchError, KekRotatedError, KeyStrandedError
from vault.keys import (
    KEK_ENV,
    KEK_FILE_ENV,
    KeyWrapper,
    decode_kek,
    pending_kek_path,
    read_kek_file,
    write_kek_file,
)
from vault.rotation import rotate_kek_file, rotate_to_new_file
from vault.schema import data_keys, keystore_version
from vault.store import Vault

from .conftest import OTHER_KEK, TEST_KEK

OFFICER = {"role": "privacy_officer", "purpose": "access request", "actor": "test"}
BEFORE = [("PERSON", "Ann Lee", "C1"), ("EMAIL_ADDRESS", "ann@example.com", "C1")]
AFTER = [("PERSON", "Bob Stone", "C2"), ("EMAIL_ADDRESS", "bob@example.com", "C2")]


@pytest.fixture
def kek_file(tmp_path, monkeypatch):
    path = tmp_path / "keys" / "vault.kek"
    write_kek_file(path, TEST_KEK)
    monkeypatch.delenv(KEK_ENV, raising=False)
    monkeypatch.setenv(KEK_FILE_ENV, str(path))
    return path


def values(vault: Vault, token_list: list[str]) -> list[str | None]:
    return [r.value for r in vault.detokenize(token_list, **OFFICER)]


def key_ids(vault: Vault) -> dict[str, str | None]:
    with vault.keystore_engine.connect() as conn:
        return dict(conn.execute(select(data_keys.c.token, data_keys.c.kek_id)).all())


def test_a_writer_opened_before_a_rotation_wraps_under_the_new_kek(vault_url, kek_file):
    with Vault.open(vault_url) as writer:
        before = writer.tokenize_batch(BEFORE)
        with Vault.open(vault_url) as rotator:
            rotate_kek_file(rotator, kek_file)
        after = writer.tokenize_batch(AFTER)  # loaded the old KEK at open
        assert writer.kek.key_id == read_kek_file(kek_file).key_id
    with Vault.open(vault_url) as fresh:
        assert values(fresh, before + after) == ["Ann Lee", "ann@example.com", "Bob Stone", "bob@example.com"]
        assert set(key_ids(fresh).values()) == {fresh.kek.key_id}
        rotate_kek_file(fresh, kek_file)  # and the next rotation finds every key under the KEK it replaces
        assert values(fresh, before + after)[2] == "Bob Stone"


def test_a_reader_opened_before_a_rotation_reads_after_it(vault_url, kek_file):
    with Vault.open(vault_url) as reader:
        tokens = reader.tokenize_batch(BEFORE)
        with Vault.open(vault_url) as rotator:
            rotate_kek_file(rotator, kek_file)
        assert values(reader, tokens) == ["Ann Lee", "ann@example.com"]


def test_between_the_rewrap_and_the_file_replacement_the_pending_kek_is_used(vault_url, kek_file):
    with Vault.open(vault_url) as reader:
        tokens = reader.tokenize_batch(BEFORE)
        write_kek_file(pending_kek_path(kek_file), OTHER_KEK)
        with Vault.open(vault_url) as rotator:  # the re-wrap commits; the KEK file is not replaced yet
            rotator.rotate_kek(read_kek_file(pending_kek_path(kek_file)))
        assert values(reader, tokens) == ["Ann Lee", "ann@example.com"]
        more = reader.tokenize_batch(AFTER)
    with Vault.open(vault_url) as fresh:
        assert fresh.kek.key == OTHER_KEK
        assert values(fresh, tokens + more)[2:] == ["Bob Stone", "bob@example.com"]
        assert set(key_ids(fresh).values()) == {fresh.kek.key_id}


def test_a_kek_that_cannot_be_reloaded_fails_clearly_and_strands_nothing(vault_url, tmp_path, monkeypatch):
    monkeypatch.delenv(KEK_FILE_ENV, raising=False)
    monkeypatch.setenv(KEK_ENV, base64.b64encode(TEST_KEK).decode())
    with Vault.open(vault_url) as stale:
        tokens = stale.tokenize_batch(BEFORE)
        with Vault.open(vault_url) as rotator:
            rotate_to_new_file(rotator, tmp_path / "new.kek")
        for attempt in (lambda: stale.tokenize_batch(AFTER), lambda: values(stale, tokens)):
            with pytest.raises(KekRotatedError, match="rotated") as raised:
                attempt()
            message = str(raised.value)
            assert KEK_ENV in message and "restart" in message
            assert base64.b64encode(TEST_KEK).decode() not in message
    monkeypatch.setenv(KEK_ENV, (tmp_path / "new.kek").read_text().strip())
    with Vault.open(vault_url) as fresh:
        assert len(key_ids(fresh)) == 2  # the refused batch wrapped nothing
        assert set(key_ids(fresh).values()) == {fresh.kek.key_id}
        assert values(fresh, tokens) == ["Ann Lee", "ann@example.com"]


def test_a_wrong_kek_file_is_still_called_wrong(vault_url, kek_file, monkeypatch):
    with Vault.open(vault_url) as vault:
        vault.tokenize_batch(BEFORE)
    wrong = kek_file.with_name("other.kek")
    write_kek_file(wrong, OTHER_KEK)
    monkeypatch.setenv(KEK_FILE_ENV, str(wrong))
    with pytest.raises(KekMismatchError, match="configure the right KEK") as raised:
        Vault.open(vault_url)
    assert str(wrong) in str(raised.value) and base64.b64encode(OTHER_KEK).decode() not in str(raised.value)


def _strand(vault: Vault, token: str, kek_id: str | None) -> None:
    """Wrap the token's data key under a KEK the vault does not have, as the unfixed rotation race did."""
    lost = KeyWrapper(decode_kek(base64.b64encode(OTHER_KEK).decode(), "a lost KEK"))
    with vault.keystore_engine.begin() as conn:
        conn.execute(
            update(data_keys)
            .where(data_keys.c.token == token)
            .values(wrapped_key=lost.wrap(b"k" * 32, token), kek_id=kek_id)
        )


@pytest.mark.parametrize("recorded", [None, "0123456789abcdef"], ids=["unrecorded", "recorded"])
def test_a_stranded_key_is_named_and_no_longer_stops_rotation(vault_url, kek_file, recorded, capsys):
    with Vault.open(vault_url) as vault:
        tokens = vault.tokenize_batch(BEFORE + AFTER)
        _strand(vault, tokens[0], recorded)
        with pytest.raises(KeyStrandedError, match="stranded") as raised:
            values(vault, tokens)
        assert tokens[0] in str(raised.value) and "configure the right KEK" not in str(raised.value)
        assert values(vault, tokens[1:]) == ["ann@example.com", "Bob Stone", "bob@example.com"]
        result = rotate_kek_file(vault, kek_file)
        assert result.stranded == [tokens[0]] and result.keys_rewrapped == 4  # three data keys, the master
        assert values(vault, tokens[1:]) == ["ann@example.com", "Bob Stone", "bob@example.com"]
        assert rotate_kek_file(vault, kek_file).stranded == [tokens[0]]  # reported again, never re-wrapped
    capsys.readouterr()
    assert piivault(["keys", "rotate", "--vault", vault_url]) == 0
    err = capsys.readouterr().err
    assert "warning: 1 data key(s) stranded" in err and tokens[0] in err


def test_a_key_store_of_version_1_records_each_keys_kek_at_the_next_rotation(vault_url, kek_file):
    with Vault.open(vault_url) as vault:
        tokens = vault.tokenize_batch(BEFORE)
        with vault.keystore_engine.begin() as conn:  # back to the key store as version 1 left it
            conn.execute(text("ALTER TABLE data_keys DROP COLUMN kek_id"))
            conn.execute(keystore_version.delete().where(keystore_version.c.version == 2))
    with Vault.open(vault_url) as vault:
        assert set(key_ids(vault).values()) == {None}  # not recorded yet: unknown until checked
        assert values(vault, tokens) == ["Ann Lee", "ann@example.com"]
        rotate_kek_file(vault, kek_file)
        assert set(key_ids(vault).values()) == {vault.kek.key_id}
        with vault.keystore_engine.connect() as conn:
            assert conn.execute(select(func.max(keystore_version.c.version))).scalar_one() == 2
