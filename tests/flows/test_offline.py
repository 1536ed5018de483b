"""The whole demo pipeline runs offline: outbound connections beyond loopback are refused in the process,
and the temporary Prefect server `--prefect` starts (a subprocess) must not try to phone home either."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

RUN_DEMO_WITH_LOOPBACK_ONLY = textwrap.dedent(
    """
    import sys
    from pytest_socket import socket_allow_hosts
    socket_allow_hosts(["127.0.0.1", "::1", "localhost"])
    from flows.cli import main
    sys.exit(main(["demo", "--prefect", "--rows", "120", "--out", sys.argv[1]]))
    """
)


def test_demo_runs_with_only_loopback_and_sends_no_telemetry(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    done = subprocess.run(
        [sys.executable, "-c", RUN_DEMO_WITH_LOOPBACK_ONLY, str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    assert "telemetry" not in output.lower()
    assert "SocketBlockedError" not in output and "A test tried to use socket" not in output
    assert (tmp_path / "data" / "reports" / "scan-report.html").exists()
