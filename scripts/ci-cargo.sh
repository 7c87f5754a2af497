#!/usr/bin/env bash
# Installs what the real-cargo reuse test (tests/reuse/) needs on a Debian machine that has Rust:
# cargo-chef (built from crates.io once; kept in ~/.cargo/bin between runs), pkg-config and zlib's
# development files (libz-sys links the host zlib through pkg-config there). Idempotent:
# prints one line per tool and installs only what is missing.
set -euo pipefail

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
dpkg-query -W -f '${Status}' zlib1g-dev 2>/dev/null | grep -q 'ok installed' || need+=(zlib1g-dev)
if [ ${#need[@]} -gt 0 ]; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo -n); else
      echo "error: installing ${need[*]} needs root (no sudo available)" >&2
      exit 1
    fi
  fi
  echo "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
echo "pkg-config $(pkg-config --version), zlib $(pkg-config --modversion zlib)"
