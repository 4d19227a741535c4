# Usage errors exit 64 with one line on stderr that says what was wrong and
# how to get help; --help, help COMMAND and --version exit 0.
. tests/cli/lib.sh
expect_exit 64
expect_exit 64 frobnicate
expect_grep "grader: unknown command 'frobnicate'; see 'grader --help'" $TEST_TMP/err
expect_exit 64 grade $SUBS/pass.zip
expect_same - $TEST_TMP/err <<'X'
grader grade: missing --challenge DIR; see 'grader help grade'
X
expect_exit 64 grade --challenge $CHALLENGE
expect_grep "grader grade: missing SUBMISSION" $TEST_TMP/err
expect_exit 64 grade $SUBS/pass.zip --challenge $CHALLENGE --pass-auc 1.5
expect_grep "--pass-auc takes a number from 0 to 1, not '1.5'" $TEST_TMP/err
expect_exit 64 grade $SUBS/pass.zip --challenge $CHALLENGE --format yaml
expect_exit 64 check $SUBS/pass.zip --bogus
expect_grep "grader check: unknown option '--bogus'; see 'grader help check'" $TEST_TMP/err
expect_exit 64 check $SUBS/pass.zip --challenge
expect_grep "needs a value" $TEST_TMP/err
expect_exit 64 check a.zip b.zip
expect_exit 64 check $SUBS/pass.zip --format gradescope
expect_exit 64 auc only-one.csv
expect_exit 64 help frobnicate
[ "$(wc -l < $TEST_TMP/err)" -eq 1 ] || fail "usage errors are one line"
expect_exit 0 --help
expect_grep "grader check SUBMISSION" $TEST_TMP/out
expect_grep "  74  output cannot be written" $TEST_TMP/out
expect_exit 0 help grade
expect_grep "usage: grader grade SUBMISSION --challenge DIR" $TEST_TMP/out
expect_exit 0 check --help
expect_grep "usage: grader check SUBMISSION" $TEST_TMP/out
expect_exit 0 --version
expect_same - $TEST_TMP/out <<'X'
grader 0.1.0
X
