# Output that cannot be written exits 74: -o into a missing folder, or a
# full stdout.  A failed -o leaves no partial file behind.
. tests/cli/lib.sh
expect_exit 74 grade $SUBS/pass.zip --challenge $CHALLENGE -o $TEST_TMP/missing/card.json
expect_grep "grader: cannot write $TEST_TMP/missing/card.json" $TEST_TMP/err
ls $TEST_TMP | grep -q tmp && fail "temporary file left behind"
# A full stdout needs a device whose every write fails with ENOSPC: without
# one, the rest of this test would check nothing, so it is skipped, loudly.
[ -c /dev/full ] && [ -w /dev/full ] || skip "/dev/full is not a writable device here (-o checked; a full stdout not)"
grader grade $SUBS/pass.zip --challenge $CHALLENGE > /dev/full 2>$TEST_TMP/err
code=$?
[ $code -eq 74 ] || fail "stdout to /dev/full: exit $code, expected 74"
grader check $SUBS/pass.zip > /dev/full 2>$TEST_TMP/err
code=$?
[ $code -eq 74 ] || fail "check to /dev/full: exit $code, expected 74"
ls $TEST_TMP | grep -q tmp && fail "temporary file left behind"
exit 0
