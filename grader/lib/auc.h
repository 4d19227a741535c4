/*
 * auc.h: the numerical core.  Exact ROC AUC (the Mann-Whitney statistic with
 * ties counted one half, as the integer 2U over 2PN, rounded once to double),
 * DeLong standard errors and confidence intervals, the paired DeLong test of
 * two models, and ROC curve points.  Depends on nothing else of ours.
 */
#ifndef GRADER_AUC_H
#define GRADER_AUC_H

#include <stddef.h>
#include <stdint.h>

enum auc_status {
	AUC_OK = 0,
	AUC_ONE_CLASS,		/* labels hold only one class: AUC undefined */
	AUC_NOT_FINITE,		/* a score is NaN or infinite */
	AUC_TOO_MANY,		/* more than AUC_MAX_ROWS rows */
	AUC_NOMEM,
};

#define AUC_MAX_ROWS ((size_t)INT32_MAX)
#define AUC_ROC_MAX_POINTS 256
/*
 * Between two consecutive ROC points lie at least this many positives and
 * as many negatives (or the two ends are the only points), so that the
 * points never give away the class of a particular row.
 */
#define AUC_ROC_MIN_COUNT 5

/* Requests for auc_evaluate(). */
#define AUC_WANT_DELONG 0x1u	/* standard errors, CIs and the paired test */
#define AUC_WANT_ROC	0x2u	/* ROC curve points */

struct auc_roc_point {
	uint64_t fp, tp;	/* negatives and positives called positive */
	double fpr;		/* fp / N */
	double tpr;		/* tp / P */
	double threshold;	/* scores >= threshold are called positive */
};

struct auc_model {
	uint64_t positives, negatives;
	uint64_t u2;		/* 2U: twice the Mann-Whitney U, exact */
	double auc;		/* u2 / (2 P N), correctly rounded once */
	/* DeLong; se_valid is 0 when the variance is undefined or zero. */
	int se_valid;
	double variance, se, ci95[2];	/* CI clipped to [0, 1] */
	/* ROC points from (0,0) to (1,1), at most AUC_ROC_MAX_POINTS; owned
	 * by the model, freed by auc_model_release(). */
	struct auc_roc_point *roc;
	size_t roc_count;
};

struct auc_comparison {
	int valid;		/* 0 when the variance of the difference is 0 */
	double difference;	/* auc[0] - auc[1] */
	double z, p_value;	/* two-sided */
};

/*
 * Evaluates k score vectors against one label vector of n rows (labels are
 * 0 or 1).  Fills models[0..k-1]; when k >= 2, cmp is non-NULL and flags has
 * AUC_WANT_DELONG, also the paired DeLong test of models 0 and 1.
 * Returns AUC_OK or an error status (models are then released and zeroed).
 * The caller releases each model with auc_model_release().
 */
enum auc_status auc_evaluate(const uint8_t *labels, size_t n,
			     const double *const *scores, size_t k,
			     unsigned flags, struct auc_model *models,
			     struct auc_comparison *cmp);

/* Frees what auc_evaluate() allocated in one model; NULL is a no-op. */
void auc_model_release(struct auc_model *m);

/* The exact AUC of one model, nothing else: the fast path for callers (and
 * benchmarks) that need no statistics. */
enum auc_status auc_exact(const uint8_t *labels, const double *scores,
			  size_t n, double *auc);

/* Rounds num/den (den > 0, num <= den) to the nearest double, once. */
double auc_ratio(uint64_t num, uint64_t den);

/* A fixed message for a status, for callers to put into a problem. */
const char *auc_status_message(enum auc_status s);

/*
 * Sorts v[0..n) ascending, in place, with the ordered traversal of the
 * radix partition the AUC is built on (exposed so that tests can hold its
 * order against qsort's).  -0.0 comes back as +0.0, since the AUC treats
 * the two zeros as one score.  Returns 0, or -1 when a value is NaN or
 * infinite, memory runs out or n exceeds AUC_MAX_ROWS (v is then
 * untouched).  Uses 8 bytes a value of temporary memory, and 8 more per
 * value of the largest top-level bucket.
 */
int auc_sort_doubles(double *v, size_t n);

#endif
