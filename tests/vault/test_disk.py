"""On disk: no plaintext in the files, and a copy taken before a shred is useless after it."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, text

from vault.errors import VaultError
from vault.schema import data_keys, tokens
from vault.store import Vault

from .conftest import TEST_KEK

C1, C2 = "CUST-QZ-000001", "CUST-QZ-000002"
OFFICER = {"role": "privacy_officer", "purpose": "erasure request", "actor": "test"}


def _people(n: int) -> list[tuple[str, str, str]]:
    items = []
    for i in range(n):
        customer = f"CUST-QZ-{i:06d}"  # long enough never to turn up by chance in random bytes
        items += [
            ("PERSON", f"Zebulon Quartermaine{i}", customer),
            ("EMAIL_ADDRESS", f"zebulon.q{i}@example.com", customer),
            ("PHONE_NUMBER", f"+32 2 555 {i // 100:02d} {i % 100:02d}", customer),
            ("CREDIT_CARD", f"4000 0012 3456 {i:04d}", customer),
            ("ADDRESS", f"{i} Rue Imaginaire, 1000 Bruxelles", customer),
        ]
    return items


def _disk_bytes(directory: Path) -> bytes:
    """Every byte of every file of the vault: databases, WALs, shared memory, key store."""
    return b"".join(
        p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file() and not p.name.endswith(".kek")
    )


def test_database_files_and_wal_hold_no_plaintext(tmp_path):
    items = _people(200)
    vault = Vault.open(f"sqlite:///{tmp_path}/vault.db", kek=TEST_KEK)
    vault.tokenize_batch(items)
    # Read while the vault is open, so the WAL files still hold the recent writes.
    assert any(p.name.endswith("-wal") and p.stat().st_size > 0 for p in tmp_path.iterdir())
    raw = _disk_bytes(tmp_path)
    vault.close()
    raw += _disk_bytes(tmp_path)
    assert len(raw) > 100_000
    for _type, value, customer in items:
        for form in {value, value.lower(), value.replace(" ", "")}:
            assert form.encode() not in raw, "a seeded value is readable in the vault files"
        assert customer.encode() not in raw  # subject keys are stored as keyed hashes only
    assert b"Quartermaine" not in raw and b"quartermaine" not in raw


def test_copy_taken_before_a_shred_cannot_give_the_values_back(tmp_path):
    live = tmp_path / "live"
    url = f"sqlite:///{live}/vault.db"
    items = _people(5)
    with Vault.open(url, kek=TEST_KEK) as vault:
        toks = vault.tokenize_batch(items)
    c1_tokens = [t for t, (_e, _v, c) in zip(toks, items, strict=True) if c == C1]
    c2_tokens = [t for t, (_e, _v, c) in zip(toks, items, strict=True) if c == C2]
    backup = tmp_path / "backup"
    backup.mkdir()
    shutil.copy(live / "vault.db", backup / "vault.db")  # a real file copy of the vault database
    shutil.copy(live / "vault.db.keys", backup / "old.keys")  # and, for the control below, of the key store

    with Vault.open(url, kek=TEST_KEK) as vault:
        with vault.keystore_engine.connect() as conn:
            wrapped = [
                bytes(w)
                for w in conn.execute(
                    select(data_keys.c.wrapped_key).where(data_keys.c.token.in_(c1_tokens))
                ).scalars()
            ]
        with vault.engine.connect() as conn:
            ciphertexts = [
                bytes(c)
                for c in conn.execute(
                    select(tokens.c.ciphertext).where(tokens.c.token.in_(c1_tokens))
                ).scalars()
            ]
        assert len(wrapped) == len(ciphertexts) == 5
        assert vault.shred_subject(vault.subject_id(C1)).tokens_shredded == 5

    # The old copy of the database, with the current keys (key store and KEK), gives nothing back for C1...
    with Vault.open(
        f"sqlite:///{backup}/vault.db", kek=TEST_KEK, keystore_url=f"sqlite:///{live}/vault.db.keys"
    ) as old:
        with old.engine.connect() as conn:  # the ciphertexts are still in the copy
            assert conn.execute(select(tokens.c.token).where(tokens.c.token.in_(c1_tokens))).scalars().all()
        shredded = old.detokenize(c1_tokens, **OFFICER)
        assert {r.outcome for r in shredded} == {"erased"} and all(r.value is None for r in shredded)
        # ...while other subjects' values in the same copy still open: the copy itself is intact.
        assert all(r.outcome == "allowed" for r in old.detokenize(c2_tokens, **OFFICER))

    # The shredded keys and ciphertexts are gone from the live files and their WALs, not just unlinked.
    live_bytes = _disk_bytes(live)
    assert not any(w in live_bytes for w in wrapped)
    assert not any(c in live_bytes for c in ciphertexts)

    # Control: it is the key store that makes the difference; an old copy of *it* would still open C1.
    with Vault.open(
        f"sqlite:///{backup}/vault.db", kek=TEST_KEK, keystore_url=f"sqlite:///{backup}/old.keys"
    ) as both_old:
        assert all(r.outcome == "allowed" for r in both_old.detokenize(c1_tokens, **OFFICER))


def test_vault_files_are_private_and_a_lost_key_store_is_refused(tmp_path):
    with Vault.open(f"sqlite:///{tmp_path}/vault.db", kek=TEST_KEK) as vault:
        vault.tokenize_batch(_people(1))
    for name in ("vault.db", "vault.db.keys"):
        assert (tmp_path / name).stat().st_mode & 0o077 == 0
    for leftover in tmp_path.glob("vault.db.keys*"):
        leftover.unlink()
    with pytest.raises(VaultError, match="key store .* is empty but the vault holds tokens"):
        Vault.open(f"sqlite:///{tmp_path}/vault.db", kek=TEST_KEK)


def test_postgresql_backup_taken_before_a_shred_cannot_give_the_values_back(postgres_schemas):
    """PostgreSQL with the key store in its own database/schema: a copy of the vault tables made before the
    shred (here, into another schema) gives nothing back for the erased subject with the current keys."""
    vault_url, keystore_url, backup_url = postgres_schemas(), postgres_schemas(), postgres_schemas()
    items = _people(3)
    with Vault.open(vault_url, kek=TEST_KEK, keystore_url=keystore_url) as vault:
        toks = vault.tokenize_batch(items)
        Vault.open(backup_url, kek=TEST_KEK, keystore_url=keystore_url).close()  # same tables, empty
        source, backup = (u.split("search_path%3D")[1] for u in (vault_url, backup_url))
        with vault.engine.begin() as conn:
            for table in ("tokens", "subjects", "links"):
                conn.execute(text(f'INSERT INTO "{backup}".{table} SELECT * FROM "{source}".{table}'))
        vault.shred_subject(vault.subject_id(C1))
    c1 = [t for t, (_e, _v, c) in zip(toks, items, strict=True) if c == C1]
    c2 = [t for t, (_e, _v, c) in zip(toks, items, strict=True) if c == C2]
    with Vault.open(backup_url, kek=TEST_KEK, keystore_url=keystore_url) as old:
        assert {r.outcome for r in old.detokenize(c1, **OFFICER)} == {"erased"}
        assert {r.outcome for r in old.detokenize(c2, **OFFICER)} == {"allowed"}
