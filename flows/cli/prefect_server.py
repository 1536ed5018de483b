"""A temporary Prefect server for one `piivault` command, that cannot outlive it.

Prefect's own temporary server is a uvicorn child process that outlives a `kill -9` of the command that
started it (re-parented to pid 1, holding its port and database, every time). This one is the same
uvicorn application, started by piivault with the kernel's parent-death signal (`PR_SET_PDEATHSIG`,
Linux): when the command dies, however it dies, the kernel kills the server too. It runs in a session of
its own, so a Ctrl-C reaches only the command, which stops the server once it no longer needs it. Its
state lives in the `PREFECT_HOME` it is given (piivault's default: `.prefect/` beside the catalog),
analytics off.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
STARTUP_TIMEOUT_SECONDS = 120.0
LOG_NAME = "temporary-server.log"


class ServerStartError(RuntimeError):
    """The temporary server did not answer; its log (named in the message) says why."""


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _parent_death_signal() -> Callable[[], None] | None:
    """A `preexec_fn` that has the kernel kill the child when this process dies (None off Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)  # loaded before the fork: the child only calls into it
    parent = os.getpid()

    def die_with_parent() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return die_with_parent


def _healthy(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never via a proxy
    try:
        with opener.open(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def server_environment(home: Path) -> dict[str, str]:
    """The server's environment: its own PREFECT_HOME, no UI, no analytics, ephemeral-mode services."""
    return {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_UI_ENABLED": "0",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
    }


def start_server(home: Path, port: int) -> subprocess.Popen:
    """Start the Prefect API application on 127.0.0.1:`port`, bound to this process's life."""
    home.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "prefect.server.api.server:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]
    with open(home / LOG_NAME, "ab") as log:
        return subprocess.Popen(
            command,
            env=server_environment(home),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            preexec_fn=_parent_death_signal(),
            # its own session: a Ctrl-C at the terminal reaches the command only, which then stops the
            # server when it is done with it (`serve` pauses its deployments first, on a live server)
            start_new_session=True,
        )


def wait_until_healthy(process: subprocess.Popen, url: str, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not _healthy(url):
        if process.poll() is not None:
            raise ServerStartError(f"the temporary Prefect server stopped ({process.returncode}); see {log}")
        if time.monotonic() > deadline:
            raise ServerStartError(
                f"the temporary Prefect server gave no answer in {timeout:.0f} s; see {log}"
            )
        time.sleep(0.1)


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def temporary_server(home: Path, notify: Callable[[str], None]) -> Iterator[str]:
    """A Prefect server for the block; yields its API URL and stops it after (the kernel stops it if this
    process is killed)."""
    port = _free_port()
    process = start_server(home, port)
    url = f"http://127.0.0.1:{port}/api"
    try:
        notify(f"Prefect temporary server {url} (pid {process.pid}), state in {home}")
        wait_until_healthy(process, url, home / LOG_NAME, STARTUP_TIMEOUT_SECONDS)
        yield url
    finally:
        stop_server(process)
