"""Options shared by the vault commands (`detokenize`, `audit`, `keys`): which vault to open.

Not a command itself (it is not listed in `flows.cli.COMMANDS`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_CATALOG = "catalog.yaml"


def add_vault_options(parser: argparse.ArgumentParser) -> None:
    """`--vault URL` and `--catalog PATH` (the catalog's `vault:` is used when no URL is given)."""
    parser.add_argument("--vault", metavar="URL", help="vault URL (sqlite:///path or postgresql://...)")
    parser.add_argument(
        "--catalog",
        metavar="PATH",
        help=f"catalog whose `vault:` to use without --vault (default {DEFAULT_CATALOG}, if present)",
    )


def vault_url(args: argparse.Namespace) -> str:
    """The vault URL from `--vault`, else from the catalog; a clear error when neither is available."""
    if args.vault:
        return args.vault
    catalog = args.catalog or (DEFAULT_CATALOG if Path(DEFAULT_CATALOG).exists() else None)
    if catalog is None:
        raise SystemExit("piivault: give --vault URL or --catalog PATH (no catalog.yaml here)")
    from flows.pipeline.catalog import CatalogError, load_catalog

    try:
        return load_catalog(catalog).vault_url
    except CatalogError as error:
        raise SystemExit(f"piivault: {error}") from None


def open_vault(args: argparse.Namespace):
    """Open the vault the options name; KEK from the environment or the embedded default key file."""
    from vault.store import Vault

    return Vault.open(vault_url(args))
