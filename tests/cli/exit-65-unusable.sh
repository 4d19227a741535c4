# A challenge definition or holdout that cannot be used exits 65, and no
# message reveals a label.
. tests/cli/lib.sh
# An unknown key in challenge.json.
mkdir $TEST_TMP/ch && sed 's/"pass_auc"/"pass_acu"/' $CHALLENGE/challenge.json > $TEST_TMP/ch/challenge.json
expect_exit 65 grade $SUBS/pass.zip --challenge $TEST_TMP/ch
expect_grep 'unknown key "pass_acu" in the top level [challenge.unknown_key]' $TEST_TMP/err
expect_exit 65 check $SUBS/pass.zip --challenge $TEST_TMP/ch
# Holdouts: one class, the wrong row count, a value other than 0/1.
yes 1 | head -n 10000 > $TEST_TMP/one-class.csv
expect_exit 65 grade $SUBS/pass.zip --challenge $CHALLENGE --holdout $TEST_TMP/one-class.csv
expect_same - $TEST_TMP/err <<X
grader: error: $TEST_TMP/one-class.csv: the holdout holds only one class [holdout.one_class]
grader:   fix: An AUC needs both classes; check that this is the right holdout file.
X
[ -s $TEST_TMP/out ] && fail "no scorecard for an unusable holdout"
head -n 9000 $HOLDOUT > $TEST_TMP/short.csv
expect_exit 65 grade $SUBS/pass.zip --challenge $CHALLENGE --holdout $TEST_TMP/short.csv
expect_grep "the holdout has 8999 rows; the challenge expects 10000 [holdout.row_count]" $TEST_TMP/err
sed '5000s/.*/0.7/' $HOLDOUT > $TEST_TMP/not-label.csv
expect_exit 65 grade $SUBS/pass.zip --challenge $CHALLENGE --holdout $TEST_TMP/not-label.csv
expect_same - $TEST_TMP/err <<X
grader: error: $TEST_TMP/not-label.csv:5000: this line is not a label 0 or 1 [holdout.not_a_label]
grader:   fix: Every line of a holdout must be 0 or 1.
X
# A challenge whose holdout is not named and not given.
sed '/"holdout"/d' $CHALLENGE/challenge.json > $TEST_TMP/ch/challenge.json
expect_exit 65 grade $SUBS/pass.zip --challenge $TEST_TMP/ch
expect_grep "[holdout.none]" $TEST_TMP/err
