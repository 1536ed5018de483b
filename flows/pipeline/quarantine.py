"""Quarantine for records the readers could not read: kept encrypted, so nothing is lost and nothing leaks.

One quarantine file per input file that had bad records, JSON lines of
`{"dataset", "file", "position", "reason", "sealed", "index"}`: the position and reason are not personal;
the raw record is sealed with AES-GCM (nonce + ciphertext, base64) under a key from the vault's key
hierarchy, with the dataset, file and position as associated data so a sealed record cannot be moved to
another place. `index` is the record's keyed index (`flows.pipeline.quarantine_index`: keyed hashes of its
words, digits and customer ids, base64), so an erasure opens only the records that can hold its subject.
It covers the record as its raw file holds it: a line the readers kept only in part (its first 16 MiB) is
indexed whole, read again from the raw file a few MiB at a time, since erasure must find the subject in
all of it. Null for a record too big to index, or kept in part where it is not one line (a CSV record,
an unreadable Parquet file); absent in entries written before the index existed: all always examined.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from flows.pipeline import readers
from flows.pipeline.atomic import atomic_path
from flows.pipeline.quarantine_index import SALT_BYTES, IndexKey, encode_index, last_cut, merge_indexes
from flows.pipeline.storage import Location

if TYPE_CHECKING:
    from vault.store import Vault

Sealer = Callable[[bytes, bytes], bytes]  # (plaintext, associated data) -> sealed bytes
NONCE_BYTES = 12
LINE_PIECE_BYTES = 4 << 20  # a long raw line is read again for its index in pieces of this size


def aesgcm_sealer(key: bytes) -> Sealer:
    """Seal with AES-GCM under `key` (16/24/32 bytes); the random nonce is prefixed to the ciphertext."""
    cipher = AESGCM(key)

    def seal(plaintext: bytes, associated: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + cipher.encrypt(nonce, plaintext, associated)

    return seal


def quarantine_key(vault: Vault) -> bytes:
    """The quarantine's AES-256 key, derived from the vault's master secret (so it survives KEK rotation):
    opening a quarantined record needs the vault's keys."""
    return vault.derived_key("flows.quarantine")  # the label predates the package split: keep it


def quarantine_sealer(vault: Vault) -> Sealer:
    """Seal quarantined records under the quarantine key."""
    return aesgcm_sealer(quarantine_key(vault))


def aesgcm_opener(key: bytes) -> Callable[[bytes, bytes], bytes]:
    """The inverse of `aesgcm_sealer`, for a privacy officer who must inspect a quarantined record."""
    cipher = AESGCM(key)
    return lambda sealed, associated: cipher.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], associated)


def associated_data(dataset: str, file: str, position: int) -> bytes:
    return f"piivault-quarantine|{dataset}|{file}|{position}".encode()


@dataclass
class QuarantineFile:
    """Collects the bad records of one input file and writes them, sealed and indexed, in one atomic step.

    `index`: the vault's index key (no index without it); `lines_of`: the raw file when each of its records
    is one line, so a line kept only in part can be indexed whole."""

    path: Location  # local, or on object storage (one upload on close)
    dataset: str
    file: str
    seal: Sealer
    index: IndexKey | None = None
    lines_of: Location | None = None
    entries: list[dict] = field(default_factory=list)
    kept_in_part: dict[int, bytes] = field(default_factory=dict)  # line -> index of the kept part's end

    def add(self, record: readers.BadRecord) -> None:
        sealed = self.seal(record.raw, associated_data(self.dataset, self.file, record.position))
        entry = {
            "dataset": self.dataset,
            "file": self.file,
            "position": record.position,
            "reason": record.reason,
            "sealed": base64.b64encode(sealed).decode("ascii"),
        }
        if self.index is not None and len(record.raw) >= readers.QUARANTINE_KEEP_BYTES:
            # kept in part: indexed over its whole line on `close`, and over the kept part's cut last words
            entry["index"] = None
            self.kept_in_part[record.position] = self.index.record_index(record.raw[last_cut(record.raw) :])
        elif self.index is not None:
            entry["index"] = self.index.encoded_index(record.raw)
        self.entries.append(entry)

    def _index_whole_lines(self) -> None:
        """Index the records kept only in part over their whole line in the raw file (and the kept part)."""
        if self.lines_of is None or self.index is None:
            return  # not one line each: they stay without an index, always examined
        entries = {entry["position"]: entry for entry in self.entries}
        for number, pieces in raw_lines(self.lines_of, set(self.kept_in_part)):
            kept = self.kept_in_part[number]
            whole = self.index.streamed_index([pieces], salt=kept[:SALT_BYTES])
            entries[number]["index"] = encode_index(merge_indexes(whole, kept))

    def close(self) -> Location | None:
        """Write the file when there is anything to keep (and remove a stale one when there is not)."""
        if not self.entries:
            self.path.unlink(missing_ok=True)
            return None
        if self.kept_in_part:
            self._index_whole_lines()
        with atomic_path(self.path) as temporary:
            with temporary.open("w", encoding="utf-8") as handle:
                for entry in self.entries:
                    handle.write(json.dumps(entry, sort_keys=True) + "\n")
        return self.path


def raw_lines(path: Location, wanted: set[int]) -> Iterator[tuple[int, Iterator[bytes]]]:
    """(line number, its bytes in pieces) of the wanted lines of a raw file, read in bounded pieces."""
    if not wanted:
        return
    with path.open("rb") as handle:
        for number in range(1, max(wanted) + 1):
            first = handle.readline(LINE_PIECE_BYTES)
            if not first:
                return
            line = _pieces(handle, first)
            if number in wanted:
                yield number, line
            for _rest in line:  # whatever the reader left of the line
                pass


def _pieces(handle, first: bytes) -> Iterator[bytes]:
    piece = first
    while True:
        yield piece
        if piece.endswith(b"\n"):
            return
        piece = handle.readline(LINE_PIECE_BYTES)
        if not piece:
            return


def read_quarantine(path: Location) -> list[dict]:
    """The entries of a quarantine file (still sealed)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
