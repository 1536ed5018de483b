"""The CPU work of a tokenize transaction is done before it opens (`vault.write_prep`), and is only a guess
the transaction checks: a data key another writer stored first wins over the prepared one (the value is
sealed again under it), and values nothing was prepared for are keyed and sealed inside."""

import os
from types import SimpleNamespace

from sqlalchemy import select

from values.normalise import normalise
from vault import keystore
from vault.keys import open_sealed
from vault.schema import data_keys, links
from vault.store import Vault
from vault.write_prep import prepare

VALUE = ("EMAIL_ADDRESS", "left.over@example.com", "CUST-000001")


def _token(vault: Vault, entity_type: str, value: str) -> str:
    return vault.deriver.derive_normalised(entity_type, normalise(entity_type, value)).token


def test_a_data_key_left_by_another_writer_is_the_one_the_value_is_sealed_under(vault):
    """A writer that died between the key store's commit and the vault's left a data key and no token:
    the next writer's own prepared key loses to it, and the value it stores opens with the stored key."""
    entity_type, value, key = VALUE
    token = _token(vault, entity_type, value)
    left = os.urandom(32)
    with vault.rotation_lock() as (kconn, wrapper):
        kconn.execute(
            data_keys.insert().values(
                token=token, wrapped_key=wrapper.wrap(left, token), kek_id=wrapper.kek.key_id
            )
        )
    assert vault.tokenize_batch([VALUE]) == [token]
    with vault.transaction() as (_conn, kconn):
        assert vault.open_data_keys(kconn, [token]) == {token: left}
    found = vault.detokenize([token], role="privacy_officer", purpose="access request", actor="test")
    assert [r.value for r in found] == [value]
    with vault.engine.connect() as conn:
        assert conn.execute(select(links.c.subject_id, links.c.token)).all() == [
            (vault.subject_id(key), token)
        ]


def test_values_not_prepared_are_keyed_and_sealed_in_the_transaction(vault):
    """Values the pre-read saw stored (nothing prepared for them) that the transaction finds new: their
    keys are made inside beside the prepared ones, and a value whose key is not the prepared one is sealed
    under the key it gets."""
    items = [("EMAIL_ADDRESS", f"p{n}@example.com", None) for n in range(3)]
    pending = {
        _token(vault, t, v): SimpleNamespace(entity_type=t, value=v, normalised=None) for t, v, _h in items
    }
    tokens = sorted(pending)
    with vault.rotation_lock() as (_kconn, wrapper):
        pass
    wanted = [(n, token, None) for n, token in enumerate(tokens)]
    prepared = prepare(pending, wanted, set(tokens[1:]), vault.deriver, wrapper, vault.fingerprinter)
    assert set(prepared.sealed) == set(prepared.keys.keys) == {tokens[0]}
    with vault.rotation_lock() as (kconn, current):
        keys = keystore.ensure_data_keys(kconn, current, tokens, prepared.keys)
    assert set(keys) == set(tokens)
    assert keys[tokens[0]] == prepared.keys.keys[tokens[0]]
    with vault.transaction() as (_conn, kconn):
        assert vault.open_data_keys(kconn, tokens) == keys
    for token in tokens:
        sealed = prepared.ciphertext(token, keys[token], pending[token].value)
        assert open_sealed(keys[token], sealed, token.encode()) == pending[token].value.encode()
    assert prepared.ciphertext(tokens[0], keys[tokens[0]], "unused") == prepared.sealed[tokens[0]]
