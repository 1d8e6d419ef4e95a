"""`python main.py` starts the window, like `chilinh gui` (also the PyInstaller entry point)."""

import multiprocessing
import os
import sys

from chilinh_desktop.cli import main

if __name__ == "__main__":
    # Frozen on Windows, worker processes (batch printing) start this executable again:
    # freeze_support() turns such a start into the worker instead of a second window.
    multiprocessing.freeze_support()
    # A windowed (no console) frozen build has no standard streams; messages go nowhere, not to a crash.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    sys.exit(main(sys.argv[1:] or ["gui"]))
