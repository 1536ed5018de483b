"""Prefect settings the `piivault` commands default to before Prefect is imported.

Offline by design: Prefect's server would otherwise try to send anonymous telemetry (a network call
piivault promises not to make, and a noisy error on machines without network). A command without a
Prefect server starts a temporary one; Prefect gives it 20 s, which a busy 2-core machine can exceed
(seen: the offline demo test timing out while the rest of the suite ran), so it gets 90 s.
"""

from __future__ import annotations

import os

OFFLINE_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


def apply_offline_defaults() -> None:
    """Set the defaults unless the user set them already (their environment always wins)."""
    for name, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(name, value)
