"""Options shared by the vault commands (`detokenize`, `audit`, `keys`): which vault to open.

`--vault URL`, else the `vault:` of the catalog found as every command finds it (`--catalog PATH`, else
`PIIVAULT_CATALOG`, else `./catalog.yaml`). Not a command itself (it is not listed in
`flows.cli.COMMANDS`).
"""

from __future__ import annotations

import argparse

from flows.cli.catalog_option import add_catalog_option, load_catalog_from
from flows.pipeline.catalog_location import CATALOG_ENV


def add_vault_options(parser: argparse.ArgumentParser) -> None:
    """`--vault URL` and `--catalog PATH` (the catalog's `vault:` is used when no URL is given)."""
    parser.add_argument("--vault", metavar="URL", help="vault URL (sqlite:///path or postgresql://...)")
    add_catalog_option(
        parser,
        help=f"catalog whose `vault:` to use without --vault (default: ${CATALOG_ENV}, else ./catalog.yaml)",
    )


def vault_url(args: argparse.Namespace) -> str:
    """The vault URL from `--vault`, else from the catalog; CommandError naming where the catalog was
    looked for when neither is there."""
    if args.vault:
        return args.vault
    other_ways = f"give --vault URL or --catalog PATH, or set {CATALOG_ENV}"
    return load_catalog_from(args, other_ways=other_ways).vault_url


def open_vault(args: argparse.Namespace):
    """Open the vault the options name; KEK from the environment or the embedded default key file."""
    from vault.store import Vault

    return Vault.open(vault_url(args))
