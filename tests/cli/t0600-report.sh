#!/bin/sh
# durand report: HTML pages and charts from saved JSON results.
. "$(dirname "$0")/lib.sh"
. "$TEST_ROOT/tests/cli/report-lib.sh"

RUN=$TEST_DATA/run-result.json

test_expect_success 'no result file is a usage error' '
	test_expect_code 2 durand report 2>err &&
	test_grep "^usage: durand report" err
'
test_expect_success 'report --help prints usage on stdout' '
	durand report --help >out &&
	test_grep "^usage: durand report" out
'
test_expect_success 'an unknown option exits 2' '
	test_expect_code 2 durand report --frob "$RUN" 2>err &&
	test_grep "unknown option .--frob." err
'
test_expect_success 'a file that is not JSON is bad input, with its position' '
	printf "{\"kind\": \"run\",\n  \"runs\": ]\n" >bad.json &&
	test_expect_code 2 durand report bad.json 2>err &&
	test_grep "^durand report: bad.json:2:[0-9]*: " err
'
test_expect_success 'a missing file exits 1' '
	test_expect_code 1 durand report nothere.json 2>err &&
	test_grep "nothere.json" err
'
test_expect_success 'a run result without outcomes is bad input' '
	echo "{\"kind\": \"run\"}" >r.json &&
	test_expect_code 2 durand report r.json -o r.html 2>err &&
	test_grep "no .outcomes." err &&
	! test -e r.html
'
test_expect_success 'a failed report leaves an earlier file untouched' '
	echo old >keep.html &&
	test_expect_code 2 durand report r.json -o keep.html 2>err &&
	test "$(cat keep.html)" = old
'

# run-afpak.json and hindcast-afpak-2021.json are real output of the engine
# at main 58d36bd (durand run --runs 1000 --format json --what-if
# joint_mechanism; durand hindcast --runs 300 --series year --format json);
# stats-result.json and fit-result.json are real output of durand stats
# --since 2015-01-01 --format json and durand fit --streams attack --since
# 2015-01-01 --format json on the UCDP GED extract for Pakistan
# (../shared/data); the others are synthetic, written to the schemas in
# docs/report.md.
for f in run-afpak hindcast-afpak-2021 run-result hindcast-result \
	 sensitivity-morris sensitivity-sobol stats-result fit-result; do
	test_expect_success "$f: the page renders and needs no network" "
		durand report \"$TEST_DATA/$f.json\" -o $f.html &&
		test_grep '^<!DOCTYPE html>' $f.html &&
		test_grep '@media print' $f.html &&
		test_grep 'page-break-inside:avoid' $f.html &&
		check_no_network $f.html
	"
	test_expect_success "$f: every chart is well-formed SVG with its series" "
		n=\$(report_svgs $f.html svg-$f) &&
		test \"\$n\" -ge 1 &&
		test \"\$n\" -eq \"\$(grep -c '<figure class=\"chart\"' $f.html)\" &&
		check_svgs svg-$f
	"
	test_expect_success "$f: the numbers on the page are the JSON's" "
		check_numbers $f.html \"$TEST_DATA/$f.json\"
	"
done

test_expect_success 'run page: all outcomes, rungs and what-ifs are checked' '
	check_numbers run-result.html "$RUN" 300 &&
	for k in $(jq -r ".outcomes | keys[]" "$RUN"); do
		grep -q "data-k=\".outcomes.$k.q95\"" run-result.html || {
			echo "outcome $k missing" >&2; return 1; }
	done &&
	test_grep "data-k=\".escalation\[9\].p_reach\"" run-result.html &&
	test_grep "data-k=\".what_if\[1\].difference.attacks.q05\"" run-result.html
'
test_expect_success 'engine output: every outcome and crossing is on the page' '
	J=$TEST_DATA/run-afpak.json &&
	check_numbers run-afpak.html "$J" 500 &&
	n=$(jq "[.outcomes, .what_if[].difference | keys[]] | length" "$J") &&
	test "$(grep -c "data-k=\"[^\"]*\(outcomes\|difference\)[^\"]*\.q95\"" \
		run-afpak.html)" -eq "$n" &&
	test_grep "data-k=\".outcomes\[&quot;closure_days.torkham&quot;\].q50\"" \
		run-afpak.html &&
	test_grep "data-k=\".crossings\[0\].trade_lost_usd.q95\"" run-afpak.html
'
test_expect_success 'run page: the fan charts have median and both bands' '
	svg_series svg-run-result/1.svg >fan &&
	test "$(wc -l <fan)" -eq 3 &&
	test_grep "^90% of runs	band	180$" fan &&
	test_grep "^50% of runs	band	180$" fan &&
	test_grep "^median	line	180$" fan &&
	svg_series svg-run-result/2.svg >fan2 &&
	test "$(wc -l <fan2)" -eq 3
'
test_expect_success 'run page: one ladder line per rung; people killed: a series per what-if, a row per outcome moved' '
	svg_series svg-run-result/3.svg >ladder &&
	test "$(wc -l <ladder)" -eq "$(jq ".daily.rung_at_least | length" "$RUN")" &&
	svg_series svg-run-result/4.svg >fs &&
	test_grep "^cumulative probability	step	180$" fs &&
	test_grep "	vline	3$" fs &&
	svg_series svg-run-result/5.svg >wi &&
	jq -r ".what_if[].name" "$RUN" >names &&
	cut -f1 wi >series && cmp names series &&
	test "$(cut -f2 wi | sort -u)" = interval &&
	jq -r "[.what_if[].difference | to_entries[]
		| select(.key | test(\"^fatalities\"))
		| select(.value.mean != 0 or .value.q05 != 0 or .value.q95 != 0)
		| .key] | unique | length" "$RUN" >n &&
	test "$(cut -f3 wi | sort -u)" = "$(cat n)"
'
test_expect_success 'hindcast page: interval and stated figure per target' '
	svg_series svg-hindcast-result/1.svg >h &&
	n=$(jq ".targets | length" "$TEST_DATA/hindcast-result.json") &&
	test_grep "	interval	$n$" h &&
	test_grep "^stated figure (100%)	points	$n$" h &&
	svg_series svg-hindcast-result/2.svg >hs &&
	test_grep "^model median and 90% interval	interval	5$" hs
'
test_expect_success 'stats page: every count is on the page' '
	J=$TEST_DATA/stats-result.json &&
	n=$(jq "[.series[] | .events, .deaths | length] | add" "$J") &&
	check_numbers stats-result.html "$J" "$n" &&
	svg_series svg-stats-result/1.svg >s &&
	test "$(wc -l <s)" -eq $((2 * $(jq ".series | length" "$J"))) &&
	test_grep "^attack events	line	$(jq ".periods | length" "$J")$" s
'
test_expect_success 'fit page: a heat map and a QQ series per stream' '
	J=$TEST_DATA/fit-result.json &&
	k=$(jq ".streams | length" "$J") &&
	svg_series svg-fit-result/1.svg >m &&
	test_grep "^matrix	cells	$((k * k))$" m &&
	svg_series svg-fit-result/2.svg >qq &&
	test "$(wc -l <qq)" -eq "$k" &&
	test_grep "^attack (KS p = [0-9.]*)	points	$(jq ".ks[0].n" "$J")$" qq &&
	test_grep "data-k=\".branching\[0\]\[0\]\"" fit-result.html &&
	test_grep "data-k=\".ks\[0\].p\"" fit-result.html &&
	test_grep "data-k=\".halflife\[0\]\"" fit-result.html
'
test_expect_success 'the same result gives the same bytes' '
	durand report "$RUN" -o again.html &&
	cmp run-result.html again.html &&
	durand report "$RUN" >stdout.html &&
	cmp run-result.html stdout.html
'
test_expect_success 'a result without "kind" but with outcomes is a run' '
	jq "del(.kind)" "$RUN" >nokind.json &&
	durand report nokind.json -o nokind.html &&
	test_grep "fig-fan-pakistan" nokind.html
'
test_expect_success 'the result can come on standard input' '
	durand report - <"$TEST_DATA/hindcast-result.json" >h.html &&
	cmp h.html hindcast-result.html
'
test_expect_success '--list-charts names the charts in page order' '
	durand report "$RUN" --list-charts >names &&
	printf "fan-pakistan\nfan-afghanistan\nladder\nfirst-strike\n" >want &&
	printf "what-if-%s\n" killed violence moved days trade diplomacy >>want &&
	cmp want names
'
test_expect_success '--chart exports one chart as SVG or PNG' '
	durand report "$RUN" --chart ladder -o ladder.svg &&
	xmllint --noout ladder.svg &&
	durand report "$RUN" --chart ladder -o ladder.png &&
	test "$(head -c 4 ladder.png | od -An -c | tr -d " ")" = "211PNG" &&
	durand report "$TEST_DATA/stats-result.json" --chart monthly -o m.svg &&
	test "$(svg_series m.svg | wc -l)" -eq 4
'
test_expect_success '--chart needs an -o ending in .svg or .png' '
	test_expect_code 2 durand report "$RUN" --chart ladder 2>err &&
	test_expect_code 2 durand report "$RUN" --chart ladder -o x.pdf 2>err &&
	test_grep "svg or .png" err
'
test_expect_success 'an unknown chart is bad input' '
	test_expect_code 2 durand report "$RUN" --chart fan-mars -o x.svg 2>err &&
	test_grep "no chart .fan-mars. in this result (its charts: fan-pakistan, fan-afghanistan, ladder, first-strike" err &&
	! test -e x.svg
'
test_expect_success 'a report given for a result: says it is not a result' '
	durand report "$RUN" -o page.html &&
	test_expect_code 2 durand report page.html -o notmade.html 2>err &&
	test_lines_are err "durand report: page.html: not a result: an HTML or XML file (a report?); give the JSON a command writes with --format json" &&
	! test -e notmade.html &&
	printf "{ nope" >bad2.json &&
	test_expect_code 2 durand report bad2.json 2>err &&
	! grep -q "not a result" err
'
# Every report names its data (issue 16): the "data" of the JSON, one line
# in the page's header, the same sentence in the text. Made-up events for
# the fit and the backtest (not GED rows): month i of 2019-2020 has
# i % 4 + 1 attacks.
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
durand import ucdp made-up.csv --db m.db >/dev/null
durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db two.db >/dev/null
durand import acled "$TEST_DATA/acled-2024.csv" --db two.db >/dev/null
sha() { sha256sum <"$1" | cut -d" " -f1; }

# data_line HTML: the page's data sentence, unescaped
data_line() {
	sed -n 's/^<p class="meta" id="data">data: \(.*\)<\/p>$/\1/p' "$1" |
	sed "s/&#39;/'/g; s/&quot;/\"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g"
}

test_expect_success 'run: the record its state was filtered through, name and SHA-256' '
	durand run --runs 60 --days 10 --format json --report dr.html >dr.json &&
	durand run --runs 60 --days 10 >dr.txt &&
	test "$(jq -r .data.kind dr.json)" = record &&
	test "$(jq -r .data.sha256 dr.json)" = "$(jq -r .starting_state.record_sha256 dr.json)" &&
	test "$(jq -r .data.facts_used dr.json)" = "$(jq -r .starting_state.facts_used dr.json)" &&
	rec=$(jq -r .data.name dr.json) && h=$(jq -r .data.sha256 dr.json | cut -c1-12) &&
	test "$(data_line dr.html)" = "the record '\''$rec'\'' (sha256 $h, $(jq .data.facts_used dr.json) facts used)" &&
	test_grep "record '\''$rec'\'' (sha256 $h)" dr.txt &&
	test_grep "^<p class=\"meta\" id=\"provenance\">scenario: built-in .afpak. (sha256 <code>$(jq -r .provenance.sha256 dr.json | cut -c1-12)</code>)</p>$" dr.html
'
test_expect_success 'run from the scenario own state: no data read, and it says so' '
	durand run afpak-2021 --runs 20 --days 10 --format json --report ds.html >ds.json &&
	test "$(jq -r .starting_state.from ds.json)" = scenario &&
	test "$(jq -r .data.kind ds.json)" = none &&
	test "$(data_line ds.html)" = "none read: the starting state is the scenario'\''s own; no record or event data"
'
test_expect_success 'hindcast: the scenario targets, counted' '
	durand hindcast --runs 30 --format json --report dh.html >dh.json &&
	durand hindcast --runs 30 >dh.txt &&
	n=$(jq ".targets | length" dh.json) && test "$n" -gt 0 &&
	test "$(jq .data.targets dh.json)" = "$n" &&
	test "$(jq .data.sources dh.json)" = "$(jq "[.targets[].source] | unique | length" dh.json)" &&
	line="the scenario'\''s targets: $n stated figures from the source articles ($(jq .data.sources dh.json) sources cited)" &&
	test "$(data_line dh.html)" = "$line" &&
	test "$(sed -n 2p dh.txt)" = "data: $line"
'
test_expect_success 'stats: the database, each file imported into it, its SHA-256 and events' '
	durand stats --db two.db --format json >st.json &&
	durand stats --db two.db --format json --out st2.json --report st.html &&
	cmp st.json st2.json &&
	durand stats --db two.db >st.txt &&
	test "$(jq -r .data.db st.json)" = two.db &&
	test "$(jq -r "[.data.imports[] | .source] | join(\",\")" st.json)" = ucdp,acled &&
	test "$(jq -r .data.imports[0].sha256 st.json)" = "$(sha "$TEST_DATA/ucdp-ged-251.csv")" &&
	test "$(jq -r .data.imports[1].sha256 st.json)" = "$(sha "$TEST_DATA/acled-2024.csv")" &&
	test "$(jq "[.data.imports[].events] | add" st.json)" = "$(jq .events st.json)" &&
	u=$(sha "$TEST_DATA/ucdp-ged-251.csv" | cut -c1-12) &&
	a=$(sha "$TEST_DATA/acled-2024.csv" | cut -c1-12) &&
	line="the event database '\''two.db'\'': ucdp '\''$TEST_DATA/ucdp-ged-251.csv'\'' (sha256 $u, $(jq .data.imports[0].events st.json) events); acled '\''$TEST_DATA/acled-2024.csv'\'' (sha256 $a, $(jq .data.imports[1].events st.json) events)" &&
	test "$(data_line st.html)" = "$line" &&
	test "$(tail -n 1 st.txt)" = "data: $line" &&
	durand stats --db two.db --source ucdp --change-since 2024-03-19 --format json >ch.json &&
	test "$(jq -c .data st.json)" = "$(jq -c .data ch.json)"
'
test_expect_success 'fit and the event backtest: the database and its import' '
	durand fit --db m.db --streams attack --format json --report df.html >df.json &&
	durand fit --db m.db --streams attack >df.txt &&
	durand backtest --db m.db --origins 2020-01..2020-02 --horizon 3m \
		--runs 50 --format json --report db.html >db.json &&
	durand backtest --db m.db --origins 2020-01..2020-02 --horizon 3m \
		--runs 50 >db.txt &&
	line="the event database '\''m.db'\'': ucdp '\''made-up.csv'\'' (sha256 $(sha made-up.csv | cut -c1-12), 60 events)" &&
	for f in df db; do
		test "$(jq -r .data.imports[0].sha256 $f.json)" = "$(sha made-up.csv)" &&
		test "$(data_line $f.html)" = "$line" &&
		test_grep "^data: $line$" $f.txt || return 1
	done
'
test_expect_success 'record backtest: the record, its name and SHA-256, on the page' '
	durand backtest --data record --runs 20 --particles 50 --origins 2023-01-01 \
		--format json --report rb.html >rb.json 2>/dev/null &&
	test "$(jq -r .data.sha256 rb.json)" = "$(jq -r .record_sha256 rb.json)" &&
	test "$(jq -r .data.name rb.json)" = "$(jq -r .record rb.json)" &&
	test "$(data_line rb.html)" = "the record '\''$(jq -r .record rb.json)'\'' (sha256 $(jq -r .record_sha256 rb.json | cut -c1-12), $(jq .data.facts rb.json) facts)"
'
test_expect_success 'sensitivity: no data read, and the page says so' '
	durand sensitivity --params ttp.mu,afg.erosion --runs 4 --days 10 \
		--trajectories 2 --format json --report sa.html >sa.json &&
	test "$(jq -r .data.kind sa.json)" = none &&
	test_grep "^<p class=\"meta\" id=\"data\">data: none read: " sa.html
'
# svg_labels FILE: the label boxes of a chart, "x0 y0 x1 y1 how text".
svg_labels() {
	grep -o '<label text="[^"]*" how="[a-z]*" x0="[^"]*" y0="[^"]*" x1="[^"]*" y1="[^"]*"' "$1" |
	sed 's|<label text="\([^"]*\)" how="\([a-z]*\)" x0="\([^"]*\)" y0="\([^"]*\)" x1="\([^"]*\)" y1="\([^"]*\)"|\3 \4 \5 \6 \2 \1|'
}

# labels_disjoint FILE: no two label boxes of FILE's lines intersect.
labels_disjoint() {
	awk '{ x0[NR] = $1; y0[NR] = $2; x1[NR] = $3; y1[NR] = $4; t[NR] = $6 }
	END {
		for (i = 1; i <= NR; i++)
			for (j = i + 1; j <= NR; j++)
				if (x0[i] < x1[j] && x0[j] < x1[i] &&
				    y0[i] < y1[j] && y0[j] < y1[i]) {
					print "labels overlap: " t[i] ", " t[j] > "/dev/stderr"
					bad = 1
				}
		exit bad
	}' "$1"
}

test_expect_success 'Morris chart: labels of clustered points do not overlap' '
	jq -n "{kind: \"sensitivity\", scenario: \"afpak\", runs: 100,
		seed: 1, method: \"morris\", outcomes: [\"attacks\"],
		results: [{outcome: \"attacks\", params: (
			[range(12) | {name: \"param.number_\(.)\",
				mu_star: (2 + (. % 4) * 0.4),
				sigma: (3 + ((. / 4) | floor) * 0.5), mu: 1}] +
			[range(3) | {name: \"same.\(.)\", mu_star: 30,
				sigma: 20, mu: 1}] +
			[{name: \"alone\", mu_star: 50, sigma: 3, mu: 1}])}]}" \
		>cluster.json &&
	durand report cluster.json -o cluster.html &&
	report_svgs cluster.html svg-cluster >/dev/null &&
	svg_labels svg-cluster/1.svg >labels &&
	test "$(wc -l <labels)" -eq 16 &&
	labels_disjoint labels &&
	test_grep " beside alone$" labels &&
	test_grep " number param.number_" labels &&
	durand report cluster.json --chart morris-attacks -o cluster.svg &&
	svg_labels cluster.svg >labels2 &&
	cmp labels labels2 &&
	durand report cluster.json --chart morris-attacks -o cluster.png &&
	test "$(head -c 4 cluster.png | od -An -c | tr -d " ")" = "211PNG"
'
test_expect_success 'the Morris charts of the test data: labels apart' '
	for i in 1 2; do
		svg_labels svg-sensitivity-morris/$i.svg >l$i &&
		test "$(wc -l <l$i)" -eq \
			"$(jq ".results[$((i - 1))].params | length" \
				"$TEST_DATA/sensitivity-morris.json")" &&
		labels_disjoint l$i || return 1
	done
'
test_expect_success 'stats chart: events on the left axis, deaths on the right' '
	J=$TEST_DATA/stats-result.json &&
	f=svg-stats-result/1.svg &&
	test "$(xmllint --xpath "string(//*[local-name()=\"axis\"][@side=\"left\"]/@title)" $f)" = "events per month (solid lines)" &&
	test "$(xmllint --xpath "string(//*[local-name()=\"axis\"][@side=\"right\"]/@title)" $f)" = "deaths per month (dashed lines)" &&
	top=$(xmllint --xpath "string(//*[local-name()=\"axis\"][@side=\"right\"]/@max)" $f) &&
	etop=$(xmllint --xpath "string(//*[local-name()=\"axis\"][@side=\"left\"]/@max)" $f) &&
	dmax=$(jq "[.series[].deaths[]] | max" "$J") &&
	emax=$(jq "[.series[].events[]] | max" "$J") &&
	awk -v t=$top -v m=$dmax -v et=$etop -v em=$emax "BEGIN {
		# each series reaches past three quarters of its own axis
		exit !(m <= t && m > 0.75 * t && em <= et && em > 0.75 * et) }"
'
test_expect_success 'first-strike chart: the line at 0 lies above the frame' '
	svg_series svg-run-result/4.svg >/dev/null &&
	lo=$(xmllint --xpath "string(//*[local-name()=\"axis\"][@side=\"left\"]/@min)" svg-run-result/4.svg) &&
	test "$(jq "[.first_strike.cdf[]] | min" "$RUN")" = 0 &&
	awk -v lo=$lo "BEGIN { exit !(lo < 0) }" &&
	lo=$(xmllint --xpath "string(//*[local-name()=\"axis\"][@side=\"left\"]/@min)" svg-run-result/3.svg) &&
	hi=$(xmllint --xpath "string(//*[local-name()=\"axis\"][@side=\"left\"]/@max)" svg-run-result/3.svg) &&
	awk -v lo=$lo -v hi=$hi "BEGIN { exit !(lo < 0 && hi > 1) }"
'
test_done
