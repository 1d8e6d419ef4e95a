"""Builds the project's wheel from a clean copy of the checkout, as `pip install .` would.

A copy, because setuptools builds in the source folder (build/, *.egg-info): two builds at once
would trip over each other, and a module deleted since an earlier build would linger in build/lib.

    python scripts/build-wheel.py OUT_DIR      (prints the wheel's path)

With CHILINH_WHEEL_CACHE set to a folder (as .ci/run does), a wheel is built once per content of the
sources: every later call in the same run (the wheel test, the Windows lane, the Windows setup) copies
the one already built for the same SHA-256 of the copied tree instead of building it again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                              ".ruff_cache", "out", "*.mo", "benchmarks", "tests", "docs")


def source_digest(source: Path) -> str:
    """SHA-256 over the relative names and bytes of every file of the copied tree."""
    digest = hashlib.sha256()
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        digest.update(path.relative_to(source).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_wheel(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    cache = os.environ.get("CHILINH_WHEEL_CACHE")
    if not cache:
        return _build(out)
    with tempfile.TemporaryDirectory(prefix="chilinh-wheel-") as tmp:
        shutil.copytree(ROOT, Path(tmp) / "src", ignore=SKIP)
        folder = Path(cache) / source_digest(Path(tmp) / "src")
    built = sorted(folder.glob("chilinh_desktop-*.whl"))
    if not built:
        partial = folder.with_name(folder.name + f".{os.getpid()}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        _build(partial)
        try:
            partial.rename(folder)
        except OSError:  # another process built the same sources meanwhile
            shutil.rmtree(partial, ignore_errors=True)
        built = sorted(folder.glob("chilinh_desktop-*.whl"))
    return Path(shutil.copy2(built[-1], out / built[-1].name))


def _build(out: Path) -> Path:
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
