#!/usr/bin/env bash
# Set everything up and run the whole test suite (lint + pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/install_system_deps.sh
echo "==> ruff check"
.venv/bin/ruff check .
echo "==> pytest"
.venv/bin/python -m pytest "$@"
