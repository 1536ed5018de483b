"""Where a flow's per-partition tasks run: in order in the flow's process, on a local Dask cluster, or on
an existing Dask scheduler, through prefect-dask's `DaskTaskRunner`.

The choice (`choose_runner`), from the command line or the catalog's `runner:` section:
- `dask_address` set: the existing cluster at that address (its workers must import piivault and reach the
  zones, the vault and the Prefect API);
- `workers: 1`: sequential; `workers: N`: a local cluster of N worker processes, one thread each;
- neither: one worker per core when the zone holds at least `AUTO_MIN_MIB` of raw data to (re)tokenize and
  the machine has more than one core — below that a cluster's start-up (worker processes, each loading the
  detection models, a few seconds apiece) costs more than a second core saves — else sequential.
Workers write to the vault at once, so more than one needs a PostgreSQL vault: SQLite takes one writer, and
an explicit request for workers with a SQLite vault is refused (automatic choice stays sequential).

Workers in other processes report their task runs to the Prefect API themselves, so it must be a real
server they can reach (`flows.cli.run_mode` starts one for a local cluster or uses PREFECT_API_URL).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

AUTO_MIN_MIB = 64
CONNECT_TIMEOUT = "120s"
# Dask's statistical profiler samples each worker thread's stack every 10 ms and keeps a call tree per
# second for the last 1,000 seconds (`distributed.admin.low-level-log-length`), with the source lines it
# read: on a tokenize worker, memory that grows with the run's length (27 MiB of Python objects and 4.6 MiB
# of source lines 12 minutes into a run, issue 14), for a dashboard the local clusters never start. Off for
# the clusters a run starts (a nanny hands its worker the configuration it was started with).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
SEQUENTIAL, LOCAL, CLUSTER = "sequential", "local cluster", "existing cluster"


class RunnerError(ValueError):
    """The runner settings cannot work (workers with a SQLite vault); the message says what to change."""


class RunnerSettings(BaseModel):
    """How per-partition work is spread (the catalog's `runner:` section, or `--workers`/`--dask-address`)."""

    model_config = ConfigDict(extra="forbid")
    workers: int | None = Field(
        default=None,
        ge=1,
        description="worker processes of a local Dask cluster; 1: sequential; default: one per core when "
        f"at least {AUTO_MIN_MIB} MiB of raw data is to be processed",
    )
    dask_address: str | None = Field(
        default=None, description="an existing Dask scheduler (tcp://scheduler:8786) instead of a local one"
    )
    partition_mib: float = Field(
        default=8, gt=0, description="raw files larger than this many MiB are split into partitions"
    )

    @property
    def partition_bytes(self) -> int:
        return max(int(self.partition_mib * (1 << 20)), 1)


@dataclass(frozen=True)
class RunnerChoice:
    """The runner a command uses and why, in one line."""

    mode: str
    workers: int = 1
    address: str | None = None
    reason: str = ""

    @property
    def parallel(self) -> bool:
        return self.mode != SEQUENTIAL

    def line(self) -> str:
        if self.mode == CLUSTER:
            return f"runner: existing Dask cluster {self.address} ({self.reason})"
        if self.mode == LOCAL:
            return f"runner: local Dask cluster of {self.workers} worker processes ({self.reason})"
        return f"runner: sequential, in this process ({self.reason})"


def _sqlite(vault_url: str) -> bool:
    return vault_url.startswith("sqlite")


def choose_runner(
    settings: RunnerSettings, vault_url: str, pending_bytes: int, cores: int | None = None
) -> RunnerChoice:
    """The runner for `pending_bytes` of raw data to process (see the module docstring)."""
    cores = cores or os.cpu_count() or 1
    if settings.dask_address or (settings.workers or 1) > 1:
        if _sqlite(vault_url):
            raise RunnerError(
                "a SQLite vault takes one writer: Dask workers need a PostgreSQL vault "
                "(catalog `vault: postgresql://user@host/db`), or run with --workers 1"
            )
        if settings.dask_address:
            return RunnerChoice(CLUSTER, address=settings.dask_address, reason="as configured")
        return RunnerChoice(LOCAL, workers=settings.workers, reason="as configured")
    if settings.workers == 1:
        return RunnerChoice(SEQUENTIAL, reason="as configured")
    mib = pending_bytes / (1 << 20)
    if _sqlite(vault_url):
        return RunnerChoice(SEQUENTIAL, reason="a SQLite vault takes one writer")
    if cores < 2:
        return RunnerChoice(SEQUENTIAL, reason="one core")
    if mib < AUTO_MIN_MIB:
        return RunnerChoice(SEQUENTIAL, reason=f"{mib:.0f} MiB to process, below {AUTO_MIN_MIB} MiB")
    return RunnerChoice(LOCAL, workers=cores, reason=f"{mib:.0f} MiB to process, one worker per core")


def runner_settings(catalog, given=None):
    """The runner settings a run uses: those given (command line, flow parameter), else the catalog's
    `runner:` section, else automatic."""
    return given or getattr(catalog, "runner", None) or RunnerSettings()


def pending_bytes(catalog, files_of: dict[str, list[str]], force: bool) -> int:
    """Raw bytes a tokenize run will process: files without a manifest entry, or changed since it was
    written (size, or modified after it); all of them with `force`. Cheap: no file is read."""
    from flows.pipeline.manifest import entry_path, load_entry

    total = 0
    for name, files in files_of.items():
        clean_dir = catalog.clean_dir / name
        for file in files:
            stat = (catalog.raw_dir / file).stat()
            entry = None if force else load_entry(clean_dir, file)
            if entry is None or entry.size != stat.st_size:
                total += stat.st_size
            elif stat.st_mtime > getattr(entry_path(clean_dir, file).stat(), "st_mtime", 0):
                total += stat.st_size
    return total


# A step's calls in, per call its final Prefect state out (completed or failed), in the calls' order.
TaskMap = Callable[[object, list[dict]], list]


def dask_task_runner(choice: RunnerChoice):
    """prefect-dask's runner for the choice: the scheduler at its address, or a LocalCluster of worker
    processes with one thread each (tokenizing is CPU-bound Python)."""
    import dask
    from distributed import LocalCluster
    from prefect_dask import DaskTaskRunner

    # a busy machine (or a scheduler across a network) can take longer than dask's 30 s to answer
    dask.config.set({"distributed.comm.timeouts.connect": CONNECT_TIMEOUT, **WORKER_CONFIG})
    if choice.mode == CLUSTER:
        return DaskTaskRunner(address=choice.address)
    return DaskTaskRunner(
        cluster_class=LocalCluster,
        cluster_kwargs={
            "n_workers": choice.workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        },
    )


@contextlib.contextmanager
def task_map(choice: RunnerChoice) -> Iterator[TaskMap]:
    """Inside a flow run: a function that runs a task over a list of calls, in order in this process or
    all submitted at once to the Dask runner, and returns their final states in the calls' order."""
    if not choice.parallel:
        yield lambda task, calls: [task(**call, return_state=True) for call in calls]
        return
    with dask_task_runner(choice) as runner:

        def submit_all(task, calls: list[dict]) -> list:
            futures = [runner.submit(task, parameters=call) for call in calls]
            states = []
            for at, future in enumerate(futures):
                future.wait()
                states.append(future.state)
                futures[at] = None  # released once read: its worker drops the result it held for it
            return states

        yield submit_all
