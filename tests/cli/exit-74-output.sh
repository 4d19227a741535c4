# Output that cannot be written exits 74: -o into a missing folder, or a
# full stdout.  A failed -o leaves no partial file behind.
. tests/cli/lib.sh
expect_exit 74 grade $SUBS/pass.zip --challenge $CHALLENGE -o $TEST_TMP/missing/card.json
expect_grep "grader: cannot write $TEST_TMP/missing/card.json" $TEST_TMP/err
if [ -w /dev/full ]; then
	grader grade $SUBS/pass.zip --challenge $CHALLENGE > /dev/full 2>$TEST_TMP/err
	code=$?
	[ $code -eq 74 ] || fail "stdout to /dev/full: exit $code, expected 74"
	grader check $SUBS/pass.zip > /dev/full 2>$TEST_TMP/err
	[ $? -eq 74 ] || fail "check to /dev/full: expected 74"
fi
ls $TEST_TMP | grep -q tmp && fail "temporary file left behind"
exit 0
