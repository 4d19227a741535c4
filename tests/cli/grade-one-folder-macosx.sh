# grade: files under one top-level folder, with __MACOSX/ and ._* junk
# beside them, are found and pass; the junk is no deliverable.
. tests/cli/lib.sh
expect_exit 0 grade $SUBS/one-folder-with-macosx.zip --challenge $CHALLENGE
expect_json $TEST_TMP/out .status pass
expect_json $TEST_TMP/out '.models[0].path' alice/results1.csv
expect_json $TEST_TMP/out '.deliverables[0].found' '["alice/model.py"]'
expect_near $TEST_TMP/out '.models[0].auc' 0.872059987240777 1e-12
