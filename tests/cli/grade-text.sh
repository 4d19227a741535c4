# grade --format text: the report for a person, word for word
# (tests/cli/expected/grade-NAME.txt), for a pass, a fail with an invalid
# file, and AUC below 0.5.
. tests/cli/lib.sh
for name in pass header-row inverted-probabilities; do
	NO_COLOR=1 LC_ALL=C.UTF-8 grader grade $SUBS/$name.zip --challenge $CHALLENGE --format text > $TEST_TMP/$name.txt 2>&1
	echo "exit $?" >> $TEST_TMP/$name.txt
	[ -n "${UPDATE_EXPECTED:-}" ] && cp $TEST_TMP/$name.txt tests/cli/expected/grade-$name.txt
	expect_same tests/cli/expected/grade-$name.txt $TEST_TMP/$name.txt
done
