#!/bin/sh
# durand import: the published layouts, idempotence, whole-file rejection,
# --skip-bad, and the real UCDP GED extract for Pakistan.
. "$(dirname "$0")/lib.sh"

test_expect_success 'UCDP GED 25.1 (active_year true/false) imports' '
	durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db a.db >out &&
	test_grep "5 rows read, 5 imported, 0 duplicates, 0 rejected" out &&
	test "$(sqlite3 a.db "SELECT group_concat(stream, \",\") FROM
		(SELECT IFNULL(stream, \"-\") AS stream FROM events ORDER BY
		 source_id)")" = "attack,attack,clash,strike,-"
'
test_expect_success 'quoted fields keep commas, quotes and line breaks' '
	sqlite3 a.db "SELECT date_end - date, place FROM events
		WHERE source_id = \"900004\"" >out &&
	test "$(cat out)" = "1|Barmal district" &&
	sqlite3 a.db "SELECT count(*) FROM events WHERE best = 13 AND
		deaths_a = 7 AND deaths_b = 6 AND low = 13 AND high = 15" >out &&
	test "$(cat out)" = 1
'
test_expect_success 'the same file again adds nothing' '
	durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db a.db >out &&
	test_grep "already imported" out &&
	test "$(sqlite3 a.db "SELECT count(*) FROM events")" = 5 &&
	test "$(sqlite3 a.db "SELECT count(*) FROM imports")" = 1
'
test_expect_success 'GED 23.1 with 1/0, CRLF, a BOM and other column order' '
	durand import ucdp "$TEST_DATA/ucdp-ged-231-crlf-bom.csv" --db a.db >out &&
	test_grep "3 rows read, 3 imported" out
'
test_expect_success 'HDX extract: iso3 column and hashtag row' '
	durand import ucdp "$TEST_DATA/ucdp-hdx-extract.csv" --db a.db >out &&
	test_grep "2 rows read, 2 imported" out
'
test_expect_success 'ACLED since 2023: strikes, clashes and attacks' '
	durand import acled "$TEST_DATA/acled-2024.csv" --db a.db >out &&
	test_grep "5 rows read, 5 imported" out &&
	test "$(sqlite3 a.db "SELECT group_concat(IFNULL(stream, \"-\"))
		FROM (SELECT stream FROM events WHERE source = \"acled\"
		ORDER BY source_id)")" = "strike,clash,attack,attack,-"
'
test_expect_success 'ACLED before 2023 (data_id, iso3, D Month YYYY)' '
	durand import acled "$TEST_DATA/acled-2019-old-layout.csv" --db a.db >out &&
	test_grep "4 rows read, 4 imported" out &&
	test "$(sqlite3 a.db "SELECT date FROM events
		WHERE source_id = \"PAK80001\"")" = 17971
'
test_expect_success 'a bad date rejects the whole file with line, row and field' '
	test_expect_code 2 durand import ucdp "$TEST_DATA/bad-ucdp-date.csv" \
		--db b.db 2>err &&
	test_grep "bad-ucdp-date.csv:5:39: row 3, field .date_start.: .2024-02-30 00:00:00.000. is not a date" err &&
	test "$(sqlite3 b.db "SELECT count(*) FROM events")" = 0 &&
	test "$(sqlite3 b.db "SELECT count(*) FROM imports")" = 0
'
test_expect_success 'a missing column is named' '
	test_expect_code 2 durand import ucdp \
		"$TEST_DATA/bad-ucdp-no-date-start.csv" --db b.db 2>err &&
	test_grep "no column .date_start. in the header" err
'
test_expect_success '--skip-bad imports the rest and lists every bad row' '
	durand import acled "$TEST_DATA/bad-acled-fields.csv" --db c.db \
		--skip-bad >out 2>err &&
	test_grep "5 rows read, 3 imported, 0 duplicates, 2 rejected" out &&
	test_grep "skipped .*:3:29: row 2, field .fatalities.: .eight. is not a count" err &&
	test_grep "skipped .*:6:23: row 4, field .latitude.: .132.5. is not a latitude" err &&
	test "$(sqlite3 c.db "SELECT rejected FROM imports")" = 2
'
test_expect_success 'without --skip-bad the same file adds nothing' '
	test_expect_code 2 durand import acled "$TEST_DATA/bad-acled-fields.csv" \
		--db d.db 2>err &&
	test_grep ":3:29: row 2, field .fatalities." err &&
	test "$(sqlite3 d.db "SELECT count(*) FROM events")" = 0
'
test_expect_success 'a short row and an unterminated quote are errors' '
	test_expect_code 2 durand import acled "$TEST_DATA/bad-short-row.csv" \
		--db d.db 2>err &&
	test_grep "bad-short-row.csv:3: row 2: 3 fields where the header has 31" err &&
	test_expect_code 2 durand import ucdp "$TEST_DATA/bad-quote.csv" \
		--db d.db 2>err &&
	test_grep "bad-quote.csv:4: unterminated quoted field" err &&
	test "$(sqlite3 d.db "SELECT count(*) FROM events")" = 0
'
test_expect_success 'a killed import leaves the database as it was' '
	awk -F, "NR == 1 { print; next }
		NR == 2 { for (i = 1; i <= 200000; i++) {
			\$1 = \"KIL\" i; print } }" OFS=, \
		"$TEST_DATA/acled-2024.csv" >big.csv || exit 1
	# on a line of its own: "a && b &" would put the whole chain in the
	# background, and $! would be the shell running it, not the import
	"$DURAND" import acled big.csv --db a.db >/dev/null 2>&1 &
	pid=$! &&
	sleep 0.3 && kill -9 $pid; wait $pid  # $DURAND, not durand(): $! must be its pid
	n=$(sqlite3 a.db "SELECT count(*) FROM events") &&
	test "$n" = 19 -o "$n" = 200019 &&
	test "$(sqlite3 a.db "PRAGMA integrity_check")" = ok &&
	echo "events after the kill: $n"
'
test_expect_success 'usage errors exit 2' '
	test_expect_code 2 durand import xml foo.csv 2>err &&
	test_grep "unknown format" err &&
	test_expect_code 2 durand import ucdp 2>err &&
	test_expect_code 2 durand import ucdp nowhere.csv --db e.db 2>err &&
	test_grep "nowhere.csv: cannot open" err
'
test_expect_success '--restream applies an edited actor mapping' '
	sqlite3 a.db "INSERT INTO actor_map VALUES (\"ucdp\", \"BLA\", \"ttp\")" &&
	durand import --restream --db a.db >out &&
	test_grep "1 events changed stream" out
'
if [ -f "$SHARED_DATA/ucdp-ged-pakistan-1989-2021.csv" ]; then
	test_expect_success 'the real GED extract for Pakistan imports whole' '
		durand import ucdp "$SHARED_DATA/ucdp-ged-pakistan-1989-2021.csv" \
			--db real.db >out &&
		test_grep "6416 rows read, 6416 imported, 0 duplicates, 0 rejected" out &&
		test "$(sqlite3 real.db "SELECT sha256 FROM imports")" = \
			6ef828898fbb443e234bc723a35984a4e5446f987c0c6fa7ee66ee0207493d38 &&
		test "$(sqlite3 real.db "SELECT count(*) FROM events
			WHERE date > 18854")" = 83 &&
		test "$(sqlite3 real.db "SELECT count(*) FROM events
			WHERE date > 18854 AND (model_actor1 = \"ttp\" OR
			model_actor2 = \"ttp\")")" = 46 &&
		test "$(sqlite3 real.db "SELECT sum(best) FROM events")" = 43225
	'
else
	say "skipping: ../shared/data absent"
fi
test_done
