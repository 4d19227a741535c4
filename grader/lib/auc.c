/*
 * auc.c: the numerical core.
 *
 * Every statistic here comes from one ascending sort of each class's scores.
 * Scores are mapped to unsigned 64-bit keys whose integer order is the
 * numeric order of the doubles (after -0.0 is folded into +0.0), so that the
 * sort is an LSD radix sort and ties are exact key equality.  Positives and
 * negatives are sorted separately, which carries the label for free; when the
 * paired DeLong test needs to match a row's placement in two models, each key
 * carries its row's ordinal within its class as a 32-bit payload.
 *
 * One walk over the two sorted arrays, group of equal scores by group, then
 * gives everything: a positive in a group with ng negatives and j negatives
 * below it has the DeLong component V10 = (2j + ng) / 2N, shared by every
 * positive of the group, and the sum of those numerators over all positives
 * is 2U.  The same holds for negatives and V01.  All counts and all sums that
 * the variances need are kept in exact integers (64 or 128 bits); floating
 * point enters only at the very end, so that the AUC is rounded once and a
 * variance is zero exactly when the data make it zero.
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
 * The sort: a radix sort in two regimes, tuned on the machine the benchmark
 * ran on (docs/auc.md).  A plain LSD radix sort of 64-bit keys needs six
 * 11-bit passes over the whole array, and each pass scatters to 2048 places
 * in memory far larger than the caches: it measured about 9 ns a key a pass
 * at 10^7 keys, against 1.3 ns a key for a memcpy.  So:
 *
 * - A range is split MSD-first on the top bits of those that vary within
 *   it (bits above them are equal and carry no order), and each part is
 *   sorted recursively.  Probability scores are far from uniform in their
 *   high bits, so the split adapts to the part's own range rather than to
 *   fixed digit positions; a part whose keys are all equal (a tie group) is
 *   done at once, which makes heavily tied data cheap.  The digit is 11 bits
 *   wide for large parts and narrower for small ones (about 8 keys a
 *   bucket), so that clearing counters never costs more than the keys.
 *   The scatter pass also records each part's OR and AND of keys, which
 *   gives the part's varying bits without another pass.
 * - Parts of at most SMALL_MAX keys are finished by insertion sort on the
 *   integer keys, as radix sorts usually do: below a few dozen keys the
 *   counters of a digit cost more than the keys.
 *
 * The payload, when there is one, moves with its key.  Every step is stable,
 * though nothing relies on that.  Precondition: n < 2^32.
 */
#define MSD_BITS	11
#define MSD_SIZE	(1u << MSD_BITS)
#define SMALL_MAX	32

/* The highest bit in which keys differ, given their OR and AND; -1 if none. */
static inline int
high_bit(uint64_t or_keys, uint64_t and_keys)
{
	uint64_t x = or_keys ^ and_keys;

	return x == 0 ? -1 : 63 - __builtin_clzll(x);
}

static void
insertion_sort(uint64_t *k, uint32_t *p, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint64_t v = k[i];
		uint32_t pv = p != NULL ? p[i] : 0;
		size_t j = i;

		for (; j > 0 && k[j - 1] > v; j--) {
			k[j] = k[j - 1];
			if (p != NULL)
				p[j] = p[j - 1];
		}
		k[j] = v;
		if (p != NULL)
			p[j] = pv;
	}
}

/*
 * Sorts k[0..n) (and p) in place, t and tp being scratch of the same size;
 * h is the highest bit in which the keys differ, -1 when they are all equal.
 */
static void
hybrid_sort(uint64_t *k, uint64_t *t, uint32_t *p, uint32_t *tp, size_t n,
	    int h)
{
	uint32_t start[MSD_SIZE], next[MSD_SIZE];
	uint64_t or_b[MSD_SIZE], and_b[MSD_SIZE];
	unsigned shift, width, size, mask;

	if (h < 0 || n < 2)
		return;
	if (n <= SMALL_MAX) {
		insertion_sort(k, p, n);
		return;
	}
	/* About 8 keys a part, at most 2^11 parts, at most h + 1 bits. */
	width = (unsigned)(63 - __builtin_clzll(n)) - 3;
	if (width > MSD_BITS)
		width = MSD_BITS;
	if (width > (unsigned)h + 1)
		width = (unsigned)h + 1;
	size = 1u << width;
	mask = size - 1;
	shift = (unsigned)h + 1 - width;
	memset(start, 0, size * sizeof start[0]);
	for (size_t i = 0; i < n; i++)
		start[(k[i] >> shift) & mask]++;
	for (uint32_t b = 0, sum = 0; b < size; b++) {
		next[b] = sum;
		sum += start[b];
		start[b] = next[b];
		or_b[b] = 0;
		and_b[b] = ~(uint64_t)0;
	}
	/* The scatter also learns each part's varying bits, for free. */
	if (p == NULL) {
		for (size_t i = 0; i < n; i++) {
			uint64_t key = k[i];
			uint32_t d = (key >> shift) & mask;
			t[next[d]++] = key;
			or_b[d] |= key;
			and_b[d] &= key;
		}
	} else {
		for (size_t i = 0; i < n; i++) {
			uint64_t key = k[i];
			uint32_t d = (key >> shift) & mask;
			uint32_t at = next[d]++;
			t[at] = key;
			tp[at] = p[i];
			or_b[d] |= key;
			and_b[d] &= key;
		}
		memcpy(p, tp, n * sizeof *p);
	}
	memcpy(k, t, n * sizeof *k);
	for (size_t b = 0; b < size; b++) {
		size_t at = start[b], len = next[b] - start[b];
		int hb = high_bit(or_b[b], and_b[b]);

		/* The split bits are equal within a part. */
		if (hb >= (int)shift)
			hb = (int)shift - 1;
		if (len > 1)
			hybrid_sort(k + at, t + at, p != NULL ? p + at : NULL,
			    p != NULL ? tp + at : NULL, len, hb);
	}
}

/*
 * Sorts keys[0..n) ascending, with the payload pay[0..n) when it is not
 * NULL; tkeys and tpay are scratch of n entries.  The result is in keys and
 * pay (the return value and *sorted_pay say so, for the callers).
 */
static uint64_t *
radix_sort(uint64_t *keys, uint64_t *tkeys, uint32_t *pay, uint32_t *tpay,
	   size_t n, uint32_t **sorted_pay)
{
	uint64_t or_keys = 0, and_keys = ~(uint64_t)0;

	for (size_t i = 0; i < n; i++) {
		or_keys |= keys[i];
		and_keys &= keys[i];
	}
	hybrid_sort(keys, tkeys, pay, tpay, n, high_bit(or_keys, and_keys));
	if (sorted_pay != NULL)
		*sorted_pay = pay;
	return keys;
}

int
auc_sort_doubles(double *v, size_t n)
{
	uint64_t *keys, *sorted, bad = 0;

	if (n > AUC_MAX_ROWS)
		return -1;
	keys = big_alloc(2 * (n + 1) * sizeof *keys);
	if (keys == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		keys[i] = key_of(v[i], &bad);
	sorted = radix_sort(keys, keys + n + 1, NULL, NULL, n, NULL);
	for (size_t i = 0; i < n; i++)
		v[i] = double_of(sorted[i]);
	free(keys);
	return 0;
}

/*
 * The sorted scores of one model: positives ps[0..np) and negatives
 * ns[0..nn), ascending, with their class ordinals pp and pn when the
 * paired test needs them.
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
 * 2U with ties one half: for each positive, twice the negatives below it
 * plus the negatives tied with it.  This is walk_next() specialised to the
 * one sum that auc_exact() needs.
 */
static uint64_t
count_u2(const uint64_t *ps, size_t np, const uint64_t *ns, size_t nn)
{
	size_t i = 0, j = 0;
	uint64_t u2 = 0;

	while (i < np) {
		uint64_t v = ps[i];
		size_t lo, run = 1;

		while (j < nn && ns[j] < v)
			j++;
		lo = j;
		while (j < nn && ns[j] == v)
			j++;
		while (i + run < np && ps[i + run] == v)
			run++;
		u2 += (uint64_t)run * (2 * lo + (j - lo));
		i += run;
	}
	return u2;
}

/*
 * Exact sums for one model's DeLong variance.  a = 2N V10 of a positive and
 * b = 2P V01 of a negative are integers below 2^32; sa, sb are their sums
 * and qa, qb the sums of their squares.
 */
struct delong_sums {
	uint64_t sa, sb;
	u128 qa, qb;
};

/* The same for the paired test: d = a(model 0) - a(model 1) per row. */
struct paired_sums {
	int64_t sa, sb;
	u128 qa, qb;
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
 * One model from its sorted scores: 2U, and when sums is not NULL the
 * DeLong sums.  save and paired serve the paired test (s must then carry
 * ordinals): for model 0 (paired NULL), save (P + N entries, positives
 * first, by class ordinal) receives each row's a or b; for model 1, paired
 * accumulates the differences to what model 0 saved.
 */
static uint64_t
walk_model(const struct sorted *s, struct delong_sums *sums, uint32_t *save,
	   struct paired_sums *paired)
{
	struct walk w;
	uint64_t u2 = 0, np = s->np;

	walk_start(&w, s);
	while (walk_next(&w)) {
		/* Both fit in 32 bits: 2j + ng <= 2N and N < 2^31. */
		uint64_t a = 2 * (uint64_t)w.j + w.ng;
		uint64_t b = 2 * (np - w.i - w.pg) + w.pg;

		u2 += w.pg * a;
		if (sums == NULL)
			continue;
		sums->sa += w.pg * a;
		sums->qa += (u128)w.pg * (a * a);
		sums->sb += w.ng * b;
		sums->qb += (u128)w.ng * (b * b);
		if (save == NULL)
			continue;
		if (paired == NULL) {
			for (size_t k = w.i; k < w.i + w.pg; k++)
				save[s->pp[k]] = (uint32_t)a;
			for (size_t k = w.j; k < w.j + w.ng; k++)
				save[np + s->pn[k]] = (uint32_t)b;
			continue;
		}
		/* |d| < 2^32, so d * d fits in 64 bits. */
		for (size_t k = w.i; k < w.i + w.pg; k++) {
			int64_t d = (int64_t)save[s->pp[k]] - (int64_t)a;
			paired->sa += d;
			paired->qa += (uint64_t)(d * d);
		}
		for (size_t k = w.j; k < w.j + w.ng; k++) {
			int64_t d = (int64_t)save[np + s->pn[k]] - (int64_t)b;
			paired->sb += d;
			paired->qb += (uint64_t)(d * d);
		}
	}
	return u2;
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

static void
roc_emit(struct roc_candidate *c, size_t *m, const struct walk *w,
	 const struct sorted *s)
{
	c[*m].threshold = double_of(w->v);
	c[*m].tp = (uint32_t)(s->np - w->i);
	c[*m].fp = (uint32_t)(s->nn - w->j);
	(*m)++;
}

static enum auc_status
roc_build(const struct sorted *s, size_t distinct, struct auc_model *model)
{
	struct roc_segment heap[AUC_ROC_MAX_POINTS], seg;
	size_t kept[AUC_ROC_MAX_POINTS];
	struct roc_candidate *c;
	struct walk w, prev;
	size_t m = 0, nkept = 0, hlen = 0, cap, bin, prev_bin = SIZE_MAX;
	int binning = distinct + 1 > ROC_CANDIDATES, prev_out = 1;
	double scale = 0.0, top = 0.0;
	uint64_t p = s->np, n = s->nn;

	cap = binning ? ROC_CANDIDATES : distinct + 1;
	c = malloc(cap * sizeof *c);
	if (c == NULL)
		return AUC_NOMEM;
	if (binning)
		scale = (double)ROC_BINS / (2.0 * (double)p * (double)n);
	/* Candidates in ascending threshold order: (1,1) first. */
	walk_start(&w, s);
	prev = w;
	while (walk_next(&w)) {
		uint64_t fp = n - w.j, tp = p - w.i;

		top = double_of(w.v);
		bin = binning ? (size_t)((double)(fp * p + tp * n) * scale) :
		    m + (prev_out ? 0 : 1);
		if (bin != prev_bin) {
			if (!prev_out)
				roc_emit(c, &m, &prev, s);
			roc_emit(c, &m, &w, s);
			prev_out = 1;
		} else {
			prev_out = 0;
		}
		prev = w;
		prev_bin = bin;
	}
	if (!prev_out)
		roc_emit(c, &m, &prev, s);
	/* (0,0): a threshold just above the top score calls nothing. */
	c[m].threshold = nextafter(top, INFINITY);
	c[m].fp = c[m].tp = 0;
	m++;
	/* Reverse into (0,0) ... (1,1) order. */
	for (size_t a = 0, b = m - 1; a < b; a++, b--) {
		struct roc_candidate t = c[a];
		c[a] = c[b];
		c[b] = t;
	}

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
		free(c);
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
	free(c);
	return AUC_OK;
}

static size_t
count_groups(const struct sorted *s)
{
	struct walk w;
	size_t g = 0;

	walk_start(&w, s);
	while (walk_next(&w))
		g++;
	return g;
}

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
	xa = spread(p, sums->qa, sums->sa);
	xb = spread(n, sums->qb, sums->sb);
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
 * Splits one score vector into keys: positives to a[0..P), negatives to
 * b[P..n), and with ordinals the class ordinals alongside.  The writes are
 * unconditional and the cursors advance by the label, so that the branch on
 * a random label never mispredicts; the one spare slot at a[P] and b[n]
 * absorbs the writes past each class's end.
 */
static int
gather(const uint8_t *labels, const double *scores, size_t n, uint64_t p,
       uint64_t *a, uint64_t *b, uint32_t *pa, uint32_t *pb)
{
	uint64_t bad = 0;
	size_t ip = 0, in = 0;

	if (pa == NULL) {
		for (size_t i = 0; i < n; i++) {
			uint64_t k = key_of(scores[i], &bad);
			size_t l = labels[i] != 0;
			a[ip] = k;
			b[p + in] = k;
			ip += l;
			in += 1 - l;
		}
	} else {
		for (size_t i = 0; i < n; i++) {
			uint64_t k = key_of(scores[i], &bad);
			size_t l = labels[i] != 0;
			a[ip] = k;
			pa[ip] = (uint32_t)ip;
			b[p + in] = k;
			pb[p + in] = (uint32_t)in;
			ip += l;
			in += 1 - l;
		}
	}
	return bad == 0;
}

/*
 * Gathers and sorts one model into *s, using a/b (n + 1 keys each) and, when
 * pa is not NULL, pa/pb (n + 1 payloads each).
 */
static int
sort_model(const uint8_t *labels, const double *scores, size_t n, uint64_t p,
	   uint64_t *a, uint64_t *b, uint32_t *pa, uint32_t *pb,
	   struct sorted *s)
{
	uint32_t *spp = NULL, *spn = NULL;

	if (!gather(labels, scores, n, p, a, b, pa, pb))
		return 0;
	s->np = p;
	s->nn = n - p;
	s->ps = radix_sort(a, b, pa, pb, p, &spp);
	s->ns = radix_sort(b + p, a + p, pb ? pb + p : NULL,
	    pa ? pa + p : NULL, n - p, &spn);
	s->pp = spp;
	s->pn = spn;
	return 1;
}

enum auc_status
auc_exact(const uint8_t *labels, const double *scores, size_t n, double *auc)
{
	struct sorted s;
	uint64_t p, *a;
	int ok;

	if (n > AUC_MAX_ROWS)
		return AUC_TOO_MANY;
	count_classes(labels, n, &p);
	if (p == 0 || p == n)
		return AUC_ONE_CLASS;
	a = big_alloc(2 * (n + 1) * sizeof *a);
	if (a == NULL)
		return AUC_NOMEM;
	ok = sort_model(labels, scores, n, p, a, a + n + 1, NULL, NULL, &s);
	if (ok)
		*auc = auc_ratio(count_u2(s.ps, s.np, s.ns, s.nn),
		    2 * p * (n - p));
	free(a);
	return ok ? AUC_OK : AUC_NOT_FINITE;
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
	xa = spread(p, ps->qa,
	    (u128)(ps->sa < 0 ? -(uint64_t)ps->sa : (uint64_t)ps->sa));
	xb = spread(n, ps->qb,
	    (u128)(ps->sb < 0 ? -(uint64_t)ps->sb : (uint64_t)ps->sb));
	if (xa == 0 && xb == 0)
		return;
	var = delong_variance(p, n, xa, xb);
	cmp->z = cmp->difference / sqrt(var);
	cmp->p_value = erfc(fabs(cmp->z) / sqrt(2.0));
	cmp->valid = 1;
}

enum auc_status
auc_evaluate(const uint8_t *labels, size_t n, const double *const *scores,
	     size_t k, unsigned flags, struct auc_model *models,
	     struct auc_comparison *cmp)
{
	enum auc_status st = AUC_OK;
	int delong = (flags & AUC_WANT_DELONG) != 0;
	int pairing = delong && k >= 2 && cmp != NULL;
	uint64_t p, *a = NULL;
	uint32_t *pa = NULL, *save = NULL;
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

	/* Memory: 16 bytes a row, 28 with the paired test (docs/auc.md). */
	a = big_alloc(2 * (n + 1) * sizeof *a);
	if (pairing) {
		pa = big_alloc(2 * (n + 1) * sizeof *pa);
		save = big_alloc(n * sizeof *save);
	}
	if (a == NULL || (pairing && (pa == NULL || save == NULL))) {
		st = AUC_NOMEM;
		goto out;
	}
	memset(&psums, 0, sizeof psums);
	for (size_t m = 0; m < k; m++) {
		struct delong_sums sums;
		struct sorted s;
		int with_pay = pairing && m < 2;
		uint64_t u2;

		if (!sort_model(labels, scores[m], n, p, a, a + n + 1,
		    with_pay ? pa : NULL, with_pay ? pa + n + 1 : NULL, &s)) {
			st = AUC_NOT_FINITE;
			goto out;
		}
		memset(&sums, 0, sizeof sums);
		u2 = walk_model(&s, delong ? &sums : NULL,
		    with_pay ? save : NULL, with_pay && m == 1 ? &psums : NULL);
		model_fill(&models[m], p, n - p, u2, delong ? &sums : NULL);
		if (flags & AUC_WANT_ROC) {
			st = roc_build(&s, count_groups(&s), &models[m]);
			if (st != AUC_OK)
				goto out;
		}
	}
	if (pairing)
		comparison_fill(cmp, models, &psums);
out:
	free(a);
	free(pa);
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
