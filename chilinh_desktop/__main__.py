"""`python -m chilinh_desktop` starts the window, like `chilinh gui`."""

import sys

from chilinh_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["gui"]))
