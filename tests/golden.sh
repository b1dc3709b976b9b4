#!/usr/bin/env bash
# Golden test for one fixture folder: runs `concord check --format json` on
# the folder's sources (every file but expected.* and args, sorted by name,
# from inside the folder so paths are relative) and compares the output with
# expected.json. Extra arguments may be given in the folder's `args` file.
# CONCORD_UPDATE_GOLDEN=1 rewrites expected.json instead (review the diff!).
set -euo pipefail
concord=$(realpath "$1")
fixture=$2
cd "$fixture"
mapfile -t sources < <(find . -maxdepth 1 -type f ! -name 'expected.*' ! -name 'args' ! -name 'README*' ! -name '.*' -printf '%P\n' | LC_ALL=C sort)
args=()
[ -f args ] && read -r -a args < args
actual=$("$concord" check --format json --fail-on none "${args[@]}" "${sources[@]}")
if [ "${CONCORD_UPDATE_GOLDEN:-0}" = 1 ]; then
  printf '%s\n' "$actual" > expected.json
  exit 0
fi
if ! diff -u expected.json <(printf '%s\n' "$actual"); then
  echo "golden: $(basename "$fixture"): output differs from expected.json" >&2
  exit 1
fi
