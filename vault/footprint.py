"""Read-only lookups behind a request's footprint (`flows.requests.subject`) and its proof
(`flows.erasure.verify`): who holds which tokens, which subjects exist, value hashes, card surrogates, and
what of a shredded subject the vault still holds.

The flows decide who belongs to a subject's cluster and what must go; these functions only answer
questions about the vault's tables, so no flow needs to know them. Everything going in and out is tokens,
keyed hashes and subject ids (keyed hashes too): no personal value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from vault.schema import data_keys, links, subjects, surrogates, tokens, tombstones
from vault.sql import select_in

if TYPE_CHECKING:
    from vault.store import Vault


@dataclass(frozen=True)
class ShredEvidence:
    """What the vault still holds of a shredded subject, in counts (safe for receipts)."""

    tokens_left: int  # own tokens still stored
    data_keys_left: int  # own tokens whose data key was not destroyed
    links_left: int  # links still naming one of the subjects
    subjects_left: int  # subjects still present
    hashes_tombstoned: int  # own value hashes found among the tombstones


def token_for_hash(vault: Vault, entity_type: str, value_hash: str) -> str | None:
    """The token of an `entity_type` value with keyed hash `value_hash` (hex), or None when the vault has
    none: how a request, which stores only the hash, finds its identifier's token."""
    with vault.engine.connect() as conn:
        return conn.execute(
            select(tokens.c.token).where(
                tokens.c.value_hash == bytes.fromhex(value_hash), tokens.c.entity_type == entity_type
            )
        ).scalar()


def _subjects_by_token(conn, column, values: list[str]) -> dict[str, set[str]]:
    """token -> its subjects, for the links whose `column` (token or subject id) is one of `values`."""
    rows = select_in(
        conn, lambda chunk: select(links.c.token, links.c.subject_id).where(column.in_(chunk)), values
    )
    by_token: dict[str, set[str]] = {}
    for token, subject_id in rows:
        by_token.setdefault(token, set()).add(subject_id)
    return by_token


def token_holders(vault: Vault, subject_ids: Iterable[str]) -> dict[str, set[str]]:
    """Every token linked to one of `subject_ids` -> every subject linked to it (those outside
    `subject_ids` included): tells a subject's own values from shared ones (a namesake, a family landline)."""
    with vault.engine.connect() as conn:
        linked = _subjects_by_token(conn, links.c.subject_id, sorted(set(subject_ids)))
        return _subjects_by_token(conn, links.c.token, sorted(linked))


def existing_subjects(vault: Vault, subject_ids: Iterable[str]) -> set[str]:
    """The subject ids among `subject_ids` the vault has a subject for."""
    with vault.engine.connect() as conn:
        rows = select_in(
            conn,
            lambda chunk: select(subjects.c.subject_id).where(subjects.c.subject_id.in_(chunk)),
            subject_ids,
        )
    return {subject_id for (subject_id,) in rows}


def value_hashes(vault: Vault, token_list: Iterable[str]) -> list[str]:
    """Value hashes (hex, sorted) of the stored tokens among `token_list`: what their tombstones will be."""
    with vault.engine.connect() as conn:
        rows = select_in(
            conn, lambda chunk: select(tokens.c.value_hash).where(tokens.c.token.in_(chunk)), token_list
        )
    return sorted(bytes(value_hash).hex() for (value_hash,) in rows)


def card_surrogates(vault: Vault, token_list: Iterable[str]) -> dict[str, str]:
    """Card surrogate -> token, for the card surrogates standing for one of `token_list` in
    format-preserving datasets."""
    with vault.engine.connect() as conn:
        rows = select_in(
            conn,
            lambda chunk: select(surrogates.c.surrogate, surrogates.c.token).where(
                surrogates.c.token.in_(chunk)
            ),
            token_list,
        )
    return {surrogate: token for surrogate, token in rows}


def shred_evidence(
    vault: Vault, subject_ids: Iterable[str], own_tokens: Iterable[str], own_hashes: Iterable[str]
) -> ShredEvidence:
    """What the vault and key store still hold of subjects shredded with their own tokens and value hashes
    (hex): the vault half of an erasure's proof."""
    subject_ids, own_tokens = list(subject_ids), list(own_tokens)
    with vault.engine.connect() as conn:
        left_tokens = select_in(
            conn, lambda c: select(tokens.c.token).where(tokens.c.token.in_(c)), own_tokens
        )
        left_links = select_in(
            conn, lambda c: select(links.c.token).where(links.c.subject_id.in_(c)), subject_ids
        )
        left_subjects = select_in(
            conn, lambda c: select(subjects.c.subject_id).where(subjects.c.subject_id.in_(c)), subject_ids
        )
        graves = select_in(
            conn,
            lambda c: select(tombstones.c.value_hash).where(tombstones.c.value_hash.in_(c)),
            [bytes.fromhex(h) for h in own_hashes],
        )
    with vault.keystore_engine.connect() as kconn:
        left_keys = select_in(
            kconn, lambda c: select(data_keys.c.token).where(data_keys.c.token.in_(c)), own_tokens
        )
    return ShredEvidence(
        tokens_left=len(left_tokens),
        data_keys_left=len(left_keys),
        links_left=len(left_links),
        subjects_left=len(left_subjects),
        hashes_tombstoned=len(graves),
    )
