/*
 * table.h: writing a CSV table into memory, one field at a time, with
 * numbers formatted from integers (no printf of a double, no locale) and
 * dates from a day count.  Fields are the generator's own words: they
 * never hold a comma, a quote or a line end (asserted), so none is quoted.
 */
#ifndef CDATA_TABLE_H
#define CDATA_TABLE_H

#include <stddef.h>

#include "textbuf.h"

struct table {
	struct textbuf b;
	int col;		/* fields written on the current line */
	long rows;		/* lines ended, the header included */
};

/* A field of text, an integer, an empty field. */
void table_str(struct table *t, const char *s);
void table_int(struct table *t, long v);
void table_blank(struct table *t);

/* scaled / 10^decimals with exactly that many decimals: 12345, 2 gives
 * "123.45".  Precondition: 0 < decimals <= 6. */
void table_fixed(struct table *t, long scaled, int decimals);

/* A date as YYYY-MM-DD from days since 1970-01-01. */
void table_date(struct table *t, long days);

/* Ends the line. */
void table_end(struct table *t);

/* The header: the names given, then the end of the line. */
void table_header(struct table *t, const char *const *names, int n);

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil), and back. */
long civil_days(int y, int m, int d);
void civil_date(long days, int *y, int *m, int *d);

#endif
