#!/usr/bin/env bash
# Pre-commit acceptance: Debian's pre-commit in a temporary repository whose
# config uses this repository's hook. A commit introducing a conflict is
# rejected with the finding printed; after the fix it is accepted; with the
# finding in the baseline it is accepted.
set -uo pipefail
concord=$(realpath "$1")
repo=$(realpath "$2")
command -v pre-commit >/dev/null || { echo "pre-commit is not installed (scripts/setup installs it)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="$(dirname "$concord"):$PATH" HOME="$work/home" PRE_COMMIT_HOME="$work/cache"
mkdir -p "$HOME"
# The hook definition is read from a snapshot of this repository's
# .pre-commit-hooks.yaml, committed in a local hook repository.
hooks="$work/hooks"
mkdir -p "$hooks" && cp "$repo/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q && git -C "$hooks" add . && git -C "$hooks" -c user.name=t -c user.email=t@t commit -qm hooks
rev=$(git -C "$hooks" rev-parse HEAD)

cd "$work" && mkdir project && cd project
git init -q && git config user.name t && git config user.email t@t
mkdir -p texts/fa texts/es
cat > .concord.yaml <<'YAML'
groups:
  - pattern: "texts/{lang}/{name}.txt"
fail_on: error
YAML
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: concord
YAML
printf 'Los Estados Unidos y Kazajistán establecieron relaciones diplomáticas el 16 de diciembre de 1991.\n' > texts/es/kz.txt
printf 'ایالات متحده و قزاقستان روابط دیپلماتیک خود را در ۱۶ دسامبر ۱۹۹۱ برقرار کردند.\n' > texts/fa/kz.txt
git add -A && git commit -qm base --no-verify
pre-commit install >/dev/null || { echo "pre-commit install failed"; exit 1; }

fail() { echo "precommit: $*"; exit 1; }
# 1. Stage only the Persian file, with a date that conflicts with its partner.
printf 'ایالات متحده و قزاقستان روابط دیپلماتیک خود را در ۲۵ دسامبر ۱۹۹۱ برقرار کردند.\n' > texts/fa/kz.txt
git add texts/fa/kz.txt
if out=$(git commit -qm conflict 2>&1); then fail "a conflicting commit was accepted"; fi
grep -q "\[conflict\]" <<<"$out" || fail "the rejected commit did not print the finding: $out"
# 2. Fixed: accepted.
printf 'ایالات متحده و قزاقستان روابط دیپلماتیک خود را در ۱۶ دسامبر ۱۹۹۱ برقرار کردند.\n' > texts/fa/kz.txt
git add texts/fa/kz.txt
out=$(git commit -qm fixed --allow-empty 2>&1) || fail "the fixed commit was rejected: $out"
# 3. The conflict again, but recorded in the baseline: accepted.
printf 'ایالات متحده و قزاقستان روابط دیپلماتیک خود را در ۲۵ دسامبر ۱۹۹۱ برقرار کردند.\n' > texts/fa/kz.txt
concord baseline >/dev/null || fail "concord baseline failed"
git add texts/fa/kz.txt .concord-baseline.json
out=$(git commit -qm baselined 2>&1) || fail "a commit whose finding is in the baseline was rejected: $out"
echo "precommit: rejected with the finding, accepted after the fix, accepted with a baseline"
