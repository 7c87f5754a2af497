#!/usr/bin/env bash
# Installs what the end-to-end build test (tests/e2e/) needs on a Debian machine without a Docker
# daemon: buildah (builds the generated Dockerfiles, vfs storage, chroot isolation) and
# busybox-static (the only binary inside the test's stand-in base images). Idempotent: does
# nothing when both are present. Non-interactive; prints one line per action.
set -euo pipefail
. "$(dirname "$0")/lib/apt-install.sh"

need=()
command -v buildah >/dev/null 2>&1 || need+=(buildah)
# A static busybox (the tests copy it into images that have no libc); Debian's `busybox` package is dynamic.
dpkg-query -W -f '${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' || need+=(busybox-static)

if [ ${#need[@]} -eq 0 ]; then
  echo "buildah $(buildah --version | awk '{print $3}') and busybox-static present"
  exit 0
fi

apt_install "${need[@]}"
echo "buildah $(buildah --version | awk '{print $3}'), busybox $(/bin/busybox | head -1 | awk '{print $2}')"
