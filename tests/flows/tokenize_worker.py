"""A tokenize worker in a process of its own: every raw file of a catalog through `tokenize_file`, as the
in-process tokenize does it (datasets with a subject key first), with the vault embedded or through the
vault service. `python -m tests.flows.tokenize_worker CATALOG embedded|service`.

The tokenize flow opens its vault in one place (`flows.tokenize.flow`) that does not yet pick the service
(`vault/pipeline_client.py`); this worker runs the same tokenize path with the vault object handed in, so
the path's every vault call is exercised through the service by a process that holds no KEK. Per file, as
the flow's workers do with the run's snapshot (`flows.tokenize.known_snapshot`): the known subjects from
the vault's fingerprint index as it stands, then the file planned, its partitions tokenized and assembled.
"""

from __future__ import annotations

import sys
from pathlib import Path


def tokenize_zone(catalog_path: Path, vault) -> list[dict]:
    """Tokenize every raw file of the catalog with `vault`; the files' results."""
    from flows.cli.kinds_memo import classify_remembered, code_fingerprint
    from flows.pipeline.catalog import load_catalog
    from flows.tokenize.known_subjects import KnownSubjects
    from flows.tokenize.partitioned import assemble_file, plan_file, tokenize_partitions
    from recognizers import detect

    catalog = load_catalog(catalog_path)
    selected = sorted(catalog.datasets, key=lambda n: catalog.dataset(n).subject_key is None)
    code = code_fingerprint()
    results = []
    for name in selected:
        kinds = classify_remembered(catalog, name, code)
        for path in catalog.input_files(name):
            plan = plan_file(catalog, name, path, kinds, False)
            known = KnownSubjects(vault, vault.fingerprint_index())
            parts = tokenize_partitions(catalog, plan, kinds, vault, detect, known)
            results.append(assemble_file(catalog, plan, parts, vault).to_dict())
    return results


def main(argv: list[str]) -> int:
    catalog_path, mode = Path(argv[0]), argv[1]
    if mode == "service":
        from vault.pipeline_client import PipelineClient

        vault = PipelineClient.from_env()
        if vault is None:
            raise SystemExit("PIIVAULT_VAULT_URL is not set")
    else:
        from flows.pipeline.catalog import load_catalog
        from vault.store import Vault

        vault = Vault.open(load_catalog(catalog_path).vault_url)
    with vault:
        results = tokenize_zone(catalog_path, vault)
    print(f"{len(results)} files, {sum(r['records_out'] for r in results)} records out")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
