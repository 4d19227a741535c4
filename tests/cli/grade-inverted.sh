# grade: probabilities of the wrong class give AUC below 0.5 and a warning
# with what 1 - p would score; the other model still passes.
. tests/cli/lib.sh
expect_exit 0 grade $SUBS/inverted-probabilities.zip --challenge $CHALLENGE
expect_near $TEST_TMP/out '.models[0].auc' 0.127940012759223 1e-12
expect_json $TEST_TMP/out '.problems[0].code' auc.below_half
expect_json $TEST_TMP/out '.problems[0].severity' warning
expect_json $TEST_TMP/out '.problems[0].message' 'AUC 0.1279 is below 0.5: with 1 - p this model would score 0.8721'
