#!/bin/sh
# durand stats --plot and durand fit --report: the charts and pages drawn
# from the commands' own JSON, checked against that JSON.
. "$(dirname "$0")/lib.sh"
. "$TEST_ROOT/tests/cli/report-lib.sh"

durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db a.db >/dev/null
durand import acled "$TEST_DATA/acled-2024.csv" --db a.db >/dev/null

# svg_has SVG JSON: the chart holds "KEY events" and "KEY deaths" lines of
# one point per period for each series of the stats result JSON, and no
# other series.
svg_has() {
	svg_series "$1" >series &&
	np=$(jq ".periods | length" "$2") &&
	jq -r --arg np "$np" '.series | keys_unsorted[] |
		"\(.) events\tline\t\($np)", "\(.) deaths\tline\t\($np)"' \
		"$2" | sort >want &&
	sort series >got &&
	cmp want got
}

test_expect_success 'stats JSON says what kind of result it is' '
	durand stats --db a.db --format json >s.json &&
	test "$(jq -r .kind s.json)" = stats &&
	test "$(jq -r .by s.json)" = month
'
test_expect_success 'stats --plot FILE.svg: one chart, every stream, both counts' '
	durand stats --db a.db --plot s.svg >out &&
	xmllint --noout s.svg &&
	svg_has s.svg s.json &&
	test_grep "^attack events	line	2$" series &&
	test_grep "<title>Events and deaths per month, by stream</title>" s.svg
'
test_expect_success 'stats --plot leaves the printed result as it was' '
	durand stats --db a.db >plain &&
	cmp plain out &&
	durand stats --db a.db --format json --plot s2.svg >s2.json &&
	cmp s.json s2.json &&
	cmp s.svg s2.svg
'
test_expect_success 'stats --plot is the first chart of durand report' '
	durand report s.json --list-charts >names &&
	test "$(cat names)" = monthly &&
	durand report s.json --chart monthly -o r.svg &&
	cmp s.svg r.svg
'
test_expect_success 'stats --plot FILE.png writes a PNG' '
	durand stats --db a.db --by week --group actor --plot w.png >/dev/null &&
	test "$(head -c 4 w.png | od -An -c | tr -d " ")" = "211PNG"
'
test_expect_success 'weeks and actors: a line per actor and count' '
	durand stats --db a.db --by week --group actor --format json \
		--plot w.svg >w.json &&
	xmllint --noout w.svg &&
	svg_has w.svg w.json &&
	test "$(wc -l <series)" -eq 12 &&
	test_grep "<title>Events and deaths per week, by actor</title>" w.svg
'
test_expect_success 'at most six keys are drawn, those with most events' '
	jq ".series.zzz = (.series.ttp | .events |= map(0))" w.json >w7.json &&
	durand report w7.json --chart weekly -o w7.svg &&
	svg_series w7.svg >series7 &&
	test "$(wc -l <series7)" -eq 12 &&
	! test_grep "^zzz" series7
'
test_expect_success 'the stats page holds every count of the JSON' '
	durand report s.json -o s.html &&
	check_no_network s.html &&
	n=$(report_svgs s.html svg-s) && test "$n" -eq 1 &&
	check_svgs svg-s &&
	check_numbers s.html s.json 16
'
test_expect_success 'a bad --plot extension is bad usage, and writes nothing' '
	test_expect_code 2 durand stats --db a.db --plot s.pdf 2>err &&
	test_grep "^durand stats: --plot: expected a file ending in .svg or .png, got .s.pdf.$" err &&
	! test -e s.pdf &&
	test_expect_code 2 durand stats --db a.db --plot noext 2>err &&
	test_expect_code 2 durand stats --db a.db --change-since 2024-03-18 \
		--plot c.svg 2>err &&
	test_grep "not the --change-since test" err &&
	! test -e c.svg
'
test_expect_success 'an unwritable --plot is a failure, not a crash' '
	test_must_fail durand stats --db a.db --plot nodir/s.svg >/dev/null 2>err &&
	test_grep "nodir/s.svg" err
'

# A fit needs 10 events a stream (DUR_HAWKES_MIN_EVENTS): 16 attacks in
# Pakistan, 12 strikes in Afghanistan and 11 clashes at the border, on
# irregular days of 2024.
awk 'BEGIN {
	print "id,date_start,side_a,side_b,dyad_name,type_of_violence,country,best"
	for (i = 0; i < 39; i++) {
		d = 19723 + int(i * 97 % 61) + (i % 3)
		cmd = "date -u -d @" d * 86400 " +%F"; cmd | getline day; close(cmd)
		if (i < 16)
			printf "%d,%s,Government of Pakistan,TTP,Government of Pakistan - TTP,1,Pakistan,%d\n", 500 + i, day, i % 5
		else if (i < 28)
			printf "%d,%s,Government of Pakistan,TTP,Government of Pakistan - TTP,1,Afghanistan,%d\n", 500 + i, day, i % 4
		else
			printf "%d,%s,Government of Pakistan,Government of Afghanistan,Government of Pakistan - Government of Afghanistan,1,Pakistan,%d\n", 500 + i, day, i % 3
	}
}' >fit.csv
durand import ucdp fit.csv --db fit.db >/dev/null

test_expect_success 'fit JSON says what kind of result it is' '
	test "$(sqlite3 fit.db "SELECT group_concat(n) FROM (SELECT count(*) AS n FROM events GROUP BY stream ORDER BY stream)")" = "16,11,12" &&
	durand fit --db fit.db --format json >f.json &&
	test "$(jq -r .kind f.json)" = fit
'
test_expect_success 'fit --report FILE.html: heat map, QQ plot, tables' '
	durand fit --db fit.db --report f.html >text &&
	test_grep "^daily Hawkes fit, 3 streams" text &&
	test_grep "^<!DOCTYPE html>" f.html &&
	check_no_network f.html &&
	n=$(report_svgs f.html svg-f) && test "$n" -eq 2 &&
	check_svgs svg-f &&
	svg_series svg-f/1.svg >m &&
	test_grep "^matrix	cells	$(jq "[.branching[][] | numbers] | length" f.json)$" m &&
	svg_series svg-f/2.svg >qq &&
	for s in attack strike clash; do
		test_grep "^$s (KS p = [0-9.]*)	points	$(jq ".rescaled.$s | length" f.json)$" qq ||
			return 1
	done
'
test_expect_success 'fit page: its numbers are the JSON'"'"'s, all of them' '
	n=$(jq "[.branching, .alpha, .alpha_se, .events, .mu, .mu_se, .decay,
		.decay_se, .halflife, .halflife_se | .. | numbers] | length" \
		f.json) &&
	check_numbers f.html f.json "$n" &&
	for k in branching alpha; do
		for i in 0 1 2; do for j in 0 1 2; do
			v=$(jq ".$k[$i][$j]" f.json)
			[ "$v" = null ] && continue
			test_grep "data-k=\".$k\[$i\]\[$j\]\"" f.html || return 1
		done; done
	done &&
	test_grep "data-k=\".ks\[2\].p\"" f.html &&
	test_grep "data-k=\".mu\[1\]\"" f.html &&
	test_grep "data-k=\".loglik\"" f.html
'
test_expect_success 'fit --report is the page durand report draws from the JSON' '
	durand report f.json -o again.html &&
	cmp f.html again.html &&
	durand fit --db fit.db --format json --report f2.html >f2.json &&
	cmp f.json f2.json &&
	cmp f.html f2.html
'
test_expect_success 'an unwritable --report is a failure and nothing else' '
	test_must_fail durand fit --db fit.db --report nodir/f.html >/dev/null 2>err &&
	test_grep "nodir/f.html" err
'

if [ -f "$SHARED_DATA/ucdp-ged-pakistan-1989-2021.csv" ]; then
	durand import ucdp "$SHARED_DATA/ucdp-ged-pakistan-1989-2021.csv" \
		--db real.db >/dev/null
	test_expect_success 'real extract: monthly counts since 2015 as a chart' '
		durand stats --db real.db --since 2015-01-01 --format json \
			--plot real.svg >real.json &&
		xmllint --noout real.svg &&
		svg_has real.svg real.json &&
		test_grep "^attack events	line	84$" series &&
		durand report real.json -o real.html &&
		check_numbers real.html real.json 336
	'
	test_expect_success 'real extract: the TTP attack fit as a page' '
		durand fit --db real.db --streams attack --since 2015-01-01 \
			--format json --report fit.html >fit.json &&
		check_numbers fit.html fit.json 10 &&
		n=$(report_svgs fit.html svg-real) && test "$n" -eq 2 &&
		check_svgs svg-real &&
		svg_series svg-real/2.svg >qq &&
		test_grep "^attack (KS p = 0.138)	points	711$" qq
	'
else
	say "skipping: ../shared/data absent (the real extract's plots are untested)"
fi
test_done
