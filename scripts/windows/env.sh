# Sourced by the Windows lane's scripts: where the Windows build lives and how to run it under Wine.
#   CHILINH_WIN_CACHE  cache folder outside the checkout (default /var/cache/chilinh-win as root,
#                      else ~/.cache/chilinh-win): the embeddable CPython with the Windows wheels,
#                      the Wine prefix, downloads. Delete it to start over.
if [ -z "${CHILINH_WIN_CACHE:-}" ]; then
  if [ "$(id -u)" = 0 ]; then CHILINH_WIN_CACHE=/var/cache/chilinh-win
  else CHILINH_WIN_CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/chilinh-win; fi
fi
export CHILINH_WIN_CACHE
WIN_PY_DIR=$CHILINH_WIN_CACHE/python-3.11
WIN_SITE=$WIN_PY_DIR/Lib/site-packages
WINE=$(command -v wine64 || echo /usr/lib/wine/wine64)
WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver64)
# The prefix stays in the cache (wineboot takes ~20 s); WINEDEBUG=-all silences Wine's fixme lines;
# bcryptprimitives=n loads the test-only stub beside python.exe (Wine 8 has no ProcessPrng);
# no Mono/Gecko prompts, no menu entries on the Linux desktop.
# CHILINH_WINEPREFIX names another prefix: .ci/run gives the Windows test lane one of its own, so the
# setup build beside it never shares (nor, ending, kills) the lane's wineserver.
export WINEPREFIX=${CHILINH_WINEPREFIX:-$CHILINH_WIN_CACHE/prefix} WINEDEBUG=-all \
  WINEDLLOVERRIDES="bcryptprimitives=n;mscoree,mshtml=;winemenubuilder.exe=d"

# Runs the Windows python.exe. Python under Wine fails to start when stdout or stderr is a regular
# file, so both go through a pipe (cat). The exit status is python's.
winpy() {
  "$WINE" "$WIN_PY_DIR/python.exe" "$@" 2>&1 | cat
  return "${PIPESTATUS[0]}"
}

# Z:\ is Wine's view of the Linux root.
winpath() { printf 'Z:%s' "$(realpath -m "$1" | tr / '\\')"; }
