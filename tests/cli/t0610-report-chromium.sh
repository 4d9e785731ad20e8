#!/bin/sh
# The report in a real browser: headless Chromium renders the default run
# report to a screenshot, which must not be blank. CI installs chromium
# (scripts/install-deps.sh --chromium); without it the test says so.
. "$(dirname "$0")/lib.sh"

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}
if [ -z "$CHROMIUM" ]; then
	say "# skipping: chromium not installed (scripts/install-deps.sh --chromium)"
	test_skip_all "chromium not installed"
fi

shoot() {
	profile=$(mktemp -d "$TRASH/profile.XXXXXX") &&
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$profile" --hide-scrollbars \
		--screenshot="$2" --window-size=1200,2000 "file://$1" \
		>"$TRASH/chromium.log" 2>&1 &&
	test -s "$2"
}

test_expect_success 'build the PNG inspector' '
	cc -O2 -o png-ink "$TEST_ROOT/tests/cli/png-ink.c" \
		$(pkg-config --cflags --libs cairo)
'
test_expect_success 'chromium renders the run report to a screenshot' '
	durand report "$TEST_DATA/run-result.json" -o "$TRASH/run.html" &&
	shoot "$TRASH/run.html" shot.png
'
test_expect_success 'the screenshot is not blank' '
	./png-ink shot.png >ink &&
	read colours percent <ink &&
	echo "$colours colours, $percent% ink" &&
	test "$colours" -ge 50 &&
	awk -v p="$percent" "BEGIN { exit !(p >= 3 && p <= 60) }"
'
test_expect_success 'a blank page is told apart' '
	printf "<!DOCTYPE html><title>x</title>" >"$TRASH/blank.html" &&
	shoot "$TRASH/blank.html" blank.png &&
	./png-ink blank.png >ink &&
	read colours percent <ink &&
	test "$colours" -lt 50
'
test_done
