# grade: a passing submission exits 0 and its scorecard carries every field
# of docs/scorecard.md by value; AUCs equal scikit-learn's roc_auc_score to
# 1e-12.
. tests/cli/lib.sh
expect_exit 0 grade $SUBS/pass.zip --challenge $CHALLENGE
card=$TEST_TMP/card-stdout.json
cp $TEST_TMP/out $card
expect_json $card .schema_version 1
expect_json $card .grader_version 0.1.0
expect_json $card .challenge insurance-claims
expect_json $card .submission.name pass.zip
expect_json $card .submission.sha256 "$(sha256sum < $SUBS/pass.zip | cut -c1-64)"
expect_json $card .submission.bytes "$(wc -c < $SUBS/pass.zip | tr -d ' ')"
expect_json $card .holdout_sha256 "$(sha256sum < $HOLDOUT | cut -c1-64)"
expect_json $card .status pass
expect_json $card .pass_auc 0.80000000000000004
expect_json $card '.models[0].file' results1.csv
expect_json $card '.models[0].valid' true
expect_json $card '.models[0].rows' 10000
expect_json $card '.models[0].sha256' "$(unzip -p $SUBS/pass.zip results1.csv | sha256sum | cut -c1-64)"
expect_json $card '.models[1].sha256' "$(unzip -p $SUBS/pass.zip results2.csv | sha256sum | cut -c1-64)"
# sklearn.metrics.roc_auc_score on the same files (fixtures/make-submissions.py).
expect_near $card '.models[0].auc' 0.872059987240777 1e-12
expect_near $card '.models[1].auc' 0.8185648485689649 1e-12
expect_json $card .best.file results1.csv
expect_near $card .best.auc 0.872059987240777 1e-12
expect_near $card '.models[0].auc_ci95[0]' 0.8637 0.0001
expect_near $card '.comparison.auc_difference' 0.0534951386718121 1e-12
expect_json $card '.deliverables[0].name' code
expect_json $card '.deliverables[0].found' '["model.py"]'
expect_json $card '.deliverables[1].ok' true
expect_json $card '.forbidden[0].ok' true
expect_json $card .problems '[]'
# The ROC curve has at most 256 points, from (0,0) to (1,1).
n=$(json_get $card '.models[0].roc' | tr -cd '[' | wc -c)
[ "$n" -le 257 ] && [ "$n" -ge 3 ] || fail "roc has $((n - 1)) points"
expect_json $card '.models[0].roc[0][0]' 0
# Deterministic: the same inputs give the same bytes.
grader grade $SUBS/pass.zip --challenge $CHALLENGE > $TEST_TMP/again
expect_same $card $TEST_TMP/again
# -o writes the same scorecard to a file and nothing to stdout.
expect_exit 0 grade $SUBS/pass.zip --challenge $CHALLENGE -o $TEST_TMP/card.json
[ -s $TEST_TMP/out ] && fail "stdout not empty with -o"
expect_same $card $TEST_TMP/card.json
