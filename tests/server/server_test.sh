#!/usr/bin/env bash
# A check handed to `concord serve` (CONCORD_SERVER) must be the check run
# in the client's own process: stdout, stderr, written files, exit status.
#
#   tests/server/server_test.sh CONCORD_BINARY SOURCE_DIR
set -euo pipefail
concord=$(realpath "$1")
root=$(realpath "$2")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/concord-server.XXXXXX")
server_pid=""
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "server.same_as_in_process: FAIL: $*" >&2
  [ ! -f "$tmp/server.log" ] || sed 's/^/  server: /' "$tmp/server.log" >&2
  exit 1
}

mkdir -p "$tmp/work/seed" "$tmp/work/reports-in" "$tmp/work/reports-srv"
cp "$root"/fixtures/seed-kz-us/*.txt "$tmp/work/seed/"
printf 'not\0text\n' > "$tmp/work/binary.txt"
socket="$tmp/run/server.sock"
cd "$tmp/work"

"$concord" serve --socket "$socket" --verbose 2> "$tmp/server.log" &
server_pid=$!
for _ in $(seq 1 600); do
  grep -q "serving at" "$tmp/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited"
  sleep 0.1
done
grep -q "serving at $socket" "$tmp/server.log" || fail "the server did not start in 60 s"
[ "$(stat -c %a "$tmp/run")" = 700 ] || fail "the socket's folder is not private (0700)"

served() { grep -c "server: running" "$tmp/server.log" || true; }

# run NAME ARGS...: the same command in-process and through the server.
run() {
  local name=$1
  shift
  local in_status=0 srv_status=0 before
  "$concord" "$@" > "$tmp/$name.in.out" 2> "$tmp/$name.in.err" < "${stdin:-/dev/null}" || in_status=$?
  before=$(served)
  CONCORD_SERVER="$socket" "$concord" "$@" > "$tmp/$name.srv.out" 2> "$tmp/$name.srv.err" \
    < "${stdin:-/dev/null}" || srv_status=$?
  [ "$(served)" -gt "$before" ] || fail "$name: the server did not run the check"
  [ "$in_status" = "$srv_status" ] || fail "$name: exit status $in_status in-process, $srv_status through the server"
  cmp -s "$tmp/$name.in.out" "$tmp/$name.srv.out" || fail "$name: stdout differs"
  cmp -s "$tmp/$name.in.err" "$tmp/$name.srv.err" || fail "$name: stderr differs"
  echo "$in_status"
}

files=(seed/000_6b479e2ad706ea28.txt seed/001_40c67a450acdc9de.txt)
for format in text json sarif markdown html; do
  status=$(run "$format" check --format "$format" "${files[@]}")
  [ "$status" = 1 ] || fail "$format: the seed pair's findings should give exit status 1, got $status"
  [ -s "$tmp/$format.srv.out" ] || fail "$format: no output"
done
[ "$(run fail-on-none check --fail-on none "${files[@]}")" = 0 ] || fail "--fail-on none: exit status"
[ "$(run bad-source check seed/000_6b479e2ad706ea28.txt binary.txt)" = 2 ] || fail "binary source: exit status"
grep -q "binary.txt" "$tmp/bad-source.srv.err" || fail "binary source: the error does not name the file"
[ "$(run extract extract "${files[@]}")" = 0 ] || fail "extract: exit status"

# Files written by the child land in the client's folder.
run report-in check --report-dir reports-in "${files[@]}" > /dev/null
mv reports-in reports-in.1 && mkdir reports-in
CONCORD_SERVER="$socket" "$concord" check --report-dir reports-in "${files[@]}" > /dev/null || true
diff -r reports-in.1 reports-in > /dev/null || fail "--report-dir: the reports differ"

# --jsonl: the child reads the client's stdin.
python3 - "$tmp/work" > "$tmp/corpus.jsonl" <<'PY'
import json, sys
print(json.dumps({"id": "seed", "sources": [{"path": "seed/000_6b479e2ad706ea28.txt"}, {"path": "seed/001_40c67a450acdc9de.txt"}]}))
print(json.dumps({"id": "inline", "sources": [{"lang": "es", "text": "Se reconoció el 16 de diciembre de 1991."}]}))
PY
stdin="$tmp/corpus.jsonl" run jsonl check --jsonl > /dev/null
[ "$(wc -l < "$tmp/jsonl.srv.out")" = 2 ] || fail "--jsonl: two lines expected"
unset stdin

# A config written after the server started: the child builds the engine
# it asks for (the spelling check off), not the warm one.
cat > .concord.yaml <<'YAML'
groups:
  - name: seed
    sources: [seed/000_6b479e2ad706ea28.txt, seed/001_40c67a450acdc9de.txt]
checks:
  spelling: {enabled: false}
YAML
[ "$(run config check --format json)" = 1 ] || fail "config: exit status"
grep -q '"rule": "spelling"' "$tmp/json.srv.out" || fail "the seed pair should have spelling findings"
! grep -q '"rule": "spelling"' "$tmp/config.srv.out" || fail "config: the spelling check is off, yet it reported"
grep -q '"rule": "name"' "$tmp/config.srv.out" || fail "config: the other checks should still report"
rm .concord.yaml

# No server there, or a server of another build: checked here, same result.
before=$(served)
CONCORD_SERVER="$tmp/none.sock" "$concord" check --format json "${files[@]}" > "$tmp/none.out" || true
cmp -s "$tmp/json.in.out" "$tmp/none.out" || fail "no server: the output differs"
cp "$concord" "$tmp/other-build"
touch -d '2001-01-01' "$tmp/other-build"
CONCORD_RULES="$root/rules" CONCORD_SERVER="$socket" "$tmp/other-build" check --format json "${files[@]}" \
  > "$tmp/other.out" || true
cmp -s "$tmp/json.in.out" "$tmp/other.out" || fail "another build: the output differs"
grep -q "server: refused" "$tmp/server.log" || fail "another build: the server did not refuse it"
[ "$(served)" = "$before" ] || fail "the server ran a check it should have refused"

kill -0 "$server_pid" || fail "the server died"
echo "server.same_as_in_process: ok ($(served) checks served)"
