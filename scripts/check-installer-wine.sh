#!/usr/bin/env bash
# Runs installer.nsi's logic under Wine (no Windows at hand).
#
#   bash scripts/check-installer-wine.sh dist/chilinh-<version>-setup.exe
#       The real setup (scripts/build-windows-setup.sh): over an older installation with user data
#       present it upgrades silently per-user; the installed chilinh.exe runs `demo` and `status`
#       on a data file in a folder with a Vietnamese name; a silent uninstall removes the program
#       and keeps the data. Prints the setup's size and SHA-256.
#   bash scripts/check-installer-wine.sh
#       The setup's behaviour with a small fake program folder (folders, registry, shortcuts, data
#       kept or removed on request), several versions.
# Needs makensis and wine64 (apt-get install nsis wine64).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
real_setup=${1:-}
[ -z "$real_setup" ] || real_setup=$(realpath "$real_setup")
wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver64)
[ -x "$wine" ] || { echo "wine64 not found (apt-get install wine64)" >&2; exit 1; }

scratch=$(mktemp -d)
# Wine links the Windows desktop and menus to $HOME: keep them in the scratch folder, no menu entries.
export HOME="$scratch/home" WINEPREFIX="$scratch/prefix" WINEDEBUG=-all \
  WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
mkdir -p "$HOME"
trap '"$wineserver" -k >/dev/null 2>&1 || true; [ -n "${KEEP:-}" ] || rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

make_payload() {  # version, extra file in _internal, [extra makensis define]
  local dir="$scratch/dist-$1"
  mkdir -p "$dir/_internal/forms" "$dir/_internal/resources/translations"
  echo "fake program $1" >"$dir/chilinh.exe"
  echo "forms $1" >"$dir/_internal/forms/cycle.toml"
  echo "mo $1" >"$dir/_internal/resources/translations/vi.mo"
  echo "only in $1" >"$dir/_internal/$2"
  makensis -WX -V1 -INPUTCHARSET UTF8 -DTARGET=amd64-unicode -DCOMPRESSOR=zlib "-DVERSION=$1" ${3:+"$3"} \
    "-DDIST_DIR=$dir" "-DOUT_FILE=$scratch/chilinh-$1-setup.exe" "$root/installer.nsi" \
    || fail "makensis $1"
}

regval() {  # value name -> data of HKCU uninstall key (empty if missing)
  "$wine" reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\chilinh' /v "$1" 2>/dev/null \
    | tr -d '\r' | awk -v n="$1" '$1 == n { $1 = ""; $2 = ""; sub(/^ +/, ""); print }'
}


if [ -n "$real_setup" ]; then
  [ -f "$real_setup" ] || fail "no setup file $real_setup"
  version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
  make_payload 0.0.1 old-only.pyd
  "$wine" wineboot -i >/dev/null 2>&1 || true
  "$wineserver" -w
  local_appdata=$(echo "$WINEPREFIX"/drive_c/users/*/AppData/Local | awk '{print $1}')
  programs="$local_appdata/Programs/chilinh"
  data="$local_appdata/chilinh"
  # 0. An older Windows is refused, nothing installed (Wine 8 makes a new prefix Windows 7, build 7601).
  "$wine" winecfg -v win7 >/dev/null 2>&1; "$wineserver" -w
  if "$wine" "$real_setup" /S; then fail "the setup installed on Windows 7"; fi
  "$wineserver" -w
  [ ! -e "$programs" ] || fail "the refused setup left $programs"
  pass "Windows 7 (build 7601): refused with exit code 2, nothing installed"
  "$wine" winecfg -v win10 >/dev/null 2>&1; "$wineserver" -w
  # An older version installed, and the user's data beside it.
  "$wine" "$scratch/chilinh-0.0.1-setup.exe" /S; "$wineserver" -w
  [ -f "$programs/_internal/old-only.pyd" ] || fail "the older version did not install"
  mkdir -p "$data"
  echo "precious dossiers" >"$data/chilinh.sqlite3"
  # 1. The real setup upgrades it silently, per-user.
  "$wine" "$real_setup" /S; "$wineserver" -w
  [ -f "$programs/chilinh.exe" ] && [ -d "$programs/_internal/PySide6" ] || fail "the real program is not installed"
  [ ! -e "$programs/_internal/old-only.pyd" ] || fail "upgrade left the old version's files"
  [ "$(regval DisplayVersion)" = "$version" ] || fail "DisplayVersion '$(regval DisplayVersion)'"
  grep -q "precious dossiers" "$data/chilinh.sqlite3" || fail "upgrade touched the user's data"
  pass "upgrade 0.0.1 -> $version with the real setup: $(du -sm "$programs" | cut -f1) MiB in %LOCALAPPDATA%\\Programs\\chilinh, data kept"
  # 2. The installed program works. Test-only: Wine 8 lacks bcryptprimitives.dll (see scripts/windows/).
  source "$root/scripts/windows/env.sh" >/dev/null
  [ -f "$WIN_PY_DIR/bcryptprimitives.dll" ] || fail "run scripts/windows/prepare.sh first (stub DLL)"
  cp "$WIN_PY_DIR/bcryptprimitives.dll" "$programs/"
  export WINEPREFIX="$scratch/prefix" WINEDLLOVERRIDES="bcryptprimitives=n;mscoree,mshtml=;winemenubuilder.exe=d"
  work="$local_appdata/Hồ sơ 2023"
  mkdir -p "$work"
  "$wine" "$programs/chilinh.exe" demo --db 'C:\users\'"$(basename "$(dirname "$(dirname "$local_appdata")")")"'\AppData\Local\Hồ sơ 2023\demo.sqlite3' 2>&1 | cat
  [ "${PIPESTATUS[0]}" = 0 ] || fail "installed chilinh.exe demo failed"
  [ -s "$work/demo.sqlite3" ] || fail "installed chilinh.exe demo wrote no data file"
  "$wine" "$programs/chilinh.exe" status --db 'C:\users\'"$(basename "$(dirname "$(dirname "$local_appdata")")")"'\AppData\Local\Hồ sơ 2023\demo.sqlite3' 2>&1 | cat
  [ "${PIPESTATUS[0]}" = 0 ] || fail "installed chilinh.exe status failed"
  units=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from units").fetchone()[0])' "$work/demo.sqlite3")
  pass "installed chilinh.exe ran demo ($units units in a folder named 'Hồ sơ 2023') and status (exit 0)"
  # The frozen program prints a 02B from its bundled forms and fonts into folders with Vietnamese names.
  # (Its window is shown by scripts/build-frozen.sh on the Linux build: under Wine 8 the frozen Windows
  # program's `gui`, even offscreen, ends at once with exit code 9 and shows nothing.)
  windb='C:\users\'"$(basename "$(dirname "$(dirname "$local_appdata")")")"'\AppData\Local\Hồ sơ 2023\demo.sqlite3'
  official=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT d.official_id FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id "
    "WHERE i.kind = '"'self_review'"' AND i.state = '"'complete'"' LIMIT 1").fetchone()[0])' "$work/demo.sqlite3")
  "$wine" "$programs/chilinh.exe" print 02B --db "$windb" --official "$official" --draft \
    --out "${windb%demo.sqlite3}Đơn vị\02B.pdf" 2>&1 | cat
  [ "${PIPESTATUS[0]}" = 0 ] || fail "installed chilinh.exe print failed"
  head -c 5 "$work/Đơn vị/02B.pdf" | grep -q "%PDF-" || fail "installed chilinh.exe printed no PDF"
  pass "installed chilinh.exe printed a 02B into 'Hồ sơ 2023\\Đơn vị'"
  rm -f "$programs/bcryptprimitives.dll"
  # 3. Silent uninstall keeps the data.
  "$wine" "$programs/uninstall.exe" /S; "$wineserver" -w
  for _ in 1 2 3 4 5 6 7 8 9 10; do [ -e "$programs/chilinh.exe" ] || break; sleep 1; "$wineserver" -w; done
  [ ! -e "$programs/chilinh.exe" ] && [ ! -e "$programs/_internal" ] || fail "uninstall left the program"
  [ -z "$(regval DisplayName)" ] || fail "uninstall left the Add/Remove Programs entry"
  grep -q "precious dossiers" "$data/chilinh.sqlite3" || fail "uninstall removed the data"
  [ -s "$work/demo.sqlite3" ] || fail "uninstall removed the user's files"
  pass "uninstall: program and registry entry gone, data kept"
  echo "real setup under Wine: OK: $(basename "$real_setup"), $(stat -c %s "$real_setup") bytes, SHA-256 $(sha256sum "$real_setup" | cut -d' ' -f1)"
  exit 0
fi
make_payload 0.1.0 old-only.pyd
make_payload 0.2.0 new-only.pyd
make_payload 0.3.0 newer-only.pyd -DSILENT_DATA_ANSWER=IDYES
"$wine" wineboot -i >/dev/null 2>&1 || true
"$wineserver" -w
# The setup refuses Windows older than 10 1809; a new Wine 8 prefix says Windows 7.
"$wine" winecfg -v win10 >/dev/null 2>&1; "$wineserver" -w
local_appdata="$WINEPREFIX/drive_c/users/${USER:-$(id -un)}/AppData/Local"
[ -d "$local_appdata" ] || local_appdata=$(echo "$WINEPREFIX"/drive_c/users/*/AppData/Local | awk '{print $1}')
programs="$local_appdata/Programs/chilinh"
data="$local_appdata/chilinh"
startmenu=$(find "$WINEPREFIX/drive_c/users" -path "*Start Menu/Programs" -type d | head -1)

# 1. Fresh install, silent, no administrator rights asked.
"$wine" "$scratch/chilinh-0.1.0-setup.exe" /S; "$wineserver" -w
[ -f "$programs/chilinh.exe" ] || fail "not installed into %LOCALAPPDATA%\\Programs\\chilinh"
[ -f "$programs/uninstall.exe" ] || fail "no uninstaller"
[ -f "$programs/_internal/old-only.pyd" ] || fail "payload incomplete"
[ "$(regval DisplayVersion)" = "0.1.0" ] || fail "DisplayVersion '$(regval DisplayVersion)'"
[ -n "$(regval Publisher)" ] || fail "no Publisher"
[ -n "$(regval EstimatedSize)" ] || fail "no EstimatedSize"
[ -n "$(regval UninstallString)" ] || fail "no UninstallString"
ls "$startmenu" | grep -q "Hồ sơ kiểm điểm.lnk" || fail "no Start-menu shortcut in $startmenu"
desktop_lnk="$local_appdata/../../Desktop/Hồ sơ kiểm điểm.lnk"
[ -e "$desktop_lnk" ] || fail "no desktop shortcut (selected by default)"
pass "install: $programs, HKCU uninstall key (DisplayVersion 0.1.0, Publisher $(regval Publisher), EstimatedSize $(regval EstimatedSize)), Start-menu and desktop shortcuts"

# The user works: a database and settings appear.
mkdir -p "$data"
echo "precious dossiers" >"$data/chilinh.sqlite3"
echo "journal" >"$data/chilinh.sqlite3.edits.json"
"$wine" reg add 'HKCU\Software\chilinh\chilinh' /v language /d vi /f >/dev/null; "$wineserver" -w

# 2. Upgrade in place over 0.1.0.
"$wine" "$scratch/chilinh-0.2.0-setup.exe" /S; "$wineserver" -w
grep -q "fake program 0.2.0" "$programs/chilinh.exe" || fail "upgrade did not replace the program"
[ ! -e "$programs/_internal/old-only.pyd" ] || fail "upgrade left the old version's files"
[ -f "$programs/_internal/new-only.pyd" ] || fail "upgrade payload incomplete"
[ "$(regval DisplayVersion)" = "0.2.0" ] || fail "DisplayVersion after upgrade '$(regval DisplayVersion)'"
grep -q "precious dossiers" "$data/chilinh.sqlite3" || fail "upgrade touched the user's data"
[ -f "$data/chilinh.sqlite3.edits.json" ] || fail "upgrade touched the user's data"
pass "upgrade: same folder, old files gone, DisplayVersion 0.2.0, data folder untouched"

# 3. Uninstall (silent answers the data question with its default: keep).
"$wine" "$programs/uninstall.exe" /S; "$wineserver" -w
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -e "$programs/chilinh.exe" ] || break; sleep 1; "$wineserver" -w; done
[ ! -e "$programs/chilinh.exe" ] || fail "uninstall left the program"
[ ! -e "$programs/_internal" ] || fail "uninstall left _internal"
[ -z "$(regval DisplayName)" ] || fail "uninstall left the Add/Remove Programs entry"
if ls "$startmenu" | grep -q "Hồ sơ"; then fail "uninstall left the Start-menu shortcut"; fi
[ ! -e "$desktop_lnk" ] || fail "uninstall left the desktop shortcut"
grep -q "precious dossiers" "$data/chilinh.sqlite3" || fail "uninstall removed the data without asking"
"$wine" reg query 'HKCU\Software\chilinh\chilinh' /v language >/dev/null 2>&1 || fail "uninstall removed the settings"
pass "uninstall: program, shortcut and registry entry gone; data and settings kept (default answer)"
# 4. Install again: the data is still there. The user deletes the desktop shortcut; an upgrade keeps it away.
"$wine" "$scratch/chilinh-0.2.0-setup.exe" /S; "$wineserver" -w
grep -q "precious dossiers" "$data/chilinh.sqlite3" || fail "reinstall lost the data"
rm -f "$desktop_lnk"
"$wine" "$scratch/chilinh-0.3.0-setup.exe" /S; "$wineserver" -w
[ "$(regval DisplayVersion)" = "0.3.0" ] || fail "DisplayVersion after the second upgrade"
[ ! -e "$desktop_lnk" ] || fail "upgrade brought back the desktop shortcut the user had deleted"
pass "reinstall and upgrade: the user's choice of no desktop shortcut is kept"

# 5. Uninstall answering Yes (a build whose silent answer is Yes stands in for the click):
#    the data folder and the settings go, and nothing else of the user's.
echo "not ours" >"$local_appdata/other-program.txt"
"$wine" "$programs/uninstall.exe" /S; "$wineserver" -w
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -e "$data" ] || break; sleep 1; "$wineserver" -w; done
[ ! -e "$data" ] || fail "answering Yes did not remove the data folder"
if "$wine" reg query 'HKCU\Software\chilinh\chilinh' >/dev/null 2>&1; then fail "settings left after Yes"; fi
[ -f "$local_appdata/other-program.txt" ] || fail "uninstall removed something not its own"
pass "uninstall answering Yes: data folder and settings removed, nothing else"
echo "installer behaviour under Wine: OK"
