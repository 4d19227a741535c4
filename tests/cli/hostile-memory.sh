# Every hostile corpus member, the big ones made here too, is refused
# within 200 MB of peak memory (docs/hostile.md: "Memory for one
# submission is bounded by zip_bytes ... plus one entry at a time").  Time
# is measured by make bench, never asserted in a test.
. tests/cli/lib.sh
# The program itself is measured, never through $GRADER_WRAPPER (inside
# valgrind the peak would be valgrind's), so it runs under make valgrind
# as well.
[ -x /usr/bin/time ] || fail "/usr/bin/time (Debian package 'time') is needed"
${CC:-cc} -O2 -o $TEST_TMP/make-big fixtures/hostile/make-big.c || fail "cannot build make-big"
mkdir $TEST_TMP/gen && $TEST_TMP/make-big $TEST_TMP/gen > /dev/null || fail "make-big failed"
n=0
for f in fixtures/hostile/*.zip $TEST_TMP/gen/*.zip; do
	/usr/bin/time -f %M -o $TEST_TMP/rss "$GRADER" check $f --challenge fixtures/hostile/challenge > /dev/null 2>&1
	kb=$(tail -n 1 $TEST_TMP/rss)
	case $kb in ''|*[!0-9]*) fail "$(basename $f): no peak measured ('$kb')" ;; esac
	[ "$kb" -lt 204800 ] || fail "$(basename $f): peak $kb KB"
	n=$((n + 1))
done
[ $n -ge 40 ] || fail "only $n corpus members"
