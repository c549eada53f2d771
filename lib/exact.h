/*
 * exact.h — exact rational arithmetic on jixiao's decimals (library-internal; used by score.c and
 * monitor.c).
 *
 * A struct jx_q holds a rational number exactly. While its numerator and denominator fit in 64 bits it
 * is two integers and every operation is integer arithmetic in 128 bits (products of 64-bit values
 * cannot overflow there); a result that does not fit is reduced by its greatest common divisor, and
 * only if it still does not fit is it held as a GMP rational, until a later result fits again. So the
 * common case costs a few multiplications and no allocation, and no value is ever rounded: only
 * jx_q_round2 rounds, for display. The small form is not kept in lowest terms (nothing reads it but
 * these functions), so 1/2 and 2/4 are the same value to every one of them.
 *
 * A q starts as JX_Q_INIT (0) and is released with jx_q_clear (which frees a GMP rational it may
 * hold). The result of an operation may be one of its operands.
 */
#ifndef JIXIAO_EXACT_H
#define JIXIAO_EXACT_H

#include <gmp.h>
#include <stdint.h>

#include "jixiao/dec.h"

struct jx_q {
	int64_t num, den; /* the value num/den, den > 0 and |num| ≤ INT64_MAX, while big is NULL */
	mpq_ptr big;      /* the value, where it does not fit in num/den: a GMP rational of this q's own */
};

#define JX_Q_INIT { 0, 1, NULL }

/* Frees what q holds; q is then 0. */
void jx_q_clear(struct jx_q *q);

/* q = num/den (den > 0). */
void jx_q_set_frac(struct jx_q *q, int64_t num, int64_t den);

/* q = a. */
void jx_q_set(struct jx_q *q, const struct jx_q *a);

/* q = d exactly. */
void jx_q_set_dec(struct jx_q *q, struct jx_dec d);

/* out = a + b, a − b, a × b, a ÷ b (b ≠ 0), |a|. */
void jx_q_add(struct jx_q *out, const struct jx_q *a, const struct jx_q *b);
void jx_q_sub(struct jx_q *out, const struct jx_q *a, const struct jx_q *b);
void jx_q_mul(struct jx_q *out, const struct jx_q *a, const struct jx_q *b);
void jx_q_div(struct jx_q *out, const struct jx_q *a, const struct jx_q *b);
void jx_q_abs(struct jx_q *out, const struct jx_q *a);

/* The sign of a: -1, 0 or 1. */
int jx_q_sgn(const struct jx_q *a);

/* Compares a with b, with the integer n, with the decimal d: negative, 0 or positive. */
int jx_q_cmp(const struct jx_q *a, const struct jx_q *b);
int jx_q_cmp_int(const struct jx_q *a, int64_t n);
int jx_q_cmp_dec(const struct jx_q *a, struct jx_dec d);

/* q rounded half-up (ties away from zero) to two places; saturates if it does not fit. */
struct jx_dec jx_q_round2(const struct jx_q *q);

#endif
