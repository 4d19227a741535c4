/*
 * cdata.h: the data sets the generator writes, each made in memory from a
 * seed and handed to main.c, which writes the files, the zips and the
 * sums.  The generators never print and never touch the file system.
 */
#ifndef CDATA_H
#define CDATA_H

#include <stddef.h>
#include <stdint.h>

/* One generated file: its text (owned; free()) and its lines. */
struct cdata_file {
	char *text;
	size_t len;
	long lines;
};

/* The insurance-claims challenge: what a candidate gets and the labels. */
struct insurance_data {
	struct cdata_file train, test, holdout;
	long train_rows, test_rows, train_positives, test_positives;
	/* The AUC on the test rows of the score the labels were drawn from
	 * (every cell before deletion, and the frailty that no column
	 * shows): a ceiling that no model of these columns reaches. */
	double ceiling_auc;
};

/* Makes the insurance data for seed.  Returns 0, or -1 when out of
 * memory (nothing is left to free then).  Free with insurance_free(). */
int insurance_make(uint64_t seed, struct insurance_data *d);
void insurance_free(struct insurance_data *d);

/* Makes the data-findings table for seed into *f.  Returns 0, or -1 when
 * out of memory.  The caller frees f->text. */
int health_make(uint64_t seed, struct cdata_file *f);

/* The streams of each data set (rng_seed's second argument). */
#define CDATA_STREAM_INSURANCE 1
#define CDATA_STREAM_HEALTH 2

#endif
