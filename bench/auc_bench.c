/*
 * auc_bench.c: timings and peak memory of the AUC core, for bench/run.
 *
 *   auc_bench time N TIES [PREFIX]  prints "exact delong paired roc qsort"
 *                                   (milliseconds, best of several runs);
 *                                   with PREFIX, also writes PREFIX.y (uint8)
 *                                   and PREFIX.s (float64) for numpy
 *   auc_bench mem N TIES            prints the peak extra bytes a row that
 *                                   auc_exact() and auc_evaluate() (two
 *                                   models, paired test, ROC) use
 *   auc_bench csv N LABELS SCORES   writes the end-to-end CSV inputs
 *
 * The data are synthetic: 30% positives, scores (u + 0.3 y) / 1.3 with 53
 * random bits (all distinct), or with TIES = 1 rounded to two decimals.
 * The qsort row computes auc_exact()'s statistic the textbook way with a
 * comparison sort: split by class, qsort() each, merge-walk (the method
 * auc.c used, with a radix sort, before it partitioned instead).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "auc.h"

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

static void
generate(uint8_t *y, double *s, double *s2, size_t n, int ties)
{
	uint64_t st = 2026 + (uint64_t)ties;

	for (size_t i = 0; i < n; i++) {
		double u = (double)(next_random(&st) >> 11) * 0x1p-53;
		double u2 = (double)(next_random(&st) >> 11) * 0x1p-53;

		y[i] = next_random(&st) % 10 < 3;
		s[i] = (u + 0.3 * y[i]) / 1.3;
		s2[i] = (u2 + 0.2 * y[i] + 0.1 * u) / 1.3;
		if (ties) {
			s[i] = (double)(long)(s[i] * 100.0 + 0.5) / 100.0;
			s2[i] = (double)(long)(s2[i] * 100.0 + 0.5) / 100.0;
		}
	}
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* auc_exact()'s 2U from qsort()ed class arrays, merge-walked. */
static double
qsort_auc(const uint8_t *y, const double *s, size_t n)
{
	double *pos = malloc(n * sizeof *pos), *neg;
	size_t np = 0, nn = 0, i = 0, j = 0;
	uint64_t u2 = 0;

	if (pos == NULL)
		exit(70);
	neg = pos;
	for (size_t k = 0; k < n; k++)
		np += y[k] != 0;
	neg = pos + np;
	for (size_t k = 0, a = 0, b = 0; k < n; k++) {
		double v = s[k] + 0.0;
		if (y[k])
			pos[a++] = v;
		else
			neg[b++] = v;
	}
	nn = n - np;
	qsort(pos, np, sizeof *pos, compare_doubles);
	qsort(neg, nn, sizeof *neg, compare_doubles);
	while (i < np) {
		double v = pos[i];
		size_t lo, run = 1;

		while (j < nn && neg[j] < v)
			j++;
		lo = j;
		while (j < nn && neg[j] == v)
			j++;
		while (i + run < np && pos[i + run] == v)
			run++;
		u2 += (uint64_t)run * (2 * lo + (j - lo));
		i += run;
	}
	free(pos);
	return auc_ratio(u2, 2 * (uint64_t)np * nn);
}

enum what { EXACT, DELONG, PAIRED, ROC, QSORT };

static double
run_once(enum what w, const uint8_t *y, const double *s, const double *s2,
	 size_t n, double *auc)
{
	const double *v[2] = { s, s2 };
	struct auc_model m[2];
	struct auc_comparison c;
	double t0 = now_ms(), t;
	enum auc_status st = AUC_OK;

	switch (w) {
	case EXACT:
		st = auc_exact(y, s, n, auc);
		break;
	case DELONG:
		st = auc_evaluate(y, n, v, 1, AUC_WANT_DELONG, m, NULL);
		*auc = m[0].auc;
		break;
	case PAIRED:
		st = auc_evaluate(y, n, v, 2, AUC_WANT_DELONG, m, &c);
		*auc = m[0].auc;
		break;
	case ROC:
		st = auc_evaluate(y, n, v, 1, AUC_WANT_DELONG | AUC_WANT_ROC,
		    m, NULL);
		*auc = m[0].auc;
		break;
	case QSORT:
		*auc = qsort_auc(y, s, n);
		break;
	}
	t = now_ms() - t0;
	if (st != AUC_OK) {
		fprintf(stderr, "auc_bench: %s\n", auc_status_message(st));
		exit(70);
	}
	if (w == DELONG || w == ROC)
		auc_model_release(&m[0]);
	if (w == PAIRED) {
		auc_model_release(&m[0]);
		auc_model_release(&m[1]);
	}
	return t;
}

/* The best of several runs, at least three and about a second in all. */
static double
best_of(enum what w, const uint8_t *y, const double *s, const double *s2,
	size_t n, double *auc)
{
	double best = 1e300, spent = 0.0;

	for (int r = 0; r < 20 && (r < 3 || spent < 1000.0); r++) {
		double t = run_once(w, y, s, s2, n, auc);
		spent += t;
		if (t < best)
			best = t;
		if (n >= 10000000 && r >= 2)
			break;
	}
	return best;
}

static int
write_file(const char *prefix, const char *ext, const void *p, size_t size)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s%s", prefix, ext);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(p, 1, size, f) != size || fclose(f) != 0)
		return -1;
	return 0;
}

static long
maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

int
main(int argc, char **argv)
{
	uint8_t *y;
	double *s, *s2, auc[5];
	size_t n;

	if (argc < 4) {
		fprintf(stderr, "usage: auc_bench time|mem|csv N ...\n");
		return 64;
	}
	n = strtoul(argv[2], NULL, 10);
	y = malloc(n);
	s = malloc(n * sizeof *s);
	s2 = malloc(n * sizeof *s2);
	if (y == NULL || s == NULL || s2 == NULL)
		return 70;
	if (strcmp(argv[1], "csv") == 0) {
		FILE *fy, *fs;

		generate(y, s, s2, n, 0);
		if (argc < 5 || (fy = fopen(argv[3], "w")) == NULL ||
		    (fs = fopen(argv[4], "w")) == NULL)
			return 66;
		fprintf(fy, "y\n");
		for (size_t i = 0; i < n; i++) {
			fprintf(fy, "%d\n", y[i]);
			fprintf(fs, "%.6f\n", s[i]);
		}
		return fclose(fy) != 0 || fclose(fs) != 0 ? 74 : 0;
	}
	generate(y, s, s2, n, atoi(argv[3]));
	if (strcmp(argv[1], "mem") == 0) {
		/* A fresh process: its peak so far is the inputs. */
		long base = maxrss_kb(), exact, full;

		run_once(EXACT, y, s, s2, n, &auc[0]);
		exact = maxrss_kb();
		run_once(PAIRED, y, s, s2, n, &auc[0]);
		run_once(ROC, y, s, s2, n, &auc[0]);
		full = maxrss_kb();
		printf("%.1f %.1f\n", (double)(exact - base) * 1024.0 / n,
		    (double)(full - base) * 1024.0 / n);
		return 0;
	}
	printf("%.3f %.3f %.3f %.3f %.3f\n",
	    best_of(EXACT, y, s, s2, n, &auc[0]),
	    best_of(DELONG, y, s, s2, n, &auc[1]),
	    best_of(PAIRED, y, s, s2, n, &auc[2]),
	    best_of(ROC, y, s, s2, n, &auc[3]),
	    best_of(QSORT, y, s, s2, n, &auc[4]));
	for (int k = 1; k < 5; k++) {
		if (auc[k] != auc[0]) {
			fprintf(stderr, "auc_bench: AUCs differ: %.17g %.17g\n",
			    auc[0], auc[k]);
			return 70;
		}
	}
	fprintf(stderr, "auc %.17g\n", auc[0]);
	if (argc > 4 && (write_file(argv[4], ".y", y, n) != 0 ||
	    write_file(argv[4], ".s", s, n * sizeof *s) != 0))
		return 74;
	return 0;
}
