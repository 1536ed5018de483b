"""The `piivault` command line: one entry point, one module per command in this package.

Each command module exposes `register(subparsers)`, and imports heavy libraries (spaCy, Prefect, pandas)
inside its run function, so that `piivault --help` and light commands start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from flows.cli.errors import CommandError
from flows.pipeline.prefect_env import apply_offline_defaults

# Module names under flows.cli, in the order `--help` lists them. Each module defines
# `register(subparsers)`, which adds its parser and sets `run=callable(args) -> int`.
COMMANDS: list[str] = [
    "detect",
    "demo_data",
    "scan",
    "tokenize",
    "serve",
    "demo",
    "detokenize",
    "audit",
    "keys",
    "vault",
    "request",
    "requests",
    "erase",
    "access",
    "rectify",
    "retention",
]


def build_parser() -> argparse.ArgumentParser:
    """Parser for every registered command (their modules import nothing heavy at this point)."""
    parser = argparse.ArgumentParser(
        prog="piivault",
        description="Find personal data, tokenize it into a vault, and erase a person on request.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"flows.cli.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status. Prefect's offline settings apply to every command that
    may run a flow. A `CommandError` from any command is one line on stderr and its exit status."""
    apply_offline_defaults()
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except CommandError as error:
        print(f"piivault {args.command}: {error}", file=sys.stderr)
        return error.status


if __name__ == "__main__":
    sys.exit(main())
