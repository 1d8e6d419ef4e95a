#!/usr/bin/env bash
# Installs everything the tests need, then runs every check: lint, layer contracts,
# translation catalog completeness, and the whole pytest suite (tests in random order).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${CHILINH_BOOTSTRAPPED:-}" ] || bash scripts/bootstrap.sh --test   # .ci/run has just done it
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/lint-imports
.venv/bin/python scripts/catalog.py --check
.venv/bin/python -m pytest "$@"
