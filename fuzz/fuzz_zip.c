/*
 * fuzz_zip.c: libFuzzer target for the zip reader.  Each input is opened as
 * a submission from memory and every entry is read back; the reader must
 * neither crash nor leak, and must keep its promises: GR_OK with no error
 * problem, GR_INVALID with at least one, entries that read back at their
 * counted size, NUL-terminated.  Built and run by fuzz/run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "submission.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl;
	struct submission *s = NULL;
	enum gr_status st;

	/* Small limits keep each run fast; the limits' own code paths are
	 * the same whatever their values. */
	lim.entry_bytes = 1u << 20;
	lim.total_bytes = 4u << 20;
	lim.entries = 256;
	if ((pl = problems_new()) == NULL)
		return 0;
	st = submission_open_buffer(data, size, "fuzz.zip", &lim, &s, pl);
	if (st == GR_OK) {
		if (s == NULL || problems_count(pl, PROBLEM_ERROR) != 0)
			abort();
		for (size_t i = 0; i < submission_count(s); i++) {
			const struct submission_entry *e = submission_entry(s, i);
			unsigned char *buf;
			size_t len;

			if (e == NULL || e->name == NULL || e->base == NULL)
				abort();
			if (e->is_dir)
				continue;
			if (submission_read(s, i, &buf, &len, pl) != GR_OK)
				abort();
			if (len != e->size || buf[len] != '\0')
				abort();
			free(buf);
		}
	} else if (st == GR_INVALID) {
		if (s != NULL || problems_count(pl, PROBLEM_ERROR) == 0)
			abort();
	}
	for (size_t i = 0; i < pl->count; i++)
		if (pl->items[i].code == NULL || pl->items[i].message == NULL)
			abort();
	submission_free(s);
	problems_free(pl);
	return 0;
}
