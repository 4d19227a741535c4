/*
 * rng.h: the generator's only source of randomness, a fixed algorithm so
 * that a seed gives the same data on every machine and C library:
 * xoshiro256** (Blackman and Vigna), its state filled by splitmix64.
 * Never rand(), whose algorithm is the C library's choice.
 */
#ifndef CDATA_RNG_H
#define CDATA_RNG_H

#include <stdint.h>

/*
 * Contracting a * b + c into one fused step changes the last bits of a
 * result, and so, once in a long while, a drawn value: never contract.
 * GCC contracts nothing under -std=c11; clang must be told.  Every file
 * that computes drawn values includes this header.
 */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

struct rng {
	uint64_t s[4];
};

/* Seeds r from seed and a stream number, so that each data set draws
 * from a sequence of its own and adding draws to one never shifts the
 * other. */
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);

/* The next 64 random bits. */
uint64_t rng_next(struct rng *r);

/* A uniform double in [0, 1), a multiple of 2^-53. */
double rng_uniform(struct rng *r);

/* A uniform integer in [0, n), without modulo bias.  Precondition: n > 0. */
uint32_t rng_below(struct rng *r, uint32_t n);

/* A uniform integer in [lo, hi].  Precondition: lo <= hi. */
int rng_range(struct rng *r, int lo, int hi);

/* 1 with probability p, else 0. */
int rng_chance(struct rng *r, double p);

/*
 * An approximately standard normal number: the sum of twelve uniforms
 * less six (Irwin-Hall), mean 0, variance 1, within [-6, 6].  Arithmetic
 * only, so that no libm rounding can change a draw between machines.
 */
double rng_normal(struct rng *r);

/*
 * An index drawn from weights w[0..n) (any non-negative numbers, not all
 * zero), with probability w[i] / sum.
 */
int rng_pick(struct rng *r, const double *w, int n);

#endif
