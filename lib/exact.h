/*
 * exact.h — exact rational arithmetic on jixiao's decimals, over GMP (library-internal; used by score.c
 * and monitor.c).
 */
#ifndef JIXIAO_EXACT_H
#define JIXIAO_EXACT_H

#include <gmp.h>

#include "jixiao/dec.h"

/* q = d exactly. */
void jx_q_set_dec(mpq_t q, struct jx_dec d);

/* q rounded half-up (ties away from zero) to two places; saturates if it does not fit. */
struct jx_dec jx_q_round2(const mpq_t q);

/* Compares q with d: negative, 0 or positive. */
int jx_q_cmp_dec(const mpq_t q, struct jx_dec d);

#endif
