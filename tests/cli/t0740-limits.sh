#!/bin/sh
# Inputs past a limit end with a clear message and exit status 2 (bad
# input) or 1 (the machine), never a crash or a hang: thousands of actors,
# a YAML bomb, text that is not UTF-8, a CSV field of megabytes, a day not
# in the calendar, numbers that are not finite, days beyond memory.
. "$(dirname "$0")/lib.sh"

durand show afpak >afpak.yaml

test_expect_success 'a scenario of 3000 actors: DUR_ELIMIT at the 33rd' '
	awk "{ print } /^actors:/ { for (i = 0; i < 3000; i++)
		printf \"  - {id: extra%d, role: other}\\n\", i }" \
		afpak.yaml >many.yaml &&
	test_expect_code 2 durand check many.yaml 2>err &&
	test_grep "^durand check: many.yaml:[0-9]*:6: more than 32 actors, the most a scenario may have" err
'
test_expect_success 'YAML nested 100000 deep: an error at depth 64' '
	awk "BEGIN { for (i = 0; i < 100000; i++) printf \"[\";
		for (i = 0; i < 100000; i++) printf \"]\"; print \"\" }" >deep.yaml &&
	test_expect_code 2 durand check deep.yaml 2>err &&
	test_grep "^durand check: deep.yaml:1:64: invalid YAML: Max depth (64) exceeded$" err
'
test_expect_success 'billion laughs: aliases are refused, not expanded' '
	{
		echo "name: lol" &&
		echo "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]" &&
		prev=a &&
		for k in b c d e f g h i j; do
			echo "$k: &$k [*$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev]"
			prev=$k
		done &&
		echo "description: *j"
	} >laughs.yaml || exit 1
	# on a line of its own, so that $! is the check and not a shell
	"$DURAND" check laughs.yaml 2>err &
	pid=$!
	stops_within 2 $pid &&
	{ wait $pid; test $? -eq 2; } &&
	test_grep "laughs.yaml:12:14: aliases are not allowed in scenarios" err
'
test_expect_success 'a scenario in Latin-1: where, and what to do' '
	sed "s/^description: .*/description: Pe\\xf1a/" afpak.yaml >latin1.yaml &&
	test_expect_code 2 durand check latin1.yaml 2>err &&
	test_grep "^durand check: latin1.yaml:[0-9]*:16: not UTF-8 text (byte 0xF1); save the file as UTF-8$" err
'
test_expect_success 'a day not in the calendar: 2023-02-30' '
	sed "s/^start: .*/start: 2023-02-30/" afpak.yaml >feb30.yaml &&
	test_expect_code 2 durand check feb30.yaml 2>err &&
	test_grep "start: no such day in the calendar, got .2023-02-30." err
'
test_expect_success 'an event file in Latin-1: refused, database untouched' '
	durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db a.db >/dev/null &&
	sed "s/Government of Pakistan/Pe\\xf1a/" "$TEST_DATA/ucdp-ged-251.csv" >latin1.csv &&
	test_expect_code 2 durand import ucdp latin1.csv --db a.db 2>err &&
	test_grep "not UTF-8 text (byte 0xF1); convert the file to UTF-8" err &&
	test "$(sqlite3 a.db "SELECT count(*) FROM events")" = 5
'
test_expect_success 'a CSV field of 2 MB: refused with the limit' '
	big_ged_csv 1 one.csv &&
	{ head -n 1 one.csv &&
	  printf "1,2023-01-05,2023-01-05,1,\"" &&
	  head -c 2000000 /dev/zero | tr "\\0" x &&
	  echo "\",TTP,d,1,Pakistan,1,0,9,true"; } >wide.csv &&
	test_expect_code 2 durand import ucdp wide.csv --db a.db 2>err &&
	test_grep "wide.csv:2:5: field 5 of the record is 2000000 bytes, more than the 1048576 a field may have" err &&
	test "$(sqlite3 a.db "SELECT count(*) FROM events")" = 5
'
test_expect_success 'a probability that is NaN, infinite or out of range' '
	for v in NaN nan 1e999 -inf; do
		test_expect_code 2 durand stats --db a.db --level $v 2>err &&
		test_grep "expected a finite number, got .$v." err || return 1
	done &&
	test_expect_code 2 durand stats --db a.db --level -0 2>err &&
	test_grep "expected a number from 0.5 to 0.9999, got .-0." err
'
test_expect_success 'runs and days past the limits: usage errors' '
	test_expect_code 2 durand run --runs 1e999 2>err &&
	test_grep "runs: expected a whole number" err &&
	test_expect_code 2 durand run --runs 1000000001 2>err &&
	test_expect_code 2 durand run --days 36501 2>err &&
	test_grep "days: expected a number from 1 to 36500" err
'
# ASan and valgrind need more address space than the limit below allows. The
# limit is below what 50 runs of 36500 days take (about 370 MB resident with the
# model of issue 14, whose daily sketches are narrower than before)
if sh -c 'ulimit -v 300000 && "$1" --version' sh "$DURAND" >/dev/null 2>&1 &&
   [ -z "${DURAND_VALGRIND:-}" ]; then
	test_expect_success '36500 days in too little memory: what to do' '
		(ulimit -v 150000 && "$DURAND" run --runs 50 --days 36500 \
			--threads 2 --out res.json 2>err)
		test $? -eq 1 &&
		test_grep "out of memory for the daily summaries of 36500 days in 1 variant(s) on 2 threads; use fewer --days, --what-if or --threads" err &&
		! test -e res.json
	'
fi
test_done
