#!/usr/bin/env bash
# Set everything up and run the main job on the bundled samples: process the sample
# mailbox export into a store, then export the national table for Excel.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
store="${BAOCAO_STORE:-baocao-data}"
echo "==> baocao run samples/mailbox --store $store"
.venv/bin/baocao run samples/mailbox --store "$store" --json
echo "==> baocao export --store $store --out $store/bao-cao-131.xlsx"
.venv/bin/baocao export --store "$store" --out "$store/bao-cao-131.xlsx"
echo "==> done: open $store/bao-cao-131.xlsx; 'baocao extract samples/reports' prints per-report JSON"
