"""The window fixtures of the UI tests (make_window, window, the open-window check) serve the Word tests too."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "ui"))  # ui_helpers: driving the window like a person

from ui.conftest import _no_window_left_open, make_window, qsettings, window  # noqa: F401
