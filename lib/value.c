/*
 * value.c — parsing targets (指标值). See value.h for the grammar.
 */
#include <stdbool.h>
#include <string.h>
#include <utf8proc.h>

#include "jixiao/buf.h"
#include "jixiao/text.h"
#include "jixiao/value.h"

struct op_word {
	const char *text;
	enum jx_op op;
};

/* Written before the number. Longer forms first, so that 不少于 is not read as 少于. */
static const struct op_word prefixes[] = {
	{ "大于或等于", JX_OP_GE }, { "小于或等于", JX_OP_LE }, { "大于等于", JX_OP_GE }, { "小于等于", JX_OP_LE },
	{ ">=", JX_OP_GE },     { "<=", JX_OP_LE },     { "≥", JX_OP_GE },      { "≧", JX_OP_GE },
	{ "≮", JX_OP_GE },      { "≤", JX_OP_LE },      { "≦", JX_OP_LE },      { "≯", JX_OP_LE },
	{ "不低于", JX_OP_GE }, { "不少于", JX_OP_GE }, { "不小于", JX_OP_GE }, { "至少", JX_OP_GE },
	{ "不高于", JX_OP_LE }, { "不超过", JX_OP_LE }, { "不大于", JX_OP_LE }, { "不多于", JX_OP_LE },
	{ "至多", JX_OP_LE },   { "最多", JX_OP_LE },   { "大于", JX_OP_GT },   { "高于", JX_OP_GT },
	{ "超过", JX_OP_GT },   { "多于", JX_OP_GT },   { "小于", JX_OP_LT },   { "低于", JX_OP_LT },
	{ "少于", JX_OP_LT },   { "等于", JX_OP_EQ },   { ">", JX_OP_GT },      { "<", JX_OP_LT },
	{ "=", JX_OP_EQ },
};

/* Written after the number and its unit. */
static const struct op_word suffixes[] = {
	{ "及以上", JX_OP_GE }, { "及以下", JX_OP_LE }, { "以上", JX_OP_GE },
	{ "以内", JX_OP_LE },   { "之内", JX_OP_LE },   { "以下", JX_OP_LE },
};

static int starts(const char *s, size_t n, const char *w, size_t *wlen)
{
	*wlen = strlen(w);
	return *wlen <= n && memcmp(s, w, *wlen) == 0;
}

static int ends(const char *s, size_t n, const char *w, size_t *wlen)
{
	*wlen = strlen(w);
	return *wlen <= n && memcmp(s + n - *wlen, w, *wlen) == 0;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

size_t jx_number_scan(const char *s, size_t n, char *digits, size_t cap)
{
	size_t i = 0, d = 0, group = 0; /* group: digits since the start, a separator or the point */
	bool comma = false, point = false;

	if (i < n && (s[i] == '-' || s[i] == '+')) {
		digits[d++] = s[i++];
	} else if (n - i >= 3 && memcmp(s + i, "−", 3) == 0) { /* U+2212, which NFKC keeps */
		digits[d++] = '-';
		i += 3;
	}
	for (; i < n && d + 1 < cap; i++) {
		char c = s[i];
		bool digit_next = i + 1 < n && is_digit(s[i + 1]);

		if (is_digit(c)) {
			digits[d++] = c;
			group++;
		} else if (c == ',' && !point && digit_next && group > 0 && (comma ? group == 3 : group <= 3)) {
			comma = true;
			group = 0;
		} else if (c == '.' && !point && digit_next && group > 0 && (!comma || group == 3)) {
			point = true;
			digits[d++] = c;
			group = 0;
		} else {
			break;
		}
	}
	if (group == 0 || (comma && !point && group != 3))
		return 0;
	digits[d] = '\0';
	return i;
}

/* Punctuation never stands in a unit, except / % ‰ and · (元/人/月, ‰, 人·次). */
static bool unit_punct(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
		return cp != '/' && cp != '%' && cp != 0x2030 && cp != 0x00B7;
	case UTF8PROC_CATEGORY_SM: /* math symbols such as = < > */
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_CC:
		return true;
	default:
		return false;
	}
}

int jx_unit_plausible(const char *s, size_t n)
{
	size_t i = 0, chars = 0;
	int32_t cp;

	if (n == 0)
		return 0;
	while (i < n) {
		i += jx_utf8_decode(s + i, n - i, &cp);
		if (unit_punct(cp) || jx_text_is_space(cp))
			return 0;
		chars++;
	}
	return chars <= 10;
}

/* True if the NUL-terminated word occurs in s[0..n). */
static bool memmem_like(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word), i;

	for (i = 0; i + w <= n; i++)
		if (memcmp(s + i, word, w) == 0)
			return true;
	return false;
}

static bool has_suffix_word(const char *s, size_t n)
{
	size_t i, wlen;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (ends(s, n, suffixes[i].text, &wlen))
			return true;
	return false;
}

/* True if s[0..n), written after a target's number, can be its unit: a plausible unit of at most six
 * characters, none of which says "by the end of", "about", "within" and the like; % and ‰ only alone. */
static bool written_unit(const char *s, size_t n)
{
	static const char *const stop[] = { "前", "后", "底", "完", "成", "达", "到", "左", "右", "约",
					     "及", "或", "和", "与", "等", "以", "内", "外", "上", "下", "之" };
	size_t i, chars = 0;
	int32_t cp;

	if (n >= JX_UNIT_MAX || !jx_unit_plausible(s, n) || has_suffix_word(s, n))
		return false;
	if ((memchr(s, '%', n) || memmem_like(s, n, "‰")) && !(n == 1 || (n == 3 && memcmp(s, "‰", 3) == 0)))
		return false;
	for (i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		if (memmem_like(s, n, stop[i]))
			return false;
	for (i = 0; i < n; chars++)
		i += jx_utf8_decode(s + i, n - i, &cp);
	return chars <= 6;
}

static int parse_key(const char *s, size_t n, struct jx_target *t)
{
	enum jx_op op = JX_OP_NONE, sop = JX_OP_NONE;
	char digits[64];
	size_t i, wlen, len;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (n > 0 && prefixes[i].text[0] == s[0] && starts(s, n, prefixes[i].text, &wlen)) {
			op = prefixes[i].op;
			s += wlen;
			n -= wlen;
			break;
		}
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (ends(s, n, suffixes[i].text, &wlen)) {
			sop = suffixes[i].op;
			n -= wlen;
			break;
		}
	if (op != JX_OP_NONE && sop != JX_OP_NONE && op != sop)
		return 0;
	t->stated = op != JX_OP_NONE || sop != JX_OP_NONE;
	len = jx_number_scan(s, n, digits, sizeof(digits));
	if (len == 0 || jx_dec_parse(digits, strlen(digits), &t->value))
		return len == 0 ? 0 : -1;
	if (jx_dec_digits(t->value) > JX_TARGET_MAXDIGITS)
		return -1;
	s += len;
	n -= len;
	if (n > 0 && !written_unit(s, n))
		return 0; /* not a unit: "12月底前完成", "11以内以内" are text */
	memcpy(t->unit, s, n);
	t->unit[n] = '\0';
	t->op = op != JX_OP_NONE ? op : sop != JX_OP_NONE ? sop : JX_OP_EQ;
	return 1;
}

int jx_target_parse(const char *s, size_t n, struct jx_target *t)
{
	struct jx_buf key = JX_BUF_INIT;
	int rc;

	memset(t, 0, sizeof(*t));
	jx_text_key(&key, s, n);
	rc = parse_key(key.ptr, key.len, t);
	if (rc != 1) {
		t->op = JX_OP_NONE;
		t->unit[0] = '\0';
		t->stated &= rc < 0;
	}
	jx_buf_release(&key);
	return rc;
}

/* True if cp can begin an operator: the first character of a prefix, or a full-width ＞＜＝. */
static bool operator_start(int32_t cp)
{
	static const int32_t firsts[] = { '>', '<', '=', 0x2265, 0x2267, 0x226E, 0x2264, 0x2266, 0x226F, 0xFF1E,
					  0xFF1C, 0xFF1D, 0x4E0D /* 不 */, 0x81F3 /* 至 */, 0x6700 /* 最 */,
					  0x5927 /* 大 */, 0x9AD8 /* 高 */, 0x8D85 /* 超 */, 0x591A /* 多 */,
					  0x5C0F /* 小 */, 0x4F4E /* 低 */, 0x5C11 /* 少 */, 0x7B49 /* 等 */ };
	size_t i;

	for (i = 0; i < sizeof(firsts) / sizeof(firsts[0]); i++)
		if (cp == firsts[i])
			return true;
	return false;
}

bool jx_target_stated(const char *s, size_t n)
{
	struct jx_target t;
	size_t i, wlen;
	int32_t cp;
	bool maybe;

	jx_text_trim(&s, &n);
	if (n == 0)
		return false;
	jx_utf8_decode(s, n, &cp);
	maybe = operator_start(cp);
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]) && !maybe; i++)
		maybe = ends(s, n, suffixes[i].text, &wlen);
	return maybe && jx_target_parse(s, n, &t) != 0 && t.stated;
}

const char *jx_op_symbol(enum jx_op op)
{
	static const char *const sym[] = { "", "≥", "≤", "=", ">", "<" };

	return sym[op];
}

const char *jx_op_json(enum jx_op op)
{
	static const char *const sym[] = { "", ">=", "<=", "=", ">", "<" };

	return sym[op];
}

int jx_op_from_json(const char *s, enum jx_op *op)
{
	int i;

	for (i = JX_OP_GE; i <= JX_OP_LT; i++)
		if (strcmp(s, jx_op_json((enum jx_op)i)) == 0) {
			*op = (enum jx_op)i;
			return 0;
		}
	return -1;
}
