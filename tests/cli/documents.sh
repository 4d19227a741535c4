# Write-up lengths: every document of fixtures/documents (real producers'
# files and hostile ones) is measured as fixtures/documents/EXPECTED says,
# within 200 MB of peak memory (the program itself, outside any wrapper, as
# hostile-memory.sh measures; time is measured by make bench), and the
# data-findings challenge's examples grade as its README promises.
. tests/cli/lib.sh
[ -x /usr/bin/time ] || fail "/usr/bin/time (Debian package 'time') is needed"
DOCS=fixtures/documents
FINDINGS=challenges/data-findings
# An ASan build has no address-space limit for the PDF reader (the
# sanitizer's shadow memory forbids one: grader/lib/pdfpages.c), so its
# peak is not the program's; make test measures the real build.
sanitized=0
nm "$GRADER" 2>/dev/null | grep -q ' __asan_init' && sanitized=1

# A deliverables-only challenge whose write-up is any document, no range.
mkdir $TEST_TMP/ch
cat >$TEST_TMP/ch/challenge.json <<'X'
{ "id": "documents",
  "deliverables": [ { "name": "write-up", "required": true,
    "patterns": ["*.pdf", "*.docx", "*.md", "*.txt", "*.html", "*.ipynb"] } ] }
X

n=0
grep -v '^#' $DOCS/EXPECTED | while read -r name format pages words rest; do
	[ -n "$name" ] || continue
	[ -f "$DOCS/$name" ] || fail "$name is in EXPECTED, not in $DOCS"
	sub=$TEST_TMP/sub-$name
	mkdir "$sub" && cp "$DOCS/$name" "$sub/" || fail "cannot copy $name"
	grader grade "$sub" --challenge $TEST_TMP/ch -o $TEST_TMP/card.json \
	    >$TEST_TMP/out 2>$TEST_TMP/err ||
		{ cat $TEST_TMP/err; fail "$name: exit $?"; }
	card=$TEST_TMP/card.json
	expect_json $card .status pass
	expect_json $card .deliverables[0].documents[0].path "$name"
	expect_json $card .deliverables[0].documents[0].format "$format"
	unreadable=0
	for pair in "pages $pages" "words $words"; do
		set -- $pair
		case $2 in
		-) expect_json $card .deliverables[0].documents[0].$1 null ;;
		unreadable) expect_json $card .deliverables[0].documents[0].$1 null
			unreadable=1 ;;
		*) expect_json $card .deliverables[0].documents[0].$1 "$2" ;;
		esac
	done
	if [ $unreadable = 1 ]; then
		expect_json $card .problems[0].code deliverable.unreadable
		expect_json $card .problems[0].severity warning
		expect_json $card .problems[0].file "$name"
		expect_absent $card .problems[1]
	else
		expect_absent $card .problems[0]
	fi
	if [ $sanitized = 0 ]; then
		/usr/bin/time -f %M -o $TEST_TMP/rss "$GRADER" check "$sub" \
		    --challenge $TEST_TMP/ch >/dev/null 2>&1
		kb=$(tail -n 1 $TEST_TMP/rss)
		case $kb in ''|*[!0-9]*) fail "$name: no peak measured ('$kb')" ;; esac
		[ "$kb" -lt 204800 ] || fail "$name: peak $kb KB"
	fi
	n=$((n + 1))
	echo $n >$TEST_TMP/count
done || exit 1
[ "$(cat $TEST_TMP/count)" -ge 27 ] || fail "only $(cat $TEST_TMP/count) documents checked"

# A DOCX's words are within 2% of what LibreOffice's Word Count says (the
# LO column of EXPECTED, taken through UNO by fixtures/documents/make.py).
grep -E '^findings-(libreoffice|python-docx)\.docx ' $DOCS/EXPECTED |
while read -r name format pages words lo ws; do
	awk -v w="$words" -v lo="$lo" 'BEGIN { d = w - lo; if (d < 0) d = -d;
		exit !(lo > 0 && d <= 0.02 * lo) }' ||
		fail "$name: $words words, LibreOffice counts $lo: over 2% apart"
done || exit 1

# The data-findings challenge: a 2-page PDF passes with pages 2 and no
# problem; a 9-page one passes with deliverable.length; a DOCX of about 900
# words is counted; no write-up fails; a damaged PDF warns and grades.
expect_exit 0 grade $FINDINGS/examples/complete.zip --challenge $FINDINGS -o $TEST_TMP/c.json
expect_json $TEST_TMP/c.json .status pass
expect_json $TEST_TMP/c.json .deliverables[1].name write-up
expect_json $TEST_TMP/c.json .deliverables[1].documents[0].format pdf
expect_json $TEST_TMP/c.json .deliverables[1].documents[0].pages 2
expect_json $TEST_TMP/c.json .deliverables[1].documents[0].words null
expect_absent $TEST_TMP/c.json .problems[0]

expect_exit 0 grade $FINDINGS/examples/groff-pdf.zip --challenge $FINDINGS -o $TEST_TMP/g.json
expect_json $TEST_TMP/g.json .deliverables[1].documents[0].pages 2

expect_exit 0 grade $FINDINGS/examples/long-write-up.zip --challenge $FINDINGS -o $TEST_TMP/l.json
expect_json $TEST_TMP/l.json .status pass
expect_json $TEST_TMP/l.json .deliverables[1].documents[0].pages 9
expect_json $TEST_TMP/l.json .problems[0].code deliverable.length
expect_json $TEST_TMP/l.json .problems[0].severity warning
expect_json $TEST_TMP/l.json .problems[0].file report.pdf
expect_json $TEST_TMP/l.json .problems[0].message \
    'report.pdf has 9 pages; the challenge asks for a write-up of 1 to 4 pages'
expect_json $TEST_TMP/l.json .problems[0].hint 'Shorten it to at most 4 pages.'
expect_json $TEST_TMP/l.json .problems[0].line null
expect_absent $TEST_TMP/l.json .problems[1]

expect_exit 0 grade $FINDINGS/examples/notebook-docx.zip --challenge $FINDINGS -o $TEST_TMP/n.json
expect_json $TEST_TMP/n.json .deliverables[1].documents[0].format docx
expect_json $TEST_TMP/n.json .deliverables[1].documents[0].pages null
expect_json $TEST_TMP/n.json .deliverables[1].documents[0].words 911
expect_json $TEST_TMP/n.json .deliverables[0].documents[0].format ipynb
expect_absent $TEST_TMP/n.json .problems[0]

expect_exit 1 grade $FINDINGS/examples/missing-write-up.zip --challenge $FINDINGS -o $TEST_TMP/m.json
expect_json $TEST_TMP/m.json .status fail
expect_json $TEST_TMP/m.json .problems[0].code deliverable.missing

expect_exit 0 grade $FINDINGS/examples/damaged-pdf.zip --challenge $FINDINGS -o $TEST_TMP/d.json
expect_json $TEST_TMP/d.json .status pass
expect_json $TEST_TMP/d.json .deliverables[1].documents[0].pages null
expect_json $TEST_TMP/d.json .problems[0].code deliverable.unreadable

# The text report shows the lengths and the warning with its fix.
NO_COLOR=1 LC_ALL=C.UTF-8 grader grade $FINDINGS/examples/long-write-up.zip \
    --challenge $FINDINGS --format text >$TEST_TMP/l.txt 2>&1
expect_same - $TEST_TMP/l.txt <<'X'
long-write-up.zip: graded against data-findings
  ✔ code             analysis.py
  ! write-up         report.pdf (9 pages)
      report.pdf has 9 pages; the challenge asks for a write-up of 1 to 4 pages [deliverable.length]
        fix: Shorten it to at most 4 pages.
  ✔ original data    none found

pass (1 warning)
X

# A range on a deliverable: words too few and pages too many, each named.
cat >$TEST_TMP/ch/challenge.json <<'X'
{ "id": "documents",
  "deliverables": [ { "name": "write-up", "required": true,
    "patterns": ["*.pdf", "*.md"],
    "length": { "pages": [3, 8], "words": [500, 1000] } } ] }
X
mkdir $TEST_TMP/range
cp $DOCS/write-up.md $DOCS/two-pages-groff.pdf $DOCS/nine-pages-chromium.pdf $TEST_TMP/range/
expect_exit 0 grade $TEST_TMP/range --challenge $TEST_TMP/ch -o $TEST_TMP/r.json
expect_json $TEST_TMP/r.json .problems[0].message \
    'nine-pages-chromium.pdf has 9 pages; the challenge asks for a write-up of 3 to 8 pages'
expect_json $TEST_TMP/r.json .problems[1].message \
    'two-pages-groff.pdf has 2 pages; the challenge asks for a write-up of 3 to 8 pages'
expect_json $TEST_TMP/r.json .problems[1].hint 'Lengthen it to at least 3 pages.'
expect_json $TEST_TMP/r.json .problems[2].message \
    'write-up.md has 400 words; the challenge asks for a write-up of 500 to 1000 words'
expect_absent $TEST_TMP/r.json .problems[3]

# A notebook that is not one: the warning, word for word, with its fix.
mkdir $TEST_TMP/nb
printf '{"cells": [' >$TEST_TMP/nb/analysis.ipynb
cat >$TEST_TMP/ch/challenge.json <<'X'
{ "id": "documents", "deliverables": [ { "name": "code", "patterns": ["*.ipynb"] } ] }
X
expect_exit 0 grade $TEST_TMP/nb --challenge $TEST_TMP/ch -o $TEST_TMP/nb.json
expect_json $TEST_TMP/nb.json .deliverables[0].documents[0].format ipynb
expect_json $TEST_TMP/nb.json .deliverables[0].documents[0].words null
expect_json $TEST_TMP/nb.json .problems[0].code deliverable.unreadable
expect_json $TEST_TMP/nb.json .problems[0].file analysis.ipynb
expect_json $TEST_TMP/nb.json .problems[0].line null
expect_json $TEST_TMP/nb.json .problems[0].message \
    'analysis.ipynb cannot be read as a notebook: it is not a notebook (not JSON); its length is not known'
expect_json $TEST_TMP/nb.json .problems[0].hint \
    'Save the notebook again from Jupyter (File > Save), or export it to HTML or PDF.'

# At most 20 documents are measured in one submission; the rest are
# listed, in the order found, with null lengths and no warning.
mkdir $TEST_TMP/many
i=1
while [ $i -le 22 ]; do
	printf 'note %d\n' $i >"$TEST_TMP/many/n$(printf %02d $i).md"
	i=$((i + 1))
done
cat >$TEST_TMP/ch/challenge.json <<'X'
{ "id": "documents", "deliverables": [ { "name": "notes", "patterns": ["*.md"],
  "length": { "words": [5, 9] } } ] }
X
expect_exit 0 grade $TEST_TMP/many --challenge $TEST_TMP/ch -o $TEST_TMP/many.json
expect_json $TEST_TMP/many.json .deliverables[0].documents[19].path n20.md
expect_json $TEST_TMP/many.json .deliverables[0].documents[19].words 2
expect_json $TEST_TMP/many.json .deliverables[0].documents[20].path n21.md
expect_json $TEST_TMP/many.json .deliverables[0].documents[20].words null
expect_json $TEST_TMP/many.json .deliverables[0].documents[21].words null
expect_absent $TEST_TMP/many.json .deliverables[0].documents[22]
# Each measured one is below the range: 20 warnings, none for the rest.
expect_json $TEST_TMP/many.json .problems[19].file n20.md
expect_absent $TEST_TMP/many.json .problems[20]

# A wrong "length" is an unusable challenge, named by its JSON path.
for bad in '{"pages": [4, 1]}' '{"pages": 2}' '{"lines": [1, 2]}' '{}' \
	   '{"words": [1.5, 9]}' '{"words": [1]}'; do
	printf '{ "id": "x", "deliverables": [ { "name": "w", "patterns": ["*.md"], "length": %s } ] }\n' "$bad" \
	    >$TEST_TMP/ch/challenge.json
	expect_exit 65 check $TEST_TMP/range --challenge $TEST_TMP/ch
	expect_grep "deliverables[0].length" $TEST_TMP/err
done
