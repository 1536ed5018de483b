"""The analyst notebooks run headless against a tokenized demo zone, and are committed without outputs."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def test_the_two_notebooks_are_there():
    assert [p.name for p in NOTEBOOKS] == ["01_customer_journeys.ipynb", "02_support_lookup.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_and_with_a_title_cell(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# ")
    assert "**Purpose:**" in notebook.cells[0].source
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    lines = [line.lstrip() for c in code for line in c.source.splitlines()]
    assert not any(line.startswith(("def ", "class ")) for line in lines)  # logic lives in the packages


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_headless_on_the_demo_zone(path, pipeline_run, canary_values, monkeypatch):
    monkeypatch.setenv("PIIVAULT_CATALOG", str(pipeline_run.catalog_path))
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute(env=dict(os.environ))
    outputs = "\n".join(
        str(output.get("data", {}).get("text/plain", "")) + str(output.get("text", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert "Error" not in outputs
    if path.stem.startswith("01"):
        assert not [c for c in canary_values if c.lower() in outputs.lower()]  # the analyst sees no value
