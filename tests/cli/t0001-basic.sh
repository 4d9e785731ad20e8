#!/bin/sh
# The dispatcher: help, version, unknown commands.
. "$(dirname "$0")/lib.sh"

test_expect_success 'durand help lists commands on stdout, exit 0' '
	durand help >out &&
	test_grep "^usage: durand" out &&
	test_grep "version" out
'
test_expect_success 'durand --version prints the version' '
	durand --version >out &&
	test_grep "^durand [0-9][0-9.]*$" out
'
test_expect_success 'an unknown command exits 2 with a message' '
	test_expect_code 2 durand frobnicate 2>err &&
	test_grep "not a command" err
'
test_expect_success 'no command prints usage and exits 2' '
	test_expect_code 2 durand >out
'
test_done
