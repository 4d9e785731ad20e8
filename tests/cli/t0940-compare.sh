#!/bin/sh
# durand compare: two run results side by side, their differences with
# intervals, paired or not, and the inputs it refuses.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || test_skip_all "python3 is needed to read JSON"

test_expect_success 'setup: two scenarios on the same runs, another seed, a what-if' '
	durand run --runs 600 --days 40 --seed 3 --threads 2 \
		--prob "fatalities_pakistan>60" --format json >a.json &&
	durand run --runs 600 --days 40 --seed 3 --threads 1 --set ttp.mu=0.5 \
		--prob "fatalities_pakistan>60" --format json >b.json &&
	durand run --runs 500 --days 40 --seed 5 --threads 2 \
		--format json >c.json &&
	durand run --runs 600 --days 40 --seed 3 --threads 2 \
		--what-if kabul_cracks_down --format json >w.json
'

cat >check.py <<'PY'
import json, math, sys

A, B, C = (json.load(open(f)) for f in sys.argv[1:4])
z = 1.959963984540054
def wilson(k, n):
    p = k / n
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (0 if k == 0 else max(0, c - h), 1 if k == n else min(1, c + h))
def close(x, y, tol=1e-4):
    return abs(x - y) <= tol * max(1, abs(y))

assert C["kind"] == "compare" and C["difference"] == "B minus A"
assert C["paired"] is (sys.argv[4] == "paired"), C["pairing"]
for side, r in (("a", A), ("b", B)):
    for k in ("scenario", "start", "days", "runs", "seed"):
        assert C[side][k] == r[k], (side, k)
names = [o["name"] for o in C["outcomes"]]
assert sorted(names) == sorted(A["outcomes"]), "every outcome, once"
for o in C["outcomes"]:
    a, b = A["outcomes"][o["name"]], B["outcomes"][o["name"]]
    for k in ("q50", "q05", "q95", "mean", "se"):
        assert o["a"][k] == a[k] and o["b"][k] == b[k], (o["name"], k)
    assert o["median_difference"] == b["q50"] - a["q50"], o
    d = o["mean_difference"]
    se = math.hypot(a["se"], b["se"])
    assert close(d["d"], b["mean"] - a["mean"]), o
    assert close(d["lo"], b["mean"] - a["mean"] - z * se), o
    assert close(d["hi"], b["mean"] - a["mean"] + z * se), o
    assert "_" not in o["label"], o["label"]
    # unit and kind: the table of outcomes', as the results carry it
    t = A["outcome_table"][o["name"]]
    assert (o["unit"], o["kind"]) == (t["unit"], t["kind"]), o
probs = {p["name"]: p for p in C["probabilities"]}
def check(p, pa, pb):
    na, nb = A["runs"], B["runs"]
    ka, kb = round(pa * na), round(pb * nb)
    assert p["a"]["p"] == pa and p["b"]["p"] == pb, p
    la, ua = wilson(ka, na)
    lb, ub = wilson(kb, nb)
    assert close(p["a"]["lo"], la) and close(p["b"]["hi"], ub), p
    d = kb / nb - ka / na
    assert close(p["difference"]["d"], d), p
    assert close(p["difference"]["lo"],
                 d - math.hypot(kb / nb - lb, ua - ka / na)), p
    assert close(p["difference"]["hi"],
                 d + math.hypot(ub - kb / nb, ka / na - la)), p
check(probs["first_strike"], A["first_strike"]["p"], B["first_strike"]["p"])
for i, e in enumerate(A["escalation"]):
    check(probs["rung." + e["name"]], e["p_reach"],
          B["escalation"][i]["p_reach"])
for t in A.get("probabilities", []):
    if t["threshold"] in probs:
        u = [x for x in B["probabilities"] if x["threshold"] == t["threshold"]]
        check(probs[t["threshold"]], t["p"], u[0]["p"])
print("ok")
PY

test_expect_success 'JSON: both sides as the results hold them, and their differences' '
	durand compare a.json b.json --format json >ab.json &&
	python3 check.py a.json b.json ab.json paired
'
test_expect_success 'another seed and run count: not paired, and says why' '
	durand compare a.json c.json --format json >ac.json &&
	python3 check.py a.json c.json ac.json unpaired &&
	grep -q "not paired: their seed, runs differ" ac.json &&
	durand compare a.json c.json >ac.txt &&
	grep -q "^not paired: their seed, runs differ" ac.txt &&
	grep -q "not compared: killed in Pakistan: more than 60 (only in A)" ac.txt
'
test_expect_success 'a result against itself: every difference zero, paired' '
	durand compare a.json a.json --format json >aa.json &&
	python3 check.py a.json a.json aa.json paired &&
	python3 -c "
import json
c = json.load(open(\"aa.json\"))
assert all(o[\"mean_difference\"][\"d\"] == 0 and o[\"median_difference\"] == 0 for o in c[\"outcomes\"])
assert all(p[\"difference\"][\"d\"] == 0 for p in c[\"probabilities\"])
"
'

# Newcombe (1998), table II, method 10: 56/70 against 48/80 gives
# 0.2000 [0.0524, 0.3339]; 9/10 against 3/10 gives 0.6 [0.1705, 0.8090].
# B minus A, so A holds the larger share and the signs turn.
cat >mk.py <<'PY'
import json, sys
k, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
st = {"mean": 1.5, "se": 0.25, "q05": 0, "q25": 1, "q50": 1, "q75": 2, "q95": 3}
json.dump({"kind": "run", "scenario": "x", "start": "2025-01-01", "days": 30,
           "runs": n, "seed": 1, "first_strike": {"p": k / n},
           "outcomes": {"attacks": st, "closure_days.torkham": st}},
          open(out, "w"))
PY
test_expect_success 'the difference of two shares: Newcombe, as published' '
	python3 mk.py 56 70 n1.json && python3 mk.py 48 80 n2.json &&
	python3 mk.py 9 10 n3.json && python3 mk.py 3 10 n4.json &&
	durand compare n1.json n2.json --format csv >n12.csv &&
	durand compare n3.json n4.json --format csv >n34.csv &&
	python3 -c "
import csv
for f, want in ((\"n12.csv\", (-0.2, -0.3339, -0.0524)), (\"n34.csv\", (-0.6, -0.8090, -0.1705))):
    r = [x for x in csv.DictReader(open(f)) if x[\"name\"] == \"first_strike\"][0]
    got = (float(r[\"difference\"]), float(r[\"difference_lo\"]), float(r[\"difference_hi\"]))
    assert all(abs(g - w) < 6e-5 for g, w in zip(got, want)), (f, got, want)
"
'
test_expect_success 'CSV: a row per probability, a median and a mean row per outcome' '
	durand compare a.json b.json --format csv >ab.csv &&
	python3 -c "
import csv, json
c = json.load(open(\"ab.json\"))
rows = list(csv.DictReader(open(\"ab.csv\")))
assert len(rows) == len(c[\"probabilities\"]) + 2 * len(c[\"outcomes\"]), len(rows)
med = {r[\"name\"]: r for r in rows if r[\"measure\"] == \"median\"}
for o in c[\"outcomes\"]:
    r = med[o[\"name\"]]
    assert float(r[\"a\"]) == o[\"a\"][\"q50\"] and float(r[\"b_hi\"]) == o[\"b\"][\"q95\"], r
    assert r[\"label\"] == o[\"label\"] and r[\"difference_lo\"] == \"\", r
"
'
test_expect_success 'text: labels, not identifiers; the pairing and the intervals said' '
	durand compare a.json b.json >ab.txt &&
	grep -q "^  A  a.json: scenario .afpak. from 2025-10-21, 40 days, 600 runs, seed 3" ab.txt &&
	grep -q "^paired: A and B share their runs" ab.txt &&
	grep -q "^  militant attacks " ab.txt &&
	grep -q "^  days torkham closed " ab.txt &&
	grep -q "^  rounds mediated by Saudi Arabia " ab.txt &&
	grep -q "^Intervals: .*Newcombe" ab.txt &&
	! grep -E "fatalities_|closure_days|_usd" ab.txt
'
test_expect_success 'a what-if of a result: --variant-b' '
	durand compare a.json w.json --variant-b kabul_cracks_down --format json >aw.json &&
	python3 -c "
import json
c, w = json.load(open(\"aw.json\")), json.load(open(\"w.json\"))[\"what_if\"][0]
assert c[\"b\"][\"variant\"] == \"kabul_cracks_down\" and c[\"b\"][\"what_ifs\"] == [\"kabul_cracks_down\"]
for o in c[\"outcomes\"]:
    assert o[\"b\"][\"q50\"] == w[\"outcomes\"][o[\"name\"]][\"q50\"], o[\"name\"]
" &&
	test_expect_code 2 durand compare a.json w.json --variant-b nope 2>err &&
	test_grep "no what-if .nope. in this result; it has: baseline kabul_cracks_down" err
'
test_expect_success '--out writes the file whole; the same inputs give the same bytes' '
	durand compare a.json b.json --out o.txt >stdout &&
	test ! -s stdout && cmp o.txt ab.txt
'
test_expect_success 'refused: a result of another kind, named' '
	test_expect_code 2 durand compare a.json "$TEST_DATA/hindcast-result.json" 2>err &&
	test_grep "hindcast-result.json: a hindcast result; compare holds two results of durand run" err &&
	test_expect_code 2 durand compare "$TEST_DATA/stats-result.json" a.json 2>err &&
	test_grep "stats-result.json: a stats result" err
'
test_expect_success 'refused: not a result, not JSON, no file' '
	echo "{\"x\": 1}" >x.json &&
	test_expect_code 2 durand compare a.json x.json 2>err &&
	test_grep "x.json: not a result of durand" err &&
	echo "<html>" >r.html &&
	test_expect_code 2 durand compare r.html a.json 2>err &&
	test_grep "r.html: not a result: an HTML or XML file" err &&
	test_must_fail durand compare a.json missing.json 2>err &&
	test_grep "missing.json: cannot open" err
'
test_expect_success 'refused: results that hold different outcomes' '
	python3 -c "
import json
d = json.load(open(\"b.json\")); del d[\"outcomes\"][\"closure_days.torkham\"]
json.dump(d, open(\"b2.json\", \"w\"))
" &&
	test_expect_code 2 durand compare a.json b2.json 2>err &&
	test_grep "different outcomes: .closure_days.torkham. is in a.json only" err
'
test_expect_success 'usage: two files' '
	test_expect_code 2 durand compare a.json &&
	test_expect_code 2 durand compare a.json b.json c.json
'
test_done
