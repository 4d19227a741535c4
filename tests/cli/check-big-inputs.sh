# Big inputs, made at test time: a 5 MB line, 500 bad values (20 listed,
# the rest counted), and a 100 MB results file read with flat memory.
. tests/cli/lib.sh
# A 5 MB line among ten rows: one csv.line_too_long at its line, the other
# lines still read.
mkdir $TEST_TMP/long
{ printf '0.1\n0.2\n'; head -c 5000000 /dev/zero | tr '\0' '1'; printf '\n0.4\n0.5\n0.6\n0.7\n0.8\n0.9\n0.95\n'; } > $TEST_TMP/long/results1.csv
expect_exit 2 check $TEST_TMP/long --challenge fixtures/challenges/ten-rows --format json
expect_json $TEST_TMP/out '.problems[0].code' csv.line_too_long
expect_json $TEST_TMP/out '.problems[0].line' 3
expect_absent $TEST_TMP/out '.problems[1]'

# 500 nan among 1000 rows: the first 20 in full, then one summary of 480.
mkdir $TEST_TMP/ch1000 $TEST_TMP/nan
sed 's/"rows": 10 /"rows": 1000 /; s/ten-rows/thousand-rows/' fixtures/challenges/ten-rows/challenge.json > $TEST_TMP/ch1000/challenge.json
awk 'BEGIN { for (i = 1; i <= 1000; i++) print (i % 2 ? "nan" : "0.5") }' > $TEST_TMP/nan/results1.csv
expect_exit 2 check $TEST_TMP/nan --challenge $TEST_TMP/ch1000 --format json
expect_json $TEST_TMP/out '.problems[0].code' csv.nan
expect_json $TEST_TMP/out '.problems[0].line' 1
expect_json $TEST_TMP/out '.problems[19].line' 39
expect_json $TEST_TMP/out '.problems[20].code' csv.nan
expect_json $TEST_TMP/out '.problems[20].more' 480
expect_json $TEST_TMP/out '.problems[20].message' 'and 480 more problems of this kind'
expect_absent $TEST_TMP/out '.problems[21]'
NO_COLOR=1 grader check $TEST_TMP/nan --challenge $TEST_TMP/ch1000 > $TEST_TMP/nan.txt
expect_grep "and 480 more problems of this kind [csv.nan]" $TEST_TMP/nan.txt

# 100 MB of values where 10,000 rows are expected: rejected for its row
# count, and the process holds the file once, not its rows.
mkdir $TEST_TMP/huge
yes 0.123456789 | head -c 100000000 > $TEST_TMP/huge/results1.csv
cp fixtures/csv/plain-decimals.csv $TEST_TMP/huge/results2.csv
# The program itself is measured, never through $GRADER_WRAPPER (inside
# valgrind the peak would be valgrind's), so it runs under make valgrind
# as well.
[ -x /usr/bin/time ] || fail "/usr/bin/time (Debian package 'time') is needed"
/usr/bin/time -f %M -o $TEST_TMP/rss "$GRADER" check $TEST_TMP/huge --format json > $TEST_TMP/out 2>$TEST_TMP/err
code=$?
[ $code -eq 2 ] || fail "100 MB file: exit $code, expected 2"
kb=$(tail -n 1 $TEST_TMP/rss)
case $kb in ''|*[!0-9]*) fail "no peak measured ('$kb')" ;; esac
[ "$kb" -lt 160000 ] || fail "peak memory $kb KB for a 100 MB file"
expect_json $TEST_TMP/out '.problems[0].code' csv.row_count
exit 0
