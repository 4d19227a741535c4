# Degenerate statistics give nulls and a warning that says why, never NaN:
# a perfect ranking has no DeLong variance, and two files that place the
# rows alike have no paired test.
. tests/cli/lib.sh
mkdir $TEST_TMP/s
tail -n +2 $HOLDOUT > $TEST_TMP/s/results1.csv
cp $TEST_TMP/s/results1.csv $TEST_TMP/s/results2.csv
echo 'print(1)' > $TEST_TMP/s/model.py
echo 'notes' > $TEST_TMP/s/write-up.md
expect_exit 0 grade $TEST_TMP/s --challenge $CHALLENGE
card=$TEST_TMP/card.json
cp $TEST_TMP/out $card
expect_json $card '.models[0].auc' 1
expect_json $card '.models[0].auc_se' null
expect_json $card '.models[0].auc_ci95' null
expect_json $card '.models[1].auc_se' null
expect_json $card '.comparison.auc_difference' 0
expect_json $card '.comparison.z' null
expect_json $card '.comparison.p_value' null
[ "$(grep -c '"code":.*"auc.no_standard_error"' $card)" = 2 ] || fail "one auc.no_standard_error a file"
[ "$(grep -c '"code":.*"auc.no_paired_test"' $card)" = 1 ] || fail "one auc.no_paired_test"
expect_grep 'so the DeLong variance is 0' $card
grep -qi 'nan' $card && fail "NaN in the scorecard"
expect_exit 0 grade $TEST_TMP/s --challenge $CHALLENGE --format text
expect_grep '[auc.no_paired_test]' $TEST_TMP/out
exit 0
