# The CI formats: GitHub annotations and JUnit XML for check and grade,
# Gradescope's results.json for grade.
. tests/cli/lib.sh
expect_exit 2 check $SUBS/header-row.zip --challenge $CHALLENGE --format github
expect_grep "::error file=results1.csv,line=1,title=csv.header::" $TEST_TMP/out
expect_grep "header-row.zip: invalid" $TEST_TMP/out
expect_exit 1 grade $SUBS/fail-missing-writeup.zip --challenge $CHALLENGE --format junit
expect_grep '<testsuites tests="7" failures="2">' $TEST_TMP/out
expect_grep '<testcase classname="fail-missing-writeup.zip" name="write-up">' $TEST_TMP/out
expect_grep '<testcase classname="fail-missing-writeup.zip" name="results1.csv"/>' $TEST_TMP/out
expect_exit 0 grade $SUBS/pass.zip --challenge $CHALLENGE --format gradescope
expect_grep '"score": 1,' $TEST_TMP/out
expect_grep '{"name": "results1.csv", "status": "passed", "output": "AUC 0.872060"}' $TEST_TMP/out
