#!/usr/bin/env bash
# Builds the frozen one-folder program with PyInstaller (chilinh.spec -> dist/chilinh/) and runs it
# once offscreen: --version, the window on a temporary demo city, a PDF printed into a folder with a
# Vietnamese name. Nothing outside a temporary folder is touched (HOME and XDG folders point into it).
#
#   bash scripts/build-frozen.sh            # build + smoke run
#   bash scripts/build-frozen.sh --no-build # smoke run of the existing dist/chilinh only
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
py=.venv/bin/python

version=$("$py" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')

if [ "${1:-}" != "--no-build" ]; then
  if [ ! -x .venv/bin/pyinstaller ]; then
    "$py" -m pip install -q --disable-pip-version-check "pyinstaller>=6.10,<7"
  fi
  start=$(date +%s)
  "$py" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller chilinh.spec
  echo "frozen build: $(( $(date +%s) - start )) s, $(du -sm dist/chilinh | cut -f1) MiB in dist/chilinh"
fi

exe=dist/chilinh/chilinh
[ -x "$exe" ] || exe=dist/chilinh/chilinh.exe
[ -x "$exe" ] || { echo "frozen build missing: dist/chilinh/chilinh" >&2; exit 1; }
for needed in forms/cycles resources/translations/vi.mo resources/translations/en.mo resources/translations/qt_vi.mo; do
  [ -e "dist/chilinh/_internal/$needed" ] || { echo "frozen build lacks _internal/$needed" >&2; exit 1; }
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export QT_QPA_PLATFORM=offscreen CHILINH_LANG=vi
mkdir -p "$HOME"
work="$scratch/Hồ sơ 2023"
db="$work/demo.sqlite3"

# 1. The version comes from pyproject.toml through the bundled metadata.
got=$("$root/$exe" --version)
[ "$got" = "chilinh $version" ] || { echo "frozen --version said '$got', expected 'chilinh $version'" >&2; exit 1; }

# 2. The window opens on a fresh demo city, is shown, and quits by itself (CHILINH_SMOKE=1).
start=$(date +%s)
out=$(cd "$scratch" && CHILINH_SMOKE=1 timeout 300 "$root/$exe" gui --demo --db "$db" 2>&1) || {
  echo "$out" >&2; echo "frozen app failed to start offscreen" >&2; exit 1; }
grep -q "chilinh smoke: window shown: True" <<<"$out" || { echo "$out" >&2; echo "window not shown" >&2; exit 1; }
echo "frozen window: shown and closed in $(( $(date +%s) - start )) s (demo city built in $db)"

# 3. Forms from the bundle, fonts, and a PDF written into folders with Vietnamese names.
official=$("$py" - "$db" <<'PY'
import sqlite3, sys
with sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True) as conn:
    print(conn.execute("SELECT d.official_id FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id "
                       "WHERE i.kind = 'self_review' AND i.state = 'complete' LIMIT 1").fetchone()[0])
PY
)
pdf="$work/Đơn vị/02B.pdf"
"$root/$exe" print 02B --db "$db" --official "$official" --draft --out "$pdf" >/dev/null
head -c 5 "$pdf" | grep -q "%PDF-" || { echo "frozen print wrote no PDF" >&2; exit 1; }
"$root/$exe" --help | grep -q "Cách dùng" || { echo "frozen build is not in Vietnamese (.mo missing?)" >&2; exit 1; }

echo "frozen app started offscreen: OK (chilinh $version)"
