#!/bin/sh
# No "-0", "-0.0" or "[-0.00, 0.00]" (issue 16): a what-if that changes
# nothing differs by exactly 0, and one whose mean difference is a tiny
# negative (-1/3000: with the shipped ensemble, the scale 0.998 of the
# attack rate moves one run of 3000 down by one) prints it as 0.000, in
# text, CSV, JSON, report and
# compare.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || test_skip_all "python3 is needed to read JSON"

cat >noop.yaml <<'YAML'
name: noop
base: afpak
interventions:
  - name: nothing
    description: a change that changes nothing
    changes:
      - scale: {ttp.mu: 1}
  - name: tiny
    description: a change too small to see in most runs
    changes:
      - scale: {ttp.mu: 0.998}
YAML

cat >negzero.py <<'PY'
import re, sys
# a number written as a signed zero, not after a letter, digit, '.', '_'
# or '-' (dates, exponents, names)
pat = re.compile(r"(?<![0-9A-Za-z._-])-0(\.0*)?(?![0-9.])")
bad = 0
for f in sys.argv[1:]:
    t = open(f, encoding="utf-8").read()
    if f.endswith(".html"):
        t = re.sub(r"<svg.*?</svg>", "", t, flags=re.S)  # path data
    for m in pat.finditer(t):
        print("%s: %r" % (f, t[max(0, m.start() - 60):m.end() + 20]))
        bad += 1
sys.exit(1 if bad else 0)
PY

test_expect_success 'setup: what-ifs that change nothing and nearly nothing' '
	durand run noop.yaml --runs 3000 --days 30 --seed 2 --what-if nothing \
		--what-if tiny --prob "strikes>=1" --format json --report r.html >r.json &&
	durand run noop.yaml --runs 3000 --days 30 --seed 2 --what-if nothing \
		--what-if tiny --prob "strikes>=1" >r.txt &&
	durand run noop.yaml --runs 3000 --days 30 --seed 2 --what-if nothing \
		--what-if tiny --format csv >r.csv &&
	durand compare --variant-a nothing --variant-b baseline r.json r.json >c.txt &&
	durand compare --variant-a nothing --variant-b baseline --format csv r.json r.json >c.csv
'

cat >cases.py <<'PY'
import json, re, sys
d = json.load(open("r.json"))
nothing, tiny = d["what_if"]
# nothing changes: every difference is exactly 0
for o, st in nothing["difference"].items():
    assert all(st[k] == 0 for k in ("mean", "q05", "q50", "q95")), (o, st)
for c in nothing["probabilities_change"]:
    assert c["runs_up"] == c["runs_down"] == 0, c
# tiny: a mean difference of -1/3000 somewhere, shown rounded to 0.000
m = [o for o, st in tiny["difference"].items() if -0.0005 < st["mean"] < 0]
assert m, "no tiny negative mean difference"
html = open("r.html", encoding="utf-8").read()
cells = re.findall(r'data-k="\.what_if\[1\]\.difference\.(\w+)\.mean" data-v="(-0\.000[0-4][0-9]*)">([^<]*)<', html)
assert cells and all(c[2] == "0.000" for c in cells), cells
print("ok", m, len(cells))
PY

test_expect_success 'the no-op differs by exactly 0; a tiny negative shows as 0.000 in the report' '
	python3 cases.py
'
test_expect_success 'no signed zero in text, CSV, JSON, report or compare' '
	python3 negzero.py r.txt r.csv r.json r.html c.txt c.csv
'
test_done
