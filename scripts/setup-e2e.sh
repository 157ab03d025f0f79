#!/usr/bin/env bash
# Installs what the browser end-to-end tests need, without downloading any browser build:
# Debian's chromium, and the npm packages pinned in tests/e2e/package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "setup-e2e: chromium is missing; install Debian's package: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
if [ -f tests/e2e/package.json ]; then
  (cd tests/e2e && if [ -f package-lock.json ]; then npm ci --silent --no-audit --no-fund; else npm install --silent --no-audit --no-fund; fi)
fi
