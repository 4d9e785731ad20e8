#!/bin/sh
# durand stats: counts per period and stream, filters, formats, and the
# rate test of --change-since.
. "$(dirname "$0")/lib.sh"

durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db a.db >/dev/null
durand import acled "$TEST_DATA/acled-2024.csv" --db a.db >/dev/null

test_expect_success 'monthly counts per stream, zeros filled' '
	durand stats --db a.db --format csv >out &&
	test_grep "^2024-03-01,attack,4,32,32,35$" out &&
	test_grep "^2024-03-01,strike,2,16,16,18$" out &&
	test_grep "^2024-03-01,clash,2,3,3,3$" out &&
	test_grep "^2024-04-01,attack,0,0,0,0$" out &&
	test_grep "^2024-04-01,other,1,2,2,2$" out
'
test_expect_success 'weeks start on Monday; day filters are inclusive' '
	durand stats --db a.db --by week --since 2024-03-18 \
		--until 2024-03-18 --format csv >out &&
	test_grep "^2024-03-18,attack,1,4,4,5$" out &&
	test_grep "^2024-03-18,strike,2,16,16,18$" out &&
	test_grep "^2024-03-18,clash,1,0,0,0$" out
'
test_expect_success 'filters by actor, country and stream' '
	durand stats --db a.db --by year --actor ttp --format csv >out &&
	test_grep "^2024,attack,4," out &&
	test_grep "^2024,strike,2," out &&
	durand stats --db a.db --by year --country Afghanistan --format csv >out &&
	test_grep "^2024,strike,2," out &&
	durand stats --db a.db --by year --stream clash >out &&
	test_grep "^2 events$" out
'
test_expect_success '--group actor: an event counts for both its sides' '
	durand stats --db a.db --by year --group actor --format csv >out &&
	test_grep "^period,actor,events" out &&
	test_grep "^2024,pak_forces,6,45,45,49$" out &&
	test_grep "^2024,ttp,6," out &&
	test_grep "^2024,afg_taliban,1," out &&
	durand stats --db a.db --by year --group actor >out &&
	test_grep "^10 events$" out
'
test_expect_success 'JSON: periods and series for a chart' '
	durand stats --db a.db --by month --format json >out.json &&
	test_grep "\"by\": \"month\"" out.json &&
	test_grep "\"periods\": \\[" out.json &&
	test_grep "\"attack\": {" out.json
'
test_expect_success 'bad options exit 2' '
	test_expect_code 2 durand stats --db a.db --by fortnight 2>err &&
	test_grep "expected day, week, month or year" err &&
	test_expect_code 2 durand stats --db a.db --since 2024-13-01 2>err &&
	test_expect_code 2 durand stats --db nowhere.db 2>err &&
	test_grep "no event database" err &&
	test_expect_code 2 durand stats --db a.db --change-since 2030-01-01 2>err &&
	test_grep "is not inside the window" err
'
test_expect_success '--db naming a file that is not a database: bad input, the file unchanged' '
	echo "period,events" >notdb.csv &&
	cp notdb.csv before.csv &&
	test_expect_code 2 durand stats --db notdb.csv 2>err &&
	test_grep "notdb.csv: file is not a database; give --db a durand event database" err &&
	test_expect_code 2 durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db notdb.csv 2>err &&
	test_grep "give --db a durand event database" err &&
	cmp notdb.csv before.csv
'
test_expect_success '--by year labels each period by its year' '
	durand stats --db a.db --by year >out &&
	test_grep "^2024  *attack  *4  *32 " out &&
	! grep -q "2024-01-01" out &&
	durand stats --db a.db --by month --format csv >out &&
	test_grep "^2024-03-01,attack," out
'
test_expect_success '--source counts one dataset: ucdp and acled add up to all' '
	durand stats --db a.db --by year --format csv >all &&
	durand stats --db a.db --by year --source ucdp --format csv >u &&
	durand stats --db a.db --by year --source acled --format csv >a &&
	test_grep "^2024,strike,1,8,8,8$" a &&
	for s in attack strike clash other; do
		n=$(grep "^2024,$s," all | cut -d, -f3) &&
		nu=$(grep "^2024,$s," u | cut -d, -f3) &&
		na=$(grep "^2024,$s," a | cut -d, -f3) &&
		test "$n" = $((${nu:-0} + ${na:-0})) || return 1
	done &&
	durand stats --db a.db --source acled --format json >j &&
	test_grep "\"source\": \"acled\"" j &&
	test_expect_code 2 durand stats --db a.db --source gdelt 2>err &&
	test_grep "expected ucdp or acled" err
'
test_expect_success '--source with nothing imported from it is an error, not 0 events' '
	durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db u.db >/dev/null &&
	test_expect_code 2 durand stats --db u.db --source acled >out 2>err &&
	test_lines_are err "durand stats: no acled events are imported (sources imported: ucdp)" &&
	! test -s out
'
test_expect_success 'countries match in any letter case' '
	durand stats --db a.db --by year --country Pakistan --format csv >a &&
	durand stats --db a.db --by year --country PAKISTAN --format csv >b &&
	cmp a b && test_grep "^2024,attack,4," a
'
test_expect_success 'an unknown country, stream or actor is an error naming the known ones' '
	test_expect_code 2 durand stats --db a.db --country Narnia >out 2>err &&
	test_lines_are err "durand stats: no event in country '\''Narnia'\'' (the events'\'' countries: Afghanistan, Pakistan)" &&
	! test -s out &&
	test_expect_code 2 durand stats --db a.db --stream attak 2>err &&
	test_lines_are err "durand stats: no stream '\''attak'\'' (the streams: attack, clash, other, strike)" &&
	test_expect_code 2 durand stats --db a.db --actor nobody 2>err &&
	test_grep "^durand stats: no actor '\''nobody'\'' (the model actors: afg_forces, afg_taliban, civilians, pak_forces, ttp; or an actor" err &&
	test_expect_code 2 durand stats --db a.db --change-since 2024-03-20 --stream attak 2>err &&
	test_grep "no stream '\''attak'\''" err
'
test_expect_success 'coverage: a period no import covers is missing, not zero' '
	# two GED imports, 16-20 March and 2 April: the week of 25 March has no data
	sed 7d "$TEST_DATA/ucdp-ged-251.csv" >u1.csv &&
	sed -n "1p;7p" "$TEST_DATA/ucdp-ged-251.csv" >u2.csv &&
	durand import ucdp u1.csv --db gap.db >/dev/null &&
	durand import ucdp u2.csv --db gap.db >/dev/null &&
	durand stats --db gap.db --by week >out &&
	test_grep "^2024-03-25  attack  *-  *-  *-  *-$" out &&
	test_grep "^2024-04-01  attack  *0  *0  *0  *0$" out &&
	test_grep "^coverage: ucdp 2024-03-16..2024-03-20, 2024-04-02..2024-04-02$" out &&
	test_grep "^-: no data (no import covers the week)$" out &&
	durand stats --db gap.db --by week --format csv >out &&
	test_grep "^2024-03-25,attack,,,,$" out &&
	test_grep "^2024-04-01,other,1,2,2,2$" out &&
	durand stats --db gap.db --by week --format json >out.json &&
	test "$(jq -c ".series.attack.events" out.json)" = "[1,1,null,0]" &&
	test "$(jq -c ".coverage[1]" out.json)" = "{\"source\":\"ucdp\",\"first\":\"2024-04-02\",\"last\":\"2024-04-02\"}" &&
	test "$(jq ".deduplicated" out.json)" = false &&
	durand stats --db gap.db --by month >out &&
	! grep -q " - " out
'
test_expect_success 'both datasets: the output says the counts add them, not de-duplicated' '
	durand stats --db a.db >out &&
	test_grep "^coverage: acled 2024-03-16..2024-03-21; ucdp 2024-03-16..2024-04-02$" out &&
	test_grep "^the counts add the 2 datasets'\'' events without de-duplication" out &&
	durand stats --db a.db --source ucdp >out &&
	! grep -q "de-duplication" out
'
test_expect_success '--change-since across a gap in coverage refuses, naming the gap' '
	test_expect_code 2 durand stats --db gap.db --change-since 2024-03-19 >out 2>err &&
	test_lines_are err "durand stats: no ucdp data from 2024-03-21 to 2024-04-01, inside the window 2024-03-16..2024-04-02: the gap would decide the answer; choose --since and --until inside one covered stretch, or --source" &&
	! test -s out &&
	durand stats --db gap.db --change-since 2024-03-18 --until 2024-03-20 >out &&
	test_grep "^before  2024-03-16..2024-03-17  1 event in 2 days: 0.5 a day$" out &&
	test_grep "^after   2024-03-18..2024-03-20  3 events in 3 days" out &&
	test_expect_code 2 durand stats --db a.db --change-since 2024-03-19 2>err &&
	test_grep "no acled data from 2024-03-22 to 2024-04-02" err &&
	durand stats --db a.db --change-since 2024-03-19 --source ucdp >out &&
	test_grep "^before  2024-03-16..2024-03-18  3 events in 3 days" out
'
test_expect_success '--out writes the counts whole; --report the page, as report makes it' '
	durand stats --db a.db --format csv >want.csv &&
	durand stats --db a.db --format csv --out got.csv >out &&
	! test -s out && cmp want.csv got.csv &&
	durand stats --db a.db --out got.txt &&
	durand stats --db a.db >want.txt && cmp want.txt got.txt &&
	durand stats --db a.db --format json --out s.json --report s.html >out &&
	! test -s out &&
	test "$(jq -r .kind s.json)" = stats &&
	test "$(jq -c .series.attack.events s.json)" = "[4,0]" &&
	durand report s.json -o again.html &&
	cmp s.html again.html &&
	test_grep "Data: ACLED 2024-03-16 to 2024-03-21; UCDP GED 2024-03-16 to 2024-04-02" s.html &&
	test_grep "without de-duplication" s.html &&
	test_expect_code 2 durand stats --db a.db --out same --report same 2>err &&
	test_expect_code 2 durand stats --db a.db --change-since 2024-03-19 --report r.html 2>err &&
	test_grep "not the --change-since test" err && test ! -e r.html
'
if [ -f "$SHARED_DATA/ucdp-ged-pakistan-1989-2021.csv" ]; then
	durand import ucdp "$SHARED_DATA/ucdp-ged-pakistan-1989-2021.csv" \
		--db real.db >/dev/null
	test_expect_success 'real extract: 83 events after 15 August 2021, 46 TTP' '
		durand stats --db real.db --since 2021-08-16 --by year >out &&
		test_grep "^83 events$" out &&
		durand stats --db real.db --since 2021-08-16 --by year \
			--actor ttp >out &&
		test_grep "^46 events$" out &&
		durand stats --db real.db --since 2021-08-16 --by year \
			--group actor >out &&
		test_grep "^2021  *ttp  *46 " out &&
		durand stats --db real.db --by year --format csv >out &&
		test "$(awk -F, "NR > 1 { n += \$3 } END { print n }" out)" = 6416
	'
	test_expect_success 'real extract: the TTP attack rate rose after the fall of Kabul' '
		durand stats --db real.db --change-since 2021-08-15 \
			--stream attack --since 2019-01-01 >out &&
		test_grep "^before  2019-01-01..2021-08-14  200 events in 957 days" out &&
		test_grep "^after   2021-08-15..2021-12-31  46 events in 139 days" out &&
		test_grep "The data support a rise in attack events" out &&
		durand stats --db real.db --change-since 2021-08-15 \
			--stream attack --since 2019-01-01 --format json >out &&
		test_grep "\"rate_ratio\": 1.58" out
	'
else
	say "skipping: ../shared/data absent"
fi
test_done
