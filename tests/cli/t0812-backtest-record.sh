#!/bin/sh
# durand backtest --data record: a tiny hand-made record whose degenerate
# baselines have known scores, the same bytes for one thread and two, the
# built-in record's summary, and bad input (2025, dates, options of the
# other mode) refused with exit 2 and nothing written.
. "$(dirname "$0")/lib.sh"
. "$TEST_ROOT/tests/cli/report-lib.sh"

H=id,kind,quantity,start,end,value,low,high,unit,stated_as,definition,source,address,trust

# PICSS: 100 attacks in each of 2019-2021, [120, 130] in 2022; PIPS: 0
# terrorist attacks in 2021, 40 in 2022.
test_expect_success 'a tiny record' '
	printf "%s\n" "$H" \
		"a-2019,count,militant_attacks,2019-01-01,2019-12-31,100,,,,exact,,PICSS,,B" \
		"a-2020,count,militant_attacks,2020-01-01,2020-12-31,100,,,,exact,,PICSS,,B" \
		"a-2021,count,militant_attacks,2021-01-01,2021-12-31,100,,,,exact,,PICSS,,B" \
		"b-2021,count,terrorist_attacks,2021-01-01,2021-12-31,0,,,,exact,,PIPS,,B" \
		"a-2022,count,militant_attacks,2022-01-01,2022-12-31,130,120,130,,exact,,PICSS,,B" \
		"b-2022,count,terrorist_attacks,2022-01-01,2022-12-31,40,,,,exact,,PIPS,,B" \
		>tiny.csv
'

run_tiny() {
	durand backtest --record tiny.csv --origins 2022-01-01 --horizon 12m \
		--particles 40 --runs 60 "$@"
}

test_expect_success 'degenerate baselines score what they must' '
	run_tiny --format csv >rows.csv &&
	test_grep "^origin,target,quantity,kind,start,end,forecaster,observed,low,high,crps,is50,is90,cover50,cover90,pit,p_event,brier,logs$" rows.csv &&
	# no-change from PIPS 0: all draws 0 against 40
	test_grep "^2022-01-01,b-2022,terrorist_attacks,count,2022-01-01,2022-12-31,no-change,40,40,40,40.000000,160.000000,800.000000,0,0," rows.csv &&
	# climatology of three years of 100 against [120, 130]: CRPS 20
	test_grep "^2022-01-01,a-2022,militant_attacks,count,2022-01-01,2022-12-31,climatology,130,120,130,20.000000," rows.csv &&
	test_grep "^2022-01-01,a-2022,militant_attacks,count,.*,durand,130,120,130," rows.csv &&
	test $(grep -c ",strike_days,month_with_strike,month,.*,durand," rows.csv) = 12
'

# Torkham closed 5 days in March 2022 and 4 days across the end of May:
# 9 closed days in the year, each dated closure an event of its own.
test_expect_success 'closures: days per crossing over the horizon, dated ones as events' '
	{ cat tiny.csv &&
	  echo "x-1,state,crossing_closed:torkham,2022-03-01,2022-03-05,5,,,days,exact,,Dawn,,B" &&
	  echo "x-2,state,crossing_closed:torkham,2022-05-30,2022-06-02,4,,,days,exact,,Dawn,,B"
	} >closed.csv &&
	durand backtest --record closed.csv --origins 2022-01-01 --horizon 12m \
		--particles 40 --runs 60 --format csv >rows.csv &&
	test_grep "^2022-01-01,closed_days.torkham,closure_days,count,2022-01-01,2022-12-31,durand,9,9,9,[0-9.]*,[0-9.]*,[0-9.]*,[01],[01]," rows.csv &&
	test_grep "^2022-01-01,x-1,crossing_closed,event,2022-03-01,2022-03-05,durand,1,1,1,,,,,,,[0-9.]*,[0-9.]*,[0-9.]*$" rows.csv &&
	test_grep "^2022-01-01,x-2,crossing_closed,event,2022-05-30,2022-06-02,durand,1,1,1," rows.csv &&
	# May ends with Torkham closed; no other month does
	test_grep "^2022-01-01,closed_at_end.torkham,closed_at_month_end,month,2022-05-01,2022-05-31,durand,1," rows.csv &&
	test $(grep -c ",closed_at_end.torkham,closed_at_month_end,month,.*,durand,1," rows.csv) = 1 &&
	# the monthly counts the record has no figure for are not scored
	! grep -q "^[^,]*,militant_attacks,closed_at_month_end" rows.csv &&
	! grep -q ",closed_days.torkham,closed_at_month_end" rows.csv
'

test_expect_success 'the text says what could not be scored, and why' '
	run_tiny >out.txt &&
	test_grep "b-2022 *climatology 1 earlier year of PIPS figures (2 needed)" out.txt &&
	test_grep "^militant_attacks *climatology *1 " out.txt &&
	test_grep "parameters are in-sample" out.txt
'

test_expect_success 'threads 1 and 2 give the same bytes' '
	run_tiny --format json --threads 1 >t1.json &&
	run_tiny --format json --threads 2 >t2.json &&
	cmp t1.json t2.json &&
	test_grep "\"kind\": \"record_backtest\"" t1.json
'

# Three origins, 200 particles: not under valgrind (some 20 s of CPU
# there); the record backtest's code runs under valgrind on the tiny record
# above, and `make asan` runs this one under ASan and UBSan.
test_expect_success 'the built-in record: durand and the baselines on the tracker counts' '
	"$DURAND" backtest --data record --particles 200 --runs 100 >b.txt &&
	test_grep "^2024-01-01  2024-12-31" b.txt &&
	for q in militant_attacks deaths_in_militant_attacks; do
		for f in durand no-change climatology negbin; do
			test_grep "^$q *$f " b.txt || return 1
		done
	done &&
	test_grep "^tracker counts *no-change *crps" b.txt &&
	test_grep "durand.s 90% intervals cover [0-9]* of [0-9]* count observations" b.txt &&
	test_grep "pips-2024-attacks *no-change *no PIPS figure for the period a year earlier" b.txt
'

test_expect_success '2025 is refused: it is the test year' '
	test_expect_code 2 durand backtest --data record --origins 2024-06-01 \
		--out o.txt 2>err &&
	test_grep "reaches past 2025-01-01: 2025 is the test year" err &&
	test_expect_code 2 durand backtest --data record --origins 2025-01-01 \
		--horizon 1m 2>err &&
	test_grep "2025 is the test year" err &&
	test ! -e o.txt
'

test_expect_success 'bad input exits 2 with a message' '
	test_expect_code 2 durand backtest --data record --origins 2022-13-01 2>err &&
	test_grep "origins: .2022-13-01." err &&
	test_expect_code 2 durand backtest --data record --origins 2023-01-01,2022-01-01 2>err &&
	test_grep "is not after the origin before it" err &&
	test_expect_code 2 durand backtest --data record --origins 2021-01-01 2>err &&
	test_grep "not after the scenario.s start" err &&
	test_expect_code 2 durand backtest --record tiny.csv --db a.db 2>err &&
	test_grep "db is for --data events only" err &&
	test_expect_code 2 durand backtest --particles 10 --origins 2019-06..2019-07 \
		--horizon 1m 2>err &&
	test_grep "particles is for --data record only" err &&
	test_expect_code 2 durand backtest --data events --record tiny.csv 2>err &&
	test_expect_code 2 durand backtest --record missing.csv 2>err &&
	test_grep "missing.csv" err &&
	test_expect_code 2 durand backtest nosuchscenario --data record 2>err
'

# --refit: IF2 at each origin on the facts before it. A record with a
# quarter of 2021 (after the scenario's start: the first origin's IF2 sees
# it) and 2022 (seen by none).
test_expect_success 'a record for --refit' '
	printf "%s\n" "$H" \
		"q-2021,count,militant_attacks,2021-10-01,2021-12-31,90,,,,exact,,PICSS,,B" \
		"q-2022a,count,militant_attacks,2022-01-01,2022-03-31,110,,,,exact,,PICSS,,B" \
		"q-2022b,count,militant_attacks,2022-04-01,2022-06-30,120,,,,exact,,PICSS,,B" \
		>rf.csv &&
	sed "s/,2022-04-01,2022-06-30,120,/,2022-04-01,2022-06-30,900,/" rf.csv >rf2.csv &&
	! cmp -s rf.csv rf2.csv
'

test_expect_success '--refit: the same bytes for the same seed, for 1 and 2 threads' '
	durand backtest --record rf.csv --origins 2022-01-01,2022-04-01 --horizon 3m --particles 40 --runs 50 --refit --fit ttp.mu,ttp.growth --refit-particles 12 --refit-iterations 2 --format json --threads 1 >r1.json &&
	durand backtest --record rf.csv --origins 2022-01-01,2022-04-01 --horizon 3m --particles 40 --runs 50 --refit --fit ttp.mu,ttp.growth --refit-particles 12 --refit-iterations 2 --format json --threads 1 >r1b.json &&
	durand backtest --record rf.csv --origins 2022-01-01,2022-04-01 --horizon 3m --particles 40 --runs 50 --refit --fit ttp.mu,ttp.growth --refit-particles 12 --refit-iterations 2 --format json --threads 2 >r2.json &&
	cmp r1.json r1b.json &&
	cmp r1.json r2.json &&
	test_grep "\"parameters\": \"refit\"" r1.json &&
	test_grep "\"particles\": 12" r1.json &&
	test_grep "\"iterations\": 2" r1.json &&
	test_grep "\"path\": \"ttp.growth\"" r1.json &&
	# IF2 --until is the origin: the facts before it, no later
	tr -d " \n" <r1.json >r1.flat &&
	test_grep "\"origin\":\"2022-01-01\",\"facts_end_before\":\"2022-01-01\",\"facts_used\":1," r1.flat &&
	test_grep "\"origin\":\"2022-04-01\",\"facts_end_before\":\"2022-04-01\",\"facts_used\":2," r1.flat &&
	durand backtest --record rf.csv --origins 2022-01-01,2022-04-01 --horizon 3m --particles 40 --runs 50 --refit --fit ttp.mu,ttp.growth --refit-particles 12 --refit-iterations 2 --format json --seed 2 >s2.json &&
	! cmp -s r1.json s2.json
'

test_expect_success '--refit in two stages: the attack rate first, then the rest; --refit-stages 1' '
	cp rf.csv rf3.csv &&
	printf "%s\n" "strike-2022-02,event,strike_in_afghanistan,2022-02-10,2022-02-10,1,,,,exact,,x,,B" >>rf3.csv &&
	bt="durand backtest --record rf3.csv --origins 2022-01-01,2022-04-01 --horizon 3m --particles 40 --runs 50 --refit --fit ttp.mu,strike.urge_gain --refit-particles 12 --refit-iterations 2 --format json" &&
	$bt --threads 1 >t1.json && $bt --threads 2 >t2.json && cmp t1.json t2.json &&
	$bt --refit-stages 1 --threads 1 >o1.json && ! cmp -s t1.json o1.json &&
	python3 - t1.json o1.json <<-PY
	import json, sys
	two, one = (json.load(open(f))["refit"] for f in sys.argv[1:])
	assert two["stages"] == 2 and one["stages"] == 1, (two["stages"], one["stages"])
	assert [(p["path"], p["stage"]) for p in two["params"]] == \
	    [("ttp.mu", 1), ("strike.urge_gain", 2)], two["params"]
	assert all(p["stage"] == 1 for p in one["params"]), one["params"]
	# the second stage weighs every fact before the origin, the strike too
	assert [o["facts_used"] for o in two["origins"]] == [1, 3], two["origins"]
	PY
	durand backtest --record rf3.csv --origins 2022-01-01,2022-04-01 --horizon 3m --particles 40 --runs 50 --refit --fit ttp.mu,strike.urge_gain --refit-particles 12 --refit-iterations 2 >t.txt &&
	test_grep "^in two stages, as the shipped ensemble was made" t.txt &&
	test_expect_code 2 durand backtest --record rf3.csv --refit-stages 2 2>err &&
	test_grep "need --refit" err &&
	test_expect_code 2 durand backtest --record rf3.csv --refit --refit-stages 3 2>err
'

test_expect_success '--set changes the scenario backtested, and the JSON says so' '
	bt="durand backtest --record rf.csv --origins 2022-01-01 --horizon 3m --particles 40 --runs 50 --format json" &&
	$bt >s0.json && $bt --set ttp.mu=0.5 >s1.json 2>err && ! cmp -s s0.json s1.json &&
	test_grep "no longer drawn from the scenario.s parameter ensemble" err &&
	python3 -c "import json; c = json.load(open(\"s1.json\"))[\"provenance\"][\"changed\"]; assert [(x[\"path\"], x[\"value\"]) for x in c] == [(\"ttp.mu\", 0.5)], c" &&
	test_expect_code 2 $bt --set ttp.mu=-1 2>err && test_grep "ttp.mu" err &&
	test_expect_code 2 durand backtest --data events --db x.db --origins 2012-01..2012-06:3 --horizon 1m --set ttp.mu=1 2>err &&
	test_grep "for --data record only" err
'

test_expect_success '--refit sees nothing from the origin on: a later fact changed, the estimates stay' '
	durand backtest --record rf.csv --origins 2022-01-01,2022-04-01 --horizon 3m --particles 40 --runs 50 --refit --fit ttp.mu,ttp.growth --refit-particles 12 --refit-iterations 2 >a.txt &&
	durand backtest --record rf2.csv --origins 2022-01-01,2022-04-01 --horizon 3m --particles 40 --runs 50 --refit --fit ttp.mu,ttp.growth --refit-particles 12 --refit-iterations 2 >b.txt &&
	sed -n "/^IF2 at each origin/,/^\$/p" a.txt >ia.txt &&
	sed -n "/^IF2 at each origin/,/^\$/p" b.txt >ib.txt &&
	test $(grep -c "^2022-0[14]-01 " ia.txt) = 2 &&
	cmp ia.txt ib.txt &&
	! cmp -s a.txt b.txt &&
	test_grep "^parameters refitted at each origin by IF2 (12 particles, 2 iterations" a.txt &&
	test_grep "parameters refitted are out-of-sample" a.txt
'

test_expect_success 'without --refit the output says the parameters are in-sample' '
	durand backtest --data record --particles 50 --runs 20 --format json >p.json &&
	test_grep "\"parameters\": \"scenario\"" p.json &&
	test_grep "\"in_sample\": \".*estimated by IF2 from the record.s tracker counts 2022-2024, then" p.json &&
	durand backtest --data record --particles 50 --runs 20 >p.txt &&
	test_grep "^parameters: the scenario.s, not refitted" p.txt &&
	k=$(grep "^  params: \[" "$TEST_ROOT/scenarios/afpak-2021.yaml" | tr -cd , | wc -c) &&
	test_grep "^the scenario.s ensemble: [0-9]* sets of $((k + 1)) parameters, IF2" p.txt &&
	test_grep "The parameters are in-sample for every origin before the facts that set them" p.txt
'

test_expect_success '--samples: every draw, one row each' '
	run_tiny --format csv --samples draws.csv >rows.csv &&
	test "$(head -1 draws.csv)" = "origin,target,period,quantity,forecaster,draw,value" &&
	with=$(awk -F, "NR > 1 && !(\$4 == \"month\" && \$7 == \"climatology\")" rows.csv | wc -l) &&
	test $with -gt 0 &&
	test $(($(wc -l <draws.csv) - 1)) = $((with * 60)) &&
	test_grep "^2022-01-01,a-2022,2022-01-01/2022-12-31,militant_attacks,climatology,60,100$" draws.csv &&
	test_grep "^2022-01-01,b-2022,2022-01-01/2022-12-31,terrorist_attacks,no-change,1,0$" draws.csv &&
	test $(grep -c ",durand,60," draws.csv) = $(awk -F, "NR > 1 && \$7 == \"durand\"" rows.csv | wc -l)
'

test_expect_success '--refit: bad use exits 2' '
	test_expect_code 2 durand backtest --refit --origins 2019-06..2019-07 \
		--horizon 1m 2>err &&
	test_grep "refit has no meaning with --data events" err &&
	test_expect_code 2 durand backtest --data record --fit ttp.mu 2>err &&
	test_grep "need --refit" err &&
	test_expect_code 2 durand backtest --record rf.csv --origins 2022-01-01 --horizon 3m --refit --fit no.such.param 2>err &&
	test_grep "no.such.param" err &&
	test_expect_code 2 durand backtest --record rf.csv --origins 2022-01-01 --horizon 3m --refit --fit attack.share_army 2>err &&
	test_grep "attack.share_army. has no range" err
'

test_expect_success '--report: a fan per origin and count fact, with the history' '
	durand backtest --record rf.csv --origins 2022-01-01,2022-04-01 \
		--horizon 3m --particles 40 --runs 50 --format json \
		--out rr.json --report rr.html &&
	test "$(jq ".fans | length" rr.json)" = 2 &&
	test "$(jq -r "[.fans[].origin] | join(\" \")" rr.json)" = "2022-01-01 2022-04-01" &&
	test "$(report_svgs rr.html rsvg)" = 3 &&
	check_svgs rsvg &&
	check_no_network rr.html &&
	test_grep "^<title>Forecast from 2022-01-01: militant_attacks (q-2022a)</title>" rr.html &&
	test_grep "^<title>Forecast from 2022-04-01: militant_attacks (q-2022b)</title>" rr.html &&
	svg_series rsvg/2.svg >f1 &&
	test_grep "^durand median	line	2$" f1 &&
	test_grep "^observed after the origin	points	1$" f1 &&
	test_grep "The parameters are in-sample for every origin" rr.html &&
	durand report rr.json -o rr2.html &&
	check_numbers rr2.html rr.json 20
'

test_expect_success '--report of the built-in record: the fans of every origin, the tracker history' '
	durand backtest --data record --particles 100 --runs 100 --format json \
		--out b.json --report b.html &&
	report_svgs b.html bsvg >/dev/null &&
	check_svgs bsvg &&
	grep -h -o "<title>Forecast from [0-9-]*" bsvg/*.svg | sort -u | wc -l >n &&
	test "$(cat n)" = 3 &&
	test "$(jq -c "[.fans[] | select(.target == \"picss-2024-attacks\") | .history.value | length]" b.json)" = "[3]" &&
	test "$(jq -c "[.fans[] | select(.target == \"picss-2024-attacks\") | .forecasts[].forecaster]" b.json)" = "[\"durand\",\"no-change\",\"climatology\",\"negbin\"]"
'

test_done
