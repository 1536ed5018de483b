"""The correction a `piivault request rectify` files: `--field`, `--value`, `--old-value`.

`--value` and `--old-value` take `-` (one line of standard input) or `@PATH` (the first line of a file),
like the identifier options, so a new address or name stays out of `ps` and shell history. The values go
to the vault (tokenized) and nowhere else: never into an error message.

Not a command itself (it is not listed in `flows.cli.COMMANDS`).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flows.cli.errors import CommandError
from flows.cli.identifiers import identifier, read_value

if TYPE_CHECKING:
    from vault.store import Vault

FIELDS = ("name", "address", "email", "phone")  # flows.rectification.filing.FIELDS, without importing it
VALUE_HELP = "; - reads it from standard input, @PATH from the first line of a file"


@dataclass(frozen=True)
class Correction:
    """What the person asks to correct (the values are kept out of reprs, so out of tracebacks)."""

    field: str
    value: str = field(repr=False)
    old_value: str | None = field(default=None, repr=False)


def add_old_value_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--old-value",
        dest="old_value",
        metavar="VALUE|-|@PATH",
        help="which current value is wrong, when the person holds several of the field" + VALUE_HELP,
    )


def add_correction_options(parser: argparse.ArgumentParser) -> None:
    """--field, --value, --old-value (for `request rectify` only)."""
    parser.add_argument("--field", choices=FIELDS, help="rectify: the field to correct")
    parser.add_argument("--value", metavar="VALUE|-|@PATH", help="rectify: the corrected value" + VALUE_HELP)
    add_old_value_option(parser)


def read_correction(args: argparse.Namespace) -> Correction | None:
    """The correction of a `request rectify` (read once, after the identifier); None for other kinds;
    CommandError when the options do not fit the kind."""
    given = [f"--{name.replace('_', '-')}" for name in ("field", "value", "old_value") if getattr(args, name)]
    if args.kind != "rectify":
        if given:
            raise CommandError(f"{', '.join(given)}: only for `request rectify`")
        return None
    if not args.field or not args.value:
        raise CommandError("request rectify needs --field and --value")
    old = read_value("--old-value", args.old_value) if args.old_value else None
    return Correction(args.field, read_value("--value", args.value), old)


def file_correction(vault: Vault, args: argparse.Namespace, correction: Correction, evidence) -> str:
    """File the rectification; prints its id and status on stderr (never a value)."""
    from flows.rectification.filing import file_rectification

    identifier_type, value = identifier(args)
    request_id = file_rectification(
        vault, identifier_type, value, correction.field, correction.value, correction.old_value, evidence
    )
    status = vault.get_request(request_id)["status"]
    print(f"request {request_id} (rectify, {status})", file=sys.stderr)
    return request_id
