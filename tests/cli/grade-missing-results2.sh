# grade: results2.csv absent: results1.csv is scored, status fail (exit 1);
# check exits 2.
. tests/cli/lib.sh
expect_exit 1 grade $SUBS/missing-results2.zip --challenge $CHALLENGE
expect_json $TEST_TMP/out .status fail
expect_json $TEST_TMP/out '.models[1].valid' false
expect_json $TEST_TMP/out '.models[1].path' null
expect_json $TEST_TMP/out '.models[1].rows' null
expect_json $TEST_TMP/out '.problems[0].code' results.missing
expect_json $TEST_TMP/out '.problems[0].file' results2.csv
expect_exit 2 check $SUBS/missing-results2.zip --challenge $CHALLENGE
