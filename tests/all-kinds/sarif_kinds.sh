#!/usr/bin/env bash
# The SARIF of a fixture folder that plants every kind of finding
# (fixtures/all-kinds): one rule per registered check, every registered
# check with at least one result, and each result tied to its own rule.
#
#   tests/all-kinds/sarif_kinds.sh CONCORD FIXTURE_DIR
#
# The registered checks are what `concord rules` lists ("check ID (KIND,
# SEVERITY)"), so a new check fails this test until the fixture plants a
# finding of it. The sources are chosen as golden.sh chooses them.
set -euo pipefail
concord=$(realpath "$1")
fixture=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$concord" rules > "$out/rules.txt"
cd "$fixture"
mapfile -t sources < <(find . -maxdepth 1 -type f ! -name 'expected.*' ! -name 'args' ! -name 'README*' ! -name '.*' -printf '%P\n' | LC_ALL=C sort)
extra=()
[ -f args ] && read -r -a extra < args
"$concord" check --format sarif --fail-on none "${extra[@]}" "${sources[@]}" > "$out/log.sarif"
python3 - "$out/rules.txt" "$out/log.sarif" <<'PY'
import collections, json, re, sys

checks = {}  # id -> (kind, severity)
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"check (\S+) \((\S+), (\S+)\)$", line.strip())
    if m:
        checks[m.group(1)] = (m.group(2), m.group(3))
log = json.load(open(sys.argv[2], encoding="utf-8"))
problems = []
if not checks:
    problems.append("`concord rules` lists no check")
if len(log["runs"]) != 1:
    problems.append(f"{len(log['runs'])} runs, expected 1")
run = log["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
for rule_id, n in collections.Counter(ids).items():
    if n > 1:
        problems.append(f"rule {rule_id} appears {n} times")
if set(ids) != set(checks):
    problems.append(f"rules {sorted(set(ids))} are not the registered checks {sorted(checks)}")
level = {"error": "error", "warning": "warning", "info": "note"}
for r in rules:
    if r["id"] in checks:
        want = level[checks[r["id"]][1]]
        got = r.get("defaultConfiguration", {}).get("level")
        if got != want:
            problems.append(f"rule {r['id']}: default level {got}, the check's severity is {want}")
per_rule = collections.Counter()
for i, res in enumerate(run["results"]):
    rule = rules[res["ruleIndex"]] if 0 <= res.get("ruleIndex", -1) < len(rules) else None
    if rule is None or rule["id"] != res["ruleId"]:
        problems.append(f"results/{i}: ruleIndex {res.get('ruleIndex')} is not rule {res['ruleId']}")
    kind = res.get("properties", {}).get("kind")
    if res["ruleId"] in checks and kind != checks[res["ruleId"]][0]:
        problems.append(f"results/{i}: kind {kind}, rule {res['ruleId']} is of kind {checks[res['ruleId']][0]}")
    per_rule[res["ruleId"]] += 1
missing = sorted(set(checks) - set(per_rule))
if missing:
    problems.append(f"no result for {', '.join(missing)}: the fixture must plant one of each")
for p in problems:
    print(f"sarif-kinds: {p}", file=sys.stderr)
summary = ", ".join(f"{k} {per_rule[k]}" for k in sorted(per_rule))
print(f"sarif-kinds: {len(rules)} rules, {len(run['results'])} results ({summary})")
sys.exit(1 if problems else 0)
PY
