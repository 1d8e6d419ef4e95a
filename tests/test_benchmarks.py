"""Every benchmark script still runs: each one's `--quick` mode in its own process (figures not asserted).

A change that breaks a benchmark (a renamed function, a form that refuses its data) fails here instead of
being found months later when someone wants a figure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted((ROOT / "benchmarks").glob("bench_*.py"))


def test_the_benchmarks_are_found():
    assert len(SCRIPTS) >= 7, SCRIPTS


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_benchmark_runs_quickly(script: Path, tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path),
           "CHILINH_BENCH_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, str(script), "--quick"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip(), "a benchmark prints its figures"
