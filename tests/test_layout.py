"""The house rules a newcomer relies on, checked on the source: layers import only downwards, and no
module imports another module's private (`_name`) helpers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("values", "recognizers", "vault", "flows", "bench")
# what each package may import from the project: the bottom layer nothing, the top everything below it
ALLOWED = {
    "values": set(),
    "recognizers": {"values"},
    "vault": {"values"},
    "flows": {"values", "recognizers", "vault"},
    "bench": {"values", "recognizers", "vault", "flows"},
}


def _modules() -> list[tuple[str, Path]]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found.append((package, path))
    return found


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module, imported names, line) of every `import` and `from ... import` in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, [], node.lineno) for alias in node.names)
    return found


MODULES = _modules()


@pytest.mark.parametrize("package, path", MODULES, ids=[str(p.relative_to(ROOT)) for _, p in MODULES])
def test_imports_respect_the_layers_and_private_names(package: str, path: Path) -> None:
    problems = []
    for module, names, line in _imports(path):
        top = module.split(".")[0]
        if top in PACKAGES and top != package and top not in ALLOWED[package]:
            problems.append(f"line {line}: {package} must not import {module}")
        if top in PACKAGES:
            private = [name for name in names if name.startswith("_") and not name.startswith("__")]
            if private or any(part.startswith("_") and part != "__main__" for part in module.split(".")):
                problems.append(f"line {line}: imports private {private or module} from {module}")
    assert not problems, f"{path.relative_to(ROOT)}: " + "; ".join(problems)
