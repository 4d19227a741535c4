# grade: the original train.csv sent back fails the submission (exit 1).
. tests/cli/lib.sh
expect_exit 1 grade $SUBS/forbidden-train-csv.zip --challenge $CHALLENGE
expect_json $TEST_TMP/out .status fail
expect_json $TEST_TMP/out '.forbidden[0].found' '["train.csv"]'
expect_json $TEST_TMP/out '.problems[0].code' forbidden.present
expect_json $TEST_TMP/out '.problems[0].file' train.csv
expect_exit 1 check $SUBS/forbidden-train-csv.zip --challenge $CHALLENGE
