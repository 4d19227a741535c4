# Output and parsing never depend on the locale: the same bytes under a
# decimal-comma locale (de_DE.UTF-8, compiled here into a private LOCPATH)
# as under C.UTF-8.
. tests/cli/lib.sh
mkdir $TEST_TMP/loc
localedef -i de_DE -f UTF-8 $TEST_TMP/loc/de_DE.UTF-8 2>/dev/null ||
	fail "cannot compile de_DE.UTF-8 (Debian package 'locales' missing?)"
[ "$(LOCPATH=$TEST_TMP/loc LC_ALL=de_DE.UTF-8 awk 'BEGIN { printf "%.1f", 0.5 }')" = "0,5" ] ||
	[ "$(LOCPATH=$TEST_TMP/loc LC_ALL=de_DE.UTF-8 /usr/bin/printf '%.1f' 0.5)" = "0,5" ] ||
	fail "the de_DE locale is not in effect"
for args in "grade $SUBS/pass.zip --challenge $CHALLENGE" \
	    "grade $SUBS/pass.zip --challenge $CHALLENGE --format text" \
	    "check $SUBS/header-row.zip --challenge $CHALLENGE" \
	    "auc $HOLDOUT $TEST_TMP/r1.csv --json"; do
	(cd $TEST_TMP && unzip -qo $TOP/$SUBS/pass.zip results1.csv && mv results1.csv r1.csv)
	LC_ALL=C.UTF-8 grader $args > $TEST_TMP/c.out 2>&1
	LOCPATH=$TEST_TMP/loc LC_ALL=de_DE.UTF-8 grader $args > $TEST_TMP/de.out 2>&1
	expect_same $TEST_TMP/c.out $TEST_TMP/de.out
done
# batch: the scorecards, pages and leaderboard, byte for byte.
LC_ALL=C.UTF-8 grader batch $SUBS/pass.zip $SUBS/header-row.zip --challenge $CHALLENGE -o $TEST_TMP/bc > /dev/null 2>&1
LOCPATH=$TEST_TMP/loc LC_ALL=de_DE.UTF-8 grader batch $SUBS/pass.zip $SUBS/header-row.zip --challenge $CHALLENGE -o $TEST_TMP/bde > /dev/null 2>&1
diff -r $TEST_TMP/bc $TEST_TMP/bde || fail "batch output depends on the locale"
