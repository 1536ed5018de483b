"""Errors the flows raise: they name the dataset, file and record positions, and never echo a value.

An exception from a library (pandas, pyarrow, a driver) may quote the data it choked on, so the flows
catch it where the position is known and raise one of these instead, keeping only the exception's class
name — and the message of errors that are known to hold no personal data (I/O errors name paths; vault
errors name tokens and datasets).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


class PipelineError(RuntimeError):
    """A failure while processing records of a dataset file; retrying will not help."""


class PipelineIOError(PipelineError, OSError):
    """An I/O failure (disk, network file system, database connection): worth a retry."""


def _safe_detail(exc: BaseException) -> str:
    from vault.errors import VaultError

    if isinstance(exc, OSError) and exc.strerror:
        return f"{type(exc).__name__}: {exc.strerror}"
    if isinstance(exc, VaultError | PipelineError):
        return f"{type(exc).__name__}: {exc}"
    return type(exc).__name__


def where(dataset: str, file: str, positions: list[int] | None = None, kind: str = "line") -> str:
    """`dataset d, file f, lines a-b`: the place an error concerns."""
    text = f"dataset {dataset}, file {file}"
    if positions:
        first, last = min(positions), max(positions)
        text += f", {kind} {first}" if first == last else f", {kind}s {first}-{last}"
    return text


@contextlib.contextmanager
def failure_context(
    dataset: str, file: str, positions: list[int] | None = None, kind: str = "line"
) -> Iterator:
    """Re-raise any failure inside as a PipelineError naming the place, without the original message."""
    try:
        yield
    except PipelineError:
        raise
    except Exception as exc:
        error = PipelineIOError if isinstance(exc, OSError) else PipelineError
        # `from None`: the original (possibly value-quoting) message must not reach Prefect's logs
        raise error(f"{where(dataset, file, positions, kind)}: {_safe_detail(exc)}") from None
