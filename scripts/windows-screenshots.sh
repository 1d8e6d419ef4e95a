#!/usr/bin/env bash
# Refreshes docs/windows-*.png, the README's screenshots of the Windows build (Qt 6.9 under Wine, offscreen):
# the Windows lane's window test with its screenshots written into docs/ instead of dist/screenshots/.
# A CI run never changes tracked files; this command does, on purpose: look at the pictures, then commit.
#
#   bash scripts/windows-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/windows/env.sh
CHILINH_SCREENSHOTS=$(winpath "$PWD/docs")
export CHILINH_SCREENSHOTS
CHILINH_WIN_TESTS=tests/windows/test_window.py exec bash scripts/test-windows.sh
