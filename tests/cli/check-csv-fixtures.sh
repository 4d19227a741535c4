# check on every CSV fixture (fixtures/csv/EXPECTED), each sent as the only
# results file of a ten-row challenge: the exit code (0 valid, 2 invalid),
# the exact problem codes with their first line, and the text report
# against tests/cli/expected/csv/NAME.txt.
#
# With UPDATE_EXPECTED set, the reports are written as the new expected
# files instead of compared with them (a file compared with its own copy
# proves nothing), and the test says how many changed and ends as skipped.
# The problem codes are checked either way.
. tests/cli/lib.sh
challenge=fixtures/challenges/ten-rows
checked=0
updated=0
for name in $(grep -v '^#' fixtures/csv/EXPECTED | awk 'NF { print $1 }' | sort -u); do
	sub=$TEST_TMP/${name%.csv}
	mkdir -p $sub
	cp fixtures/csv/$name $sub/results1.csv
	validity=$(awk -v n=$name '$1 == n { print $2; exit }' fixtures/csv/EXPECTED)
	want=0; [ "$validity" = invalid ] && want=2
	expect_exit $want check $sub --challenge $challenge --format json
	cp $TEST_TMP/out $sub.json
	# Every expected code, at its first line, and no other code.
	awk -v n=$name '$1 == n && $3 != "-" { print $3, $4 }' fixtures/csv/EXPECTED | sort > $sub.want
	i=0
	: > $sub.got
	while code=$(json_get $sub.json ".problems[$i].code"); do
		line=$(json_get $sub.json ".problems[$i].line")
		[ "$line" = null ] && line=0
		grep -q "^$code " $sub.got || echo "$code $line" >> $sub.got
		i=$((i + 1))
	done
	sort -o $sub.got $sub.got
	cmp -s $sub.want $sub.got || { diff $sub.want $sub.got; fail "$name: codes differ"; }
	# The report for a person, word for word.
	NO_COLOR=1 LC_ALL=C.UTF-8 grader check $sub --challenge $challenge > $sub.txt 2>&1
	echo "exit $?" >> $sub.txt
	sed "s|$TEST_TMP/||g" $sub.txt > $sub.report
	golden=tests/cli/expected/csv/${name%.csv}.txt
	if [ -z "${UPDATE_EXPECTED:-}" ]; then
		expect_same $golden $sub.report
	elif ! cmp -s $golden $sub.report; then
		cp $sub.report $golden || fail "cannot write $golden"
		echo "updated $golden"
		updated=$((updated + 1))
	fi
	checked=$((checked + 1))
done
[ $checked -ge 60 ] || fail "only $checked fixtures checked"
[ -z "${UPDATE_EXPECTED:-}" ] ||
	skip "UPDATE_EXPECTED is set: $updated of $checked expected reports updated, none compared"
exit 0
