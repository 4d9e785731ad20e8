#!/bin/sh
# durand backtest --data record: a tiny hand-made record whose degenerate
# baselines have known scores, the same bytes for one thread and two, the
# built-in record's summary, and bad input (2025, dates, options of the
# other mode) refused with exit 2 and nothing written.
. "$(dirname "$0")/lib.sh"

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

test_expect_success 'the built-in record: durand and the baselines on the tracker counts' '
	durand backtest --data record --particles 200 --runs 100 >b.txt &&
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

test_done
