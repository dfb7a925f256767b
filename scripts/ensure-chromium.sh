#!/usr/bin/env bash
# Browser tests drive the system Chromium (Debian's package), never a downloaded browser.
# Runs before `npm test`: installs Chromium when it is missing and we may (root with apt-get),
# otherwise says how to.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing; installing Debian's chromium package" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "ensure-chromium: the browser tests need Chromium at $CHROMIUM (Debian: sudo apt-get install -y chromium; or set CHROMIUM_PATH)" >&2
exit 1
