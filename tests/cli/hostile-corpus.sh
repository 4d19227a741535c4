# Every member of the hostile zip corpus through `grader check`: the exit
# code that fixtures/hostile/EXPECTED gives, the problem code in the JSON
# output, and not one file written anywhere: not in the working folder, not
# beside the archive, not in $TMPDIR or /tmp, not where a hostile name
# points.  The three big members are made here by make-big.c.
. tests/cli/lib.sh

corpus=$TOP/fixtures/hostile
challenge=$corpus/challenge
gen=$TEST_TMP/gen
work=$TEST_TMP/cwd
tmpdir=$TEST_TMP/tmpdir
mkdir -p "$gen" "$work" "$tmpdir" || fail "cannot make scratch folders"
${CC:-cc} -O2 -o "$TEST_TMP/make-big" "$corpus/make-big.c" ||
	fail "cannot build fixtures/hostile/make-big.c"
"$TEST_TMP/make-big" "$gen" || fail "make-big failed"

# Compilers (gcc's ccXXXXXX.s, clang's name-XXXXXX.o), other test runs and
# benchmarks on the machine make files of their own in /tmp: those names are
# left out, and so is anything gone a
# moment later.  What remains, new since the start, was written by us.
tmp_listing() {
	ls -A /tmp | grep -v -e '^grader-tests\.' -e '^grader-bench\.' \
	    -e '^test_submission\.' -e '^tmp\.' -e '^cc......\.' \
	    -e '-[0-9a-f]\{6\}\.[a-z]*$' | sort
}
for f in /tmp/outside.txt "$TEST_TMP/outside.txt" "$TOP/../outside.txt"; do
	[ -e "$f" ] && fail "$f exists before the test"
done
tmp_listing >"$TEST_TMP/tmp-before"
ls -A "$corpus" >"$TEST_TMP/corpus-before"

n=0
while read -r name want code; do
	case $name in ''|'#'*) continue ;; esac
	file=$corpus/$name
	[ -f "$file" ] || file=$gen/$name
	[ -f "$file" ] || fail "$name: in EXPECTED but not made"
	n=$((n + 1))

	(cd "$work" && export TMPDIR="$tmpdir" && expect_exit "$want" check "$file" \
	    --challenge "$challenge") || exit 1
	(cd "$work" && export TMPDIR="$tmpdir" && expect_exit "$want" check "$file" \
	    --challenge "$challenge" --format json) || exit 1
	if [ "$code" = - ]; then
		if grep '"code"' "$TEST_TMP/out" | grep -qF '"zip.'; then
			cat "$TEST_TMP/out"
			fail "$name: an archive problem where none was expected"
		fi
	else
		grep '"code"' "$TEST_TMP/out" | grep -qF "\"$code\"" || {
			cat "$TEST_TMP/out"
			fail "$name: no \"$code\" in the JSON output"
		}
	fi
done <"$corpus/EXPECTED"
[ "$n" -ge 40 ] || fail "only $n corpus members in EXPECTED"

[ -z "$(ls -A "$work")" ] || { ls -lA "$work"; fail "files written in the working folder"; }
[ -z "$(ls -A "$tmpdir")" ] || { ls -lA "$tmpdir"; fail "files written in TMPDIR"; }
for f in /tmp/outside.txt "$TEST_TMP/outside.txt" "$TOP/../outside.txt"; do
	[ -e "$f" ] && fail "$f was written"
done
ls -A "$corpus" | cmp -s - "$TEST_TMP/corpus-before" ||
	fail "files written beside the corpus"
tmp_listing >"$TEST_TMP/tmp-after"
new=$(comm -13 "$TEST_TMP/tmp-before" "$TEST_TMP/tmp-after")
if [ -n "$new" ]; then
	sleep 1
	for f in $new; do
		[ -e "/tmp/$f" ] && fail "files written in /tmp: $f"
	done
fi
exit 0
