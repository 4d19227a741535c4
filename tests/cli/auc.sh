# grader auc: the AUC to 17 significant digits, DeLong SE and CI, the paired
# test with two scores files; --json with the scorecard's names (rows,
# positives, auc, auc_se, auc_ci95, models, comparison).  Reference: pROC's
# own test values on the aSAH data set (fixtures/asah.csv).
. tests/cli/lib.sh
cut -d, -f1 fixtures/asah.csv > $TEST_TMP/y.csv
cut -d, -f4 fixtures/asah.csv | tail -n +2 > $TEST_TMP/ndka.csv
cut -d, -f2 fixtures/asah.csv | tail -n +2 | awk '{ printf "%.17g\n", $1 / 10 }' > $TEST_TMP/s100b.csv
expect_exit 2 auc $TEST_TMP/y.csv $TEST_TMP/ndka.csv
expect_grep "csv.out_of_range" $TEST_TMP/err
# ndka is not a probability; scale it into [0, 1] (an increasing map keeps the AUC).
awk '{ printf "%.17g\n", $1 / 1000 }' $TEST_TMP/ndka.csv > $TEST_TMP/ndka01.csv
expect_exit 0 auc $TEST_TMP/y.csv $TEST_TMP/ndka01.csv --json
expect_json $TEST_TMP/out .rows 113
expect_json $TEST_TMP/out .positives 41
expect_near $TEST_TMP/out .auc 0.611957994579946 1e-9
expect_near $TEST_TMP/out '.auc_ci95[0]' 0.501244999271703 1e-9
expect_near $TEST_TMP/out '.auc_ci95[1]' 0.722670989888189 1e-9
expect_near $TEST_TMP/out .auc_se 0.056487260328919 1e-9
expect_exit 0 auc $TEST_TMP/y.csv $TEST_TMP/ndka01.csv
# scikit-learn prints the same 17 digits: 0.61195799457994582.
expect_grep "AUC        0.61195799457994582" $TEST_TMP/out
expect_grep "rows       113" $TEST_TMP/out
expect_exit 0 auc $TEST_TMP/y.csv $TEST_TMP/s100b.csv $TEST_TMP/ndka01.csv --json
expect_json $TEST_TMP/out '.models[1].file' $TEST_TMP/ndka01.csv
expect_near $TEST_TMP/out '.models[1].auc' 0.611957994579946 1e-9
json_get $TEST_TMP/out .comparison.p_value > /dev/null || fail "no paired test"
# A scores file whose length differs from the labels is invalid (exit 2).
head -n 100 $TEST_TMP/s100b.csv > $TEST_TMP/short.csv
expect_exit 2 auc $TEST_TMP/y.csv $TEST_TMP/short.csv
expect_grep "csv.row_count" $TEST_TMP/err
# Labels with one class are unusable (exit 65).
yes 0 | head -n 113 > $TEST_TMP/zeros.csv
expect_exit 65 auc $TEST_TMP/zeros.csv $TEST_TMP/s100b.csv
