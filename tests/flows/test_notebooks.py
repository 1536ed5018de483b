"""The analyst notebooks run headless against a tokenized demo zone, and are committed without outputs;
with the vault embedded (the kernel opens the catalog's vault) and through the vault service (the kernel
has a support credential and no KEK; `tests/vault/service_harness.py` starts the real service)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
SUPPORT_AGENT = "agent 17"  # the credential's name, which the service's audit records
KEK_VARIABLES_SEEN = (
    'import os\nsorted(k for k in os.environ if k.startswith(("PIIVAULT_KEK", "PIIVAULT_KEYSTORE")))'
)


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
    monkeypatch.delenv("PIIVAULT_VAULT_URL", raising=False)
    outputs = "\n".join(executed_outputs(path, dict(os.environ)))
    assert "Error" not in outputs
    if path.stem.startswith("01"):
        assert not [c for c in canary_values if c.lower() in outputs.lower()]  # the analyst sees no value


def executed_outputs(path: Path, env: dict[str, str], extra_cells: tuple[str, ...] = ()) -> list[str]:
    """Execute the notebook (plus `extra_cells`, never committed) in a kernel with `env`; each code cell's
    outputs as one text."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in extra_cells]
    client = NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute(env=env)
    return [
        "\n".join(
            str(output.get("data", {}).get("text/plain", "")) + str(output.get("text", ""))
            for output in cell.outputs
        )
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


@pytest.fixture(scope="module")
def vault_service(pipeline_run, tmp_path_factory):
    """`piivault vault serve` on the demo zone's vault, and a support agent's credential file."""
    from tests.vault.service_harness import start_service

    directory = tmp_path_factory.mktemp("vault-service")
    service = start_service(["--catalog", str(pipeline_run.catalog_path)], directory / "service.log")
    try:
        yield service, service.issue("support", SUPPORT_AGENT, directory)
    finally:
        service.stop()


def catalog_without_its_vault(pipeline_run, directory: Path) -> Path:
    """The demo catalog with absolute zones and a `vault:` no process can open: a notebook that opened the
    vault itself instead of asking the service would fail."""
    catalog = yaml.safe_load(pipeline_run.catalog_path.read_text())
    root = pipeline_run.catalog_path.parent
    catalog["zones"] = {name: str((root / zone).resolve()) for name, zone in catalog["zones"].items()}
    catalog["vault"] = f"sqlite:///{directory}/no-such-directory/vault.db"
    path = directory / "catalog.yaml"
    path.write_text(yaml.safe_dump(catalog))
    return path


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_through_the_vault_service_with_no_kek_in_the_kernel(
    path, pipeline_run, canary_values, vault_service, tmp_path
):
    service, credential = vault_service
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIIVAULT_KEK", "PIIVAULT_KEYSTORE"))}
    env.update(
        PIIVAULT_CATALOG=str(catalog_without_its_vault(pipeline_run, tmp_path)),
        PIIVAULT_VAULT_URL=service.url,
        PIIVAULT_VAULT_TOKEN_FILE=str(credential),
    )
    env.pop("PIIVAULT_VAULT_TOKEN", None)
    outputs = executed_outputs(path, env, extra_cells=(KEK_VARIABLES_SEEN,))
    assert outputs[-1] == "[]"  # no KEK, key file or key store named in the kernel's environment
    shown = "\n".join(outputs)
    assert "Error" not in shown
    if path.stem.startswith("01"):
        assert not [c for c in canary_values if c.lower() in shown.lower()]  # the analyst sees no value
    else:
        assert "allowed" in outputs[1] and "@" in outputs[1]  # values came back through the service
        trail = outputs[3]
        assert SUPPORT_AGENT in trail and "forbidden" in trail  # under the credential's name; the refusal too
