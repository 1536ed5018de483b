"""`CommandError`: what a command raises to stop with a message and an exit status.

`flows.cli.main` prints it as `piivault COMMAND: message` on stderr and returns the status, so helpers
shared by several commands (catalog, identifiers) stop them all the same way. Messages name places
(paths, options, request ids) and never a personal value.
"""

from __future__ import annotations

USAGE = 2  # a wrong option, a catalog not found or invalid: as argparse's own usage errors


class CommandError(Exception):
    """Stop the command: `message` on stderr, exit `status`."""

    def __init__(self, message: str, status: int = USAGE):
        super().__init__(message)
        self.status = status


def safe_message(error: BaseException) -> str:
    """`Class: message` for our own errors (they name places, never values); only the class for others,
    since a library's message may quote the data it failed on."""
    from flows.pipeline.catalog import CatalogError
    from flows.pipeline.errors import PipelineError
    from flows.pipeline.faults import InjectedFault
    from flows.requests.lifecycle import RequestError
    from vault.errors import VaultError

    ours = PipelineError | InjectedFault | RequestError | VaultError | CatalogError
    return f"{type(error).__name__}: {error}" if isinstance(error, ours) else type(error).__name__
