"""Where the catalog is: one rule for every `piivault` command and for `prefect deploy`.

The `--catalog PATH` option, else the `PIIVAULT_CATALOG` environment variable, else `catalog.yaml` in the
working directory. A catalog that was looked for in the wrong place is the most common set-up mistake
(the demo writes `data/catalog.yaml`, a deployment runs in another directory), so every error says which
of the three the path came from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from flows.pipeline.catalog import Catalog, CatalogError, load_catalog

CATALOG_ENV = "PIIVAULT_CATALOG"
CATALOG_FILE = "catalog.yaml"
FROM_OPTION = "--catalog"
FROM_ENV = CATALOG_ENV
FROM_WORKING_DIRECTORY = "the working directory"


@dataclass(frozen=True)
class CatalogLocation:
    """An absolute catalog path and where it was taken from (`--catalog`, `PIIVAULT_CATALOG`, the working
    directory)."""

    path: Path
    source: str

    def describe(self, other_ways: str = f"give --catalog PATH or set {CATALOG_ENV}") -> str:
        """`catalog taken from SOURCE`, and the other ways to give it when it did not come from the option."""
        hint = "" if self.source == FROM_OPTION else f"; {other_ways}"
        return f"catalog taken from {self.source}{hint}"


def locate_catalog(option: str | os.PathLike | None = None) -> CatalogLocation:
    """The catalog the option names, else the one `PIIVAULT_CATALOG` names, else `./catalog.yaml`; relative
    paths are taken from the working directory and made absolute, so they survive a change of directory."""
    if option:
        return CatalogLocation(Path(option).absolute(), FROM_OPTION)
    if os.environ.get(CATALOG_ENV):
        return CatalogLocation(Path(os.environ[CATALOG_ENV]).absolute(), FROM_ENV)
    return CatalogLocation(Path.cwd() / CATALOG_FILE, FROM_WORKING_DIRECTORY)


def load_located(location: CatalogLocation, other_ways: str | None = None) -> Catalog:
    """Load the catalog at `location`; a CatalogError names the path and where it was taken from."""
    try:
        return load_catalog(location.path)
    except CatalogError as error:
        where = location.describe(other_ways) if other_ways else location.describe()
        raise CatalogError(f"{error} ({where})") from None
