# The GitHub Action's run step (tools/action-run, as action.yml calls it),
# run here as the runner would: INPUT_* set by the action, GITHUB_OUTPUT
# and GITHUB_STEP_SUMMARY pointing at files.  The step's exit code is the
# grader's; the outputs and the summary are what the grader appends.
. tests/cli/lib.sh

run_action() {
	out=$TEST_TMP/github-output
	summary=$TEST_TMP/step-summary
	: > "$out"
	: > "$summary"
	env GRADER_BIN="$GRADER" GITHUB_OUTPUT="$out" \
	    GITHUB_STEP_SUMMARY="$summary" "$@" \
	    "$TOP/tools/action-run" >"$TEST_TMP/stdout" 2>"$TEST_TMP/stderr"
}

# A good submission, graded: exit 0, status=pass and the best AUC.
run_action INPUT_COMMAND=grade INPUT_SUBMISSION=fixtures/submissions/pass.zip \
    INPUT_CHALLENGE=fixtures/challenges/synthetic-claims
code=$?
[ "$code" -eq 0 ] || { cat "$TEST_TMP/stdout" "$TEST_TMP/stderr"; fail "grade pass.zip: exit $code, expected 0"; }
printf 'status=pass\nbest-auc=0.8720599872407769\n' | cmp -s - "$out" ||
	{ cat "$out"; fail "grade pass.zip: GITHUB_OUTPUT differs"; }
for f in results1.csv results2.csv; do
	grep -q "^| *$f *|" "$summary" ||
		{ cat "$summary"; fail "no summary row for $f"; }
done

# A broken submission, checked: exit 2 (the step fails), status=invalid,
# no best AUC, and the problem annotated on stdout.
run_action INPUT_COMMAND=check INPUT_SUBMISSION=fixtures/submissions/header-row.zip \
    INPUT_CHALLENGE=fixtures/challenges/synthetic-claims
code=$?
[ "$code" -eq 2 ] || { cat "$TEST_TMP/stdout"; fail "check header-row.zip: exit $code, expected 2"; }
printf 'status=invalid\nbest-auc=\n' | cmp -s - "$out" ||
	{ cat "$out"; fail "check header-row.zip: GITHUB_OUTPUT differs"; }
grep -q '^::error .*csv.header' "$TEST_TMP/stdout" ||
	{ cat "$TEST_TMP/stdout"; fail "no csv.header annotation"; }
grep -q 'csv.header' "$summary" || { cat "$summary"; fail "the problem is not in the summary"; }

# A low AUC graded: exit 1, status=fail.
run_action INPUT_COMMAND=grade INPUT_SUBMISSION=fixtures/submissions/fail-low-auc.zip \
    INPUT_CHALLENGE=fixtures/challenges/synthetic-claims
code=$?
[ "$code" -eq 1 ] || fail "grade fail-low-auc.zip: exit $code, expected 1"
grep -qx 'status=fail' "$out" || { cat "$out"; fail "grade fail-low-auc.zip: no status=fail"; }

# Extra flags pass through: --pass-auc from its own input, args split.
run_action INPUT_COMMAND=grade INPUT_SUBMISSION=fixtures/submissions/pass.zip \
    INPUT_CHALLENGE=fixtures/challenges/synthetic-claims INPUT_PASS_AUC=0.95
[ $? -eq 1 ] || fail "grade with pass-auc 0.95: expected exit 1"
run_action INPUT_COMMAND=grade INPUT_SUBMISSION=fixtures/submissions/pass.zip \
    INPUT_CHALLENGE=fixtures/challenges/synthetic-claims INPUT_ARGS="--pass-auc 0.95"
[ $? -eq 1 ] || fail "grade with args '--pass-auc 0.95': expected exit 1"

# The action's own usage errors: exit 64 with an annotation.
run_action INPUT_COMMAND=grade
[ $? -eq 64 ] || fail "grade without a submission: expected exit 64"
grep -q "^::error title=grader action::input 'submission' is needed by grade" "$TEST_TMP/stdout" ||
	{ cat "$TEST_TMP/stdout"; fail "no annotation for the missing input"; }
run_action INPUT_COMMAND=batch INPUT_SUBMISSION=x
[ $? -eq 64 ] || fail "command batch: expected exit 64"
run_action INPUT_COMMAND=verify
[ $? -eq 64 ] || fail "verify without a challenge: expected exit 64"
exit 0
