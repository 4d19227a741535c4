# Shared helpers for the CLI tests.  Each test is a POSIX sh script run from
# the repository's root with $GRADER (the program), $TEST_TMP (an empty
# folder of its own) and $TOP (the root) set.  A test fails by exiting
# non-zero; `fail` says why.  A test whose precondition this machine lacks
# says so with `skip` (exit 77), never by passing without checking.
# Sourced as: . tests/cli/lib.sh

set -u

# A test run inside GitHub Actions must not write to the job's own summary
# or outputs: tests that want them set them for the command they run.
unset GITHUB_STEP_SUMMARY GITHUB_OUTPUT

# Runs the program, through $GRADER_WRAPPER when set (make valgrind).
grader() {
	${GRADER_WRAPPER:-} "$GRADER" "$@"
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# skip WHY: ends the test as skipped; tests/run-all shows "skip cli/NAME:
# WHY" and counts it.  Only for a precondition that is missing here, and
# only from the test's own shell (in a subshell, exit 77 ends the subshell).
skip() {
	echo "skip: $*"
	exit 77
}

# expect_exit CODE ARGS...: runs grader ARGS, keeping stdout in $TEST_TMP/out
# and stderr in $TEST_TMP/err, and checks the exit code.
expect_exit() {
	want=$1
	shift
	grader "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "--- stdout"; cat "$TEST_TMP/out"
		echo "--- stderr"; cat "$TEST_TMP/err"
		fail "grader $*: exit $got, expected $want"
	fi
}

# expect_same EXPECTED_FILE ACTUAL_FILE: byte-for-byte comparison.
expect_same() {
	if ! cmp -s "$1" "$2"; then
		diff -u "$1" "$2" | head -60
		fail "$2 differs from $1"
	fi
}

# expect_grep PATTERN FILE: FILE has a line matching the fixed string.
expect_grep() {
	grep -qF -- "$1" "$2" || { cat "$2"; fail "'$1' not found in $2"; }
}

# expect_no_grep PATTERN FILE: FILE, which must be readable, has no line
# matching the fixed string.
expect_no_grep() {
	[ -r "$2" ] || fail "cannot read $2"
	if grep -qF -- "$1" "$2"; then cat "$2"; fail "'$1' found in $2"; fi
}

# json_get FILE FILTER: prints a value from a JSON file.  Uses the test helper
# program built with the tests, which evaluates a dotted path such as
# .models[0].auc and prints it with %.17g.
json_get() {
	"$BUILD/tests/jsonpath" "$1" "$2"
}

# expect_json FILE PATH VALUE: a scorecard field, printed by json_get, equals
# VALUE exactly (strings, booleans, null, integers, compact JSON).
expect_json() {
	got=$(json_get "$1" "$2") || fail "$2 absent from $1"
	[ "$got" = "$3" ] || fail "$2 is '$got', expected '$3'"
}

# expect_absent FILE PATH: FILE is JSON that has no value at PATH.
expect_absent() {
	json_get "$1" "$2" >/dev/null
	case $? in
	0) fail "$2 is in $1" ;;
	1) ;;
	*) fail "cannot read $1 as JSON" ;;
	esac
}

# expect_near FILE PATH VALUE TOLERANCE: a number within TOLERANCE of VALUE.
expect_near() {
	got=$(json_get "$1" "$2") || fail "$2 absent from $1"
	# awk reads null or text as 0, which would be near a VALUE of 0.
	case $got in
	''|*[!0-9eE.+-]*) fail "$2 is '$got', not a number" ;;
	esac
	awk -v g="$got" -v w="$3" -v t="$4" 'BEGIN {
		d = g - w; if (d < 0) d = -d; exit !(d <= t) }' ||
		fail "$2 is $got, expected $3 within $4"
}

# Fixture paths.
CHALLENGE=fixtures/challenges/synthetic-claims
SUBS=fixtures/submissions
HOLDOUT=$CHALLENGE/holdout.csv
