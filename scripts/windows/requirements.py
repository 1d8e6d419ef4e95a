"""Prints the requirements of the Windows build: pyproject.toml's dependencies with Qt pinned.

The Windows build (the Wine lane and the setup file) pins Qt to PySide6-Essentials 6.9.x, with QtPdf
from PySide6-Addons 6.9.x (PySide6-Pdf starts at 6.12). Qt 6.10 and later link Qt6Core.dll against
the system ICU (icuuc.dll, present from Windows 10 version 1903): Wine 8 lacks it, so those builds
cannot be tested here, and older Windows 10 builds still found in offices would fail at start.
pip evaluates environment markers for the machine it runs on, not for --platform, so the
Windows-only dependencies (colorama for pytest, pywin32-ctypes and pefile for PyInstaller) are named.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QT = ["PySide6-Essentials==6.9.3", "PySide6-Addons==6.9.3", "shiboken6==6.9.3"]
TEST = ["pytest>=8,<10", "pytest-qt>=4.4,<5", "pypdf>=4,<8", "colorama"]
BUILD = ["pyinstaller>=6.10,<7", "pyinstaller-hooks-contrib", "pywin32-ctypes", "pefile", "altgraph"]


def main() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = [d for d in project["dependencies"] if not d.lower().replace("_", "-").startswith("pyside6")]
    for line in [*deps, *QT, *TEST, *BUILD]:
        print(line)


if __name__ == "__main__":
    main()
