"""What every flow stands on: the catalog, raw-zone readers, clean-zone writers, atomic files, manifests,
the quarantine, the zone lock, errors that name places and never values, Prefect set-up and shared tasks."""
