/*
 * insurance.c: the insurance-claims challenge's data, a motor insurer's
 * policy table as of 2024-01-01 and whether each holder files a claim in
 * 2024 (y).  GRADING.md in the challenge folder tells the story for the
 * hiring team; the numbers that make it are here.
 *
 * Each row is drawn whole (struct policy), then its risk score, then its
 * label, and only then are cells deleted: the label was drawn from the
 * complete row, as an insurer's claims come from the real world and not
 * from its files.  The label is a threshold on the risk score plus normal
 * noise (a probit model): arithmetic only, so that no libm rounding can
 * move a label between machines.  exp() only makes the money amounts and
 * the mileage, which are rounded at once (to pence, tens of pounds or
 * hundreds of miles), and never feeds a label.
 */
#include "cdata.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auc.h"
#include "rng.h"
#include "table.h"

#define TRAIN_ROWS 40000
#define TEST_ROWS 10000
#define ALL_ROWS (TRAIN_ROWS + TEST_ROWS)
#define YEAR_DAYS 365.25
#define REF_YEAR 2024	/* the extract's date: 1 January */

/* The standard deviation of the normal noise added to the score before
 * the threshold: with the frailty, what keeps the ceiling well below 1. */
#define LABEL_NOISE 1.0

/* The weight of the frailty, an unobserved proneness to claims that
 * prior claims and the credit score reflect in part. */
#define FRAILTY 0.7

/* The label's intercept: sets the share of claims near 15%. */
#define INTERCEPT -2.85

enum area_type { URBAN, SUBURBAN, RURAL };
enum garage { GARAGE_NO, GARAGE_YES, GARAGE_DECLINED };

struct region {
	const char *name;
	double effect, urban_extra;	/* urban_extra: region x urban */
};

static const struct region regions[] = {
	{ "London", 0.15, 0.35 },
	{ "South East", -0.05, 0 },
	{ "South West", -0.10, 0 },
	{ "East of England", -0.05, 0 },
	{ "Midlands", 0.05, 0.10 },
	{ "North West", 0.05, 0.30 },
	{ "North East", 0.05, 0 },
	{ "Yorkshire", 0.05, 0 },
	{ "Wales", 0, 0 },
	{ "Scotland", -0.10, 0 },
};

/* A postcode area: its letters, region, share of urban addresses, the
 * effect of the area itself (known to no other column) and its number of
 * districts. */
struct area {
	const char *code;
	int region;
	double weight, urban, effect;
	int districts;
};

static const struct area areas[] = {
	{ "E", 0, 2.0, 0.95, 0.8, 18 },    { "N", 0, 2.0, 0.90, 0, 22 },
	{ "SE", 0, 2.5, 0.85, 0, 28 },     { "SW", 0, 2.5, 0.90, 0, 20 },
	{ "NW", 0, 1.5, 0.85, 0, 11 },     { "W", 0, 1.5, 0.90, -0.16, 14 },
	{ "BN", 1, 2.0, 0.50, 0, 45 },     { "GU", 1, 2.0, 0.30, -0.16, 35 },
	{ "RH", 1, 2.0, 0.30, 0, 20 },     { "ME", 1, 2.0, 0.45, 0.08, 20 },
	{ "OX", 1, 2.0, 0.35, -0.16, 29 }, { "RG", 1, 2.5, 0.45, 0, 45 },
	{ "BS", 2, 2.5, 0.60, 0.08, 49 },  { "EX", 2, 2.0, 0.30, -0.48, 39 },
	{ "PL", 2, 1.5, 0.45, 0, 35 },     { "TA", 2, 1.0, 0.20, -0.16, 24 },
	{ "BA", 2, 1.0, 0.30, -0.16, 22 }, { "CB", 3, 2.0, 0.40, -0.24, 25 },
	{ "NR", 3, 2.0, 0.35, 0, 35 },     { "IP", 3, 2.0, 0.35, 0, 33 },
	{ "CO", 3, 1.5, 0.30, 0.08, 16 },  { "LU", 3, 1.0, 0.70, 0.88, 7 },
	{ "B", 4, 3.5, 0.80, 0.16, 99 },   { "CV", 4, 2.0, 0.55, 0, 47 },
	{ "NG", 4, 2.0, 0.55, 0.08, 34 },  { "LE", 4, 2.0, 0.50, 0, 19 },
	{ "DE", 4, 1.5, 0.40, -0.08, 75 }, { "WV", 4, 1.0, 0.60, 0.16, 16 },
	{ "M", 5, 3.0, 0.90, 0.88, 90 },   { "L", 5, 2.0, 0.85, 0.32, 40 },
	{ "PR", 5, 1.5, 0.45, 0, 26 },     { "BL", 5, 1.0, 0.55, 0.08, 9 },
	{ "WA", 5, 1.5, 0.40, 0, 16 },     { "NE", 6, 2.0, 0.65, 0, 71 },
	{ "SR", 6, 0.8, 0.55, 0.08, 9 },   { "DH", 6, 0.8, 0.30, -0.08, 9 },
	{ "TS", 6, 1.0, 0.60, 0.72, 29 },  { "LS", 7, 2.0, 0.70, 0, 29 },
	{ "S", 7, 2.0, 0.65, 0, 99 },      { "BD", 7, 1.2, 0.65, 0.8, 24 },
	{ "HU", 7, 1.0, 0.55, 0.08, 20 },  { "YO", 7, 1.2, 0.25, -0.48, 62 },
	{ "CF", 8, 1.5, 0.60, 0, 83 },     { "SA", 8, 1.0, 0.35, -0.08, 73 },
	{ "LL", 8, 0.8, 0.15, -0.32, 78 }, { "NP", 8, 0.8, 0.50, 0.72, 44 },
	{ "G", 9, 2.0, 0.80, 0.16, 84 },   { "EH", 9, 1.5, 0.70, -0.08, 55 },
	{ "AB", 9, 1.0, 0.45, -0.16, 56 }, { "DD", 9, 0.5, 0.50, 0, 11 },
	{ "IV", 9, 0.7, 0.15, -0.56, 63 },
};
#define N_AREAS ((int)(sizeof areas / sizeof areas[0]))

static const char *const area_types[] = { "urban", "suburban", "rural" };
static const double area_type_effect[] = { 0.15, 0, -0.15 };

/* A make: its code (the model code's prefix) and its theft and
 * repair-cost effect, known to no other column. */
struct make {
	const char *code;
	double effect;
};

static const struct make makes[] = {
	{ "FO", 0 },      { "VX", 0.065 },  { "VW", 0 },      { "TY", -0.325 },
	{ "HN", -0.26 },  { "NS", 0.065 },  { "RN", 0.13 },   { "PG", 0.065 },
	{ "KI", -0.13 },  { "FT", 0.13 },   { "BM", 0.455 },  { "AD", 0.39 },
	{ "MB", 0.195 },  { "LR", 0.91 },
};
enum make_id { FO, VX, VW, TY, HN, NS, RN, PG, KI, FT, BM, AD, MB, LR };

static const char *const vehicle_types[] = {
	"hatchback", "saloon", "estate", "SUV", "MPV", "coupe",
	"convertible", "van", "pickup",
};
static const double vehicle_type_effect[] = {
	0, -0.05, -0.10, 0.05, -0.10, 0.20, 0.15, 0.20, 0.15,
};
enum vtype { HATCH, SALOON, ESTATE, SUV, MPV, COUPE, CONVERTIBLE, VAN, PICKUP };

/* A model: its make, code, type, price new, engines (decilitres, 0 ends
 * the list), weight among buyers, and 1 for a performance version. */
struct model {
	int make;
	const char *code;
	int type;
	int price;
	int engines[3];
	double weight;
	int sporty;
};

static const struct model models[] = {
	{ FO, "FIE", HATCH, 17000, { 10, 12, 15 }, 3.0, 0 },
	{ FO, "FOC", HATCH, 22000, { 10, 15, 20 }, 3.0, 0 },
	{ FO, "KUG", SUV, 29000, { 15, 20, 25 }, 1.5, 0 },
	{ FO, "MUS", COUPE, 42000, { 23, 50, 0 }, 0.3, 1 },
	{ FO, "TRN", VAN, 30000, { 20, 0, 0 }, 1.0, 0 },
	{ VX, "COR", HATCH, 17000, { 12, 14, 0 }, 3.0, 0 },
	{ VX, "AST", HATCH, 21000, { 12, 14, 16 }, 2.5, 0 },
	{ VX, "INS", SALOON, 25000, { 15, 20, 0 }, 1.0, 0 },
	{ VX, "MOK", SUV, 23000, { 12, 14, 0 }, 1.0, 0 },
	{ VW, "POL", HATCH, 18000, { 10, 12, 0 }, 2.5, 0 },
	{ VW, "GLF", HATCH, 25000, { 10, 15, 20 }, 3.0, 0 },
	{ VW, "GTI", HATCH, 33000, { 20, 0, 0 }, 0.6, 1 },
	{ VW, "TIG", SUV, 31000, { 15, 20, 0 }, 1.0, 0 },
	{ VW, "PAS", ESTATE, 29000, { 15, 20, 0 }, 1.0, 0 },
	{ VW, "TRP", VAN, 34000, { 20, 0, 0 }, 0.7, 0 },
	{ TY, "YAR", HATCH, 19000, { 10, 15, 0 }, 2.5, 0 },
	{ TY, "CRL", HATCH, 25000, { 18, 20, 0 }, 1.5, 0 },
	{ TY, "RAV", SUV, 33000, { 25, 0, 0 }, 1.0, 0 },
	{ TY, "HIL", PICKUP, 35000, { 24, 28, 0 }, 0.4, 0 },
	{ HN, "JAZ", HATCH, 18000, { 13, 15, 0 }, 1.0, 0 },
	{ HN, "CIV", HATCH, 26000, { 10, 15, 20 }, 1.0, 0 },
	{ HN, "CRV", SUV, 33000, { 15, 20, 0 }, 0.6, 0 },
	{ NS, "MIC", HATCH, 15000, { 10, 0, 0 }, 1.0, 0 },
	{ NS, "QAS", SUV, 26000, { 13, 15, 0 }, 2.0, 0 },
	{ NS, "JUK", SUV, 22000, { 10, 16, 0 }, 1.2, 0 },
	{ RN, "CLI", HATCH, 16000, { 10, 13, 0 }, 1.5, 0 },
	{ RN, "MEG", HATCH, 22000, { 13, 16, 0 }, 1.0, 0 },
	{ RN, "SCE", MPV, 26000, { 13, 16, 0 }, 0.8, 0 },
	{ PG, "208", HATCH, 18000, { 12, 0, 0 }, 1.5, 0 },
	{ PG, "308", ESTATE, 24000, { 12, 15, 0 }, 0.8, 0 },
	{ PG, "3008", SUV, 30000, { 12, 16, 0 }, 1.0, 0 },
	{ KI, "PIC", HATCH, 13000, { 10, 12, 0 }, 1.0, 0 },
	{ KI, "SPO", SUV, 28000, { 16, 20, 0 }, 1.2, 0 },
	{ KI, "CEE", HATCH, 21000, { 10, 14, 16 }, 1.0, 0 },
	{ FT, "500", HATCH, 14000, { 9, 12, 0 }, 1.5, 0 },
	{ FT, "PAN", HATCH, 13000, { 10, 12, 0 }, 0.8, 0 },
	{ FT, "ABA", HATCH, 22000, { 14, 0, 0 }, 0.3, 1 },
	{ BM, "S1", HATCH, 28000, { 15, 20, 30 }, 1.0, 0 },
	{ BM, "S3", SALOON, 36000, { 20, 30, 0 }, 1.2, 0 },
	{ BM, "X5", SUV, 62000, { 30, 44, 0 }, 0.4, 0 },
	{ BM, "M3", SALOON, 72000, { 30, 0, 0 }, 0.15, 1 },
	{ BM, "Z4", CONVERTIBLE, 45000, { 20, 30, 0 }, 0.2, 1 },
	{ AD, "A1", HATCH, 22000, { 10, 15, 0 }, 0.8, 0 },
	{ AD, "A3", HATCH, 29000, { 15, 20, 0 }, 1.2, 0 },
	{ AD, "A4", ESTATE, 36000, { 20, 30, 0 }, 0.8, 0 },
	{ AD, "TT", COUPE, 40000, { 20, 0, 0 }, 0.2, 1 },
	{ AD, "RS3", HATCH, 55000, { 25, 0, 0 }, 0.1, 1 },
	{ MB, "ACL", HATCH, 30000, { 13, 20, 0 }, 1.0, 0 },
	{ MB, "CCL", SALOON, 42000, { 15, 20, 0 }, 0.8, 0 },
	{ MB, "GLC", SUV, 48000, { 20, 0, 0 }, 0.5, 0 },
	{ MB, "SPR", VAN, 38000, { 21, 0, 0 }, 0.5, 0 },
	{ LR, "EVQ", SUV, 45000, { 20, 0, 0 }, 0.6, 0 },
	{ LR, "DEF", SUV, 55000, { 20, 30, 0 }, 0.4, 0 },
	{ LR, "RRS", SUV, 75000, { 30, 44, 0 }, 0.3, 0 },
};
#define N_MODELS ((int)(sizeof models / sizeof models[0]))

/* Occupations of working age, with weights and effects; students and the
 * retired are drawn by age. */
struct occupation {
	const char *name;
	double weight, effect;
};

static const struct occupation occupations[] = {
	{ "Teacher", 6, -0.105 },            { "Nurse", 6, -0.035 },
	{ "Engineer", 6, -0.07 },            { "Accountant", 4, -0.105 },
	{ "Sales Representative", 5, 0.14 }, { "Delivery Driver", 4, 0.315 },
	{ "Builder", 5, 0.105 },             { "Chef", 3, 0.07 },
	{ "Police Officer", 2, -0.035 },     { "IT Consultant", 5, -0.07 },
	{ "Retail Assistant", 6, 0.035 },    { "Civil Servant", 5, -0.105 },
	{ "Self-employed", 6, 0.105 },       { "Unemployed", 3, 0.14 },
	{ "Homemaker", 3, -0.07 },           { "Student", 0, 0.105 },
	{ "Retired", 0, -0.07 },
};
#define N_OCCUPATIONS ((int)(sizeof occupations / sizeof occupations[0]))
#define OCC_STUDENT (N_OCCUPATIONS - 2)
#define OCC_RETIRED (N_OCCUPATIONS - 1)

static const char *const maritals[] = {
	"single", "married", "divorced", "widowed",
};
static const double marital_effect[] = { 0.07, -0.07, 0.035, 0 };

/* The previous insurers; Clearway writes the risks others refuse. */
static const char *const insurers[] = {
	"Albion Mutual", "Harbour Direct", "Kestrel", "Northstar", "Pennine",
	"Clearway", "Lionheart", "Meridian", "Saxon General",
};
#define N_INSURERS ((int)(sizeof insurers / sizeof insurers[0]))
#define INSURER_CLEARWAY 5

static const char *const uses[] = { "social", "commute", "business" };
static const double use_effect[] = { 0, 0.10, 0.30 };
static const double use_weight[] = { 45, 45, 10 };
static const double use_miles[] = { 0.75, 1.15, 2.0 };

static const char *const securities[] = {
	"none", "alarm", "immobiliser", "tracker",
};
static const double security_effect[] = { 0.20, 0, -0.10, -0.30 };

static const char *const channels[] = {
	"online", "comparison site", "phone", "broker", "agent",
};
static const double channel_weight[] = { 33, 30, 10, 17, 10 };
static const double channel_effect[] = { 0, 0.20, -0.05, 0.05, 0.05 };
#define CHANNEL_BROKER 3
#define N_BRANCHES 12

static const int excesses[] = { 100, 250, 500, 1000 };
static const double excess_weight[] = { 15, 40, 30, 15 };
static const double excess_effect[] = { 0.09, 0, -0.09, -0.24 };

static const char *const garages[] = { "no", "yes" };

/* Inward-code letters of UK postcodes (no C, I, K, M, O, V). */
static const char postcode_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

/* Columns deleted at random, with their rates ("dirty data"). */
enum blank_col {
	B_BIRTH, B_LICENCE, B_MARITAL, B_OCCUPATION, B_AREA_TYPE,
	B_VEHICLE_YEAR, B_VALUE, B_POWER, B_MILEAGE, B_SECURITY, B_CREDIT,
	N_BLANK_COLS
};
static const double blank_rate[N_BLANK_COLS] = {
	0.010, 0.030, 0.020, 0.030, 0.030, 0.015, 0.020, 0.015, 0.040,
	0.020, 0.050,
};

static const char *const header[] = {
	"policy_id", "policy_start_date", "birth_date", "licence_date",
	"marital_status", "occupation", "region", "postcode", "area_type",
	"vehicle_model", "vehicle_type", "vehicle_year", "vehicle_value",
	"vehicle_power_hp", "annual_mileage", "vehicle_use",
	"security_device", "garage", "named_drivers", "prior_claims",
	"last_claim_date", "previous_insurer", "credit_score",
	"channel", "agent_code", "payment_frequency", "excess",
	"annual_premium", "claim_settlement_days", "y",
};
#define N_COLUMNS ((int)(sizeof header / sizeof header[0]))

struct policy {
	long id;
	long start, birth, licence, last_claim;	/* days; last_claim 0: none */
	double age, years_licensed, tenure;	/* years at the reference date */
	int area, area_type;
	char postcode[12];
	int model, engine, hp, vehicle_year;
	long value, mileage;
	double mileage_z;	/* the mileage's normal draw (log scale) */
	int use, security, garage, drivers;
	int prior_claims, insurer;		/* insurer -1: none before */
	int credit, channel, branch, agent;	/* branch 0: no agent */
	int monthly, excess, occupation, marital;
	long premium_cents;
	double frailty, risk, oracle;	/* oracle: risk and frailty */
	int y, settlement_days;			/* -1: none */
	unsigned blank;				/* bit (1 << blank_col) */
};

static long
reference_day(void)
{
	return civil_days(REF_YEAR, 1, 1);
}

static double
clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static double
square(double x)
{
	return x * x;
}

/* Rounds a positive x to a multiple of step. */
static long
round_to(double x, long step)
{
	return (long)floor(x / (double)step + 0.5) * step;
}

/* Age, licence and tenure: the dates that hide the strongest effects. */
static void
draw_person(struct rng *r, struct policy *p)
{
	static const double band_w[] = { 13, 67, 20 };
	static const int band_lo[] = { 18, 25, 65 }, band_hi[] = { 24, 64, 89 };
	long ref = reference_day();
	int band = rng_pick(r, band_w, 3);
	long age_days = rng_range(r, (int)(band_lo[band] * YEAR_DAYS),
				  (int)((band_hi[band] + 1) * YEAR_DAYS) - 1);
	double lic_age, u = rng_uniform(r), ten;

	p->birth = ref - age_days;
	p->age = (double)age_days / YEAR_DAYS;
	/* Most pass at 17 to 19; some years later; a few late in life. */
	if (u < 0.70)
		lic_age = 17 + 2.5 * rng_uniform(r);
	else if (u < 0.92)
		lic_age = 19.5 + 8 * rng_uniform(r);
	else
		lic_age = 17 + (p->age - 17) * rng_uniform(r);
	if (lic_age > p->age - 0.1)
		lic_age = p->age - 0.1 * rng_uniform(r) - 0.02;
	p->licence = p->birth + (long)(lic_age * YEAR_DAYS);
	p->years_licensed = (double)(ref - p->licence) / YEAR_DAYS;
	u = rng_uniform(r);
	if (u < 0.28)
		ten = rng_uniform(r);
	else if (u < 0.63)
		ten = 1 + 3 * rng_uniform(r);
	else
		ten = 4 + 16 * rng_uniform(r);
	if (ten > p->years_licensed)
		ten = p->years_licensed * rng_uniform(r);
	p->start = ref - (long)(ten * YEAR_DAYS);
	p->tenure = (double)(ref - p->start) / YEAR_DAYS;
}

static void
draw_occupation(struct rng *r, struct policy *p)
{
	double w[N_OCCUPATIONS];
	static const double mar_young[] = { 70, 25, 5, 0 };
	static const double mar_mid[] = { 25, 60, 13, 2 };
	static const double mar_old[] = { 10, 60, 12, 18 };

	for (int i = 0; i < N_OCCUPATIONS; i++)
		w[i] = occupations[i].weight;
	if (p->age < 23 && rng_chance(r, 0.5))
		p->occupation = OCC_STUDENT;
	else if (p->age >= 66 && rng_chance(r, 0.8))
		p->occupation = OCC_RETIRED;
	else
		p->occupation = rng_pick(r, w, N_OCCUPATIONS);
	p->marital = rng_pick(r, p->age < 30 ? mar_young :
			      p->age < 60 ? mar_mid : mar_old, 4);
}

static void
draw_address(struct rng *r, struct policy *p)
{
	double w[N_AREAS];
	const struct area *a;
	size_t nl = sizeof postcode_letters - 1;
	int district, sector;
	char letter1, letter2;

	for (int i = 0; i < N_AREAS; i++)
		w[i] = areas[i].weight;
	p->area = rng_pick(r, w, N_AREAS);
	a = &areas[p->area];
	if (rng_chance(r, a->urban))
		p->area_type = URBAN;
	else
		p->area_type = rng_chance(r, 0.6) ? SUBURBAN : RURAL;
	/* One draw a statement: the order in which a call's arguments are
	 * evaluated is the compiler's choice.  (Last part first: the order
	 * in which the data were first drawn.) */
	letter2 = postcode_letters[rng_below(r, (uint32_t)nl)];
	letter1 = postcode_letters[rng_below(r, (uint32_t)nl)];
	sector = rng_range(r, 0, 9);
	district = rng_range(r, 1, a->districts);
	snprintf(p->postcode, sizeof p->postcode, "%s%d %d%c%c", a->code,
		 district, sector, letter1, letter2);
}

/* The car: young drivers mostly buy cheap hatchbacks, but not all. */
static void
draw_vehicle(struct rng *r, struct policy *p)
{
	double w[N_MODELS], value;
	const struct model *m;
	int n_engines = 0, vage;

	for (int i = 0; i < N_MODELS; i++) {
		w[i] = models[i].weight;
		if (p->age < 26)
			w[i] *= models[i].sporty ? 2.5 :
				models[i].price < 25000 ? 2.0 : 0.6;
	}
	p->model = rng_pick(r, w, N_MODELS);
	m = &models[p->model];
	while (n_engines < 3 && m->engines[n_engines] != 0)
		n_engines++;
	p->engine = m->engines[rng_below(r, (uint32_t)n_engines)];
	p->hp = (int)floor((20 + 6.0 * p->engine) * (m->sporty ? 1.4 : 1) *
			   (1 + 0.08 * rng_normal(r)) + 0.5);
	/* Vehicle age: newer cars for the older and the richer. */
	vage = (int)clamp(floor(7 + 4.5 * rng_normal(r) -
				(p->age > 40 ? 1.5 : 0)), 0, 22);
	p->vehicle_year = REF_YEAR - vage;
	value = m->price * (1 + 0.05 * (p->engine - m->engines[0]) / 5.0);
	for (int i = 0; i < vage; i++)
		value *= 0.87;
	value *= exp(0.15 * rng_normal(r));
	p->value = round_to(value < 500 ? 500 : value, 10);
	p->use = rng_pick(r, use_weight, 3);
	p->mileage_z = rng_normal(r);
	p->mileage = round_to(clamp(7500 * use_miles[p->use] *
				    exp(0.45 * p->mileage_z), 500, 60000), 100);
}

/* Claims history: a claim in each past year (up to five, while licensed)
 * when the frailty, age and chance say so. */
static void
draw_history(struct rng *r, struct policy *p)
{
	long ref = reference_day();
	int years = (int)clamp(floor(p->years_licensed), 0, 5), last = 0;
	double young = p->age < 25 ? 0.4 : 0;

	p->prior_claims = 0;
	p->last_claim = 0;
	for (int k = 1; k <= years; k++) {
		if (0.55 * p->frailty + young + rng_normal(r) > 1.85) {
			p->prior_claims++;
			if (last == 0)
				last = k;
		}
	}
	if (last > 0)
		p->last_claim = ref - (long)((last - 1) * YEAR_DAYS) -
				rng_range(r, 1, 364);
	/* No insurer before: a first policy, or a lapse in cover. */
	if (p->years_licensed - p->tenure < 0.5 || rng_chance(r, 0.06))
		p->insurer = -1;
	else
		p->insurer = (int)rng_below(r, N_INSURERS);
	p->credit = (int)clamp(floor(680 + 75 * rng_normal(r) -
				     20 * p->frailty + 0.5), 300, 850);
	p->monthly = rng_chance(r, p->credit < 600 ? 0.6 : 0.33);
}

static void
draw_cover(struct rng *r, struct policy *p)
{
	static const double sec_w[] = { 25, 30, 35, 10 };
	static const double sec_w_dear[] = { 10, 25, 35, 30 };
	static const double drv_w[] = { 45, 40, 10, 5 };
	static const double gar_w[] = { 45, 45, 10 };

	p->security = rng_pick(r, p->value > 30000 ? sec_w_dear : sec_w, 4);
	p->garage = rng_pick(r, gar_w, 3);
	p->drivers = 1 + rng_pick(r, drv_w, 4);
	p->channel = rng_pick(r, channel_weight, 5);
	p->branch = 0;
	if (p->channel >= CHANNEL_BROKER) {
		p->branch = rng_range(r, 1, N_BRANCHES);
		p->agent = rng_range(r, 1, 20);
	}
	p->excess = rng_pick(r, excess_weight, 4);
}

/* The effects of age, experience and tenure, which only dates show. */
static double
risk_dates(const struct policy *p)
{
	long ref = reference_day();
	double z = 0;

	z += p->age < 45 ? 1.0 * square((45 - p->age) / 27) :
			   0.8 * square((p->age - 45) / 40);
	z += 0.3 * square(clamp(1 - p->years_licensed / 3, 0, 1));
	if (p->age - p->years_licensed > 35)
		z += 0.35;
	z += p->tenure < 1 ? 0.70 : p->tenure < 3 ? 0.25 :
	     p->tenure > 8 ? -0.35 : 0;
	if (p->last_claim != 0 && ref - p->last_claim < 183)
		z += 0.50;
	return z;
}

static double
risk_vehicle(const struct policy *p)
{
	const struct model *m = &models[p->model];
	double z = makes[m->make].effect + vehicle_type_effect[m->type];

	if (m->sporty)
		z += 0.40;
	z += 0.15 * clamp((p->hp - 150) / 100.0, 0, 2);
	if (p->age < 26)
		z += 1.3 * clamp((p->hp - 110) / 90.0, 0, 1.4);
	if (REF_YEAR - p->vehicle_year > 12)
		z += 0.15;
	if (p->value > 35000)
		z += 0.10;
	z += 0.20 * p->mileage_z + use_effect[p->use];
	z += security_effect[p->security];
	return z;
}

/* Everything the label depends on but the noise. */
static double
risk_score(const struct policy *p)
{
	const struct area *a = &areas[p->area];
	const struct region *g = &regions[a->region];
	double z = risk_dates(p) + risk_vehicle(p);

	z += g->effect + a->effect + area_type_effect[p->area_type];
	if (p->area_type == URBAN)
		z += g->urban_extra;
	z += p->garage == GARAGE_DECLINED ? 0.30 :
	     p->garage == GARAGE_YES ? -0.15 : 0;
	z += 0.08 * (p->drivers - 1);
	z += 0.15 * (p->prior_claims < 3 ? p->prior_claims : 3);
	z += p->credit < 560 ? 0.25 : p->credit < 620 ? 0.10 :
	     p->credit > 780 ? -0.10 : 0;
	z += p->monthly ? 0.20 : 0;
	z += channel_effect[p->channel];
	z += p->branch == 7 ? 0.90 : p->branch == 11 ? 0.80 :
	     p->branch == 3 ? -0.40 : 0;
	z += excess_effect[p->excess];
	z += occupations[p->occupation].effect + marital_effect[p->marital];
	z += p->insurer < 0 ? 0.30 : p->insurer == INSURER_CLEARWAY ? 0.30 : 0;
	return z;
}

/* The insurer's own tariff: a cruder view of the same risk, in pounds. */
static long
premium_cents(struct rng *r, const struct policy *p)
{
	const struct area *a = &areas[p->area];
	double age_part = p->age < 45 ? square((45 - p->age) / 27) :
				        0.5 * square((p->age - 45) / 40);
	double g = 0.30 * age_part +
		   0.2 * clamp(1 - p->years_licensed / 3, 0, 1) +
		   0.25 * p->prior_claims +
		   0.5 * (regions[a->region].effect +
			  area_type_effect[p->area_type]) +
		   0.3 * clamp((p->hp - 120) / 100.0, -0.5, 2) +
		   0.7 * excess_effect[p->excess] +
		   0.70 * rng_normal(r);
	double pounds = (160 + 300 * exp(0.8 * g)) *
			(p->value > 30000 ? 1.3 : 1) * (p->monthly ? 1.06 : 1);

	return (long)floor(pounds * 100 + 0.5);
}

static void
draw_outcome(struct rng *r, struct policy *p)
{
	p->risk = INTERCEPT + risk_score(p);
	p->oracle = p->risk + FRAILTY * p->frailty;
	p->y = p->oracle + LABEL_NOISE * rng_normal(r) > 0;
	/* Settled claims have their days to settlement; claims still open
	 * at the extract have none, and so do the policies without a claim,
	 * but for the claims rejected.  Young drivers' claims are mostly
	 * small and settle fast; the others' stay open more often. */
	p->settlement_days = -1;
	if (p->y && rng_chance(r, p->age < 30 ? 0.96 : 0.80))
		p->settlement_days = (int)clamp(floor(
			20 + 55 * fabs(rng_normal(r)) + 0.001 * p->value), 3, 400);
	else if (!p->y && rng_chance(r, 0.015))
		p->settlement_days = rng_range(r, 10, 120);
	p->blank = 0;
	for (int i = 0; i < N_BLANK_COLS; i++)
		if (rng_chance(r, blank_rate[i]))
			p->blank |= 1u << i;
}

static void
draw_policy(struct rng *r, struct policy *p)
{
	draw_person(r, p);
	draw_occupation(r, p);
	draw_address(r, p);
	draw_vehicle(r, p);
	p->frailty = rng_normal(r);
	draw_history(r, p);
	draw_cover(r, p);
	p->premium_cents = premium_cents(r, p);
	draw_outcome(r, p);
}

static int
blanked(const struct policy *p, enum blank_col c)
{
	return (p->blank >> c) & 1u;
}

static void
cell_str(struct table *t, const struct policy *p, enum blank_col c,
	 const char *s)
{
	if (blanked(p, c))
		table_blank(t);
	else
		table_str(t, s);
}

static void
cell_int(struct table *t, const struct policy *p, enum blank_col c, long v)
{
	if (blanked(p, c))
		table_blank(t);
	else
		table_int(t, v);
}

static void
write_policy(struct table *t, const struct policy *p, int train)
{
	const struct model *m = &models[p->model];
	const struct area *a = &areas[p->area];
	char code[24];

	snprintf(code, sizeof code, "P%06ld", p->id);
	table_str(t, code);
	table_date(t, p->start);
	if (blanked(p, B_BIRTH))
		table_blank(t);
	else
		table_date(t, p->birth);
	if (blanked(p, B_LICENCE))
		table_blank(t);
	else
		table_date(t, p->licence);
	cell_str(t, p, B_MARITAL, maritals[p->marital]);
	cell_str(t, p, B_OCCUPATION, occupations[p->occupation].name);
	table_str(t, regions[a->region].name);
	table_str(t, p->postcode);
	cell_str(t, p, B_AREA_TYPE, area_types[p->area_type]);
	snprintf(code, sizeof code, "%s-%s-%02d", makes[m->make].code, m->code,
		 p->engine);
	table_str(t, code);
	table_str(t, vehicle_types[m->type]);
	cell_int(t, p, B_VEHICLE_YEAR, p->vehicle_year);
	cell_int(t, p, B_VALUE, p->value);
	cell_int(t, p, B_POWER, p->hp);
	cell_int(t, p, B_MILEAGE, p->mileage);
	table_str(t, uses[p->use]);
	cell_str(t, p, B_SECURITY, securities[p->security]);
	if (p->garage == GARAGE_DECLINED)
		table_blank(t);
	else
		table_str(t, garages[p->garage]);
	table_int(t, p->drivers);
	table_int(t, p->prior_claims);
	if (p->last_claim == 0)
		table_blank(t);
	else
		table_date(t, p->last_claim);
	if (p->insurer < 0)
		table_blank(t);
	else
		table_str(t, insurers[p->insurer]);
	cell_int(t, p, B_CREDIT, p->credit);
	table_str(t, channels[p->channel]);
	if (p->branch == 0) {
		table_blank(t);
	} else {
		snprintf(code, sizeof code, "AG-%02d%02d", p->branch, p->agent);
		table_str(t, code);
	}
	table_str(t, p->monthly ? "monthly" : "annual");
	table_int(t, excesses[p->excess]);
	table_fixed(t, p->premium_cents, 2);
	/* Known only after the outcome: in the training rows, never in the
	 * test rows, as a real extract made at prediction time. */
	if (train && p->settlement_days >= 0)
		table_int(t, p->settlement_days);
	else
		table_blank(t);
	if (train)
		table_int(t, p->y);
	table_end(t);
}

/* Distinct six-digit policy numbers in random order: one per bucket of
 * 18 numbers, the buckets shuffled (Fisher-Yates). */
static int
draw_ids(struct rng *r, struct policy *ps)
{
	long *perm = malloc(ALL_ROWS * sizeof *perm);

	if (perm == NULL)
		return -1;
	for (long i = 0; i < ALL_ROWS; i++)
		perm[i] = i;
	for (long i = ALL_ROWS - 1; i > 0; i--) {
		long j = (long)rng_below(r, (uint32_t)i + 1), tmp = perm[i];

		perm[i] = perm[j];
		perm[j] = tmp;
	}
	for (long i = 0; i < ALL_ROWS; i++)
		ps[i].id = 100000 + perm[i] * 18 + rng_range(r, 0, 17);
	free(perm);
	return 0;
}

static double
ceiling_auc(const struct policy *ps)
{
	uint8_t *labels = malloc(TEST_ROWS);
	double *scores = malloc(TEST_ROWS * sizeof *scores), auc = 0;

	if (labels != NULL && scores != NULL) {
		for (long i = 0; i < TEST_ROWS; i++) {
			labels[i] = (uint8_t)ps[TRAIN_ROWS + i].y;
			scores[i] = ps[TRAIN_ROWS + i].oracle;
		}
		if (auc_exact(labels, scores, TEST_ROWS, &auc) != AUC_OK)
			auc = 0;
	}
	free(labels);
	free(scores);
	return auc;
}

static int
take(struct table *t, struct cdata_file *f)
{
	f->lines = t->rows;
	f->len = t->b.len;
	f->text = textbuf_finish(&t->b);
	return f->text == NULL ? -1 : 0;
}

int
insurance_make(uint64_t seed, struct insurance_data *d)
{
	struct table train = { 0 }, test = { 0 }, hold = { 0 };
	struct policy *ps = calloc(ALL_ROWS, sizeof *ps);
	struct rng r;
	int rc = -1;

	memset(d, 0, sizeof *d);
	rng_seed(&r, seed, CDATA_STREAM_INSURANCE);
	if (ps == NULL || draw_ids(&r, ps) != 0)
		goto out;
	for (long i = 0; i < ALL_ROWS; i++)
		draw_policy(&r, &ps[i]);
	table_header(&train, header, N_COLUMNS);
	table_header(&test, header, N_COLUMNS - 1);
	table_str(&hold, "y");
	table_end(&hold);
	for (long i = 0; i < ALL_ROWS; i++) {
		int is_train = i < TRAIN_ROWS;

		write_policy(is_train ? &train : &test, &ps[i], is_train);
		if (is_train) {
			d->train_positives += ps[i].y;
		} else {
			d->test_positives += ps[i].y;
			table_int(&hold, ps[i].y);
			table_end(&hold);
		}
	}
	d->train_rows = TRAIN_ROWS;
	d->test_rows = TEST_ROWS;
	d->ceiling_auc = ceiling_auc(ps);
	rc = 0;
out:
	if (take(&train, &d->train) != 0 || take(&test, &d->test) != 0 ||
	    take(&hold, &d->holdout) != 0)
		rc = -1;
	free(ps);
	if (rc != 0)
		insurance_free(d);
	return rc;
}

void
insurance_free(struct insurance_data *d)
{
	if (d == NULL)
		return;
	free(d->train.text);
	free(d->test.text);
	free(d->holdout.text);
	memset(d, 0, sizeof *d);
}
