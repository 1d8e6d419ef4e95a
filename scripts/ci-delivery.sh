#!/usr/bin/env bash
# The Windows delivery checked as far as Linux allows, without Wine (.ci/run checks the real Windows
# setup under Wine instead and runs only scripts/build-frozen.sh of this). Installs PyInstaller into
# .venv, builds the frozen program (dist/chilinh) and runs it offscreen, then compiles installer.nsi
# with makensis, warnings as errors, against that Linux build (a structural check of the script).
# Expects .venv from scripts/bootstrap.sh; installs NSIS when root on Debian and it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v makensis >/dev/null && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nsis >/dev/null
fi
.venv/bin/python -m pip install -q --disable-pip-version-check "pyinstaller>=6.10,<7"

start=$(date +%s)
bash scripts/build-frozen.sh
frozen=$(( $(date +%s) - start ))
start=$(date +%s)
NSIS_COMPRESSOR=${NSIS_COMPRESSOR:-zlib} bash scripts/build-installer.sh
echo "delivery check: frozen build and smoke run ${frozen} s, installer $(( $(date +%s) - start )) s"
