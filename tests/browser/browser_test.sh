#!/usr/bin/env bash
# Browser test of the HTML report: headless Chromium opens the seed pair's
# report and a report on hostile sources, and report_check.py checks
#   (a) that Persian text is laid out right to left,
#   (b) that the filters hide and show findings,
#   (c) that nothing from a source (its text, its file name, the group name)
#       runs: with the page's CSP, and with the CSP bypassed (escaping alone).
#
#   tests/browser/browser_test.sh CONCORD_BINARY SOURCE_DIR
#
# Fails (exit 1, with the reason) when chromium is missing: scripts/setup
# installs it (Debian package chromium). No network: the reports load
# nothing, and the browser resolves no host name. The reports, screenshots
# and Chromium's log are written to a temporary folder, removed when the
# test passes unless CONCORD_KEEP_BROWSER_OUTPUT=1 (kept and named when it
# fails).
set -euo pipefail
concord=$(realpath "$1")
source_dir=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)

chromium=""
for c in chromium chromium-browser; do
  if command -v "$c" >/dev/null 2>&1; then
    chromium=$(command -v "$c")
    break
  fi
done
if [ -z "$chromium" ]; then
  echo "browser: FAIL: chromium not found; run scripts/setup (it installs the Debian package chromium)" >&2
  exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "browser: FAIL: python3 not found" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/concord-browser.XXXXXX")
status=1
finish() {
  if [ "$status" -eq 0 ] && [ "${CONCORD_KEEP_BROWSER_OUTPUT:-0}" != 1 ]; then
    rm -rf "$tmp"
  else
    rm -rf "$tmp/profile"
    echo "browser: reports, screenshots and chromium.log kept in $tmp" >&2
  fi
}
trap finish EXIT

# The seed pair's reports, as a user would write them.
(cd "$source_dir/fixtures" && "$concord" check --fail-on none --report-dir "$tmp/seed" seed-kz-us/*.txt >/dev/null)
seed_html="$tmp/seed/seed-kz-us.html"
if [ ! -f "$seed_html" ]; then
  echo "browser: FAIL: concord check --report-dir wrote no HTML report" >&2
  exit 1
fi

# A report without findings.
mkdir -p "$tmp/clean"
printf 'Las relaciones entre los dos países son buenas.\n' > "$tmp/clean/es.txt"
"$concord" check --fail-on none --lang es --format html -o "$tmp/clean.html" "$tmp/clean/es.txt"

# Hostile sources: markup in the text, in a file name and in the group name.
mkdir -p "$tmp/hostile"
cp "$here/hostile/fa.txt" "$tmp/hostile/fa.txt"
es_name="es\"><img src=x onerror=\"document.documentElement.dataset.pwned='path'\">.txt"
cp "$here/hostile/es.txt" "$tmp/hostile/$es_name"
group="<img src=x onerror=\"document.documentElement.dataset.pwned='group'\">"
(cd "$tmp/hostile" && "$concord" check --fail-on none --group "$group" --format html -o "$tmp/hostile.html" \
  fa.txt "$es_name")

# timeout: a browser that hangs must not hold up the suite (each protocol
# step has its own 30 s limit inside report_check.py).
rc=0
timeout -k 5 120 python3 "$here/report_check.py" "$chromium" "$tmp" "$seed_html" "$tmp/clean.html" "$tmp/hostile.html" \
  "$tmp/hostile/fa.txt" "$tmp/hostile/$es_name" || rc=$?
if [ "$rc" -eq 124 ]; then
  echo "browser: FAIL: the browser checks did not finish within 120 s" >&2
fi
if [ "$rc" -ne 0 ]; then
  grep -v -e dbus -e "unexpected operator" "$tmp/chromium.log" | tail -n 20 >&2 || true
  exit 1
fi
status=0
