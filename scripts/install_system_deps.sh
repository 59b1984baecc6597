#!/usr/bin/env bash
# Debian packages baocao uses at run time and in tests, installed when missing:
#   tesseract-ocr + tesseract-ocr-vie  OCR of scanned pages and pictures of tables
#   libreoffice-writer/-calc           .doc/.xls/.rtf/.odt/.ods conversion (headless)
#   poppler-utils, qpdf                rasterising and repairing PDFs (tests, samples)
#   postgresql                         the store on PostgreSQL (tests start a throw-away cluster)
#   chromium                           browser tests of the review app
# Playwright cannot download its own browser here.  Idempotent: skipped when present.
set -euo pipefail
need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata ] || need+=(tesseract-ocr-vie)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer libreoffice-calc)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "warning: missing ${need[*]} (install with apt-get as root); tests that need them will be skipped" >&2
  exit 0
fi
echo "==> apt-get install ${need[*]}"
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
