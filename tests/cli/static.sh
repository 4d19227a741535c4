# make static: bin/grader-static is a static executable (as `file` reports
# it), and inside an empty chroot, which holds only the program and its
# inputs, it prints the same --version as $GRADER and grades pass.zip to
# the same scorecard bytes; and, once grader/lib reads PDFs with libqpdf
# and fixtures/documents/two-pages-chromium.pdf exists, a folder whose
# write-up is that PDF too, its two pages counted by the static libqpdf.
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
rc=0
$in_root "$root" /grader-static --version >"$TEST_TMP/static-version" 2>&1 || rc=$?
[ "$rc" -eq 0 ] ||
	{ cat "$TEST_TMP/static-version"; fail "grader-static --version in the chroot: exit $rc"; }
grader --version >"$TEST_TMP/version" 2>&1 || fail "$GRADER --version: exit $?"
expect_same "$TEST_TMP/version" "$TEST_TMP/static-version"
cp "$SUBS/pass.zip" "$root/pass.zip"
cp -R "$CHALLENGE" "$root/ch"
$in_root "$root" /grader-static grade pass.zip --challenge ch -o card.json \
	>"$TEST_TMP/static-out" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || { cat "$TEST_TMP/static-out"; fail "grader-static in the chroot: exit $rc"; }
[ -s "$TEST_TMP/static-out" ] && { cat "$TEST_TMP/static-out"; fail "output besides the card"; }

top=$(pwd)
case $GRADER in /*) dyn=$GRADER ;; *) dyn=$top/$GRADER ;; esac
(cd "$root" && GRADER=$dyn && grader grade pass.zip --challenge ch -o "$TEST_TMP/card.json") ||
	fail "$GRADER: exit $?"
expect_same "$TEST_TMP/card.json" "$root/card.json"
expect_json "$root/card.json" .status pass

# A PDF write-up: the static program reads it with the libqpdf that
# tools/static-libs built (native crypto), $GRADER with Debian's.
pdf=fixtures/documents/two-pages-chromium.pdf
grep -q qpdf grader/lib/*.c || skip "grader/lib does not call libqpdf yet: the PDF write-up check did not run"
[ -f "$pdf" ] || skip "no $pdf yet: the PDF write-up check did not run"
mkdir "$root/pdf-writeup"
(cd "$root/pdf-writeup" && unzip -q "$top/$SUBS/pass.zip" && rm write-up.md) ||
	fail "cannot unpack pass.zip"
cp "$pdf" "$root/pdf-writeup/write-up.pdf"
$in_root "$root" /grader-static grade pdf-writeup --challenge ch -o pdf-card.json \
	>"$TEST_TMP/static-out" 2>&1 || rc=$?
[ "$rc" -eq 0 ] ||
	{ cat "$TEST_TMP/static-out"; fail "grader-static on pdf-writeup in the chroot: exit $rc"; }
[ -s "$TEST_TMP/static-out" ] && { cat "$TEST_TMP/static-out"; fail "output besides the card"; }
(cd "$root" && GRADER=$dyn && grader grade pdf-writeup --challenge ch -o "$TEST_TMP/pdf-card.json") ||
	fail "$GRADER on pdf-writeup: exit $?"
expect_same "$TEST_TMP/pdf-card.json" "$root/pdf-card.json"
expect_json "$root/pdf-card.json" '.deliverables[1].name' write-up
expect_json "$root/pdf-card.json" '.deliverables[1].documents[0].path' write-up.pdf
expect_json "$root/pdf-card.json" '.deliverables[1].documents[0].pages' 2
