#!/usr/bin/env bash
# Installs what the application (and, with --test, the test suite) needs on a Debian/Ubuntu
# machine or a developer's Linux box: the system libraries Qt needs, fonts with Vietnamese
# coverage, and a virtual environment in .venv with the project installed.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

# System packages: only when we are root on a Debian-like system and something is missing.
packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0
          libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0
          libxcb-image0 fonts-liberation2 fonts-dejavu-core)
if [ "$extras" = "[test]" ]; then
  packages+=(xvfb xauth poppler-utils openssh-client age nsis zip)
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}"

# Compile the translation catalogs once (.mo, not committed): the program otherwise compiles the .po in
# memory at every start, about a tenth of the window's start-up (qt_vi.po, Qt's own texts, is otherwise
# parsed with babel at every start of the window: a sixth). A .po edited later is newer than its .mo,
# and the program then reads the .po again until the next bootstrap.
.venv/bin/python - <<'PY'
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

for po in sorted(Path("resources/translations").glob("*.po")):
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=po.stem)
    with po.with_suffix(".mo").open("wb") as fh:
        write_mo(fh, catalog)
PY
