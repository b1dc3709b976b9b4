#!/usr/bin/env bash
# Real-client test of `concord lsp`: Neovim (headless) opens a temporary copy
# of a fixture's Persian file, attaches the server and checks the
# diagnostics and the quick fix (see nvim_test.lua).
#
#   tests/lsp/nvim_test.sh CONCORD_BINARY FIXTURE_DIR
#
# Fails (exit 1, with the reason) when nvim is missing: scripts/setup
# installs it (Debian package neovim).
set -euo pipefail
concord=$(realpath "$1")
fixture=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v nvim >/dev/null 2>&1; then
  echo "lsp.neovim: FAIL: nvim not found; run scripts/setup (it installs the Debian package neovim)" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/concord-nvim.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Only the sources: the repository is never touched.
cp "$fixture"/*.txt "$tmp"/

export CONCORD_BIN="$concord"
export CONCORD_FILE="$tmp/000_6b479e2ad706ea28.txt"
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
# timeout: a Lua error that escaped the test would leave nvim waiting.
status=0
timeout 90 nvim --headless --clean -u NONE -i NONE -n -c "luafile $here/nvim_test.lua" </dev/null || status=$?
if [ "$status" -eq 124 ]; then
  echo "lsp.neovim: FAIL: nvim did not finish within 90 s" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "lsp.neovim: FAIL: nvim exited with status $status" >&2
  exit 1
fi
