#!/usr/bin/env bash
# Debian packages the test suite uses: Chromium for the browser tests of the review
# app (Playwright cannot download its own browser here).  Skipped when present.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "warning: missing ${need[*]} (install with apt-get as root); browser tests will be skipped" >&2
  exit 0
fi
echo "==> apt-get install ${need[*]}"
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
