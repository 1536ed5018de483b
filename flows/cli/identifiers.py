"""The person's identifier for `request`, `erase` and `access`: `--email`, `--phone` or `--customer-id`.

A value written on the command line is visible to every user of the machine (`ps`, `/proc/*/cmdline`)
and kept in shell history, so each option also takes `-` (read one line from standard input) or `@PATH`
(the first line of a file, e.g. one the ticketing system wrote with mode 0600). The value never enters an
error message: errors name the option and the path.

Not a command itself (it is not listed in `flows.cli.COMMANDS`).
"""

from __future__ import annotations

import argparse
import sys

from flows.cli.errors import CommandError

KINDS = ("email", "phone", "customer_id")
OPTIONS = {"email": "--email", "phone": "--phone", "customer_id": "--customer-id"}
FROM_STDIN = "-"
FROM_FILE = "@"
HELP = {
    "email": "the person's email address",
    "phone": "the person's phone number (any format)",
    "customer_id": "the person's customer id",
}
HOW = "; - reads it from standard input, @PATH from the first line of a file (keeps it out of ps and history)"


def add_identifier_group(parser: argparse.ArgumentParser, required: bool) -> None:
    """--email / --phone / --customer-id, one of them, each taking VALUE, - or @PATH."""
    group = parser.add_mutually_exclusive_group(required=required)
    for kind in KINDS:
        group.add_argument(OPTIONS[kind], dest=kind, metavar="VALUE|-|@PATH", help=HELP[kind] + HOW)


def _first_line(text: str) -> str:
    lines = text.splitlines()
    return lines[0].strip() if lines else ""


def read_value(option: str, given: str) -> str:
    """The identifier an option gives: as written, from standard input (`-`), or from a file (`@PATH`)."""
    if given == FROM_STDIN:
        if sys.stdin is None:
            raise CommandError(f"{option} -: no standard input to read")
        if sys.stdin.isatty():
            print(f"{option.removeprefix('--')}: ", end="", file=sys.stderr, flush=True)
        value = _first_line(sys.stdin.readline())
        source = "standard input"
    elif given.startswith(FROM_FILE):
        path = given[len(FROM_FILE) :]
        try:
            with open(path, encoding="utf-8") as handle:
                value = _first_line(handle.readline())
        except OSError as error:
            raise CommandError(f"{option} @{path}: cannot read the file ({error.strerror})") from None
        source = f"the first line of {path}"
    else:
        return given
    if not value:
        raise CommandError(f"{option} {given}: {source} holds no identifier")
    return value


def identifier(args: argparse.Namespace) -> tuple[str, str] | None:
    """(identifier type, value) from the options, read once (stdin cannot be read twice); None without one."""
    if getattr(args, "identifier_read", None) is not None:
        return args.identifier_read
    for kind in KINDS:
        given = getattr(args, kind, None)
        if given:
            args.identifier_read = (kind, read_value(OPTIONS[kind], given))
            return args.identifier_read
    return None
