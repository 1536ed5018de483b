"""Who a request is about, and everything the vault links to them: the subject's footprint.

A request holds only the keyed hash of its strong identifier (`vault.requests`), so the subject is found
from the hash: an email or phone hash is the value hash of exactly one vault token, whose links name the
subjects seen with it; a customer-id hash *is* the subject id. Names never identify: only these three do.
No subject, or more than one (a shared family landline), stops the request for review.

The footprint is a small cluster of vault subjects: the customer (keyed by customer id) and, for each of
their strong identifiers that nobody else holds, the identifier's own subject — the values the tokenizer
linked to that email or phone in records that carried no customer id (a web search, a chat line).
Per token, the footprint tells apart:
- `cluster_tokens`: everything linked to the cluster, including shared values (a namesake's name, a
  household's landline), which are replaced only inside the subject's own rows;
- `own_tokens`: values linked to nobody outside the cluster: shredded, and proof-checked afterwards;
- `strong_tokens`: own emails and phones: a row holding one belongs to the subject.
An email the vault holds but links to nobody (someone known only from a newsletter list) is adopted as
its own subject (linked to itself), so such a person can be erased too; a phone number is not (an
unlinked number may be a household's shared line, and nothing in the vault could tell).
Everything here is tokens, keyed hashes and subject ids (keyed hashes too): no personal value.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from flows.pipeline.catalog import Catalog
from values.token_format import ENTITY_TYPES, TOKEN_PATTERN
from vault.surrogates import email_surrogate

if TYPE_CHECKING:
    from vault.store import Vault

STRONG_TYPES = frozenset({"EMAIL_ADDRESS", "PHONE_NUMBER"})


@dataclass
class Footprint:
    """The subject cluster and its tokens (see the module docstring); JSON-safe, no personal value."""

    status: str  # one | none | many | erased
    subjects: list[str] = field(default_factory=list)
    cluster_tokens: list[str] = field(default_factory=list)
    own_tokens: list[str] = field(default_factory=list)
    strong_tokens: list[str] = field(default_factory=list)
    own_hashes: list[str] = field(default_factory=list)  # value hashes of own tokens: the tombstones to be
    surrogates: dict[str, str] = field(default_factory=dict)  # format-preserving form -> token
    phone_tails: list[str] | None = None  # keyed hashes of their phones' last digits (verification prefilter)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Footprint:
        return cls(**data)

    def forms(self, token_list: list[str]) -> list[str]:
        """The tokens and every surrogate standing for one of them in a format-preserving dataset."""
        wanted = set(token_list)
        return sorted(wanted | {s for s, t in self.surrogates.items() if t in wanted})


def entity_type_of(token: str) -> str | None:
    match = TOKEN_PATTERN.fullmatch(token)
    return ENTITY_TYPES.get(match.group(1)) if match else None


def _adopt_unlinked_email(vault: Vault, identifier_hash: str) -> list[str]:
    """An email the vault holds but links to nobody (a newsletter-only subscriber): link it to its own
    subject, so it resolves, and is shredded and tombstoned, like any other subject's value."""
    token = vault.token_for_hash("EMAIL_ADDRESS", identifier_hash)
    if token is None:
        return []
    vault.link(token, [token])  # the subject key is the token itself: the email's own subject
    return [vault.subject_id(token)]


def subject_ids_of(vault: Vault, keys: list[str]) -> list[str]:
    """The subject ids of `keys`: in one round trip when the vault's keys are a service's
    (`vault.request_client.RequestVault.subject_ids`), else derived here one by one."""
    many = getattr(vault, "subject_ids", None)
    return many(keys) if many is not None else [vault.subject_id(key) for key in keys]


def footprint(vault: Vault, identifier_type: str, identifier_hash: str) -> Footprint:
    """The footprint of the subject a request's identifier hash points at (status none/many: empty)."""
    resolution = vault.resolve_hash(identifier_type, identifier_hash)
    ids, erased = resolution.subject_ids, resolution.already_erased
    if not ids and not erased and identifier_type == "email":
        ids = _adopt_unlinked_email(vault, identifier_hash)
    if not ids:
        return Footprint("erased" if erased else "none")
    if len(ids) > 1:
        return Footprint("many")
    (subject,) = ids
    holders = vault.token_holders([subject])
    strong_own = sorted(
        t for t, who in holders.items() if entity_type_of(t) in STRONG_TYPES and who == {subject}
    )
    cluster = sorted({subject} | vault.existing_subjects(vault.subject_id(t) for t in strong_own))
    holders = vault.token_holders(cluster)
    own = sorted(t for t, who in holders.items() if who <= set(cluster))
    forms = vault.card_surrogates(sorted(holders))
    forms.update({email_surrogate(t): t for t in holders if entity_type_of(t) == "EMAIL_ADDRESS"})
    return Footprint(
        status="one",
        subjects=cluster,
        cluster_tokens=sorted(holders),
        own_tokens=own,
        strong_tokens=sorted(t for t in own if entity_type_of(t) in STRONG_TYPES),
        own_hashes=vault.value_hashes(own),
        surrogates=forms,
    )


def affected_partitions(vault: Vault, catalog: Catalog, fp: Footprint) -> list[tuple[str, str]]:
    """(dataset, partition) of catalog datasets whose lineage holds any of the subject's cluster tokens."""
    return [(d, p) for d, p in vault.partitions_holding(fp.cluster_tokens) if d in catalog.datasets]
