# --format github is complete: annotations on the file as GitHub finds it
# from the working directory (a folder's entry as folder/entry, a zip
# itself with the entry in the message), escaped as workflow commands
# require; the Markdown summary appended to $GITHUB_STEP_SUMMARY and the
# step's outputs to $GITHUB_OUTPUT; a file that cannot be written is exit 74.
. tests/cli/lib.sh
# This test may itself run in GitHub Actions: never touch the runner's files.
unset GITHUB_STEP_SUMMARY GITHUB_OUTPUT
ch=$TOP/$CHALLENGE
header="a header ('prediction'): results files have no header Fix: Remove the first line (pandas: to_csv(..., header=False); R: write.table(..., col.names = FALSE))."
rows="10,001 lines: a header plus 10,000 rows; expected 10,000 rows Fix: Remove the header line: the rows are right."

# expect_out LINE...: stdout is exactly these lines.
expect_out() {
	printf '%s\n' "$@" >$TEST_TMP/want
	expect_same $TEST_TMP/want $TEST_TMP/out
}

# A folder: the entry's path joined to the folder as given, which a
# leading ./ or a trailing / does not change; "." adds nothing.
mkdir $TEST_TMP/w $TEST_TMP/w/submission
(cd $TEST_TMP/w/submission && unzip -q $TOP/$SUBS/header-row.zip)
cd $TEST_TMP/w || fail "cd"
for arg in submission/ submission ./submission; do
	expect_exit 2 check $arg --challenge $ch --format github
	expect_out "::error file=submission/results1.csv,line=1,title=csv.header::$header" \
	    "::error file=submission/results1.csv,title=csv.row_count::$rows" \
	    "submission: invalid"
done
(cd submission && grader check . --challenge $ch --format github) >$TEST_TMP/out
expect_grep "::error file=results1.csv,line=1,title=csv.header::" $TEST_TMP/out
# Found in a folder of the submission: the path is where it was found.
mkdir nested && mv submission nested/alice
expect_exit 2 check nested --challenge $ch --format github
expect_grep "::error file=nested/alice/results1.csv,line=1,title=csv.header::" $TEST_TMP/out

# A zip: the zip's path, the entry and line in the message.
cd $TOP || fail "cd"
expect_exit 2 check $SUBS/header-row.zip --challenge $CHALLENGE --format github
expect_out "::error file=fixtures/submissions/header-row.zip,title=csv.header::results1.csv: line 1: $header" \
    "::error file=fixtures/submissions/header-row.zip,title=csv.row_count::results1.csv: $rows" \
    "header-row.zip: invalid"

# Commas, colons, % and non-ASCII: escaped in a property (file=), only %
# in a message; CR and LF (which a zip's own name can hold) everywhere,
# other control characters shown as \xNN.
cd $TEST_TMP/w || fail "cd"
odd="odd, dir: 100% é/v1, final: 50% ü"
mkdir -p "$odd" z/"v1, final: 50% ü"
(cd "$odd" && unzip -q $TOP/$SUBS/header-row.zip && cp * "../../z/v1, final: 50% ü/")
expect_exit 2 check "odd, dir: 100% é/" --challenge $ch --format github
expect_out "::error file=odd%2C dir%3A 100%25 é/v1%2C final%3A 50%25 ü/results1.csv,line=1,title=csv.header::$header" \
    "::error file=odd%2C dir%3A 100%25 é/v1%2C final%3A 50%25 ü/results1.csv,title=csv.row_count::$rows" \
    "odd, dir: 100% é: invalid"
(cd z && zip -qr "../odd, name: 100% é.zip" .)
expect_exit 2 check "odd, name: 100% é.zip" --challenge $ch --format github
expect_out "::error file=odd%2C name%3A 100%25 é.zip,title=csv.header::v1, final: 50%25 ü/results1.csv: line 1: $header" \
    "::error file=odd%2C name%3A 100%25 é.zip,title=csv.row_count::v1, final: 50%25 ü/results1.csv: $rows" \
    "odd, name: 100% é.zip: invalid"
cp $TOP/$SUBS/header-row.zip "$(printf 'cr\r,nl\n\033.zip')"
expect_exit 2 check "$(printf 'cr\r,nl\n\033.zip')" --challenge $ch --format github
expect_out "::error file=cr%0D%2Cnl%0A\\x1b.zip,title=csv.header::results1.csv: line 1: $header" \
    "::error file=cr%0D%2Cnl%0A\\x1b.zip,title=csv.row_count::results1.csv: $rows" \
    "cr\\x0d,nl\\x0a\\x1b.zip: invalid"
# The summary shows the name without markup or control characters.
export GITHUB_STEP_SUMMARY=$TEST_TMP/odd.md
grader check "$(printf 'cr\r,nl\n\033.zip')" --challenge $ch --format github >/dev/null
unset GITHUB_STEP_SUMMARY
expect_grep '### grader check: cr\\x0d,nl\\x0a\\x1b.zip' $TEST_TMP/odd.md
if grep -q "$(printf '\033')" $TEST_TMP/out $TEST_TMP/odd.md; then
	fail "an escape byte reached the output"
fi

# The outputs: status and the best AUC in full precision (as in the
# scorecard), empty when there is none; appended, never truncated.
cd $TOP || fail "cd"
export GITHUB_OUTPUT=$TEST_TMP/output GITHUB_STEP_SUMMARY=$TEST_TMP/summary.md
expect_exit 2 check $SUBS/header-row.zip --challenge $CHALLENGE --format github
printf 'status=invalid\nbest-auc=\n' >$TEST_TMP/want
expect_same $TEST_TMP/want $TEST_TMP/output
: >$TEST_TMP/output
: >$TEST_TMP/summary.md
expect_exit 0 grade $SUBS/pass.zip --challenge $CHALLENGE --format github
printf 'status=pass\nbest-auc=0.8720599872407769\n' >$TEST_TMP/want
expect_same $TEST_TMP/want $TEST_TMP/output
expect_same tests/cli/expected/github-summary-grade-pass.md $TEST_TMP/summary.md
grader grade $SUBS/pass.zip --challenge $CHALLENGE >$TEST_TMP/card.json
expect_grep '"auc":	0.8720599872407769,' $TEST_TMP/card.json
expect_exit 1 grade $SUBS/fail-low-auc.zip --challenge $CHALLENGE --format github
printf 'status=pass\nbest-auc=0.8720599872407769\nstatus=fail\nbest-auc=' >$TEST_TMP/want
head -c "$(wc -c <$TEST_TMP/want)" $TEST_TMP/output | cmp -s - $TEST_TMP/want ||
	{ cat $TEST_TMP/output; fail "the second run did not append to GITHUB_OUTPUT"; }
[ "$(grep -c '^### grader grade: ' $TEST_TMP/summary.md)" -eq 2 ] ||
	fail "the second run did not append to GITHUB_STEP_SUMMARY"
head -c "$(wc -c <tests/cli/expected/github-summary-grade-pass.md)" $TEST_TMP/summary.md |
	cmp -s - tests/cli/expected/github-summary-grade-pass.md ||
	fail "the second run changed the first summary"

# The summary of a check: a row per results file, the deliverables and the
# forbidden files, every problem; a candidate's file name as text, never
# markup.
mkdir $TEST_TMP/bare
(cd $TEST_TMP/bare && unzip -q $TOP/$SUBS/header-row.zip results1.csv results2.csv &&
	echo a,b >train.csv && echo notes >'<b>a|b*_[c]`&.md')
: >$TEST_TMP/summary.md
: >$TEST_TMP/output
expect_exit 2 check $TEST_TMP/bare --challenge $CHALLENGE --format github
expect_same tests/cli/expected/github-summary-check-bare.md $TEST_TMP/summary.md
expect_no_grep '<b>' $TEST_TMP/summary.md
printf 'status=invalid\nbest-auc=\n' >$TEST_TMP/want
expect_same $TEST_TMP/want $TEST_TMP/output
# A refused archive: its results files not read, its rules not examined.
: >$TEST_TMP/summary.md
expect_exit 2 check fixtures/hostile/bad-crc.zip --format github
expect_grep '| results1.csv |  | not read |' $TEST_TMP/summary.md
expect_grep 'Deliverables and forbidden files: not examined' $TEST_TMP/summary.md
expect_grep '| error | `zip.crc` | results1.csv |  | "results1.csv" does not match its checksum (CRC): the archive is damaged |' $TEST_TMP/summary.md

# Without the variables, nothing but stdout; an empty one is unset.
unset GITHUB_OUTPUT GITHUB_STEP_SUMMARY
expect_exit 0 check $SUBS/pass.zip --format github
export GITHUB_OUTPUT= GITHUB_STEP_SUMMARY=
expect_exit 0 check $SUBS/pass.zip --format github
[ -s $TEST_TMP/err ] && { cat $TEST_TMP/err; fail "a message on stderr"; }

# A file that cannot be written: exit 74 with a message naming it, after
# the annotations (and the other file) are written.
export GITHUB_OUTPUT=$TEST_TMP/no/such/folder/output GITHUB_STEP_SUMMARY=$TEST_TMP/s2.md
expect_exit 74 grade $SUBS/pass.zip --challenge $CHALLENGE --format github
expect_grep "grader: cannot write $TEST_TMP/no/such/folder/output (GITHUB_OUTPUT): No such file or directory" $TEST_TMP/err
expect_grep "pass.zip: pass" $TEST_TMP/out
[ -s $TEST_TMP/s2.md ] || fail "the summary was not written"
export GITHUB_OUTPUT=$TEST_TMP/o2 GITHUB_STEP_SUMMARY=$TEST_TMP
expect_exit 74 check $SUBS/header-row.zip --challenge $CHALLENGE --format github
expect_grep "grader: cannot write $TEST_TMP (GITHUB_STEP_SUMMARY): Is a directory" $TEST_TMP/err
expect_grep 'status=invalid' $TEST_TMP/o2
# A full device too, where the machine has one (the two cases above do
# not need it, so the exit-74 path is checked everywhere).
if [ -c /dev/full ] && [ -w /dev/full ]; then
	export GITHUB_OUTPUT=/dev/full GITHUB_STEP_SUMMARY=$TEST_TMP/s3.md
	expect_exit 74 check $SUBS/pass.zip --format github
	expect_grep "grader: cannot write /dev/full (GITHUB_OUTPUT): No space left on device" $TEST_TMP/err
fi
exit 0
