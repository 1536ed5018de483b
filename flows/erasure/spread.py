"""The erasure's clean step spread over Dask workers.

Before the clean step runs in the flow's process, every partition it will examine (lineage's, and with the
subject's fingerprints every partition of the datasets that can hold text: the bulk of an erasure's reading)
is erased by a task on a worker, through the very function the step calls per partition
(`flows.erasure.clean_zone.erase_partition`), which records each partition's plan in the progress rows.
The step then finds every partition done and only gathers the plans. The files written, the plans and the
receipt are those of a run in order: `erase_partition` works per partition and is resumable, so a task that
fails or a run killed half way leaves nothing a rerun does not finish. Tasks return counts only.
"""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.erasure.clean_zone import erase_partition
from flows.erasure.subject_text import SubjectText, text_partitions
from flows.pipeline.catalog import load_catalog
from flows.pipeline.tasks import retry_on_io
from flows.requests.run import RESOLVE, RequestContext, recorded, recorded_footprint


def clean_partitions(ctx: RequestContext) -> list[tuple[str, str]]:
    """(dataset, partition) the clean step examines, in its order."""
    resolved = recorded(ctx, RESOLVE)
    examined = dict.fromkeys(tuple(p) for p in resolved["partitions"])
    if SubjectText.from_state(ctx.vault, resolved.get("fingerprints")):
        examined.update(dict.fromkeys(text_partitions(ctx.catalog)))
    return list(examined)


@task(
    name="erasure-clean-partition",
    persist_result=False,
    cache_policy=NO_CACHE,
    retries=2,
    retry_delay_seconds=2,
    retry_condition_fn=retry_on_io,
)
def erase_clean_partition(catalog_path: str, request_id: str, dataset: str, partition: str) -> dict:
    """Apply the dataset's erasure policy to one clean partition (on a worker); returns counts."""
    from flows.erasure.steps import erasure_context
    from vault.store import Vault

    catalog = load_catalog(catalog_path)
    with Vault.open(catalog.vault_url) as vault:
        ctx = erasure_context(catalog, vault, request_id)
        text = SubjectText.from_state(vault, recorded(ctx, RESOLVE).get("fingerprints"))
        plan = erase_partition(catalog, vault, recorded_footprint(ctx), request_id, dataset, partition, text)
    return {"dataset": dataset, "partition": partition, "rewritten": plan.clean_rewritten}
