"""A tokenize run over the zone, written once: every file planned in one round, then phases of files, each
file's partitions tokenized (again with promoted columns while any piece names one), then assembled.

The same driver serves the command in this process (steps called in order, one vault) and the flow (steps
as Prefect tasks, submitted to a Dask runner or run in order): `Steps` says how each step runs a list of
calls and returns, per call, its result or a failure naming the file. Since a file's pieces, their order in
the clean file and the vault state they start from are the same either way, so is the output.

Phases: what the vault knows when a piece starts must not depend on which other pieces ran first, so each
phase starts from one snapshot of the vault's fingerprints (`known`), taken when the phase begins:
- every file of a dataset with a subject key is a phase of its own, in catalog order (such files create
  the subjects, and a later file, as in a sequential run, sees the subjects an earlier one created);
- all the files of the other datasets are one phase, spread over the workers together: they see every
  subject the keyed datasets made, but not the links another file of the same phase adds on the way (a
  later run sees them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flows.pipeline.catalog import Catalog
from flows.tokenize.partitioned import FilePlan, PartResult, promotions


@dataclass
class Failed:
    """A step that failed for one file: the message names dataset, file and positions, never a value."""

    text: str


# A step runner: a list of keyword-argument calls in, per call its result or a `Failed`, in order.
StepRunner = Callable[[list[dict]], list]


@dataclass
class Steps:
    """How this run plans files, tokenizes pieces, assembles files, and snapshots the known subjects."""

    plan: StepRunner  # (dataset, file, kinds, force) -> FilePlan
    partition: StepRunner  # (dataset, plan, partition, kinds, promoted, known) -> PartResult
    assemble: StepRunner  # (dataset, plan, parts) -> FileResult as a dict
    known: Callable[[int], object]  # phase number -> what `partition` calls get as `known`
    log: Callable[[str], None] = print


@dataclass
class ZoneRun:
    """The run's per-file results (dicts, as the flow returns them) and failures."""

    results: list[dict] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def zone_phases(catalog: Catalog, selected: list[str], files_of: dict[str, list[str]]) -> list[list[tuple]]:
    """(dataset, file) per phase, in run order (see the module docstring)."""
    keyed = [n for n in selected if catalog.dataset(n).subject_key is not None]
    phases = [[(name, file)] for name in keyed for file in files_of[name]]
    rest = [(name, file) for name in selected if name not in keyed for file in files_of[name]]
    return [*phases, rest] if rest else phases


def run_zone(
    catalog: Catalog,
    selected: list[str],
    files_of: dict[str, list[str]],
    kinds_of: dict[str, dict],
    force: bool,
    steps: Steps,
) -> ZoneRun:
    """Tokenize the files of the selected datasets, phase after phase."""
    run = ZoneRun()
    phases = zone_phases(catalog, selected, files_of)
    # Every file planned at once, before the first phase: a plan reads only its own raw file and manifest
    # entry, which no other file's tokenizing changes, so one round of plan calls keeps every worker busy
    # (a keyed dataset's phase has a file or two) and the phases do not each wait for a planning round.
    calls = [
        {"dataset": n, "file": f, "kinds": kinds_of[n], "force": force} for phase in phases for n, f in phase
    ]
    planned = iter(steps.plan(calls))
    for number, phase in enumerate(phases):
        plans: list[FilePlan] = []
        for outcome in [next(planned) for _ in phase]:
            if isinstance(outcome, Failed):
                run.failures.append(outcome.text)
            elif outcome.skipped:
                run.results.append(_skipped(outcome))
            else:
                plans.append(outcome)
        if plans:
            _tokenize_plans(plans, kinds_of, steps, steps.known(number), run)
    return run


def _skipped(plan: FilePlan) -> dict:
    from flows.tokenize.tokenizing import FileResult

    return FileResult(plan.dataset, plan.file, plan.output, skipped=True).to_dict()


def _key(plan: FilePlan) -> tuple[str, str]:
    return plan.dataset, plan.file


def _tokenize_plans(plans: list[FilePlan], kinds_of: dict, steps: Steps, known, run: ZoneRun) -> None:
    promoted: dict[tuple, set[str]] = {_key(plan): set() for plan in plans}
    finished: dict[tuple, list[PartResult]] = {}
    pending = list(plans)
    while pending:
        calls = [
            {
                "dataset": plan.dataset,
                "plan": plan,
                "partition": partition,
                "kinds": kinds_of[plan.dataset],
                "promoted": sorted(promoted[_key(plan)]),
                "known": known,
            }
            for plan in pending
            for partition in plan.partitions
        ]
        outcomes = iter(_largest_first(steps.partition, calls))
        again = []
        for plan in pending:
            parts = [next(outcomes) for _ in plan.partitions]
            failed = [o.text for o in parts if isinstance(o, Failed)]
            if failed:
                run.failures.append(failed[0])  # a file fails once, at its first failed piece
                continue
            more = promotions(parts) - promoted[_key(plan)]
            if more:
                steps.log(f"{plan.dataset} {plan.file}: columns {sorted(more)} hold personal data: again")
                promoted[_key(plan)] |= more
                again.append(plan)
            else:
                finished[_key(plan)] = parts
        pending = again
    done = [plan for plan in plans if _key(plan) in finished]
    calls = [{"dataset": p.dataset, "plan": p, "parts": finished[_key(p)]} for p in done]
    for outcome in steps.assemble(calls):
        if isinstance(outcome, Failed):
            run.failures.append(outcome.text)
        else:
            run.results.append(outcome)


def _largest_first(run: StepRunner, calls: list[dict]) -> list:
    """`run(calls)` with the largest pieces first, outcomes back in the calls' order: workers that take
    pieces in submission order then finish together instead of one working through a big file's last
    piece while the others idle. Which piece runs when changes no output (one snapshot per phase)."""
    order = sorted(range(len(calls)), key=lambda i: -_piece_bytes(calls[i]["plan"], calls[i]["partition"]))
    outcomes: list = [None] * len(calls)
    for i, outcome in zip(order, run([calls[i] for i in order]), strict=True):
        outcomes[i] = outcome
    return outcomes


def _piece_bytes(plan: FilePlan, partition) -> float:
    """About how many of the file's bytes the piece holds (bytes, or a share of the row groups)."""
    span = max(p.end for p in plan.partitions) or 1
    return plan.size * (partition.end - partition.start) / span


def in_process_steps(catalog: Catalog, vault, detect, partition_bytes: int, log=print) -> Steps:
    """The steps called in order in this process, on one open vault (what `piivault tokenize` does without
    Prefect); a step that fails names its file, and the run goes on with the others."""
    from flows.pipeline.errors import PipelineError, failure_context
    from flows.tokenize.known_subjects import KnownSubjects
    from flows.tokenize.partitioned import assemble_file, plan_file, tokenize_partition

    def each(step: Callable) -> StepRunner:
        def run(calls: list[dict]) -> list:
            outcomes = []
            for call in calls:
                file = call["file"] if "file" in call else call["plan"].file
                try:
                    with failure_context(call["dataset"], file):
                        outcomes.append(step(**call))
                except PipelineError as error:
                    outcomes.append(Failed(str(error)))
            return outcomes

        return run

    def plan(dataset, file, kinds, force):
        return plan_file(catalog, dataset, catalog.raw_dir / file, kinds, force, partition_bytes)

    def partition(dataset, plan, partition, kinds, promoted, known):
        return tokenize_partition(catalog, plan, partition, kinds, set(promoted), vault, detect, known)

    def assemble(dataset, plan, parts):
        return assemble_file(catalog, plan, parts, vault).to_dict()

    return Steps(each(plan), each(partition), each(assemble), lambda _phase: KnownSubjects.load(vault), log)
