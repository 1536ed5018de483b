"""Kill-and-rerun harness of the tokenize and erasure fault suites (issue 11: fault injection as a suite).

A driver process (a fresh `python`: the test process may hold a Prefect test server's threads, which must
not be forked) imports the pipeline and warms detection once, then runs every flow in forked children, so
each run is a real process that pays no start-up cost:
1. an uninterrupted run with `PIIVAULT_FAULT_TRACE`, which lists the fault points it passes; a snapshot;
2. for each point n of that list in turn, on a fresh copy of the same zone: a run stopped at the n-th point
   by `PIIVAULT_FAULT_AT=n:kill` (`os._exit(137)`, as kill -9: no cleanup, no `finally`), then a rerun in a
   new process, which runs the flow once more (it must find nothing left to do) and takes a snapshot.
The tests compare every rerun's snapshot with the uninterrupted run's. A snapshot holds the bytes of every
raw, clean and manifest file, the quarantine entries decrypted (sealing is randomised) and hashed, the
receipts without their timings, the vault's rows (tokens, subjects, links, lineage, surrogates, tombstones,
data keys, requests, progress, audit) and the temporaries left anywhere in the zone, which must be none.

The zone is the erasure tests' (`tests.flows.test_erasure_zone`: every format, every policy, a household,
a namesake) with unreadable records of the subject and of someone else, so tokenize writes quarantine files
and erasure rewrites them. Its vault and key files exist before it is copied: every copy derives the same
tokens. The flows run as `tokenize_zone` and `erase_zone`: the Prefect flows' work without Prefect.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from flows.pipeline.faults import FAULT_AT_ENV, FAULT_ENV, FAULT_TRACE_ENV, KILLED_STATUS

REPO = Path(__file__).resolve().parents[2]
NEWSLETTER = "marketing/newsletter.csv"  # delete_rows
SECOND_LIST = "marketing/newsletter-2.csv"  # the subject's row is readable, someone else's is not
WEB_LOG = "logs/web-2026-01-05.jsonl"  # redact
NOTES = "crm/notes-2026-01.csv"  # keyed free text: values found by fingerprint, linked to the customer
FLOWS = ("tokenize", "erasure")
DRIVER_TIMEOUT_SECONDS = 1200
VAULT_ROWS = {  # what must be the same after a killed run and its rerun as after one uninterrupted run
    "tokens": "select token, entity_type, hex(value_hash) from tokens order by 1",
    "subjects": "select subject_id from subjects order by 1",
    "links": "select subject_id, token from links order by 1, 2",
    "partitions": "select dataset, partition from partitions order by 1, 2",
    "lineage": "select p.dataset, p.partition, l.token from lineage l "
    "join partitions p on p.partition_id = l.partition_id order by 1, 2, 3",
    "surrogates": "select surrogate, token from surrogates order by 1",
    "tombstones": "select hex(value_hash), entity_type, request_id from tombstones order by 1",
    "requests": "select request_id, kind, status, error, receipt_path from requests order by 1",
    "request_steps": "select request_id, step, item, done from request_steps order by 1, 2, 3",
    "audit": "select actor, role, purpose, token, outcome, detail from audit order by 1, 2, 3, 4, 5, 6",
    "fingerprints": "select fingerprint, subject_id, token, entity_type from fingerprints order by 1, 2, 3",
    "fingerprint_keys": "select fingerprint, kind, first_word, words, shared, erased_at is not null, "
    "request_id from fingerprint_keys where kind > 0 order by 1",
}
KEYSTORE_ROWS = {"data_keys": "select token from data_keys order by 1"}
VOLATILE_RECEIPT_KEYS = ("completed_at", "timings_seconds")


# ---------------------------------------------------------------- the zone and the flows


def insert_lines(path: Path, at: dict[int, bytes]) -> None:
    """Insert raw lines so that each lands at the given 1-based line number."""
    lines = path.read_bytes().splitlines(keepends=True)
    for number in sorted(at):
        lines.insert(number - 1, at[number])
    path.write_bytes(b"".join(lines))


def write_fault_zone(root: Path) -> None:
    """The erasure test zone with broken records of the subject and of someone else; its vault created."""
    from tests.flows.test_erasure_zone import make_people, open_vault, write_zone

    people = make_people()
    write_zone(root, people)
    subject, other = people.subject.email, people.others[2].email
    insert_lines(
        root / "raw" / NEWSLETTER,
        {2: f"{subject},deals \xff\n".encode("latin-1"), 5: f"{other},news \xff\n".encode("latin-1")},
    )
    (root / "raw" / SECOND_LIST).write_bytes(
        f"email,topics\r\n{subject},deals\r\n{other},news \xff\r\n".encode("latin-1")
    )
    broken = f'{{"ts": "2026-01-05T08:00:00Z", "search": "card {people.subject.card_number}", '
    insert_lines(
        root / "raw" / WEB_LOG,
        {
            1: (broken + f'"user": {{"email": "{subject}"\n').encode(),
            4: f'{{"ts": "2026-01-05T08:30:00Z", "user": {{"email": "{other}"\n'.encode(),
        },
    )
    add_customer_notes(root, people)
    with open_vault(root):
        pass  # the master secret and the KEK file exist before the zone is copied


def add_customer_notes(root: Path, people) -> None:
    """A keyed dataset of agents' notes naming customers in forms detection misses (lower case, family name
    first, the street line alone): tokenize finds them by fingerprint and links them to the row's customer
    (fault point `tokenize-found-links`)."""
    import yaml

    from tests.flows.test_erasure_zone import _csv

    catalog = yaml.safe_load((root / "catalog.yaml").read_text(encoding="utf-8"))
    catalog["datasets"]["crm_notes"] = {
        "path": "crm/notes-*.csv",
        "format": "csv",
        "subject_key": "customer_id",
        "erasure": "delete_rows",
        "columns": {"note": "free_text"},
    }
    (root / "catalog.yaml").write_text(yaml.safe_dump(catalog, sort_keys=False), encoding="utf-8")
    subject, other = people.subject, people.others[1]
    street = subject.address.lines[0].lower()
    notes = [
        [subject.customer_id, f"spoke to {subject.full_name.lower()} about moving from {street}"],
        [other.customer_id, f"{other.last_name.upper()}, {other.first_name} asked for a paper bill"],
    ]
    _csv(root / "raw" / NOTES, ["customer_id", "note"], notes)


def tokenize_zone(root: Path) -> list[dict]:
    """The tokenize flow's work without Prefect: under the zone lock, datasets with a subject key first, every
    raw file through `tokenize_file`; returns the file results."""
    from flows.pipeline.catalog import load_catalog
    from flows.pipeline.column_kinds import classify_columns, sample_frame
    from flows.pipeline.zone_lock import zone_lock
    from flows.tokenize.tokenizing import tokenize_file
    from recognizers import detect
    from tests.flows.test_erasure_zone import open_vault

    catalog = load_catalog(root / "catalog.yaml")
    results = []
    with zone_lock(catalog, "tokenize"), open_vault(root) as vault:
        for name in sorted(catalog.selected(None), key=lambda n: catalog.dataset(n).subject_key is None):
            kinds = classify_columns(catalog.dataset(name), sample_frame(catalog, name))
            for path in catalog.input_files(name):
                results.append(tokenize_file(catalog, name, path, kinds, vault, detect).to_dict())
    return results


def file_erasure(root: Path) -> str:
    """File and verify an erasure request for the zone's subject; returns its id."""
    from flows.requests.lifecycle import Verification, file_request
    from tests.flows.test_erasure_zone import make_people, open_vault

    with open_vault(root) as vault:
        email = make_people().subject.email
        return file_request(vault, "erase", "email", email, Verification("clerk", "id card"))


def erase_zone(root: Path, request_id: str):
    """`run_erasure` (the erasure flow's steps without Prefect, under the zone lock); returns its Outcome."""
    from flows.erasure.steps import run_erasure
    from flows.pipeline.catalog import load_catalog
    from tests.flows.test_erasure_zone import open_vault

    with open_vault(root) as vault:
        return run_erasure(load_catalog(root / "catalog.yaml"), vault, request_id)


# ---------------------------------------------------------------- snapshots


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _quarantine_entries(path: Path, opener) -> list[list]:
    from flows.pipeline.quarantine import associated_data, read_quarantine

    entries = []
    for item in read_quarantine(path):
        sealed = base64.b64decode(item["sealed"])
        raw = opener(sealed, associated_data(item["dataset"], item["file"], item["position"]))
        entries.append([item["dataset"], item["file"], item["position"], item["reason"], _digest(raw)])
    return entries


def _rows(engine, queries: dict[str, str], root: Path) -> dict[str, list[list]]:
    from sqlalchemy import text

    found = {}
    with engine.connect() as conn:
        for name, query in queries.items():
            found[name] = [
                [value.replace(str(root), "<zone>") if isinstance(value, str) else value for value in row]
                for row in conn.execute(text(query))
            ]
    return found


def snapshot(root: Path) -> dict:
    """What a run left in the zone (see the module docstring); JSON-safe."""
    from flows.pipeline.catalog import load_catalog
    from flows.pipeline.quarantine import aesgcm_opener, quarantine_key
    from tests.flows.test_erasure_zone import open_vault

    catalog = load_catalog(root / "catalog.yaml")
    found: dict = {"files": {}, "quarantine": {}, "reports": {}, "temporaries": []}
    with open_vault(root) as vault:
        opener = aesgcm_opener(quarantine_key(vault))
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            name = path.relative_to(root).as_posix()
            if path.name.endswith(".tmp"):
                found["temporaries"].append(name)
            elif path.is_relative_to(catalog.quarantine_dir):
                found["quarantine"][name] = _quarantine_entries(path, opener)
            elif path.is_relative_to(catalog.reports_dir):
                document = json.loads(path.read_bytes())
                found["reports"][name] = {k: v for k, v in document.items() if k not in VOLATILE_RECEIPT_KEYS}
            elif path.is_relative_to(catalog.raw_dir) or path.is_relative_to(catalog.clean_dir):
                found["files"][name] = _digest(path.read_bytes())
        found["vault"] = _rows(vault.engine, VAULT_ROWS, root) | _rows(
            vault.keystore_engine, KEYSTORE_ROWS, root
        )
    return found


def temporaries(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.tmp"))


def differences(found: dict, expected: dict) -> list[str]:
    """Where a snapshot differs from the reference: `section/key` names (files, tables), never contents."""
    names = []
    for section in sorted(set(found) | set(expected)):
        got, want = found.get(section), expected.get(section)
        if isinstance(got, dict) and isinstance(want, dict):
            names += [f"{section}/{k}" for k in sorted(set(got) | set(want)) if got.get(k) != want.get(k)]
        elif got != want:
            names.append(f"{section}: {got!r}" if section == "temporaries" else section)
    return names


# ---------------------------------------------------------------- the driver (runs in its own process)

PRELOADED = (  # imported once by the driver, so a forked run pays for none of them
    "flows.erasure.steps",
    "flows.pipeline.column_kinds",
    "flows.pipeline.quarantine",
    "flows.pipeline.zone_lock",
    "flows.requests.lifecycle",
    "flows.tokenize.tokenizing",
    "pyarrow.parquet",
    "sqlalchemy.dialects.sqlite",
    "tests.flows.test_erasure_zone",
    "vault.store",
)


def start_child(
    work: Callable[[], object], env: dict[str, str] | None = None, log: Path | None = None
) -> int:
    """Fork a child that runs `work` with `env` set (output to `log`) and exits: 0 done, 1 raised."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    status = 1
    try:  # the child: never returns
        if log is not None:
            descriptor = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.dup2(descriptor, 1)
            os.dup2(descriptor, 2)
        for variable in (FAULT_ENV, FAULT_AT_ENV, FAULT_TRACE_ENV):
            os.environ.pop(variable, None)
        os.environ.update(env or {})
        work()
        status = 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def run_in_child(
    work: Callable[[], object], env: dict[str, str] | None = None, log: Path | None = None
) -> int:
    """Run `work` in a forked child and wait; its exit status (0 done, 1 raised, 137 killed)."""
    _pid, wait_status = os.waitpid(start_child(work, env, log), 0)
    return os.waitstatus_to_exitcode(wait_status)


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


class FlowUnderTest:
    """How the driver prepares the template zone of a flow, runs the flow, and tells a no-op rerun."""

    def __init__(self, name: str, workdir: Path):
        self.name = name
        self.workdir = workdir
        self.request_id = ""

    def prepare(self, template: Path) -> None:
        log = self.workdir / "prepare.log"
        assert run_in_child(lambda: write_fault_zone(template), log=log) == 0
        if self.name == "erasure":  # erasure starts from the tokenized zone with a verified request
            assert run_in_child(lambda: tokenize_zone(template), log=log) == 0
            request_file = self.workdir / "request-id"
            assert run_in_child(lambda: request_file.write_text(file_erasure(template)), log=log) == 0
            self.request_id = request_file.read_text()

    def run(self, root: Path) -> None:
        if self.name == "tokenize":
            tokenize_zone(root)
        else:
            outcome = erase_zone(root, self.request_id)
            assert outcome.status == "completed", outcome.status

    def rerun_is_a_no_op(self, root: Path) -> bool:
        if self.name == "tokenize":
            return all(result["skipped"] for result in tokenize_zone(root))
        return erase_zone(root, self.request_id).already_done

    def finish(self, root: Path, out: Path) -> None:
        """Run the flow to its end, then once more (nothing left to do), and write the zone's snapshot."""
        self.run(root)
        _write_json(out, {"no_op": self.rerun_is_a_no_op(root), "snapshot": snapshot(root)})


def _kill_then_rerun(flow: FlowUnderTest, template: Path, number: int) -> None:
    """One kill point's chain (in a forked process of its own): copy, kill at point `number`, rerun."""
    workdir = flow.workdir
    zone = shutil.copytree(template, workdir / f"kill-{number}")
    log = workdir / f"kill-{number}.log"
    killed = run_in_child(lambda: flow.run(zone), {FAULT_AT_ENV: f"{number}:kill"}, log)
    left = temporaries(zone)
    out = workdir / f"kill-{number}.final.json"
    rerun = run_in_child(lambda: flow.finish(zone, out), log=log)
    result = {"number": number, "killed": killed, "left_after_kill": left, "rerun": rerun, "log": str(log)}
    _write_json(workdir / f"kill-{number}.json", result | _read_json(out))
    shutil.rmtree(zone)


def drive(flow_name: str, workdir: Path, jobs: int) -> dict:
    """Every kill point of one flow in turn, `jobs` at a time (module docstring); the results to check."""
    flow = FlowUnderTest(flow_name, workdir)
    template = workdir / "template"
    flow.prepare(template)
    trace = workdir / "reference.trace"
    reference = shutil.copytree(template, workdir / "reference")
    log = workdir / "reference.log"
    status = run_in_child(lambda: flow.run(reference), {FAULT_TRACE_ENV: str(trace)}, log)
    assert status == 0, f"the uninterrupted {flow_name} run failed ({status}), see {log}"
    points = trace.read_text(encoding="utf-8").splitlines()
    final = run_in_child(
        lambda: _write_json(
            workdir / "reference.json",
            {"no_op": flow.rerun_is_a_no_op(reference), "snapshot": snapshot(reference)},
        ),
        log=log,
    )
    assert final == 0, f"the snapshot of the uninterrupted {flow_name} run failed, see {log}"
    waiting, running = list(range(1, len(points) + 1)), set()
    while waiting or running:
        while waiting and len(running) < jobs:
            number = waiting.pop(0)
            running.add(start_child(lambda: _kill_then_rerun(flow, template, number)))  # noqa: B023
        pid, _status = os.wait()
        running.discard(pid)
    runs = [_read_json(workdir / f"kill-{n}.json") | {"point": p} for n, p in enumerate(points, start=1)]
    return {
        "flow": flow_name,
        "points": points,
        "reference": _read_json(workdir / "reference.json"),
        "runs": runs,
    }


def driver_main() -> None:
    """`python -c 'from tests.faults.conftest import driver_main; driver_main()' WORKDIR JOBS FLOW...`."""
    import importlib

    workdir, jobs, flows = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    for module in PRELOADED:
        importlib.import_module(module)
    from recognizers import detect

    detect(["warm up the detector once, before forking: Jane Doe, jane@example.com"])
    results = {}
    for flow in flows:
        (workdir / flow).mkdir()
        results[flow] = drive(flow, workdir / flow, jobs)
    _write_json(workdir / "results.json", results)


def run_driver(workdir: Path, flows: tuple[str, ...] = FLOWS) -> dict[str, dict]:
    """Run the driver in a fresh process (as many kill chains at once as there are CPUs, up to 4); the
    results of each flow (see `drive`)."""
    workdir.mkdir(parents=True, exist_ok=True)
    jobs = max(1, min(4, len(os.sched_getaffinity(0))))
    env = {k: v for k, v in os.environ.items() if k not in (FAULT_ENV, FAULT_AT_ENV, FAULT_TRACE_ENV)}
    script = "from tests.faults.conftest import driver_main; driver_main()"
    done = subprocess.run(
        [sys.executable, "-c", script, str(workdir), str(jobs), *flows],
        cwd=REPO,
        env={**env, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=DRIVER_TIMEOUT_SECONDS,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads((workdir / "results.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def kill_runs(tmp_path_factory) -> dict[str, dict]:
    """Every kill point of tokenize and of erasure, each killed then rerun (one driver for both: detection
    is warmed once)."""
    return run_driver(tmp_path_factory.mktemp("faults"))


def problems(run: dict, reference: dict) -> list[str]:
    """What is wrong with one kill point's run: not killed there, rerun failed, or a different end state."""
    found = []
    if run.get("killed") != KILLED_STATUS:
        found.append(f"the run was not killed there (exit status {run.get('killed')})")
    if run.get("rerun") != 0:
        found.append(f"the rerun failed (exit status {run.get('rerun')})")
    if "snapshot" in run:
        if not run["no_op"]:
            found.append("a second rerun still had work to do")
        found += [f"differs: {name}" for name in differences(run["snapshot"], reference["snapshot"])]
    return found


def report(result: dict) -> list[str]:
    """One line per kill point whose run went wrong, naming the point and what went wrong."""
    lines = []
    for run in result["runs"]:
        if found := problems(run, result["reference"]):
            where = f"{result['flow']} killed at point {run['number']} ({run['point']})"
            lines.append(f"{where}: {'; '.join(found)} (see {run.get('log')})")
    return lines
