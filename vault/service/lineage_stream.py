"""`POST /v1/pipeline/lineage`'s body, read as a stream: a file's lineage can hold millions of tokens.

The body is lines: first a JSON header `{"dataset", "partition", "replace"}`, then one token (or surrogate)
a line, as `vault.pipeline_client` writes it from the assembly's merged token files. It is spooled to a
temporary file as it arrives, then recorded by `Vault.record_lineage`, which reads it again in batches
inside its one replacing transaction (once per attempt): neither the worker nor the service holds a file's
lineage whole, and no body cap applies to it (a JSON list did: 64 MiB, about 1.7 million tokens). Errors
name a line number, never a line's content.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from fastapi import HTTPException, Request
from pydantic import BaseModel, ConfigDict, ValidationError

from vault.service.bodies import malformed

MAX_LINE_BYTES = 1024  # a token is 30-odd characters, a format-preserving surrogate an email's length


class LineageHeader(BaseModel):
    model_config = ConfigDict(extra="forbid")
    dataset: str
    partition: str
    replace: bool = False


class SpooledTokens:
    """The spooled tokens, read again from the start by each iteration (`Vault.record_lineage` retries)."""

    def __init__(self, spool: IO[bytes]):
        self.spool = spool

    def __iter__(self) -> Iterator[str]:
        self.spool.seek(0)
        for line in self.spool:
            yield line[:-1].decode("utf-8")


async def spool_lineage(request: Request, spool: IO[bytes]) -> LineageHeader:
    """The body's header, its token lines written to `spool`; 422 naming the line that is wrong."""
    header: LineageHeader | None = None
    carry, number = b"", 0
    async for chunk in request.stream():
        lines = (carry + chunk).split(b"\n")
        carry = lines.pop()
        for line in lines:
            number += 1
            header = _take(line, number, header, spool)
    if carry:
        header = _take(carry, number + 1, header, spool)
    if header is None:
        raise HTTPException(422, "malformed request: no lineage header line")
    return header


def _take(line: bytes, number: int, header: LineageHeader | None, spool: IO[bytes]) -> LineageHeader:
    if header is None:
        try:
            return LineageHeader.model_validate_json(line)
        except ValidationError as error:
            raise HTTPException(422, malformed(error)) from None
    if not line:
        return header
    if len(line) > MAX_LINE_BYTES:
        raise HTTPException(422, f"malformed request: line {number} is longer than a token can be")
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(422, f"malformed request: line {number} is not UTF-8") from None
    spool.write(line + b"\n")
    return header
