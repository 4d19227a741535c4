# grader verify: a challenge's own gate.  Exit 0 when every example of
# examples/ is as examples/expected.json says, 1 naming the one that is not
# (or is missing, or has no expectation), 65 when the challenge, its
# holdout, its data sums or expected.json are unusable, 66 when the folder
# cannot be opened, 64 for usage errors.
. tests/cli/lib.sh
WRITEUP=fixtures/challenges/write-up-only
# The mechanics are tried on the fixtures' copy of the sample challenge
# (its examples are fixture submissions, graded against the synthetic
# holdout); the sample challenges themselves are verified at the end.

# The sample challenge: every example as expected, one line each.
NO_COLOR=1 LC_ALL=C.UTF-8 grader verify $CHALLENGE >$TEST_TMP/out 2>$TEST_TMP/err ||
	{ cat $TEST_TMP/out $TEST_TMP/err; fail "verify $CHALLENGE: exit $?"; }
expect_same - $TEST_TMP/out <<X
challenge insurance-claims: challenge.json read; holdout $CHALLENGE/holdout.csv: 10000 rows, both classes
forbidden "original data": no sha256 listed, nothing to check
✔ invalid.zip          expected invalid                     got invalid
✔ inverted.zip         expected pass, AUC in [0.81, 0.82]   got pass, AUC 0.818565
✔ leaky.zip            expected fail                        got fail, AUC 0.872060
✔ missing-writeup.zip  expected fail, AUC in [0.87, 0.875]  got fail, AUC 0.872060
✔ strong.zip           expected pass, AUC in [0.87, 0.875]  got pass, AUC 0.872060
✔ weak.zip             expected fail, AUC in [0.68, 0.69]   got fail, AUC 0.685939
insurance-claims: 6 examples, all as expected
X
[ -s $TEST_TMP/err ] && fail "verify wrote to stderr: $(cat $TEST_TMP/err)"
# ASCII marks outside UTF-8, as the other text reports.
LC_ALL=C grader verify $CHALLENGE >$TEST_TMP/ascii.txt || fail "verify in the C locale"
expect_grep "ok strong.zip " $TEST_TMP/ascii.txt

# A copy whose folder name needs escaping in a GitHub property (',').
ch="$TEST_TMP/a,b"
cp -R $CHALLENGE "$ch"
exp="$ch/examples/expected.json"
cp "$exp" $TEST_TMP/expected.json.orig
restore() { cp $TEST_TMP/expected.json.orig "$exp"; }

# One expectation changed: exit 1, and the example is named.
sed 's/"strong.zip": { "status": "pass"/"strong.zip": { "status": "fail"/' \
    $TEST_TMP/expected.json.orig >"$exp"
NO_COLOR=1 LC_ALL=C expect_exit 1 verify "$ch"
expect_grep "XX strong.zip           expected fail, AUC in [0.87, 0.875]  got pass, AUC 0.872060" $TEST_TMP/out
expect_grep "    strong.zip: expected fail, got pass" $TEST_TMP/out
expect_grep "insurance-claims: 1 of 6 examples not as expected: strong.zip" $TEST_TMP/out
expect_grep "ok weak.zip " $TEST_TMP/out
# The same, in each format.
expect_exit 1 verify "$ch" --format json
expect_json $TEST_TMP/out .challenge insurance-claims
expect_json $TEST_TMP/out .ok false
expect_json $TEST_TMP/out .examples[4].name strong.zip
expect_json $TEST_TMP/out .examples[4].ok false
expect_json $TEST_TMP/out .examples[4].expected.status fail
expect_json $TEST_TMP/out .examples[4].expected.best_auc '[0.87,0.875]'
expect_json $TEST_TMP/out .examples[4].got.status pass
expect_json $TEST_TMP/out .examples[4].got.best_auc 0.87205998724077693
expect_json $TEST_TMP/out .examples[4].why "strong.zip: expected fail, got pass"
expect_json $TEST_TMP/out .examples[2].expected.best_auc null
expect_json $TEST_TMP/out .examples[0].got.best_auc null
expect_json $TEST_TMP/out .examples[0].ok true
expect_absent $TEST_TMP/out .examples[0].why
expect_exit 1 verify "$ch" --format junit
expect_grep '<testsuites tests="6" failures="1">' $TEST_TMP/out
expect_grep '<testsuite name="grader verify insurance-claims" tests="6" failures="1">' $TEST_TMP/out
expect_grep '<testcase classname="insurance-claims" name="weak.zip"/>' $TEST_TMP/out
expect_grep '<testcase classname="insurance-claims" name="strong.zip">' $TEST_TMP/out
expect_grep '<failure message="strong.zip: expected fail, got pass">expected fail, AUC in [0.87, 0.875], got pass, AUC 0.872060</failure>' $TEST_TMP/out
expect_exit 1 verify "$ch" --format github
expect_same - $TEST_TMP/out <<X
::error file=$TEST_TMP/a%2Cb/examples/strong.zip,title=grader verify%3A strong.zip::strong.zip: expected fail, got pass (expected fail, AUC in [0.87, 0.875]; got pass, AUC 0.872060)
insurance-claims: 1 of 6 examples not as expected: strong.zip
X

# A best AUC outside its range; bounds are inclusive.
sed 's/\[0.68, 0.69\]/[0.69, 0.7]/' $TEST_TMP/expected.json.orig >"$exp"
expect_exit 1 verify "$ch"
expect_grep "weak.zip: best AUC 0.6859390349184483 is outside [0.69, 0.7]" $TEST_TMP/out
sed 's/\[0.68, 0.69\]/[0.6859390349184483, 0.6859390349184483]/' $TEST_TMP/expected.json.orig >"$exp"
expect_exit 0 verify "$ch"

# An example listed but missing: 1, named; in github, at expected.json.
restore
rm "$ch/examples/weak.zip"
expect_exit 1 verify "$ch"
expect_grep "weak.zip is listed in examples/expected.json but is not in examples/" $TEST_TMP/out
expect_grep "expected fail, AUC in [0.68, 0.69]   got missing" $TEST_TMP/out
expect_exit 1 verify "$ch" --format github
expect_grep "::error file=$TEST_TMP/a%2Cb/examples/expected.json,title=grader verify%3A weak.zip::" $TEST_TMP/out
cp $CHALLENGE/examples/weak.zip "$ch/examples/"

# An example present but not listed: 1, named, and graded all the same.
cp $SUBS/pass.zip "$ch/examples/100%, new.zip"
expect_exit 1 verify "$ch"
expect_grep "no expectation for 100%, new.zip in examples/expected.json" $TEST_TMP/out
expect_grep "expected none" $TEST_TMP/out
expect_exit 1 verify "$ch" --format github
expect_grep "::error file=$TEST_TMP/a%2Cb/examples/100%25%2C new.zip,title=grader verify%3A 100%25%2C new.zip::no expectation for 100%25, new.zip in examples/expected.json (expected none; got pass, AUC 0.872060)" $TEST_TMP/out
expect_exit 1 verify "$ch" --format json
expect_json $TEST_TMP/out '.examples[0].expected' null
expect_json $TEST_TMP/out '.examples[0].got.status' pass
rm "$ch/examples/100%, new.zip"
# Other files of examples/ are not examples; a dangling .zip is one that
# cannot be opened.
echo notes >"$ch/examples/README.md"
expect_exit 0 verify "$ch"
ln -s nowhere.zip "$ch/examples/gone.zip"
sed '1a\
  "gone.zip": { "status": "pass" },' $TEST_TMP/expected.json.orig >"$exp"
expect_exit 1 verify "$ch"
expect_grep "gone.zip cannot be opened" $TEST_TMP/out
expect_grep "expected pass                        got unreadable" $TEST_TMP/out
expect_grep "gone.zip" $TEST_TMP/err
rm "$ch/examples/gone.zip"
restore

# expected.json unusable: 65 with the reason.
bad_expected() {
	printf '%s\n' "$1" >"$exp"
	expect_exit 65 verify "$ch"
	expect_grep "grader: error: $exp: $2" $TEST_TMP/err
	[ -s $TEST_TMP/out ] && fail "output for an unusable expected.json"
	restore
}
bad_expected '{"strong.zip": ' "not a JSON object of expectations"
bad_expected '["strong.zip"]' "not a JSON object of expectations"
bad_expected '{}' "lists no example: nothing to verify"
bad_expected '{"strong.zip": "pass"}' "strong.zip: the expectation must be an object"
bad_expected '{"strong.zip": {"status": "pass", "auc": 1}}' 'strong.zip: unknown or repeated key "auc"'
bad_expected '{"strong.zip": {"status": "pass", "status": "pass"}}' 'strong.zip: unknown or repeated key "status"'
bad_expected '{"strong.zip": {"status": "passed"}}' 'strong.zip: "status" must be "pass", "fail" or "invalid"'
bad_expected '{"strong.zip": {"best_auc": [0.8, 0.9]}}' 'strong.zip: "status" must be'
bad_expected '{"strong.zip": {"status": "pass", "best_auc": [0.9, 0.8]}}' 'strong.zip: "best_auc" must be [lo, hi]'
bad_expected '{"strong.zip": {"status": "pass", "best_auc": [0.9]}}' 'strong.zip: "best_auc" must be [lo, hi]'
bad_expected '{"strong.zip": {"status": "pass", "best_auc": ["0.8", 1]}}' 'strong.zip: "best_auc" must be [lo, hi]'
bad_expected '{"invalid.zip": {"status": "invalid", "best_auc": [0, 1]}}' 'invalid.zip: an invalid submission has no best AUC'
bad_expected '{"strong.zip": {"status": "pass"}, "strong.zip": {"status": "pass"}}' 'strong.zip is listed twice'
bad_expected '{"../strong.zip": {"status": "pass"}}' '"../strong.zip" is not the name of a file or folder of examples/'
bad_expected '{"expected.json": {"status": "pass"}}' '"expected.json" is not the name'
rm "$exp"
expect_exit 65 verify "$ch"
expect_grep "grader: error: $exp: missing: a challenge to verify has examples/expected.json" $TEST_TMP/err
mkdir "$exp"
expect_exit 66 verify "$ch"
expect_grep "grader: error: $exp: cannot read:" $TEST_TMP/err
rmdir "$exp"
restore

# The challenge itself unusable: 65; its folder missing: 66.
cp $CHALLENGE/challenge.json $TEST_TMP/challenge.json.orig
sed 's/"pass_auc"/"pass_acu"/' $TEST_TMP/challenge.json.orig >"$ch/challenge.json"
expect_exit 65 verify "$ch"
expect_grep '[challenge.unknown_key]' $TEST_TMP/err
echo '{ "id": ' >"$ch/challenge.json"
expect_exit 65 verify "$ch"
[ -s $TEST_TMP/out ] && fail "output for an unusable challenge"
expect_exit 66 verify $TEST_TMP/no-such-challenge
expect_exit 66 verify "$ch/examples/strong.zip"
# The holdout: unusable 65, named but absent 66.
cp $TEST_TMP/challenge.json.orig "$ch/challenge.json"
yes 1 | head -n 10000 >"$ch/holdout.csv"
expect_exit 65 verify "$ch"
expect_grep "[holdout.one_class]" $TEST_TMP/err
rm "$ch/holdout.csv"
expect_exit 66 verify "$ch"
# No holdout named: the examples are checked, and a best_auc cannot hold.
sed '/"holdout"/d' $TEST_TMP/challenge.json.orig >"$ch/challenge.json"
expect_exit 65 verify "$ch"
expect_grep 'strong.zip: "best_auc" needs the holdout, and challenge.json names none' $TEST_TMP/err
printf '%s\n' '{"strong.zip": {"status": "pass"}, "weak.zip": {"status": "pass"},' \
    '"missing-writeup.zip": {"status": "fail"}, "inverted.zip": {"status": "pass"},' \
    '"leaky.zip": {"status": "fail"}, "invalid.zip": {"status": "invalid"}}' >"$exp"
NO_COLOR=1 LC_ALL=C expect_exit 0 verify "$ch"
expect_grep "challenge insurance-claims: challenge.json read; no holdout: examples are checked, not scored" $TEST_TMP/out
expect_grep "ok weak.zip             expected pass     got pass" $TEST_TMP/out

# A deliverables-only challenge, whose data sums are checked.
NO_COLOR=1 LC_ALL=C expect_exit 0 verify $WRITEUP
expect_same - $TEST_TMP/out <<X
challenge write-up-only: challenge.json read; deliverables only: examples are checked
forbidden "the case data": 1 sha256 matched ($WRITEUP/data/case-data.csv)
ok folder-good      expected pass  got pass
ok good.zip         expected pass  got pass
ok leaky.zip        expected fail  got fail
ok no-write-up.zip  expected fail  got fail
write-up-only: 4 examples, all as expected
X
expect_exit 0 verify $WRITEUP --format json
expect_json $TEST_TMP/out .ok true
expect_json $TEST_TMP/out .examples[0].name folder-good
expect_json $TEST_TMP/out .examples[0].got.best_auc null
w=$TEST_TMP/write-up-only
cp -R $WRITEUP $w
# Data that differ from their sum: 65, naming the rule, sum and files.
echo 'D,1' >>$w/data/case-data.csv
expect_exit 65 verify $w
expect_grep "grader: error: $w/challenge.json: forbidden \"the case data\": sha256 " $TEST_TMP/err
expect_grep "is the sum of none of its data files here ($w/data/case-data.csv)" $TEST_TMP/err
# The data found at the top of the challenge folder too.
mv $w/data/case-data.csv $w/case-data.csv
expect_exit 65 verify $w
expect_grep "files here ($w/case-data.csv)" $TEST_TMP/err
# No data here: the check is skipped, not failed.
rm $w/case-data.csv
NO_COLOR=1 LC_ALL=C expect_exit 0 verify $w
expect_grep 'forbidden "the case data": its data are not here, sha256 check skipped' $TEST_TMP/out
# A best AUC cannot be expected where nothing is scored.
echo '{"good.zip": {"status": "pass", "best_auc": [0.5, 1]}}' >$w/examples/expected.json
expect_exit 65 verify $w
expect_grep 'good.zip: "best_auc" in a deliverables-only challenge, which scores nothing' $TEST_TMP/err

# Usage errors: 64.
expect_exit 64 verify
expect_grep "grader verify: missing CHALLENGE_DIR; see 'grader help verify'" $TEST_TMP/err
expect_exit 64 verify $CHALLENGE $WRITEUP
expect_grep "one CHALLENGE_DIR at a time" $TEST_TMP/err
expect_exit 64 verify $CHALLENGE --format gradescope
expect_grep "unknown format 'gradescope' (text, json, junit or github)" $TEST_TMP/err
expect_exit 64 verify $CHALLENGE --format
expect_exit 64 verify $CHALLENGE --holdout x
expect_grep "unknown option '--holdout'" $TEST_TMP/err
expect_exit 0 verify --help
expect_grep "usage: grader verify CHALLENGE_DIR [--format text|json|junit|github]" $TEST_TMP/out

# Output that cannot be written (stdout closed, which every machine can
# do, unlike a writable /dev/full): 74, and said so.
grader verify $CHALLENGE >&- 2>$TEST_TMP/err
code=$?
[ $code -eq 74 ] || fail "verify with stdout closed: exit $code, expected 74"
expect_grep "grader: cannot write the output" $TEST_TMP/err

# The sample challenges: each verifies; one expectation changed fails and
# names it; a broken challenge.json is unusable.
for real in challenges/insurance-claims challenges/data-findings; do
	id=$(basename $real)
	NO_COLOR=1 LC_ALL=C.UTF-8 expect_exit 0 verify $real
	expect_grep "$id: " $TEST_TMP/out
	expect_grep " examples, all as expected" $TEST_TMP/out
	rm -rf $TEST_TMP/real && cp -R $real $TEST_TMP/real
	first=$(sed -n 's/^ *"\([^"]*\.zip\)": { "status": "\([a-z]*\)".*/\1 \2/p' \
	    $real/examples/expected.json | head -n 1)
	set -- $first
	[ -n "${2:-}" ] || fail "$real/examples/expected.json: no first example"
	other=pass
	[ "$2" = pass ] && other=fail
	sed "s/\"$1\": { \"status\": \"$2\"/\"$1\": { \"status\": \"$other\"/" \
	    $real/examples/expected.json >$TEST_TMP/real/examples/expected.json
	NO_COLOR=1 LC_ALL=C.UTF-8 expect_exit 1 verify $TEST_TMP/real
	expect_grep "$id: 1 of " $TEST_TMP/out
	expect_grep "examples not as expected: $1" $TEST_TMP/out
	echo '{ "id": "'$id'", "deliverables": 3 }' >$TEST_TMP/real/challenge.json
	expect_exit 65 verify $TEST_TMP/real
	expect_grep '[challenge.type]' $TEST_TMP/err
done
