/*
 * table.c: CSV fields from integers, and the calendar arithmetic behind
 * the dates (integers only, after Howard Hinnant's chrono-compatible
 * low-level date algorithms).
 */
#include "table.h"

#include <assert.h>
#include <string.h>

static void
sep(struct table *t)
{
	if (t->col++ > 0)
		textbuf_add(&t->b, ",", 1);
}

void
table_str(struct table *t, const char *s)
{
	assert(strpbrk(s, ",\"\r\n") == NULL);
	sep(t);
	textbuf_puts(&t->b, s);
}

void
table_int(struct table *t, long v)
{
	sep(t);
	textbuf_printf(&t->b, "%ld", v);
}

void
table_blank(struct table *t)
{
	sep(t);
}

void
table_fixed(struct table *t, long scaled, int decimals)
{
	long unit = 1;
	unsigned long a;

	assert(decimals > 0 && decimals <= 6);
	for (int i = 0; i < decimals; i++)
		unit *= 10;
	sep(t);
	a = scaled < 0 ? 0ul - (unsigned long)scaled : (unsigned long)scaled;
	textbuf_printf(&t->b, "%s%lu.%0*lu", scaled < 0 ? "-" : "",
		       a / (unsigned long)unit, decimals, a % (unsigned long)unit);
}

void
table_date(struct table *t, long days)
{
	int y, m, d;

	civil_date(days, &y, &m, &d);
	sep(t);
	textbuf_printf(&t->b, "%04d-%02d-%02d", y, m, d);
}

void
table_end(struct table *t)
{
	textbuf_add(&t->b, "\n", 1);
	t->col = 0;
	t->rows++;
}

void
table_header(struct table *t, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		table_str(t, names[i]);
	table_end(t);
}

long
civil_days(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
civil_date(long days, int *y, int *m, int *d)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}
