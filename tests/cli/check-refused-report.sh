# check's report of a refused archive: the archive's problems under
# "submission", never a results file called missing that was never looked
# for (tests/cli/expected/check-refused-NAME.txt).
. tests/cli/lib.sh
for name in encrypted-aes symlink-entry bad-crc powershell-backslash; do
	NO_COLOR=1 LC_ALL=C.UTF-8 grader check fixtures/hostile/$name.zip --challenge fixtures/hostile/challenge > $TEST_TMP/$name.txt 2>&1
	echo "exit $?" >> $TEST_TMP/$name.txt
	[ -n "${UPDATE_EXPECTED:-}" ] && cp $TEST_TMP/$name.txt tests/cli/expected/check-refused-$name.txt
	expect_same tests/cli/expected/check-refused-$name.txt $TEST_TMP/$name.txt
done
