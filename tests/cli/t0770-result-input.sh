#!/bin/sh
# The result report reads is input (issue 17): a number no result holds
# (-1e308 drew a heat map's colour from outside its palette), a file past
# the size limit, a NUL byte in a string: refused with the place and the
# reason, never a crash.
. "$(dirname "$0")/lib.sh"

FIT=$TEST_DATA/fit-result.json

test_expect_success 'a fit whose branching value is -1e308: refused by place' '
	sed "/\"branching\"/,/^ \]/ s/^   [0-9.]*\$/   -1e308/" "$FIT" >huge.json &&
	! cmp -s huge.json "$FIT" &&
	test_expect_code 2 durand report huge.json -o h.html 2>err &&
	test_grep "^durand report: huge.json: .branching\[0\]\[0\]. is -1e+308, not a value a result holds (at most 1e+15 in size)\$" err &&
	! test -e h.html
'
test_expect_success 'the fit as written still renders' '
	durand report "$FIT" -o fit.html &&
	test_grep "<svg" fit.html
'
test_expect_success 'a string with a NUL byte: said so, no library flag' '
	printf "{\"kind\": \"stats\", \"by\": \"a\\\\u0000b\"}" >nul.json &&
	test_expect_code 2 durand report nul.json 2>err &&
	test_grep "nul.json:1:[0-9]*: a string holds a NUL byte (.u0000), which no result has" err &&
	! grep -q JSON_ALLOW_NUL err
'
# Reading 64 MiB under valgrind costs about a minute of CPU (26 s for the
# file, measured): under `make valgrind` these two calls run without it
# (the reader runs under valgrind on every other result in this script and
# in t0600; `make asan` runs these two under ASan and UBSan).
test_expect_success 'a result past 64 MiB: the limit, from a file or a pipe' '
	{ printf "{\"kind\": \"stats\", \"pad\": \"" &&
	  head -c 68000000 /dev/zero | tr "\\0" x &&
	  printf "\"}\n"; } >big.json &&
	test_expect_code 2 "$DURAND" report big.json 2>err &&
	test_grep "^durand report: big.json: more than the 64 MiB a result may have" err &&
	cat big.json | test_expect_code 2 "$DURAND" report - 2>err &&
	test_grep "more than the 64 MiB a result may have" err
'
test_done
