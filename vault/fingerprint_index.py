"""The vault's fingerprints in memory: sorted numpy arrays a scanner probes for millions of words at once.

`load_index` reads `fingerprint_keys` (one compact row per fingerprint) in key order, so the arrays come
out sorted without a sort, in batches, so the load never holds more than the arrays and one batch:
- `fingerprints` (int64, sorted) with `info` (uint8: kind code | SHARED | ERASED) per fingerprint;
- `starts` (int64, sorted unique): the hashes of the first words of word-sequence forms (names, addresses,
  subject keys), with `longest` (uint8): the most words a form starting with that word has, so a scanner
  builds n-grams only where a fingerprint can start, and no longer than it can be.
About 9 bytes per fingerprint (a dozen per subject) and 9 per distinct first word: ~110 MB for a
million subjects. Everything in it is a keyed hash or a small code: no value, no subject.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import Connection

from vault.engine import SQLITE_CACHE_KIB
from vault.fingerprint_forms import ERASED, KIND_MASK, SHARED, WORD_KINDS
from vault.schema import fingerprint_keys

if TYPE_CHECKING:
    from vault.store import Vault

LOAD_BATCH = 100_000
SCAN_CACHE_KIB = 2048  # SQLite page cache while the index is read: a sequential scan reuses no page
_INFO_BITS = 5  # kind (3 bits), SHARED, ERASED; the word count is packed above them while loading


@dataclass
class FingerprintIndex:
    """Sorted fingerprints with their info bytes, and the first-word prefilter (see the module)."""

    fingerprints: np.ndarray
    info: np.ndarray
    starts: np.ndarray
    longest: np.ndarray

    @classmethod
    def from_arrays(cls, fps, info, first, count) -> FingerprintIndex:
        """From parallel arrays (fingerprint, info, first-word hash, word count), in any order; a
        fingerprint given twice keeps its live entry (a new customer holding an erased person's name)."""
        order = np.lexsort((info & ERASED, fps))
        fps, info, first, count = fps[order], info[order], first[order], count[order]
        keep = np.ones(len(fps), dtype=bool)
        keep[1:] = fps[1:] != fps[:-1]
        starts, longest = _starts(first, count, info)
        return cls(fps[keep], info[keep].astype(np.uint8), starts, longest)

    @property
    def nbytes(self) -> int:
        return self.fingerprints.nbytes + self.info.nbytes + self.starts.nbytes + self.longest.nbytes

    def __len__(self) -> int:
        return len(self.fingerprints)

    def lookup(self, hashes: np.ndarray) -> np.ndarray:
        """The info byte of each hash (0 when it is no fingerprint)."""
        return _probe(self.fingerprints, self.info, hashes)

    def start_lengths(self, hashes: np.ndarray) -> np.ndarray:
        """For word hashes: the most words a fingerprint starting with that word has (0: none starts so)."""
        return _probe(self.starts, self.longest, hashes)


def _starts(first: np.ndarray, count: np.ndarray, info: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique first-word hashes of word-sequence forms and the most words of a form starting there."""
    words = np.isin(info & KIND_MASK, list(WORD_KINDS))
    starts, inverse = np.unique(first[words], return_inverse=True)
    longest = np.zeros(len(starts), dtype=np.uint8)
    np.maximum.at(longest, inverse, np.minimum(count[words], 255).astype(np.uint8))
    return starts, longest


def _probe(keys: np.ndarray, values: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    if len(keys) == 0 or len(hashes) == 0:
        return np.zeros(len(hashes), dtype=values.dtype)
    where = np.searchsorted(keys, hashes)
    where[where == len(keys)] = 0
    return np.where(keys[where] == hashes, values[where], 0).astype(values.dtype)


def load_index(vault: Vault) -> FingerprintIndex:
    """Every fingerprint of the vault (live and erased) as a `FingerprintIndex`, read in key order into
    arrays sized by a count first, through a cursor that streams (a server-side one on PostgreSQL, a
    small page cache on SQLite), so the load holds little beyond the index itself."""
    statement = (
        f"SELECT fingerprint, first_word, words * {1 << _INFO_BITS} + kind + shared * {SHARED} "
        f"+ CASE WHEN erased_at IS NULL THEN 0 ELSE {ERASED} END "
        f"FROM {fingerprint_keys.name} ORDER BY fingerprint"
    )
    with vault.engine.connect() as conn:
        with _streaming(conn) as (count, cursor):
            total = count.execute(f"SELECT COUNT(*) FROM {fingerprint_keys.name}").fetchone()[0]
            fps, info = np.empty(total, np.int64), np.empty(total, np.uint8)
            starts_parts, longest_parts, filled = [], [], 0
            cursor.execute(statement)
            while batch := cursor.fetchmany(LOAD_BATCH):
                n = len(batch)
                if filled + n > len(fps):  # written since the count
                    fps, info = np.resize(fps, filled + n), np.resize(info, filled + n)
                fps[filled : filled + n] = np.fromiter((r[0] for r in batch), np.int64, n)
                first = np.fromiter((r[1] for r in batch), np.int64, n)
                packed = np.fromiter((r[2] for r in batch), np.int64, n)
                info[filled : filled + n] = packed & ((1 << _INFO_BITS) - 1)
                # per batch, so the load holds each first word once per batch, not once per fingerprint
                starts, longest = _starts(first, packed >> _INFO_BITS, info[filled : filled + n])
                starts_parts.append(starts)
                longest_parts.append(longest)
                filled += n
    if not starts_parts:
        starts_parts, longest_parts = [np.zeros(0, np.int64)], [np.zeros(0, np.uint8)]
    starts, inverse = np.unique(np.concatenate(starts_parts), return_inverse=True)
    longest = np.zeros(len(starts), dtype=np.uint8)
    np.maximum.at(longest, inverse, np.concatenate(longest_parts))
    return FingerprintIndex(fps[:filled], info[:filled], starts, longest)


@contextmanager
def _streaming(conn: Connection):
    """(a cursor for the count, a cursor for the rows) that do not hold the whole result: server-side on
    PostgreSQL; on SQLite (which streams anyway) with a small page cache while they read, so a full scan
    does not fill the big one."""
    dbapi = conn.connection
    if conn.dialect.name == "postgresql":
        count, cursor = dbapi.cursor(), dbapi.cursor(name="piivault_fingerprint_index")
        try:
            yield count, cursor
        finally:
            cursor.close()
            count.close()
        return
    cursor = dbapi.cursor()
    try:
        cursor.execute(f"PRAGMA cache_size=-{SCAN_CACHE_KIB}")
        yield cursor, cursor
    finally:
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.close()
