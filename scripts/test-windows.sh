#!/usr/bin/env bash
# The Windows lane: the Windows build of chilinh (embeddable CPython 3.11, Windows wheels, Qt 6.9)
# under Wine, running tests/windows with pytest inside the Windows Python. Everything it needs is
# prepared and cached outside the checkout by scripts/windows/prepare.sh (a second run is quick).
#
#   bash scripts/test-windows.sh                 # prepare, then the whole Windows suite
#   bash scripts/test-windows.sh -k console      # arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${CHILINH_SKIP_PREPARE:-}" ] || bash scripts/windows/prepare.sh   # .ci/run prepares once
source scripts/windows/env.sh
trap '"$WINESERVER" -k >/dev/null 2>&1 || true' EXIT
if [ ! -f "$WINEPREFIX/system.reg" ]; then  # a prefix named by CHILINH_WINEPREFIX, first use (~20 s)
  "$WINE" wineboot -i >/dev/null 2>&1 || true
  "$WINESERVER" -w
fi
fonts=/usr/share/fonts/truetype/dejavu
[ -d "$fonts" ] || { echo "no TrueType fonts in $fonts (apt-get install fonts-dejavu-core)" >&2; exit 1; }
export CHILINH_TEST_FONTDIR=$(winpath "$fonts")
# -s: with pytest's file capture as the standard handles, Python children started from the test
# process hang under Wine (the same quirk as a regular file on stdout); every check reads the
# children's output through pipes instead. -p no:cacheprovider: nothing written into the checkout.
start=$(date +%s)
# A guard: a hung Windows process must end the lane, not the CI run (wineserver -k on exit). 40 minutes:
# in CI the lane shares the two cores with pytest and the setup build (about 5 minutes when alone).
set +e
timeout 2400 "$WINE" "$WIN_PY_DIR/python.exe" -m pytest -s -q --durations=5 -p no:cacheprovider -p no:randomly -o addopts="-ra --strict-markers" ${CHILINH_WIN_TESTS:-tests/windows} "$@" 2>&1 | cat
status=${PIPESTATUS[0]}
set -e
echo "windows lane: $(( $(date +%s) - start )) s under Wine"
exit $status
