#!/bin/sh
# An interrupted run writes nothing: no result, no temporary file, and an
# earlier result is left as it was (output.h). The binary is started
# directly, not through the durand() wrapper, so that $! is its own pid.
. "$(dirname "$0")/lib.sh"

test_expect_success 'SIGINT: non-zero exit, no res.json, no temporary file' '
	"$DURAND" run --runs 2000000 --out res.json 2>err &
	pid=$! &&
	sleep 1 &&
	kill -INT $pid &&
	{ wait $pid; code=$?; } &&
	test $code -ne 0 &&
	! test -e res.json &&
	! ls res.json.tmp.* 2>/dev/null
'
test_expect_success 'SIGINT leaves an earlier result untouched' '
	echo "an earlier result" >res.json &&
	cp res.json before || exit 1
	# on a line of its own, so that $! is the run and not a shell
	"$DURAND" run --runs 2000000 --format json --out res.json 2>err &
	pid=$! &&
	sleep 1 &&
	kill -INT $pid &&
	{ wait $pid; code=$?; } &&
	test $code -ne 0 &&
	cmp before res.json &&
	! ls res.json.tmp.* 2>/dev/null &&
	test_grep "interrupted" err
'
test_expect_success 'SIGTERM too' '
	"$DURAND" run --runs 2000000 --out res2.json 2>err &
	pid=$! &&
	sleep 1 &&
	kill -TERM $pid &&
	{ wait $pid; code=$?; } &&
	test $code -ne 0 &&
	! test -e res2.json &&
	! ls res2.json.tmp.* 2>/dev/null
'
test_done
