"""Token derivation: a keyed HMAC-SHA256 over (entity type, normalised value).

One HMAC per value gives everything the vault needs about it without ever storing the value in clear:
- bits 0..99 of the digest, base32, are the token body (`[pv:email:<20 chars>]`, see `token_format`);
- bytes 16..31 are the value hash: stored beside the token to detect collisions (same token, different
  value) and, after erasure, kept as the tombstone that turns late data of the erased person into
  `ERASED_MARKER`. It cannot be computed from the token, so a tombstone does not say which token it was.

The HMAC keys are derived from one random master secret that lives in the key store, wrapped by the KEK,
so rotating the KEK never changes a token. Without the master secret nobody can compute or test a token
(a plain hash of a phone number would fall to a dictionary of all numbers).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from values.normalise import normalise
from values.token_format import TOKEN_BODY_LENGTH, TYPE_CODES

_TOKEN_LABEL = b"piivault token v1"
_SUBJECT_LABEL = b"piivault subject v1"
_DERIVED_LABEL = b"piivault derived keys v1"
# Lowercase RFC 4648 base32, ten bits (two characters) at a time: the stdlib encoder is pure Python on
# 3.11 and was a fifth of the derivation time.
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
_PAIRS = [a + b for a in _BASE32 for b in _BASE32]
assert TOKEN_BODY_LENGTH == 20, "the token body is the first 100 bits of the digest"


def _base32_100_bits(digest: bytes) -> str:
    """The first 100 bits of `digest` as 20 base32 characters (same as b32encode(digest)[:20].lower())."""
    n = int.from_bytes(digest[:13], "big") >> 4
    pairs = _PAIRS
    return (
        pairs[n >> 90]
        + pairs[(n >> 80) & 1023]
        + pairs[(n >> 70) & 1023]
        + pairs[(n >> 60) & 1023]
        + pairs[(n >> 50) & 1023]
        + pairs[(n >> 40) & 1023]
        + pairs[(n >> 30) & 1023]
        + pairs[(n >> 20) & 1023]
        + pairs[(n >> 10) & 1023]
        + pairs[n & 1023]
    )


@dataclass(frozen=True)
class Derived:
    """The token of one value and its value hash (collision check and tombstone)."""

    token: str
    value_hash: bytes


class TokenDeriver:
    """Derives tokens, value hashes and subject hashes from the vault's master secret."""

    def __init__(self, master_secret: bytes):
        if len(master_secret) < 32:
            raise ValueError("the master secret must be at least 32 bytes")
        self._token_key = hmac.digest(master_secret, _TOKEN_LABEL, "sha256")
        self._subject_key = hmac.digest(master_secret, _SUBJECT_LABEL, "sha256")
        self._derived_root = hmac.digest(master_secret, _DERIVED_LABEL, "sha256")
        self._prefixes = {entity: f"[pv:{code}:" for entity, code in TYPE_CODES.items()}
        self._type_bytes = {entity: code.encode() + b"\x00" for entity, code in TYPE_CODES.items()}

    def derive_normalised(self, entity_type: str, normalised: str) -> Derived:
        """Token and value hash of an already normalised value."""
        digest = hmac.digest(self._token_key, self._type_bytes[entity_type] + normalised.encode(), "sha256")
        body = _base32_100_bits(digest)
        return Derived(self._prefixes[entity_type] + body + "]", digest[16:32])

    def derive(self, entity_type: str, value: str) -> Derived:
        """Token and value hash of a raw value (normalised first)."""
        return self.derive_normalised(entity_type, normalise(entity_type, value))

    def derived_key(self, label: str) -> bytes:
        """A 32-byte key for another purpose (e.g. a quarantine), stable across KEK rotations."""
        return hmac.digest(self._derived_root, label.encode(), "sha256")

    def subject_hash(self, subject_key: str) -> str:
        """Keyed hash (hex) of a subject key such as a customer id: the subject's id inside the vault."""
        return hmac.digest(self._subject_key, subject_key.strip().encode(), "sha256").hex()[:32]
