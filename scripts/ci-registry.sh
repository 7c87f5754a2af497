#!/usr/bin/env bash
# Installs what the registry tests (tests/registry/) need on a Debian machine: Debian's
# docker-registry (distribution 2.8; the tests start their own on loopback, never the service)
# skopeo (pushes and inspects images) and openssl. Idempotent: installs only what is missing.
set -euo pipefail
. "$(dirname "$0")/lib/apt-install.sh"

need=()
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || need+=(skopeo)
# openssl makes the certificate of the test's token service (Bearer authentication).
command -v openssl >/dev/null 2>&1 || need+=(openssl)
[ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"
# The package's service is not wanted: the tests run their own registries on free ports.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then systemctl stop docker-registry || true; fi
echo "docker-registry $(dpkg-query -W -f '${Version}' docker-registry), $(skopeo --version)"
