#!/usr/bin/env bash
# Set everything up and run the main job on the bundled samples: process the sample
# mailbox export into a store; the run writes the national table for Excel into the
# store and says where it is.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
store="${BAOCAO_STORE:-baocao-data}"
echo "==> baocao run samples/mailbox --store $store"
.venv/bin/baocao run samples/mailbox --store "$store"
echo "==> xong. Mở $store/bao-cao-131.xlsx; 'baocao status --store $store' liệt kê từng tệp;"
echo "    'baocao review --store $store' mở trang rà soát cảnh báo."
