# grade: a results file of 9,999 rows is invalid with csv.row_count.
. tests/cli/lib.sh
expect_exit 1 grade $SUBS/rows-9999.zip --challenge $CHALLENGE
expect_json $TEST_TMP/out '.models[1].valid' false
expect_json $TEST_TMP/out '.models[1].rows' 9999
expect_json $TEST_TMP/out '.problems[0].code' csv.row_count
expect_json $TEST_TMP/out '.problems[0].file' results2.csv
expect_exit 2 check $SUBS/rows-9999.zip
