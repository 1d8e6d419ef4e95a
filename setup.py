"""Build hook: the top-level forms/ and resources/ also ship inside the wheel.

They stay top-level source folders (DESIGN.md); a wheel (pip install ., pipx, a Windows build from the
wheel) carries a copy under chilinh_desktop/_shipped/, where chilinh_desktop.resources finds them.
An editable install keeps reading the checkout's folders. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = ("forms", "resources")
# Compiled catalogs are rebuilt from the .po files; pending/ holds translation fragments being merged.
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "pending")


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "chilinh_desktop" / "_shipped"
        for name in SHIPPED:
            source = ROOT / name
            if not source.is_dir():
                raise SystemExit(f"setup.py: {source} is missing (an sdist must graft it: MANIFEST.in)")
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(source, target / name, ignore=IGNORE)


setup(cmdclass={"build_py": BuildPyWithData})
