#!/bin/sh
# A full disk gives a clear error and exit status 1, never a corrupt or
# partial file: /dev/full (written in place: a device is not replaced by
# a file), standard output on /dev/full, and a 64 KiB tmpfs where this test
# may mount one (it needs root).
. "$(dirname "$0")/lib.sh"

test_expect_success 'run --out /dev/full: clear error, the device survives' '
	test_expect_code 1 durand run --runs 20 --out /dev/full 2>err &&
	test_grep "^durand run: /dev/full: cannot write output: No space left on device$" err &&
	test -c /dev/full
'
test_expect_success 'run --events /dev/full: clear error' '
	test_expect_code 1 durand run --runs 20 --events /dev/full \
		--out res.json 2>err &&
	test_grep "/dev/full: cannot write output: No space left on device" err &&
	! test -e res.json &&
	test -c /dev/full
'
test_expect_success 'standard output on /dev/full: clear error' '
	test_expect_code 1 durand run --runs 20 >/dev/full 2>err &&
	test_grep "cannot write standard output: No space left on device" err
'
test_expect_success 'calibrate --out /dev/full: clear error' '
	test_expect_code 1 durand calibrate --fit faction.kandahar.affinity \
		--runs 20 --max-evals 2 --out /dev/full 2>err &&
	test_grep "/dev/full: cannot write output: No space left on device" err
'
test_expect_success 'an output that is a directory is refused' '
	mkdir d &&
	test_expect_code 2 durand run --runs 20 --out d 2>err &&
	test_grep "output is a directory; give a file name" err
'

mkdir small
if mount -t tmpfs -o size=64k tmpfs small 2>/dev/null; then
	trap 'umount "$TRASH/small"; rm -rf "$TRASH"' EXIT
	test_expect_success 'a full 64 KiB tmpfs: clear error, no file left' '
		echo "an earlier result" >small/res.json &&
		cp small/res.json before &&
		test_expect_code 1 durand run --runs 200 --event-runs 200 \
			--events small/events.csv --out small/res.json 2>err &&
		test_grep "No space left on device" err &&
		! test -e small/events.csv &&
		cmp before small/res.json &&
		! ls small/*.tmp.* 2>/dev/null
	'
	test_expect_success 'a database on a full disk: clear error, what to do' '
		test_expect_code 1 durand import ucdp \
			"$TEST_DATA/ucdp-ged-251.csv" --db small/a.db 2>err &&
		test_grep "^durand import: small/a.db: database or disk is full; free disk space and try again" err
	'
	umount small
	mount -t tmpfs -o size=512k tmpfs small
	test_expect_success 'a disk full mid-import: import fails, db intact' '
		durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db small/a.db >/dev/null &&
		big_ged_csv 20000 big.csv &&
		test_expect_code 1 durand import ucdp big.csv --db small/a.db 2>err &&
		test_grep "full" err &&
		test "$(sqlite3 small/a.db "SELECT count(*) FROM events")" = 5 &&
		test "$(sqlite3 small/a.db "PRAGMA integrity_check")" = ok
	'
else
	say "# skipped the tmpfs tests: cannot mount a tmpfs here (not root?)"
fi
test_done
