"""Docs that cannot rot (after sqlite-utils' test_docs.py): every `piivault` command, every option and
every positional of the parser `flows.cli.build_parser()` builds is documented in README.md or docs/.

A command is documented where the docs write `piivault COMMAND`; an option (or a positional's metavar, or
each choice of a positional such as `request erase|access`) where one table row, code line, paragraph or
list item names it together with its command, so `--actor` documented for `audit` does not count for
`access`. Options hidden from `--help` (`help=argparse.SUPPRESS`) are internal and left out.

And the other way round: every project path (`flows/scan/flow.py`) and dotted name (`vault.store.Vault.open`)
the docs quote must exist, so a module that moves takes its mentions along.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import re
from pathlib import Path

import pytest

from flows.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[str, argparse.ArgumentParser]]:
    """(command path such as "keys rotate", its parser) for every sub-command, nested ones included."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                found.append((" ".join((*path, name)), subparser))
                found += commands(subparser, (*path, name))
    return found


def documented_names(parser: argparse.ArgumentParser) -> list[str]:
    """What the docs must name beside the command: long options, positionals' metavars (or choices)."""
    names = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction | argparse._HelpAction):
            continue
        if action.help == argparse.SUPPRESS:
            continue
        if action.option_strings:
            names += [option for option in action.option_strings if option.startswith("--")]
        elif action.choices:
            names += list(action.choices)
        else:
            names.append(action.metavar or action.dest.upper())
    return names


def passages(text: str) -> list[str]:
    """Table rows, lines of code blocks, and prose paragraphs or list items of a Markdown text."""
    found: list[str] = []
    paragraph: list[str] = []
    in_code = False

    def flush() -> None:
        if paragraph:
            found.append(" ".join(paragraph))
            paragraph.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            in_code = not in_code
        elif in_code or stripped.startswith("|"):
            flush()
            found.append(stripped)
        else:
            if not stripped or stripped.startswith(("#", "- ", "* ")):
                flush()
            if stripped:
                paragraph.append(stripped)
    flush()
    return found


def word(text: str) -> re.Pattern[str]:
    """`text` standing alone: `--out` not inside `--output`, `piivault request` not in `piivault requests`."""
    return re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])")


PASSAGES = [p for doc in DOCS for p in passages(doc.read_text(encoding="utf-8"))]
COMMANDS = commands(build_parser())
NAMES = [(command, name) for command, parser in COMMANDS for name in documented_names(parser)]


def test_the_walk_finds_the_commands() -> None:
    """Guard against a walk that finds nothing and so checks nothing."""
    found = [command for command, _ in COMMANDS]
    assert {"scan", "tokenize", "erase", "keys rotate"} <= set(found)
    assert ("request", "erase") in NAMES and ("keys rotate", "--new-kek-file") in NAMES


@pytest.mark.parametrize("command", [command for command, _ in COMMANDS])
def test_command_is_documented(command: str) -> None:
    pattern = word(f"piivault {command}")
    assert any(pattern.search(p) for p in PASSAGES), (
        f"`piivault {command}` is not documented in README.md or docs/"
    )


@pytest.mark.parametrize("command, name", NAMES, ids=[f"{command} {name}" for command, name in NAMES])
def test_option_is_documented_with_its_command(command: str, name: str) -> None:
    command_pattern, name_pattern = word(f"piivault {command}"), word(name)
    assert any(command_pattern.search(p) and name_pattern.search(p) for p in PASSAGES), (
        f"`{name}` of `piivault {command}`: no table row, code line or paragraph of README.md or docs/ "
        f"names both"
    )


# Project paths and dotted names the docs quote in backticks: a moved module must take its mentions along.
PROJECT_PATH = re.compile(
    r"(?<![\w./-])((?:values|recognizers|vault|flows|bench|tests|notebooks|docs)/[\w./*-]*)"
)
DOTTED_NAME = re.compile(r"(?<![\w./-])((?:values|recognizers|vault|flows|bench)(?:\.\w+)+)")
NOT_MODULES = {"vault.db", "vault.db.keys", "vault.db.kek"}  # file names beside an SQLite vault


def quoted(pattern: re.Pattern[str]) -> list[str]:
    """What the pattern finds in the docs' `code spans` and fenced code blocks."""
    spans = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        spans += re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)
        spans += re.findall(r"`([^`\n]+)`", re.sub(r"^```.*?^```", "", text, flags=re.DOTALL | re.MULTILINE))
    return sorted({match for span in spans for match in pattern.findall(span)} - NOT_MODULES)


@pytest.mark.parametrize("path", quoted(PROJECT_PATH))
def test_quoted_path_exists(path: str) -> None:
    assert list(ROOT.glob(path.rstrip("/"))), f"README.md or docs/ names `{path}`, which does not exist"


def module_file(name: str) -> Path | None:
    """The source file of a project module, found on disk (nothing is imported, nothing runs)."""
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def defined(body: list[ast.stmt], attribute: str) -> ast.AST | None:
    """The statement of a module or class body that defines or imports `attribute`."""
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.name == attribute:
            return node
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if isinstance(node, ast.Assign | ast.AnnAssign) and any(
            isinstance(t, ast.Name) and t.id == attribute for t in targets
        ):
            return node
        if isinstance(node, ast.Import | ast.ImportFrom) and any(
            (alias.asname or alias.name.split(".")[0]) == attribute for alias in node.names
        ):
            return node
    return None


def lazily_defined(module: list[str], attribute: str) -> bool:
    """Whether a module with a `__getattr__` (names loaded on first use) answers to `attribute`."""
    return hasattr(importlib.import_module(".".join(module)), attribute)


def resolves(name: str) -> bool:
    """Whether `package.module.attribute...` names a project module, or something defined in one (a
    function, class, constant, re-export, or a class's method), read from the source."""
    parts = name.split(".")
    for length in range(len(parts), 0, -1):
        path = module_file(".".join(parts[:length]))
        if path is None:
            continue
        body = ast.parse(path.read_text(encoding="utf-8")).body
        for position, attribute in enumerate(parts[length:], start=length):
            node = defined(body, attribute)
            if node is None:  # a module attribute may still be loaded lazily by the module's __getattr__
                lazy = position == length and defined(body, "__getattr__") is not None
                return lazy and lazily_defined(parts[:length], attribute)
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                original = next(a.name for a in node.names if (a.asname or a.name) == attribute)
                return resolves(".".join([node.module, original, *parts[position + 1 :]]))
            if not isinstance(node, ast.ClassDef):
                return position == len(parts) - 1
            body = node.body
        return True
    return False


@pytest.mark.parametrize("name", quoted(DOTTED_NAME))
def test_quoted_module_name_resolves(name: str) -> None:
    assert resolves(name), f"README.md or docs/ names `{name}`, which no module or attribute answers to"
