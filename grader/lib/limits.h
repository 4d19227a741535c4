/*
 * limits.h: the resource limits that bound what one submission may cost.
 * challenge.json's "limits" object sets them; every one has a default that a
 * normal submission never meets.  Depends on nothing else of ours.
 */
#ifndef GRADER_LIMITS_H
#define GRADER_LIMITS_H

#include <stdint.h>

struct gr_limits {
	uint64_t zip_bytes;	/* size of the .zip file itself */
	uint64_t total_bytes;	/* sum of the entries' uncompressed sizes */
	uint64_t entry_bytes;	/* uncompressed size of any one entry */
	uint64_t entries;	/* number of entries (files and folders) */
	uint64_t line_bytes;	/* length of one line of a results file */
};

#define GR_LIMIT_ZIP_BYTES	(50ull << 20)	/* 50 MiB */
#define GR_LIMIT_TOTAL_BYTES	(200ull << 20)	/* 200 MiB */
#define GR_LIMIT_ENTRY_BYTES	(100ull << 20)	/* 100 MiB */
#define GR_LIMIT_ENTRIES	1000ull
#define GR_LIMIT_LINE_BYTES	4096ull

/* The defaults above, as one value. */
static inline struct gr_limits
gr_limits_default(void)
{
	struct gr_limits l = {
		GR_LIMIT_ZIP_BYTES, GR_LIMIT_TOTAL_BYTES, GR_LIMIT_ENTRY_BYTES,
		GR_LIMIT_ENTRIES, GR_LIMIT_LINE_BYTES,
	};
	return l;
}

#endif
