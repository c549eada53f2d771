/*
 * test_exact.c — exact rationals (lib/exact.h): every operation against GMP's, on values chosen to
 * cross the edge between the 64-bit form and GMP's in both directions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gmp.h>
#include <stdio.h>
#include <string.h>

#include "../../lib/exact.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* r = q, as GMP holds it. */
static void as_mpq(mpq_t r, const struct jx_q *q)
{
	if (q->big) {
		mpq_set(r, q->big);
		return;
	}
	assert_true(q->den > 0);
	assert_true(q->num >= -INT64_MAX);
	mpz_set_si(mpq_numref(r), q->num);
	mpz_set_si(mpq_denref(r), q->den);
	mpq_canonicalize(r);
}

/* Checks that q holds exactly r, and in the 64-bit form where r fits there. */
static void same(const struct jx_q *q, const mpq_t r, const char *what)
{
	mpq_t x;

	mpq_init(x);
	as_mpq(x, q);
	if (!mpq_equal(x, r))
		fail_msg("%s: %s, expected %s", what, mpq_get_str(NULL, 10, x), mpq_get_str(NULL, 10, r));
	if (q->big && mpz_fits_slong_p(mpq_numref(r)) && mpz_fits_slong_p(mpq_denref(r)) &&
	    mpz_cmp_si(mpq_numref(r), -INT64_MAX) >= 0)
		fail_msg("%s: %s held by GMP although it fits", what, mpq_get_str(NULL, 10, r));
	mpq_clear(x);
}

/* Operands: small and large integers, fractions with large and co-prime denominators, decimals. */
static const struct {
	int64_t num, den;
} values[] = {
	{ 0, 1 },
	{ 1, 1 },
	{ -1, 1 },
	{ 25, 4 },
	{ -197, 2 },
	{ 9603, 100 },
	{ 1, 3 },
	{ 2, 4 }, /* not in lowest terms */
	{ INT64_MAX, 1 },
	{ -INT64_MAX, 1 },
	{ 1, INT64_MAX },
	{ INT64_MAX, INT64_MAX - 1 },
	{ 999999999999999999LL, 1000000000000000000LL },
	{ -123456789012345678LL, 1000000000000000000LL },
	{ 4294967311LL, 4294967291LL }, /* primes above 2^32: products do not reduce */
	{ 3037000493LL, 7 },
	{ 6, 9223372036854775783LL }, /* a prime denominator near 2^63 */
};

static void set(struct jx_q *q, mpq_t r, size_t i)
{
	jx_q_set_frac(q, values[i].num, values[i].den);
	mpz_set_si(mpq_numref(r), values[i].num);
	mpz_set_si(mpq_denref(r), values[i].den);
	mpq_canonicalize(r);
}

static void test_operations_agree_with_gmp(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < N_OF(values); i++) {
		for (j = 0; j < N_OF(values); j++) {
			struct jx_q a = JX_Q_INIT, b = JX_Q_INIT, out = JX_Q_INIT;
			mpq_t x, y, r;
			char what[96];

			mpq_inits(x, y, r, NULL);
			set(&a, x, i);
			set(&b, y, j);
			snprintf(what, sizeof(what), "values %zu and %zu", i, j);
			jx_q_add(&out, &a, &b);
			mpq_add(r, x, y);
			same(&out, r, what);
			jx_q_sub(&out, &a, &b);
			mpq_sub(r, x, y);
			same(&out, r, what);
			jx_q_mul(&out, &a, &b);
			mpq_mul(r, x, y);
			same(&out, r, what);
			if (mpq_sgn(y)) {
				jx_q_div(&out, &a, &b);
				mpq_div(r, x, y);
				same(&out, r, what);
			}
			assert_int_equal(jx_q_cmp(&a, &b), mpq_cmp(x, y) > 0 ? 1 : mpq_cmp(x, y) < 0 ? -1 : 0);
			jx_q_clear(&a);
			jx_q_clear(&b);
			jx_q_clear(&out);
			mpq_clears(x, y, r, NULL);
		}
	}
}

/* A chain of products that leaves the 64-bit form and divisions that come back to it; every step,
 * and the operands aliased with the result, against GMP. */
static void test_chains_leave_and_return_to_64_bits(void **state)
{
	struct jx_q q = JX_Q_INIT, f = JX_Q_INIT;
	mpq_t r, g;
	int k;

	(void)state;
	mpq_inits(r, g, NULL);
	set(&q, r, 3);  /* 25/4 */
	set(&f, g, 14); /* 4294967311/4294967291 */
	for (k = 0; k < 6; k++) {
		jx_q_mul(&q, &q, &f);
		mpq_mul(r, r, g);
		same(&q, r, "multiplying");
		jx_q_add(&q, &q, &f);
		mpq_add(r, r, g);
		same(&q, r, "adding");
	}
	assert_non_null(q.big); /* the chain did leave the 64-bit form */
	for (k = 0; k < 6; k++) {
		jx_q_sub(&q, &q, &f);
		mpq_sub(r, r, g);
		same(&q, r, "subtracting");
		jx_q_div(&q, &q, &f);
		mpq_div(r, r, g);
		same(&q, r, "dividing");
	}
	assert_null(q.big); /* and came back: 25/4 again */
	assert_int_equal(jx_q_cmp_int(&q, 6), 1);
	assert_int_equal(jx_q_cmp_int(&q, 7), -1);
	jx_q_abs(&f, &q);
	same(&f, r, "abs");
	jx_q_clear(&q);
	jx_q_clear(&f);
	mpq_clears(r, g, NULL);
}

static void test_round2_half_up_away_from_zero(void **state)
{
	static const struct {
		int64_t num, den;
		int64_t coef; /* hundredths */
	} cases[] = {
		{ 93687327, 1000000, 9369 }, /* the README's relief project: 93.687327 → 93.69 */
		{ 5, 1000, 1 },              /* 0.005 → 0.01 */
		{ -5, 1000, -1 },            /* ties away from zero */
		{ 4999, 1000000, 0 },
		{ 1, 3, 33 },
		{ 2, 3, 67 },
		{ 200, 2, 10000 },
		{ INT64_MAX, 1, INT64_MAX }, /* saturates */
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		struct jx_q q = JX_Q_INIT;
		struct jx_dec d;

		jx_q_set_frac(&q, cases[i].num, cases[i].den);
		d = jx_q_round2(&q);
		assert_int_equal(d.scale, 2);
		assert_int_equal(d.coef, cases[i].coef);
		jx_q_clear(&q);
	}
}

/* Decimals at their extremes (18 digits, 18 places) compare with rationals exactly. */
static void test_decimals_compare_exactly(void **state)
{
	struct jx_q q = JX_Q_INIT;

	(void)state;
	jx_q_set_frac(&q, 1, 3);
	assert_true(jx_q_cmp_dec(&q, (struct jx_dec){ 333333333333333333LL, 18 }) > 0);
	assert_true(jx_q_cmp_dec(&q, (struct jx_dec){ 333333333333333334LL, 18 }) < 0);
	jx_q_set_dec(&q, (struct jx_dec){ -999999999999999999LL, 0 });
	assert_int_equal(jx_q_cmp_dec(&q, (struct jx_dec){ -999999999999999999LL, 0 }), 0);
	assert_true(jx_q_cmp_int(&q, INT64_MIN) > 0);
	jx_q_set_dec(&q, (struct jx_dec){ 7650, 2 });
	assert_int_equal(jx_q_cmp_dec(&q, (struct jx_dec){ 765, 1 }), 0);
	assert_int_equal(jx_q_sgn(&q), 1);
	jx_q_clear(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_operations_agree_with_gmp),
		cmocka_unit_test(test_chains_leave_and_return_to_64_bits),
		cmocka_unit_test(test_round2_half_up_away_from_zero),
		cmocka_unit_test(test_decimals_compare_exactly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
