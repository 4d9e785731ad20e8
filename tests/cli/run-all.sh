#!/bin/sh
# Run every CLI test script; fail if any fails.
cd "$(dirname "$0")" || exit 1
fail=0
for t in t[0-9]*.sh; do
	echo "== $t"
	sh "./$t" || fail=1
done
exit $fail
