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
	test_grep "^2024-01-01,attack,4," out &&
	test_grep "^2024-01-01,strike,2," out &&
	durand stats --db a.db --by year --country Afghanistan --format csv >out &&
	test_grep "^2024-01-01,strike,2," out &&
	durand stats --db a.db --by year --stream clash >out &&
	test_grep "^2 events$" out
'
test_expect_success '--group actor: an event counts for both its sides' '
	durand stats --db a.db --by year --group actor --format csv >out &&
	test_grep "^period,actor,events" out &&
	test_grep "^2024-01-01,pak_forces,6,45,45,49$" out &&
	test_grep "^2024-01-01,ttp,6," out &&
	test_grep "^2024-01-01,afg_taliban,1," out &&
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
		test_grep "^2021-01-01  ttp  *46 " out &&
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
