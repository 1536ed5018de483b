"""Token derivation and encryption: known answers with fixed test keys, and unguessability without the key."""

import base64
import hashlib
import hmac

import pytest
from cryptography.exceptions import InvalidTag

from values.token_format import ERASED_MARKER, TOKEN_PATTERN, TYPE_CODES, is_token
from vault.keys import Kek, KeyWrapper, open_sealed, seal
from vault.tokens import TokenDeriver

MASTER = bytes(range(32))

KNOWN_TOKENS = [
    (
        "EMAIL_ADDRESS",
        "john.smith@example.com",
        "[pv:email:co5xoul2cfcucntaovcv]",
        "c02f99669f78a29243ce2bea91f06765",
    ),
    ("PHONE_NUMBER", "+3225551234", "[pv:phone:pe4kdrir7rncrok3jezy]", "f9f3a84dddb4998989eefe8b1e3e6d8e"),
    ("PERSON", "john smith", "[pv:name:lv3dvqtul7e2zzz3roe7]", "e250181ace7609b5336a0fcd1869fe97"),
    ("CREDIT_CARD", "4111111111111111", "[pv:card:bm63qvr3zpoiz4rkgzc5]", "dbd835a27b2bb95737e097ac976eb925"),
    (
        "ADDRESS",
        "1 main st, springfield",
        "[pv:addr:hftolciwuafgcams3o7j]",
        "614d399f8fee404146dea34f75ff1fcc",
    ),
]


@pytest.mark.parametrize("entity_type, normalised, token, value_hash", KNOWN_TOKENS)
def test_known_answer_token_derivation(entity_type, normalised, token, value_hash):
    derived = TokenDeriver(MASTER).derive_normalised(entity_type, normalised)
    assert derived.token == token
    assert derived.value_hash.hex() == value_hash


@pytest.mark.parametrize("entity_type, normalised, token, value_hash", KNOWN_TOKENS)
def test_known_answers_follow_the_documented_construction(entity_type, normalised, token, value_hash):
    # HMAC-SHA256 keyed by HMAC(master, label) over "<code>\0<normalised>"; body = base32 of bits 0..99.
    key = hmac.new(MASTER, b"piivault token v1", hashlib.sha256).digest()
    message = TYPE_CODES[entity_type].encode() + b"\x00" + normalised.encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    body = base64.b32encode(digest[:15]).decode().lower()[:20]
    assert token == f"[pv:{TYPE_CODES[entity_type]}:{body}]"
    assert value_hash == digest[16:32].hex()


def test_known_answer_subject_hash():
    assert TokenDeriver(MASTER).subject_hash("C-1001") == "d56fd40ed37ea7815f3ef848cef14c6c"
    assert TokenDeriver(MASTER).subject_hash(" C-1001 ") == "d56fd40ed37ea7815f3ef848cef14c6c"


def test_known_answer_value_decryption_and_key_unwrap():
    data_key = bytes(range(32, 64))
    sealed = bytes.fromhex("e50f8f201ce0140f199a71dc5934514b4f98e47b3488ce2e53465da48571f1748f214f672a61")
    assert open_sealed(data_key, sealed, b"[pv:name:abc]") == b"John Smith"
    wrapped = bytes.fromhex(
        "77a6999c32f86bac0b09e859a977f7336feaf73af628519d841956693f46e7f0d05d42ca"
        "59cabf02a6c9644c0ac3aa85bf9b5f455e9a3abb7c1c7be2"
    )
    assert KeyWrapper(Kek(bytes(range(100, 132)), "test")).unwrap(wrapped, "[pv:name:abc]") == data_key


def test_sealed_value_is_bound_to_its_token():
    key = bytes(range(32))
    sealed = seal(key, b"John Smith", b"[pv:name:aaaaaaaaaaaaaaaaaaaa]")
    assert open_sealed(key, sealed, b"[pv:name:aaaaaaaaaaaaaaaaaaaa]") == b"John Smith"
    with pytest.raises(InvalidTag):
        open_sealed(key, sealed, b"[pv:name:bbbbbbbbbbbbbbbbbbbb]")


def test_tokens_are_typed_and_recognised_on_sight():
    deriver = TokenDeriver(MASTER)
    for entity_type, code in TYPE_CODES.items():
        token = deriver.derive(entity_type, "some value 1").token
        assert TOKEN_PATTERN.fullmatch(token).group(1) == code
        assert is_token(token)
    assert is_token(ERASED_MARKER)


def test_different_master_secrets_give_unrelated_tokens():
    a = TokenDeriver(MASTER).derive("PERSON", "John Smith").token
    b = TokenDeriver(bytes(range(1, 33))).derive("PERSON", "John Smith").token
    assert a != b


def _unkeyed_candidates(entity_type: str, normalised: str) -> list[str]:
    """What an attacker without the key can compute: plain SHA-256 and HMAC under an empty key."""
    code = TYPE_CODES[entity_type]
    message = code.encode() + b"\x00" + normalised.encode()
    digests = [
        hashlib.sha256(message).digest(),
        hashlib.sha256(normalised.encode()).digest(),
        hmac.digest(b"", message, "sha256"),
        hmac.digest(b"", normalised.encode(), "sha256"),
        hmac.digest(hmac.digest(b"", b"piivault token v1", "sha256"), message, "sha256"),
    ]
    return [f"[pv:{code}:{base64.b32encode(d[:15]).decode().lower()[:20]}]" for d in digests]


def test_phone_tokens_cannot_be_computed_without_the_key(sqlite_vault):
    # 1000 Brussels numbers +32 2 55d dd dd, spread over the attacker's whole dictionary.
    seeded = [f"+32 2 55{n // 10_000} {n // 100 % 100:02d} {n % 100:02d}" for n in range(37, 100_000, 100)]
    vault_tokens = set(sqlite_vault.tokenize_batch([("PHONE_NUMBER", p, None) for p in seeded]))
    assert len(vault_tokens) == len(seeded)
    candidates = [f"+32255{n:05d}" for n in range(100_000)]  # every number +32 2 55x xx xx: 10^5
    guessed = {token for number in candidates for token in _unkeyed_candidates("PHONE_NUMBER", number)}
    assert len(guessed) == 5 * 100_000
    assert guessed.isdisjoint(vault_tokens)
    # Control: with the vault's own key the same dictionary finds every seeded number.
    keyed = {sqlite_vault.deriver.derive_normalised("PHONE_NUMBER", number).token for number in candidates}
    assert vault_tokens <= keyed


def test_fast_base32_matches_the_standard_encoder():
    from vault.tokens import _base32_100_bits

    for i in range(2000):
        digest = hashlib.sha256(i.to_bytes(4, "big")).digest()
        assert _base32_100_bits(digest) == base64.b32encode(digest[:15]).decode().lower()[:20]
