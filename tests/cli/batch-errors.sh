# batch refuses what it cannot do before grading anything, and grades the
# rest when one submission fails: usage 64, challenge 65, inputs 66,
# output 74; hostile zips are graded as invalid, never skipped.
. tests/cli/lib.sh
o=$TEST_TMP/o
expect_exit 64 batch $SUBS/pass.zip --challenge $CHALLENGE
expect_grep "missing -o OUTDIR" $TEST_TMP/err
expect_exit 64 batch $SUBS/pass.zip -o $o
expect_grep "missing --challenge DIR" $TEST_TMP/err
expect_exit 64 batch --challenge $CHALLENGE -o $o
expect_grep "missing SUBMISSION..." $TEST_TMP/err
for j in 0 257 x -1; do
	expect_exit 64 batch $SUBS/pass.zip --challenge $CHALLENGE -o $o -j $j
	expect_grep "-j takes a number of jobs from 1 to 256" $TEST_TMP/err
done
expect_exit 64 batch $SUBS/pass.zip --challenge $CHALLENGE -o $o --frobnicate
expect_grep "unknown option '--frobnicate'" $TEST_TMP/err
# Two inputs that would share a scorecard, or overwrite the leaderboard.
mkdir $TEST_TMP/a $TEST_TMP/b
cp $SUBS/pass.zip $TEST_TMP/a/alice.zip
cp $SUBS/pass.zip $TEST_TMP/b/Alice.ZIP
expect_exit 64 batch $TEST_TMP/a/alice.zip $TEST_TMP/b/Alice.ZIP --challenge $CHALLENGE -o $o
expect_grep "would both be written as Alice.json; rename one" $TEST_TMP/err
expect_exit 64 batch $TEST_TMP/a/. --challenge $CHALLENGE -o $o
expect_grep "'$TEST_TMP/a/.' has no name to write its scorecard under" $TEST_TMP/err
cp $SUBS/pass.zip $TEST_TMP/a/index.zip
expect_exit 64 batch $TEST_TMP/a/index.zip --challenge $CHALLENGE -o $o
expect_grep "would be written over the leaderboard's files (index.*)" $TEST_TMP/err
[ -e $o ] && fail "a usage error made the output folder"
# A missing input: nothing is graded.
expect_exit 66 batch $SUBS/pass.zip $TEST_TMP/nope.zip --challenge $CHALLENGE -o $o
expect_grep "cannot open $TEST_TMP/nope.zip" $TEST_TMP/err
[ -e $o ] && fail "nothing is written when an input is missing"
# The challenge or holdout unusable.
expect_exit 65 batch $SUBS/pass.zip --challenge $CHALLENGE -o $o --holdout $SUBS/pass.zip
expect_exit 66 batch $SUBS/pass.zip --challenge $TEST_TMP/none -o $o
# The output folder cannot be made.
echo file > $TEST_TMP/file
expect_exit 74 batch $SUBS/pass.zip --challenge $CHALLENGE -o $TEST_TMP/file
expect_grep "cannot make $TEST_TMP/file" $TEST_TMP/err
expect_exit 74 batch $SUBS/pass.zip --challenge $CHALLENGE -o $TEST_TMP/file/sub
# One input that cannot be read (a FIFO): the others are graded and
# published, the row says "error", the exit is 66.
mkfifo $TEST_TMP/a/fifo.zip
expect_exit 66 batch $SUBS/pass.zip $TEST_TMP/a/fifo.zip --challenge $CHALLENGE -o $o
expect_grep "fifo.zip: not graded: cannot be opened" $TEST_TMP/err
expect_grep "2 submissions: 1 pass, 0 fail, 0 invalid, 1 not graded" $TEST_TMP/out
expect_json $o/leaderboard.json '.rows[1].status' error
expect_json $o/leaderboard.json '.rows[1].flags' '["not_graded"]'
expect_json $o/leaderboard.json '.rows[1].rank' null
[ -e $o/fifo.json ] && fail "no scorecard for what was not graded"
# Hostile archives are graded (invalid) beside a good one.
expect_exit 0 batch fixtures/hostile/dotdot-name.zip fixtures/hostile/overlap-full-bomb.zip $SUBS/pass.zip --challenge $CHALLENGE -o $TEST_TMP/h
expect_grep "3 submissions: 1 pass, 0 fail, 2 invalid, 0 not graded" $TEST_TMP/out
expect_json $TEST_TMP/h/dotdot-name.json .status invalid
ls $TEST_TMP/h | grep -q '\.\.' && fail "a hostile name escaped"
# No file can be written (a file size limit of 0; SIGXFSZ ignored, so
# writes fail with EFBIG): each scorecard and the leaderboard fail, 74,
# and no partial file is left.
sh -c "trap '' XFSZ; ulimit -f 0; ${GRADER_WRAPPER:-} \"$GRADER\" batch $SUBS/pass.zip --challenge $CHALLENGE -o $TEST_TMP/full 2>&1; echo rc=\$?" | cat > $TEST_TMP/full.txt
expect_grep "rc=74" $TEST_TMP/full.txt
expect_grep "grader: cannot write $TEST_TMP/full/pass.json: File too large" $TEST_TMP/full.txt
expect_grep "[1/1] pass.zip: not graded: its scorecard cannot be written" $TEST_TMP/full.txt
expect_grep "The leaderboard could not be written (see above)." $TEST_TMP/full.txt
[ -z "$(ls $TEST_TMP/full)" ] || fail "files left in a folder that could not be written"
exit 0
