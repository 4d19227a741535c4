# make static: bin/grader-static is a static executable (as `file` reports
# it), and inside an empty chroot, which holds only the program and its
# inputs, it grades pass.zip to the same scorecard bytes as $GRADER.
. tests/cli/lib.sh
static=${GRADER_STATIC:-$TOP/bin/grader-static}
[ -x "$static" ] || skip "no $static (make static builds it)"
command -v file >/dev/null || fail "file is not installed (make deps installs it)"
file -L "$static" >"$TEST_TMP/file"
expect_grep "statically linked" "$TEST_TMP/file"
expect_no_grep "dynamically linked" "$TEST_TMP/file"

# chroot needs root; without it, a user namespace gives it, where allowed.
if [ "$(id -u)" -eq 0 ]; then
	in_root="chroot"
elif unshare -r true 2>/dev/null; then
	in_root="unshare -r chroot"
else
	skip "chroot needs root or user namespaces"
fi

# The same relative names in both runs: the scorecard names the submission.
root=$TEST_TMP/root
mkdir -p "$root"
cp "$static" "$root/grader-static"
cp "$SUBS/pass.zip" "$root/pass.zip"
cp -R "$CHALLENGE" "$root/ch"
$in_root "$root" /grader-static grade pass.zip --challenge ch -o card.json \
	>"$TEST_TMP/static-out" 2>&1 ||
	{ cat "$TEST_TMP/static-out"; fail "grader-static in the chroot: exit $?"; }
[ -s "$TEST_TMP/static-out" ] && { cat "$TEST_TMP/static-out"; fail "output besides the card"; }

top=$(pwd)
case $GRADER in /*) dyn=$GRADER ;; *) dyn=$top/$GRADER ;; esac
(cd "$root" && GRADER=$dyn && grader grade pass.zip --challenge ch -o "$TEST_TMP/card.json") ||
	fail "$GRADER: exit $?"
expect_same "$TEST_TMP/card.json" "$root/card.json"
expect_json "$root/card.json" .status pass
