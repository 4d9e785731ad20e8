#!/bin/sh
# durand filter and run --as-of: the same bytes for any thread count, the
# JSON's fields, the built-in cloud rebuilt bit for bit, the record's
# closed crossings in the filtered state, forecasts that say where they
# start, and bad input refused with nothing written.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || test_skip_all "python3 is needed to read JSON"

# The pairs that compare thread counts: under `make valgrind` the one on two
# threads runs under it, the one on one thread without (the same code again,
# some 10 s of CPU under valgrind; `make asan` runs both under ASan and UBSan).
test_expect_success 'filter: threads 1 and 2 give the same bytes' '
	"$DURAND" filter --particles 150 --replicates 2 --threads 1 --format json >f1.json &&
	durand filter --particles 150 --replicates 2 --threads 2 --format json >f2.json &&
	cmp f1.json f2.json
'
test_expect_success 'filter: the JSON has the likelihood, its error, the facts and the state' '
	python3 - f1.json <<-PY
	import json, sys, math
	d = json.load(open(sys.argv[1]))
	assert d["kind"] == "filter" and d["scenario"] == "afpak-2021"
	assert d["from"] == "2021-08-15" and d["until"] == "2025-10-21"
	assert d["record"]["sha256"] and len(d["record"]["sha256"]) == 64
	assert d["record"]["used"] == len(d["facts"]) > 20
	assert math.isfinite(d["loglik"]) and d["loglik"] < 0
	assert d["loglik_se"] >= 0 and len(d["replicate_loglik"]) == 2
	assert len(d["ess"]) == 1528
	for f in d["facts"]:
	    assert 0 <= f["percentile"] <= 1 and f["q05"] <= f["q50"] <= f["q95"], f
	assert all("why" in u for u in d["unused"])
	assert set(d["state"]["p_closed"]) == {"torkham", "chaman", "ghulam_khan", "angoor_adda", "kharlachi"}
	PY
'
test_expect_success 'filter: a bad record is refused with its line, nothing written' '
	printf "%s\n" "id,kind,quantity,start,end,value,low,high,unit,stated_as,definition,source,address,trust" \
		"x,count,militant_attacks,2023-02-30,2023-03-01,5,,,attacks,exact,,s,,B" >bad.csv &&
	test_expect_code 2 durand filter --record bad.csv --out o.txt --save c.cloud 2>err &&
	test_grep "bad.csv:2" err &&
	test ! -e o.txt && test ! -e c.cloud
'
test_expect_success 'filter: --until before the start and a bad date are usage errors' '
	test_expect_code 2 durand filter --until 2020-01-01 2>err &&
	test_grep "not after the scenario" err &&
	test_expect_code 2 durand filter --until 2023-13-01 2>err &&
	test_grep "until" err
'
# The heavy one runs without valgrind: 2,000 particles over four years.
test_expect_success 'the built-in cloud is what durand filter --save makes' '
	"$DURAND" filter --particles 2000 --replicates 1 --seed 1 --format json \
		--save rebuilt.cloud >big.json &&
	cmp rebuilt.cloud "$TEST_ROOT/record/afpak.cloud"
'
test_expect_success 'its filtered state has the crossings the record names closed' '
	python3 - big.json <<-PY
	import json, sys
	p = json.load(open(sys.argv[1]))["state"]["p_closed"]
	named = p["torkham"] + p["chaman"] + p["ghulam_khan"] + p["angoor_adda"]
	assert named > 2.5, p      # of the four, three or more closed on average
	PY
'
test_expect_success 'run: the default forecast starts from the filtered record, and says so' '
	durand run --runs 200 --format json >r.json &&
	durand run --runs 200 >r.txt &&
	test_grep "as of 2025-10-21: the starting state filtered from 2021-08-15" r.txt &&
	python3 - r.json <<-PY
	import json, sys
	d = json.load(open(sys.argv[1]))
	s = d["starting_state"]
	assert s["from"] == "filtered record" and len(s["record_sha256"]) == 64, s
	assert s["filtered_scenario"] == "afpak-2021" and s["facts_used"] > 20, s
	PY
'
test_expect_success 'run --as-of a later date filters on, restarts there, and notes the gap' '
	durand run --runs 100 --particles 100 --as-of 2026-01-15 --format json >a.json 2>err &&
	test_grep "runs on without observations" err &&
	python3 - a.json <<-PY
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert d["start"] == "2026-01-15", d["start"]
	assert d["starting_state"]["from"] == "filtered record"
	PY
'
test_expect_success 'run --as-of: threads 1 and 2 give the same bytes' '
	"$DURAND" run --runs 100 --particles 100 --as-of 2025-12-01 --threads 1 --format json >a1.json 2>/dev/null &&
	durand run --runs 100 --particles 100 --as-of 2025-12-01 --threads 2 --format json >a2.json 2>/dev/null &&
	cmp a1.json a2.json
'
test_expect_success 'run --as-of before the scenario starts is a usage error' '
	test_expect_code 2 durand run --runs 10 --as-of 2025-01-01 2>err &&
	test_grep "not after the scenario" err
'
test_expect_success 'a scenario that starts elsewhere keeps its own state, and says so' '
	durand run afpak-2021 --runs 50 --days 30 >h.txt &&
	test_grep "starting state is the scenario" h.txt
'
test_expect_success 'run --observables: the record quantities month by month, same bytes for 1 and 2 threads' '
	durand run --runs 120 --days 70 --observables --threads 1 --format json >o1.json &&
	durand run --runs 120 --days 70 --observables --threads 2 --format json >o2.json &&
	cmp o1.json o2.json &&
	python3 - o1.json <<-PY
	import json, sys
	o = json.load(open(sys.argv[1]))["observables"]
	names = [s["quantity"] for s in o["monthly"]]
	assert names[:2] == ["strike_days", "ceasefires"] and "militant_attacks" in names, names
	for s in o["monthly"]:
	    ps = s["periods"]
	    # 70 days from 21 October: the rest of October, November, December
	    assert [p["from"] for p in ps] == ["2025-10-21", "2025-11-01", "2025-12-01"], ps
	    assert ps[-1]["until"] == "2025-12-29", ps
	    for p in ps:
	        assert p["q05"] <= p["q50"] <= p["q95"], p
	PY
'
test_expect_success 'a filter past a century is refused before any work (fuzz_cli: a timeout)' '
	test_expect_code 2 durand filter --until 9999-12-31 2>err &&
	test_grep "^durand filter: a filter from 2021-08-15 to 9999-12-31 spans 2914042 days; it may span 36500 at most (DUR_FILTER_DAYS_MAX in observe.h)\$" err &&
	test_expect_code 2 durand run afpak-2021 --as-of 6021-09-01 --runs 3 2>err &&
	test_grep "^durand run: a filter from 2021-08-15 to 6021-09-01 spans 1460987 days; it may span 36500 at most" err &&
	test_expect_code 2 durand filter --until 2121-08-15 2>err &&
	test_grep "spans 36524 days; it may span 36500 at most" err
'
test_expect_success 'run --observables without a filtered start is a usage error' '
	test_expect_code 2 durand run afpak-2021 --runs 10 --observables 2>err &&
	test_grep "needs a filtered start" err
'
# Kabul's reading: afpak-2021 but for the reading, its ensemble afpak-2021's
# with ttp.mu scaled (the sections compared apart).
test_expect_success 'afpak-kabul-2021 is afpak-2021 but for the reading' '
	for f in afpak-2021 afpak-kabul-2021; do
		sed "/^# The parameter ensemble/,\$d" \
			"$TEST_ROOT/scenarios/$f.yaml" >$f.head &&
		sed -n "/^  sets:/,\$p" "$TEST_ROOT/scenarios/$f.yaml" >$f.sets ||
		return 1
	done &&
	diff afpak-2021.head afpak-kabul-2021.head |
		grep "^[<>] *[^ ]" | grep -v "^> #" | sed "s/^[<>] *//; s/:.*//" |
		sort -u >keys &&
	test_lines_are keys "description" "name" "strike.civilians_mean" \
		"strike.militants_mean" "strike_city.civilians_mean" \
		"ttp.domestic_share" "ttp.mu" &&
	# set by set: ttp.mu times 0.8, the rest the same, in the same order
	grep "^  params: \[" "$TEST_ROOT/scenarios/afpak-2021.yaml" >p1 &&
	grep "^  params: \[" "$TEST_ROOT/scenarios/afpak-kabul-2021.yaml" >p2 &&
	cmp p1 p2 &&
	python3 - afpak-2021.sets afpak-kabul-2021.sets p1 <<-PY
	import sys
	rows = [[[float(x) for x in l.strip()[3:-1].split(",")] for l in open(f) if l.startswith("    - [")]
	        for f in sys.argv[1:3]]
	names = open(sys.argv[3]).read().split("[")[1].split("]")[0].split(", ")
	m = names.index("ttp.mu")
	assert len(rows[0]) == len(rows[1]) > 0
	for a, b in zip(*rows):
	    assert abs(b[m] - 0.8 * a[m]) < 1e-9 * a[m], (a, b)
	    assert a[:m] + a[m + 1:] == b[:m] + b[m + 1:], (a, b)
	PY
'
test_done
