"""Options shared by the vault commands (`detokenize`, `audit`, `keys`): which vault to open.

`--vault URL`, else the `vault:` of the catalog found as every command finds it (`--catalog PATH`, else
`PIIVAULT_CATALOG`, else `./catalog.yaml`). `detokenize` and `audit` talk to the vault service instead
when `PIIVAULT_VAULT_URL` is set (`vault.client`): they open no database and need no KEK, so `--vault`,
which names a database, is refused beside it, and the catalog is not read. `keys rotate` always opens the
database: rotating the KEK is the key holder's job. Not a command itself (it is not listed in
`flows.cli.COMMANDS`).
"""

from __future__ import annotations

import argparse

from flows.cli.catalog_option import add_catalog_option, load_catalog_from
from flows.cli.errors import CommandError
from flows.pipeline.catalog_location import CATALOG_ENV

VAULT_URL_ENV = "PIIVAULT_VAULT_URL"  # vault.client's; not imported here, so `--help` stays light


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


def uses_service() -> bool:
    """Whether `PIIVAULT_VAULT_URL` names a vault service (a VaultError when it is set but unusable)."""
    from vault.client import service_config

    return service_config() is not None


def refuse_beside_service(args: argparse.Namespace, options: dict[str, str]) -> None:
    """CommandError (status 2) when one of `options` (dest -> what it is) was given while a vault service
    is configured: those are the credential's or the service's, never the caller's to choose."""
    given = [dest for dest in options if getattr(args, dest, None) is not None]
    if given:
        names = ", ".join(f"--{dest.replace('_', '-')}" for dest in given)
        why = "; ".join(options[dest] for dest in given)
        raise CommandError(f"{names} cannot be given while {VAULT_URL_ENV} names a vault service: {why}")


def open_access_vault(args: argparse.Namespace):
    """The vault service when `PIIVAULT_VAULT_URL` is set (then `--vault` is refused), else the database
    the options name."""
    from vault.client import VaultClient, service_config

    config = service_config()
    if config is None:
        return open_vault(args)
    refuse_beside_service(args, {"vault": "the service holds the vault; unset one of the two"})
    return VaultClient(config)
