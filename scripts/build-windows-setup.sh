#!/usr/bin/env bash
# The real Windows setup file, built on Linux: PyInstaller runs inside the Windows Python under Wine
# (its Windows wheel carries the Windows bootloader) on chilinh.spec -> dist/chilinh/chilinh.exe,
# then makensis compiles installer.nsi against it -> dist/chilinh-<version>-setup.exe.
# Prepares the Windows Python first (scripts/windows/prepare.sh, cached).
#
#   bash scripts/build-windows-setup.sh            # LZMA, as shipped
#   NSIS_COMPRESSOR=zlib bash scripts/build-windows-setup.sh   # faster
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${CHILINH_SKIP_PREPARE:-}" ] || bash scripts/windows/prepare.sh   # .ci/run prepares once
source scripts/windows/env.sh
trap '"$WINESERVER" -k >/dev/null 2>&1 || true' EXIT
if ! command -v makensis >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nsis >/dev/null
  else
    echo "makensis not found (apt-get install nsis)" >&2; exit 1
  fi
fi
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
rm -rf dist/chilinh build/pyinstaller-win
start=$(date +%s)
winpy -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$(winpath dist)" \
  --workpath "$(winpath build/pyinstaller-win)" "$(winpath chilinh.spec)"
[ -f dist/chilinh/chilinh.exe ] || { echo "PyInstaller under Wine built no dist/chilinh/chilinh.exe" >&2; exit 1; }
echo "frozen Windows build: $(( $(date +%s) - start )) s, $(du -sm dist/chilinh | cut -f1) MiB in dist/chilinh"
# A 64-bit setup: the program needs 64-bit Windows anyway, and Debian's wine64 runs no 32-bit stub.
NSIS_TARGET=amd64-unicode NSIS_COMPRESSOR=${NSIS_COMPRESSOR:-lzma} PYTHON=python3 bash scripts/build-installer.sh
setup="dist/chilinh-$version-setup.exe"
echo "setup: $setup, $(stat -c %s "$setup") bytes, SHA-256 $(sha256sum "$setup" | cut -d' ' -f1)"
