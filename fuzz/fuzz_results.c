/*
 * fuzz_results.c: libFuzzer target for the results validator.  Each input
 * is parsed as a results file twice, with any row count (expected_rows 0,
 * as `grader auc` does) and with ten rows, under the default line limit.
 * A valid file must carry its values and no error; an invalid one at least
 * one error.  Built and run by fuzz/run.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "limits.h"
#include "results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
parse_once(const uint8_t *data, size_t size, size_t rows)
{
	struct results_file r = { 0 };
	struct problem_list *pl;
	enum gr_status st;

	if ((pl = problems_new()) == NULL)
		return;
	st = results_parse("results1.csv", data, size, rows,
			   GR_LIMIT_LINE_BYTES, &r, pl);
	if (st == GR_OK) {
		if (!r.valid || r.values == NULL ||
		    problems_count(pl, PROBLEM_ERROR) != 0 ||
		    (rows != 0 && r.rows != rows))
			abort();
		for (size_t i = 0; i < r.rows; i++)
			if (!(r.values[i] >= 0.0 && r.values[i] <= 1.0))
				abort();
	} else if (st == GR_INVALID) {
		if (r.valid || problems_count(pl, PROBLEM_ERROR) == 0)
			abort();
	}
	results_release(&r);
	problems_free(pl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_once(data, size, 0);
	parse_once(data, size, 10);
	return 0;
}
