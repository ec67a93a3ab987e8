#!/usr/bin/env bash
# Builds the extension and opens it in real VS Code on the sample articles: the desktop
# `code` when installed, else VS Code in the browser (code-server) on 127.0.0.1.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh"
cd "$root"
node esbuild.mjs
exec node test/host/try.mjs "$@"
