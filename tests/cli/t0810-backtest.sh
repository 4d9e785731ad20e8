#!/bin/sh
# durand backtest: rows and their observations, the periods past the data's
# end, bad input, the same output for any thread count, the draws file,
# and the GED backtest where ../shared/data has the extract.
. "$(dirname "$0")/lib.sh"
. "$TEST_ROOT/tests/cli/report-lib.sh"

# Made-up attacks (not GED rows): month i of 2019-2020 has i % 4 + 1
# events, each with 2 deaths (low 1, high 3).
awk 'BEGIN {
	print "id,date_start,date_end,date_prec,side_a,side_b," \
	      "dyad_name,type_of_violence,country,best,low,high,active_year"
	id = 500000
	for (i = 0; i < 24; i++)
		for (e = 0; e <= i % 4; e++)
			printf "%d,%d-%02d-%02d,%d-%02d-%02d,1,Government of " \
			       "Pakistan,TTP,Government of Pakistan - TTP,1," \
			       "Pakistan,2,1,3,true\n", id++, 2019 + int(i / 12),
			       i % 12 + 1, 3 + 7 * e, 2019 + int(i / 12),
			       i % 12 + 1, 3 + 7 * e
}' >made-up.csv
durand import ucdp made-up.csv --db a.db >/dev/null
head -1 made-up.csv >empty.csv
durand import ucdp empty.csv --db empty.db >/dev/null

test_expect_success 'one tidy row per origin, quantity, period, forecaster' '
	durand backtest --db a.db --origins 2020-01..2020-03 --horizon 3m \
		--format csv --runs 200 >out.csv &&
	test_grep "^origin,quantity,step,period,forecaster,observed,low,high,crps,is50,is90,cover50,cover90,pit," out.csv &&
	test $(wc -l <out.csv) -eq $((1 + 3 * 2 * 3 * 4)) &&
	test_grep "^2020-01,events,1,2020-01,no-change,1,1,1," out.csv &&
	test_grep "^2020-03,events,3,2020-05,hawkes,1,1,1," out.csv &&
	test_grep "^2020-02,deaths,2,2020-03,climatology,6,3,9," out.csv
'

test_expect_success 'text: the summary says the forecasters are baselines' '
	durand backtest --db a.db --origins 2019-06..2020-06:2 --horizon 3m \
		--runs 200 >out.txt &&
	test_grep "^forecasters: baselines only" out.txt &&
	test_grep "^events: mean CRPS by months ahead" out.txt &&
	test_grep "^deaths: mean CRPS by months ahead (UCDP" out.txt &&
	test_grep "^all " out.txt &&
	test_grep "^CRPS skill of row against column" out.txt &&
	test_grep "^PIT histogram" out.txt
'

test_expect_success 'periods past the data are named and the rest scored' '
	durand backtest --db a.db --origins 2020-11..2020-12 --horizon 3m \
		--format csv --runs 100 >past.csv 2>err &&
	test_grep "the data end with 2020-12; periods after it are not scored: origin 2020-11: 2021-01; origin 2020-12: 2021-01 2021-02" err &&
	test $(wc -l <past.csv) -eq $((1 + (2 + 1) * 2 * 4))
'

test_expect_success 'bad input exits 2 with a message' '
	test_expect_code 2 durand backtest --db a.db --origins 2018-01..2019-03 \
		--horizon 1m 2>err &&
	test_grep "origin 2018-01-01 is outside the data" err &&
	test_expect_code 2 durand backtest --db a.db --origins 2019-01..2019-03 \
		--horizon 1m 2>err &&
	test_grep "origin 2019-01-01 is outside the data" err &&
	test_expect_code 2 durand backtest --db a.db --origins 2021-01..2021-03 \
		--horizon 1m 2>err &&
	test_expect_code 2 durand backtest --db empty.db \
		--origins 2019-06..2019-07 --horizon 1m 2>err &&
	test_grep "empty.db: the store holds no events" err &&
	test_expect_code 2 durand backtest --db a.db --origins 2019-06..2019-07 \
		--horizon 1m --quantities events,strikes 2>err &&
	test_grep "expected events or deaths, got .strikes." err &&
	test_expect_code 2 durand backtest --db a.db --origins 2019-06..2019-07 \
		--horizon 2m 2>err &&
	test_expect_code 2 durand backtest --db a.db --origins 2019-06 \
		--horizon 1m 2>err &&
	test_grep "expected FROM..TO" err &&
	test_expect_code 2 durand backtest --db a.db --origins 2019-06-02..2019-07 \
		--horizon 1m 2>err &&
	test_expect_code 2 durand backtest --db a.db --horizon 1m 2>err &&
	test_grep "option .--origins. is required" err &&
	test_expect_code 2 durand backtest --db a.db --origins 2019-06..2019-07 \
		--horizon 1m --baselines persistence 2>err &&
	test_grep "unknown baseline .persistence." err &&
	test_expect_code 2 durand backtest afpak --db a.db \
		--origins 2019-06..2019-07 --horizon 1m 2>err &&
	test_grep "a scenario is forecast against the record" err &&
	test_expect_code 2 durand backtest --db missing.db \
		--origins 2019-06..2019-07 --horizon 1m 2>err
'

# The backtests that compare thread counts or seeds (here and over the GED
# below): under `make valgrind` the one on two threads runs under it, the
# others without (valgrind would only see the same code again, for some
# 20 s of CPU, 40 with the GED; `make asan` runs them all under ASan and
# UBSan).
test_expect_success 'same seed, same bytes on one thread and two' '
	"$DURAND" backtest --db a.db --origins 2019-04..2020-09 --horizon 6m \
		--format json --threads 1 --seed 9 --samples s1.csv >t1.json &&
	durand backtest --db a.db --origins 2019-04..2020-09 --horizon 6m \
		--format json --threads 2 --seed 9 --samples s2.csv >t2.json &&
	cmp t1.json t2.json && cmp s1.csv s2.csv &&
	test_grep "\"crps_estimator\": \"fair\"" t1.json &&
	test_grep "\"skill\": \\[" t1.json &&
	"$DURAND" backtest --db a.db --origins 2019-04..2020-09 --horizon 6m \
		--format json --threads 2 --seed 10 >t3.json &&
	! cmp -s t1.json t3.json
'

test_expect_success '--samples writes every draw' '
	durand backtest --db a.db --origins 2020-01..2020-01 --horizon 1m \
		--runs 50 --baselines no-change,negbin --quantities deaths \
		--samples d.csv --out o.txt &&
	test_grep "^origin,period,quantity,forecaster,draw,value$" d.csv &&
	test $(wc -l <d.csv) -eq $((1 + 2 * 50)) &&
	test_grep "^2020-01,2020-01,deaths,negbin,50," d.csv &&
	test_grep "^forecasters: baselines only" o.txt
'

if [ -f "$SHARED_DATA/ucdp-ged-pakistan-1989-2021.csv" ]; then
	durand import ucdp "$SHARED_DATA/ucdp-ged-pakistan-1989-2021.csv" \
		--db real.db >/dev/null
	test_expect_success 'the GED backtest: same bytes on one thread and two' '
		"$DURAND" backtest --db real.db --origins 2012-01..2021-06:3 \
			--horizon 6m --format csv --threads 1 >g1.csv &&
		durand backtest --db real.db --origins 2012-01..2021-06:3 \
			--horizon 6m --format csv --threads 2 >g2.csv &&
		cmp g1.csv g2.csv &&
		test $(wc -l <g1.csv) -eq $((1 + 38 * 2 * 6 * 4))
	'
else
	say "# skipping the GED backtest: $SHARED_DATA/ucdp-ged-pakistan-1989-2021.csv is not there"
fi

test_expect_success '--report: a fan per origin and quantity, the PIT, the skill' '
	durand backtest --db a.db --origins 2020-01..2020-03 --horizon 3m \
		--runs 200 --format json --out r.json --report r.html &&
	test "$(jq -r .kind r.json)" = backtest &&
	test "$(jq ".fans | length" r.json)" = 6 &&
	test "$(jq "[.fans[].forecasts[].q50 | length] | unique" -c r.json)" = "[3]" &&
	test "$(jq -c ".fans[0].history.value" r.json)" = "[1,2,3,4,1,2,3,4,1,2,3,4]" &&
	test "$(report_svgs r.html svg)" = 8 &&
	check_svgs svg &&
	check_no_network r.html &&
	# every origin of the result drawn, each once for each quantity
	for i in 3 4 5 6 7 8; do
		xmllint --xpath "string(//*[local-name()=\"title\"])" svg/$i.svg
		echo
	done | sed -n "s/^Forecast from \([0-9-]*\): .*/\1/p" | sort | uniq -c >drawn &&
	test "$(wc -l <drawn)" = "$(jq ".origins | length" r.json)" &&
	test "$(awk "{print \$1}" drawn | sort -u)" = 2 &&
	svg_series svg/3.svg >s3 &&
	test_grep "^90% interval	band	6$" s3 &&
	test_grep "^observed after the origin	points	3$" s3 &&
	test_grep "^observed before the origin	line	12$" s3 &&
	svg_series svg/1.svg >p1 &&
	test_grep "^hawkes	step	11$" p1 &&
	test_grep "data-k=\".skill\[0\].skill\"" r.html &&
	durand report r.json -o again.html &&
	check_numbers again.html r.json 50 &&
	report_svgs again.html svg2 >/dev/null &&
	for f in svg/*.svg; do cmp "$f" svg2/${f#svg/} || return 1; done
'

test_done
