/*
 * fuzz_auc.c: libFuzzer target for the AUC core.  Each input becomes a
 * label vector and two score vectors (up to MAX_ROWS rows) whose scores are
 * drawn from shapes that steer the radix partition down different roads:
 * few values (ties), powers of two into the subnormals with both signs,
 * values that differ in their last bits, both zeros, raw 64-bit patterns
 * (NaN and infinities among them).  Then:
 *
 * - auc_evaluate() with DeLong and the paired test, unordered, and again
 *   with ROC points (the ordered traversal), agree bit for bit, and with
 *   auc_exact();
 * - up to ORACLE_ROWS rows, 2U and both variances equal a pair-by-pair
 *   count;
 * - auc_sort_doubles() gives qsort's order;
 * - a one-class or non-finite input gives its status from every call.
 *
 * Any disagreement aborts.  Built and run by fuzz/run.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auc.h"

#define MAX_ROWS	4096
#define ORACLE_ROWS	400

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t labels[MAX_ROWS];
static double scores[2][MAX_ROWS], sorted[MAX_ROWS];

/* One score from the input at *at, in the shape given by mode (0..7). */
static double
take_score(const uint8_t *data, size_t size, size_t *at, unsigned mode)
{
	uint8_t v = *at < size ? data[(*at)++] : 0;
	uint64_t bits = 0;
	double d;

	switch (mode) {
	case 0:
	case 1:
		return (double)(v % 16) / 16.0;
	case 2:
		return ldexp(v & 1 ? -1.0 : 1.0, -(int)(v >> 1) * 9);
	case 3:
		return 0.5 + (double)v * 0x1p-53;
	case 4:
		return v & 1 ? -0.0 : 0.0;
	case 5:
		return (double)v / 255.0;
	default:
		for (int b = 0; b < 8 && *at < size; b++)
			bits |= (uint64_t)data[(*at)++] << (8 * b);
		memcpy(&d, &bits, sizeof d);
		return d;
	}
}

static int
compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* 2U of one model and its DeLong variance, pair by pair. */
static void
oracle(const double *s, size_t n, uint64_t p, uint64_t *u2, double *var,
       int *valid)
{
	unsigned __int128 sum[2] = { 0, 0 }, sq[2] = { 0, 0 }, x[2];
	uint64_t q = n - p;
	double twopn = (double)(2 * p * q);

	*u2 = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t c = 0;
		int k = labels[i] ? 0 : 1;

		for (size_t j = 0; j < n; j++) {
			if (labels[j] == labels[i])
				continue;
			if (labels[i])
				c += (uint64_t)(s[j] < s[i]) + (s[j] <= s[i]);
			else
				c += (uint64_t)(s[j] > s[i]) + (s[j] >= s[i]);
		}
		if (labels[i])
			*u2 += c;
		sum[k] += c;
		sq[k] += (unsigned __int128)c * c;
	}
	x[0] = p * sq[0] - sum[0] * sum[0];
	x[1] = q * sq[1] - sum[1] * sum[1];
	*valid = p >= 2 && q >= 2 && (x[0] != 0 || x[1] != 0);
	*var = *valid ? ((double)x[0] / (double)(p - 1) +
	    (double)x[1] / (double)(q - 1)) / (twopn * twopn) : 0.0;
}

static int
same_model(const struct auc_model *a, const struct auc_model *b)
{
	return a->u2 == b->u2 && a->auc == b->auc &&
	    a->se_valid == b->se_valid && a->variance == b->variance &&
	    a->ci95[0] == b->ci95[0] && a->ci95[1] == b->ci95[1];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const double *v[2] = { scores[0], scores[1] };
	struct auc_model a[2], b[2];
	struct auc_comparison ca, cb;
	enum auc_status sa, sb, se;
	size_t n = 0, at = 0;
	uint64_t p = 0;
	int finite = 1;
	double e;

	while (n < MAX_ROWS && at < size) {
		uint8_t h = data[at++];

		labels[n] = h & 1;
		p += labels[n];
		for (int m = 0; m < 2; m++) {
			scores[m][n] = take_score(data, size, &at,
			    (h >> (1 + 3 * m)) & 7);
			finite &= isfinite(scores[m][n]) != 0;
		}
		n++;
	}
	sa = auc_evaluate(labels, n, v, 2, AUC_WANT_DELONG, a, &ca);
	sb = auc_evaluate(labels, n, v, 2, AUC_WANT_DELONG | AUC_WANT_ROC, b,
	    &cb);
	se = auc_exact(labels, scores[0], n, &e);
	if (sa != sb)
		abort();
	if (p == 0 || p == n) {
		if (sa != AUC_ONE_CLASS || se != AUC_ONE_CLASS)
			abort();
		return 0;
	}
	if (!finite) {
		if (sa != AUC_NOT_FINITE)
			abort();
		return 0;
	}
	if (sa != AUC_OK || se != AUC_OK || e != a[0].auc)
		abort();
	for (int m = 0; m < 2; m++) {
		if (!same_model(&a[m], &b[m]) || b[m].roc_count < 2)
			abort();
		auc_model_release(&a[m]);
		auc_model_release(&b[m]);
	}
	if (ca.valid != cb.valid || ca.z != cb.z ||
	    ca.p_value != cb.p_value || ca.difference != cb.difference)
		abort();
	if (n <= ORACLE_ROWS) {
		for (int m = 0; m < 2; m++) {
			uint64_t u2;
			double var;
			int valid;

			oracle(scores[m], n, p, &u2, &var, &valid);
			if (u2 != a[m].u2 || valid != a[m].se_valid ||
			    var != a[m].variance)
				abort();
		}
	}
	memcpy(sorted, scores[0], n * sizeof sorted[0]);
	if (auc_sort_doubles(sorted, n) != 0)
		abort();
	qsort(scores[0], n, sizeof scores[0][0], compare_doubles);
	for (size_t i = 0; i < n; i++)
		if (sorted[i] != scores[0][i] ||
		    (sorted[i] == 0.0 && signbit(sorted[i])))
			abort();
	return 0;
}
