"""`python main.py` starts the window, like `chilinh gui` (also the PyInstaller entry point)."""

import sys

from chilinh_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["gui"]))
