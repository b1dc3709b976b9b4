#!/usr/bin/env bash
# Shards a small corpus through `concord check --jsonl` with GNU parallel and
# compares the merged output with one process's output.
#
#   tests/streaming/parallel_test.sh CONCORD_BINARY SOURCE_DIR
#
# The corpus: every fixture group (sources by path), the seed pair again as
# inline texts, a group whose id is a number, and a bad line (its error line
# must come out in its place too; it names the line number within its shard,
# so that number is left out of the comparison).
set -euo pipefail
concord=$(realpath "$1")
root=$(realpath "$2")

if ! command -v parallel >/dev/null 2>&1; then
  echo "streaming.parallel_shards: FAIL: GNU parallel not found; run scripts/setup (Debian package parallel)" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/concord-stream.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$root"

python3 - "$tmp/corpus.jsonl" <<'PY'
import json, sys
from pathlib import Path
lines = []
for folder in sorted(Path("fixtures").iterdir()):
    files = sorted(folder.glob("*.txt"))
    if files:
        lines.append({"id": folder.name, "sources": [{"path": str(f)} for f in files]})
seed = sorted(Path("fixtures/seed-kz-us").glob("*.txt"))
lines.append({"id": "seed-inline", "sources": [{"text": f.read_text(encoding="utf-8")} for f in seed]})
lines.append({"id": 42, "sources": [{"path": str(seed[1]), "lang": "es"}]})
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for i, line in enumerate(lines):
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        if i == 2:
            out.write('{"id": "broken", "sources": [\n')
PY
groups=$(wc -l < "$tmp/corpus.jsonl")

status=0
"$concord" check --jsonl -j 1 < "$tmp/corpus.jsonl" > "$tmp/single.jsonl" || status=$?
if [ "$status" -ne 2 ]; then
  echo "streaming.parallel_shards: FAIL: single process exited $status, expected 2 (one bad line)" >&2
  exit 1
fi
if [ "$(wc -l < "$tmp/single.jsonl")" -ne "$groups" ]; then
  echo "streaming.parallel_shards: FAIL: $groups lines in, $(wc -l < "$tmp/single.jsonl") out" >&2
  exit 1
fi

# An error line names the line of its shard's input.
unnumbered() { sed -E 's/"error":"stdin:[0-9]+:/"error":"stdin:N:/' "$1"; }
unnumbered "$tmp/single.jsonl" > "$tmp/single.cmp"

# Two groups per shard, three shards at a time, output in input order.
parallel --will-cite --pipe -N 2 -j 3 --keep-order "$concord" check --jsonl -j 1 \
  < "$tmp/corpus.jsonl" > "$tmp/sharded.jsonl" || true
if ! cmp -s "$tmp/single.cmp" <(unnumbered "$tmp/sharded.jsonl"); then
  echo "streaming.parallel_shards: FAIL: --keep-order shards differ from one process:" >&2
  diff "$tmp/single.cmp" <(unnumbered "$tmp/sharded.jsonl") | head -20 >&2
  exit 1
fi

# Round-robin shards, each with two threads: same lines, any order.
parallel --will-cite --pipe --round-robin -j 2 -N 1 "$concord" check --jsonl -j 2 \
  < "$tmp/corpus.jsonl" > "$tmp/robin.jsonl" || true
if ! cmp -s <(sort "$tmp/single.cmp") <(unnumbered "$tmp/robin.jsonl" | sort); then
  echo "streaming.parallel_shards: FAIL: round-robin shards differ from one process:" >&2
  diff <(sort "$tmp/single.cmp") <(unnumbered "$tmp/robin.jsonl" | sort) | head -20 >&2
  exit 1
fi
echo "streaming.parallel_shards: OK ($groups groups)"
