/*
 * test_auc.c: the AUC core against scikit-learn's roc_auc_score, pROC's
 * DeLong figures on the aSAH data set, an independent DeLong implementation
 * (bench/delong_ref.py), exact arithmetic oracles and properties that any
 * AUC must have.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auc.h"

/*
 * cmocka 1.1 has no floating-point assertion; this one prints both values
 * in full when it fails.
 */
#define assert_close(a, b, eps) check_close((a), (b), (eps), __FILE__, __LINE__)

static void
check_close(double a, double b, double eps, const char *file, int line)
{
	if (!(fabs(a - b) <= eps)) {
		print_error("%.17g != %.17g (tolerance %g)\n", a, b, eps);
		_fail(file, line);
	}
}

/* splitmix64: the generator fixtures/auc/gen_random.py reproduces. */
static uint64_t
next_random(uint64_t *state)
{
	uint64_t z;

	*state += 0x9E3779B97F4A7C15ULL;
	z = *state;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A uniform double in [0, 1) with 53 random bits. */
static double
random_unit(uint64_t *state)
{
	return (double)(next_random(state) >> 11) * 0x1p-53;
}

static double
exact_auc(const uint8_t *labels, const double *scores, size_t n)
{
	double auc = -1.0;

	assert_int_equal(auc_exact(labels, scores, n, &auc), AUC_OK);
	return auc;
}

/* Evaluates one model with DeLong and checks that auc_exact() agrees. */
static struct auc_model
evaluate_one(const uint8_t *labels, const double *scores, size_t n,
	     unsigned flags)
{
	struct auc_model m;
	const double *v[1] = { scores };

	assert_int_equal(auc_evaluate(labels, n, v, 1, flags, &m, NULL),
	    AUC_OK);
	assert_true(m.auc == exact_auc(labels, scores, n));
	return m;
}

static void
check_sklearn(const uint8_t *labels, const double *scores, size_t n,
	      double expected)
{
	struct auc_model m = evaluate_one(labels, scores, n,
	    AUC_WANT_DELONG | AUC_WANT_ROC);

	assert_close(m.auc, expected, 1e-12);
	assert_false(isnan(m.se) || isnan(m.variance));
	auc_model_release(&m);
}

static void
test_auc_perfect_ranking_is_one(void **state)
{
	const uint8_t y[] = { 0, 1 };
	const double s[] = { 0, 1 };

	(void)state;
	check_sklearn(y, s, 2, 1.0);
}

static void
test_auc_reversed_ranking_is_zero(void **state)
{
	const uint8_t y[] = { 0, 1 };
	const double s[] = { 1, 0 };

	(void)state;
	check_sklearn(y, s, 2, 0.0);
}

static void
test_auc_tied_pair_is_one_half(void **state)
{
	const uint8_t y[] = { 1, 0 };
	const double s[] = { 1, 1 };

	(void)state;
	check_sklearn(y, s, 2, 0.5);
}

static void
test_auc_partial_ties_match_sklearn(void **state)
{
	const uint8_t y[] = { 0, 0, 1, 1 };
	const double s[] = { 0.1, 0, 0.1, 0.01 };

	(void)state;
	check_sklearn(y, s, 4, 0.625);
}

static void
test_auc_tiny_score_gap_still_separates(void **state)
{
	const uint8_t y[] = { 1, 0, 0 };
	const double s[] = { 1e-10, 0, 0 };

	(void)state;
	check_sklearn(y, s, 3, 1.0);
}

static void
test_auc_ten_rows_match_sklearn(void **state)
{
	const uint8_t y[] = { 1, 1, 0, 1, 1, 1, 0, 0, 1, 0 };
	const double s[] = { .9, .8, .7, .6, .55, .54, .53, .52, .51, .505 };

	(void)state;
	check_sklearn(y, s, 10, 0.75);
}

/*
 * 10,000 rows, 30% positives, scores k/100 with heavy ties.  The expected
 * value is sklearn.metrics.roc_auc_score (scikit-learn 1.2.1) on the same
 * rows, from fixtures/auc/gen_random.py, which reproduces this generator.
 */
static void
test_auc_heavy_ties_match_sklearn_on_ten_thousand_rows(void **state)
{
	enum { N = 10000 };
	static uint8_t y[N];
	static double s[N];
	uint64_t st = 20261128, p = 0;

	(void)state;
	for (size_t i = 0; i < N; i++) {
		y[i] = next_random(&st) % 10 < 3;
		s[i] = (double)(next_random(&st) % 81 + (y[i] ? 20 : 0)) /
		    100.0;
		p += y[i];
	}
	assert_int_equal(p, 2927);
	check_sklearn(y, s, N, 0.72208491841463351);
}

/* The aSAH data set shipped with pROC (fixtures/asah.README). */
struct asah {
	size_t n;
	uint8_t y[200];
	double s100b[200], wfns[200], ndka[200];
};

static void
load_asah(struct asah *a)
{
	FILE *f = fopen("fixtures/asah.csv", "r");
	char line[256];
	int y;

	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));
	assert_string_equal(line, "y,s100b,wfns,ndka\n");
	a->n = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		assert_true(a->n < 200);
		assert_int_equal(sscanf(line, "%d,%lf,%lf,%lf", &y,
		    &a->s100b[a->n], &a->wfns[a->n], &a->ndka[a->n]), 4);
		a->y[a->n++] = (uint8_t)y;
	}
	fclose(f);
	assert_int_equal(a->n, 113);
}

/*
 * pROC 1.18.0: roc(aSAH$outcome, aSAH$ndka) has AUC 0.611957994579946,
 * var(method = "delong") 0.0031908105493913 and
 * ci.auc(method = "delong") 0.501244999271703 to 0.722670989888189.
 */
static void
test_auc_delong_matches_proc_on_asah_ndka(void **state)
{
	static struct asah a;
	struct auc_model m;

	(void)state;
	load_asah(&a);
	m = evaluate_one(a.y, a.ndka, a.n, AUC_WANT_DELONG);
	assert_int_equal(m.positives, 41);
	assert_int_equal(m.negatives, 72);
	assert_close(m.auc, 0.611957994579946, 1e-9);
	assert_true(m.se_valid);
	assert_close(m.variance, 0.0031908105493913, 1e-9);
	assert_close(m.se, sqrt(0.0031908105493913), 1e-9);
	assert_close(m.ci95[0], 0.501244999271703, 1e-9);
	assert_close(m.ci95[1], 0.722670989888189, 1e-9);
	auc_model_release(&m);
}

/*
 * The paired test, against bench/delong_ref.py: DeLong (1988) written
 * literally in numpy (pairwise kernel, np.cov), sharing nothing with
 * auc.c.  It printed, for s100b vs ndka, z 1.3907700257355797 and
 * p 0.1642951752230537; for s100b vs wfns, z -2.2089835914409046 and
 * p 0.027175782229188372 (pROC's roc.test documents Z = 2.209,
 * p-value = 0.02718 for wfns vs s100b, the same test the other way round).
 */
static void
test_auc_paired_test_matches_independent_delong(void **state)
{
	static struct asah a;
	struct auc_model m[2];
	struct auc_comparison c;
	const double *v[2];

	(void)state;
	load_asah(&a);
	v[0] = a.s100b;
	v[1] = a.ndka;
	assert_int_equal(auc_evaluate(a.y, a.n, v, 2, AUC_WANT_DELONG, m, &c),
	    AUC_OK);
	assert_true(c.valid);
	assert_close(c.difference, m[0].auc - m[1].auc, 1e-15);
	assert_close(c.z, 1.3907700257355797, 1e-9);
	assert_close(c.p_value, 0.1642951752230537, 1e-9);
	assert_close(m[0].variance, 0.0026686824571724383, 1e-12);

	v[1] = a.wfns;
	assert_int_equal(auc_evaluate(a.y, a.n, v, 2, AUC_WANT_DELONG, m, &c),
	    AUC_OK);
	assert_true(c.valid);
	assert_close(c.z, -2.2089835914409046, 1e-9);
	assert_close(c.p_value, 0.027175782229188372, 1e-9);
	assert_close(m[1].auc, 0.82367886178861793, 1e-12);
}

static void
test_auc_identical_models_have_no_valid_comparison(void **state)
{
	static struct asah a;
	struct auc_model m[2];
	struct auc_comparison c;
	const double *v[2];

	(void)state;
	load_asah(&a);
	v[0] = v[1] = a.s100b;
	assert_int_equal(auc_evaluate(a.y, a.n, v, 2, AUC_WANT_DELONG, m, &c),
	    AUC_OK);
	assert_false(c.valid);
	assert_true(c.difference == 0.0);
	assert_false(isnan(c.z) || isnan(c.p_value));
	assert_true(m[0].se_valid && m[1].se_valid);
}

static void
test_auc_three_models_are_each_scored(void **state)
{
	static struct asah a;
	struct auc_model m[3];
	struct auc_comparison c;
	const double *v[3];

	(void)state;
	load_asah(&a);
	v[0] = a.s100b;
	v[1] = a.wfns;
	v[2] = a.ndka;
	assert_int_equal(auc_evaluate(a.y, a.n, v, 3, AUC_WANT_DELONG, m, &c),
	    AUC_OK);
	assert_close(m[2].auc, 0.611957994579946, 1e-12);
	assert_close(m[2].variance, 0.0031908105493913, 1e-12);
	assert_close(c.z, -2.2089835914409046, 1e-9);
}

static void
test_auc_one_positive_has_no_standard_error(void **state)
{
	const uint8_t y[] = { 0, 1, 0, 0 };
	const double s[] = { 0.1, 0.7, 0.3, 0.9 };
	const double s2[] = { 0.4, 0.2, 0.1, 0.3 };
	const double *v[2] = { s, s2 };
	struct auc_model m[2];
	struct auc_comparison c;

	(void)state;
	assert_int_equal(auc_evaluate(y, 4, v, 2, AUC_WANT_DELONG, m, &c),
	    AUC_OK);
	assert_close(m[0].auc, 2.0 / 3.0, 1e-15);
	assert_false(m[0].se_valid);
	assert_true(m[0].se == 0.0 && m[0].variance == 0.0);
	assert_false(c.valid);
	assert_false(isnan(c.z) || isnan(c.p_value));
	assert_close(c.difference, 1.0 / 3.0, 1e-15);
}

static void
test_auc_all_ties_is_one_half(void **state)
{
	enum { N = 1000 };
	static uint8_t y[N];
	static double s[N];
	struct auc_model m;

	(void)state;
	for (size_t i = 0; i < N; i++) {
		y[i] = i % 3 == 0;
		s[i] = i % 2 ? 0.0 : -0.0;
	}
	m = evaluate_one(y, s, N, AUC_WANT_DELONG | AUC_WANT_ROC);
	assert_true(m.auc == 0.5);
	assert_true(2 * m.u2 == 2 * m.positives * m.negatives);
	assert_false(m.se_valid);
	assert_int_equal(m.roc_count, 2);
	assert_true(m.roc[0].fpr == 0.0 && m.roc[0].tpr == 0.0);
	assert_true(m.roc[1].fpr == 1.0 && m.roc[1].tpr == 1.0);
	assert_true(m.roc[1].threshold == 0.0);
	auc_model_release(&m);
}

static void
random_rows(uint8_t *y, double *s, size_t n, uint64_t seed, int ties)
{
	uint64_t st = seed;

	/* Positives are nudged up now and then, for an AUC above 0.5. */
	for (size_t i = 0; i < n; i++) {
		int nudge;

		y[i] = next_random(&st) % 10 < 3;
		nudge = y[i] && next_random(&st) % 5 < 3;
		if (ties)
			s[i] = (double)(next_random(&st) % 96 + 5 * nudge) /
			    100.0;
		else
			s[i] = 0.5 + random_unit(&st) / 2.2 + 0.04 * nudge;
	}
}

/*
 * Scores in [0.5, 1] make 1 - p exact (Sterbenz), so the transform reverses
 * the order without merging scores, and 2U must complement exactly.
 */
static void
test_auc_of_one_minus_p_is_one_minus_auc(void **state)
{
	enum { N = 5000 };
	static uint8_t y[N];
	static double s[N], r[N];

	(void)state;
	for (int ties = 0; ties < 2; ties++) {
		struct auc_model a, b;

		random_rows(y, s, N, 7 + (uint64_t)ties, ties);
		for (size_t i = 0; i < N; i++) {
			if (ties)
				s[i] = 0.5 + s[i] / 2.0;
			r[i] = 1.0 - s[i];
		}
		a = evaluate_one(y, s, N, AUC_WANT_DELONG);
		b = evaluate_one(y, r, N, AUC_WANT_DELONG);
		assert_true(a.u2 + b.u2 == 2 * a.positives * a.negatives);
		assert_close(a.auc, 1.0 - b.auc, 1e-15);
		assert_true(a.variance == b.variance);
	}
}

/* k^3 + 7k is exact and strictly increasing on the integers used here. */
static void
test_auc_is_invariant_under_increasing_transforms(void **state)
{
	enum { N = 4000 };
	static uint8_t y[N];
	static double s[N], t[N], u[N];
	uint64_t st = 99;
	struct auc_model a, b, c;

	(void)state;
	for (size_t i = 0; i < N; i++) {
		y[i] = next_random(&st) % 10 < 3;
		s[i] = (double)(next_random(&st) % 1000) +
		    (y[i] ? 100.0 : 0.0) - 500.0;
		t[i] = s[i] * s[i] * s[i] + 7.0 * s[i];
		u[i] = ldexp(s[i], -1060);	/* into the subnormals */
	}
	a = evaluate_one(y, s, N, AUC_WANT_DELONG);
	b = evaluate_one(y, t, N, AUC_WANT_DELONG);
	c = evaluate_one(y, u, N, AUC_WANT_DELONG);
	assert_true(a.u2 == b.u2 && a.u2 == c.u2);
	assert_true(a.variance == b.variance && a.variance == c.variance);
}

static void
test_auc_is_invariant_under_row_permutation(void **state)
{
	enum { N = 5000 };
	static uint8_t y[N], y2[N];
	static double s[N], s2[N], q[N], q2[N];
	const double *v[2], *w[2];
	struct auc_model a[2], b[2];
	struct auc_comparison ca, cb;
	uint64_t st = 4242;

	(void)state;
	random_rows(y, s, N, 11, 1);
	for (size_t i = 0; i < N; i++)
		q[i] = s[i] * 0.5 + 0.5 * random_unit(&st);
	memcpy(y2, y, sizeof y);
	memcpy(s2, s, sizeof s);
	memcpy(q2, q, sizeof q);
	for (size_t i = N - 1; i > 0; i--) {
		size_t j = next_random(&st) % (i + 1);
		uint8_t ty = y2[i];
		double ts = s2[i], tq = q2[i];
		y2[i] = y2[j];
		y2[j] = ty;
		s2[i] = s2[j];
		s2[j] = ts;
		q2[i] = q2[j];
		q2[j] = tq;
	}
	v[0] = s;
	v[1] = q;
	w[0] = s2;
	w[1] = q2;
	assert_int_equal(auc_evaluate(y, N, v, 2, AUC_WANT_DELONG, a, &ca),
	    AUC_OK);
	assert_int_equal(auc_evaluate(y2, N, w, 2, AUC_WANT_DELONG, b, &cb),
	    AUC_OK);
	for (int k = 0; k < 2; k++) {
		assert_true(a[k].u2 == b[k].u2);
		assert_true(a[k].variance == b[k].variance);
	}
	assert_true(ca.valid && cb.valid);
	assert_true(ca.z == cb.z && ca.p_value == cb.p_value);
}

static int
compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
test_auc_radix_order_equals_qsort_order(void **state)
{
	enum { N = 20000 };
	static const double special[] = {
		-0.0, 0.0, 0x1p-1074, -0x1p-1074, 0x1.fffffffffffffp-1023,
		-0x1p-1022, 0x1p-1022, 1.0, -1.0, 0x1.fffffffffffffp+1023,
		-0x1.fffffffffffffp+1023, 0.5, 0.5, 1e-300, -1e300,
	};
	const size_t nspecial = sizeof special / sizeof special[0];
	static double a[N], b[N];
	uint64_t st = 1;

	(void)state;
	for (size_t i = 0; i < N; i++) {
		uint64_t r = next_random(&st), bits;
		switch (r % 6) {
		case 0:
			a[i] = special[(r >> 8) % nspecial];
			break;
		case 1:	/* any finite bit pattern */
			bits = next_random(&st);
			memcpy(&a[i], &bits, sizeof a[i]);
			if (!isfinite(a[i]))
				a[i] = -2.0;
			break;
		case 2:	/* subnormals of either sign */
			bits = next_random(&st) >> 12;
			memcpy(&a[i], &bits, sizeof a[i]);
			if (r & 0x100)
				a[i] = -a[i];
			break;
		case 3:	/* duplicates */
			a[i] = i > 0 ? a[(r >> 8) % i] : 0.25;
			break;
		default:
			a[i] = (random_unit(&st) - 0.5) * 1e3;
			break;
		}
	}
	memcpy(b, a, sizeof a);
	qsort(b, N, sizeof b[0], compare_doubles);
	assert_int_equal(auc_sort_doubles(a, N), 0);
	for (size_t i = 0; i < N; i++) {
		assert_true(a[i] == b[i]);
		assert_false(signbit(a[i]) && a[i] == 0.0);
	}
	assert_int_equal(auc_sort_doubles(a, 0), 0);
	a[0] = 3.0;
	assert_int_equal(auc_sort_doubles(a, 1), 0);
	assert_true(a[0] == 3.0);
}

static void
test_auc_sort_refuses_nan_and_leaves_values_alone(void **state)
{
	double v[40], w[40];

	(void)state;
	for (int bad = 0; bad < 2; bad++) {
		for (size_t i = 0; i < 40; i++)
			v[i] = (double)((i * 17) % 40) / 40.0;
		v[33] = bad ? NAN : -INFINITY;
		memcpy(w, v, sizeof v);
		assert_int_equal(auc_sort_doubles(v, 40), -1);
		assert_memory_equal(v, w, sizeof v);
	}
}

/* Rounding cases from Python's int / int, which is correctly rounded. */
static void
test_auc_ratio_is_correctly_rounded(void **state)
{
	static const struct {
		uint64_t num, den;
		double expected;
	} cases[] = {
		{ 1, 3, 0x1.5555555555555p-2 },
		{ 0, 7, 0.0 },
		{ 5, 5, 1.0 },
		{ 1152921504606846977ULL, 4611686018427387907ULL, 0x1p-2 },
		{ 9223372036854775808ULL, 18446744073709551615ULL, 0x1p-1 },
		{ 12345678901234567ULL, 98765432109876543ULL,
		  0x1.ffffffb1b9668p-4 },
		{ 3, 18446744073709551615ULL, 0x1.8p-63 },
		{ 18446744073709551614ULL, 18446744073709551615ULL, 1.0 },
		{ 1, 18446744073709551615ULL, 0x1p-64 },
		/* Exactly halfway: ties go to the even neighbour. */
		{ 9007199254740993ULL, 18014398509481984ULL, 0x1p-1 },
		{ 9007199254740995ULL, 18014398509481984ULL,
		  0x1.0000000000002p-1 },
		/* Just above halfway: only the sticky bit tells. */
		{ 9007199254740993ULL, 18014398509481983ULL,
		  0x1.0000000000001p-1 },
		/* Where converting num and den to double first goes wrong. */
		{ 1881095652490078569ULL, 16247115873072932264ULL,
		  0x1.da3c6cb65199cp-4 },
		{ 13487958864562975642ULL, 13822712023931014981ULL,
		  0x1.f399bf9580082p-1 },
		{ 7183850473961985350ULL, 16001795929641688097ULL,
		  0x1.cbb6ff0eab1f1p-2 },
		{ 8205770171119394380ULL, 11398726226450727658ULL,
		  0x1.7094becf49de9p-1 },
		{ 11542684757909720133ULL, 12892232507950590962ULL,
		  0x1.ca677f134708bp-1 },
		{ 7069225725891199283ULL, 17802886106043171366ULL,
		  0x1.969cf5b8de299p-2 },
	};
	uint64_t st = 3;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_true(auc_ratio(cases[i].num, cases[i].den) ==
		    cases[i].expected);
	/* Below 2^53 both operands are exact, and IEEE division rounds once. */
	for (int i = 0; i < 100000; i++) {
		uint64_t den = (next_random(&st) >> (11 + i % 40)) + 1;
		uint64_t num = next_random(&st) % (den + 1);
		assert_true(auc_ratio(num, den) == (double)num / (double)den);
	}
}

/* The (num, den) oracle: r = m 2^e is nearest when |num - r den| is least. */
static void
test_auc_ratio_is_nearest_on_random_64_bit_operands(void **state)
{
	typedef unsigned __int128 u128;
	uint64_t st = 17;

	(void)state;
	for (int i = 0; i < 100000; i++) {
		uint64_t den = next_random(&st) | 1, num;
		double r;
		int e;
		uint64_t m;
		u128 lhs, here, up, down;

		num = next_random(&st) % den + 1;
		if (i % 2)
			num >>= i % 60;
		if (num == 0)
			num = 1;
		r = auc_ratio(num, den);
		m = (uint64_t)ldexp(frexp(r, &e), 53);
		e -= 53;	/* r = m 2^e, -117 <= e <= -52 */
		/*
		 * Compare num 2^-e with m den and its neighbours; both are
		 * near 2^53 den < 2^117, so the shift cannot overflow.
		 */
		assert_true(-e + 64 - __builtin_clzll(num) <= 118);
		lhs = (u128)num << -e;
		here = (u128)m * den;
		up = here + den;
		down = here - den;
		{
			u128 dh = lhs > here ? lhs - here : here - lhs;
			u128 du = lhs > up ? lhs - up : up - lhs;
			u128 dd = lhs > down ? lhs - down : down - lhs;
			assert_true(dh <= du && dh <= dd);
			if (dh == du || dh == dd)
				assert_true(m % 2 == 0);
		}
	}
}

static void
test_auc_of_one_class_is_an_error(void **state)
{
	const uint8_t zeros[] = { 0, 0, 0 }, ones[] = { 1, 1, 1 };
	const double s[] = { 0.1, 0.2, 0.3 };
	const double *v[1] = { s };
	struct auc_model m;
	double auc = 42.0;

	(void)state;
	assert_int_equal(auc_exact(zeros, s, 3, &auc), AUC_ONE_CLASS);
	assert_int_equal(auc_exact(ones, s, 3, &auc), AUC_ONE_CLASS);
	assert_int_equal(auc_exact(ones, s, 0, &auc), AUC_ONE_CLASS);
	assert_true(auc == 42.0);
	assert_int_equal(auc_evaluate(ones, 3, v, 1, AUC_WANT_DELONG, &m,
	    NULL), AUC_ONE_CLASS);
	assert_int_equal(auc_evaluate(zeros, 3, v, 1, 0, &m, NULL),
	    AUC_ONE_CLASS);
	assert_null(m.roc);
	assert_string_equal(auc_status_message(AUC_ONE_CLASS),
	    "the labels hold only one class, so the AUC is undefined");
}

static void
test_auc_of_nan_or_infinite_scores_is_an_error(void **state)
{
	const uint8_t y[] = { 0, 1, 0, 1 };
	const double good[] = { 0.1, 0.2, 0.3, 0.4 };
	const double bad[][4] = {
		{ 0.1, NAN, 0.3, 0.4 },
		{ 0.1, 0.2, INFINITY, 0.4 },
		{ -INFINITY, 0.2, 0.3, 0.4 },
		{ 0.1, 0.2, 0.3, -NAN },
	};
	struct auc_model m[2];
	struct auc_comparison c;
	double auc = 42.0;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const double *v[2] = { good, bad[i] };

		assert_int_equal(auc_exact(y, bad[i], 4, &auc),
		    AUC_NOT_FINITE);
		assert_int_equal(auc_evaluate(y, 4, v, 2,
		    AUC_WANT_DELONG | AUC_WANT_ROC, m, &c), AUC_NOT_FINITE);
		/* The first model was fully scored, then released. */
		assert_null(m[0].roc);
		assert_true(m[0].auc == 0.0 && m[0].roc_count == 0);
		assert_false(c.valid);
	}
	assert_true(auc == 42.0);
	assert_string_equal(auc_status_message(AUC_NOT_FINITE),
	    "a score is NaN or infinite");
}

static void
test_auc_of_too_many_rows_is_an_error(void **state)
{
	const uint8_t y[] = { 0, 1 };
	const double s[] = { 0.1, 0.2 };
	const double *v[1] = { s };
	struct auc_model m;
	double auc;

	(void)state;
	/* The row count is checked before anything is read. */
	assert_int_equal(auc_exact(y, s, AUC_MAX_ROWS + 1, &auc),
	    AUC_TOO_MANY);
	assert_int_equal(auc_evaluate(y, AUC_MAX_ROWS + 1, v, 1, 0, &m, NULL),
	    AUC_TOO_MANY);
	assert_non_null(auc_status_message(AUC_TOO_MANY));
	assert_non_null(auc_status_message(AUC_NOMEM));
	assert_string_equal(auc_status_message(AUC_OK), "ok");
}

/* The trapezoids under an unsimplified ROC curve add up to the AUC. */
static double
roc_area(const struct auc_model *m)
{
	double area = 0.0;

	for (size_t i = 1; i < m->roc_count; i++)
		area += (m->roc[i].fpr - m->roc[i - 1].fpr) *
		    (m->roc[i].tpr + m->roc[i - 1].tpr) / 2.0;
	return area;
}

static void
check_roc_shape(const struct auc_model *m, const uint8_t *y, const double *s,
		size_t n)
{
	assert_true(m->roc_count >= 2 && m->roc_count <= AUC_ROC_MAX_POINTS);
	assert_true(m->roc[0].fpr == 0.0 && m->roc[0].tpr == 0.0);
	assert_true(m->roc[m->roc_count - 1].fpr == 1.0);
	assert_true(m->roc[m->roc_count - 1].tpr == 1.0);
	for (size_t i = 0; i < m->roc_count; i++) {
		uint64_t tp = 0, fp = 0;
		for (size_t r = 0; r < n; r++) {
			if (s[r] >= m->roc[i].threshold) {
				tp += y[r];
				fp += !y[r];
			}
		}
		assert_true(m->roc[i].tpr == (double)tp / m->positives);
		assert_true(m->roc[i].fpr == (double)fp / m->negatives);
		if (i > 0) {
			/* Both classes between any two points. */
			assert_true(m->roc_count == 2 ||
			    (m->roc[i].fp - m->roc[i - 1].fp >=
			    AUC_ROC_MIN_COUNT &&
			    m->roc[i].tp - m->roc[i - 1].tp >=
			    AUC_ROC_MIN_COUNT));
			assert_true(m->roc[i].threshold <
			    m->roc[i - 1].threshold);
			assert_true(m->roc[i].fpr >= m->roc[i - 1].fpr);
			assert_true(m->roc[i].tpr >= m->roc[i - 1].tpr);
		}
	}
}

/* Too few of a class to say anything about any range: the chord alone. */
static void
test_auc_small_roc_is_only_the_chord(void **state)
{
	const uint8_t y[] = { 1, 1, 0, 1, 1, 1, 0, 0, 1, 0 };
	const double s[] = { .9, .8, .7, .6, .55, .54, .53, .52, .51, .505 };
	struct auc_model m;

	(void)state;
	m = evaluate_one(y, s, 10, AUC_WANT_ROC);
	check_roc_shape(&m, y, s, 10);
	assert_int_equal(m.roc_count, 2);
	assert_int_equal(m.roc[1].fp, 4);
	assert_int_equal(m.roc[1].tp, 6);
	auc_model_release(&m);
}

/*
 * Runs of one class, top score first: 10 positives, 5 negatives, 15
 * positives, 10 negatives, 5 positives, 5 negatives, every score distinct.
 * Every row is a vertex; a point is kept once 5 of each class lie since the
 * last one, and the end absorbs a range too thin to stand alone.
 */
static void
test_auc_roc_points_never_isolate_one_class(void **state)
{
	static const int runs[] = { 10, 5, 15, 10, 5, 5 };
	static const uint64_t fp[] = { 0, 5, 10, 20 }, tp[] = { 0, 10, 25, 30 };
	uint8_t y[50];
	double s[50];
	struct auc_model m;
	size_t n = 0;

	(void)state;
	for (int r = 0; r < 6; r++) {
		for (int k = 0; k < runs[r]; k++, n++) {
			y[n] = r % 2 == 0;
			s[n] = 1.0 - (double)n / 64.0;
		}
	}
	m = evaluate_one(y, s, n, AUC_WANT_ROC);
	check_roc_shape(&m, y, s, n);
	assert_int_equal(m.roc_count, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(m.roc[i].fp, fp[i]);
		assert_int_equal(m.roc[i].tp, tp[i]);
	}
	auc_model_release(&m);
}

static void
test_auc_large_roc_is_simplified_faithfully(void **state)
{
	enum { N = 200000 };
	static uint8_t y[N];
	static double s[N];
	struct auc_model m;

	(void)state;
	for (int ties = 0; ties < 2; ties++) {
		random_rows(y, s, N, 5 + (uint64_t)ties, ties);
		m = evaluate_one(y, s, N, AUC_WANT_ROC | AUC_WANT_DELONG);
		check_roc_shape(&m, y, s, N);
		if (ties) {
			/* 101 distinct scores; thin ranges merged. */
			assert_true(m.roc_count <= 102);
			assert_close(roc_area(&m), m.auc, 1e-3);
		} else {
			assert_int_equal(m.roc_count, AUC_ROC_MAX_POINTS);
			assert_close(roc_area(&m), m.auc, 1e-4);
		}
		auc_model_release(&m);
	}
	auc_model_release(NULL);
}

/*
 * Scores of several shapes that steer the partition down different roads:
 * all distinct, few values, exact 0 and 1 beside a spread (the skew of real
 * probabilities), powers of two into the subnormals with both signs and
 * both zeros, values that differ only in their last bits.
 */
static double
shaped_score(uint64_t *st, int shape, int positive)
{
	uint64_t r = next_random(st);

	switch (shape) {
	case 0:
		return random_unit(st) + (positive ? 0.1 : 0.0);
	case 1:
		return (double)(r % 3) / 2.0;
	case 2:
		if (r % 10 < 3)
			return 0.0;
		if (r % 10 < 5)
			return 1.0;
		return random_unit(st) * (positive ? 1.0 : 0.8);
	case 3:
		if (r % 50 == 0)
			return r % 100 == 0 ? -0.0 : 0.0;
		return ldexp(r % 2 ? 1.0 : -1.0, -(int)(r % 1100) +
		    (positive ? 3 : 0));
	default:
		return 0.5 + (double)(r % 96 + (positive ? 8 : 0)) *
		    0x1p-53;
	}
}

/*
 * For each row, a = 2 (other class below) + (other class tied) for a
 * positive, b = 2 (other class above) + tied for a negative: pair by pair.
 */
static void
brute_components(const uint8_t *y, const double *s, size_t n, uint64_t *c)
{
	for (size_t i = 0; i < n; i++) {
		c[i] = 0;
		for (size_t j = 0; j < n; j++) {
			if (y[j] == y[i])
				continue;
			if (y[i])
				c[i] += (uint64_t)(s[j] < s[i]) +
				    (s[j] <= s[i]);
			else
				c[i] += (uint64_t)(s[j] > s[i]) +
				    (s[j] >= s[i]);
		}
	}
}

/* (X_pos / (P-1) + X_neg / (N-1)) / (2PN)^2 over per-row values v. */
static double
brute_variance(const uint8_t *y, const int64_t *v, size_t n, uint64_t p,
	       uint64_t q)
{
	__int128 sum[2] = { 0, 0 }, sq[2] = { 0, 0 }, x[2];
	double twopn = (double)(2 * p * q);

	for (size_t i = 0; i < n; i++) {
		sum[y[i] ? 0 : 1] += v[i];
		sq[y[i] ? 0 : 1] += (__int128)v[i] * v[i];
	}
	x[0] = (__int128)p * sq[0] - sum[0] * sum[0];
	x[1] = (__int128)q * sq[1] - sum[1] * sum[1];
	return ((double)x[0] / (double)(p - 1) +
	    (double)x[1] / (double)(q - 1)) / (twopn * twopn);
}

/*
 * The partition against a pair-by-pair oracle: 2U, the DeLong variance and
 * the paired test's z, all bit for bit, with and without ROC points (which
 * switch the traversal to sorted leaves), and auc_exact() too.
 */
static void
test_auc_partition_matches_pairwise_oracle(void **state)
{
	enum { N = 5000 };
	static const size_t sizes[] = { 3, 31, 33, 40, 257, 1500, N };
	static uint8_t y[N];
	static double s[2][N];
	static uint64_t c[2][N];
	static int64_t d[N];
	uint64_t st = 77;

	(void)state;
	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
		for (int shape = 0; shape < 5; shape++) {
			size_t n = sizes[z];
			uint64_t p = 0, u2[2] = { 0, 0 };
			const double *v[2] = { s[0], s[1] };

			for (size_t i = 0; i < n; i++) {
				y[i] = i < 2 ? (uint8_t)i :
				    next_random(&st) % 10 < 3;
				p += y[i];
				s[0][i] = shaped_score(&st, shape, y[i]);
				s[1][i] = shaped_score(&st, (shape + 1) % 5,
				    y[i]);
			}
			for (int m = 0; m < 2; m++) {
				brute_components(y, s[m], n, c[m]);
				for (size_t i = 0; i < n; i++) {
					if (y[i])
						u2[m] += c[m][i];
					d[i] = (int64_t)c[m][i];
				}
			}
			for (int roc = 0; roc < 2; roc++) {
				struct auc_model a[2];
				struct auc_comparison cmp;
				unsigned flags = AUC_WANT_DELONG |
				    (roc ? AUC_WANT_ROC : 0);

				assert_int_equal(auc_evaluate(y, n, v, 2,
				    flags, a, &cmp), AUC_OK);
				for (int m = 0; m < 2; m++) {
					assert_true(a[m].u2 == u2[m]);
					assert_true(a[m].auc ==
					    exact_auc(y, s[m], n));
					for (size_t i = 0; i < n; i++)
						d[i] = (int64_t)c[m][i];
					if (p >= 2 && n - p >= 2 &&
					    a[m].se_valid)
						assert_true(a[m].variance ==
						    brute_variance(y, d, n, p,
						    n - p));
					auc_model_release(&a[m]);
				}
				for (size_t i = 0; i < n; i++)
					d[i] = (int64_t)c[0][i] -
					    (int64_t)c[1][i];
				if (cmp.valid)
					assert_true(cmp.z == cmp.difference /
					    sqrt(brute_variance(y, d, n, p,
					    n - p)));
			}
		}
	}
}

/* Large inputs, many levels deep: the sorted and the unsorted traversals
 * agree on every figure. */
static void
test_auc_sorted_and_unsorted_traversals_agree(void **state)
{
	enum { N = 150000 };
	static uint8_t y[N];
	static double s[2][N];
	uint64_t st = 78;

	(void)state;
	for (int shape = 0; shape < 5; shape++) {
		const double *v[2] = { s[0], s[1] };
		struct auc_model a[2], b[2];
		struct auc_comparison ca, cb;

		for (size_t i = 0; i < N; i++) {
			y[i] = next_random(&st) % 10 < 3;
			s[0][i] = shaped_score(&st, shape, y[i]);
			s[1][i] = shaped_score(&st, (shape + 2) % 5, y[i]);
		}
		assert_int_equal(auc_evaluate(y, N, v, 2, AUC_WANT_DELONG, a,
		    &ca), AUC_OK);
		assert_int_equal(auc_evaluate(y, N, v, 2,
		    AUC_WANT_DELONG | AUC_WANT_ROC, b, &cb), AUC_OK);
		for (int m = 0; m < 2; m++) {
			assert_true(a[m].u2 == b[m].u2);
			assert_true(a[m].auc == exact_auc(y, s[m], N));
			assert_true(a[m].se_valid == b[m].se_valid);
			assert_true(a[m].variance == b[m].variance);
			check_roc_shape(&b[m], y, s[m], N);
			auc_model_release(&b[m]);
		}
		assert_true(ca.valid == cb.valid);
		assert_true(ca.z == cb.z && ca.p_value == cb.p_value);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_auc_perfect_ranking_is_one),
		cmocka_unit_test(test_auc_reversed_ranking_is_zero),
		cmocka_unit_test(test_auc_tied_pair_is_one_half),
		cmocka_unit_test(test_auc_partial_ties_match_sklearn),
		cmocka_unit_test(test_auc_tiny_score_gap_still_separates),
		cmocka_unit_test(test_auc_ten_rows_match_sklearn),
		cmocka_unit_test(
		    test_auc_heavy_ties_match_sklearn_on_ten_thousand_rows),
		cmocka_unit_test(test_auc_delong_matches_proc_on_asah_ndka),
		cmocka_unit_test(
		    test_auc_paired_test_matches_independent_delong),
		cmocka_unit_test(
		    test_auc_identical_models_have_no_valid_comparison),
		cmocka_unit_test(test_auc_three_models_are_each_scored),
		cmocka_unit_test(test_auc_one_positive_has_no_standard_error),
		cmocka_unit_test(test_auc_all_ties_is_one_half),
		cmocka_unit_test(test_auc_of_one_minus_p_is_one_minus_auc),
		cmocka_unit_test(
		    test_auc_is_invariant_under_increasing_transforms),
		cmocka_unit_test(test_auc_is_invariant_under_row_permutation),
		cmocka_unit_test(test_auc_radix_order_equals_qsort_order),
		cmocka_unit_test(
		    test_auc_sort_refuses_nan_and_leaves_values_alone),
		cmocka_unit_test(test_auc_ratio_is_correctly_rounded),
		cmocka_unit_test(
		    test_auc_ratio_is_nearest_on_random_64_bit_operands),
		cmocka_unit_test(test_auc_of_one_class_is_an_error),
		cmocka_unit_test(test_auc_of_nan_or_infinite_scores_is_an_error),
		cmocka_unit_test(test_auc_of_too_many_rows_is_an_error),
		cmocka_unit_test(test_auc_small_roc_is_only_the_chord),
		cmocka_unit_test(test_auc_roc_points_never_isolate_one_class),
		cmocka_unit_test(test_auc_large_roc_is_simplified_faithfully),
		cmocka_unit_test(test_auc_partition_matches_pairwise_oracle),
		cmocka_unit_test(
		    test_auc_sorted_and_unsorted_traversals_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
