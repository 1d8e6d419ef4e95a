"""Where the data folders shipped with the program live: forms/ and resources/.

One lookup serves every way the program is installed:
- a frozen (PyInstaller) build unpacks them beside the executable, in sys._MEIPASS;
- a wheel (pip install ., pipx, the Windows build) carries them inside the package, as
  chilinh_desktop/_shipped/ (setup.py copies them there at build time);
- a source checkout and an editable install read the top-level folders beside the package.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources as _importlib_resources
from pathlib import Path

SHIPPED = "_shipped"


def _holds_data(folder: Path) -> bool:
    return (folder / "forms").is_dir() and (folder / "resources").is_dir()


@cache
def install_root() -> Path:
    """The folder that holds forms/ and resources/."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    packaged = _importlib_resources.files(__package__) / SHIPPED
    # A wheel installs as plain files, so the Traversable is a real folder on disk.
    if isinstance(packaged, Path) and _holds_data(packaged):
        return packaged
    checkout = Path(__file__).resolve().parent.parent
    if _holds_data(checkout):
        return checkout
    raise FileNotFoundError(
        f"chilinh: forms/ and resources/ are missing: neither {packaged} nor {checkout} holds them "
        "(a broken installation: install the program again)"
    )


def forms_dir() -> Path:
    """The top-level forms/ folder with cycle and form definitions."""
    return install_root() / "forms"


def resources_dir() -> Path:
    """The top-level resources/ folder (translations, icons, style sheet)."""
    return install_root() / "resources"
