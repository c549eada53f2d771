/*
 * numfmt.c — Excel number formats over exact decimal text (see numfmt.h).
 *
 * A number is held as its significant digits and a power of ten (value = digits × 10^exp), parsed
 * from the cell's text and rounded half up to 15 significant digits; showing it only moves the point.
 * A format code is read once into its sections: only the first two (positive, negative) are used, and
 * within one only what changes the text of a number: digit placeholders, the point, %, scaling commas
 * and literal text; colours, conditions, padding (_x) and fill (*x) are skipped.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "jixiao/buf.h"
#include "jixiao/numfmt.h"

#define SIG 15          /* significant digits kept: what Excel shows */
#define MAX_PARSED 40   /* digits read before the rest only count towards the exponent */
#define MAX_EXP 100000  /* exponents beyond this are not numbers a cell holds */
#define PLAIN_INT 21    /* integer digits shown plainly; more is shown as 1.5E+25 */
#define PLAIN_FRAC 30   /* fraction digits shown plainly; more is shown as 1.5E-31 */
#define LAST_SERIAL 2958465 /* 9999-12-31 */
#define MAX_DECIMALS 30     /* Excel's limit on decimal places; more in a code is not honoured */
#define MAX_SCALE 5         /* thousands scaled by trailing commas; more is not honoured */

struct num {
	bool neg;
	char d[SIG + 1]; /* significant digits, no leading or trailing zeros; "" for zero */
	int nd;          /* how many */
	int exp;         /* value = d × 10^exp */
};

/* ---- numbers ---- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads "[+-]digits[.digits][E[+-]digits]" (at least one digit) into the digits buf (up to
 * MAX_PARSED) and *exp; returns the bytes read, 0 if none. */
static size_t read_mantissa(const char *s, size_t n, char *buf, int *nb, int *exp)
{
	bool point = false, any = false;
	size_t i = 0;

	for (; i < n; i++) {
		if (s[i] == '.' && !point) {
			point = true;
			continue;
		}
		if (!is_digit(s[i]))
			break;
		any = true;
		if (*nb == 0 && s[i] == '0') {
			*exp -= point;
		} else if (*nb < MAX_PARSED) {
			buf[(*nb)++] = s[i];
			*exp -= point;
		} else {
			*exp += !point;
		}
	}
	return any ? i : 0;
}

/* Reads "E[+-]digits" at s; returns the bytes read (0 if not an exponent) and adds it to *exp. */
static size_t read_exponent(const char *s, size_t n, int *exp)
{
	size_t i = 1;
	bool neg = false;
	long e = 0;

	if (n < 2 || (s[0] != 'E' && s[0] != 'e'))
		return 0;
	if (s[i] == '+' || s[i] == '-')
		neg = s[i++] == '-';
	if (i >= n || !is_digit(s[i]))
		return 0;
	for (; i < n && is_digit(s[i]); i++)
		if (e < MAX_EXP)
			e = e * 10 + (s[i] - '0');
	*exp += (int)(neg ? -e : e);
	return i;
}

/* Rounds buf[0..nb) half up to SIG digits into x, dropping trailing zeros. */
static void round_into(struct num *x, char *buf, int nb, int exp)
{
	if (nb > SIG) {
		bool up = buf[SIG] >= '5';
		int i = SIG - 1;

		exp += nb - SIG;
		nb = SIG;
		for (; up && i >= 0; i--) {
			up = buf[i] == '9';
			buf[i] = up ? '0' : (char)(buf[i] + 1);
		}
		if (up) { /* 999…9 became 1000…0 */
			buf[0] = '1';
			nb = 1;
			exp += SIG;
		}
	}
	while (nb > 0 && buf[nb - 1] == '0') {
		nb--;
		exp++;
	}
	memcpy(x->d, buf, (size_t)nb);
	x->d[nb] = '\0';
	x->nd = nb;
	x->exp = nb ? exp : 0;
	if (!nb)
		x->neg = false;
}

static int parse_number(const char *s, size_t n, struct num *x)
{
	char buf[MAX_PARSED];
	int nb = 0, exp = 0;
	size_t i = 0, len;

	memset(x, 0, sizeof(*x));
	if (n > 0 && (s[0] == '-' || s[0] == '+'))
		x->neg = s[i++] == '-';
	len = read_mantissa(s + i, n - i, buf, &nb, &exp);
	if (len == 0)
		return -1;
	i += len;
	i += read_exponent(s + i, n - i, &exp);
	if (i != n || exp > MAX_EXP || exp < -MAX_EXP)
		return -1;
	round_into(x, buf, nb, exp);
	return 0;
}

/* The digit at position pos from the left of x's digits (the point is after nd + exp of them). */
static char digit_at(const struct num *x, int pos)
{
	return pos >= 0 && pos < x->nd ? x->d[pos] : '0';
}

static bool plain(const struct num *x)
{
	return x->nd == 0 || (x->nd + x->exp <= PLAIN_INT && x->exp >= -PLAIN_FRAC);
}

/* Writes x (without its sign) with at least min_decimals places. */
static void put_plain(struct jx_buf *out, const struct num *x, int min_decimals)
{
	int point = x->nd + x->exp, frac = x->exp < 0 ? -x->exp : 0, i;

	if (point <= 0)
		jx_buf_addc(out, '0', NULL);
	for (i = 0; i < point; i++)
		jx_buf_addc(out, digit_at(x, i), NULL);
	if (frac < min_decimals)
		frac = min_decimals;
	if (frac)
		jx_buf_addc(out, '.', NULL);
	for (i = 0; i < frac; i++)
		jx_buf_addc(out, digit_at(x, point + i), NULL);
}

/* Writes x (without its sign) as 1.5E+25. */
static void put_scientific(struct jx_buf *out, const struct num *x)
{
	int e = x->nd + x->exp - 1;

	jx_buf_addc(out, x->d[0], NULL);
	if (x->nd > 1) {
		jx_buf_addc(out, '.', NULL);
		jx_buf_adds(out, x->d + 1, NULL);
	}
	jx_buf_addf(out, NULL, "E%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
}

static void put_number(struct jx_buf *out, const struct num *x, int min_decimals)
{
	if (plain(x))
		put_plain(out, x, min_decimals);
	else
		put_scientific(out, x);
}

/* ---- dates ---- */

/* The civil date of day z counted from 1970-01-01 (Howard Hinnant's algorithm). */
static void civil(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Splits x (not negative) into whole days and the seconds of the day's fraction, rounded. Returns -1
 * if the days are beyond 9999-12-31. */
static int days_seconds(const struct num *x, long *days, long *secs)
{
	int point = x->nd + x->exp, i;
	long frac = 0;

	if (point > 7)
		return -1;
	*days = 0;
	for (i = 0; i < point; i++)
		*days = *days * 10 + (digit_at(x, i) - '0');
	for (i = 0; i < 9; i++) /* nine places of a day: far finer than a second */
		frac = frac * 10 + (digit_at(x, point + i) - '0');
	*secs = (frac * 86400 + 500000000) / 1000000000;
	if (*secs >= 86400) {
		(*days)++;
		*secs -= 86400;
	}
	return *days > LAST_SERIAL ? -1 : 0;
}

/* Writes x as the date and/or time s shows; -1 if it is not a date Excel could show. */
static int put_date(struct jx_buf *out, const struct num *x, const struct jx_numfmt_section *s, bool date1904)
{
	long days, secs;
	int y, m, d;

	if (x->neg || days_seconds(x, &days, &secs))
		return -1;
	if (s->date) {
		if (!date1904 && days < 1)
			return -1;
		if (!date1904 && days == 60) { /* Excel's 29 February 1900, which never was */
			y = 1900, m = 2, d = 29;
		} else {
			civil(date1904 ? days - 24107 : days < 60 ? days - 25568 : days - 25569, &y, &m, &d);
		}
		jx_buf_addf(out, NULL, "%04d-%02d-%02d", y, m, d);
	}
	if (s->time)
		jx_buf_addf(out, NULL, "%s%02ld:%02ld:%02ld", s->date ? " " : "", secs / 3600, secs / 60 % 60, secs % 60);
	return 0;
}

/* ---- format codes ---- */

static void add_literal(struct jx_numfmt_section *s, bool after, const char *text, size_t n)
{
	char *lit = after ? s->suffix : s->prefix;
	size_t len = strlen(lit);

	if (len + n < JX_NUMFMT_LITERAL) {
		memcpy(lit + len, text, n);
		lit[len + n] = '\0';
	}
}

/* The length of the UTF-8 character at s (at least 1, at most n). */
static size_t char_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

	return len < n ? len : n;
}

/* What a section's letters say about a date: y and d are dates, h and s times, m either. */
struct date_letters {
	bool ymd, m, hs;
};

/* True for a bracketed elapsed time: [h], [mm], [ss]. */
static bool elapsed(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr("hHmMsS", s[i]) == NULL || s[i] != s[0])
			return false;
	return n > 0;
}

/* Reads one placeholder or letter at code[i]; returns how many bytes it took. */
static size_t section_char(struct jx_numfmt_section *s, const char *c, size_t n, bool *digits, bool *point,
			   int *commas, bool *fraction, struct date_letters *dl)
{
	char ch = c[0];

	if (ch == '0' || ch == '#' || ch == '?') {
		*digits = true;
		*commas = 0;
		s->decimals += *point;
		return 1;
	}
	if (ch == '.' && !*point && (*digits || (n > 1 && strchr("0#?", c[1])))) {
		*point = *digits = true;
		return 1;
	}
	if (ch == ',' && *digits) {
		(*commas)++;
		return 1;
	}
	if ((ch == 'E' || ch == 'e') && n > 1 && (c[1] == '+' || c[1] == '-')) {
		*fraction = true; /* scientific: shown as General */
		return 2;
	}
	if (ch == '/' && *digits) {
		*fraction = true;
		return 1;
	}
	if (strchr("yYdD", ch)) {
		dl->ymd = true;
		return 1;
	}
	if (ch == 'm' || ch == 'M') {
		dl->m = true;
		return 1;
	}
	if (strchr("hHsS", ch) || (n >= 5 && strncasecmp(c, "AM/PM", 5) == 0) || (n >= 3 && strncasecmp(c, "A/P", 3) == 0)) {
		dl->hs = true;
		return ch == 'A' || ch == 'a' ? (strncasecmp(c, "AM/PM", 5) == 0 ? 5 : 3) : 1;
	}
	if (ch == '%')
		s->percent = true;
	if (ch != '@')
		add_literal(s, *digits, c, char_len(c, n));
	return char_len(c, n);
}

static void parse_section(struct jx_numfmt_section *s, const char *code, size_t n)
{
	struct date_letters dl = { false, false, false };
	bool digits = false, point = false, fraction = false;
	int commas = 0;
	size_t i = 0;

	memset(s, 0, sizeof(*s));
	if (n == 7 && strncasecmp(code, "General", 7) == 0)
		return;
	while (i < n) {
		const char *c = code + i, *end;

		if (*c == '"') { /* quoted literal */
			end = memchr(c + 1, '"', n - i - 1);
			add_literal(s, digits, c + 1, (size_t)((end ? end : code + n) - c - 1));
			i = end ? (size_t)(end - code) + 1 : n;
		} else if (*c == '\\' && i + 1 < n) {
			add_literal(s, digits, c + 1, char_len(c + 1, n - i - 1));
			i += 1 + char_len(c + 1, n - i - 1);
		} else if ((*c == '_' || *c == '*') && i + 1 < n) { /* padding and fill: no text */
			i += 1 + char_len(c + 1, n - i - 1);
		} else if (*c == '[') {
			end = memchr(c, ']', n - i);
			if (end && elapsed(c + 1, (size_t)(end - c - 1)))
				dl.hs = true;
			i = end ? (size_t)(end - code) + 1 : n;
		} else {
			i += section_char(s, c, n - i, &digits, &point, &commas, &fraction, &dl);
		}
	}
	s->scale = commas < MAX_SCALE ? commas : MAX_SCALE;
	if (s->decimals > MAX_DECIMALS)
		s->decimals = MAX_DECIMALS;
	if (dl.ymd || dl.m || dl.hs) {
		s->kind = JX_NUMFMT_DATE;
		s->date = dl.ymd || (dl.m && !dl.hs);
		s->time = dl.hs;
	} else {
		s->kind = digits && !fraction ? JX_NUMFMT_NUMBER : JX_NUMFMT_GENERAL;
	}
}

/* The end of the section starting at code: the next ';' outside quotes, brackets and escapes. */
static const char *section_end(const char *code)
{
	const char *p = code;

	while (*p && *p != ';') {
		if (*p == '"' && strchr(p + 1, '"'))
			p = strchr(p + 1, '"');
		else if (*p == '[' && strchr(p, ']'))
			p = strchr(p, ']');
		else if (*p == '\\' && p[1])
			p++;
		p++;
	}
	return p;
}

void jx_numfmt_parse(struct jx_numfmt *f, const char *code)
{
	const char *end = section_end(code);

	parse_section(&f->pos, code, (size_t)(end - code));
	f->has_neg = *end == ';';
	if (f->has_neg) {
		const char *neg = end + 1;

		parse_section(&f->neg, neg, (size_t)(section_end(neg) - neg));
	} else {
		f->neg = f->pos;
	}
}

void jx_numfmt_builtin(struct jx_numfmt *f, unsigned id)
{
	/* ECMA-376 Part 1, 18.8.30; currency formats without their locale's symbol. */
	static const char *const codes[50] = {
		[0] = "General", [1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00",
		[5] = "#,##0;-#,##0", [6] = "#,##0;-#,##0", [7] = "#,##0.00;-#,##0.00", [8] = "#,##0.00;-#,##0.00",
		[9] = "0%", [10] = "0.00%", [11] = "0.00E+00", [12] = "# ?/?", [13] = "# ?\?/?\?",
		[14] = "yyyy-mm-dd", [15] = "d-mmm-yy", [16] = "d-mmm", [17] = "mmm-yy", [18] = "h:mm AM/PM",
		[19] = "h:mm:ss AM/PM", [20] = "h:mm", [21] = "h:mm:ss", [22] = "yyyy-mm-dd h:mm",
		[37] = "#,##0 ;(#,##0)", [38] = "#,##0 ;(#,##0)", [39] = "#,##0.00;(#,##0.00)",
		[40] = "#,##0.00;(#,##0.00)", [45] = "mm:ss", [46] = "[h]:mm:ss", [47] = "mm:ss.0",
		[48] = "##0.0E+0", [49] = "@",
	};

	if (id < 50 && codes[id])
		jx_numfmt_parse(f, codes[id]);
	else if ((id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 58)) /* East Asian dates */
		jx_numfmt_parse(f, "yyyy-mm-dd");
	else if (id >= 32 && id <= 35) /* East Asian times */
		jx_numfmt_parse(f, "h:mm:ss");
	else
		jx_numfmt_parse(f, "General");
}

int jx_numfmt_apply(const struct jx_numfmt *f, const char *v, size_t n, bool date1904, struct jx_buf *out)
{
	const struct jx_numfmt_section *s = &f->pos;
	struct num x;

	if (parse_number(v, n, &x))
		return -1;
	if (x.neg && f->has_neg) {
		s = &f->neg;
		x.neg = false;
	}
	if (s->kind == JX_NUMFMT_DATE && put_date(out, &x, s, date1904) == 0)
		return 0;
	if (x.neg)
		jx_buf_addc(out, '-', NULL);
	if (s->kind != JX_NUMFMT_NUMBER) {
		put_number(out, &x, 0);
		return 0;
	}
	if (x.nd)
		x.exp += (s->percent ? 2 : 0) - 3 * s->scale;
	jx_buf_adds(out, s->prefix, NULL);
	put_number(out, &x, s->decimals);
	jx_buf_adds(out, s->suffix, NULL);
	return 0;
}
