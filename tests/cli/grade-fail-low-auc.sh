# grade: valid files whose best AUC is under pass_auc exit 1 with status fail;
# --pass-auc lowers the bar.
. tests/cli/lib.sh
expect_exit 1 grade $SUBS/fail-low-auc.zip --challenge $CHALLENGE
expect_json $TEST_TMP/out .status fail
expect_near $TEST_TMP/out '.models[0].auc' 0.6859390349184483 1e-12
expect_near $TEST_TMP/out '.models[1].auc' 0.6659930402778653 1e-12
expect_json $TEST_TMP/out .best.file results1.csv
expect_exit 0 grade $SUBS/fail-low-auc.zip --challenge $CHALLENGE --pass-auc 0.68
expect_json $TEST_TMP/out .status pass
expect_json $TEST_TMP/out .pass_auc 0.68000000000000005
