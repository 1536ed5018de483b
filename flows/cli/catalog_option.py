"""`--catalog PATH`, shared by every command that reads a catalog, and the one way they find it:
the option, else `PIIVAULT_CATALOG`, else `./catalog.yaml` (`flows.pipeline.catalog_location`).

Not a command itself (it is not listed in `flows.cli.COMMANDS`).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from flows.cli.errors import CommandError
from flows.pipeline.catalog_location import CATALOG_ENV, CatalogLocation, locate_catalog

if TYPE_CHECKING:
    from flows.pipeline.catalog import Catalog

CATALOG_HELP = f"catalog file (default: ${CATALOG_ENV}, else ./catalog.yaml)"


def add_catalog_option(parser: argparse.ArgumentParser, help: str = CATALOG_HELP) -> None:
    parser.add_argument("--catalog", metavar="PATH", default=None, help=help)


def catalog_location(args: argparse.Namespace) -> CatalogLocation:
    return locate_catalog(args.catalog)


def load_catalog_from(
    args: argparse.Namespace, datasets: list[str] | None = None, other_ways: str | None = None
) -> Catalog:
    """The catalog the options name, with the named datasets checked; CommandError (status 2) naming the
    path, where it came from and `other_ways` to give it, otherwise."""
    from flows.pipeline.catalog import CatalogError
    from flows.pipeline.catalog_location import load_located

    location = catalog_location(args)
    try:
        catalog = load_located(location, other_ways)
        catalog.selected(datasets)
    except CatalogError as error:
        raise CommandError(str(error)) from None
    return catalog
