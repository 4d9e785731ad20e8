#!/bin/sh
# durand run: same seed, same bytes for any thread count; the JSON document
# and its fields; what-ifs; the event log; --out; bad options.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || test_skip_all "python3 is needed to read JSON"

test_expect_success 'json: threads 1 and 2 give the same bytes' '
	durand run --runs 300 --seed 7 --threads 1 --format json >t1.json &&
	durand run --runs 300 --seed 7 --threads 2 --format json >t2.json &&
	cmp t1.json t2.json
'
test_expect_success 'text: threads 1 and 2 give the same bytes' '
	durand run --runs 300 --seed 7 --threads 1 >t1.txt &&
	durand run --runs 300 --seed 7 --threads 2 >t2.txt &&
	cmp t1.txt t2.txt &&
	test -s t1.txt
'
test_expect_success 'csv: threads 1 and 2 give the same bytes' '
	durand run --runs 300 --seed 7 --threads 1 --format csv >t1.csv &&
	durand run --runs 300 --seed 7 --threads 2 --format csv >t2.csv &&
	cmp t1.csv t2.csv
'
test_expect_success 'another seed gives other numbers' '
	durand run --runs 300 --seed 8 --threads 2 --format json >s8.json &&
	! cmp -s t1.json s8.json
'

cat >check_json.py <<'PY'
import json, sys

d = json.load(open(sys.argv[1]))
runs, seed, days = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
stats = ("mean", "q05", "q50", "q95")
outcomes = ("attacks", "fatalities_pakistan", "fatalities_afghanistan",
            "strikes", "border_clashes", "closure_days", "trade_lost_usd",
            "deportations", "mediation_rounds", "ceasefires",
            "flag_meetings", "protests", "demarches", "memorandums",
            "jcc_meetings", "minister_visits")
num = (int, float)
assert d["scenario"] == "afpak", d["scenario"]
assert isinstance(d["start"], str) and len(d["start"]) == 10, d["start"]
assert d["days"] == days and d["runs"] == runs and d["seed"] == seed
esc = d["escalation"]
assert isinstance(esc, list) and len(esc) >= 2
for i, e in enumerate(esc):
    assert set(("rung", "name", "p_reach")) <= set(e), e
    assert e["rung"] == i and isinstance(e["name"], str) and e["name"]
    assert 0 <= e["p_reach"] <= 1
    # reaching a rung implies reaching those below it
    assert i == 0 or e["p_reach"] <= esc[i - 1]["p_reach"]
fs = d["first_strike"]
for k in ("p", "q05", "q50", "q95"):
    assert k in fs, k
assert 0 <= fs["p"] <= 1
if fs["p"] > 0:
    assert 0 <= fs["q05"] <= fs["q50"] <= fs["q95"] < days
o = d["outcomes"]
for name in outcomes:
    for k in stats:
        assert isinstance(o[name][k], num), (name, k, o[name][k])
    assert o[name]["q05"] <= o[name]["q50"] <= o[name]["q95"], name
    assert o[name]["q05"] >= 0, name
# the parts add up to the whole
assert o["fatalities_pakistan"]["mean"] >= o["fatalities_pakistan_military"]["mean"]
if len(sys.argv) > 5:
    w = d["what_if"]
    assert isinstance(w, list) and len(w) == len(sys.argv) - 5
    for v, name in zip(w, sys.argv[5:]):
        assert v["name"] == name, v["name"]
        diff = v["difference"]
        for o_name in outcomes:
            for k in stats:
                assert isinstance(diff[o_name][k], num), (o_name, k)
else:
    assert "what_if" not in d or not d["what_if"]
print("ok")
PY

test_expect_success 'the JSON parses and holds the documented fields' '
	python3 check_json.py t1.json 300 7 180 >out &&
	test_lines_are out ok
'
test_expect_success '--days and --seed are reported' '
	durand run --runs 200 --seed 123457 --days 61 --format json >d.json &&
	python3 check_json.py d.json 200 123457 61
'
test_expect_success '--what-if adds what_if with its difference' '
	durand run --runs 200 --seed 7 --format json \
		--what-if joint_mechanism --what-if crossings_open >w.json &&
	python3 check_json.py w.json 200 7 180 joint_mechanism crossings_open
'
test_expect_success 'the baseline does not change when a what-if is added' '
	durand run --runs 200 --seed 7 --format json >b.json &&
	python3 -c "
import json
b = json.load(open(\"b.json\")); w = json.load(open(\"w.json\"))
assert b[\"outcomes\"] == w[\"outcomes\"]
assert b[\"escalation\"] == w[\"escalation\"]
"
'
test_expect_success 'an unknown --what-if exits 2 and lists the available ones' '
	durand show afpak >afpak.yaml &&
	test_expect_code 2 durand run --runs 200 --what-if frobnicate >out 2>err &&
	! test -s out &&
	test_grep "no intervention '\''frobnicate'\''" err &&
	sed -n "/^interventions:/,\$s/^  - name: //p" afpak.yaml >names &&
	test -s names &&
	while read -r n; do test_grep " $n\\b" err || return 1; done <names
'
test_expect_success '--events writes the documented CSV header and rows' '
	durand run --runs 200 --seed 7 --event-runs 3 --events ev.csv >out &&
	test -s out &&
	head -n 1 ev.csv >header &&
	test_lines_are header "run,date,actor,target,type,cameo,goldstein,region,crossing,count,pakistan_military,pakistan_police,pakistan_civilians,afghanistan_forces,afghanistan_civilians,militants" &&
	python3 -c "
import csv
rows = list(csv.reader(open(\"ev.csv\")))[1:]
assert rows, \"no events\"
assert all(len(r) == 16 for r in rows)
assert sorted(set(r[0] for r in rows)) == [\"0\", \"1\", \"2\"], set(r[0] for r in rows)
runs = [int(r[0]) for r in rows]
assert runs == sorted(runs)
import datetime, json
d = json.load(open(\"t1.json\"))
start = datetime.date.fromisoformat(d[\"start\"])
end = start + datetime.timedelta(days=d[\"days\"])
assert all(start <= datetime.date.fromisoformat(r[1]) < end for r in rows)
assert all(int(x) >= 0 for r in rows for x in r[9:])
"
'
test_expect_success 'the event log does not depend on threads either' '
	durand run --runs 200 --seed 7 --threads 1 --events e1.csv >/dev/null &&
	durand run --runs 200 --seed 7 --threads 2 --events e2.csv >/dev/null &&
	cmp e1.csv e2.csv
'
test_expect_success '--out writes the file and nothing to stdout' '
	durand run --runs 300 --seed 7 --threads 2 --format json --out res.json >out &&
	! test -s out &&
	cmp res.json t1.json &&
	! ls res.json.tmp.* 2>/dev/null
'
test_expect_success 'bad options exit 2 with a message and no output' '
	for o in "--runs x" "--runs 0" "--runs -5" "--format xml" \
		 "--threads 0" "--days 0" "--seed x" "--frobnicate"; do
		test_expect_code 2 durand run $o >out 2>err &&
		! test -s out && test -s err || return 1
	done &&
	test_expect_code 2 durand run --format xml 2>err &&
	test_grep "xml" err &&
	test_expect_code 2 durand run --runs x 2>err &&
	test_grep "runs" err
'
test_expect_success 'durand run --help prints usage on stdout, exit 0' '
	durand run --help >out 2>err &&
	test_grep "^usage: durand run" out &&
	! test -s err
'
test_done
