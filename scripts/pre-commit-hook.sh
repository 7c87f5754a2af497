#!/bin/sh
# lamina's hook for the pre-commit framework (language: script, see .pre-commit-hooks.yaml). It
# runs in the catalog repository being committed to; lamina itself is this checkout (pre-commit's
# clone of the hook repository at `rev`), installed and built on first use. Arguments: the
# command (validate, check) and its options; the catalog is the committing repository's top.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$here/packages/catalog/dist/cli/main.js" ]; then
  echo "lamina: building lamina in $here (once)" >&2
  (
    cd "$here"
    command -v pnpm >/dev/null 2>&1 || npm install -g pnpm@10.34.9 >&2
    pnpm install --frozen-lockfile >&2
  )
fi
exec node "$here/packages/catalog/bin/lamina.js" "$@" --root "$(git rev-parse --show-toplevel)"
