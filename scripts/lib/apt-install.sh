# Sourced by the CI install scripts: `apt_install PACKAGE...` installs Debian packages
# non-interactively, as root or through `sudo -n`, and fails with one clear line otherwise.
apt_install() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo -n env DEBIAN_FRONTEND=noninteractive); else
      echo "error: installing $* needs root (no sudo available)" >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: $* missing and apt-get is not available (install them by hand)" >&2
    return 1
  fi
  echo "installing $*"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
