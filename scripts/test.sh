#!/usr/bin/env bash
# Every test, from a fresh machine: installs what is missing, then type check, lint, bundle,
# package check, unit tests in Node and integration tests in real VS Code.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh"
cd "$root"
exec node scripts/test.mjs "$@"
