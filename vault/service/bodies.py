"""Request bodies of the vault service, and reading them only after the caller has authenticated.

The endpoints read their bodies themselves (not as FastAPI body parameters) so that a caller without a
valid credential gets 401 before anything about the body is looked at, and so that a malformed body is
answered with where it is wrong and never with what it held: FastAPI's default 422 echoes the input,
which here would be a personal value.
"""

from __future__ import annotations

from typing import TypeVar

from fastapi import HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from values.token_format import TYPE_CODES

MAX_BODY_BYTES = 64 * 1024 * 1024  # a tokenize batch of 50,000 long values fits many times over
MAX_AUDIT_RECORDS = 10_000
Model = TypeVar("Model", bound=BaseModel)


class TokenizeBody(BaseModel):
    """`POST /v1/tokenize`: what `Vault.tokenize_batch` takes."""

    model_config = ConfigDict(extra="forbid")
    items: list[tuple[str, str | None, str | int | None]]
    dataset: str | None = None
    format_preserving: bool = False

    @field_validator("items")
    @classmethod
    def known_entity_types(cls, items):
        for index, (entity_type, _value, _subject) in enumerate(items):
            if entity_type not in TYPE_CODES:
                raise ValueError(f"items[{index}]: unknown entity type")
        return items


class DetokenizeBody(BaseModel):
    """`POST /v1/detokenize`: tokens (or surrogates) and the purpose they are asked for."""

    model_config = ConfigDict(extra="forbid")
    tokens: list[str]
    purpose: str = Field(min_length=1, max_length=200)


async def read_body(request: Request, model: type[Model]) -> Model:
    """The request's JSON body as `model`: 413 when it is too large, 422 naming where it is wrong."""
    size = 0
    chunks = []
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise HTTPException(413, f"request body over {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    try:
        return model.model_validate_json(b"".join(chunks))
    except ValidationError as error:
        raise HTTPException(422, malformed(error)) from None


class DeriveBody(BaseModel):
    """`POST /v1/pipeline/derive`, `/v1/requests/derive`: (entity type, normalised form) pairs."""

    model_config = ConfigDict(extra="forbid")
    items: list[tuple[str, str]]


class SubjectIdsBody(BaseModel):
    """`POST /v1/pipeline/subject-ids`, `/v1/requests/subject-ids`: subject keys."""

    model_config = ConfigDict(extra="forbid")
    keys: list[str]


def malformed(error: ValidationError) -> str:
    """Where a body is wrong and what kind of wrong, from pydantic's errors without their input."""
    shown = []
    for problem in error.errors(include_input=False, include_url=False)[:3]:
        where = ".".join(str(part) for part in problem["loc"]) or "body"
        kind = problem["type"]
        if kind == "value_error":  # our own validators' messages name an index, never the input
            kind = problem["msg"].removeprefix("Value error, ")
        shown.append(f"{where}: {kind}")
    return "malformed request: " + "; ".join(shown)
