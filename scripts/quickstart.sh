#!/usr/bin/env bash
# Set everything up and run the main job on the bundled samples.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "==> baocao extract samples/reports (one JSON line per report)"
.venv/bin/baocao extract samples/reports
