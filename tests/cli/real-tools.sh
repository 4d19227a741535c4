# Files that the real tools wrote (fixtures/real-tools/, made by its make.sh)
# held to fixtures/real-tools/EXPECTED: for each, `grader check --format
# json` exits as EXPECTED says and reports exactly the set of problem codes
# it lists.  Zips (repacks of fixtures/submissions/pass.zip by bsdtar,
# Info-ZIP, 7-Zip, Python) are checked against the sample challenge and also
# graded: status pass, with pass.zip's own best AUC.  Results files are
# checked alone, as results1.csv, against the ten-row challenge.  Every line
# is tried and every failure reported before the test fails.
. tests/cli/lib.sh

dir=fixtures/real-tools
expected=$dir/EXPECTED
ten=fixtures/challenges/ten-rows

# The AUC that pass.zip itself gets: every repack must get the same.
expect_exit 0 grade $SUBS/pass.zip --challenge $CHALLENGE --format json
want_auc=$(json_get $TEST_TMP/out .best.auc) || fail "pass.zip: no best AUC"

# Every fixture has a line, and every line a fixture.
grep -v '^#' $expected | awk 'NF { print $1 }' | sort > $TEST_TMP/listed
(cd $dir && ls *.zip *.csv) | sort > $TEST_TMP/present
cmp -s $TEST_TMP/listed $TEST_TMP/present || {
	diff $TEST_TMP/listed $TEST_TMP/present
	fail "EXPECTED ('<') and the files of $dir ('>') differ"
}

# codes JSON: the sorted set of .problems[].code, comma-separated, or "-".
codes() {
	i=0
	: > $TEST_TMP/codes
	while c=$(json_get "$1" ".problems[$i].code"); do
		echo "$c" >> $TEST_TMP/codes
		i=$((i + 1))
	done
	set -- $(sort -u $TEST_TMP/codes)
	[ $# -eq 0 ] && { echo -; return; }
	(IFS=,; echo "$*")
}

failures=0
bad() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

n=0
while read -r name want_exit want_codes; do
	case $name in ''|'#'*) continue ;; esac
	n=$((n + 1))
	case $name in
	*.zip)
		sub=$dir/$name
		challenge=$CHALLENGE ;;
	*.csv)
		sub=$TEST_TMP/${name%.csv}
		mkdir -p $sub
		cp $dir/$name $sub/results1.csv
		challenge=$ten ;;
	*)	fail "$name: neither .zip nor .csv" ;;
	esac

	grader check $sub --challenge $challenge --format json \
	    > $TEST_TMP/$name.json 2> $TEST_TMP/$name.err
	got_exit=$?
	got_codes=$(codes $TEST_TMP/$name.json)
	if [ "$got_exit" != "$want_exit" ] || [ "$got_codes" != "$want_codes" ]; then
		bad "$name: check exits $got_exit with $got_codes; expected $want_exit with $want_codes"
	fi

	# Both class probabilities, or several values on a line: the advice
	# is to keep one value, never to delete the rest as junk.
	case ,$want_codes, in
	*,csv.two_class_columns,*|*,csv.columns,*)
		if grep -qF "Remove '" $TEST_TMP/$name.json; then
			bad "$name: a problem says to remove the other values:"
			grep -F "Remove '" $TEST_TMP/$name.json | head -3
		fi ;;
	esac

	case $name in *.zip)
		grader grade $sub --challenge $CHALLENGE --format json \
		    > $TEST_TMP/$name.grade.json 2> $TEST_TMP/$name.grade.err
		got_exit=$?
		status=$(json_get $TEST_TMP/$name.grade.json .status)
		auc=$(json_get $TEST_TMP/$name.grade.json .best.auc)
		if [ "$got_exit" != 0 ] || [ "$status" != pass ] || [ "$auc" != "$want_auc" ]; then
			bad "$name: grade exits $got_exit, status $status, best AUC $auc; expected 0, pass, $want_auc"
		fi ;;
	esac
done < $expected

[ $n -ge 30 ] || fail "only $n lines in $expected"
[ $failures -eq 0 ] || fail "$failures of the checks of $n real-tool fixtures failed"
exit 0
