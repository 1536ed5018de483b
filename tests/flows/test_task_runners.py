"""Where partitions run: the choice between sequential, a local cluster and an existing one, what refuses
to run (workers with SQLite, an existing cluster without a Prefect server), and the settings' sources."""

from __future__ import annotations

import pytest

from flows.pipeline.task_runners import (
    AUTO_MIN_MIB,
    CLUSTER,
    LOCAL,
    SEQUENTIAL,
    RunnerChoice,
    RunnerError,
    RunnerSettings,
    choose_runner,
    dask_task_runner,
)

PG = "postgresql://piivault@db/piivault"
MIB = 1 << 20
CATALOG = (
    "zones: {{raw: raw, clean: clean}}\nvault: {vault}\n"
    "datasets: {{d: {{path: '*.log', format: text, erasure: redact}}}}\n"
)


@pytest.mark.parametrize(
    "settings, vault, pending, cores, mode, workers",
    [
        (RunnerSettings(), PG, AUTO_MIN_MIB * MIB, 4, LOCAL, 4),  # big enough: one worker per core
        (RunnerSettings(), PG, AUTO_MIN_MIB * MIB - 1, 4, SEQUENTIAL, 1),  # too small to gain
        (RunnerSettings(), PG, 10 * AUTO_MIN_MIB * MIB, 1, SEQUENTIAL, 1),  # one core
        (RunnerSettings(), "sqlite:///v.db", 10 * AUTO_MIN_MIB * MIB, 4, SEQUENTIAL, 1),  # one writer
        (RunnerSettings(workers=1), PG, 10 * AUTO_MIN_MIB * MIB, 4, SEQUENTIAL, 1),
        (RunnerSettings(workers=3), PG, 0, 2, LOCAL, 3),  # as asked, whatever the size
        (RunnerSettings(dask_address="tcp://s:8786"), PG, 0, 2, CLUSTER, 1),
    ],
)
def test_the_runner_follows_the_settings_the_zone_and_the_vault(
    settings, vault, pending, cores, mode, workers
):
    choice = choose_runner(settings, vault, pending, cores=cores)
    assert (choice.mode, choice.workers) == (mode, workers)
    assert choice.line().startswith("runner: ") and choice.reason in choice.line()


@pytest.mark.parametrize("settings", [RunnerSettings(workers=2), RunnerSettings(dask_address="tcp://s:8786")])
def test_workers_with_a_sqlite_vault_are_refused_naming_postgresql(settings):
    with pytest.raises(RunnerError, match="SQLite vault takes one writer.*postgresql://"):
        choose_runner(settings, "sqlite:///vault.db", 0)


def test_a_local_cluster_is_worker_processes_of_one_thread():
    runner = dask_task_runner(RunnerChoice(LOCAL, workers=2))
    assert runner.cluster_kwargs["n_workers"] == 2
    assert runner.cluster_kwargs["threads_per_worker"] == 1 and runner.cluster_kwargs["processes"]
    assert dask_task_runner(RunnerChoice(CLUSTER, address="tcp://s:8786")).address == "tcp://s:8786"


def test_the_catalog_carries_runner_settings_and_refuses_unknown_ones(tmp_path):
    from flows.pipeline.catalog import CatalogError, load_catalog

    text = CATALOG.format(vault="sqlite:///v.db")
    (tmp_path / "catalog.yaml").write_text(text + "runner: {workers: 3, partition_mib: 0.5}\n")
    catalog = load_catalog(tmp_path / "catalog.yaml")
    assert catalog.runner.workers == 3 and catalog.runner.partition_bytes == 512 * 1024
    (tmp_path / "catalog.yaml").write_text(text + "runner: {threads: 3}\n")
    with pytest.raises(CatalogError, match="runner"):
        load_catalog(tmp_path / "catalog.yaml")


def test_the_command_refuses_an_existing_cluster_without_a_prefect_server(tmp_path, monkeypatch, capsys):
    from flows.cli import main

    (tmp_path / "catalog.yaml").write_text(CATALOG.format(vault="postgresql://p@127.0.0.1/x"))
    (tmp_path / "raw").mkdir()
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    catalog = str(tmp_path / "catalog.yaml")
    for command in ("tokenize", "scan"):
        status = main([command, "--catalog", catalog, "--dask-address", "tcp://127.0.0.1:1"])
        assert status == 2
        assert "set PREFECT_API_URL" in capsys.readouterr().err
    status = main(["tokenize", "--catalog", catalog, "--workers", "0"])
    assert status == 2
