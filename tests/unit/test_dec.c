/*
 * test_dec.c — exact decimals (struct jx_dec) and money (jx_money, hundredths of 万元).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "jixiao/dec.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static struct jx_dec dec(const char *s)
{
	struct jx_dec d = { -1, -1 };

	if (jx_dec_parse(s, strlen(s), &d))
		fail_msg("jx_dec_parse(\"%s\") failed", s);
	return d;
}

static void test_dec_parse_accepts_plain_decimals(void **state)
{
	static const struct {
		const char *s;
		int64_t coef;
		int scale;
	} cases[] = {
		{ "0", 0, 0 },
		{ "24", 24, 0 },
		{ "100.0", 1000, 1 },
		{ "-0.50", -50, 2 },
		{ "+7", 7, 0 },
		{ "3033.00", 303300, 2 },
		{ "000000000000000000000042", 42, 0 },      /* leading zeros do not count */
		{ "999999999999999999", 999999999999999999LL, 0 }, /* 18 digits */
		{ "-999999999999999999", -999999999999999999LL, 0 },
		{ "0.123456789012345678", 123456789012345678LL, 18 },
		{ "12345678901234567.8", 123456789012345678LL, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		struct jx_dec d = dec(cases[i].s);

		if (d.coef != cases[i].coef || d.scale != cases[i].scale)
			fail_msg("\"%s\": coef %lld scale %d", cases[i].s, (long long)d.coef, d.scale);
	}
}

static void test_dec_parse_rejects_malformed(void **state)
{
	static const char *const bad[] = {
		"", ".", "1.", "1..2", "1.2.3", "+", "-", "+-1", "--1", " 1", "1 ", "1,000", "1e5", "0x10", "１",
		"1234567890123456789",   /* 19 digits */
		"123456789012345678.9",  /* 19 digits with a point */
		"-1000000000000000000",  /* 19 digits, negative */
	};
	struct jx_dec d = { 77, 3 };
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(bad); i++)
		if (jx_dec_parse(bad[i], strlen(bad[i]), &d) != -1)
			fail_msg("\"%s\" was accepted", bad[i]);
	assert_int_equal(d.coef, 77); /* out untouched on failure */
	assert_int_equal(d.scale, 3);
}

/* Digits are required before the point, as "1." requires them after it (dec.h: "[+-]digits[.digits]");
 * ".5" and "-.5" were once accepted. */
static void test_dec_parse_rejects_missing_integer_part(void **state)
{
	static const char *const bad[] = { ".5", "-.5", "+.25" };
	struct jx_dec d;
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(bad); i++)
		if (jx_dec_parse(bad[i], strlen(bad[i]), &d) != -1)
			fail_msg("\"%s\" was accepted as coef %lld scale %d", bad[i], (long long)d.coef, d.scale);
}

static void test_dec_parse_reads_only_n_bytes(void **state)
{
	struct jx_dec d;

	(void)state;
	assert_int_equal(jx_dec_parse("12.5%", 4, &d), 0);
	assert_int_equal(d.coef, 125);
	assert_int_equal(d.scale, 1);
	assert_int_equal(jx_dec_parse("12.5%", 3, &d), -1); /* "12." */
	assert_int_equal(jx_dec_parse("7", 0, &d), -1);
}

static void test_dec_format_keeps_scale(void **state)
{
	static const struct {
		int64_t coef;
		int scale;
		const char *want;
	} cases[] = {
		{ 1000, 1, "100.0" },
		{ -50, 2, "-0.50" },
		{ 24, 0, "24" },
		{ 5, 3, "0.005" },
		{ 0, 2, "0.00" },
		{ -7, 0, "-7" },
		{ 123456789012345678LL, 18, "0.123456789012345678" },
		{ INT64_MIN, 0, "-9223372036854775808" },
		{ INT64_MAX, 18, "9.223372036854775807" },
	};
	char out[JX_DEC_STRMAX];
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		struct jx_dec d = { cases[i].coef, cases[i].scale };

		assert_ptr_equal(jx_dec_format(d, out), out);
		assert_string_equal(out, cases[i].want);
	}
}

static void test_dec_format_round_trips_parse(void **state)
{
	static const char *const texts[] = { "100.0", "-0.50", "0.000001", "999999999999999999", "1.44", "-3" };
	char out[JX_DEC_STRMAX];
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(texts); i++)
		assert_string_equal(jx_dec_format(dec(texts[i]), out), texts[i]);
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void test_dec_cmp_compares_values_not_scales(void **state)
{
	static const struct {
		const char *a, *b;
		int want;
	} cases[] = {
		{ "100.0", "100", 0 },
		{ "100", "100.000000", 0 },
		{ "-0.0", "0", 0 },
		{ "1.5", "1.49", 1 },
		{ "1.49", "1.5", -1 },
		{ "-1", "0.5", -1 },
		{ "-2.5", "-2.50001", 1 },
		{ "999999999999999999", "999999999999999998", 1 },
		{ "1.00000000000000000", "1", 0 },
		{ "0.000000000000000001", "0", 1 },
		{ "999999999999999999", "0.999999999999999999", 1 },
		{ "-999999999999999999", "0.000000000000000001", -1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		int got = sign(jx_dec_cmp(dec(cases[i].a), dec(cases[i].b)));

		if (got != cases[i].want)
			fail_msg("cmp(%s, %s) = %d, want %d", cases[i].a, cases[i].b, got, cases[i].want);
	}
}

static void test_dec_digits_counts_significant_digits(void **state)
{
	static const struct {
		int64_t coef;
		int want;
	} cases[] = { { 0, 0 }, { 7, 1 }, { -100, 3 }, { 999999999999999999LL, 18 }, { INT64_MIN, 19 } };
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		struct jx_dec d = { cases[i].coef, 2 };

		assert_int_equal(jx_dec_digits(d), cases[i].want);
	}
}

static void test_money_from_dec_exact_cents(void **state)
{
	static const struct {
		const char *s;
		jx_money want;
	} cases[] = {
		{ "3033.00", 3033000000 }, { "32.1", 32100000 }, { "5", 5000000 }, { "1.000", 1000000 },
		{ "-0.5", -500000 },	   { "0", 0 },		  { "1.0100000", 1010000 },
		{ "38.766462", 38766462 }, /* 387664.62 元: 分 are kept */
		{ "999999999999.999999", 999999999999999999LL }, /* the most digits a decimal has */
	};
	jx_money m;
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		m = -1;
		assert_int_equal(jx_money_from_dec(dec(cases[i].s), &m), 0);
		assert_int_equal(m, cases[i].want);
	}
}

static void test_money_from_dec_rejects_fractions_and_overflow(void **state)
{
	static const char *const bad[] = { "1.0000005", "0.0000001", "-1.9999999", "99999999999999999",
					   "-99999999999999999", "999999999999999999" };
	jx_money m = 42;
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(bad); i++)
		if (jx_money_from_dec(dec(bad[i]), &m) != -1)
			fail_msg("%s was accepted as %lld", bad[i], (long long)m);
	assert_int_equal(m, 42);
}

/* Amounts written in 元 are kept to the 分, nothing finer. */
static void test_money_from_yuan(void **state)
{
	static const struct {
		const char *s;
		int rc;
		jx_money want;
	} cases[] = {
		{ "387664.62", 0, 38766462 }, { "3309840.00", 0, 330984000 }, { "0.5", 0, 50 },
		{ "1.005", -1, 0 },	       { "9999999999999999.99", 0, 999999999999999999LL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		jx_money m = 0;

		if (jx_money_from_yuan(dec(cases[i].s), &m) != cases[i].rc || m != cases[i].want)
			fail_msg("jx_money_from_yuan(%s) gave %lld", cases[i].s, (long long)m);
	}
}

static void test_money_parse_amounts_in_wan(void **state)
{
	static const struct {
		const char *s;
		int rc;
		jx_money want;
	} cases[] = {
		{ "3033.00", 0, 3033000000 }, { "32.1", 0, 32100000 }, { "0.00", 0, 0 },     { "-12", 0, -12000000 },
		{ "1,000.00", -1, 0 },	       { "", -1, 0 },	       { "1.0000005", -1, 0 }, { "万元", -1, 0 },
		{ "1.005", 0, 1005000 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		jx_money m = 0;

		if (jx_money_parse(cases[i].s, strlen(cases[i].s), &m) != cases[i].rc || m != cases[i].want)
			fail_msg("jx_money_parse(\"%s\") gave %lld", cases[i].s, (long long)m);
	}
}

static void test_money_format_two_places_and_negatives(void **state)
{
	static const struct {
		jx_money m;
		const char *want;
	} cases[] = {
		{ 3033000000, "3033.00" }, { 0, "0.00" },	   { 50000, "0.05" },	 { -50000, "-0.05" },
		{ -1500000, "-1.50" },	   { -3033000000, "-3033.00" }, { 38766462, "38.766462" }, { 1005000, "1.005" },
		{ 1, "0.000001" },	   { INT64_MAX, "9223372036854.775807" }, { -INT64_MAX, "-9223372036854.775807" },
		{ JX_MONEY_NONE, "" }, /* not given */
	};
	char out[JX_DEC_STRMAX];
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++)
		assert_string_equal(jx_money_format(cases[i].m, out), cases[i].want);
}

static void test_money_add_detects_overflow(void **state)
{
	jx_money out = 0;

	(void)state;
	assert_int_equal(jx_money_add(303300, 2100, &out), 0);
	assert_int_equal(out, 305400);
	assert_int_equal(jx_money_add(INT64_MAX, INT64_MIN, &out), 0);
	assert_int_equal(out, -1);
	assert_int_equal(jx_money_add(INT64_MAX - 1, 1, &out), 0);
	assert_int_equal(out, INT64_MAX);
	assert_int_equal(jx_money_add(INT64_MAX, 1, &out), -1);
	assert_int_equal(jx_money_add(INT64_MIN, -1, &out), -1);
	assert_int_equal(jx_money_add(INT64_MAX / 2 + 1, INT64_MAX / 2 + 1, &out), -1);
}

/* s ÷ n at scale, formatted, and whether it was exact. */
static void check_div(const char *s, int64_t n, int scale, const char *want, bool want_exact)
{
	struct jx_dec q;
	char out[JX_DEC_STRMAX];
	bool exact = !want_exact;

	assert_int_equal(jx_dec_div(dec(s), n, scale, &q, &exact), 0);
	assert_string_equal(jx_dec_format(q, out), want);
	assert_int_equal(exact, want_exact);
}

static void test_dec_div_rounds_half_away_from_zero(void **state)
{
	struct jx_dec q;

	(void)state;
	check_div("30", 2, 1, "15.0", true);
	check_div("25", 2, 1, "12.5", true);
	check_div("25", 2, 0, "13", false);   /* 12.5 → 13 */
	check_div("-25", 2, 0, "-13", false); /* away from zero on both sides */
	check_div("100", 3, 2, "33.33", false);
	check_div("200", 3, 2, "66.67", false);
	check_div("98.5", 3, 3, "32.833", false);
	check_div("0", 7, 2, "0.00", true);
	assert_int_equal(jx_dec_div(dec("1"), 0, 2, &q, NULL), -1);   /* no division by zero */
	assert_int_equal(jx_dec_div(dec("1.25"), 2, 1, &q, NULL), -1); /* below the number's own scale */
	assert_int_equal(jx_dec_div(dec("999999999999999999"), 1, 1, &q, NULL), -1); /* does not fit */
}

static void test_dec_mul_int_keeps_scale(void **state)
{
	char out[JX_DEC_STRMAX];
	struct jx_dec d;

	(void)state;
	assert_int_equal(jx_dec_mul_int(dec("12.5"), 4, &d), 0);
	assert_string_equal(jx_dec_format(d, out), "50.0");
	assert_int_equal(jx_dec_mul_int(dec("-3"), 100, &d), 0);
	assert_string_equal(jx_dec_format(d, out), "-300");
	assert_int_equal(jx_dec_mul_int(dec("999999999999999999"), 10, &d), -1);
}

static void test_dec_trim_drops_trailing_zeros(void **state)
{
	char out[JX_DEC_STRMAX];

	(void)state;
	assert_string_equal(jx_dec_format(jx_dec_trim(dec("15.00"), 0), out), "15");
	assert_string_equal(jx_dec_format(jx_dec_trim(dec("15.50"), 0), out), "15.5");
	assert_string_equal(jx_dec_format(jx_dec_trim(dec("15.00"), 1), out), "15.0");
	assert_string_equal(jx_dec_format(jx_dec_trim(dec("100"), 0), out), "100"); /* not into the integer part */
	assert_string_equal(jx_dec_format(jx_dec_trim(dec("0.000"), 0), out), "0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dec_parse_accepts_plain_decimals),
		cmocka_unit_test(test_dec_parse_rejects_malformed),
		cmocka_unit_test(test_dec_parse_rejects_missing_integer_part),
		cmocka_unit_test(test_dec_parse_reads_only_n_bytes),
		cmocka_unit_test(test_dec_format_keeps_scale),
		cmocka_unit_test(test_dec_format_round_trips_parse),
		cmocka_unit_test(test_dec_cmp_compares_values_not_scales),
		cmocka_unit_test(test_dec_digits_counts_significant_digits),
		cmocka_unit_test(test_money_from_dec_exact_cents),
		cmocka_unit_test(test_money_from_yuan),
		cmocka_unit_test(test_money_from_dec_rejects_fractions_and_overflow),
		cmocka_unit_test(test_money_parse_amounts_in_wan),
		cmocka_unit_test(test_money_format_two_places_and_negatives),
		cmocka_unit_test(test_money_add_detects_overflow),
		cmocka_unit_test(test_dec_div_rounds_half_away_from_zero),
		cmocka_unit_test(test_dec_trim_drops_trailing_zeros),
		cmocka_unit_test(test_dec_mul_int_keeps_scale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
