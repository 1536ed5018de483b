"""The data engineer's path, as docs/flows.md writes it: a real `prefect server` process, a work pool, the
deployments of `prefect.yaml`, a worker, and a run of each deployment, from a fresh checkout.

The shell block under "Running the deployments on a Prefect server with a work pool" is executed line
by line, as written, in a directory holding only what a clone holds (links to the checkout's tracked
files, and the set-up `.venv`). Two things differ, neither in what the lines do: port 4200 becomes a free
port, and the worker polls every second instead of ten (`PREFECT_WORKER_QUERY_SECONDS`), so the runs do
not wait for it. Then `piivault serve` joins the same server, and both refuse a missing catalog.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "flows.md"
SECTION = "### Running the deployments on a Prefect server with a work pool"
DOC_PORT = "4200"
LINE_TIMEOUT = 300
DEPLOYMENTS = ("tokenize/nightly-tokenize", "scan/weekly-scan", "erase/erasure", "access/access")
SERVED = ("tokenize/nightly-tokenize-served", "scan/weekly-scan-served", "erase/erasure-served")


def documented_lines() -> list[str]:
    """The shell lines of the section's code block, comments and blank lines left out."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index(SECTION) :]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line.strip() for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_checkout(target: Path) -> Path:
    """A directory with what a clone of the checkout holds (its tracked files) and the set-up `.venv`."""
    target.mkdir()
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True)
    for top in sorted({line.split("/", 1)[0] for line in tracked.stdout.splitlines()}):
        if (REPO / top).exists():
            (target / top).symlink_to(REPO / top)
    (target / ".venv").symlink_to(REPO / ".venv")
    return target


@dataclass
class Shell:
    """Runs documented lines one by one as bash would in one session: exports carry over, `&` lines keep
    running in the background (stopped at the end)."""

    cwd: Path
    env: dict[str, str]
    logs: Path
    background: list[subprocess.Popen] = field(default_factory=list)
    exports: list[dict[str, str]] = field(default_factory=list)

    def run(self, line: str) -> subprocess.CompletedProcess:
        if line.endswith("&"):
            log = open(self.logs / f"background-{len(self.background)}.log", "wb")  # noqa: SIM115
            self.background.append(
                subprocess.Popen(
                    ["bash", "-c", line[:-1]],
                    cwd=self.cwd,
                    env=self.env,
                    stdout=log,
                    stderr=log,
                    start_new_session=True,
                )
            )
            return subprocess.CompletedProcess(line, 0, "", "")
        env_file = self.logs / "env"
        script = f"{line}\nstatus=$?\nenv -0 > {shlex.quote(str(env_file))}\nexit $status\n"
        done = subprocess.run(
            ["bash", "-c", script],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=LINE_TIMEOUT,
        )
        assert done.returncode == 0, f"`{line}` failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        self.env = dict(item.split("=", 1) for item in env_file.read_text().split("\0") if "=" in item)
        self.exports.append(dict(self.env))
        return done

    def stop(self) -> None:
        for process in self.background:
            with _quiet():
                os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C in its terminal
            with _quiet():
                process.wait(timeout=30)
            with _quiet():
                os.killpg(process.pid, signal.SIGKILL)


class _quiet:
    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        return kind is not None and issubclass(kind, ProcessLookupError | subprocess.TimeoutExpired)


@dataclass
class Deployed:
    home: Path
    shell: Shell
    api_url: str
    erase_request: str
    access_request: str


def stop_server(shell: Shell) -> None:
    subprocess.run(["bash", "-c", "prefect server stop"], cwd=shell.cwd, env=shell.env, capture_output=True)
    pid_file = shell.cwd / ".prefect" / "server.pid"
    if pid_file.exists():  # `prefect server stop` did not get to it
        with _quiet():
            os.kill(int(pid_file.read_text().strip()), signal.SIGKILL)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory) -> Deployed:
    home = fresh_checkout(tmp_path_factory.mktemp("deploy") / "piivault")
    logs = tmp_path_factory.mktemp("deploy-logs")
    port = str(free_port())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PIIVAULT_"))}
    env["PREFECT_WORKER_QUERY_SECONDS"] = "1"  # pick runs up at once (the default polls every 10 s)
    shell = Shell(home, env, logs)
    request_ids = []
    try:
        for line in documented_lines():
            started = time.monotonic()
            shell.run(line.replace(DOC_PORT, port))
            print(f"{time.monotonic() - started:6.1f} s  {line}")  # shown by `pytest -s`, never asserted
            if line.startswith("export REQUEST_ID="):
                request_ids.append(shell.env["REQUEST_ID"])
        yield Deployed(home, shell, f"http://127.0.0.1:{port}/api", *request_ids)
    finally:
        shell.stop()
        stop_server(shell)


def client_for(url: str):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    class Client:
        def __enter__(self):
            self.settings = temporary_settings(updates={PREFECT_API_URL: url})
            self.settings.__enter__()
            self.client = get_client(sync_client=True).__enter__()
            return self.client

        def __exit__(self, *exc):
            self.client.__exit__(*exc)
            self.settings.__exit__(*exc)

    return Client()


def test_the_documented_lines_are_the_ones_run():
    lines = documented_lines()
    assert "prefect --no-prompt deploy --all" in lines
    assert any(line.startswith("prefect worker start --pool piivault") for line in lines)
    for name in DEPLOYMENTS:
        assert any(f"prefect deployment run '{name}'" in line for line in lines), name


def test_every_deployment_runs_to_completion_on_the_worker(deployed):
    with client_for(deployed.api_url) as client:
        runs = [run for run in client.read_flow_runs() if not run.auto_scheduled]  # not the schedules' next
        deployments = {d.id: d for d in client.read_deployments()}
    by_deployment = {}
    for run in runs:
        deployment = deployments[run.deployment_id]
        by_deployment.setdefault(f"{deployment.name}", []).append(run)
        assert run.state.is_completed(), (deployment.name, run.state.name, run.state.message)
    assert {name: len(found) for name, found in by_deployment.items()} == {
        "nightly-tokenize": 1,
        "weekly-scan": 2,
        "erasure": 1,
        "access": 1,
    }
    catalog = str(deployed.home / "data" / "catalog.yaml")
    assert {d.parameters["catalog_path"] for d in deployments.values()} == {catalog}
    assert all(
        d.pull_steps[0]["prefect.deployments.steps.set_working_directory"]["directory"] == str(deployed.home)
        for d in deployments.values()
    )


def test_the_runs_wrote_their_outputs_where_the_docs_say(deployed):
    import json

    data = deployed.home / "data"
    for dataset in ("crm_customers", "web_logs", "call_records", "support_chats", "billing_invoices"):
        assert list((data / "clean" / dataset).rglob("*.parquet")), dataset
    report = json.loads((data / "reports" / "scan-report.json").read_text())
    scanned = {s["dataset"]: s["scanned_at"] for s in report["datasets"]}
    assert len(scanned) == 6 and (data / "reports" / "scan-report.html").exists()
    # the one-dataset scan refreshed web_logs' part and kept the others from the full scan before it
    assert all(scanned["web_logs"] > at for name, at in scanned.items() if name != "web_logs")
    receipt = json.loads((data / "reports" / "erasure" / f"{deployed.erase_request}.json").read_text())
    assert receipt["verification"]["passed"] is True
    export = data / "reports" / "access" / deployed.access_request
    assert (export / "export.json").exists() and (export / "summary.txt").exists()
    assert "CU26616417" not in (data / "raw" / "crm" / "customers.csv").read_text()
    assert (data / "vault.db.kek").exists()  # the demo's KEK, where docs/flows.md says
    assert not (deployed.home / "catalog.yaml").exists()  # found through PIIVAULT_CATALOG, as documented


def test_a_missing_catalog_stops_the_deploy_with_one_line_naming_it(deployed):
    env = {**deployed.shell.env, "PIIVAULT_CATALOG": str(deployed.home / "nowhere" / "catalog.yaml")}
    done = subprocess.run(
        ["prefect", "--no-prompt", "deploy", "--all"],
        cwd=deployed.home,
        env=env,
        capture_output=True,
        text=True,
        timeout=LINE_TIMEOUT,
    )
    assert done.returncode != 0
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert errors == [
        f"piivault: cannot deploy: cannot read catalog {deployed.home}/nowhere/catalog.yaml: No such file or "
        "directory (catalog taken from PIIVAULT_CATALOG; set PIIVAULT_CATALOG to the catalog's path before "
        "deploying)"
    ]
    done = subprocess.run(
        ["piivault", "serve"],
        cwd=deployed.home,
        env=env,
        capture_output=True,
        text=True,
        timeout=LINE_TIMEOUT,
    )
    assert done.returncode == 2 and "catalog taken from PIIVAULT_CATALOG" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_serve_lives_beside_the_work_pool_deployments_and_pauses_only_its_own(deployed):
    env = deployed.shell.env
    serve = subprocess.Popen(
        ["piivault", "serve"],
        cwd=deployed.home,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        with client_for(deployed.api_url) as client:
            deadline = time.monotonic() + LINE_TIMEOUT
            while not all(_exists(client, name) for name in SERVED):
                assert serve.poll() is None and time.monotonic() < deadline, serve.stdout.read().decode()
                time.sleep(0.5)
        done = subprocess.run(
            ["prefect", "deployment", "run", SERVED[1], "-p", 'datasets=["newsletter"]', "--watch"],
            cwd=deployed.home,
            env=env,
            capture_output=True,
            text=True,
            timeout=LINE_TIMEOUT,
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    finally:
        os.killpg(serve.pid, signal.SIGINT)  # Ctrl-C
        output = serve.communicate(timeout=LINE_TIMEOUT)[0].decode()  # as every other wait of the test
    with client_for(deployed.api_url) as client:
        for name in DEPLOYMENTS:
            deployment = client.read_deployment_by_name(name)
            assert not deployment.paused and deployment.work_pool_name == "piivault", name
            assert all(s.active for s in deployment.schedules), name
        assert client.read_deployment_by_name(SERVED[0]).paused  # serve paused what it registered
    assert "FileNotFoundError" not in output and "Traceback" not in output, output[-3000:]


def _exists(client, name: str) -> bool:
    from prefect.exceptions import ObjectNotFound

    try:
        client.read_deployment_by_name(name)
    except ObjectNotFound:
        return False
    return True


def test_with_an_api_configured_the_commands_run_their_flows_on_it(deployed):
    done = subprocess.run(
        ["piivault", "scan", "newsletter"],
        cwd=deployed.home,
        env=deployed.shell.env,
        capture_output=True,
        text=True,
        timeout=LINE_TIMEOUT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Prefect temporary server" not in done.stderr  # PREFECT_API_URL is set: that server, no other
    with client_for(deployed.api_url) as client:
        runs = [r for r in client.read_flow_runs() if r.deployment_id is None]
    assert [(r.state.name, r.parameters["datasets"]) for r in runs] == [("Completed", ["newsletter"])]
