# Shared by every stub of the stand-in base image (sourced, busybox ash). A stub records each call
# as one line `<tool>\t<cwd>\t<args>` in /e2e-log/calls.log — a directory the test mounts into
# every RUN (`buildah bud -v`), so the record leaves the build without entering any image layer.
# Secrets are recorded by path and sha256 only: their content never reaches a log.
E2E_LOG_DIR=/e2e-log
[ -d "$E2E_LOG_DIR" ] || E2E_LOG_DIR=/tmp
E2E_STUBS=/usr/share/lamina-e2e/stubs

e2e_log() { # tool args...
  e2e_tool=$1; shift
  printf '%s\t%s\t%s\n' "$e2e_tool" "$PWD" "$*" >>"$E2E_LOG_DIR/calls.log"
}

# What an AWS client (sccache's S3 backend) would find: the shared-credentials file named by
# AWS_SHARED_CREDENTIALS_FILE, the default ~/.aws/credentials, any mounted secret, and the key
# variables. One line per source: `secret\t<tool>\t<where>\t<sha256>`, where <where> is
# `AWS_SHARED_CREDENTIALS_FILE=<path>` when the variable led to it.
e2e_secret_file() { # tool how path
  [ -n "$3" ] && [ -e "$3" ] || return 0
  if [ -r "$3" ]; then
    printf 'secret\t%s\t%s%s\t%s\n' "$1" "$2" "$3" "$(sha256sum <"$3" | cut -c1-64)" >>"$E2E_LOG_DIR/secrets.log"
  else
    printf 'secret-unreadable\t%s\t%s%s\t-\n' "$1" "$2" "$3" >>"$E2E_LOG_DIR/secrets.log"
  fi
}

e2e_observe_secrets() { # tool
  e2e_secret_file "$1" "AWS_SHARED_CREDENTIALS_FILE=" "${AWS_SHARED_CREDENTIALS_FILE:-}"
  for f in "$HOME/.aws/credentials" /root/.aws/credentials /run/secrets/*; do e2e_secret_file "$1" "" "$f"; done
  for v in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN; do
    eval "val=\${$v:-}"
    [ -n "$val" ] && printf 'secret-env\t%s\t%s\t%s\n' "$1" "$v" "$(printf %s "$val" | sha256sum | cut -c1-64)" >>"$E2E_LOG_DIR/secrets.log"
  done
  return 0
}

# Files a stub serves in place of the network, keyed by the sha256 of the URL: first from
# /e2e-www (a directory the test may mount to serve tampered bytes), then from the image.
e2e_served() { # url -> path or empty
  e2e_key=$(printf %s "$1" | sha256sum | cut -c1-64)
  for d in /e2e-www /usr/share/lamina-e2e/www; do
    if [ -f "$d/$e2e_key" ]; then echo "$d/$e2e_key"; return 0; fi
  done
  return 1
}
