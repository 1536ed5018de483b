"""The tokenize flow: every catalog dataset's raw files into tokenized Parquet in the clean zone, values
into the vault, with lineage, subject links and a manifest that makes reruns of unchanged files no-ops."""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from flows.pipeline.catalog import load_catalog
from flows.pipeline.tasks import (
    RAW_DATA,
    classify_dataset_columns,
    failure_text,
    list_raw_files,
    raise_for_failures,
)


@task(name="tokenize-raw-file", **RAW_DATA)
def tokenize_raw_file(
    catalog_path: str, dataset: str, file: str, kinds: dict[str, str | None], force: bool = False
) -> dict:
    """Tokenize one raw file into its clean Parquet file; returns paths and counts."""
    from flows.tokenize.tokenizing import tokenize_file
    from recognizers import detect
    from vault.store import Vault

    catalog = load_catalog(catalog_path)
    with Vault.open(catalog.vault_url) as vault:
        result = tokenize_file(catalog, dataset, catalog.raw_dir / file, kinds, vault, detect, force=force)
    return result.to_dict()


def summary_markdown(results: list[dict]) -> str:
    """The tokenize artifact: per file, records in/out, quarantined and tokens held."""
    lines = [
        "# piivault tokenize",
        "",
        "| dataset | file | status | records in | out | quarantined | distinct tokens |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        status = "unchanged, skipped" if r["skipped"] else "tokenized"
        lines.append(
            f"| {r['dataset']} | `{r['file']}` | {status} | {r['records_in']} | {r['records_out']} "
            f"| {r['quarantined']} | {r['tokens']} |"
        )
    for r in results:
        for bad in r["bad"][:50]:
            where = ", ".join(f"{k} {v}" for k, v in bad.items() if k != "reason")
            lines.append(f"- quarantined: {r['dataset']} `{r['file']}` {where}: {bad['reason']}")
    return "\n".join(lines) + "\n"


@flow(name="tokenize", log_prints=False)
def tokenize(
    catalog_path: str = "catalog.yaml", datasets: list[str] | None = None, force: bool = False
) -> list[dict]:
    """Tokenize the selected catalog datasets (all by default); `force` redoes unchanged files too."""
    from flows.pipeline.zone_lock import zone_lock

    logger = get_run_logger()
    catalog = load_catalog(catalog_path)
    with zone_lock(
        catalog, "tokenize", notify=logger.warning
    ):  # never beside an erasure (flows.pipeline.zone_lock)
        return _tokenize(catalog_path, catalog, datasets, force, logger)


def _tokenize(catalog_path: str, catalog, datasets: list[str] | None, force: bool, logger) -> list[dict]:
    results: list[dict] = []
    failures: list[str] = []
    # Datasets with a subject key first: their links let the others link through shared identifiers.
    selected = sorted(catalog.selected(datasets), key=lambda n: catalog.dataset(n).subject_key is None)
    for name in selected:
        kinds = classify_dataset_columns(catalog_path, name)
        for file in list_raw_files(catalog_path, name):
            state = tokenize_raw_file(catalog_path, name, file, kinds, force, return_state=True)
            if not state.is_completed():
                failures.append(failure_text(state))
                continue
            result = state.result()
            results.append(result)
            logger.info(
                "%s %s: %s, %d in, %d out, %d quarantined",
                name,
                file,
                "unchanged" if result["skipped"] else "tokenized",
                result["records_in"],
                result["records_out"],
                result["quarantined"],
            )
    markdown = summary_markdown(results) + "".join(f"- FAILED: {text}\n" for text in failures)
    create_markdown_artifact(key="tokenize-summary", markdown=markdown, description="tokenize")
    raise_for_failures(failures)
    return results
