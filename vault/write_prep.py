"""The CPU work of a tokenize transaction, done before the transaction opens.

Writers that meet the same value wait for each other: the second one's insert of that value's data key
or token waits until the first one commits, and that wait is what leaves one token and one data key per
value. Whatever the first one computes between taking those row locks and committing, the second one
waits for, so writers meeting the same values took turns. Everything that needs no row is therefore done
first, outside any transaction: the subjects' ids, a fresh data key per value not yet in the vault,
wrapped under the KEK, the value sealed under it, and the fingerprints of the links those values make.
The transaction (`Vault._store_batch`) still reads and decides everything: it uses what was prepared
where it still holds and redoes the rest inside, for those values only (a key another writer stored
first, a KEK rotated since, a value that was in the vault when prepared and is gone now).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vault import fingerprints, keystore
from vault.keys import KeyWrapper, seal

if TYPE_CHECKING:
    from vault.tokens import TokenDeriver


@dataclass
class PreparedSlice:
    """What one transaction of a batch can use, made before it opens."""

    subject_of: dict[str, str]  # subject hint -> subject id, for every hint of the slice
    keys: keystore.FreshKeys
    sealed: dict[str, bytes] = field(repr=False)  # token -> value sealed under keys.keys[token]
    fingerprints: fingerprints.Prepared = field(repr=False)

    def ciphertext(self, token: str, data_key: bytes, value: str) -> bytes:
        """The value sealed under `data_key`: the prepared one when that is the key it was sealed under
        (this writer's own new key), else sealed now (another writer's key won, or none was prepared)."""
        if self.keys.keys.get(token) == data_key:
            return self.sealed[token]
        return seal(data_key, value.encode(), token.encode())


def prepare(
    pending: dict,
    wanted: list[tuple[int, str, str | None]],
    stored: Collection[str],
    deriver: TokenDeriver,
    wrapper: KeyWrapper,
    fingerprinter: fingerprints.Fingerprinter,
) -> PreparedSlice:
    """Prepare a slice: `pending` (token -> entry with entity_type, value, normalised), `wanted` (index,
    token, subject hint), `stored`: the tokens the vault held when looked up just before (read outside
    the transaction, so only a guess of which values are new)."""
    subject_of = {hint: deriver.subject_hash(hint) for _i, _t, hint in wanted if hint is not None}
    new = [token for token in pending if token not in stored]
    keys = keystore.fresh_keys(wrapper, new)
    sealed = {token: seal(keys.keys[token], pending[token].value.encode(), token.encode()) for token in new}
    fresh = set(new)
    linked = {
        (subject_of[hint], token)
        for _i, token, hint in wanted
        if hint is not None and token in fresh  # a new value has no fingerprint yet; stored ones may
    }
    prepared = fingerprints.prepare(
        fingerprinter,
        [(s, t, pending[t].entity_type, pending[t].value, pending[t].normalised) for s, t in sorted(linked)],
        {subject_id: hint for hint, subject_id in subject_of.items()},
    )
    return PreparedSlice(subject_of, keys, sealed, prepared)
