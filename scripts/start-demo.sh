#!/usr/bin/env bash
# Installs everything, then opens the application on the embedded demo city.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/chilinh gui --demo "$@"
