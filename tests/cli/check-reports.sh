# check: the text report of every fixture submission equals its expected
# output (tests/cli/expected/check-NAME.txt), so that a change of wording is
# a deliberate one; exit codes 0, 1 and 2 as README's table gives them.
. tests/cli/lib.sh
for zip in $SUBS/*.zip; do
	name=$(basename $zip .zip)
	NO_COLOR=1 LC_ALL=C.UTF-8 grader check $zip --challenge $CHALLENGE > $TEST_TMP/$name.txt 2>&1
	echo "exit $?" >> $TEST_TMP/$name.txt
	expect_same tests/cli/expected/check-$name.txt $TEST_TMP/$name.txt
done
# ASCII marks when the locale is not UTF-8; never colour into a pipe.
LC_ALL=C grader check $SUBS/pass.zip --challenge $CHALLENGE > $TEST_TMP/ascii.txt
expect_grep "  ok results1.csv" $TEST_TMP/ascii.txt
expect_grep "Ready to submit." $TEST_TMP/ascii.txt
if grep -q "$(printf '\033')" $TEST_TMP/ascii.txt; then fail "colour in a pipe"; fi
