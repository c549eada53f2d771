/*
 * exact.c — exact rationals: two 64-bit integers while they fit, GMP where they do not. See exact.h.
 *
 * Every operation on small operands is done in 128-bit integers, where it is exact (a product of two
 * values below 2^63 is below 2^126, a sum of two such below 2^127); the result is stored if it fits,
 * else reduced by the gcd and stored if it then fits, else kept as a GMP rational. An operand held by
 * GMP makes the operation GMP's, and its result is brought back to the small form where it fits.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "jixiao/alloc.h"
#include "exact.h"

typedef __int128 i128;
typedef unsigned __int128 u128;

static const int64_t tens[JX_DEC_MAXDIGITS + 1] = { 1,
						     10,
						     100,
						     1000,
						     10000,
						     100000,
						     1000000,
						     10000000,
						     100000000,
						     1000000000,
						     10000000000,
						     100000000000,
						     1000000000000,
						     10000000000000,
						     100000000000000,
						     1000000000000000,
						     10000000000000000,
						     100000000000000000,
						     1000000000000000000 };

static bool fits(i128 v)
{
	return v <= INT64_MAX && v >= -(i128)INT64_MAX;
}

static int ctz128(u128 v)
{
	uint64_t lo = (uint64_t)v;

	return lo ? __builtin_ctzll(lo) : 64 + __builtin_ctzll((uint64_t)(v >> 64));
}

/* gcd(a, b) of values not both 0 (binary: shifts and subtractions). */
static u128 gcd128(u128 a, u128 b)
{
	int shift;

	if (!a || !b)
		return a | b;
	shift = ctz128(a | b);
	a >>= ctz128(a);
	do {
		b >>= ctz128(b);
		if (a > b) {
			u128 t = a;

			a = b;
			b = t;
		}
		b -= a;
	} while (b);
	return a << shift;
}

static void free_big(struct jx_q *q)
{
	if (q->big) {
		mpq_clear(q->big);
		free(q->big);
		q->big = NULL;
	}
}

void jx_q_clear(struct jx_q *q)
{
	free_big(q);
	q->num = 0;
	q->den = 1;
}

/* A GMP integer from a 128-bit one. */
static void mpz_set_i128(mpz_t z, i128 v)
{
	u128 m = v < 0 ? -(u128)v : (u128)v;

	mpz_set_ui(z, (unsigned long)(uint64_t)(m >> 64));
	mpz_mul_2exp(z, z, 64);
	mpz_add_ui(z, z, (unsigned long)(uint64_t)m);
	if (v < 0)
		mpz_neg(z, z);
}

/* q's own GMP rational, made if it has none. */
static mpq_ptr big_of(struct jx_q *q)
{
	if (!q->big) {
		q->big = jx_malloc(sizeof(*q->big));
		mpq_init(q->big);
	}
	return q->big;
}

/* q = n/d (d > 0): small if it fits, reduced if need be. */
static void store(struct jx_q *q, i128 n, i128 d)
{
	if (!fits(n) || !fits(d)) {
		u128 g = gcd128(n < 0 ? -(u128)n : (u128)n, (u128)d);

		n /= (i128)g;
		d /= (i128)g;
	}
	if (fits(n) && fits(d)) {
		free_big(q);
		q->num = (int64_t)n;
		q->den = (int64_t)d;
		return;
	}
	mpz_set_i128(mpq_numref(big_of(q)), n);
	mpz_set_i128(mpq_denref(q->big), d);
	mpq_canonicalize(q->big);
}

/* q = r, GMP's result: small if it fits. */
static void store_big(struct jx_q *q, const mpq_t r)
{
	if (mpz_fits_slong_p(mpq_numref(r)) && mpz_fits_slong_p(mpq_denref(r)) &&
	    mpz_cmp_si(mpq_numref(r), -INT64_MAX) >= 0) {
		int64_t n = mpz_get_si(mpq_numref(r)), d = mpz_get_si(mpq_denref(r));

		free_big(q);
		q->num = n;
		q->den = d;
		return;
	}
	mpq_set(big_of(q), r);
}

/* r = a, as GMP holds it (r initialised). */
static void to_mpq(mpq_t r, const struct jx_q *a)
{
	if (a->big) {
		mpq_set(r, a->big);
		return;
	}
	mpz_set_si(mpq_numref(r), a->num);
	mpz_set_si(mpq_denref(r), a->den);
	mpq_canonicalize(r);
}

void jx_q_set_frac(struct jx_q *q, int64_t num, int64_t den)
{
	store(q, num, den);
}

void jx_q_set(struct jx_q *q, const struct jx_q *a)
{
	if (q == a)
		return;
	if (a->big) {
		mpq_set(big_of(q), a->big);
		return;
	}
	free_big(q);
	q->num = a->num;
	q->den = a->den;
}

void jx_q_set_dec(struct jx_q *q, struct jx_dec d)
{
	store(q, d.coef, tens[d.scale]);
}

enum op { ADD, SUB, MUL, DIV };

static void big_op(struct jx_q *out, const struct jx_q *a, const struct jx_q *b, enum op op)
{
	mpq_t x, y;

	mpq_inits(x, y, NULL);
	to_mpq(x, a);
	to_mpq(y, b);
	switch (op) {
	case ADD:
		mpq_add(x, x, y);
		break;
	case SUB:
		mpq_sub(x, x, y);
		break;
	case MUL:
		mpq_mul(x, x, y);
		break;
	case DIV:
		mpq_div(x, x, y);
		break;
	}
	store_big(out, x);
	mpq_clears(x, y, NULL);
}

static void arith(struct jx_q *out, const struct jx_q *a, const struct jx_q *b, enum op op)
{
	i128 an = a->num, ad = a->den, bn = b->num, bd = b->den;

	if (a->big || b->big) {
		big_op(out, a, b, op);
		return;
	}
	switch (op) {
	case ADD:
	case SUB:
		if (ad == bd) /* a common denominator: the usual case of sums of shares */
			store(out, op == ADD ? an + bn : an - bn, ad);
		else
			store(out, op == ADD ? an * bd + bn * ad : an * bd - bn * ad, ad * bd);
		break;
	case MUL:
		store(out, an * bn, ad * bd);
		break;
	case DIV:
		if (bn < 0)
			store(out, -an * bd, ad * -bn);
		else
			store(out, an * bd, ad * bn);
		break;
	}
}

void jx_q_add(struct jx_q *out, const struct jx_q *a, const struct jx_q *b)
{
	arith(out, a, b, ADD);
}

void jx_q_sub(struct jx_q *out, const struct jx_q *a, const struct jx_q *b)
{
	arith(out, a, b, SUB);
}

void jx_q_mul(struct jx_q *out, const struct jx_q *a, const struct jx_q *b)
{
	arith(out, a, b, MUL);
}

void jx_q_div(struct jx_q *out, const struct jx_q *a, const struct jx_q *b)
{
	arith(out, a, b, DIV);
}

void jx_q_abs(struct jx_q *out, const struct jx_q *a)
{
	jx_q_set(out, a);
	if (out->big)
		mpq_abs(out->big, out->big);
	else if (out->num < 0)
		out->num = -out->num;
}

int jx_q_sgn(const struct jx_q *a)
{
	return a->big ? mpq_sgn(a->big) : (a->num > 0) - (a->num < 0);
}

int jx_q_cmp(const struct jx_q *a, const struct jx_q *b)
{
	mpq_t x, y;
	i128 l, r;
	int c;

	if (!a->big && !b->big) {
		l = (i128)a->num * b->den;
		r = (i128)b->num * a->den;
		return (l > r) - (l < r);
	}
	mpq_inits(x, y, NULL);
	to_mpq(x, a);
	to_mpq(y, b);
	c = mpq_cmp(x, y);
	mpq_clears(x, y, NULL);
	return c;
}

int jx_q_cmp_int(const struct jx_q *a, int64_t n)
{
	i128 r;

	if (a->big)
		return mpq_cmp_si(a->big, n, 1);
	r = (i128)n * a->den;
	return (a->num > r) - (a->num < r);
}

int jx_q_cmp_dec(const struct jx_q *a, struct jx_dec d)
{
	struct jx_q b = JX_Q_INIT;
	int c;

	jx_q_set_dec(&b, d);
	c = jx_q_cmp(a, &b);
	jx_q_clear(&b);
	return c;
}

struct jx_dec jx_q_round2(const struct jx_q *q)
{
	struct jx_dec d = { 0, 2 };
	mpz_t n;

	if (!q->big) { /* (200·|num| + den) div (2·den) = floor(100·|q| + 1/2) */
		i128 m = q->num < 0 ? -(i128)q->num : q->num, r = (200 * m + q->den) / (2 * (i128)q->den);

		d.coef = r > INT64_MAX ? INT64_MAX : (int64_t)r;
		if (q->num < 0)
			d.coef = -d.coef;
		return d;
	}
	mpz_init(n);
	mpz_mul_ui(n, mpq_numref(q->big), 200);
	mpz_abs(n, n);
	mpz_add(n, n, mpq_denref(q->big));
	mpz_fdiv_q(n, n, mpq_denref(q->big));
	mpz_fdiv_q_2exp(n, n, 1);
	d.coef = mpz_fits_slong_p(n) ? mpz_get_si(n) : INT64_MAX;
	if (mpq_sgn(q->big) < 0)
		d.coef = -d.coef;
	mpz_clear(n);
	return d;
}
