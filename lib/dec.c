/*
 * dec.c — exact decimals and money. See dec.h.
 *
 * Comparison rescales both coefficients to the larger scale in 128-bit integers, so it is exact for
 * every value dec.h allows.
 */
#include <stdio.h>
#include <string.h>

#include "jixiao/dec.h"

typedef __int128 i128;

static i128 pow10_128(int n)
{
	i128 p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

int jx_dec_parse(const char *s, size_t n, struct jx_dec *out)
{
	const char *end = s + n;
	int neg = 0, scale = 0, seen_point = 0, seen_digit = 0;
	int64_t coef = 0;

	if (s < end && (*s == '-' || *s == '+'))
		neg = *s++ == '-';
	for (; s < end; s++) {
		if (*s == '.' && !seen_point && seen_digit) {
			seen_point = 1;
			continue;
		}
		if (*s < '0' || *s > '9')
			return -1;
		if (coef >= 100000000000000000LL) /* a 19th digit would not fit */
			return -1;
		seen_digit = 1;
		scale += seen_point;
		coef = coef * 10 + (*s - '0');
	}
	if (!seen_digit || s[-1] == '.' || scale > JX_DEC_MAXDIGITS)
		return -1;
	out->coef = neg ? -coef : coef;
	out->scale = scale;
	return 0;
}

char *jx_dec_format(struct jx_dec d, char *out)
{
	char digits[32];
	uint64_t mag = d.coef < 0 ? -(uint64_t)d.coef : (uint64_t)d.coef;
	int n = 0, pos = 0, i;

	do { /* least significant first, at least scale + 1 digits */
		digits[n++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag || n <= d.scale);
	if (d.coef < 0)
		out[pos++] = '-';
	for (i = n - 1; i >= 0; i--) {
		out[pos++] = digits[i];
		if (i == d.scale && i > 0)
			out[pos++] = '.';
	}
	out[pos] = '\0';
	return out;
}

int jx_dec_cmp(struct jx_dec a, struct jx_dec b)
{
	if (a.scale == b.scale) /* the common case (targets of one indicator): no rescaling */
		return (a.coef > b.coef) - (a.coef < b.coef);
	int scale = a.scale > b.scale ? a.scale : b.scale;
	i128 x = (i128)a.coef * pow10_128(scale - a.scale);
	i128 y = (i128)b.coef * pow10_128(scale - b.scale);

	return (x > y) - (x < y);
}

int jx_dec_digits(struct jx_dec d)
{
	uint64_t mag = d.coef < 0 ? -(uint64_t)d.coef : (uint64_t)d.coef;
	int n = 0;

	for (; mag; mag /= 10)
		n++;
	return n;
}

/* Puts c (at scale) into *out if it fits: coefficient within JX_DEC_MAXDIGITS digits. */
static int fit(i128 c, int scale, struct jx_dec *out)
{
	static const i128 limit = (i128)1000000000000000000LL; /* 10^18 */

	if (c >= limit || c <= -limit || scale > JX_DEC_MAXDIGITS)
		return -1;
	out->coef = (int64_t)c;
	out->scale = scale;
	return 0;
}

int jx_dec_add(struct jx_dec a, struct jx_dec b, struct jx_dec *out)
{
	int scale = a.scale > b.scale ? a.scale : b.scale;

	return fit((i128)a.coef * pow10_128(scale - a.scale) + (i128)b.coef * pow10_128(scale - b.scale), scale, out);
}

int jx_dec_sub(struct jx_dec a, struct jx_dec b, struct jx_dec *out)
{
	b.coef = -b.coef;
	return jx_dec_add(a, b, out);
}

int jx_dec_shift(struct jx_dec d, int k, struct jx_dec *out)
{
	if (k < -JX_DEC_MAXDIGITS || k > JX_DEC_MAXDIGITS)
		return -1;
	if (k <= d.scale)
		return fit(d.coef, d.scale - k, out);
	return fit((i128)d.coef * pow10_128(k - d.scale), 0, out);
}

struct jx_dec jx_dec_abs(struct jx_dec d)
{
	d.coef = d.coef < 0 ? -d.coef : d.coef;
	return d;
}

int jx_dec_div(struct jx_dec d, int64_t n, int scale, struct jx_dec *out, bool *exact)
{
	i128 num, q, r;

	if (n <= 0 || scale < d.scale || scale > JX_DEC_MAXDIGITS)
		return -1;
	num = (i128)d.coef * pow10_128(scale - d.scale);
	q = num / n;
	r = num % n;
	if (exact)
		*exact = r == 0;
	if (2 * (r < 0 ? -r : r) >= n)
		q += num < 0 ? -1 : 1;
	return fit(q, scale, out);
}

int jx_dec_mul_int(struct jx_dec d, int64_t k, struct jx_dec *out)
{
	return fit((i128)d.coef * k, d.scale, out);
}

struct jx_dec jx_dec_trim(struct jx_dec d, int min_scale)
{
	while (d.scale > min_scale && d.coef % 10 == 0) {
		d.coef /= 10;
		d.scale--;
	}
	return d;
}

struct jx_dec jx_money_dec(jx_money m)
{
	struct jx_dec d = { m, JX_MONEY_SCALE };

	return jx_dec_trim(d, 2);
}

/* d × 10^places as a whole number of 分, if it is one. */
static int to_fen(struct jx_dec d, int places, jx_money *out)
{
	i128 v = d.coef;

	if (d.scale > places) {
		i128 p = pow10_128(d.scale - places);

		if (v % p)
			return -1;
		v /= p;
	} else {
		v *= pow10_128(places - d.scale);
	}
	if (v > INT64_MAX || v < -INT64_MAX)
		return -1;
	*out = (jx_money)v;
	return 0;
}

int jx_money_from_dec(struct jx_dec d, jx_money *out)
{
	return to_fen(d, JX_MONEY_SCALE, out);
}

int jx_money_from_yuan(struct jx_dec d, jx_money *out)
{
	return to_fen(d, 2, out);
}

int jx_money_parse(const char *s, size_t n, jx_money *out)
{
	struct jx_dec d;

	if (jx_dec_parse(s, n, &d))
		return -1;
	return jx_money_from_dec(d, out);
}

char *jx_money_format(jx_money m, char *out)
{
	if (m == JX_MONEY_NONE) {
		*out = '\0';
		return out;
	}
	return jx_dec_format(jx_money_dec(m), out);
}

int jx_money_add(jx_money a, jx_money b, jx_money *out)
{
	return __builtin_add_overflow(a, b, out) ? -1 : 0;
}
