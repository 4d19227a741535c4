# merge refuses folders it cannot rank together, and keeps ungraded rows.
. tests/cli/lib.sh
expect_exit 0 batch $SUBS/pass.zip $SUBS/header-row.zip --challenge $CHALLENGE -o $TEST_TMP/a
expect_exit 64 merge $TEST_TMP/a
expect_grep "missing -o OUTDIR" $TEST_TMP/err
expect_exit 64 merge -o $TEST_TMP/m
expect_grep "missing OUTDIR..." $TEST_TMP/err
expect_exit 66 merge $TEST_TMP/none -o $TEST_TMP/m
expect_grep "cannot read $TEST_TMP/none" $TEST_TMP/err
mkdir $TEST_TMP/empty
expect_exit 66 merge $TEST_TMP/empty -o $TEST_TMP/m
expect_grep "no scorecards in $TEST_TMP/empty" $TEST_TMP/err
# A stray JSON file is not a scorecard.
mkdir $TEST_TMP/stray && echo '{"x": 1}' > $TEST_TMP/stray/notes.json
expect_exit 65 merge $TEST_TMP/a $TEST_TMP/stray -o $TEST_TMP/m
expect_grep "$TEST_TMP/stray/notes.json is not a scorecard" $TEST_TMP/err
# A scorecard that was never graded (no status, no models).
mkdir $TEST_TMP/ungraded && echo '{"challenge": "insurance-claims", "submission": {"name": "x.zip"}}' > $TEST_TMP/ungraded/x.json
expect_exit 65 merge $TEST_TMP/ungraded -o $TEST_TMP/m
expect_grep "$TEST_TMP/ungraded/x.json is not a graded scorecard" $TEST_TMP/err
# A .json that cannot be read (a folder).
mkdir -p $TEST_TMP/odd/y.json
expect_exit 66 merge $TEST_TMP/odd -o $TEST_TMP/m
expect_grep "cannot read $TEST_TMP/odd/y.json" $TEST_TMP/err
# The same submission graded differently in two folders.
mkdir $TEST_TMP/b && sed 's/"pass"/"fail"/' $TEST_TMP/a/pass.json > $TEST_TMP/b/pass.json
expect_exit 65 merge $TEST_TMP/a $TEST_TMP/b -o $TEST_TMP/m
expect_grep "graded twice, differently" $TEST_TMP/err
# Another holdout.
sed '2000s/.*/0/;2001s/.*/1/' $HOLDOUT > $TEST_TMP/other.csv
cmp -s $HOLDOUT $TEST_TMP/other.csv && fail "the holdout did not change"
expect_exit 0 batch $SUBS/rows-9999.zip --challenge $CHALLENGE --holdout $TEST_TMP/other.csv -o $TEST_TMP/c
expect_exit 65 merge $TEST_TMP/a $TEST_TMP/c -o $TEST_TMP/m
expect_grep "another challenge or holdout" $TEST_TMP/err
[ -e $TEST_TMP/m ] && fail "a refused merge wrote its output"
# An ungraded row stays on the merged leaderboard.
mkfifo $TEST_TMP/fifo.zip
expect_exit 66 batch $SUBS/fail-low-auc.zip $TEST_TMP/fifo.zip --challenge $CHALLENGE -o $TEST_TMP/d
expect_exit 0 merge $TEST_TMP/a $TEST_TMP/d -o $TEST_TMP/m
expect_grep "4 submissions from 2 folders: 1 pass, 2 fail, 0 invalid, 1 not graded" $TEST_TMP/out
expect_json $TEST_TMP/m/leaderboard.json '.rows[3].submission' fifo.zip
expect_json $TEST_TMP/m/leaderboard.json '.rows[3].status' error
# The output folder cannot be written: 74.
sh -c "trap '' XFSZ; ulimit -f 0; ${GRADER_WRAPPER:-} \"$GRADER\" merge $TEST_TMP/a -o $TEST_TMP/full 2>&1; echo rc=\$?" | cat > $TEST_TMP/full.txt
expect_grep "rc=74" $TEST_TMP/full.txt
expect_grep "grader: cannot write $TEST_TMP/full/header-row.json: File too large" $TEST_TMP/full.txt
echo file > $TEST_TMP/file
expect_exit 74 merge $TEST_TMP/a -o $TEST_TMP/file
expect_grep "cannot make $TEST_TMP/file" $TEST_TMP/err
exit 0
