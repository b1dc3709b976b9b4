#!/usr/bin/env bash
# -j N checks groups in parallel, but the output must be byte for byte the
# output of -j 1: for --jsonl (more lines than one batch of 16 per job) and
# for the configured groups of a .concord.yaml, in every format.
#
#   tests/streaming/jobs_test.sh CONCORD_BINARY SOURCE_DIR
set -euo pipefail
concord=$(realpath "$1")
root=$(realpath "$2")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/concord-jobs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "streaming.jobs_deterministic: FAIL: $*" >&2; exit 1; }

# Every fixture group, as files; eight rounds, so that -j 4 reads more than
# one batch (64 lines) and threads finish out of order.
mkdir -p "$tmp/project"
groups=0
for folder in "$root"/fixtures/*/; do
  files=("$folder"*.txt)
  [ -e "${files[0]}" ] || continue
  name=$(basename "$folder")
  mkdir -p "$tmp/project/$name"
  cp "${files[@]}" "$tmp/project/$name/"
  groups=$((groups + 1))
done
[ "$groups" -ge 3 ] || fail "only $groups fixture groups found"
python3 - "$tmp/project" > "$tmp/corpus.jsonl" <<'PY'
import json, sys
from pathlib import Path
root = Path(sys.argv[1])
folders = sorted(p for p in root.iterdir() if p.is_dir())
for round in range(8):
    for f in folders:
        print(json.dumps({"id": f"{round}-{f.name}", "sources": [{"path": str(p)} for p in sorted(f.glob("*.txt"))]}))
PY

status=0
"$concord" check --jsonl -j 1 < "$tmp/corpus.jsonl" > "$tmp/j1.jsonl" || status=$?
[ "$status" -le 1 ] || fail "--jsonl -j 1 exited $status"
[ "$(wc -l < "$tmp/j1.jsonl")" -eq "$(wc -l < "$tmp/corpus.jsonl")" ] || fail "--jsonl -j 1: lines in and out differ"
grep -q '"findings":\[{' "$tmp/j1.jsonl" || fail "--jsonl -j 1 found nothing in the fixtures"
for j in 2 4 7; do
  "$concord" check --jsonl -j "$j" < "$tmp/corpus.jsonl" > "$tmp/j$j.jsonl" || true
  cmp -s "$tmp/j1.jsonl" "$tmp/j$j.jsonl" || fail "--jsonl -j $j differs from -j 1"
done

# The configured groups (one per fixture folder), every format.
cat > "$tmp/project/.concord.yaml" <<'YAML'
groups:
  - pattern: "{name}/*.txt"
YAML
cd "$tmp/project"
for format in text json sarif markdown; do
  "$concord" check -j 1 --format "$format" --fail-on none > "$tmp/j1.$format" || fail "check -j 1 --format $format failed"
  [ -s "$tmp/j1.$format" ] || fail "check -j 1 --format $format wrote nothing"
  "$concord" check -j 4 --format "$format" --fail-on none > "$tmp/j4.$format" || fail "check -j 4 --format $format failed"
  cmp -s "$tmp/j1.$format" "$tmp/j4.$format" || fail "check -j 4 --format $format differs from -j 1"
done
"$concord" check -j 1 --fail-on none --report-dir "$tmp/r1" > /dev/null
"$concord" check -j 4 --fail-on none --report-dir "$tmp/r4" > /dev/null
diff -r "$tmp/r1" "$tmp/r4" > /dev/null || fail "--report-dir with -j 4 differs from -j 1"
[ "$(ls "$tmp/r1" | wc -l)" -ge $((groups * 5)) ] || fail "--report-dir wrote $(ls "$tmp/r1" | wc -l) files for $groups groups"
echo "streaming.jobs_deterministic: OK ($groups groups, -j 1/2/4/7)"
