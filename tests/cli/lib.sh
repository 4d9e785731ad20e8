# lib.sh: a small test harness for durand's CLI tests, in the manner of
# git's t/test-lib.sh. Source it from tests/cli/tNNNN-*.sh.
#
#   test_expect_success 'what it shows' 'commands'
#   test_expect_code 2 durand run --runs x    (inside a test body)
#   test_must_fail durand ...                  (any exit 1..125, no crash)
#
# $DURAND is the binary under test (default: the repo's ./durand); with
# $DURAND_VALGRIND set, every call runs under valgrind and any leak or error
# fails the test.
set -u
TEST_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURAND=${DURAND:-$TEST_ROOT/durand}
SHARED_DATA=${SHARED_DATA:-$TEST_ROOT/../shared/data}
TEST_DATA=$TEST_ROOT/tests/data
test_count=0
test_failed=0
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/durand-test.XXXXXX")
trap 'rm -rf "$TRASH"' EXIT
cd "$TRASH" || exit 1

# Under valgrind, OpenMP's threads wait passively: valgrind runs one thread
# at a time, and a waiting thread that spins burns its turn (a filter on two
# threads: 12.6 s of CPU spinning, 9.1 s passive). The results are the same
# bits for any schedule (include/durand/rng.h).
durand() {
	if [ -n "${DURAND_VALGRIND:-}" ]; then
		OMP_WAIT_POLICY=passive valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
			--errors-for-leak-kinds=definite,indirect \
			--error-exitcode=99 "$DURAND" "$@"
	else
		"$DURAND" "$@"
	fi
}

say() {
	printf '%s\n' "$*"
}

test_expect_success() {
	test_count=$((test_count + 1))
	if (eval "$2") >"$TRASH/.out" 2>&1; then
		say "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		say "not ok $test_count - $1"
		sed 's/^/#   /' "$TRASH/.out" | tail -n 40
	fi
}

# Run a command that must fail with exit status 1..125 (not a crash).
test_must_fail() {
	"$@"
	code=$?
	if [ $code -eq 0 ]; then
		echo "test_must_fail: '$*' succeeded" >&2
		return 1
	elif [ $code -gt 125 ] || [ $code -eq 99 ]; then
		echo "test_must_fail: '$*' crashed or leaked (exit $code)" >&2
		return 1
	fi
	return 0
}

# test_expect_code N cmd...: cmd must exit with exactly N.
test_expect_code() {
	want=$1
	shift
	"$@"
	code=$?
	if [ $code -ne "$want" ]; then
		echo "test_expect_code: '$*' exited $code, want $want" >&2
		return 1
	fi
	return 0
}

# test_grep PATTERN FILE: like grep, but shows the file when it fails.
test_grep() {
	if ! grep -q -e "$1" "$2"; then
		echo "test_grep: no '$1' in $2:" >&2
		head -n 30 "$2" >&2
		return 1
	fi
}

# position_of TEXT FILE [SKIP]: LINE:COL (1-based) of the first occurrence of
# the fixed string TEXT in FILE, moved SKIP characters to the right: where an
# error message about that text must point.
position_of() {
	awk -v t="$1" -v skip="${3:-0}" '
		!found && (i = index($0, t)) {
			print NR ":" (i + skip); found = 1
		}
		END { exit !found }' "$2"
}

# test_lines_are FILE LINE...: FILE holds exactly these lines.
test_lines_are() {
	file=$1
	shift
	printf '%s\n' "$@" >"$file.expect"
	if ! cmp -s "$file.expect" "$file"; then
		echo "test_lines_are: $file differs:" >&2
		diff "$file.expect" "$file" >&2
		return 1
	fi
}

# Skip only with a plain reason printed; counts as a pass of nothing.
test_skip_all() {
	say "1..0 # SKIP $*"
	exit 0
}

# cpu_ticks PID: CPU time the process has used, in clock ticks (1/100 s)
cpu_ticks() {
	awk '{ print $14 + $15 }' /proc/"$1"/stat 2>/dev/null || echo 0
}

# wait_cpu PID TICKS: wait until PID has used TICKS/100 s of CPU (or ended):
# a point in a command's work rather than a time, so that tests that act
# mid-way hold on fast and on loaded machines alike
wait_cpu() {
	_i=0
	while [ "$(cpu_ticks "$1")" -lt "$2" ] && kill -0 "$1" 2>/dev/null &&
		[ $_i -lt 3000 ]; do
		sleep 0.01
		_i=$((_i + 1))
	done
}

test_done() {
	say "1..$test_count"
	if [ $test_failed -ne 0 ]; then
		say "# failed $test_failed of $test_count"
		exit 1
	fi
	exit 0
}

# big_ged_csv N FILE: a UCDP GED file of N generated events (the columns an
# import needs), big enough that importing it takes a few seconds.
big_ged_csv() {
	awk -v n="$1" 'BEGIN {
		print "id,date_start,date_end,date_prec,side_a,side_b," \
		      "dyad_name,type_of_violence,country,best,low,high," \
		      "active_year"
		for (i = 0; i < n; i++)
			printf "%d,2023-01-05,2023-01-05,1,Government of " \
			       "Pakistan,TTP,Government of Pakistan - TTP,1," \
			       "Pakistan,%d,0,9,true\n", 1000000 + i, i % 7
	}' >"$2"
}

# stops_within SECONDS PID: PID exits within SECONDS (polled every 50 ms).
stops_within() {
	n=$(($1 * 20))
	while kill -0 "$2" 2>/dev/null; do
		n=$((n - 1))
		if [ $n -lt 0 ]; then
			echo "stops_within: $2 still running after $1 s" >&2
			return 1
		fi
		sleep 0.05
	done
}

# test_cmp_lines EXPECTED ACTUAL: the two files are equal (shows a diff).
test_cmp_lines() {
	if ! cmp -s "$1" "$2"; then
		echo "test_cmp_lines: $1 and $2 differ:" >&2
		diff "$1" "$2" >&2
		return 1
	fi
}
