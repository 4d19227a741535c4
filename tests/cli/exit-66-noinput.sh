# An input that cannot be opened exits 66: the submission, the challenge
# folder, the holdout, a file given to auc.
. tests/cli/lib.sh
expect_exit 66 grade $TEST_TMP/nope.zip --challenge $CHALLENGE
expect_grep "[input.unreadable]" $TEST_TMP/err
expect_exit 66 check $TEST_TMP/nope.zip
expect_exit 66 grade $SUBS/pass.zip --challenge $TEST_TMP/no-challenge
expect_grep "[challenge.unreadable]" $TEST_TMP/err
expect_exit 66 grade $SUBS/pass.zip --challenge $CHALLENGE --holdout $TEST_TMP/none.csv
expect_grep "[holdout.unreadable]" $TEST_TMP/err
expect_exit 66 auc $TEST_TMP/none.csv $TEST_TMP/none2.csv
expect_exit 66 auc $HOLDOUT $TEST_TMP/none2.csv
