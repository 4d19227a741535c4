# A child that dies on a signal (here: killed from outside, as a crash
# would end it) costs that submission alone: its row says error and
# not_graded, the others are graded and published, and batch exits 70.
. tests/cli/lib.sh
# Folders whose grading takes a while (20 MB to read and hash), so that
# there is a child to kill: twenty names for one folder.
mkdir $TEST_TMP/big $TEST_TMP/in
(cd $TEST_TMP/big && unzip -q $TOP/$SUBS/pass.zip)
head -c 20000000 /dev/zero > $TEST_TMP/big/data.bin
i=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	ln -s $TEST_TMP/big $TEST_TMP/in/c$i
done
# Kill whichever child of batch is running, now and then, until it is
# done; again (--force) if no child happened to be running when looked
# for.  The batch process is the oldest with this command line (its
# children share it; a shell may stand between $! and it).
try=0
rc=0
while [ $rc = 0 ] && [ $try -lt 5 ]; do
	try=$((try + 1))
	${GRADER_WRAPPER:-} "$GRADER" batch $TEST_TMP/in/* --challenge $CHALLENGE -o $TEST_TMP/o -j 1 --force >$TEST_TMP/out 2>$TEST_TMP/err &
	pid=$!
	# Stop once every submission is reported: at its exit LeakSanitizer
	# (make sanitize) starts a helper child of its own, which must live.
	while kill -0 $pid 2>/dev/null &&
	    [ "$(grep -c '^\[' $TEST_TMP/err 2>/dev/null)" -lt 20 ]; do
		bp=$(pgrep -o -f -- "-o $TEST_TMP/o -j 1")
		[ -n "$bp" ] && pkill -KILL -P $bp 2>/dev/null
		sleep 0.02
	done
	wait $pid
	rc=$?
done
[ $rc = 70 ] || { cat $TEST_TMP/err; fail "exit $rc, expected 70"; }
expect_grep "the grader stopped on signal 9" $TEST_TMP/err
expect_grep ": not graded: the grader failed on it" $TEST_TMP/err
killed=$(grep -c 'not graded' $TEST_TMP/err)
graded=$(grep -c ': pass$' $TEST_TMP/err)
[ $((killed + graded)) = 20 ] || fail "$killed killed + $graded graded != 20"
expect_grep "20 submissions: $graded pass, 0 fail, 0 invalid, $killed not graded" $TEST_TMP/out
[ "$(grep -c '"not_graded"' $TEST_TMP/o/leaderboard.json)" = $killed ] || fail "not_graded rows"
[ -s $TEST_TMP/o/index.html ] || fail "no leaderboard page"
# The next run grades every one (folders are always graded again).
expect_exit 0 batch $TEST_TMP/in/* --challenge $CHALLENGE -o $TEST_TMP/o -j 2
expect_grep "20 submissions: 20 pass, 0 fail, 0 invalid, 0 not graded" $TEST_TMP/out
exit 0
