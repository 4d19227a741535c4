# grade: a submission with no results file at all, or an archive that is not
# a zip, cannot be scored: status invalid, exit 2, a scorecard all the same.
. tests/cli/lib.sh
mkdir $TEST_TMP/only-code && echo 'print(1)' > $TEST_TMP/only-code/model.py
expect_exit 2 grade $TEST_TMP/only-code --challenge $CHALLENGE
expect_json $TEST_TMP/out .status invalid
expect_json $TEST_TMP/out .best null
expect_json $TEST_TMP/out '.problems[0].code' results.missing
printf 'not a zip\n' > $TEST_TMP/renamed.zip
expect_exit 2 grade $TEST_TMP/renamed.zip --challenge $CHALLENGE
expect_json $TEST_TMP/out .status invalid
expect_json $TEST_TMP/out .submission.bytes 10
expect_exit 2 check $TEST_TMP/renamed.zip
