# make challenge-data: the same seed gives the same bytes, another seed
# other data; the default seed's holdout is the sample challenge's demo
# holdout; what a candidate gets holds no holdout; and the data are what
# the issue asks of an insurer's policy table (rows, columns of each kind,
# a minority class, blanks, a leaky column empty at prediction time).
. tests/cli/lib.sh
gen=$BUILD/tools/challenge-data
[ -x $gen ] || fail "$gen is not built"
for root in a b two; do
	mkdir -p $TEST_TMP/$root/challenges/insurance-claims $TEST_TMP/$root/challenges/data-findings
	cp challenges/insurance-claims/README.md $TEST_TMP/$root/challenges/insurance-claims/
	cp challenges/data-findings/README.md $TEST_TMP/$root/challenges/data-findings/
done
$gen --root $TEST_TMP/a >$TEST_TMP/a.out 2>&1 || { cat $TEST_TMP/a.out; fail "challenge-data: exit $?"; }
$gen --root $TEST_TMP/b --seed 1 >$TEST_TMP/b.out 2>&1 || fail "challenge-data --seed 1: exit $?"
$gen --root $TEST_TMP/two --seed 2 >$TEST_TMP/two.out 2>&1 || fail "challenge-data --seed 2: exit $?"
ins=challenges/insurance-claims/data
for f in $ins/train.csv $ins/test.csv $ins/holdout.csv \
	 challenges/data-findings/data/health_programs.csv \
	 dist/insurance-claims.zip dist/data-findings.zip; do
	[ -s $TEST_TMP/a/$f ] || fail "no $f"
	cmp -s $TEST_TMP/a/$f $TEST_TMP/b/$f || fail "$f differs between two runs of seed 1"
	cmp -s $TEST_TMP/a/$f $TEST_TMP/two/$f && fail "$f is the same for seeds 1 and 2"
done
# The default seed's labels are the committed demo holdout.
cmp -s $TEST_TMP/a/$ins/holdout.csv challenges/insurance-claims/demo-holdout.csv ||
	fail "seed 1's holdout is not challenges/insurance-claims/demo-holdout.csv"
# challenge.json lists the default seed's sums of the data.
for f in train.csv test.csv; do
	sum=$(sha256sum $TEST_TMP/a/$ins/$f | cut -d' ' -f1)
	expect_grep "$sum" challenges/insurance-claims/challenge.json
	expect_grep "$sum" $TEST_TMP/a.out
done

# What a candidate gets: the README, the rules and the two data files, no
# holdout; the rules name none, and a self-check works from the folder.
for root in a b two; do
	cp challenges/insurance-claims/challenge.json $TEST_TMP/$root/challenges/insurance-claims/
	cp challenges/data-findings/challenge.json $TEST_TMP/$root/challenges/data-findings/
done
$gen --root $TEST_TMP/a >$TEST_TMP/a.out 2>&1 || fail "challenge-data, with challenge.json: exit $?"
unzip -Z1 $TEST_TMP/a/dist/insurance-claims.zip | sed 's,.*/,,' | sort >$TEST_TMP/names
printf '%s\n' README.md challenge.json test.csv train.csv >$TEST_TMP/want
expect_same $TEST_TMP/want $TEST_TMP/names
(cd $TEST_TMP && unzip -q a/dist/insurance-claims.zip) || fail "cannot unzip the candidate's zip"
expect_no_grep '"holdout":' $TEST_TMP/insurance-claims/challenge.json
expect_exit 0 check fixtures/models/strong.zip --challenge $TEST_TMP/insurance-claims
expect_grep "Ready to submit." $TEST_TMP/out
cmp -s $TEST_TMP/insurance-claims/README.md challenges/insurance-claims/README.md ||
	fail "the zip's README.md is not the challenge's"
unzip -p $TEST_TMP/a/dist/insurance-claims.zip '*train.csv' | cmp -s - $TEST_TMP/a/$ins/train.csv ||
	fail "the zip's train.csv is not data/train.csv"
unzip -Z1 $TEST_TMP/a/dist/data-findings.zip | sed 's,.*/,,' | sort >$TEST_TMP/names
printf '%s\n' README.md challenge.json health_programs.csv >$TEST_TMP/want
expect_same $TEST_TMP/want $TEST_TMP/names

# The policy table.
train=$TEST_TMP/a/$ins/train.csv test=$TEST_TMP/a/$ins/test.csv
awk -F, 'NR == 1 { cols = NF; for (i = 1; i <= NF; i++) if ($i == "y") y = i; next }
	 { rows++; pos += ($y == 1); for (i = 1; i <= NF; i++) blank += ($i == "") }
	 END { printf "%d %d %d %d %d\n", rows, cols, y, pos, blank }' $train >$TEST_TMP/t
read rows cols y pos blank <$TEST_TMP/t
[ $rows -ge 35000 ] && [ $rows -le 45000 ] || fail "train.csv: $rows rows"
[ $cols -ge 21 ] && [ $cols -le 41 ] || fail "train.csv: $cols columns"
[ $y -gt 0 ] || fail "train.csv has no y column"
awk -v p=$pos -v n=$rows 'BEGIN { exit !(p / n >= 0.10 && p / n <= 0.25) }' ||
	fail "train.csv: $pos positives in $rows rows, not 10% to 25%"
awk -v b=$blank -v n=$rows -v c=$cols 'BEGIN { exit !(b / (n * c) >= 0.01) }' ||
	fail "train.csv: $blank blank cells, not a few percent"
[ "$(wc -l <$test)" -eq 10001 ] || fail "test.csv: $(wc -l <$test) lines, expected a header and 10000 rows"
head -n 1 $test | tr , '\n' | grep -qx y && fail "test.csv has the y column"
[ "$(head -n 1 $test | tr , '\n' | wc -l)" -eq $((cols - 1)) ] || fail "test.csv: not train.csv's columns minus y"
# Kinds: an ID column, dates, text categories, free-text codes, numbers.
head -n 2 $train | tail -n 1 >$TEST_TMP/row
grep -qE '^P[0-9]+,' $TEST_TMP/row || fail "no ID column first: $(cat $TEST_TMP/row)"
[ "$(tr , '\n' <$TEST_TMP/row | grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')" -ge 2 ] || fail "fewer than two date columns"
[ "$(tr , '\n' <$TEST_TMP/row | grep -cE '^[a-z]+$')" -ge 3 ] || fail "fewer than three category columns"
grep -qE ',[A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2},' $TEST_TMP/row || fail "no postcode column"
[ "$(tr , '\n' <$TEST_TMP/row | grep -cE '^[0-9]+(\.[0-9]+)?$')" -ge 6 ] || fail "fewer than six numeric columns"
# The leaky column GRADING.md names: filled in train.csv for most claims,
# empty for every row of test.csv.
leak=$(sed -n 's/^Leaky column: `\(.*\)`$/\1/p' challenges/insurance-claims/GRADING.md)
[ -n "$leak" ] || fail "GRADING.md names no leaky column"
awk -F, -v c="$leak" 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == c) k = i; if ($i == "y") y = i }; next }
	 $y == 1 { n1++; f1 += ($k != "") } $y == 0 { n0++; f0 += ($k != "") }
	 END { exit !(k > 0 && f1 / n1 > 0.5 && f0 / n0 < 0.2) }' $train ||
	fail "$leak is not filled for most claims of train.csv"
awk -F, -v c="$leak" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
	 $k != "" { n++ } END { exit !(k > 0 && n == 0) }' $test ||
	fail "$leak is not empty in every row of test.csv"
