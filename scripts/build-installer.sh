#!/usr/bin/env bash
# Compiles installer.nsi with makensis, warnings as errors, against the frozen build in dist/chilinh.
# On Linux this is a structural check (the bundle holds a Linux program); the real setup file is
# built on Windows (scripts/build-windows.ps1, .github/workflows/windows.yml).
#
#   bash scripts/build-installer.sh                # dist/chilinh-<version>-setup.exe, LZMA (as shipped)
#   NSIS_COMPRESSOR=zlib bash scripts/build-installer.sh   # faster, for the CI check
set -euo pipefail
cd "$(dirname "$0")/.."

command -v makensis >/dev/null || { echo "makensis not found (apt-get install nsis)" >&2; exit 1; }
version=$("${PYTHON:-.venv/bin/python}" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
dist=dist/chilinh
exe=chilinh.exe
[ -f "$dist/$exe" ] || exe=chilinh
[ -f "$dist/$exe" ] || { echo "no frozen build in $dist: run scripts/build-frozen.sh first" >&2; exit 1; }
out="dist/chilinh-$version-setup.exe"
compressor=${NSIS_COMPRESSOR:-lzma}

start=$(date +%s)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! makensis -WX -V2 -INPUTCHARSET UTF8 \
    "-DVERSION=$version" "-DDIST_DIR=$PWD/$dist" "-DEXE_NAME=$exe" "-DOUT_FILE=$PWD/$out" \
    "-DCOMPRESSOR=$compressor" ${NSIS_TARGET:+"-DTARGET=$NSIS_TARGET"} installer.nsi >"$log" 2>&1; then
  cat "$log" >&2
  echo "makensis failed (warnings are errors)" >&2
  exit 1
fi
cat "$log"
warnings=$(grep -ci "^warning" "$log" || true)
echo "makensis: $warnings warnings"
[ "$warnings" = 0 ] || exit 1
echo "installer: $out, $(du -m "$out" | cut -f1) MiB, $compressor, compiled in $(( $(date +%s) - start )) s"
