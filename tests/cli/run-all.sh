#!/bin/sh
# Run every CLI test script; fail if any fails. With JOBS=N (N > 1), N
# scripts run at once, each into its own log, printed in order at the end;
# each script's time is shown either way.
# SKIP="tA.sh tB.sh" leaves those scripts out and says so (CI's valgrind
# step; .ci/run says why).
cd "$(dirname "$0")" || exit 1
JOBS=${JOBS:-1}
scripts=
for t in t[0-9]*.sh; do
	case " $SKIP " in
	*" $t "*) echo "== $t skipped (SKIP)" ;;
	*) scripts="$scripts $t" ;;
	esac
done
if [ "$JOBS" -le 1 ]; then
	fail=0
	for t in $scripts; do
		start=$(date +%s)
		echo "== $t"
		sh "./$t" || fail=1
		echo "== $t took $(($(date +%s) - start)) s"
	done
	exit $fail
fi
logs=$(mktemp -d "${TMPDIR:-/tmp}/durand-cli.XXXXXX") || exit 1
trap 'rm -rf "$logs"' EXIT
printf '%s\n' $scripts | xargs -P "$JOBS" -I{} sh -c '
	start=$(date +%s)
	sh "./$1" >"$2/$1.log" 2>&1
	echo $? >"$2/$1.rc"
	echo "$(($(date +%s) - start))" >"$2/$1.time"' sh {} "$logs"
fail=0
for t in $scripts; do
	echo "== $t"
	cat "$logs/$t.log"
	echo "== $t took $(cat "$logs/$t.time") s"
	[ "$(cat "$logs/$t.rc")" = 0 ] || fail=1
done
exit $fail
