# Every problem code that the library can emit is documented in
# docs/problems.md under a "### code" heading.  Codes are the string
# literals of the form family.name in the library and the CLI; file names
# (auc.h, challenge.json) and JSON paths (results.rows) are not codes.
. tests/cli/lib.sh
codes=$(grep -ohE '"(zip|input|csv|results|deliverable|forbidden|auc|challenge|holdout)\.[a-z0-9_]+"' grader/lib/*.c grader/cli/*.c | tr -d '"' |
	grep -vE '\.(h|c|json|csv|rows|files)$' | sort -u)
[ -n "$codes" ] || fail "no codes found"
missing=""
for code in $codes; do
	grep -qx "### $code" docs/problems.md || missing="$missing $code"
done
[ -z "$missing" ] || fail "not in docs/problems.md:$missing"
