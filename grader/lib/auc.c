/*
 * auc.c: the numerical core.
 *
 * Scores are mapped to unsigned 64-bit keys whose integer order is the
 * numeric order of the doubles (after -0.0 is folded into +0.0), so that ties
 * are exact key equality and every comparison is an integer one.
 *
 * Every statistic here needs, for each positive, the number of negatives
 * scored below it and tied with it, and for each negative the same of the
 * positives: not an order.  The rows of both classes are therefore
 * partitioned together, MSD radix fashion, on the same digits of their keys
 * (partition()): everything in a lower part is below everything in a higher
 * one, so a part's rows need only the class counts of the parts below it,
 * plus what happens inside the part.  Parts that hold one class, or one
 * score, are finished at once; small ones are finished by comparing their
 * positives with their negatives.  No array is ever sorted in full.  When an
 * order is wanted (ROC points, auc_sort_doubles()), the small parts are
 * sorted and visited in ascending order instead.
 *
 * A positive with j negatives below it and ng tied with it has the DeLong
 * component V10 = (2j + ng) / 2N; the sum of those numerators over all
 * positives is 2U.  The same holds for negatives and V01.  All counts and all
 * sums that the variances need are kept in exact integers (64 or 128 bits);
 * floating point enters only at the very end, so that the AUC is rounded
 * once and a variance is zero exactly when the data make it zero.
 *
 * docs/auc.md gives the arguments in full, with the benchmark figures.
 */
#include "auc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef unsigned __int128 u128;

#define SIGN_BIT	((uint64_t)1 << 63)
#define EXP_MASK	((uint64_t)0x7ff << 52)

/* The 97.5% quantile of the standard normal distribution. */
#define Z_975		1.959963984540054

/*
 * The ROC curve is first reduced to at most ROC_CANDIDATES points (first and
 * last point of each of ROC_BINS equal slices of its L1 arc length) when it
 * has more distinct thresholds than that, then simplified to
 * AUC_ROC_MAX_POINTS; see roc_build().
 */
#define ROC_BINS	32768
#define ROC_CANDIDATES	(2 * ROC_BINS + 3)

const char *
auc_status_message(enum auc_status s)
{
	switch (s) {
	case AUC_OK:
		return "ok";
	case AUC_ONE_CLASS:
		return "the labels hold only one class, so the AUC is undefined";
	case AUC_NOT_FINITE:
		return "a score is NaN or infinite";
	case AUC_TOO_MANY:
		return "too many rows for the AUC (at most 2147483647)";
	case AUC_NOMEM:
		return "out of memory while computing the AUC";
	}
	return "unknown AUC status";
}

/*
 * Rounds num/den to the nearest double (ties to even), once.  The quotient
 * is formed in 128-bit integer arithmetic with exactly 64 significant bits,
 * and a sticky bit records whether the division left a remainder; the
 * conversion of that 64-bit integer to double is then the only rounding, and
 * the sticky bit makes it see the discarded tail as the true quotient's.
 * The scaling by ldexp() is exact: the result lies in [2^-64, 1].
 */
double
auc_ratio(uint64_t num, uint64_t den)
{
	u128 scaled, q;
	uint64_t q64;
	int ln, ld, shift;

	if (num == 0 || den == 0)
		return 0.0;
	ln = 64 - __builtin_clzll(num);
	ld = 64 - __builtin_clzll(den);
	/*
	 * With shift = 63 + ld - ln the quotient lies in [2^62, 2^64); one
	 * more bit of shift brings it into [2^63, 2^64) when it fell short.
	 * num << shift stays below 2^(64 + ld) <= 2^128.
	 */
	shift = 63 + ld - ln;
	scaled = (u128)num << shift;
	q = scaled / den;
	if (q < ((u128)1 << 63)) {
		shift++;
		scaled = (u128)num << shift;
		q = scaled / den;
	}
	q64 = (uint64_t)q;
	if (scaled % den != 0)
		q64 |= 1;
	return ldexp((double)q64, -shift);
}

/*
 * The sort buffers.  A scatter pass writes to 2048 places at once; with 4 KiB
 * pages that is 2048 TLB entries, more than the hardware holds, and nearly
 * every write misses.  Large buffers are therefore aligned to 2 MiB and
 * offered to the kernel as transparent huge pages (a hint: where it is not
 * taken, only speed suffers).  Freed with free().
 */
static void *
big_alloc(size_t size)
{
	const size_t huge = (size_t)2 << 20;
	void *p;

	if (size < 2 * huge)
		return malloc(size);
	size = (size + huge - 1) / huge * huge;
	p = aligned_alloc(huge, size);
#ifdef MADV_HUGEPAGE
	if (p != NULL)
		(void)madvise(p, size, MADV_HUGEPAGE);
#endif
	return p;
}

/*
 * Maps a finite double to a key whose unsigned order is the double's order.
 * Adding +0.0 turns -0.0 into +0.0 (round to nearest) and leaves every
 * other value alone, so the two zeros get one key and tie.  Non-negative
 * values get their sign bit set; negative ones are complemented, which
 * reverses their order as it must.
 */
static inline uint64_t
key_of(double d, uint64_t *bad)
{
	uint64_t b;

	d += 0.0;
	memcpy(&b, &d, sizeof b);
	*bad |= (uint64_t)((b & EXP_MASK) == EXP_MASK);
	/* All ones for a negative double (its sign bit set), else zero. */
	return b ^ (((uint64_t)0 - (b >> 63)) | SIGN_BIT);
}

static inline double
double_of(uint64_t key)
{
	uint64_t b = (key & SIGN_BIT) ? key ^ SIGN_BIT : ~key;
	double d;

	memcpy(&d, &b, sizeof d);
	return d;
}

/*
 * The sorted scores of one model: positives ps[0..np) and negatives
 * ns[0..nn), ascending, with what they carry for the paired test, pp and
 * pn, when it needs them.
 */
struct sorted {
	const uint64_t *ps, *ns;
	const uint32_t *pp, *pn;
	size_t np, nn;
};

/*
 * A walk over the groups of equal scores, ascending.  After walk_next()
 * returns 1, the group's key is v, it holds pg positives starting at ps[i]
 * and ng negatives starting at ns[j]; i and j are also the numbers of
 * positives and negatives scored strictly below the group.
 */
struct walk {
	const struct sorted *s;
	size_t i, j, pg, ng;
	uint64_t v;
};

static inline void
walk_start(struct walk *w, const struct sorted *s)
{
	w->s = s;
	w->i = w->j = w->pg = w->ng = 0;
}

static inline int
walk_next(struct walk *w)
{
	const struct sorted *s = w->s;
	size_t i = w->i + w->pg, j = w->j + w->ng, e;
	uint64_t v;

	if (i == s->np && j == s->nn)
		return 0;
	if (i == s->np)
		v = s->ns[j];
	else if (j == s->nn)
		v = s->ps[i];
	else
		v = s->ps[i] < s->ns[j] ? s->ps[i] : s->ns[j];
	for (e = i; e < s->np && s->ps[e] == v; e++)
		;
	w->pg = e - i;
	for (e = j; e < s->nn && s->ns[e] == v; e++)
		;
	w->ng = e - j;
	w->i = i;
	w->j = j;
	w->v = v;
	return 1;
}

/*
 * Exact sums for one model's DeLong variance, by class (POS, NEG).
 * a = 2N V10 of a positive and b = 2P V01 of a negative are integers below
 * 2^32; s[POS] and s[NEG] are their sums, q[] the sums of their squares.
 */
enum { POS, NEG };

struct delong_sums {
	uint64_t s[2];
	u128 q[2];
};

/* The same for the paired test: d = a(model 0) - a(model 1) per row. */
struct paired_sums {
	int64_t s[2];
	u128 q[2];
};

/* m times the sum of squares minus the squared sum: m(m-1) times the
 * sample variance, exact, and never negative. */
static u128
spread(uint64_t m, u128 sum_sq, u128 sum_abs)
{
	return (u128)m * sum_sq - sum_abs * sum_abs;
}

/*
 * The DeLong variance of an AUC, or of a difference of two: with
 * Xa = P sum(a^2) - (sum a)^2 and Xb likewise, S10 = Xa / (P (P-1) 4N^2)
 * and S01 = Xb / (N (N-1) 4P^2), so that S10/P + S01/N is
 * (Xa/(P-1) + Xb/(N-1)) / (2PN)^2.  Only this last step is in floating
 * point.
 */
static double
delong_variance(uint64_t p, uint64_t n, u128 xa, u128 xb)
{
	double twopn = (double)(2 * p * n);

	return ((double)xa / (double)(p - 1) + (double)xb / (double)(n - 1)) /
	    (twopn * twopn);
}

/*
 * ROC points.
 *
 * The full curve has one vertex per distinct score (scores >= that score
 * called positive), joined by straight segments (a tie group moves both
 * rates at once, as in sklearn and pROC).  It may have millions of vertices;
 * a plot needs a few hundred.  The reduction keeps the curve faithful in two
 * steps:
 *
 * 1. When there are more than ROC_CANDIDATES vertices, the L1 arc length
 *    fpr + tpr (which runs monotonically from 0 to 2) is cut into ROC_BINS
 *    equal slices and only the first and last vertex of each slice are kept.
 *    A dropped vertex lies on the curve between two kept ones less than
 *    2/ROC_BINS (6e-5) of arc length apart, so it is within that distance of
 *    their chord.
 * 2. Greedy top-down Ramer-Douglas-Peucker on the candidates: starting from
 *    the chord (0,0)-(1,1), repeatedly split the segment whose farthest
 *    candidate is farthest from it, at that candidate, until
 *    AUC_ROC_MAX_POINTS points are kept or every remaining candidate lies
 *    exactly on the polyline (then the plotted curve is the true one).
 *    Each split keeps the point where the curve turns most away from the
 *    current approximation, so the largest deviation shrinks monotonically;
 *    the area between the polyline and the curve is at most that deviation
 *    times sqrt(2).
 * Deviation is measured in the unit square (fpr, tpr); collinearity is
 * tested on exact integer cross products.  The endpoints are always kept.
 */
struct roc_candidate {
	double threshold;
	uint32_t fp, tp;
};

struct roc_segment {
	size_t lo, hi, far;
	double dist;
};

/* The candidate strictly inside (lo, hi) farthest from the chord lo-hi. */
static void
roc_farthest(const struct roc_candidate *c, uint64_t p, uint64_t n,
	     struct roc_segment *seg)
{
	const struct roc_candidate *a = &c[seg->lo], *b = &c[seg->hi];
	int64_t dx = (int64_t)b->fp - a->fp, dy = (int64_t)b->tp - a->tp;
	uint64_t best = 0;
	double len;

	seg->far = seg->lo;
	seg->dist = 0.0;
	for (size_t k = seg->lo + 1; k < seg->hi; k++) {
		int64_t cross = dx * ((int64_t)c[k].tp - a->tp) -
		    dy * ((int64_t)c[k].fp - a->fp);
		uint64_t m = cross < 0 ? (uint64_t)-cross : (uint64_t)cross;
		if (m > best) {
			best = m;
			seg->far = k;
		}
	}
	if (best == 0)
		return;
	len = hypot((double)dx * (double)p, (double)dy * (double)n);
	seg->dist = (double)best / len;
}

static void
heap_push(struct roc_segment *h, size_t *len, struct roc_segment s)
{
	size_t k = (*len)++;

	while (k > 0 && h[(k - 1) / 2].dist < s.dist) {
		h[k] = h[(k - 1) / 2];
		k = (k - 1) / 2;
	}
	h[k] = s;
}

static struct roc_segment
heap_pop(struct roc_segment *h, size_t *len)
{
	struct roc_segment top = h[0], last = h[--*len];
	size_t k = 0;

	for (;;) {
		size_t c = 2 * k + 1;
		if (c >= *len)
			break;
		if (c + 1 < *len && h[c + 1].dist > h[c].dist)
			c++;
		if (h[c].dist <= last.dist)
			break;
		h[k] = h[c];
		k = c;
	}
	if (*len > 0)
		h[k] = last;
	return top;
}

/*
 * The vertices arrive in ascending threshold order, from (1,1) on, while the
 * traversal runs; since their number is known only at the end, both
 * candidate lists are kept until then: every vertex (while there are at most
 * ROC_CANDIDATES - 1), and, when the rows allow more, the first and last
 * vertex of each slice of arc length.
 */
struct roc_stream {
	struct roc_candidate *all, *binned;
	size_t n_all, cap_all, n_binned;
	int overflow;		/* more vertices than "all" can hold */
	size_t prev_bin;
	int prev_out;		/* prev is already in "binned" */
	struct roc_candidate prev;
	double scale, top;
	uint64_t p, n;
};

static void
roc_stream_free(struct roc_stream *r)
{
	free(r->all);
	free(r->binned);
	r->all = r->binned = NULL;
}

static enum auc_status
roc_stream_start(struct roc_stream *r, uint64_t p, uint64_t n, size_t rows)
{
	memset(r, 0, sizeof *r);
	r->p = p;
	r->n = n;
	r->prev_bin = SIZE_MAX;
	r->prev_out = 1;
	/* Room for every vertex and the final (0,0). */
	r->cap_all = rows < ROC_CANDIDATES - 1 ? rows + 1 : ROC_CANDIDATES;
	r->all = malloc(r->cap_all * sizeof *r->all);
	if (rows + 1 > ROC_CANDIDATES) {
		r->binned = malloc(ROC_CANDIDATES * sizeof *r->binned);
		r->scale = (double)ROC_BINS / (2.0 * (double)p * (double)n);
	}
	if (r->all == NULL || (rows + 1 > ROC_CANDIDATES && r->binned == NULL)) {
		roc_stream_free(r);
		return AUC_NOMEM;
	}
	return AUC_OK;
}

/* The vertex of threshold v: fp negatives and tp positives at or above. */
static void
roc_add(struct roc_stream *r, uint64_t v, uint64_t fp, uint64_t tp)
{
	struct roc_candidate c;
	size_t bin;

	c.threshold = double_of(v);
	c.fp = (uint32_t)fp;
	c.tp = (uint32_t)tp;
	r->top = c.threshold;
	if (!r->overflow) {
		if (r->n_all + 1 < r->cap_all)
			r->all[r->n_all++] = c;
		else
			r->overflow = 1;
	}
	if (r->binned == NULL)
		return;
	bin = (size_t)((double)(fp * r->p + tp * r->n) * r->scale);
	if (bin != r->prev_bin) {
		if (!r->prev_out)
			r->binned[r->n_binned++] = r->prev;
		r->binned[r->n_binned++] = c;
		r->prev_out = 1;
	} else {
		r->prev_out = 0;
	}
	r->prev = c;
	r->prev_bin = bin;
}

/*
 * Keeps, of the vertices c[0..m) from (0,0) to (N,P), only those that leave
 * at least AUC_ROC_MIN_COUNT negatives and as many positives between each
 * kept vertex and the next, and returns how many remain: never fewer than
 * the two ends.  Between two published points, then, the rows whose scores
 * lie in that range are known to hold both classes, and the points cannot
 * tell anyone who has the scores the class of any one row.  A vertex in a
 * run of one class (a vertical or horizontal stretch) would: its counts
 * against the previous one would say that every row in between is
 * positive, or negative.  Later choices only drop points, which merges
 * ranges, so the rule holds for the published curve.
 */
static size_t
roc_mixed(struct roc_candidate *c, size_t m)
{
	size_t out = 1;

	for (size_t a = 1; a < m; a++) {
		const struct roc_candidate *last = &c[out - 1];

		if (c[a].fp - last->fp >= AUC_ROC_MIN_COUNT &&
		    c[a].tp - last->tp >= AUC_ROC_MIN_COUNT)
			c[out++] = c[a];
	}
	/* The end: when its own range is too thin, it absorbs the last one. */
	if (c[out - 1].fp != c[m - 1].fp || c[out - 1].tp != c[m - 1].tp) {
		if (out > 1)
			out--;
		c[out++] = c[m - 1];
	}
	return out;
}

/* The model's ROC points from the stream's candidates; frees the stream. */
static enum auc_status
roc_finish(struct roc_stream *r, struct auc_model *model)
{
	struct roc_segment heap[AUC_ROC_MAX_POINTS], seg;
	size_t kept[AUC_ROC_MAX_POINTS];
	struct roc_candidate *c;
	size_t m, nkept = 0, hlen = 0;
	uint64_t p = r->p, n = r->n;

	if (r->overflow) {
		if (!r->prev_out)
			r->binned[r->n_binned++] = r->prev;
		c = r->binned;
		m = r->n_binned;
	} else {
		c = r->all;
		m = r->n_all;
	}
	/* (0,0): a threshold just above the top score calls nothing. */
	c[m].threshold = nextafter(r->top, INFINITY);
	c[m].fp = c[m].tp = 0;
	m++;
	/* Reverse into (0,0) ... (1,1) order. */
	for (size_t a = 0, b = m - 1; a < b; a++, b--) {
		struct roc_candidate t = c[a];
		c[a] = c[b];
		c[b] = t;
	}
	m = roc_mixed(c, m);

	kept[nkept++] = 0;
	kept[nkept++] = m - 1;
	seg.lo = 0;
	seg.hi = m - 1;
	roc_farthest(c, p, n, &seg);
	if (seg.dist > 0.0)
		heap_push(heap, &hlen, seg);
	while (hlen > 0 && nkept < AUC_ROC_MAX_POINTS) {
		struct roc_segment left, right;

		seg = heap_pop(heap, &hlen);
		kept[nkept++] = seg.far;
		left.lo = seg.lo;
		left.hi = seg.far;
		right.lo = seg.far;
		right.hi = seg.hi;
		roc_farthest(c, p, n, &left);
		roc_farthest(c, p, n, &right);
		/* The heap holds at most one segment per kept point. */
		if (left.dist > 0.0)
			heap_push(heap, &hlen, left);
		if (right.dist > 0.0)
			heap_push(heap, &hlen, right);
	}
	/* At most 256 indices: insertion sort is plenty. */
	for (size_t a = 1; a < nkept; a++) {
		size_t v = kept[a], b = a;
		for (; b > 0 && kept[b - 1] > v; b--)
			kept[b] = kept[b - 1];
		kept[b] = v;
	}
	model->roc = malloc(nkept * sizeof *model->roc);
	if (model->roc == NULL) {
		roc_stream_free(r);
		return AUC_NOMEM;
	}
	for (size_t a = 0; a < nkept; a++) {
		const struct roc_candidate *k = &c[kept[a]];
		model->roc[a].fp = (uint64_t)k->fp;
		model->roc[a].tp = (uint64_t)k->tp;
		model->roc[a].fpr = (double)k->fp / (double)n;
		model->roc[a].tpr = (double)k->tp / (double)p;
		model->roc[a].threshold = k->threshold;
	}
	model->roc_count = nkept;
	roc_stream_free(r);
	return AUC_OK;
}
/* The house's destructor shape (NULL is a no-op; each owned part freed):
 * alike in every module on purpose. */
void
auc_model_release(struct auc_model *m)
{
	if (m == NULL)
		return;
	free(m->roc);
	m->roc = NULL;
	m->roc_count = 0;
}

/* Fills the AUC and, with sums, the DeLong fields of one model. */
static void
model_fill(struct auc_model *m, uint64_t p, uint64_t n, uint64_t u2,
	   const struct delong_sums *sums)
{
	u128 xa, xb;

	m->positives = p;
	m->negatives = n;
	m->u2 = u2;
	m->auc = auc_ratio(u2, 2 * p * n);
	m->se_valid = 0;
	m->variance = m->se = m->ci95[0] = m->ci95[1] = 0.0;
	if (sums == NULL || p < 2 || n < 2)
		return;
	xa = spread(p, sums->q[POS], sums->s[POS]);
	xb = spread(n, sums->q[NEG], sums->s[NEG]);
	if (xa == 0 && xb == 0)
		return;
	m->variance = delong_variance(p, n, xa, xb);
	m->se = sqrt(m->variance);
	m->se_valid = 1;
	m->ci95[0] = fmax(0.0, m->auc - Z_975 * m->se);
	m->ci95[1] = fmin(1.0, m->auc + Z_975 * m->se);
}

/* Labels: any non-zero byte is a positive. */
static void
count_classes(const uint8_t *labels, size_t n, uint64_t *p)
{
	uint64_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += labels[i] != 0;
	*p = c;
}


/*
 * The partition.
 *
 * A part is a run of keys, its positives first, then its negatives, with
 * (for the paired test) a 32-bit value carried alongside each.  partition()
 * finishes a part of one class or of equal keys at once, and a part of at
 * most LEAF_MAX keys by leaf_pairs() (or, ordered, leaf_sorted()); it splits a
 * part on the top bits of those that vary within it (bits above them are
 * equal and carry no order): probability scores are far from uniform in
 * their high bits, so the split adapts to the part's own range rather than
 * to fixed digit positions.  The digit is MSD_BITS wide for large parts and
 * narrower for small ones (about 2^MSD_SPARE keys a bucket), so that
 * clearing counters never costs more than the keys.  Each bucket becomes a
 * part in the scratch array, its positives first, and is processed in
 * ascending order with the counts of the buckets below it.
 *
 * The top level (run_model()) splits straight from the caller's scores and
 * labels into one array of n keys; below it, the parts are at most as large
 * as the largest top bucket, which is all the scratch there is.  Each level
 * consumes at least one bit of the 64, so the recursion is at most 64 deep
 * (about 1 MiB of stack in the worst case; a few levels in practice).
 */
#define MSD_BITS	11
#define MSD_SIZE	(1u << MSD_BITS)
#define MSD_SPARE	3
#define LEAF_MAX	32

/* The highest bit in which keys differ, given their OR and AND; -1 if none. */
static inline int
high_bit(uint64_t or_keys, uint64_t and_keys)
{
	uint64_t x = or_keys ^ and_keys;

	return x == 0 ? -1 : 63 - __builtin_clzll(x);
}

/* The digit width for m keys whose highest varying bit is h (h >= 0). */
static unsigned
digit_width(size_t m, int h)
{
	unsigned log = m > 1 ? (unsigned)(63 - __builtin_clzll(m)) : 0;
	unsigned width = log > MSD_SPARE ? log - MSD_SPARE : 1;

	if (width > MSD_BITS)
		width = MSD_BITS;
	if (width > (unsigned)h + 1)
		width = (unsigned)h + 1;
	return width;
}

/*
 * What one traversal of one model computes.  visit_group() and
 * leaf_pairs() feed it; ordered traversals also feed roc and out.
 */
struct pass {
	int ordered;		/* leaves sorted, groups visited in ascending order */
	int delong;		/* the DeLong sums */
	uint64_t p, n;		/* positives and negatives in all */
	uint64_t u2;
	struct delong_sums sums;
	uint32_t *save;		/* paired test, model 0: a or b, by row */
	struct paired_sums *paired;	/* paired test, model 1 */
	struct roc_stream *roc;	/* ROC vertices (ordered only) */
	double *out;		/* auc_sort_doubles(): the values, in order */
	size_t out_at;
};

/*
 * count rows of class c (POS or NEG) that share the component v: for a
 * positive, a = 2 (negatives below) + (negatives tied); for a negative,
 * b = 2 (positives above) + (positives tied); v < 2^32 since n < 2^31.
 * For the paired test, carry holds what each of them carries: for model 0
 * its row, where v is saved; for model 1 the component that model 0 gave
 * the row, from which the difference is taken.
 */
static inline void
add_rows(struct pass *x, int c, uint64_t v, size_t count,
	 const uint32_t *carry)
{
	if (!x->delong)
		return;
	x->sums.s[c] += count * v;
	x->sums.q[c] += (u128)count * (v * v);
	if (carry == NULL)
		return;
	if (x->paired == NULL) {
		for (size_t r = 0; r < count; r++)
			x->save[carry[r]] = (uint32_t)v;
		return;
	}
	/* |d| < 2^32, so d * d fits in 64 bits. */
	for (size_t r = 0; r < count; r++) {
		int64_t d = (int64_t)carry[r] - (int64_t)v;
		x->paired->s[c] += d;
		x->paired->q[c] += (uint64_t)(d * d);
	}
}

/*
 * pg positives and ng negatives that no other row falls between: a group of
 * equal scores v, or (unordered traversals) a part of one class, whose rows
 * have the same a or b whatever their scores.  i positives and j negatives
 * are below them; pq and nq are what they carry (NULL without the paired
 * test; see add_rows()).
 */
static void
visit_group(struct pass *x, uint64_t v, size_t pg, size_t ng, uint64_t i,
	    uint64_t j, const uint32_t *pq, const uint32_t *nq)
{
	x->u2 += pg * (2 * j + ng);
	add_rows(x, POS, 2 * j + ng, pg, pq);
	add_rows(x, NEG, 2 * (x->p - i - pg) + pg, ng, nq);
	if (x->roc != NULL)
		roc_add(x->roc, v, x->n - j, x->p - i);
	if (x->out != NULL) {
		double d = double_of(v);

		for (size_t r = 0; r < pg + ng; r++)
			x->out[x->out_at++] = d;
	}
}

/*
 * A small part, unordered: each positive against each negative, without a
 * branch on the data.  With the positive's score s and a negative's t,
 * (t < s) + (t <= s) is what the pair adds to the positive's a and to the
 * negative's b.
 */
static void
leaf_pairs(struct pass *x, const uint64_t *k, const uint32_t *q, size_t np,
	   size_t nn, uint64_t i, uint64_t j)
{
	const uint64_t *ns = k + np;
	uint32_t nb[LEAF_MAX];

	if (!x->delong) {
		uint64_t c = 0;

		for (size_t a = 0; a < np; a++)
			for (size_t b = 0; b < nn; b++)
				c += (uint64_t)(ns[b] < k[a]) + (ns[b] <= k[a]);
		x->u2 += 2 * j * np + c;
		return;
	}
	memset(nb, 0, nn * sizeof nb[0]);
	for (size_t a = 0; a < np; a++) {
		uint64_t v = k[a];
		uint32_t c = 0;

		for (size_t b = 0; b < nn; b++) {
			uint32_t t = (uint32_t)(ns[b] < v) + (ns[b] <= v);
			c += t;
			nb[b] += t;
		}
		x->u2 += 2 * j + c;
		add_rows(x, POS, 2 * j + c, 1, q != NULL ? q + a : NULL);
	}
	for (size_t b = 0; b < nn; b++)
		add_rows(x, NEG, 2 * (x->p - i - np) + nb[b], 1,
		    q != NULL ? q + np + b : NULL);
}

static void
insertion_sort(uint64_t *k, uint32_t *q, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint64_t v = k[i];
		uint32_t qv = q != NULL ? q[i] : 0;
		size_t j = i;

		for (; j > 0 && k[j - 1] > v; j--) {
			k[j] = k[j - 1];
			if (q != NULL)
				q[j] = q[j - 1];
		}
		k[j] = v;
		if (q != NULL)
			q[j] = qv;
	}
}

/* A small part, ordered: sorted, then its groups in ascending order. */
static void
leaf_sorted(struct pass *x, uint64_t *k, uint32_t *q, size_t np, size_t nn,
	    uint64_t i, uint64_t j)
{
	struct sorted s;
	struct walk w;

	insertion_sort(k, q, np);
	insertion_sort(k + np, q != NULL ? q + np : NULL, nn);
	s.ps = k;
	s.ns = k + np;
	s.pp = q;
	s.pn = q != NULL ? q + np : NULL;
	s.np = np;
	s.nn = nn;
	walk_start(&w, &s);
	while (walk_next(&w))
		visit_group(x, w.v, w.pg, w.ng, i + w.i, j + w.j,
		    q != NULL ? s.pp + w.i : NULL,
		    q != NULL ? s.pn + w.j : NULL);
}

/*
 * Scatters the part k[0..np+nn) (with q, when not NULL) into t (tq) by the
 * digit (key >> shift) & mask, each bucket's positives before its
 * negatives.  cur[2b] and cur[2b+1] hold, on return, the ends of bucket b's
 * positives and negatives; the bucket starts at cur[2b-1] (0 for b = 0).
 * Always inlined, so that the loops are compiled without the row test.
 */
static inline __attribute__((always_inline)) void
scatter(const uint64_t *k, uint64_t *t, const uint32_t *q, uint32_t *tq,
	size_t np, size_t nn, unsigned shift, uint32_t mask, uint32_t *cur)
{
	size_t m = np + nn;

	memset(cur, 0, 2 * ((size_t)mask + 1) * sizeof cur[0]);
	for (size_t r = 0; r < np; r++)
		cur[2 * ((k[r] >> shift) & mask)]++;
	for (size_t r = np; r < m; r++)
		cur[2 * ((k[r] >> shift) & mask) + 1]++;
	for (uint32_t b = 0, sum = 0; b < 2 * (mask + 1); b++) {
		uint32_t c = cur[b];

		cur[b] = sum;
		sum += c;
	}
	for (size_t r = 0; r < m; r++) {
		uint64_t key = k[r];
		uint32_t at = cur[2 * ((key >> shift) & mask) + (r >= np)]++;

		t[at] = key;
		if (q != NULL)
			tq[at] = q[r];
	}
}

/*
 * Processes the part k[0..np+nn), carrying q (or NULL), below which lie i
 * positives and j negatives; t and tq are scratch of the part's size.  The
 * part's arrays may be reordered.
 */
static void
partition(struct pass *x, uint64_t *k, uint64_t *t, uint32_t *q,
	  uint32_t *tq, size_t np, size_t nn, uint64_t i, uint64_t j)
{
	uint32_t cur[2 * MSD_SIZE];
	uint64_t or_keys = 0, and_keys = ~(uint64_t)0;
	size_t m = np + nn;
	unsigned width, shift;
	uint32_t size;
	int h;

	if (!x->ordered && (np == 0 || nn == 0)) {
		visit_group(x, 0, np, nn, i, j, q, q != NULL ? q + np : NULL);
		return;
	}
	if (m <= LEAF_MAX) {
		if (x->ordered)
			leaf_sorted(x, k, q, np, nn, i, j);
		else
			leaf_pairs(x, k, q, np, nn, i, j);
		return;
	}
	for (size_t r = 0; r < m; r++) {
		or_keys |= k[r];
		and_keys &= k[r];
	}
	h = high_bit(or_keys, and_keys);
	if (h < 0) {
		visit_group(x, k[0], np, nn, i, j, q, q != NULL ? q + np : NULL);
		return;
	}
	width = digit_width(m, h);
	shift = (unsigned)h + 1 - width;
	size = 1u << width;
	if (q != NULL)
		scatter(k, t, q, tq, np, nn, shift, size - 1, cur);
	else
		scatter(k, t, NULL, NULL, np, nn, shift, size - 1, cur);
	for (uint32_t b = 0; b < size; b++) {
		size_t at = b > 0 ? cur[2 * b - 1] : 0;
		size_t bp = cur[2 * b] - at, bn = cur[2 * b + 1] - cur[2 * b];

		if (bp + bn > 0)
			partition(x, t + at, k + at,
			    q != NULL ? tq + at : NULL,
			    q != NULL ? q + at : NULL, bp, bn, i, j);
		i += bp;
		j += bn;
	}
}

/*
 * The top level's digit is wider (up to TOP_BITS), and its cells are merged
 * into at most MSD_SIZE buckets of about n / MSD_SIZE keys each.  With a
 * plain 11-bit digit, scores in [0, 1] that include an exact 0 (exponent 0)
 * vary from the exponent's top bit down, and the digit would put each
 * binade, the upper half of the scores among them, into one or two buckets.
 */
#define TOP_BITS	16

static unsigned
top_width(size_t n, int h)
{
	unsigned log = n > 1 ? (unsigned)(63 - __builtin_clzll(n)) : 0;
	unsigned width = log > 3 ? log - 2 : 1;

	if (width > TOP_BITS)
		width = TOP_BITS;
	if (width > (unsigned)h + 1)
		width = (unsigned)h + 1;
	return width;
}

/*
 * One model: scores[0..n) against labels (NULL: all positive), with the
 * work arrays k (n keys) and, for the paired test, q (n values carried:
 * each row's index, or with from, from[row]).  The top level splits
 * straight from the caller's arrays, in three passes: the varying bits (and
 * finiteness), the cell counts, the scatter.
 *
 * Longer than the house's 80 lines on purpose: the three passes share the
 * bucket plan (shift, mask, groups, cursors) and the timings in
 * docs/auc.md were measured with them in one frame; split, they would pass
 * eight values between functions on the hot path for no reader's gain.
 */
static enum auc_status
run_model(struct pass *x, const uint8_t *labels, const double *scores,
	  size_t n, uint64_t *k, uint32_t *q, const uint32_t *from)
{
	uint32_t cur[2 * MSD_SIZE];
	uint64_t or_keys = 0, and_keys = ~(uint64_t)0, bad = 0, *t = NULL;
	uint64_t *cells, i = 0, j = 0, fill = 0, target = n / MSD_SIZE + 1;
	uint32_t *tq = NULL, size, mask, groups = 0, sum = 0;
	uint16_t *group;
	size_t largest = 0;
	enum auc_status st = AUC_NOMEM;
	unsigned width, shift;
	int h;

	for (size_t r = 0; r < n; r++) {
		uint64_t key = key_of(scores[r], &bad);
		or_keys |= key;
		and_keys &= key;
	}
	if (bad != 0)
		return AUC_NOT_FINITE;
	h = high_bit(or_keys, and_keys);
	width = h < 0 ? 0 : top_width(n, h);
	shift = (unsigned)(h + 1) - width;
	size = 1u << width;
	mask = size - 1;
	/* A cell's count in the low half, its positives in the high half. */
	cells = calloc(size, sizeof *cells);
	group = malloc(size * sizeof *group);
	if (cells == NULL || group == NULL)
		goto out;
	for (size_t r = 0; r < n; r++) {
		uint64_t key = key_of(scores[r], &bad);
		cells[(key >> shift) & mask] += 1 |
		    (uint64_t)(labels == NULL || labels[r] != 0) << 32;
	}
	/* Every bucket but the last holds at least target keys, so there are
	 * at most n / target + 1 <= MSD_SIZE of them. */
	memset(cur, 0, sizeof cur);
	for (uint32_t c = 0; c < size; c++) {
		uint32_t all = (uint32_t)cells[c], pos = (uint32_t)(cells[c] >> 32);

		group[c] = (uint16_t)groups;
		cur[2 * groups] += pos;
		cur[2 * groups + 1] += all - pos;
		fill += all;
		if (fill >= target) {
			groups++;
			fill = 0;
		}
	}
	if (fill > 0)
		groups++;
	for (uint32_t b = 0; b < groups; b++) {
		uint32_t cp = cur[2 * b], cn = cur[2 * b + 1];

		if (cp + cn > largest)
			largest = cp + cn;
		cur[2 * b] = sum;
		cur[2 * b + 1] = sum + cp;
		sum += cp + cn;
	}
	t = big_alloc(largest * sizeof *t);
	if (q != NULL)
		tq = big_alloc(largest * sizeof *tq);
	if (t == NULL || (q != NULL && tq == NULL))
		goto out;
	for (size_t r = 0; r < n; r++) {
		uint64_t key = key_of(scores[r], &bad);
		uint32_t at = cur[2 * group[(key >> shift) & mask] +
		    (labels != NULL && labels[r] == 0)]++;

		k[at] = key;
		if (q != NULL)
			q[at] = from != NULL ? from[r] : (uint32_t)r;
	}
	for (uint32_t b = 0; b < groups; b++) {
		size_t at = b > 0 ? cur[2 * b - 1] : 0;
		size_t bp = cur[2 * b] - at, bn = cur[2 * b + 1] - cur[2 * b];

		if (bp + bn > 0)
			partition(x, k + at, t, q != NULL ? q + at : NULL, tq,
			    bp, bn, i, j);
		i += bp;
		j += bn;
	}
	st = AUC_OK;
out:
	free(cells);
	free(group);
	free(t);
	free(tq);
	return st;
}

int
auc_sort_doubles(double *v, size_t n)
{
	struct pass x;
	uint64_t *k;
	enum auc_status st;

	if (n > AUC_MAX_ROWS)
		return -1;
	if (n == 0)
		return 0;
	k = big_alloc(n * sizeof *k);
	if (k == NULL)
		return -1;
	memset(&x, 0, sizeof x);
	x.ordered = 1;
	x.p = n;
	x.out = v;
	st = run_model(&x, NULL, v, n, k, NULL, NULL);
	free(k);
	return st == AUC_OK ? 0 : -1;
}

enum auc_status
auc_exact(const uint8_t *labels, const double *scores, size_t n, double *auc)
{
	struct pass x;
	enum auc_status st;
	uint64_t p, *k;

	if (n > AUC_MAX_ROWS)
		return AUC_TOO_MANY;
	count_classes(labels, n, &p);
	if (p == 0 || p == n)
		return AUC_ONE_CLASS;
	k = big_alloc(n * sizeof *k);
	if (k == NULL)
		return AUC_NOMEM;
	memset(&x, 0, sizeof x);
	x.p = p;
	x.n = n - p;
	st = run_model(&x, labels, scores, n, k, NULL, NULL);
	if (st == AUC_OK)
		*auc = auc_ratio(x.u2, 2 * p * (n - p));
	free(k);
	return st;
}
/*
 * The paired test from the exact sums of differences: the variance of
 * auc0 - auc1 is S11 + S22 - 2 S12 over both classes, which equals the
 * DeLong variance formula applied to the per-row differences of the
 * components, computed here without cancellation.
 */
static void
comparison_fill(struct auc_comparison *cmp, const struct auc_model *m,
		const struct paired_sums *ps)
{
	uint64_t p = m[0].positives, n = m[0].negatives;
	int64_t du = (int64_t)m[0].u2 - (int64_t)m[1].u2;
	double mag, var;
	u128 xa, xb;

	mag = auc_ratio(du < 0 ? (uint64_t)-du : (uint64_t)du, 2 * p * n);
	cmp->difference = du < 0 ? -mag : mag;
	cmp->valid = 0;
	cmp->z = 0.0;
	cmp->p_value = 0.0;
	if (p < 2 || n < 2)
		return;
	xa = spread(p, ps->q[POS], (u128)(ps->s[POS] < 0 ?
	    -(uint64_t)ps->s[POS] : (uint64_t)ps->s[POS]));
	xb = spread(n, ps->q[NEG], (u128)(ps->s[NEG] < 0 ?
	    -(uint64_t)ps->s[NEG] : (uint64_t)ps->s[NEG]));
	if (xa == 0 && xb == 0)
		return;
	var = delong_variance(p, n, xa, xb);
	cmp->z = cmp->difference / sqrt(var);
	cmp->p_value = erfc(fabs(cmp->z) / sqrt(2.0));
	cmp->valid = 1;
}

/*
 * Longer than the house's 80 lines: it owns every work array of the
 * evaluation (keys, the carried components of the paired test, the saved
 * order) and frees them on one path; the steps it runs are functions.
 */
enum auc_status
auc_evaluate(const uint8_t *labels, size_t n, const double *const *scores,
	     size_t k, unsigned flags, struct auc_model *models,
	     struct auc_comparison *cmp)
{
	enum auc_status st = AUC_OK;
	int delong = (flags & AUC_WANT_DELONG) != 0;
	int pairing = delong && k >= 2 && cmp != NULL;
	uint64_t p, *keys = NULL;
	uint32_t *carry = NULL, *save = NULL;
	struct paired_sums psums;

	for (size_t m = 0; m < k; m++)
		memset(&models[m], 0, sizeof models[m]);
	if (cmp != NULL)
		memset(cmp, 0, sizeof *cmp);
	if (n > AUC_MAX_ROWS)
		return AUC_TOO_MANY;
	count_classes(labels, n, &p);
	if (p == 0 || p == n)
		return AUC_ONE_CLASS;
	if (k == 0)
		return AUC_OK;

	/* Memory: 8 bytes a row, 16 with the paired test (docs/auc.md). */
	keys = big_alloc(n * sizeof *keys);
	if (pairing) {
		carry = big_alloc(n * sizeof *carry);
		save = big_alloc(n * sizeof *save);
	}
	if (keys == NULL || (pairing && (carry == NULL || save == NULL))) {
		st = AUC_NOMEM;
		goto out;
	}
	memset(&psums, 0, sizeof psums);
	for (size_t m = 0; m < k; m++) {
		int paired = pairing && m < 2;
		struct roc_stream roc;
		struct pass x;

		memset(&x, 0, sizeof x);
		x.ordered = (flags & AUC_WANT_ROC) != 0;
		x.delong = delong;
		x.p = p;
		x.n = n - p;
		if (paired) {
			x.save = save;
			x.paired = m == 1 ? &psums : NULL;
		}
		if (x.ordered) {
			st = roc_stream_start(&roc, p, n - p, n);
			if (st != AUC_OK)
				goto out;
			x.roc = &roc;
		}
		st = run_model(&x, labels, scores[m], n, keys,
		    paired ? carry : NULL, paired && m == 1 ? save : NULL);
		if (st == AUC_OK)
			model_fill(&models[m], p, n - p, x.u2,
			    delong ? &x.sums : NULL);
		if (x.ordered) {
			if (st == AUC_OK)
				st = roc_finish(&roc, &models[m]);
			else
				roc_stream_free(&roc);
		}
		if (st != AUC_OK)
			goto out;
	}
	if (pairing)
		comparison_fill(cmp, models, &psums);
out:
	free(keys);
	free(carry);
	free(save);
	if (st != AUC_OK) {
		for (size_t m = 0; m < k; m++) {
			auc_model_release(&models[m]);
			memset(&models[m], 0, sizeof models[m]);
		}
		if (cmp != NULL)
			memset(cmp, 0, sizeof *cmp);
	}
	return st;
}
