# An internal error (here: memory runs out) exits 70 with a message, not a
# crash.  The bound is set the way the build allows: ASan's allocator limit
# under make sanitize, the address-space limit otherwise.
. tests/cli/lib.sh
awk 'BEGIN { for (i = 0; i < 3000000; i++) print "0.123456789012" }' > $TEST_TMP/big.csv
awk 'BEGIN { for (i = 0; i < 3000000; i++) print i % 2 }' > $TEST_TMP/labels.csv
if nm "$GRADER" 2>/dev/null | grep -q __asan_init; then
	ASAN_OPTIONS=allocator_may_return_null=1:max_allocation_size_mb=8 \
	    "$GRADER" auc $TEST_TMP/labels.csv $TEST_TMP/big.csv >$TEST_TMP/out 2>$TEST_TMP/err
else
	# Not through valgrind: it needs more address space than this.
	(ulimit -v 40000; exec "$GRADER" auc $TEST_TMP/labels.csv $TEST_TMP/big.csv) >$TEST_TMP/out 2>$TEST_TMP/err
fi
code=$?
[ $code -eq 70 ] || { cat $TEST_TMP/err; fail "exit $code, expected 70"; }
[ -s $TEST_TMP/err ] || fail "no message on stderr"
