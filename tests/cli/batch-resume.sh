# batch after a killed run grades only what has no up-to-date scorecard,
# removes the killed run's temporary files, and ends with the same folder;
# a changed zip is graded again; --force grades everything again.
. tests/cli/lib.sh
out=$TEST_TMP/o
mkdir $TEST_TMP/in && cp $SUBS/*.zip $TEST_TMP/in/
expect_exit 0 batch $TEST_TMP/in/*.zip --challenge $CHALLENGE -o $out
cp -r $out $TEST_TMP/first
# As a kill would leave it: a scorecard missing, a page missing, a
# temporary file of each kind, and no leaderboard.
rm $out/pass.json $out/header-row.html $out/leaderboard.csv $out/index.html
echo partial > $out/pass.json.tmp.Ab12Cd
echo partial > $out/rows-9999.html.tmp.Zz99Yy
echo other > $out/notes.json.tmp.Qq11Ww
expect_exit 0 batch $TEST_TMP/in/*.zip --challenge $CHALLENGE -o $out
expect_grep "8 kept from an earlier run" $TEST_TMP/out
[ "$(grep -c '^\[' $TEST_TMP/err)" = 1 ] || fail "only pass.zip is graded again"
expect_grep "[1/1] pass.zip: pass" $TEST_TMP/err
[ -e $out/pass.json.tmp.Ab12Cd ] && fail "leftover scorecard kept"
[ -e $out/rows-9999.html.tmp.Zz99Yy ] && fail "leftover page kept"
[ -e $out/notes.json.tmp.Qq11Ww ] || fail "a file of no submission was removed"
rm $out/notes.json.tmp.Qq11Ww
diff -r $TEST_TMP/first $out || fail "the resumed folder differs"
# A zip replaced by another under its name is graded again.
cp $SUBS/fail-low-auc.zip $TEST_TMP/in/pass.zip
expect_exit 0 batch $TEST_TMP/in/*.zip --challenge $CHALLENGE -o $out
expect_grep "[1/1] pass.zip: fail" $TEST_TMP/err
expect_json $out/pass.json .status fail
# Another bar in challenge.json: every scorecard is stale.
mkdir $TEST_TMP/ch && sed 's/"pass_auc": 0.80/"pass_auc": 0.5/' $CHALLENGE/challenge.json > $TEST_TMP/ch/challenge.json
cp $CHALLENGE/holdout.csv $TEST_TMP/ch/
grep -q '"pass_auc": 0.5' $TEST_TMP/ch/challenge.json || fail "bar not changed"
expect_exit 0 batch $TEST_TMP/in/*.zip --challenge $TEST_TMP/ch -o $out
[ "$(grep -c '^\[' $TEST_TMP/err)" = 9 ] || fail "all graded again for a new bar"
# --force: everything again, nothing kept.
expect_exit 0 batch $TEST_TMP/in/*.zip --challenge $TEST_TMP/ch -o $out --force
expect_no_grep "kept" $TEST_TMP/out
[ "$(grep -c '^\[' $TEST_TMP/err)" = 9 ] || fail "all graded again with --force"
