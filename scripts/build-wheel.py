"""Builds the project's wheel from a clean copy of the checkout, as `pip install .` would.

A copy, because setuptools builds in the source folder (build/, *.egg-info): two builds at once
would trip over each other, and a module deleted since an earlier build would linger in build/lib.

    python scripts/build-wheel.py OUT_DIR      (prints the wheel's path)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                              ".ruff_cache", "out", "*.mo", "benchmarks", "tests", "docs")


def build_wheel(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chilinh-wheel-") as tmp:
        source = Path(tmp) / "src"
        shutil.copytree(ROOT, source, ignore=SKIP)
        before = set(out.glob("chilinh_desktop-*.whl"))
        subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--disable-pip-version-check", "--no-deps",
                        "-w", str(out), str(source)], check=True, cwd=tmp)
    wheels = sorted(set(out.glob("chilinh_desktop-*.whl")) - before) or sorted(out.glob("chilinh_desktop-*.whl"))
    return wheels[-1]


if __name__ == "__main__":
    print(build_wheel(Path(sys.argv[1])))
