/*
 * test_text.c — UTF-8 validation, white space and trimming, NFKC keys, display width, control characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/buf.h"
#include "jixiao/text.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

struct prefix_case {
	const char *s;
	size_t n;       /* bytes given */
	size_t want;    /* valid prefix */
	bool invalid;   /* stopped at an invalid byte rather than at a cut-off sequence */
};

static void test_utf8_prefix_stops_at_invalid_or_cut_off(void **state)
{
	static const struct prefix_case cases[] = {
		{ "abc", 3, 3, false },
		{ "中文", 6, 6, false },
		{ "\xF0\x9F\x98\x80", 4, 4, false },    /* U+1F600 */
		{ "\xF4\x8F\xBF\xBF", 4, 4, false },    /* U+10FFFF, the last code point */
		{ "a\xFF", 2, 1, true },
		{ "a\x80", 2, 1, true },                 /* lone continuation byte */
		{ "ab\xE4\xB8", 4, 2, false },           /* 中 cut off by the end */
		{ "ab\xE4\x41\x42", 5, 2, true },        /* lead byte without its continuation */
		{ "\xC0\x80", 2, 0, true },              /* overlong NUL */
		{ "\xC1\xBF", 2, 0, true },              /* overlong */
		{ "\xE0\x80\x80", 3, 0, true },          /* overlong three bytes */
		{ "\xF0\x80\x80\x80", 4, 0, true },      /* overlong four bytes */
		{ "\xED\xA0\x80", 3, 0, true },          /* surrogate U+D800 */
		{ "x\xF4\x90\x80\x80", 5, 1, true },     /* above U+10FFFF */
		{ "\xF5\x80\x80\x80", 4, 0, true },
		{ "a\0b", 3, 1, true },                  /* NUL is not allowed */
		{ "", 0, 0, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		bool invalid = !cases[i].invalid;
		size_t got = jx_utf8_prefix(cases[i].s, cases[i].n, &invalid);

		if (got != cases[i].want || invalid != cases[i].invalid)
			fail_msg("case %zu: prefix %zu invalid %d", i, got, invalid);
		assert_int_equal(jx_utf8_valid(cases[i].s, cases[i].n), cases[i].want == cases[i].n);
	}
}

static void test_utf8_decode_code_points(void **state)
{
	int32_t cp = 0;

	(void)state;
	assert_int_equal(jx_utf8_decode("a", 1, &cp), 1);
	assert_int_equal(cp, 'a');
	assert_int_equal(jx_utf8_decode("中文", 6, &cp), 3);
	assert_int_equal(cp, 0x4E2D);
	assert_int_equal(jx_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(jx_utf8_decode("\xFF", 1, &cp), 1); /* never stalls on bad bytes */
	assert_int_equal(cp, 0xFFFD);
}

static void test_text_is_space_set(void **state)
{
	static const int32_t space[] = { ' ', '\t', '\n', '\v', '\f', '\r', 0xA0, 0x2000, 0x2009, 0x200B, 0x3000, 0xFEFF };
	static const int32_t other[] = { 'a', '_', 0, 0x1F, 0x85, 0x1FFF, 0x200C, 0x4E00, 0x3001, 0xFF01 };
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(space); i++)
		if (!jx_text_is_space(space[i]))
			fail_msg("U+%04X is not space", (unsigned)space[i]);
	for (i = 0; i < N_OF(other); i++)
		if (jx_text_is_space(other[i]))
			fail_msg("U+%04X is space", (unsigned)other[i]);
}

static const struct {
	const char *in, *want;
} trim_cases[] = {
	{ "  a b  ", "a b" },
	{ "\t\r\n项目\n", "项目" },
	{ "\u3000中文\u3000", "中文" },
	{ "\u00A0x\uFEFF", "x" },
	{ "\u200B 绩效 \u2003", "绩效" },
	{ "中 ", "中" },
	{ "文", "文" },
	{ " \u3000 ", "" },
	{ "", "" },
};

static void test_text_trim_narrows_both_ends(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(trim_cases); i++) {
		const char *s = trim_cases[i].in;
		size_t n = strlen(s);

		jx_text_trim(&s, &n);
		assert_int_equal(n, strlen(trim_cases[i].want));
		assert_memory_equal(s, trim_cases[i].want, n);
		assert_true(s >= trim_cases[i].in && s + n <= trim_cases[i].in + strlen(trim_cases[i].in));
	}
}

static void test_text_trimmed_returns_copy(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(trim_cases); i++) {
		char *s = jx_text_trimmed(trim_cases[i].in);

		assert_string_equal(s, trim_cases[i].want);
		free(s);
	}
}

/* Appends fn(s) to a buffer that already holds "前" and checks the result. */
static void check_appended(void (*fn)(struct jx_buf *, const char *, size_t), const char *s, const char *want)
{
	struct jx_buf b = JX_BUF_INIT;

	jx_buf_adds(&b, "前 ", NULL);
	fn(&b, s, strlen(s));
	if (strncmp(b.ptr, "前 ", strlen("前 ")) != 0 || strcmp(b.ptr + strlen("前 "), want) != 0)
		fail_msg("\"%s\" gave \"%s\", want \"前 %s\"", s, b.ptr, want);
	jx_buf_release(&b);
}

static void test_text_nfkc_folds_compatibility_forms(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "＞＝５", ">=5" },
		{ "（％）", "(%)" },
		{ "１，０００", "1,000" },
		{ "①", "1" },
		{ "ｶ", "カ" },
		{ "ﬁ", "fi" },
		{ "e\u0301", "\u00E9" },   /* composed */
		{ "中文 ABC ≥ 《》", "中文 ABC ≥ 《》" }, /* left alone, spaces kept */
		{ "\u3000a", " a" },
		{ "", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++)
		check_appended(jx_text_nfkc, cases[i].in, cases[i].want);
}

static void test_text_key_drops_all_space(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "  不少于 95 ％ ", "不少于95%" },
		{ "产出\u3000指标", "产出指标" },
		{ "a\u00A0b\tc\nd", "abcd" },
		{ "（ 万元 / 年 ）", "(万元/年)" },
		{ "\uFEFF数量指标", "数量指标" },
		{ "   ", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++)
		check_appended(jx_text_key, cases[i].in, cases[i].want);
}

static void test_text_width_counts_wide_as_two(void **state)
{
	static const struct {
		const char *s;
		size_t want;
	} cases[] = {
		{ "abc", 3 }, { "中文", 4 }, { "ＡＢ", 4 }, { "a中b", 4 }, { "", 0 }, { "e\u0301", 1 }, { "≥95%", 4 },
		{ "【数量】", 8 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		size_t got = jx_text_width(cases[i].s, strlen(cases[i].s));

		if (got != cases[i].want)
			fail_msg("width(\"%s\") = %zu, want %zu", cases[i].s, got, cases[i].want);
	}
}

static void test_text_has_control_finds_controls_overrides_and_noncharacters(void **state)
{
	static const struct {
		const char *s;
		bool allow_newline, want;
	} cases[] = {
		{ "abc 中文", false, false },
		{ "", false, false },
		{ "a\tb", false, true },
		{ "a\tb", true, true },
		{ "a\nb", false, true },
		{ "a\nb", true, false },
		{ "a\r\nb", true, true },   /* CR is not newline */
		{ "\x1b[31m", true, true },
		{ "del\x7f", true, true },
		{ "\x01", false, true },
		{ "csi\xc2\x9b" "31m", true, true },      /* review: C1 controls */
		{ "rlo\xe2\x80\xae" "txt", true, true }, /* a bidirectional override */
		{ "\xc2\xa0nbsp \xe2\x80\x94", true, false },
		{ "n\xef\xbf\xbe", true, true },        /* review: U+FFFE broke PDF and XLSX output */
		{ "n\xef\xbf\xbf", true, true },        /* U+FFFF */
		{ "n\xef\xb7\x90", true, true },        /* U+FDD0 */
		{ "n\xef\xb7\xaf", true, true },        /* U+FDEF */
		{ "n\xf0\x9f\xbf\xbe", true, true },    /* U+1FFFE */
		{ "n\xf4\x8f\xbf\xbf", true, true },    /* U+10FFFF */
		{ "\xef\xbf\xbd\xef\xb7\xb0\xef\xb7\x8f", true, false }, /* U+FFFD, U+FDF0, U+FDCF are characters */
		{ "\xf0\x9f\x98\x80\xf0\xaf\xbf\xbd", true, false },        /* U+1F600, U+2FFFD */
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++)
		if (jx_text_has_control(cases[i].s, cases[i].allow_newline) != cases[i].want)
			fail_msg("case %zu", i);
}

/* Found by fuzzing: NFKC makes ´ a space and a combining acute; once the space is removed the acute
 * composes with what precedes it. A key's key must be the key itself. */
static void test_text_key_is_idempotent(void **state)
{
	static const char *const texts[] = { "5m\xc2\xb4", "a \xcc\x81", "\xef\xbc\x88 % \xef\xbc\x89", "产 出 指 标" };
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(texts); i++) {
		struct jx_buf once = JX_BUF_INIT, twice = JX_BUF_INIT;

		jx_text_key(&once, texts[i], strlen(texts[i]));
		jx_text_key(&twice, once.ptr, once.len);
		if (strcmp(once.ptr, twice.ptr) != 0)
			fail_msg("key(\"%s\") = \"%s\", its key \"%s\"", texts[i], once.ptr, twice.ptr);
		jx_buf_release(&once);
		jx_buf_release(&twice);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_key_is_idempotent),
		cmocka_unit_test(test_utf8_prefix_stops_at_invalid_or_cut_off),
		cmocka_unit_test(test_utf8_decode_code_points),
		cmocka_unit_test(test_text_is_space_set),
		cmocka_unit_test(test_text_trim_narrows_both_ends),
		cmocka_unit_test(test_text_trimmed_returns_copy),
		cmocka_unit_test(test_text_nfkc_folds_compatibility_forms),
		cmocka_unit_test(test_text_key_drops_all_space),
		cmocka_unit_test(test_text_width_counts_wide_as_two),
		cmocka_unit_test(test_text_has_control_finds_controls_overrides_and_noncharacters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
