"""Tasks for render/workers.py's tests: module-level, so spawned workers import them by name.

They misbehave only inside a worker process (a crash, a hang), as a broken worker would; run again
in the test's own process they simply succeed, so what the parent redoes can be seen."""

from __future__ import annotations

import multiprocessing
import os
import time


def square_or_misbehave(job: tuple[str, int]) -> int:
    what, n = job
    in_worker = multiprocessing.parent_process() is not None
    if in_worker and what == "die":
        os._exit(3)  # as a crash in a C library, or the process killed from outside
    if in_worker and what == "hang":
        time.sleep(600)  # as a worker stuck on a pipe
    if what == "raise":
        raise ValueError(f"bad job {n}")
    return n * n
