# A candidate names the files in their zip: a deliverable called
# <img src=x onerror=alert(1)>.py must reach the page as text, never as
# markup, and the link to a page whose name needs escaping still works.
. tests/cli/lib.sh
mkdir $TEST_TMP/s && (cd $TEST_TMP/s && unzip -q $TOP/$SUBS/pass.zip && rm model.py &&
	echo 'print(1)' > '<img src=x onerror=alert(1)>.py' &&
	zip -q "$TEST_TMP/a&b <c>.zip" *)
expect_exit 0 batch "$TEST_TMP/a&b <c>.zip" --challenge $CHALLENGE -o $TEST_TMP/o
page="$TEST_TMP/o/a&b <c>.html"
[ -s "$page" ] || fail "no page"
expect_grep '&lt;img src=x onerror=alert(1)&gt;.py' "$page"
expect_no_grep '<img' "$page"
expect_grep '<h1>a&amp;b &lt;c&gt;.zip' "$page"
expect_grep '<a href="a%26b%20%3Cc%3E.html">a&amp;b &lt;c&gt;.zip</a>' $TEST_TMP/o/index.html
expect_no_grep '<c>' $TEST_TMP/o/index.html
# A zip whose name holds a terminal escape: progress and text reports
# show it as \x1b, never the byte itself.
evil="$TEST_TMP/$(printf 'evil\033[31m')".zip
cp $SUBS/pass.zip "$evil"
expect_exit 0 batch "$evil" --challenge $CHALLENGE -o $TEST_TMP/e
expect_grep '[1/1] evil\x1b[31m.zip: pass' $TEST_TMP/err
expect_exit 0 grade "$evil" --challenge $CHALLENGE --format text
expect_grep 'evil\x1b[31m.zip: graded against insurance-claims' $TEST_TMP/out
if grep -q "$(printf '\033')" $TEST_TMP/out $TEST_TMP/err; then
	fail "an escape byte reached the terminal output"
fi
exit 0
