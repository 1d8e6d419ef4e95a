"""Where the data folders shipped with the program live: forms/ and resources/.

The same lookup serves a source checkout, an editable install and a frozen
(PyInstaller) build, which unpacks them beside the executable in sys._MEIPASS.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def install_root() -> Path:
    """The folder that holds forms/ and resources/."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def forms_dir() -> Path:
    """The top-level forms/ folder with cycle and form definitions."""
    return install_root() / "forms"


def resources_dir() -> Path:
    """The top-level resources/ folder (translations, icons, style sheet)."""
    return install_root() / "resources"
