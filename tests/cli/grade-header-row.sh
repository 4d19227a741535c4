# grade: results1.csv with a header row is invalid, results2.csv is still
# scored, and the status is fail (exit 1); check exits 2.
. tests/cli/lib.sh
expect_exit 1 grade $SUBS/header-row.zip --challenge $CHALLENGE
expect_json $TEST_TMP/out .status fail
expect_json $TEST_TMP/out '.models[0].valid' false
expect_json $TEST_TMP/out '.models[0].auc' null
expect_json $TEST_TMP/out '.models[0].auc_se' null
expect_json $TEST_TMP/out '.models[0].auc_ci95' null
expect_near $TEST_TMP/out '.models[1].auc' 0.8185648485689649 1e-12
expect_json $TEST_TMP/out .best.file results2.csv
expect_json $TEST_TMP/out .comparison null
expect_json $TEST_TMP/out '.problems[0].code' csv.header
expect_json $TEST_TMP/out '.problems[0].file' results1.csv
expect_json $TEST_TMP/out '.problems[0].line' 1
expect_exit 2 check $SUBS/header-row.zip --challenge $CHALLENGE
