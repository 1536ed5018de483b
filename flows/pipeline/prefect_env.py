"""Prefect settings piivault defaults to before Prefect is imported, and the deploy-time step of
`prefect.yaml` that fixes where deployments find the code and the catalog.

Offline by design: Prefect's server would otherwise send anonymous telemetry and its client usage data (a
network call piivault promises not to make, and an ERROR in the log every ten minutes on a machine without
network). A temporary server gets 90 s to start instead of Prefect's 20, which a busy 2-core machine can
exceed.
"""

from __future__ import annotations

import os
from pathlib import Path

OFFLINE_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}
HOME_ENV = "PIIVAULT_HOME"


def apply_offline_defaults() -> None:
    """Set the defaults unless the user set them already (their environment always wins)."""
    for name, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(name, value)


def deployment_paths() -> dict[str, str]:
    """`prefect.yaml`'s build step: the checkout workers run from (`PIIVAULT_HOME`, else the directory
    `prefect deploy` runs in) and the catalog every deployment gets, found as the `piivault` commands find it
    (`PIIVAULT_CATALOG`, else `./catalog.yaml`), both absolute and fixed now, at deploy time. A catalog that
    is missing or invalid stops the deploy here, with the path and where it came from, instead of failing
    every scheduled run later."""
    from flows.pipeline.catalog import CatalogError
    from flows.pipeline.catalog_location import CATALOG_ENV, load_located, locate_catalog

    home = Path(os.environ.get(HOME_ENV) or Path.cwd()).absolute()
    location = locate_catalog()
    try:
        load_located(location, other_ways=f"set {CATALOG_ENV} to the catalog's path before deploying")
    except CatalogError as error:
        # SystemExit, not an exception: `prefect deploy` lets it through as one line and a non-zero status
        # instead of two tracebacks that bury the message
        raise SystemExit(f"piivault: cannot deploy: {error}") from None
    return {"home": str(home), "catalog_path": str(location.path)}
