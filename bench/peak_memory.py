"""A process's own peak resident size, which `getrusage().ru_maxrss` is not for a process that a bigger one
started.

At `exec` Linux keeps the high-water mark of the memory the process had before (the parent's, copied by
`fork`, or shared by `vfork`) and reports it in the new program's `ru_maxrss` and in its parent's `wait4`:
a 10 MiB child of a parent that had once touched 600 MiB reads 611 MiB there. So a tokenize child started
by a benchmark that had generated a 4M-row zone, or a Dask worker spawned by a process that had loaded
spaCy, showed the parent's peak as its own. `VmHWM` (/proc/PID/status) is the program's own peak.
"""

from __future__ import annotations

import resource
import threading
from pathlib import Path

POLL_SECONDS = 0.05


def status_kib(field: str, pid: int | str = "self") -> int | None:
    """A memory field of /proc/PID/status in KiB (`VmRSS`, `VmHWM`); None when the process has no such
    field (exited: a zombie has no memory left) or there is no /proc."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return None


def peak_mib(pid: int | str = "self") -> float | None:
    """`VmHWM` of `pid` in MiB; None once it has exited (or where /proc has none: then, for this process,
    `ru_maxrss`, which may hold its parent's peak, see the module)."""
    kib = status_kib("VmHWM", pid)
    if kib is not None:
        return kib / 1024
    if pid == "self":
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return None


class PeakWatch:
    """Reads a child's `VmHWM` every `POLL_SECONDS` until it exits: the last reading is its peak (a
    high-water mark only rises; what it reaches in its last 50 ms is missed). `stop()` after reaping it."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak = 0.0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stopped.is_set():
            reading = peak_mib(self.pid)
            if reading is None:
                return  # exited (a zombie has no memory left), so its pid is never read once reused
            self.peak = max(self.peak, reading)
            self._stopped.wait(POLL_SECONDS)

    def stop(self) -> float:
        self._stopped.set()
        self._thread.join()
        return self.peak
