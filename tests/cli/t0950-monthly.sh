#!/bin/sh
# Each calendar month's own counts (issue 16, "per-period quantiles"): dated
# months, partial at either end, in JSON, CSV, text and the report; the
# months of a run add up to its horizon total; shards and threads give the
# same bytes.
. "$(dirname "$0")/lib.sh"
. "$TEST_ROOT/tests/cli/report-lib.sh"

command -v python3 >/dev/null || test_skip_all "python3 is needed to read JSON"

# afpak starts on 2025-10-21: 100 days end on 2026-01-28
ARGS="--runs 400 --days 100 --seed 5 --what-if crossings_open"

test_expect_success 'setup: one run in JSON (and its report), text and CSV' '
	durand run $ARGS --threads 2 --format json --report r.html >r.json &&
	durand run $ARGS --threads 2 >r.txt &&
	durand run $ARGS --threads 2 --format csv >r.csv
'

cat >months.py <<'PY'
import csv, json, sys

d = json.load(open(sys.argv[1]))
want = [("2025-10", "2025-10-21", "2025-10-31", 11, True),
        ("2025-11", "2025-11-01", "2025-11-30", 30, False),
        ("2025-12", "2025-12-01", "2025-12-31", 31, False),
        ("2026-01", "2026-01-01", "2026-01-28", 28, True)]
n = d["runs"]
variants = [d] + d["what_if"]
for v in variants:
    m = v["monthly"]
    got = [(e["month"], e["from"], e["until"], e["days"], e["partial"])
           for e in m]
    assert got == want, got
    assert sum(e["days"] for e in m) == d["days"]
    names = [k for k in v["outcomes"] if k != "max_rung"]
    for e in m:
        assert list(e["outcomes"]) == names, list(e["outcomes"])
        for k, s in e["outcomes"].items():
            q = [s[x] for x in ("q05", "q25", "q50", "q75", "q95")]
            assert q[0] >= 0 and q == sorted(q), (e["month"], k, q)
    # the months of each run add up to its total: so do the sums, and the
    # means (each rounded to 6 significant digits) within that rounding
    for k in names:
        total = v["outcomes"][k]["mean"]
        parts = [e["outcomes"][k]["mean"] for e in m]
        tol = 1e-5 * (abs(total) + sum(abs(p) for p in parts)) + 1e-9
        assert abs(sum(parts) - total) <= tol, (k, parts, total)
    # a month holds a month's count, not the running total: the months
    # of attacks are each below the horizon's median
    att = [e["outcomes"]["attacks"]["q50"] for e in m]
    assert all(0 < a < v["outcomes"]["attacks"]["q50"] for a in att), att
    # every crossing-day is counted in its month: a month's 95% bound is
    # at most its days times the crossings
    nx = len(d["crossings"])
    for e in m:
        assert e["outcomes"]["closure_days"]["q95"] <= e["days"] * nx, e

# the CSV: one row per variant, month and outcome, with the JSON's numbers
rows = list(csv.DictReader(open(sys.argv[2])))
assert list(rows[0]) == ["variant", "outcome", "mean", "se", "q05", "q25",
                         "q50", "q75", "q95", "lo", "hi", "label", "unit",
                         "kind"], list(rows[0])
# each row's label, unit and kind: the JSON's table of outcomes
t = d["outcome_table"]
for r in rows:
    if ":threshold" in r["variant"]:
        continue
    e = t[r["outcome"]]
    assert (r["label"], r["unit"], r["kind"]) == \
        (e["label"], e["unit"], e["kind"]), r
for i, v in enumerate(variants):
    vn = "baseline" if i == 0 else v["name"]
    for e in v["monthly"]:
        mine = {r["outcome"]: r for r in rows
                if r["variant"] == vn + ":" + e["month"]}
        assert list(mine) == list(e["outcomes"]), (vn, e["month"])
        for k, s in e["outcomes"].items():
            for q in ("q05", "q25", "q50", "q75", "q95"):
                assert float(mine[k][q]) == s[q], (vn, e["month"], k, q)
            assert abs(float(mine[k]["mean"]) - s["mean"]) <= \
                1e-5 * abs(s["mean"]) + 1e-9
nm = sum(1 for r in rows if ":" in r["variant"] and
         not r["variant"].endswith(":difference"))
assert nm == 2 * 4 * (len(d["outcomes"]) - 1), nm

# the text: a table per variant, its medians and bounds the JSON's
text = open(sys.argv[3], encoding="utf-8").read()
assert text.count("Month by month: each month's own count") == 2
lines = [l for l in text.split("\n") if l.startswith("2025-10 ")]
assert len(lines) == 2, lines
assert "11 of 31*" in lines[0]
a = d["monthly"][0]["outcomes"]["attacks"]
assert "%d [%d, %d]" % (a["q50"], a["q05"], a["q95"]) in lines[0], lines[0]
assert "* a partial month: the horizon runs from 2025-10-21 to 2026-01-28" \
    in text
PY

test_expect_success 'JSON, CSV and text: the months, their dates, partial ends and counts' '
	python3 months.py r.json r.csv r.txt
'

test_expect_success 'same bytes for 1 and 2 threads, and for merged shards' '
	durand run $ARGS --threads 1 --format json >one.json &&
	cmp r.json one.json &&
	durand run $ARGS --threads 1 --format csv >one.csv &&
	cmp r.csv one.csv &&
	for k in 1 2 3; do
		durand run $ARGS --shard $k/3 --out part$k.dsum || return 1
	done &&
	durand merge part2.dsum part3.dsum part1.dsum --format json >m.json &&
	cmp r.json m.json &&
	durand merge part1.dsum part2.dsum part3.dsum >m.txt &&
	cmp r.txt m.txt
'

test_expect_success 'a horizon from the 1st to a month end: whole months' '
	durand show afpak | sed "s/^start: .*/start: 2025-11-01/" >nov.yaml &&
	durand run nov.yaml --runs 50 --days 61 --format json >nov.json &&
	python3 -c "
import json
m = json.load(open(\"nov.json\"))[\"monthly\"]
got = [(e[\"month\"], e[\"days\"], e[\"partial\"]) for e in m]
assert got == [(\"2025-11\", 30, False), (\"2025-12\", 31, False)], got
" &&
	durand run nov.yaml --runs 50 --days 61 >nov.txt &&
	! test_grep "partial month" nov.txt
'

test_expect_success 'the report: a chart per outcome with a step per month, and the table' '
	test "$(report_svgs r.html svg)" -ge 5 &&
	check_svgs svg &&
	check_numbers r.html r.json 100 &&
	for t in "Militant attacks each month" "Killed in Pakistan each month" \
		 "Killed in Afghanistan each month"; do
		f=$(grep -l "<title>$t" svg/*.svg) &&
		test -n "$f" &&
		svg_series $f >s.txt &&
		test_grep "^median	line	8$" s.txt &&
		test_grep "^90% of runs	band	8$" s.txt || return 1
	done &&
	test_grep "data-k=\"\.monthly\[3\]\.outcomes\.attacks\.q50\"" r.html &&
	test_grep "<tr><td class=\"s\">2025-10</td><td class=\"s\">2025-10-21</td><td class=\"s\">2025-10-31</td>" r.html &&
	test_grep "data-k=\"\.monthly\[0\]\.days\" data-v=\"11\"" r.html &&
	test_grep "The first or last month is partial" r.html
'

test_done
