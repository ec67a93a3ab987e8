#!/usr/bin/env bash
# @vscode/ripgrep (pulled in by code-server) downloads ripgrep from GitHub in its postinstall,
# which these machines cannot reach. It looks in a cache folder first, so put Debian's rg there
# under the name it expects.
set -euo pipefail
rg_bin=$(command -v rg || true)
if [ -z "$rg_bin" ]; then
  echo "ripgrep-cache: rg is not installed (apt-get install ripgrep)" >&2
  exit 1
fi
cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
tarball="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$tarball" ]; then
  mkdir -p "$cache"
  work=$(mktemp -d)
  cp "$rg_bin" "$work/rg"
  tar -czf "$tarball" -C "$work" rg
  rm -rf "$work"
fi
