"""A batch larger than a transaction's slice (`vault.store.STORE_SLICE`, set small here) gives the same
tokens, links and erased markers as the same values tokenized one slice's worth at a time."""

from sqlalchemy import func, select

from values.token_format import ERASED_MARKER
from vault import store
from vault.schema import links, tokens

PEOPLE = 40


def _items(first: int, count: int) -> list[tuple[str, str, str]]:
    found = []
    for i in range(first, first + count):
        key = f"CUST-{i:06d}"
        found += [
            ("EMAIL_ADDRESS", f"person{i}@example.com", key),
            ("PERSON", f"Given{i} Family{i}", key),
            ("PHONE_NUMBER", f"+32 2 555 {i // 3 // 100:02d} {i // 3 % 100:02d}", key),  # a household's
        ]
    return found


def test_a_batch_in_many_slices_tokenizes_links_and_erases_as_one(vault, monkeypatch):
    erased_key = "CUST-000007"
    vault.tokenize_batch([item for item in _items(0, 10) if item[2] == erased_key])
    vault.shred_subject(vault.subject_id(erased_key))
    monkeypatch.setattr(store, "STORE_SLICE", 7)
    batch = _items(0, PEOPLE) * 2  # every value twice, repeats in other slices' reach
    out = vault.tokenize_batch(batch)

    monkeypatch.setattr(store, "STORE_SLICE", 5_000)
    assert vault.tokenize_batch(batch) == out  # the same tokens again, as one transaction
    erased = [token for token, item in zip(out, batch, strict=True) if item[2] == erased_key]
    assert erased == [ERASED_MARKER] * 6
    with vault.engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(tokens)).scalar_one()
        linked = set(conn.execute(select(links.c.subject_id, links.c.token)).all())
    live = {(vault.subject_id(key), token) for (_t, _v, key), token in zip(batch, out, strict=True)}
    live = {(subject, token) for subject, token in live if token != ERASED_MARKER}
    assert {tuple(row) for row in linked} == live
    assert stored == len({token for token in out if token != ERASED_MARKER})
