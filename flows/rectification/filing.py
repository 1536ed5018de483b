"""Filing a rectification request: who (a strong identifier, as for erasure), which field, the new value.

The new value is tokenized at once (stored encrypted in the vault like any other value) and the request
row keeps only the field's entity type and the new value's token — never the value. When the identifier
resolves to one subject the new value is linked to them straight away, so a retention run before the
rectification cannot take it for a value nobody holds. An old value the requester names (`--old-value`,
when the subject has several values of the field) is kept as its token only, computed with the vault's
key without storing anything. The new value is fingerprinted for the subject then, while its plaintext
is in hand (`vault.fingerprints`), so known-subject matching finds it in free text.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flows.requests.lifecycle import RequestError, Verification, file_request
from values.normalise import normalise

if TYPE_CHECKING:
    from vault.store import Vault

# The fields a customer can correct, by the name the command line uses, and their entity types.
FIELDS: dict[str, str] = {
    "name": "PERSON",
    "address": "ADDRESS",
    "email": "EMAIL_ADDRESS",
    "phone": "PHONE_NUMBER",
}
KIND = "rectify"


def _token_of(vault: Vault, entity_type: str, value: str) -> str:
    try:
        return vault.deriver.derive_normalised(entity_type, normalise(entity_type, value)).token
    except Exception:  # the normaliser's message could quote the value
        raise RequestError(f"the value given for the {entity_type} field cannot be read") from None


def file_rectification(
    vault: Vault,
    identifier_type: str,
    identifier: str,
    field: str,
    new_value: str,
    old_value: str | None = None,
    verification: Verification | None = None,
    received_at: datetime | None = None,
) -> str:
    """Record a rectification request (new value tokenized, linked when the subject is known); its id."""
    if field not in FIELDS:
        raise RequestError(f"field must be one of {', '.join(FIELDS)}")
    if not new_value or not new_value.strip():
        raise RequestError("the new value is empty")
    entity_type = FIELDS[field]
    expected = _token_of(vault, entity_type, new_value)
    old_token = _token_of(vault, entity_type, old_value) if old_value and old_value.strip() else None
    if old_token == expected:
        raise RequestError("the old value and the new value are the same")
    (stored,) = vault.tokenize_batch([(entity_type, new_value, None)])
    if stored != expected:
        raise RequestError(
            "the new value was erased or corrected away earlier (it is tombstoned): it cannot be recorded "
            "again; review by hand"
        )
    request_id = file_request(vault, KIND, identifier_type, identifier, verification, received_at)
    vault.set_rectification(request_id, entity_type, expected, old_token)
    request = vault.get_request(request_id)
    resolution = vault.resolve_hash(request["identifier_type"], request["identifier_hash"])
    if len(resolution.subject_ids) == 1:
        vault.link_subject(resolution.subject_ids[0], [expected], {expected: (entity_type, new_value)})
    return request_id


def name_old_value(vault: Vault, request_id: str, old_value: str) -> None:
    """Say which of the subject's values a filed rectification corrects (when they hold several)."""
    from flows.requests.lifecycle import get_request

    request = get_request(vault, request_id, kind=KIND)
    if request["status"] == "completed":
        raise RequestError(f"request {request_id} is completed already")
    old_token = _token_of(vault, request["field_type"], old_value)
    if old_token == request["new_token"]:
        raise RequestError("the old value and the new value are the same")
    vault.set_rectification(request_id, request["field_type"], request["new_token"], old_token)
