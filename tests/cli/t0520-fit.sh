#!/bin/sh
# durand fit: the Hawkes fit on the real extract, JSON, seeds, and the
# scenario writer.
. "$(dirname "$0")/lib.sh"

durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db a.db >/dev/null

test_expect_success 'no default stream has enough events: an error naming each' '
	test_expect_code 2 durand fit --db a.db >out 2>err &&
	test_grep "^durand fit: skipped stream .strike.: 1 event in 2024-03-16..2024-03-20, and a fit needs at least 10$" err &&
	test_grep "^durand fit: too little data: no stream of attack,strike,clash has the 10 events" err &&
	! test -s out
'
test_expect_success 'bad options exit 2' '
	test_expect_code 2 durand fit --db a.db --streams "attack,,clash" 2>err &&
	test_grep "bad stream list" err &&
	test_expect_code 2 durand fit --db a.db --streams attack,attack 2>err &&
	test_grep "named twice" err &&
	test_expect_code 2 durand fit --db a.db --method weekly 2>err &&
	test_expect_code 2 durand fit --db a.db --since 2024-01-01 \
		--until 2023-01-01 2>err &&
	test_expect_code 2 durand fit --db a.db --streams attack \
		--since 2030-01-01 2>err &&
	test_grep "no events" err
'
if [ -f "$SHARED_DATA/ucdp-ged-pakistan-1989-2021.csv" ]; then
	durand import ucdp "$SHARED_DATA/ucdp-ged-pakistan-1989-2021.csv" \
		--db real.db >/dev/null
	test_expect_success 'a stream named without events is an error naming it' '
		test_expect_code 2 durand fit --db real.db --streams attack,strike 2>err &&
		test_grep "stream .strike. has no events in 2007-02-03..2021-12-31" err
	'
	test_expect_success 'by default the streams with events are fitted, the others named' '
		durand fit --db real.db --since 2021-01-01 >out 2>err &&
		test_lines_are err "durand fit: skipped stream '\''strike'\'': 0 events in 2021-01-01..2021-12-31, and a fit needs at least 10" \
			"durand fit: skipped stream '\''clash'\'': 0 events in 2021-01-01..2021-12-31, and a fit needs at least 10" &&
		test_grep "^daily Hawkes fit, 1 stream, 2021-01-01..2021-12-31 (365 days)" out &&
		test_grep "^attack: the test does not reject the model: KS p = 0\.[0-9]*$" out
	'
	test_expect_success 'a fit the KS test rejects says so in words' '
		durand fit --db real.db --streams attack --baseline constant >out &&
		test_grep "^attack: the model does not fit these data: KS p = [0-9.]*e-[0-9]* (the rescaled waiting times are not exponential" out &&
		durand fit --db real.db --streams attack --baseline constant --format json >f.json &&
		test "$(jq ".ks[0].fits" f.json)" = false &&
		durand fit --db real.db --streams attack --baseline constant --report f.html &&
		test_grep "the model does not fit these data: KS p = " f.html
	'
	test_expect_success 'daily fit of TTP attacks since 2015, constant baseline' '
		durand fit --db real.db --streams attack --since 2015-01-01 \
			--baseline constant >out &&
		test_grep "^baseline: constant" out &&
		test_grep "^daily Hawkes fit, 1 stream, 2015-01-01..2021-12-31 (2557 days)" out &&
		test_grep "^attack *711 " out &&
		test_grep "(converged)" out &&
		test_grep "spectral radius 0.6[0-9]* (stationary)" out
	'
	test_expect_success 'a baseline per year: the excitation that is left' '
		durand fit --db real.db --streams attack --since 2015-01-01 >out &&
		test_grep "^baseline: a level per calendar year" out &&
		test_grep "^2015-01-01 *0.448[0-9] ( *0.06[0-9]*)" out &&
		test_grep "^2021-01-01 *0.252[0-9] " out &&
		test_grep "spectral radius 0.23[0-9]* (stationary)" out &&
		test_grep "^attack *D = 0.043[0-9]  p = 0.13[0-9]" out &&
		durand fit --db real.db --streams attack --since 2015-01-01 \
			--format json >p.json &&
		test_grep "\"baseline\": \"piecewise-year\"" p.json &&
		test_grep "\"since\": \"2021-01-01\"" p.json &&
		test_expect_code 2 durand fit --db real.db --streams attack \
			--method continuous --baseline piecewise-year 2>err &&
		test_grep "needs the daily form" err &&
		test_expect_code 2 durand fit --db real.db --baseline yearly 2>err
	'
	test_expect_success '--write-scenario refuses a rejected fit unless forced' '
		test_expect_code 1 durand fit --db real.db --streams attack \
			--write-scenario r.yaml \
			--base "$TEST_DATA/scenario-params.yaml" >out 2>err &&
		test_grep "not written: the goodness-of-fit test rejects the fit (stream .attack.: KS D = 0.059[0-9], p = 2.[0-9]*e-13 < 0.05)" err &&
		test ! -e r.yaml &&
		durand fit --db real.db --streams attack --write-scenario r.yaml \
			--base "$TEST_DATA/scenario-params.yaml" --force >out 2>err &&
		test_grep "warning: writing a fit the goodness-of-fit test rejects" err &&
		test_grep "^  ttp.mu: { value: 0.25[0-9]*, source" r.yaml
	'
	test_expect_success 'JSON carries the matrix and the rescaled times' '
		durand fit --db real.db --streams attack,clash --since 2001-01-01 \
			--format json >a.json 2>err ||
		durand fit --db real.db --streams attack --since 2015-01-01 \
			--format json >a.json &&
		test_grep "\"alpha\": \\[" a.json &&
		test_grep "\"branching\": \\[" a.json &&
		test_grep "\"rescaled\": {" a.json &&
		test_grep "\"ks\": \\[" a.json
	'
	test_expect_success 'the continuous fit: same seed, same result' '
		durand fit --db real.db --streams attack --since 2015-01-01 \
			--method continuous --seed 7 --format json >c1.json &&
		durand fit --db real.db --streams attack --since 2015-01-01 \
			--method continuous --seed 7 --format json >c2.json &&
		cmp c1.json c2.json &&
		test_grep "\"method\": \"continuous\"" c1.json
	'
	test_expect_success '--write-scenario rewrites only the fitted params' '
		durand fit --db real.db --streams attack --since 2015-01-01 \
			--write-scenario s.yaml \
			--base "$TEST_DATA/scenario-params.yaml" >out &&
		test_grep "^  ttp.mu: { value: 0.2139[0-9]*, source: \"durand fit on real.db 2015-01-01..2021-12-31\" } *# attacks a day" s.yaml &&
		test_grep "^  hawkes.halflife_attack: { value: 4.213[0-9]*, source" s.yaml &&
		test_grep "^  attack.alpha_self: { value: 0.0351[0-9]*, range: \\[0, 0.6\\], source: \"durand fit" s.yaml &&
		test_grep "^    value: 0.1$" s.yaml &&
		test_grep "^  pak.grievance_halflife: 30   # untouched$" s.yaml &&
		test "$(wc -l <s.yaml)" = "$(wc -l <"$TEST_DATA/scenario-params.yaml")"
	'
else
	say "skipping: ../shared/data absent"
fi
test_done
