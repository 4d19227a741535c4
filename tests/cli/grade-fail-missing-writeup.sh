# grade: a required deliverable missing makes a good submission fail (exit 1);
# check says the same with exit 1.
. tests/cli/lib.sh
expect_exit 1 grade $SUBS/fail-missing-writeup.zip --challenge $CHALLENGE
expect_json $TEST_TMP/out .status fail
expect_json $TEST_TMP/out '.deliverables[1].name' write-up
expect_json $TEST_TMP/out '.deliverables[1].ok' false
expect_json $TEST_TMP/out '.deliverables[1].found' '[]'
expect_json $TEST_TMP/out '.problems[0].code' deliverable.missing
expect_json $TEST_TMP/out '.problems[0].severity' error
expect_json $TEST_TMP/out '.problems[0].message' 'no write-up found: add a file matching *.pdf, *.html, *.txt, *.md, *.docx'
expect_exit 1 check $SUBS/fail-missing-writeup.zip --challenge $CHALLENGE
