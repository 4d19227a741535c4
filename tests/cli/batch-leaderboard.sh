# batch: every fixture submission graded into one folder; each scorecard is
# what grade -o writes; the leaderboard ranks passes first by best AUC and
# flags shared results files; progress on stderr, a summary on stdout.
. tests/cli/lib.sh
out=$TEST_TMP/out-dir
expect_exit 0 batch $SUBS/*.zip --challenge $CHALLENGE -o $out -j 2
expect_same - $TEST_TMP/out <<X
9 submissions: 3 pass, 6 fail, 0 invalid, 0 not graded
Leaderboard: $out/leaderboard.csv, $out/index.html
X
[ "$(grep -c '^\[[1-9]/9\] ' $TEST_TMP/err)" = 9 ] || fail "9 progress lines"
expect_grep "pass.zip: pass" $TEST_TMP/err
for z in $SUBS/*.zip; do
	name=$(basename $z .zip)
	[ -s $out/$name.html ] || fail "no page for $name"
	grader grade $z --challenge $CHALLENGE -o $TEST_TMP/one.json
	expect_same $TEST_TMP/one.json $out/$name.json
done
expect_same tests/cli/expected/batch-leaderboard.csv $out/leaderboard.csv
expect_json $out/leaderboard.json .challenge insurance-claims
expect_json $out/leaderboard.json '.rows[0].rank' 1
expect_json $out/leaderboard.json '.rows[0].submission' one-folder-with-macosx.zip
expect_json $out/leaderboard.json '.rows[0].name' one-folder-with-macosx
expect_json $out/leaderboard.json '.rows[1].rank' 1
expect_json $out/leaderboard.json '.rows[2].status' pass
expect_json $out/leaderboard.json '.rows[3].flags' '["copied_results","missing_deliverable"]'
expect_json $out/leaderboard.json '.rows[8].submission' fail-low-auc.zip
expect_json $out/leaderboard.json '.rows[8].models[1].file' results2.csv
expect_near $out/leaderboard.json '.rows[8].best_auc' 0.6859390349184483 1e-16
expect_grep '<a href="pass.html">' $out/index.html
expect_grep '<a href="index.html">' $out/pass.html
# A folder and one -j: the same scorecard as grade's for the folder.
mkdir $TEST_TMP/alice && (cd $TEST_TMP/alice && unzip -q $TOP/$SUBS/pass.zip)
expect_exit 0 batch $TEST_TMP/alice/ --challenge $CHALLENGE -o $TEST_TMP/one-dir -j 1
grader grade $TEST_TMP/alice --challenge $CHALLENGE -o $TEST_TMP/alice.json
expect_same $TEST_TMP/alice.json $TEST_TMP/one-dir/alice.json
