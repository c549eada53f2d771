/*
 * test_value.c — the target grammar (jx_target_parse), numbers, units and operator names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "jixiao/value.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

struct target_case {
	const char *text;
	int rc;
	enum jx_op op;
	int64_t coef;
	int scale;
	const char *unit;
};

/* Parses c->text into a struct filled with junk first, and checks every field. */
static void check_target(const struct target_case *c)
{
	struct jx_target t;
	bool quant = c->rc == 1;
	int rc;

	memset(&t, 0x5A, sizeof(t));
	rc = jx_target_parse(c->text, strlen(c->text), &t);

	if (rc != c->rc || t.op != (quant ? c->op : JX_OP_NONE) || strcmp(t.unit, quant ? c->unit : "") != 0 ||
	    (quant && (t.value.coef != c->coef || t.value.scale != c->scale)))
		fail_msg("jx_target_parse(\"%s\"): rc %d op %d coef %lld scale %d unit \"%.*s\"", c->text, rc,
			 (int)t.op, (long long)t.value.coef, t.value.scale, JX_UNIT_MAX, t.unit);
}

static void check_targets(const struct target_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		check_target(&c[i]);
}

static void test_target_symbol_operators(void **state)
{
	static const struct target_case cases[] = {
		{ "≥ 700,000", 1, JX_OP_GE, 700000, 0, "" },
		{ "≥700000", 1, JX_OP_GE, 700000, 0, "" },
		{ "=100.0%", 1, JX_OP_EQ, 1000, 1, "%" },
		{ "≥1.0%", 1, JX_OP_GE, 10, 1, "%" },
		{ ">=5", 1, JX_OP_GE, 5, 0, "" },
		{ "≧5", 1, JX_OP_GE, 5, 0, "" },
		{ "≮5", 1, JX_OP_GE, 5, 0, "" },
		{ "<=5", 1, JX_OP_LE, 5, 0, "" },
		{ "≤5", 1, JX_OP_LE, 5, 0, "" },
		{ "≦5", 1, JX_OP_LE, 5, 0, "" },
		{ "≯5", 1, JX_OP_LE, 5, 0, "" },
		{ ">5", 1, JX_OP_GT, 5, 0, "" },
		{ "<5", 1, JX_OP_LT, 5, 0, "" },
		{ "= 24 小时", 1, JX_OP_EQ, 24, 0, "小时" },
	};

	(void)state;
	check_targets(cases, N_OF(cases));
}

static void test_target_fullwidth_operator(void **state)
{
	static const struct target_case cases[] = {
		{ "＞＝５", 1, JX_OP_GE, 5, 0, "" },
		{ "＜＝１０", 1, JX_OP_LE, 10, 0, "" },
		{ "＞９０％", 1, JX_OP_GT, 90, 0, "%" },
		{ "≥１，０００．５", 1, JX_OP_GE, 10005, 1, "" },
		{ "＝　１００ ％", 1, JX_OP_EQ, 100, 0, "%" },
	};

	(void)state;
	check_targets(cases, N_OF(cases));
}

static void test_target_word_prefixes(void **state)
{
	static const struct target_case cases[] = {
		{ "不少于95%", 1, JX_OP_GE, 95, 0, "%" },
		{ "不少于 1,000 人次", 1, JX_OP_GE, 1000, 0, "人次" },
		{ "不低于90分", 1, JX_OP_GE, 90, 0, "分" },
		{ "不小于3", 1, JX_OP_GE, 3, 0, "" },
		{ "至少2次", 1, JX_OP_GE, 2, 0, "次" },
		{ "不高于5%", 1, JX_OP_LE, 5, 0, "%" },
		{ "不超过10万元", 1, JX_OP_LE, 10, 0, "万元" },
		{ "不大于7", 1, JX_OP_LE, 7, 0, "" },
		{ "不多于4人", 1, JX_OP_LE, 4, 0, "人" },
		{ "至多6", 1, JX_OP_LE, 6, 0, "" },
		{ "最多3天", 1, JX_OP_LE, 3, 0, "天" },
		{ "大于1", 1, JX_OP_GT, 1, 0, "" },
		{ "高于2", 1, JX_OP_GT, 2, 0, "" },
		{ "超过50户", 1, JX_OP_GT, 50, 0, "户" },
		{ "多于8", 1, JX_OP_GT, 8, 0, "" },
		{ "小于1%", 1, JX_OP_LT, 1, 0, "%" },
		{ "低于0.5", 1, JX_OP_LT, 5, 1, "" },
		{ "少于2次", 1, JX_OP_LT, 2, 0, "次" },
		{ "等于100", 1, JX_OP_EQ, 100, 0, "" },
	};

	(void)state;
	check_targets(cases, N_OF(cases));
}

static void test_target_word_suffixes(void **state)
{
	static const struct target_case cases[] = {
		{ "95%以上", 1, JX_OP_GE, 95, 0, "%" },
		{ "95%及以上", 1, JX_OP_GE, 95, 0, "%" },
		{ "3天以内", 1, JX_OP_LE, 3, 0, "天" },
		{ "7日之内", 1, JX_OP_LE, 7, 0, "日" },
		{ "5以下", 1, JX_OP_LE, 5, 0, "" },
		{ "2% 及以下", 1, JX_OP_LE, 2, 0, "%" },
		{ "不少于95%以上", 1, JX_OP_GE, 95, 0, "%" }, /* both, agreeing */
	};

	(void)state;
	check_targets(cases, N_OF(cases));
}

static void test_target_plain_number_means_equal(void **state)
{
	static const struct target_case cases[] = {
		{ "24", 1, JX_OP_EQ, 24, 0, "" },
		{ "100.0%", 1, JX_OP_EQ, 1000, 1, "%" },
		{ "-5", 1, JX_OP_EQ, -5, 0, "" },
		{ "+5", 1, JX_OP_EQ, 5, 0, "" },
		{ "2‰", 1, JX_OP_EQ, 2, 0, "‰" },
		{ "  1,234,567.89 万元/年 ", 1, JX_OP_EQ, 123456789, 2, "万元/年" },
		{ "5个个个个个个", 1, JX_OP_EQ, 5, 0, "个个个个个个" }, /* six characters */
		{ "≥5个工作日", 1, JX_OP_GE, 5, 0, "个工作日" },
	};

	(void)state;
	check_targets(cases, N_OF(cases));
}

/* Each text parses to rc (0 or -1) and leaves t cleared: op JX_OP_NONE, no unit. */
static void check_not_quantitative(const char *const *texts, size_t n, int rc)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct target_case c = { texts[i], rc, JX_OP_NONE, 0, 0, "" };

		check_target(&c);
	}
}

static void test_target_qualitative(void **state)
{
	static const char *const texts[] = {
		"全力保障", "逐步健全", "显著提升", "", "   ", "≥", "以上", "第1名", "1,00", "1,00.5",
		"≥95%以下",     /* the operators disagree */
		"不超过5以上",
		"5 (次)", "1-2天", "1.5.3", "1天2次", "5次，每次2小时",
		"5个个个个个个个个个个个", /* eleven characters cannot be a unit */
		"11以内以内", "5次以上以上", /* found by fuzzing: the unit kept an operator word */
		"12月底前完成", "3天左右", "约5次", "100%%", "5%人", "5个个个个个个个", /* review: not units */
	};

	(void)state;
	check_not_quantitative(texts, N_OF(texts), 0);
}

static void test_target_too_precise_returns_minus_one(void **state)
{
	static const char *const texts[] = {
		"1234567890123456", /* 16 significant digits */
		"≥0.1234567890123456",
		"1,234,567,890,123,456",
		"12345678901234567890123%", /* too long even for jx_dec */
	};
	static const struct target_case fine[] = {
		{ "123456789012345", 1, JX_OP_EQ, 123456789012345LL, 0, "" }, /* 15 digits */
		{ "≤0.000012345", 1, JX_OP_LE, 12345, 9, "" },
	};

	(void)state;
	check_not_quantitative(texts, N_OF(texts), -1);
	check_targets(fine, N_OF(fine));
}

static void test_number_scan_reads_leading_number(void **state)
{
	static const struct {
		const char *s;
		size_t want;
		const char *digits;
	} cases[] = {
		{ "700,000", 7, "700000" },
		{ "1,234,567.89", 12, "1234567.89" },
		{ "-3.5abc", 4, "-3.5" },
		{ "+12", 3, "+12" },
		{ "1,000人", 5, "1000" },
		{ "12天", 2, "12" },
		{ "5.", 1, "5" },
		{ "5.x", 1, "5" },
		{ "1,000,", 5, "1000" },
		{ "0.5%", 3, "0.5" },
		{ "12,34", 0, NULL },
		{ "1,2345", 0, NULL },
		{ "1,000,00", 0, NULL },
		{ "1,00.5", 0, NULL },
		{ ",5", 0, NULL },
		{ ".5", 0, NULL },
		{ "-", 0, NULL },
		{ "abc", 0, NULL },
		{ "", 0, NULL },
	};
	char digits[64];
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		size_t got = jx_number_scan(cases[i].s, strlen(cases[i].s), digits, sizeof(digits));

		if (got != cases[i].want || (got && strcmp(digits, cases[i].digits) != 0))
			fail_msg("jx_number_scan(\"%s\") = %zu \"%s\"", cases[i].s, got, got ? digits : "");
	}
}

/* A sign does not stand in for the digits before "." or ",": "-.5" and "-,500" were once read as
 * numbers. */
static void test_number_scan_sign_alone_is_not_digits(void **state)
{
	static const char *const bad[] = { "-.5", "+.5", "-,500" };
	char digits[64];
	size_t i, got;

	(void)state;
	for (i = 0; i < N_OF(bad); i++) {
		got = jx_number_scan(bad[i], strlen(bad[i]), digits, sizeof(digits));
		if (got != 0)
			fail_msg("jx_number_scan(\"%s\") = %zu \"%s\"", bad[i], got, digits);
	}
}

/* The group before the first thousands separator has at most three digits: "1234,567" is the number
 * 1234 followed by ",567" (so as a target it is qualitative), never 1234567. */
static void test_number_scan_first_group_at_most_three_digits(void **state)
{
	struct jx_target t;
	char digits[64];

	(void)state;
	assert_int_equal(jx_number_scan("1234,567", 8, digits, sizeof(digits)), 4);
	assert_string_equal(digits, "1234");
	assert_int_equal(jx_target_parse("1234,567", 8, &t), 0);
}

static void test_unit_plausible_accepts_units_only(void **state)
{
	static const struct {
		const char *s;
		int want;
	} cases[] = {
		{ "%", 1 },       { "人次", 1 },     { "万元/年", 1 },   { "‰", 1 },         { "km", 1 },
		{ "元·人", 1 },   { "十个字十个字十个字十", 1 },         { "十一个字十一个字十一个", 0 },
		{ "", 0 },        { "次 数", 0 },    { "1次", 0 },       { "(次)", 0 },      { "次、天", 0 },
		{ "《次》", 0 },  { "【次】", 0 },   { "“次”", 0 },      { ".", 0 },         { "-", 0 },
		{ "次,天", 0 },   { "次;", 0 },      { "\u3000", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++)
		if (jx_unit_plausible(cases[i].s, strlen(cases[i].s)) != cases[i].want)
			fail_msg("jx_unit_plausible(\"%s\") != %d", cases[i].s, cases[i].want);
}

/* No punctuation in a unit but / % ‰ ·: the dashes and bullets NFKC leaves alone (—, –, •) were once
 * accepted, making "5——" the number 5 with unit "——". */
static void test_unit_plausible_rejects_dashes(void **state)
{
	static const char *const bad[] = { "—", "——", "–", "•" };
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(bad); i++)
		if (jx_unit_plausible(bad[i], strlen(bad[i])))
			fail_msg("jx_unit_plausible(\"%s\") accepted punctuation", bad[i]);
}

static void test_op_names_symbol_and_json(void **state)
{
	static const struct {
		enum jx_op op;
		const char *symbol, *json;
	} cases[] = {
		{ JX_OP_NONE, "", "" }, { JX_OP_GE, "≥", ">=" }, { JX_OP_LE, "≤", "<=" },
		{ JX_OP_EQ, "=", "=" }, { JX_OP_GT, ">", ">" },  { JX_OP_LT, "<", "<" },
	};
	enum jx_op op;
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		assert_string_equal(jx_op_symbol(cases[i].op), cases[i].symbol);
		assert_string_equal(jx_op_json(cases[i].op), cases[i].json);
		if (cases[i].op == JX_OP_NONE)
			continue;
		op = JX_OP_NONE;
		assert_int_equal(jx_op_from_json(cases[i].json, &op), 0);
		assert_int_equal(op, cases[i].op);
	}
}

static void test_op_from_json_rejects_other_forms(void **state)
{
	static const char *const bad[] = { "", "≥", "=>", "==", "ge", " >=", ">= ", "＞" };
	enum jx_op op = JX_OP_GT;
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(bad); i++)
		assert_int_equal(jx_op_from_json(bad[i], &op), -1);
	assert_int_equal(op, JX_OP_GT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_target_symbol_operators),
		cmocka_unit_test(test_target_fullwidth_operator),
		cmocka_unit_test(test_target_word_prefixes),
		cmocka_unit_test(test_target_word_suffixes),
		cmocka_unit_test(test_target_plain_number_means_equal),
		cmocka_unit_test(test_target_qualitative),
		cmocka_unit_test(test_target_too_precise_returns_minus_one),
		cmocka_unit_test(test_number_scan_reads_leading_number),
		cmocka_unit_test(test_number_scan_sign_alone_is_not_digits),
		cmocka_unit_test(test_number_scan_first_group_at_most_three_digits),
		cmocka_unit_test(test_unit_plausible_accepts_units_only),
		cmocka_unit_test(test_unit_plausible_rejects_dashes),
		cmocka_unit_test(test_op_names_symbol_and_json),
		cmocka_unit_test(test_op_from_json_rejects_other_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
