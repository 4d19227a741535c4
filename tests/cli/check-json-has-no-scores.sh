# check --format json prints the scorecard's fields without scores or the
# holdout: a candidate's check never needs (or shows) the secret.
. tests/cli/lib.sh
expect_exit 0 check $SUBS/pass.zip --challenge $CHALLENGE --format json
expect_json $TEST_TMP/out .status pass
expect_json $TEST_TMP/out '.models[0].valid' true
expect_json $TEST_TMP/out '.models[0].rows' 10000
expect_absent $TEST_TMP/out '.models[0].auc'
expect_absent $TEST_TMP/out .holdout_sha256
exit 0
