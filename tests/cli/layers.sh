# The house drawn from includes: grader/lib at the bottom includes only its
# own headers; grader/publish (the renderers) includes lib and its own;
# grader/cli sits on top.  No file includes a header of a layer above it,
# and every header included exists in the layer it is looked for in.
. tests/cli/lib.sh

check_layer() {
	layer=$1
	allowed=$2
	for f in "$TOP"/grader/"$layer"/*.[ch]; do
		sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f" | while read -r h; do
			ok=""
			for a in $allowed; do
				[ -f "$TOP/grader/$a/$h" ] && ok=$a
			done
			[ -n "$ok" ] || {
				echo "FAIL: grader/$layer/$(basename "$f") includes \"$h\", which is not in grader/{$allowed}"
				exit 1
			}
		done || exit 1
	done
}
[ -d "$TOP/grader/publish" ] || fail "no grader/publish: the renderers have no layer of their own"
check_layer lib "lib" || exit 1
check_layer publish "publish lib" || exit 1
check_layer cli "cli publish lib" || exit 1

# The archives follow the layers: the library's objects have no symbol of
# the publisher's or the program's.
lib=$BUILD/libgrader.a
[ -f "$lib" ] || fail "$lib is not built"
undefined=$(nm -u "$lib" 2>/dev/null | awk '{ print $2 }' | sort -u)
for f in "$TOP"/grader/publish/*.c "$TOP"/grader/cli/*.c; do
	sed -n 's/^\([a-z_][a-z0-9_]*\)(.*/\1/p' "$f"
done | sort -u >"$TEST_TMP/upper"
echo "$undefined" | grep -Fxf "$TEST_TMP/upper" >"$TEST_TMP/upward" && {
	cat "$TEST_TMP/upward"
	fail "libgrader.a calls functions defined above it"
}
exit 0
