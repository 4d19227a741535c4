# batch --shard K/N splits the submissions by a hash of their names; merge
# joins the shards' folders into exactly what one batch writes.
. tests/cli/lib.sh
expect_exit 0 batch $SUBS/*.zip --challenge $CHALLENGE -o $TEST_TMP/all
total=0
for k in 1 2 3; do
	expect_exit 0 batch $SUBS/*.zip --challenge $CHALLENGE -o $TEST_TMP/s$k --shard $k/3
	expect_grep "(shard $k/3 of 9)" $TEST_TMP/out
	n=$(ls $TEST_TMP/s$k | grep -c '\.json$')
	total=$((total + n - 1))
done
[ "$total" = 9 ] || fail "the shards hold $total submissions, not 9"
expect_exit 0 merge $TEST_TMP/s1 $TEST_TMP/s2 $TEST_TMP/s3 -o $TEST_TMP/m
expect_same - $TEST_TMP/out <<X
9 submissions from 3 folders: 3 pass, 6 fail, 0 invalid, 0 not graded
Leaderboard: $TEST_TMP/m/leaderboard.csv, $TEST_TMP/m/index.html
X
diff -r $TEST_TMP/all $TEST_TMP/m || fail "merge differs from one batch"
# Into one of its inputs, and again: the same folder.
expect_exit 0 merge $TEST_TMP/s1 $TEST_TMP/s2 $TEST_TMP/s3 -o $TEST_TMP/s1
diff -r $TEST_TMP/all $TEST_TMP/s1 || fail "merge into an input differs"
expect_exit 0 merge $TEST_TMP/m $TEST_TMP/all -o $TEST_TMP/m
diff -r $TEST_TMP/all $TEST_TMP/m || fail "merging a folder with its copy differs"
# Malformed shards.
for bad in 0/3 4/3 3 a/b 1/0 -1/3 1/3x; do
	expect_exit 64 batch $SUBS/pass.zip --challenge $CHALLENGE -o $TEST_TMP/x --shard $bad
	expect_grep "--shard takes K/N" $TEST_TMP/err
done
[ -e $TEST_TMP/x ] && fail "a usage error made the output folder"
exit 0
