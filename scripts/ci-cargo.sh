#!/usr/bin/env bash
# Installs what the real-cargo reuse test (tests/reuse/) needs on a Debian machine that has Rust:
# cargo-chef (built from crates.io once; kept in ~/.cargo/bin between runs), pkg-config, zlib's and
# SQLite's development files (the test's native layers stand in with the host's libraries). Idempotent:
# prints one line per tool and installs only what is missing.
set -euo pipefail
. "$(dirname "$0")/lib/apt-install.sh"

CARGO_CHEF_VERSION=0.1.78
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: cargo is not installed (the reuse test cooks with real cargo; install Rust with rustup)" >&2
  exit 1
fi
echo "$(cargo --version)"

if ! cargo chef --version 2>/dev/null | grep -q " $CARGO_CHEF_VERSION\$"; then
  echo "installing cargo-chef $CARGO_CHEF_VERSION (cargo install --locked, a few minutes once)"
  cargo install --locked --quiet --version "$CARGO_CHEF_VERSION" cargo-chef
fi
echo "cargo-chef $CARGO_CHEF_VERSION"

need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
for pkg in zlib1g-dev libsqlite3-dev; do
  dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"
echo "pkg-config $(pkg-config --version), zlib $(pkg-config --modversion zlib), sqlite $(pkg-config --modversion sqlite3)"
