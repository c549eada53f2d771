/*
 * exact.c — decimals in and out of GMP rationals. See exact.h.
 */
#include <stdint.h>

#include "exact.h"

void jx_q_set_dec(mpq_t q, struct jx_dec d)
{
	mpz_set_si(mpq_numref(q), d.coef); /* int64 is a long on the LP64 targets jixiao builds for */
	mpz_ui_pow_ui(mpq_denref(q), 10, (unsigned long)d.scale);
	mpq_canonicalize(q);
}

struct jx_dec jx_q_round2(const mpq_t q)
{
	struct jx_dec d = { 0, 2 };
	mpz_t n;

	/* (2·100·|num| + den) div (2·den) = floor(100·|q| + 1/2) */
	mpz_init(n);
	mpz_mul_ui(n, mpq_numref(q), 200);
	mpz_abs(n, n);
	mpz_add(n, n, mpq_denref(q));
	mpz_fdiv_q(n, n, mpq_denref(q));
	mpz_fdiv_q_2exp(n, n, 1);
	d.coef = mpz_fits_slong_p(n) ? mpz_get_si(n) : INT64_MAX;
	if (mpq_sgn(q) < 0)
		d.coef = -d.coef;
	mpz_clear(n);
	return d;
}

int jx_q_cmp_dec(const mpq_t q, struct jx_dec d)
{
	mpq_t p;
	int c;

	mpq_init(p);
	jx_q_set_dec(p, d);
	c = mpq_cmp(q, p);
	mpq_clear(p);
	return c;
}
