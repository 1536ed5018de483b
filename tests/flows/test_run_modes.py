"""The commands' two ways of running (flows/cli/run_mode.py): in process by default, as a Prefect flow run
with `--prefect`. Both write the same files; the in-process way never imports Prefect; the temporary
server `--prefect` starts without an API dies with the command, even on `kill -9`."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from flows.cli import main as piivault
from flows.pipeline.catalog import load_catalog

REPO = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 120  # an upper bound for a process to come up or go away, never a measured duration


def clean_files(root: Path) -> dict[str, bytes]:
    catalog = load_catalog(root / "catalog.yaml")
    return {
        p.relative_to(catalog.clean_dir).as_posix(): p.read_bytes()
        for p in sorted(catalog.clean_dir.rglob("*.parquet"))
        if not any(part.startswith(".") for part in p.relative_to(catalog.clean_dir).parts)
    }


def test_in_process_tokenize_writes_what_the_flow_wrote(zone, capsys):
    root, _people = zone  # tokenized by a run of the tokenize flow (tests/flows/conftest.py)
    flow_output = clean_files(root)
    assert piivault(["tokenize", "--force", "--catalog", str(root / "catalog.yaml")]) == 0
    assert clean_files(root) == flow_output  # same vault, same steps: byte for byte
    capsys.readouterr()
    assert piivault(["tokenize", "--catalog", str(root / "catalog.yaml")]) == 0
    files = capsys.readouterr().out.splitlines()[:-1]  # the last line names the clean zone
    assert files and all(line.endswith("unchanged") for line in files)


def test_in_process_scan_reports_what_the_flow_reported(zone, prefect_server, tmp_path, capsys):
    from tests.flows.test_erasure_zone import copy_zone

    root, _people = zone
    other = copy_zone(root, tmp_path / "other")
    assert piivault(["scan", "--prefect", "--catalog", str(root / "catalog.yaml")]) == 0
    assert piivault(["scan", "--catalog", str(other / "catalog.yaml")]) == 0
    capsys.readouterr()

    def datasets(where: Path) -> list[dict]:
        found = json.loads((where / "reports" / "scan-report.json").read_text())["datasets"]
        return [{k: v for k, v in summary.items() if k != "scanned_at"} for summary in found]

    assert datasets(root) == datasets(other)
    assert len(datasets(root)) == len(load_catalog(root / "catalog.yaml").datasets)


def run_python(code: str, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


IMPORTED_AFTER = """
import sys
from flows.cli import main
status = main(sys.argv[1:])
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"prefect", "pandas", "presidio_analyzer", "spacy"})
print("imported:", " ".join(heavy) or "-")
sys.exit(status)
"""


def test_in_process_commands_never_import_prefect_and_light_ones_nothing_heavy(zone):
    root, people = zone
    catalog = str(root / "catalog.yaml")
    done = run_python(IMPORTED_AFTER, "tokenize", "--catalog", catalog)
    assert done.returncode == 0 and "prefect" not in done.stdout.splitlines()[-1], done.stderr[-2000:]
    again = run_python(IMPORTED_AFTER, "tokenize", "--catalog", catalog)  # column kinds remembered now
    assert again.returncode == 0 and again.stdout.splitlines()[-1] == "imported: pandas", again.stdout[-500:]
    evidence = ["--verified-by", "clerk", "--method", "id card", "--catalog", catalog]
    done = run_python(IMPORTED_AFTER, "erase", "--customer-id", people.subject.customer_id, *evidence)
    assert done.returncode == 0 and "prefect" not in done.stdout.splitlines()[-1], done.stderr[-2000:]
    request_id = re.search(r"request (\w+) \(erase, verified\)", done.stderr).group(1)
    again = run_python(IMPORTED_AFTER, "erase", request_id, "--catalog", catalog)
    assert again.returncode == 0 and "completed already" in again.stderr
    assert "prefect" not in again.stdout.splitlines()[-1]
    listing = run_python(IMPORTED_AFTER, "requests", "--catalog", catalog)
    assert listing.returncode == 0 and listing.stdout.splitlines()[-1] == "imported: -"
    assert request_id in listing.stdout
    parser = run_python(
        "import sys; from flows.cli import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('prefect', 'pandas', 'vault')))"
    )
    assert parser.stdout.strip() == "[]"  # `piivault --help` imports none of them


def _stderr_line(process: subprocess.Popen, pattern: str) -> re.Match:
    """The first stderr line matching `pattern`, read as the process writes it."""
    deadline = time.monotonic() + WAIT_SECONDS
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], 1)
        if ready:
            chunk = os.read(process.stderr.fileno(), 4096)
            if not chunk:
                break
            seen += chunk
            found = re.search(pattern, seen.decode(errors="replace"))
            if found:
                return found
    raise AssertionError(f"no line matching {pattern!r}:\n{seen.decode(errors='replace')[-3000:]}")


def _gone(pid: int) -> bool:
    """True when the process has exited (a zombie waiting for its new parent to reap it counts)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def test_kill_9_of_a_command_leaves_no_prefect_server_behind(zone):
    import urllib.request

    root, _people = zone
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    command = [
        sys.executable,
        "-m",
        "flows.cli",
        "scan",
        "--prefect",
        "--catalog",
        str(root / "catalog.yaml"),
    ]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        found = _stderr_line(process, r"Prefect temporary server (\S+) \(pid (\d+)\), state in (\S+)")
        url, server, home = found.group(1), int(found.group(2)), Path(found.group(3))
        assert home == root / ".prefect"  # beside the catalog, not the user's ~/.prefect
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + WAIT_SECONDS
        while True:  # wait until it serves: the kill must hit a running server, not one starting
            try:
                opener.open(f"{url}/health", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline and not _gone(server)
                time.sleep(0.2)
        process.send_signal(signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + WAIT_SECONDS
        while not _gone(server):
            assert time.monotonic() < deadline, f"server {server} outlived the command"
            time.sleep(0.2)
    finally:
        if process.poll() is None:
            process.kill()
        process.stderr.close()


def test_remembered_column_kinds_are_reused_only_while_what_they_depend_on_is_unchanged(zone, monkeypatch):
    import flows.pipeline.column_kinds as column_kinds
    from flows.cli.kinds_memo import MEMO_DIR, classify_remembered, code_fingerprint

    root, _people = zone
    catalog = load_catalog(root / "catalog.yaml")
    code = code_fingerprint()
    first = classify_remembered(catalog, "web_logs", code)
    assert json.loads((catalog.clean_dir / MEMO_DIR / "web_logs.json").read_text())["kinds"] == first
    calls = []
    real = column_kinds.classify_columns
    monkeypatch.setattr(column_kinds, "classify_columns", lambda *a: calls.append(a) or real(*a))
    assert classify_remembered(catalog, "web_logs", code) == first and calls == []  # reused
    assert classify_remembered(catalog, "web_logs", code + "changed") == first and len(calls) == 1  # new code
    entry = (root / "catalog.yaml").read_text().replace("page: none", "page: free_text")
    (root / "catalog.yaml").write_text(entry)
    changed = classify_remembered(load_catalog(root / "catalog.yaml"), "web_logs", code)
    assert len(calls) == 2 and changed["page"] == "free_text"  # a catalog change is never hidden


def _wait_until_served(process: subprocess.Popen, url: str) -> None:
    """Until the runner polls for runs: Prefect then handles Ctrl-C itself (pausing what it registered)."""
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            with opener.open(f"{url}/deployments/name/access/access-served", timeout=5) as response:
                if json.loads(response.read()).get("last_polled"):
                    return
        except OSError:
            pass
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.5)


def test_ctrl_c_stops_serve_and_then_its_temporary_server(zone):
    """Ctrl-C reaches the terminal's whole process group; the server, in a session of its own, must outlive
    it long enough for serve to pause its deployments, then go."""
    root, _people = zone
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    command = [sys.executable, "-m", "flows.cli", "serve", "--catalog", str(root / "catalog.yaml")]
    process = subprocess.Popen(  # stdout into the same pipe: Prefect says there when it is serving
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    process.stderr = process.stdout
    try:
        started = r"(?s)Prefect temporary server (\S+) \(pid (\d+)\).*deployments are being served"
        found = _stderr_line(process, started)
        url, server = found.group(1), int(found.group(2))
        _wait_until_served(process, url)
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=WAIT_SECONDS)
        rest = process.stderr.read().decode(errors="replace")
        assert process.returncode == 0 and "Traceback" not in rest, rest[-3000:]
        assert "All deployments have been paused" in rest
        assert _gone(server)
    finally:
        if process.poll() is None:
            process.kill()
        process.stderr.close()
