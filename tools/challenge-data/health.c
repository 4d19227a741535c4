/*
 * health.c: the data-findings exercise's table, five public-health
 * programmes across twelve UK regions from 2012 to 2023, by age group and
 * sex.  One row a (year, region, programme, age group, sex) cell:
 *
 *	year,region,program,age_group,sex,population,invited,participants,
 *	cases,cost_gbp
 *
 * `cases` means what each programme counts: cancers detected (bowel and
 * breast screening), high-grade abnormalities (cervical screening), flu
 * hospital admissions among the eligible (flu vaccination), new type 2
 * diabetes diagnoses among the population (diabetes prevention).
 *
 * What there is to find is fixed here, the same for every seed (the seed
 * moves the noise and which rows the random faults hit):
 *
 *  - trends: breast and cervical uptake fall year on year, flu uptake
 *    rises; uptake rises with age for screening; men take up bowel
 *    screening less; diabetes rises 2.5% a year everywhere;
 *  - 2020: screening invitations collapse (COVID-19), a catch-up in 2021;
 *    flu uptake jumps and its admissions all but vanish;
 *  - 2019: bowel screening switches to the FIT kit (uptake and detection
 *    jump) and adds ages 50-59 (rows for 50-59 only from 2019); flu
 *    vaccination adds ages 50-64 from 2020; cervical screening moves to
 *    HPV testing (detection up);
 *  - diabetes prevention (from 2016) works in four regions only (North
 *    West, West Midlands, South East, Scotland), where completion is high:
 *    diagnoses there fall against the trend; elsewhere they do not;
 *  - from 2018 South West counts returned bowel kits, spoiled ones
 *    included, as participants: its uptake jumps by about ten points and
 *    its detection per participant falls, an artefact;
 *  - traps: Yorkshire spelled "Yorkshire & Humber" until 2015 and
 *    "Yorkshire and the Humber" after; no Wales rows in 2014; no London
 *    cervical rows in 2021 and 2022; North West's 2017 breast rows loaded
 *    twice, and a few more rows duplicated at the end; three negative
 *    participant counts (-1: "not known"); three rows with more
 *    participants than invitations (a digit too many); a few costs blank.
 */
#include "cdata.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "table.h"

#define FIRST_YEAR 2012
#define LAST_YEAR 2023
#define N_YEARS (LAST_YEAR - FIRST_YEAR + 1)

struct region {
	const char *name;
	double pop_thousands, growth, uptake, cost;
	int diabetes_works;
};

static const struct region regions[] = {
	{ "North East", 2650, 0.004, 0.01, 0.95, 0 },
	{ "North West", 7400, 0.005, -0.01, 0.97, 1 },
	{ "Yorkshire and the Humber", 5500, 0.005, 0, 0.96, 0 },
	{ "East Midlands", 4900, 0.007, 0.01, 0.96, 0 },
	{ "West Midlands", 5950, 0.006, -0.02, 0.98, 1 },
	{ "East of England", 6300, 0.008, 0.02, 1.00, 0 },
	{ "London", 8900, 0.010, -0.07, 1.18, 0 },
	{ "South East", 9200, 0.007, 0.02, 1.05, 1 },
	{ "South West", 5700, 0.007, 0.03, 1.00, 0 },
	{ "Wales", 3100, 0.003, 0, 0.97, 0 },
	{ "Scotland", 5450, 0.003, 0, 1.00, 1 },
	{ "Northern Ireland", 1900, 0.005, -0.01, 0.95, 0 },
};
#define N_REGIONS ((int)(sizeof regions / sizeof regions[0]))
#define R_YORKSHIRE 2
#define R_LONDON 6
#define R_SOUTH_WEST 8
#define R_WALES 9
#define R_NORTH_WEST 1

enum program { BOWEL, BREAST, CERVICAL, FLU, DIABETES, N_PROGRAMS };

/* A programme's age groups: label, share of the region's population per
 * sex, uptake shift, and the rate of cases (per 1000 participants for
 * screening, per 1000 population for flu and diabetes). */
struct age_group {
	const char *label;
	double share, uptake, rate;
	int from_year;		/* the first year of the group's rows */
};

struct program_def {
	const char *name;
	int women_only;
	double invite_share;	/* of the population, a year */
	double uptake, trend;	/* base uptake and change a year */
	double cost_invite, cost_participant;
	struct age_group ages[4];
};

static const struct program_def programs[N_PROGRAMS] = {
	{ "Bowel screening", 0, 0.50, 0.56, 0.004, 4, 12, {
		{ "50-59", 0.064, -0.06, 1.2, 2019 },
		{ "60-64", 0.030, 0, 1.9, FIRST_YEAR },
		{ "65-69", 0.027, 0.03, 2.4, FIRST_YEAR },
		{ "70-74", 0.025, 0.02, 2.9, FIRST_YEAR } } },
	{ "Breast screening", 1, 0.33, 0.73, -0.006, 5, 45, {
		{ "50-54", 0.034, -0.04, 6.0, FIRST_YEAR },
		{ "55-59", 0.032, 0, 7.0, FIRST_YEAR },
		{ "60-64", 0.030, 0.02, 8.0, FIRST_YEAR },
		{ "65-70", 0.033, 0.01, 9.0, FIRST_YEAR } } },
	{ "Cervical screening", 1, 0.28, 0.75, -0.007, 3, 30, {
		{ "25-34", 0.068, -0.12, 12.0, FIRST_YEAR },
		{ "35-44", 0.065, -0.04, 8.0, FIRST_YEAR },
		{ "45-54", 0.066, 0, 5.0, FIRST_YEAR },
		{ "55-64", 0.060, -0.03, 3.0, FIRST_YEAR } } },
	{ "Flu vaccination", 0, 1.00, 0.70, 0.003, 0, 18, {
		{ "50-64", 0.094, -0.38, 0.40, 2020 },
		{ "65-69", 0.027, -0.07, 0.80, FIRST_YEAR },
		{ "70-74", 0.025, -0.02, 1.20, FIRST_YEAR },
		{ "75+", 0.042, 0.05, 2.60, FIRST_YEAR } } },
	{ "Diabetes prevention", 0, 0.02, 0.22, 0.005, 15, 280, {
		{ "40-49", 0.065, -0.03, 2.4, FIRST_YEAR },
		{ "50-59", 0.064, 0, 4.0, FIRST_YEAR },
		{ "60-69", 0.057, 0.02, 5.6, FIRST_YEAR },
		{ "70-79", 0.045, 0.01, 6.0, FIRST_YEAR } } },
};

/* Flu seasons, 2012 to 2023: how bad each was (2020: no flu to speak of
 * under the pandemic's measures). */
static const double flu_season[N_YEARS] = {
	1.0, 0.7, 1.6, 0.9, 1.1, 1.8, 0.9, 1.0, 0.1, 0.4, 1.7, 1.0,
};

struct cell {
	int year, region, program, age, male;
	long population, invited, participants, cases, cost;
	int cost_blank, broken;
};

static double
clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* A count with mean n*p, binomial noise in its normal approximation. */
static long
binomial(struct rng *r, long n, double p)
{
	double mean = (double)n * p;
	double sd = sqrt(mean * (1 - p));

	return (long)clamp(floor(mean + sd * rng_normal(r) + 0.5), 0, (double)n);
}

/* A rare count with mean lambda: Poisson (Knuth's product of uniforms)
 * below 30, the normal approximation above.  exp() can differ in its last
 * bit between C libraries; a count moves only if a product of uniforms
 * falls within that bit of the limit: odds of about 1e-16 a draw. */
static long
poisson(struct rng *r, double lambda)
{
	double limit, prod = 1;
	long k = 0;

	if (lambda >= 30)
		return (long)clamp(floor(lambda + sqrt(lambda) * rng_normal(r) +
					 0.5), 0, 1e12);
	limit = exp(-lambda);
	for (;;) {
		prod *= rng_uniform(r);
		if (prod <= limit)
			return k;
		k++;
	}
}

static double
uptake(struct rng *r, const struct cell *c)
{
	const struct program_def *pd = &programs[c->program];
	const struct region *g = &regions[c->region];
	int t = c->year - FIRST_YEAR;
	double u = pd->uptake + pd->ages[c->age].uptake + g->uptake +
		   pd->trend * t;

	if (c->program == BOWEL) {
		u += c->male ? -0.04 : 0;
		u += c->year >= 2019 ? 0.06 : 0;
		if (c->region == R_SOUTH_WEST && c->year >= 2018)
			u += 0.10;
	} else if (c->program == FLU) {
		u += c->year == 2020 ? 0.09 : c->year == 2021 ? 0.06 :
		     c->year == 2022 ? 0.03 : 0;
	} else if (c->program == DIABETES) {
		u += g->diabetes_works ? 0.22 : 0;
	} else if (c->year == 2020) {
		u -= c->program == BREAST ? 0.08 : 0.05;
	} else if (c->year == 2021) {
		u -= 0.03;
	}
	return clamp(u + 0.012 * rng_normal(r), 0.03, 0.97);
}

static double
invite_factor(const struct cell *c)
{
	if (c->program == FLU || c->program == DIABETES) {
		if (c->program == DIABETES && c->year < 2016)
			return 0;
		return 1;
	}
	return c->year == 2020 ? 0.55 : c->year == 2021 ? 1.15 : 1;
}

/* The cases: detection among participants for screening, admissions or
 * diagnoses among the population for the others. */
static long
cases(struct rng *r, const struct cell *c, double real_participants)
{
	const struct program_def *pd = &programs[c->program];
	const struct region *g = &regions[c->region];
	double rate = pd->ages[c->age].rate / 1000, lambda;
	int t = c->year - FIRST_YEAR;

	switch (c->program) {
	case BOWEL:
		rate *= (c->male ? 1.4 : 1) * (c->year >= 2019 ? 1.3 : 1);
		lambda = real_participants * rate;
		break;
	case CERVICAL:
		rate *= c->year >= 2019 ? 1.2 : 1;
		lambda = real_participants * rate;
		break;
	case BREAST:
		lambda = real_participants * rate;
		break;
	case FLU:
		lambda = (double)c->population * rate / 10 *
			 flu_season[t] *
			 (1 - 0.5 * (double)c->participants /
			  (double)(c->population ? c->population : 1));
		break;
	default:
		rate *= (c->male ? 1.25 : 1);
		for (int i = 0; i < t; i++)
			rate *= 1.025;
		if (g->diabetes_works && c->year > 2016)
			rate *= 1 - clamp(0.04 * (c->year - 2016), 0, 0.25);
		lambda = (double)c->population * rate;
		break;
	}
	return poisson(r, lambda);
}

static void
fill_cell(struct rng *r, struct cell *c)
{
	const struct program_def *pd = &programs[c->program];
	const struct region *g = &regions[c->region];
	double pop = g->pop_thousands * 1000 * pd->ages[c->age].share;
	double real, cost;

	for (int i = FIRST_YEAR; i < c->year; i++)
		pop *= 1 + g->growth;
	c->population = (long)floor(pop * (1 + 0.01 * rng_normal(r)) + 0.5);
	c->invited = binomial(r, c->population,
			      clamp(pd->invite_share * invite_factor(c), 0, 1));
	c->participants = binomial(r, c->invited, uptake(r, c));
	/* South West's kits returned include the spoiled ones: the people
	 * actually screened are fewer than it reports. */
	real = (double)c->participants;
	if (c->program == BOWEL && c->region == R_SOUTH_WEST && c->year >= 2018)
		real *= 0.85;
	c->cases = cases(r, c, real);
	cost = (pd->cost_invite * (double)c->invited +
		pd->cost_participant * (double)c->participants) * g->cost *
	       (1 + 0.03 * rng_normal(r));
	for (int i = FIRST_YEAR; i < c->year; i++)
		cost *= 1.02;
	c->cost = (long)floor(cost + 0.5);
	c->cost_blank = rng_chance(r, 0.02);
}

static int
cell_exists(const struct cell *c)
{
	const struct program_def *pd = &programs[c->program];

	if (pd->women_only && c->male)
		return 0;
	if (c->year < pd->ages[c->age].from_year)
		return 0;
	if (c->region == R_WALES && c->year == 2014)
		return 0;
	if (c->region == R_LONDON && c->program == CERVICAL &&
	    (c->year == 2021 || c->year == 2022))
		return 0;
	return 1;
}

static void
write_cell(struct table *t, const struct cell *c)
{
	const struct program_def *pd = &programs[c->program];

	table_int(t, c->year);
	table_str(t, c->region == R_YORKSHIRE && c->year <= 2015 ?
		  "Yorkshire & Humber" : regions[c->region].name);
	table_str(t, pd->name);
	table_str(t, pd->ages[c->age].label);
	table_str(t, c->male ? "M" : "F");
	table_int(t, c->population);
	table_int(t, c->invited);
	table_int(t, c->participants);
	table_int(t, c->cases);
	if (c->cost_blank)
		table_blank(t);
	else
		table_int(t, c->cost);
	table_end(t);
}

/* Every cell, in the order of the table: year, region, programme, age,
 * sex (F first).  Returns the count, or -1 when out of memory. */
static long
make_cells(struct rng *r, struct cell **out)
{
	long n = 0, cap = (long)N_YEARS * N_REGIONS * N_PROGRAMS * 4 * 2;
	struct cell *cs = malloc((size_t)cap * sizeof *cs);

	if (cs == NULL)
		return -1;
	for (int y = FIRST_YEAR; y <= LAST_YEAR; y++)
		for (int g = 0; g < N_REGIONS; g++)
			for (int p = 0; p < N_PROGRAMS; p++)
				for (int a = 0; a < 4; a++)
					for (int m = 0; m < 2; m++) {
						struct cell c = { y, g, p, a, m,
							0, 0, 0, 0, 0, 0, 0 };

						if (!cell_exists(&c))
							continue;
						fill_cell(r, &c);
						cs[n++] = c;
					}
	*out = cs;
	return n;
}

/* The faults a real extract has: counts that cannot be, each in three
 * rows of their own. */
static void
break_counts(struct rng *r, struct cell *cs, long n)
{
	int negative = 0, tenfold = 0;

	while (negative < 3) {
		struct cell *c = &cs[rng_below(r, (uint32_t)n)];

		if (c->invited > 0 && !c->broken) {
			c->participants = -1;
			c->broken = 1;
			negative++;
		}
	}
	while (tenfold < 3) {
		struct cell *c = &cs[rng_below(r, (uint32_t)n)];

		if (c->participants > 100 && !c->broken) {
			c->participants *= 10;
			c->broken = 1;
			tenfold++;
		}
	}
}

int
health_make(uint64_t seed, struct cdata_file *f)
{
	static const char *const header[] = {
		"year", "region", "program", "age_group", "sex", "population",
		"invited", "participants", "cases", "cost_gbp",
	};
	struct table t = { 0 };
	struct cell *cs = NULL;
	struct rng r;
	long n;

	memset(f, 0, sizeof *f);
	rng_seed(&r, seed, CDATA_STREAM_HEALTH);
	n = make_cells(&r, &cs);
	if (n < 0)
		return -1;
	break_counts(&r, cs, n);
	table_header(&t, header, (int)(sizeof header / sizeof header[0]));
	for (long i = 0; i < n; i++) {
		write_cell(&t, &cs[i]);
		/* North West's 2017 breast screening, loaded twice. */
		if (cs[i].region == R_NORTH_WEST && cs[i].year == 2017 &&
		    cs[i].program == BREAST && cs[i].age == 3) {
			for (long j = i - 3; j <= i; j++)
				write_cell(&t, &cs[j]);
		}
	}
	for (int k = 0; k < 12; k++)
		write_cell(&t, &cs[rng_below(&r, (uint32_t)n)]);
	free(cs);
	f->lines = t.rows;
	f->len = t.b.len;
	f->text = textbuf_finish(&t.b);
	return f->text == NULL ? -1 : 0;
}
