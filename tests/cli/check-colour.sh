# Colour only on a terminal, and never with NO_COLOR set.  `script` (from
# util-linux) gives the program a terminal.
. tests/cli/lib.sh
command -v script >/dev/null || fail "script (util-linux) is needed"
esc=$(printf '\033')
TERM=xterm LC_ALL=C.UTF-8 script -qec "$GRADER check $SUBS/header-row.zip" /dev/null > $TEST_TMP/tty.txt
grep -q "$esc\[31m" $TEST_TMP/tty.txt || fail "no red on a terminal"
grep -q "✘" $TEST_TMP/tty.txt || fail "no UTF-8 mark on a UTF-8 terminal"
NO_COLOR=1 TERM=xterm LC_ALL=C.UTF-8 script -qec "$GRADER check $SUBS/header-row.zip" /dev/null > $TEST_TMP/nocolor.txt
# Each "no colour" check needs the report to be there: an empty file has
# no colour either.
expect_grep "[csv.header]" $TEST_TMP/nocolor.txt
grep -q "$esc\[" $TEST_TMP/nocolor.txt && fail "colour despite NO_COLOR"
NO_COLOR= TERM=xterm LC_ALL=C.UTF-8 script -qec "$GRADER check $SUBS/header-row.zip" /dev/null > $TEST_TMP/empty.txt
expect_grep "[csv.header]" $TEST_TMP/empty.txt
grep -q "$esc\[" $TEST_TMP/empty.txt && fail "colour with NO_COLOR set but empty"
grader check $SUBS/header-row.zip > $TEST_TMP/pipe.txt
expect_grep "[csv.header]" $TEST_TMP/pipe.txt
grep -q "$esc" $TEST_TMP/pipe.txt && fail "colour into a pipe"
exit 0
