/*
 * dec.h — exact decimal numbers and money.
 *
 * Targets (指标值) and funds are decimals as written: 100.0, 1.44, 700000. They are held exactly as an
 * integer coefficient and a scale (value = coef × 10^-scale), never as binary floating point. The scale
 * is kept as written, so 100.0 stays 100.0 while still comparing equal to 100.
 *
 * Money is jx_money: an integer count of 分 (hundredths of 元, one millionth of 万元). Tables state their
 * funds in 万元 ("3033.00") or in 元 ("387664.62"), and both are held exactly; 万元 is the unit people
 * are shown, with two decimal places or as many more as the amount needs ("38.766462").
 */
#ifndef JIXIAO_DEC_H
#define JIXIAO_DEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JX_DEC_MAXDIGITS 18 /* significant digits an int64 coefficient always holds */
#define JX_DEC_STRMAX 48    /* room for any formatted decimal or amount, with its NUL */

struct jx_dec {
	int64_t coef; /* the digits, with the sign */
	int scale;    /* digits after the point, 0..JX_DEC_MAXDIGITS */
};

/* Parses an ASCII decimal "[+-]digits[.digits]" of n bytes (at least one digit; at most
 * JX_DEC_MAXDIGITS digits once leading zeros are dropped). Returns 0, or -1 if s is not such a number. */
int jx_dec_parse(const char *s, size_t n, struct jx_dec *out);

/* Formats d with its scale ("100.0", "-0.50", "24") into out (JX_DEC_STRMAX bytes); returns out. */
char *jx_dec_format(struct jx_dec d, char *out);

/* Compares values (not scales): negative, 0 or positive as a < b, a == b, a > b. */
int jx_dec_cmp(struct jx_dec a, struct jx_dec b);

/* The number of significant digits of the coefficient (0 for zero). */
int jx_dec_digits(struct jx_dec d);

/* a + b exactly, at the larger of their scales. Returns -1 if the result does not fit. */
int jx_dec_add(struct jx_dec a, struct jx_dec b, struct jx_dec *out);

/* a − b exactly, at the larger of their scales. Returns -1 if the result does not fit. */
int jx_dec_sub(struct jx_dec a, struct jx_dec b, struct jx_dec *out);

/* d × 10^k for k in −JX_DEC_MAXDIGITS..JX_DEC_MAXDIGITS, exactly (dividing raises the scale). Returns -1
 * if the result does not fit. */
int jx_dec_shift(struct jx_dec d, int k, struct jx_dec *out);

/* |d|. */
struct jx_dec jx_dec_abs(struct jx_dec d);

/* d ÷ n (n > 0) at scale digits after the point (scale ≥ d's), rounded half away from zero; *exact
 * (if not NULL) tells whether nothing was rounded off. Returns -1 if the result does not fit. */
int jx_dec_div(struct jx_dec d, int64_t n, int scale, struct jx_dec *out, bool *exact);

/* d × k exactly, at d's scale. Returns -1 if the result does not fit. */
int jx_dec_mul_int(struct jx_dec d, int64_t k, struct jx_dec *out);

/* d without trailing zeros after the point, keeping at least min_scale digits there: 15.00 → 15. */
struct jx_dec jx_dec_trim(struct jx_dec d, int min_scale);


typedef int64_t jx_money; /* 分: one millionth of 万元 */

#define JX_MONEY_SCALE 6          /* decimal places of 万元 that jx_money holds */
#define JX_MONEY_NONE INT64_MIN   /* an amount the table does not give */

/* Converts a decimal in 万元 to money. Returns -1 if it has non-zero digits past the sixth decimal
 * place (a fraction of a 分) or does not fit. */
int jx_money_from_dec(struct jx_dec d, jx_money *out);

/* Converts a decimal in 元 to money. Returns -1 if it has non-zero digits past the second decimal place
 * or does not fit. */
int jx_money_from_yuan(struct jx_dec d, jx_money *out);

/* Parses an amount in 万元 such as "3033.00", "32.1" or "38.766462" (ASCII, no separators). Returns 0
 * or -1. */
int jx_money_parse(const char *s, size_t n, jx_money *out);

/* Formats money in 万元 with two decimal places, or as many more as it needs ("3033.00", "38.766462"),
 * into out (JX_DEC_STRMAX bytes); JX_MONEY_NONE as "". */
char *jx_money_format(jx_money m, char *out);

/* Money as a decimal in 万元, at the scale jx_money_format shows (two places or more). */
struct jx_dec jx_money_dec(jx_money m);

/* Adds with overflow detection: returns -1 if the sum does not fit. */
int jx_money_add(jx_money a, jx_money b, jx_money *out);

#endif
