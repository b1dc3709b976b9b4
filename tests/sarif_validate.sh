#!/usr/bin/env bash
# SARIF schema test for one fixture folder: runs `concord check --format
# sarif` on the folder's sources (like golden.sh: every file but expected.*,
# args and README*, sorted by name, from inside the folder) and validates the
# output against the official SARIF 2.1.0 JSON schema, formats included
# (uri, uri-reference, ...).
#
#   tests/sarif_validate.sh CONCORD FIXTURE_DIR SCHEMA
#
# The validator is Python's jsonschema (Debian: python3-jsonschema, and
# python3-rfc3987 for the uri formats; scripts/setup installs both).
# Exit status 77 (ctest: skipped) when the schema or the validator is missing.
set -euo pipefail
concord=$(realpath "$1")
fixture=$2
schema=$(realpath -m "$3")
if [ ! -f "$schema" ]; then
  echo "sarif: schema not found: $schema (skipped)" >&2
  exit 77
fi
python=""
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import jsonschema' 2>/dev/null; then
    python=$p
    break
  fi
done
if [ -z "$python" ]; then
  echo "sarif: no Python with jsonschema (apt-get install python3-jsonschema python3-rfc3987) (skipped)" >&2
  exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cd "$fixture"
mapfile -t sources < <(find . -maxdepth 1 -type f ! -name 'expected.*' ! -name 'args' ! -name 'README*' ! -name '.*' -printf '%P\n' | LC_ALL=C sort)
extra=()
[ -f args ] && read -r -a extra < args
"$concord" check --format sarif --fail-on none "${extra[@]}" "${sources[@]}" > "$out"
"$python" - "$schema" "$out" <<'PY'
import json, sys
import jsonschema

schema_path, doc_path = sys.argv[1], sys.argv[2]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
with open(doc_path, encoding="utf-8") as f:
    doc = json.load(f)
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
for e in errors:
    where = "/".join(str(p) for p in e.absolute_path) or "(root)"
    print(f"sarif: {where}: {e.message}", file=sys.stderr)
if errors:
    sys.exit(1)
# A few things the schema cannot say.
run = doc["runs"][0]
rules = run["tool"]["driver"]["rules"]
for i, r in enumerate(run["results"]):
    if rules[r["ruleIndex"]]["id"] != r["ruleId"]:
        sys.exit(f"sarif: results/{i}: ruleIndex {r['ruleIndex']} is not rule {r['ruleId']}")
try:
    import rfc3987  # noqa: F401
    formats = "formats checked"
except ImportError:
    formats = "uri formats not checked: python3-rfc3987 missing"
print(f"sarif: valid SARIF {doc['version']} ({cls.__name__}, {formats}): "
      f"{len(run['results'])} results, {len(rules)} rules")
PY
