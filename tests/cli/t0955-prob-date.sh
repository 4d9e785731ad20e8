#!/bin/sh
# Dated thresholds (issue 16): --prob 'OUTCOME>=X@DATE' is the share of runs
# whose running total reaches X by the end of DATE. Checked against the
# samples of the same runs cut at that date, against the undated share, for
# any thread count, in what-ifs, shards, compare and the report; a bad or
# out-of-horizon date is bad usage naming the horizon.
. "$(dirname "$0")/lib.sh"
. "$TEST_ROOT/tests/cli/report-lib.sh"

command -v python3 >/dev/null || test_skip_all "python3 is needed to read JSON"

# The default scenario starts on 2025-10-21: 40 days end on 2025-11-29;
# 2025-11-15 is day offset 25, the last of a 26-day horizon.
# (words without spaces or globs: used unquoted)
args="--runs 500 --seed 7 --what-if crossings_open
	--prob strikes>=1@2025-10-31 --prob strikes>=1@2025-11-15
	--prob strikes>=1@2025-11-29 --prob strikes>=1
	--prob fatalities_pakistan>100@2025-11-15
	--prob closure_days.torkham>=10@2025-11-15"

test_expect_success 'setup: a 40-day run with dated thresholds, and the same runs cut at 26 days' '
	durand run $args --days 40 --threads 2 --format json >d2.json &&
	durand run $args --days 40 --threads 1 --format json >d1.json &&
	durand run $args --days 40 --threads 2 >d.txt &&
	durand run --runs 500 --seed 7 --what-if crossings_open --days 26 \
		--samples cut.csv --format json >cut.json
'

test_expect_success 'the same bytes for 1 and 2 threads' '
	cmp d1.json d2.json
'

cat >dated.py <<'PY'
import csv, json, operator, sys

d = json.load(open(sys.argv[1]))
text = open(sys.argv[3], encoding="utf-8").read()
val = {}
for r in csv.DictReader(open(sys.argv[2])):
    val[(int(r["run"]), r["variant"], r["outcome"])] = int(r["value"])
n = d["runs"]
ops = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}
P = {p["threshold"]: p for p in d["probabilities"]}
w = d["what_if"][0]
W = {p["threshold"]: p for p in w["probabilities"]}
C = {p["threshold"]: p for p in w["probabilities_change"]}
k = lambda p: round(p["p"] * n)
# the date is in the JSON; an undated threshold has none
assert P["strikes>=1@2025-11-15"]["by"] == "2025-11-15"
assert "by" not in P["strikes>=1"]
# by the horizon's last day == over the horizon; monotone in the date
assert k(P["strikes>=1@2025-11-29"]) == k(P["strikes>=1"])
assert C["strikes>=1@2025-11-29"] == dict(C["strikes>=1"], threshold="strikes>=1@2025-11-29", by="2025-11-29")
a, b, c = (k(P["strikes>=1@" + x]) for x in ("2025-10-31", "2025-11-15", "2025-11-29"))
assert 0 < a < b < c < n, (a, b, c)
# by 2025-11-15 == the totals of the same runs cut at 26 days, counted from
# their samples, in the baseline, the what-if and the pairs
for t in ("strikes>=1@2025-11-15", "fatalities_pakistan>100@2025-11-15",
          "closure_days.torkham>=10@2025-11-15"):
    p = P[t]
    f = ops[p["op"]]
    yb = [f(val[(i, "baseline", p["outcome"])], p["value"]) for i in range(n)]
    yw = [f(val[(i, w["name"], p["outcome"])], p["value"]) for i in range(n)]
    assert 0 < sum(yb) < n, (t, sum(yb))
    assert k(p) == sum(yb), (t, k(p), sum(yb))
    assert k(W[t]) == sum(yw), (t, k(W[t]), sum(yw))
    up = sum(1 for x, y in zip(yb, yw) if y and not x)
    down = sum(1 for x, y in zip(yb, yw) if x and not y)
    assert (C[t]["runs_up"], C[t]["runs_down"]) == (up, down), (t, C[t], up, down)
    line = "  %-34s %.1f%% [%.1f%%, %.1f%%]" % (t, 100 * p["p"], 100 * p["lo"],
                                              100 * p["hi"])
    assert line in text, line
print("ok")
PY

test_expect_success 'dated shares: counted from the samples of the runs cut at the date, monotone, the last day is the horizon' '
	python3 dated.py d2.json cut.csv d.txt
'

cat >csvprob.py <<'PY'
import csv, json, math, sys

d = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
assert list(rows[0])[-5:] == ["lo", "hi", "label", "unit", "kind"], list(rows[0])
n = d["runs"]
close = lambda a, b: abs(float(a) - b) <= 1e-5 * max(1e-3, abs(b))
got = [r for r in rows if r["variant"].endswith((":threshold", ":threshold-change"))]
want = [("baseline:threshold", p, "p") for p in d["probabilities"]]
for w in d["what_if"]:
    want += [(w["name"] + ":threshold", p, "p") for p in w["probabilities"]]
    want += [(w["name"] + ":threshold-change", p, "change")
             for p in w["probabilities_change"]]
# one row per variant and threshold, in order, at the end, the JSON's numbers
assert len(got) == len(want) and rows[-len(got):] == got, (len(got), len(want))
for r, (v, p, key) in zip(got, want):
    assert (r["variant"], r["outcome"]) == (v, p["threshold"]), (r, v)
    assert close(r["mean"], p[key]) and close(r["lo"], p["lo"]) and \
        close(r["hi"], p["hi"]), (r, p)
    assert all(r[q] == "" for q in ("q05", "q25", "q50", "q75", "q95")), r
    if key == "p":  # the standard error of a share: sqrt(p(1-p)/(n-1))
        se = math.sqrt(p["p"] * (1 - p["p"]) / (n - 1))
    else:  # of a paired mean: (hi - change) / 1.96
        se = (p["hi"] - p["change"]) / 1.959963984540054
    assert abs(float(r["se"]) - se) <= 1e-5, (r, se)
# the other rows leave lo and hi empty
assert all(r["lo"] == r["hi"] == "" for r in rows[:-len(got)])
print("ok")
PY

test_expect_success 'CSV: a row per threshold and variant, and the what-if changes, with the JSON numbers' '
	durand run $args --days 40 --threads 2 --format csv >d.csv &&
	python3 csvprob.py d2.json d.csv
'

test_expect_success 'report: a Thresholds table, each share and change with its interval, the date' '
	durand report d2.json -o d.html &&
	check_numbers d.html d2.json &&
	sed -n "/<section id=\"thresholds\">/,/<\/section>/p" d.html >thr.html &&
	test_grep "<h2>Thresholds</h2>" thr.html &&
	test $(grep -c "^<tr><td title=" thr.html) -eq $((6 * 2)) &&
	for k in 0 1 2 3 4 5; do
		for c in p lo hi; do
			test_grep "data-k=\".probabilities\[$k\].$c\"" thr.html &&
			test_grep "data-k=\".what_if\[0\].probabilities\[$k\].$c\"" thr.html ||
			return 1
		done &&
		for c in change lo hi; do
			test_grep "data-k=\".what_if\[0\].probabilities_change\[$k\].$c\"" thr.html ||
			return 1
		done
	done &&
	test_grep "<td title=\"strikes&gt;=1@2025-11-15\">[^<]* &gt;= 1</td><td>2025-11-15</td><td>baseline</td>" thr.html &&
	test_grep "<td title=\"strikes&gt;=1\">[^<]* &gt;= 1</td><td>the horizon.s end</td><td>crossings_open</td>" thr.html
'

test_expect_success 'shards with dated thresholds merge to the same bytes' '
	for k in 1 2; do
		durand run $args --days 40 --shard $k/2 --out part$k.dsum || return 1
	done &&
	durand merge part2.dsum part1.dsum --format json >merged.json &&
	cmp d2.json merged.json
'

test_expect_success 'compare names the date of a dated threshold' '
	durand run --runs 300 --seed 7 --days 40 --prob "strikes>=1@2025-11-15" \
		--format json >a.json &&
	durand run --runs 300 --seed 8 --days 40 --prob "strikes>=1@2025-11-15" \
		--format json >b.json &&
	durand compare a.json b.json >c.txt &&
	test_grep "at least 1 by 2025-11-15" c.txt
'

test_expect_success 'a date that is not one, or outside the horizon, is bad usage naming it' '
	test_expect_code 2 durand run --runs 10 --prob "strikes>=1@2026-13-01" >out 2>err &&
	test_grep "^durand run: --prob .strikes>=1@2026-13-01.: expected a date YYYY-MM-DD" err &&
	! test -s out &&
	test_expect_code 2 durand run --runs 10 --prob "strikes>=1@26-01-01" 2>err &&
	test_grep "expected a date YYYY-MM-DD after .@., not .26-01-01." err &&
	test_expect_code 2 durand run --runs 10 --days 40 --prob "strikes>=1@2025-11-30" 2>err &&
	test_grep "2025-11-30 is outside the horizon, 2025-10-21 to 2025-11-29 (40 days)" err &&
	test_expect_code 2 durand run --runs 10 --days 40 --prob "strikes>=1@2025-10-20" 2>err &&
	test_grep "2025-10-20 is outside the horizon, 2025-10-21 to 2025-11-29 (40 days): the runs start after it" err &&
	durand run --runs 10 --days 40 --prob "strikes>=1@2025-10-21" --format json >first.json &&
	test_grep "\"by\": \"2025-10-21\"" first.json
'

test_done
