# The CI formats: GitHub annotations and JUnit XML for check and grade,
# Gradescope's results.json for grade.
. tests/cli/lib.sh
# Run in GitHub Actions, --format github would append to the runner's files.
unset GITHUB_STEP_SUMMARY GITHUB_OUTPUT
expect_exit 2 check $SUBS/header-row.zip --challenge $CHALLENGE --format github
expect_grep "::error file=fixtures/submissions/header-row.zip,title=csv.header::results1.csv: line 1: a header" $TEST_TMP/out
expect_grep "header-row.zip: invalid" $TEST_TMP/out
expect_exit 1 grade $SUBS/fail-missing-writeup.zip --challenge $CHALLENGE --format junit
expect_grep '<testsuites tests="7" failures="2">' $TEST_TMP/out
expect_grep '<testcase classname="fail-missing-writeup.zip" name="write-up">' $TEST_TMP/out
expect_grep '<testcase classname="fail-missing-writeup.zip" name="results1.csv"/>' $TEST_TMP/out
expect_exit 0 grade $SUBS/pass.zip --challenge $CHALLENGE --format gradescope
expect_grep '"score": 1,' $TEST_TMP/out
expect_grep '{"name": "results1.csv", "status": "passed", "output": "AUC 0.872060"}' $TEST_TMP/out
# JUnit: each rule case names only its own failure; a refused archive
# fails the archive case with its problem, and its results files as unread.
mkdir $TEST_TMP/bare
(cd $TEST_TMP/bare && unzip -q $TOP/$SUBS/pass.zip results1.csv results2.csv && echo a,b > train.csv)
expect_exit 1 grade $TEST_TMP/bare --challenge $CHALLENGE --format junit
expect_grep '<testsuites tests="7" failures="4">' $TEST_TMP/out
expect_grep '<failure message="code failed">no file matches *.py, *.ipynb, *.html, *.txt, *.pdf, *.r, *.rmd [deliverable.missing]' $TEST_TMP/out
expect_grep '<failure message="write-up failed">no file matches *.pdf, *.html, *.txt, *.md, *.docx [deliverable.missing]' $TEST_TMP/out
expect_grep '<failure message="original data failed">train.csv must not be submitted [forbidden.present]' $TEST_TMP/out
expect_grep '<testcase classname="bare" name="archive"/>' $TEST_TMP/out
[ "$(grep -c 'deliverable.missing' $TEST_TMP/out)" -eq 2 ] || fail "a deliverable listed in another's case"
expect_exit 2 check fixtures/hostile/bad-crc.zip --format junit
expect_grep '<failure message="archive failed">results1.csv: &quot;results1.csv&quot; does not match its checksum (CRC): the archive is damaged [zip.crc]' $TEST_TMP/out
expect_grep '<failure message="results2.csv failed">not read: the archive was refused (see the archive case)' $TEST_TMP/out
