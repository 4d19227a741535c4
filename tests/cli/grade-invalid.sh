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
# A folder refused as hostile (a link) has no identity to report.
mkdir $TEST_TMP/linked && ln -s /etc/passwd $TEST_TMP/linked/results1.csv
expect_exit 2 grade $TEST_TMP/linked --challenge $CHALLENGE
expect_json $TEST_TMP/out .status invalid
expect_json $TEST_TMP/out .submission.sha256 null
expect_json $TEST_TMP/out '.problems[0].code' zip.link
# A hostile zip is never scored, but its bytes identify it.
expect_exit 2 grade fixtures/hostile/bad-crc.zip --challenge $CHALLENGE
expect_json $TEST_TMP/out .submission.sha256 "$(sha256sum < fixtures/hostile/bad-crc.zip | cut -c1-64)"
expect_json $TEST_TMP/out '.models[0].auc' null
