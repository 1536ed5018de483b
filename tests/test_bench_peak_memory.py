"""A benchmark's child reports its own peak memory, not the peak of the process that started it.

Linux hands a program the high-water mark of the memory its process held before `exec`, so `ru_maxrss`
and `wait4` give a child at least its parent's peak (`bench.peak_memory`). These run real processes: a
parent that once touched 300 MiB starts a small child, measured both ways."""

import os
import subprocess
import sys

from bench.peak_memory import peak_mib

PARENT = """
import os, subprocess, sys
from bench.peak_memory import PeakWatch
big = bytearray(300 << 20)
for at in range(0, len(big), 4096):
    big[at] = 1
del big
child = subprocess.Popen([sys.executable, "-c", "import time; block = bytearray(20 << 20); time.sleep(0.3)"])
watch = PeakWatch(child.pid)
_, _, usage = os.wait4(child.pid, 0)
print(usage.ru_maxrss / 1024, watch.stop())
"""


def test_a_child_of_a_process_that_held_300_mib_reports_its_own_peak_where_wait4_reports_the_parents():
    out = subprocess.run(
        [sys.executable, "-c", PARENT], capture_output=True, text=True, check=True, cwd=os.getcwd()
    )
    inherited, own = map(float, out.stdout.split())
    assert inherited >= 300  # what `wait4` says of a child that touched 20 MiB
    assert 20 <= own < 100


def test_this_process_peak_is_its_own_high_water_mark():
    reading = peak_mib()
    block = bytearray(64 << 20)
    for at in range(0, len(block), 4096):
        block[at] = 1
    assert peak_mib() >= reading and peak_mib() >= 64
