#!/usr/bin/env bash
# Installs what the site's browser test (tests/site/browser.test.ts) needs on a Debian machine:
# Debian's chromium, driven by playwright-core (a dev dependency that downloads no browser).
# Idempotent: does nothing when chromium is present. Non-interactive; prints one line.
set -euo pipefail
. "$(dirname "$0")/lib/apt-install.sh"

if ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium
fi
echo "$(chromium --version 2>/dev/null || echo 'chromium (version unknown)')"
