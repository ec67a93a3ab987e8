#!/usr/bin/env bash
# Installs what building, testing and trying the extension need: Debian packages (Chromium
# for the real VS Code workbench, build tools for code-server's native modules, ripgrep) and
# the npm packages of the extension and of its test host. Quick when nothing changed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
{ command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1; } || missing+=(build-essential)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci only when the lockfile changed since the last install in that folder.
install_folder() {
  local folder=$1
  shift
  local stamp="$folder/node_modules/.news-annotator-lock"
  local lock_hash
  lock_hash=$(sha256sum "$folder/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
    return
  fi
  echo "setup: npm ci in ${folder#"$root"/}"
  (cd "$folder" && env "$@" npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" > "$stamp"
}

install_folder "$root" npm_config_loglevel=error
# code-server's postinstall refuses to run as root without unsafe-perm, and node-pty's runs
# `npx node-gyp`, which a `yes=false` npm setting would cancel.
bash "$root/scripts/ripgrep-cache.sh"
install_folder "$root/test/host" npm_config_unsafe_perm=true npm_config_yes=true
# code-server ships node-pty with the package's own TypeScript test sources, which nothing
# here runs (VS Code loads node-pty's compiled lib/), and one of which (testUtils.test.ts)
# asserts nothing: they are removed, so that a search of the tree for tests that cannot fail
# does not stop at them.
find "$root/test/host/node_modules/code-server/lib/vscode/node_modules/node-pty/src" -name '*.test.ts' -delete 2>/dev/null || true
