#!/usr/bin/env bash
# Browser tests drive the system Chromium (Debian's package), never a downloaded browser, and read
# printed PDFs with pdftotext (Debian's poppler-utils).
# Runs before `npm test`: installs what is missing when we may (root with apt-get), otherwise says how to.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing Debian's ${missing[*]} for the browser tests" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "ensure-chromium: the browser tests need ${missing[*]} (Debian: sudo apt-get install -y ${missing[*]}; or set CHROMIUM_PATH for Chromium)" >&2
exit 1
