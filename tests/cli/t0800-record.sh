#!/bin/sh
# durand record: the built-in record listed, shown (filtered, three formats)
# and checked; each bad fixture (tests/data/bad-record-*.csv) refused with
# FILE:LINE: message and exit 2, nothing on stdout, nothing written.
. "$(dirname "$0")/lib.sh"

digest=$(sha256sum "$TEST_ROOT/record/afpak.csv" | cut -d" " -f1)
nfacts=$(($(awk 'BEGIN { q = 0 } { n = gsub(/"/, "\"") ; if (q % 2 == 0) rows++; q += n } END { print rows }' "$TEST_ROOT/record/afpak.csv") - 1))

test_expect_success 'list names the built-in record, its span and digest' '
	durand record list >out 2>err &&
	test_lines_are out "afpak        $nfacts facts  2021-01-01 to 2025-10-20  sha256 $digest" &&
	! test -s err
'
test_expect_success 'the shipped file checks ok' '
	cp "$TEST_ROOT/record/afpak.csv" . &&
	durand record check afpak.csv >out 2>err &&
	test_lines_are out "afpak.csv: $nfacts facts, ok" &&
	! test -s err
'
test_expect_success 'show --format csv is a record file that reads back the same' '
	durand record show --format csv >a.csv &&
	durand record check a.csv >out &&
	test_lines_are out "a.csv: $nfacts facts, ok" &&
	durand record show a.csv --format csv >b.csv &&
	cmp a.csv b.csv &&
	sort a.csv >a.sorted && sort "$TEST_ROOT/record/afpak.csv" >f.sorted &&
	cmp a.sorted f.sorted
'
test_expect_success 'show filters by quantity and dates (inclusive, overlapping)' '
	durand record show --format csv --quantity crossing_closed:torkham \
		--from 2023-02-25 --until 2024-05-17 >out &&
	cut -d, -f1 out >ids &&
	test_lines_are ids id closure-torkham-2023-02 closure-torkham-2023-09 \
		closure-torkham-2024-05 &&
	durand record show --quantity militant_attacks --until 2021-12-31 >out &&
	test_grep "^record afpak: 2 of $nfacts facts, sha256 $digest" out &&
	test_grep "2021-08-01  2021-08-31  count   militant_attacks  *45 " out
'
test_expect_success 'show --format json carries the digest and the stated figures' '
	durand record show --format json --quantity cross_border_attacks >out.json &&
	test_grep "\"digest\": \"$digest\"" out.json &&
	test_grep "\"value\": 1050," out.json &&
	test_grep "\"stated_as\": \"over\"" out.json &&
	test_grep "\"low\": null" out.json
'
test_expect_success 'bad options exit 2 with the reason' '
	test_expect_code 2 durand record show --format xml 2>err &&
	test_grep "format: expected text, json or csv, got .xml." err &&
	test_expect_code 2 durand record show --quantity attacks 2>err &&
	test_grep "unknown quantity .attacks." err &&
	test_expect_code 2 durand record show --from 2023-02-30 2>err &&
	test_grep "no such day in the calendar" err &&
	test_expect_code 2 durand record show --from 2024-01-01 --until 2023-01-01 2>err &&
	test_expect_code 2 durand record frobnicate 2>err &&
	test_expect_code 2 durand record show nosuch.csv 2>err &&
	test_grep "^durand record: nosuch.csv: cannot open record" err
'

# expect_bad FIXTURE LINE MESSAGE: check prints exactly MESSAGE at LINE of
# the fixture, exit 2, nothing on stdout; show refuses it the same way.
expect_bad() {
	f=bad-record-$1.csv &&
	mkdir "$1" && cd "$1" &&
	cp "$TEST_DATA/$f" . &&
	test_expect_code 2 durand record check $f >../out 2>../err &&
	test_lines_are ../err "durand record: $f:$2: $3" &&
	! test -s ../out &&
	test_expect_code 2 durand record show $f >../out 2>../err &&
	test_lines_are ../err "durand record: $f:$2: $3" &&
	! test -s ../out &&
	ls -A >../ls && test_lines_are ../ls "$f"
}

test_expect_success 'an unknown quantity' '
	expect_bad quantity 3 "quantity: unknown quantity '\''militant_atacks'\'' (see '\''durand record quantities'\'')"
'
test_expect_success 'an unknown crossing' '
	expect_bad crossing 3 "quantity: unknown crossing '\''chamann'\'' in '\''crossing_closed:torkham+chamann'\'' (expected torkham, chaman, ghulam_khan, angoor_adda or kharlachi, joined by '\''+'\'')"
'
test_expect_success 'an end before the start' '
	expect_bad end 3 "end: 2022-11-13 is before the start 2022-11-21"
'
test_expect_success 'a value outside its own range' '
	expect_bad range 3 "value: 950 is above its own high 908"
'
test_expect_success 'a duplicate id' '
	expect_bad duplicate 3 "id: '\''picss-2023-attacks'\'' is already the id of line 2"
'
test_expect_success 'a date that does not exist' '
	expect_bad date 3 "end: no such day in the calendar, got '\''2023-02-30'\''"
'
test_expect_success 'a wrong column count' '
	expect_bad columns 3 "expected 14 fields, got 13"
'
test_expect_success 'an unknown kind' '
	expect_bad kind 3 "kind: expected count, event, state or policy, got '\''tally'\''"
'
test_expect_success 'an unknown stated_as' '
	expect_bad stated 3 "stated_as: expected exact, approximate, over, more_than, at_least or around, got '\''about'\''"
'
test_expect_success 'a bad trust grade' '
	expect_bad trust 3 "trust: expected A, B, C or nothing, got '\''D'\''"
'
test_expect_success 'a wrong header' '
	expect_bad header 1 "expected the header '\''id,kind,quantity,start,end,value,low,high,unit,stated_as,definition,source,address,trust'\''"
'
test_expect_success 'several bad lines: each once, in file order' '
	f=bad-record-several.csv &&
	cp "$TEST_DATA/$f" . &&
	test_expect_code 2 durand record check $f >out 2>err &&
	test_lines_are err \
		"durand record: $f:3: kind: expected count, event, state or policy, got '\''tally'\''" \
		"durand record: $f:4: trust: expected A, B, C or nothing, got '\''E'\''" \
		"durand record: $f:6: id: '\''picss-2023-attacks'\'' is already the id of line 2" \
		"durand record: $f:7: end: 2023-12-31 is before the start 2024-01-01" &&
	! test -s out
'
test_expect_success 'check goes on after a bad file; the status is the worst' '
	cp "$TEST_DATA/bad-record-end.csv" . &&
	cp "$TEST_ROOT/record/afpak.csv" good.csv &&
	test_expect_code 2 durand record check bad-record-end.csv good.csv >out 2>err &&
	test_lines_are out "good.csv: $nfacts facts, ok" &&
	test_grep "^durand record: bad-record-end.csv:3: " err
'
test_expect_success 'quantities lists the closed list the docs give' '
	durand record quantities >out &&
	test $(wc -l <out) -ge 20 &&
	for q in $(cut -d" " -f1 out); do
		grep -q "^| \`$q\`" "$TEST_ROOT/docs/record.md" ||
			{ echo "$q not in docs/record.md"; return 1; }
	done
'
test_done
