# check reads a folder by the same rules as its zip: the same findings and
# exit codes.
. tests/cli/lib.sh
mkdir $TEST_TMP/pass $TEST_TMP/header
(cd $TEST_TMP/pass && unzip -q $TOP/$SUBS/pass.zip)
(cd $TEST_TMP/header && unzip -q $TOP/$SUBS/header-row.zip)
expect_exit 0 check $TEST_TMP/pass --challenge $CHALLENGE
expect_grep "Ready to submit." $TEST_TMP/out
expect_exit 2 check $TEST_TMP/header --challenge $CHALLENGE --format json
expect_json $TEST_TMP/out '.problems[0].code' csv.header
expect_json $TEST_TMP/out '.problems[0].line' 1
expect_json $TEST_TMP/out .status invalid
expect_exit 0 grade $TEST_TMP/pass --challenge $CHALLENGE
expect_near $TEST_TMP/out '.models[0].auc' 0.872059987240777 1e-12
