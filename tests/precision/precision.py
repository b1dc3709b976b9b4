#!/usr/bin/env python3
"""Precision of concord on its own fixtures, from human reviews.

Every fixture folder with an expected.json must have an expected.review: one
line per finding of expected.json, "<verdict>\t<rule>\t<path>:<line>:<col>\t<why>",
where verdict is "true" (a real problem, reported right) or "false" (a false
positive kept in the golden file so that it is visible). A line with verdict
"missed" and a location "<path>:<line>" records a real problem the fixture
plants that concord does not report (a known failure, kept visible); it names
no finding. The test fails when a finding has no review, a review names no
finding, or the precision over all fixtures (true / all) falls below the
threshold. Recall (true / (true + missed)) is printed, not enforced.

usage: precision.py FIXTURES_DIR [MIN_PRECISION]     (default 0.95)
"""
import json
import pathlib
import sys


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    threshold = float(sys.argv[2]) if len(sys.argv) > 2 else 0.95
    total = true = missed = 0
    problems = []
    for folder in sorted(p for p in root.iterdir() if (p / "expected.json").is_file()):
        findings = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["findings"]
        keys = []
        for f in findings:
            loc = f["locations"][0]
            keys.append((f["rule"], f"{loc['path']}:{loc['line']}:{loc['column']}"))
        review_path = folder / "expected.review"
        reviews = {}
        if review_path.is_file():
            for n, line in enumerate(review_path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) >= 3 and parts[0] == "missed":
                    missed += 1
                    continue
                if len(parts) < 3 or parts[0] not in ("true", "false"):
                    problems.append(f"{review_path}:{n}: expected '<true|false|missed>\\t<rule>\\t<path:line:col>\\t<why>'")
                    continue
                reviews.setdefault((parts[1], parts[2]), []).append(parts[0])
        seen = {}
        for key in keys:
            verdicts = reviews.get(key, [])
            i = seen.get(key, 0)
            seen[key] = i + 1
            if i >= len(verdicts):
                problems.append(f"{folder.name}: finding {key[0]} at {key[1]} has no review in expected.review")
                continue
            total += 1
            true += verdicts[i] == "true"
        for key, verdicts in reviews.items():
            if len(verdicts) > seen.get(key, 0):
                problems.append(f"{folder.name}: review of {key[0]} at {key[1]} names no finding (stale)")
        print(f"{folder.name}: {len(keys)} findings reviewed")
    precision = true / total if total else 1.0
    print(f"precision: {true}/{total} = {precision:.3f} (threshold {threshold})")
    found = true + missed
    print(f"recall: {true}/{found} = {true / found if found else 1.0:.3f} (planted problems found; not enforced)")
    for p in problems:
        print("precision: " + p, file=sys.stderr)
    if problems or precision < threshold:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
