/*
 * rng.c: xoshiro256** seeded by splitmix64, as published at
 * https://prng.di.unimi.it/ (public domain reference code).
 */
#include "rng.h"

#include <assert.h>

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void
rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed;

	/* Mix the stream in through splitmix64 itself, so that nearby seeds
	 * and streams give unrelated states. */
	x = splitmix64(&x) ^ stream;
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double
rng_uniform(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

uint32_t
rng_below(struct rng *r, uint32_t n)
{
	/* Reject the top partial block of 2^64 so that every value of
	 * [0, n) is equally likely. */
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t x;

	assert(n > 0);
	do
		x = rng_next(r);
	while (x >= limit);
	return (uint32_t)(x % n);
}

int
rng_range(struct rng *r, int lo, int hi)
{
	assert(lo <= hi);
	return lo + (int)rng_below(r, (uint32_t)(hi - lo) + 1);
}

int
rng_chance(struct rng *r, double p)
{
	return rng_uniform(r) < p;
}

double
rng_normal(struct rng *r)
{
	double sum = 0;

	for (int i = 0; i < 12; i++)
		sum += rng_uniform(r);
	return sum - 6;
}

int
rng_pick(struct rng *r, const double *w, int n)
{
	double total = 0, u;

	assert(n > 0);
	for (int i = 0; i < n; i++)
		total += w[i];
	assert(total > 0);
	u = rng_uniform(r) * total;
	for (int i = 0; i < n; i++) {
		if (u < w[i])
			return i;
		u -= w[i];
	}
	/* Rounding can leave u a hair above the last weight. */
	for (int i = n - 1; i >= 0; i--)
		if (w[i] > 0)
			return i;
	return n - 1;
}
