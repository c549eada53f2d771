/*
 * text.c — UTF-8 validation, trimming, NFKC keys, display width and GB18030. See text.h.
 *
 * NFKC comes from utf8proc. Most cells are ASCII, CJK ideographs and a few common symbols, which NFKC
 * leaves alone; those skip utf8proc entirely, which keeps the importer fast.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/text.h"

size_t jx_utf8_prefix(const char *str, size_t n, bool *invalid)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	*invalid = false;
	while (i < n) {
		unsigned char c = s[i];
		size_t len, k;
		uint32_t cp;
		uint64_t word;

		if (c < 0x80 && i + 8 <= n) { /* eight ASCII bytes without NUL at a time */
			memcpy(&word, s + i, 8);
			if (!(word & 0x8080808080808080ull) &&
			    !((word - 0x0101010101010101ull) & ~word & 0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		if (((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
		    (s[i + 2] & 0xC0) == 0x80) { /* three bytes with no overlong or surrogate form: CJK */
			i += 3;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4, cp = c & 0x07;
		else
			break; /* NUL, a continuation byte, C0/C1 or F5..FF */
		for (k = 1; k < len; k++) {
			if (i + k >= n)
				return i; /* cut off by the end: not invalid yet */
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += len;
	}
	if (i < n)
		*invalid = true;
	return i;
bad:
	*invalid = true;
	return i;
}

bool jx_utf8_valid(const char *s, size_t n)
{
	bool invalid;

	return jx_utf8_prefix(s, n, &invalid) == n;
}

size_t jx_utf8_decode(const char *str, size_t n, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF && n >= 2) {
		*cp = (s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	}
	if (s[0] >= 0xE0 && s[0] <= 0xEF && n >= 3) { /* the CJK range: decoded here, not by a call */
		*cp = (s[0] & 0x0F) << 12 | (s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		return 3;
	}
	if (s[0] >= 0xF0 && s[0] <= 0xF4 && n >= 4) {
		*cp = (s[0] & 0x07) << 18 | (s[1] & 0x3F) << 12 | (s[2] & 0x3F) << 6 | (s[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFD; /* only on invalid input, which callers have rejected */
	return 1;
}

bool jx_text_is_space(int32_t cp)
{
	if (cp > ' ' && cp < 0xA0)
		return false;
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) ||
	       cp == 0x3000 || cp == 0xFEFF;
}

void jx_text_trim(const char **s, size_t *n)
{
	const char *p = *s, *end = *s + *n;
	int32_t cp;

	while (p < end) {
		size_t len = jx_utf8_decode(p, (size_t)(end - p), &cp);

		if (!jx_text_is_space(cp))
			break;
		p += len;
	}
	while (end > p) {
		const char *q = end - 1;

		while (q > p && ((unsigned char)*q & 0xC0) == 0x80)
			q--;
		jx_utf8_decode(q, (size_t)(end - q), &cp);
		if (!jx_text_is_space(cp))
			break;
		end = q;
	}
	*s = p;
	*n = (size_t)(end - p);
}

bool jx_text_next_line(const char **s, size_t *n, const char **line, size_t *len)
{
	const char *nl;

	if (*n == 0)
		return false;
	nl = memchr(*s, '\n', *n);
	*line = *s;
	*len = nl ? (size_t)(nl - *s) : *n;
	*s += *len + (nl != NULL);
	*n -= *len + (nl != NULL);
	jx_text_trim(line, len);
	return true;
}

size_t jx_text_add_lines(struct jx_buf *out, const char *text, size_t n)
{
	size_t start = out->len, len;
	const char *line;

	while (jx_text_next_line(&text, &n, &line, &len)) {
		if (len && out->len > start)
			jx_buf_addc(out, '\n', NULL);
		jx_buf_add(out, line, len, NULL);
	}
	return out->len - start;
}

char *jx_text_trimmed(const char *s)
{
	size_t n = strlen(s);

	jx_text_trim(&s, &n);
	return jx_strndup(s, n);
}

/* Code points that NFKC maps to themselves and that never combine with a neighbour. */
static bool nfkc_stable(int32_t cp)
{
	return (cp < 0x80) || (cp >= 0x4E00 && cp <= 0x9FFF) || cp == 0x3001 || cp == 0x3002 ||
	       (cp >= 0x3008 && cp <= 0x3011) || cp == 0x3014 || cp == 0x3015 || cp == 0x2264 ||
	       cp == 0x2265 || cp == 0x201C || cp == 0x201D || cp == 0x2014 || cp == 0x00B7;
}

#define NFKC (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT)
#define NFKC_STACK 256 /* code points decomposed on the stack */

void jx_text_nfkc(struct jx_buf *out, const char *s, size_t n)
{
	utf8proc_int32_t cps[NFKC_STACK];
	utf8proc_uint8_t *mapped = NULL, utf8[4];
	utf8proc_ssize_t len;
	size_t i = 0;
	bool stable = true;
	int32_t cp;

	while (i < n && stable) {
		i += jx_utf8_decode(s + i, n - i, &cp);
		stable = nfkc_stable(cp);
	}
	if (stable) {
		jx_buf_add(out, s, n, NULL);
		return;
	}
	/* Short fields decompose into a buffer on the stack; only long ones cost utf8proc an allocation. */
	len = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cps, NFKC_STACK, NFKC);
	if (len >= 0 && len <= NFKC_STACK) {
		len = utf8proc_normalize_utf32(cps, len, NFKC);
		for (i = 0; len > 0 && i < (size_t)len; i++)
			jx_buf_add(out, utf8, (size_t)utf8proc_encode_char(cps[i], utf8), NULL);
		return;
	}
	len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &mapped, NFKC);
	if (len < 0) {
		jx_buf_add(out, s, n, NULL); /* only on invalid input, which callers have rejected */
		return;
	}
	jx_buf_add(out, mapped, (size_t)len, NULL);
	free(mapped);
}

void jx_text_key(struct jx_buf *out, const char *s, size_t n)
{
	size_t start = out->len, i, w;
	int32_t cp;

	for (i = w = 0; i < n;) { /* one pass for the usual text NFKC leaves alone, copying runs */
		unsigned char b = (unsigned char)s[i];
		size_t len;

		if (b > ' ' && b < 0x80) { /* ASCII but space and controls: stable, kept */
			i++;
			continue;
		}
		if (b >= 0xE5 && b <= 0xE9 && n - i >= 3) { /* U+5000–U+9FFF: CJK ideographs, stable, kept */
			i += 3;
			continue;
		}
		len = jx_utf8_decode(s + i, n - i, &cp);
		if (!nfkc_stable(cp))
			break;
		if (jx_text_is_space(cp)) {
			jx_buf_add(out, s + w, i - w, NULL);
			w = i + len;
		}
		i += len;
	}
	if (i >= n) {
		jx_buf_add(out, s + w, n - w, NULL);
		return;
	}
	jx_buf_setlen(out, start);
	jx_text_nfkc(out, s, n);
	for (i = w = start; i < out->len;) {
		size_t len = jx_utf8_decode(out->ptr + i, out->len - i, &cp);

		if (!jx_text_is_space(cp)) {
			memmove(out->ptr + w, out->ptr + i, len);
			w += len;
		}
		i += len;
	}
	if (w < out->len) {
		/* White space gone, what it separated may compose (´ is a space and a combining acute under
		 * NFKC): normalise once more, so that a key's key is the key itself. */
		char *stripped = jx_strndup(out->ptr + start, w - start);

		jx_buf_setlen(out, start);
		jx_text_nfkc(out, stripped, w - start);
		free(stripped);
		return;
	}
	jx_buf_setlen(out, w);
}

size_t jx_text_width(const char *s, size_t n)
{
	size_t i = 0, width = 0;
	int32_t cp;

	while (i < n) {
		int w;

		i += jx_utf8_decode(s + i, n - i, &cp);
		w = utf8proc_charwidth(cp);
		width += w > 0 ? (size_t)w : 0;
	}
	return width;
}

/* Works on the bytes: C1 controls are C2 80–C2 9F in UTF-8, the overrides E2 80 AA–AE and E2 81 A6–A9. */
bool jx_text_has_control(const char *str, bool allow_newline)
{
	const unsigned char *s = (const unsigned char *)str;

	for (; *s; s++) {
		if (*s >= 0x20 && *s < 0x7F)
			continue;
		if (*s >= 0xE3 && *s <= 0xEE && s[1] >= 0x80 && s[2] >= 0x80) { /* no control among them */
			s += 2;
			continue;
		}
		if ((*s < 0x20 && !(allow_newline && *s == '\n')) || *s == 0x7F)
			return true;
		if (*s == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
			return true;
		if (*s == 0xE2 && ((s[1] == 0x80 && s[2] >= 0xAA && s[2] <= 0xAE) ||
				   (s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9)))
			return true;
		/* noncharacters: U+FDD0–U+FDEF, and U+xFFFE and U+xFFFF in every plane */
		if (*s == 0xEF && ((s[1] == 0xB7 && s[2] >= 0x90 && s[2] <= 0xAF) || (s[1] == 0xBF && s[2] >= 0xBE)))
			return true;
		if (*s >= 0xF0 && (s[1] & 0x0F) == 0x0F && s[2] == 0xBF && s[3] >= 0xBE)
			return true;
	}
	return false;
}

void jx_text_pad(struct jx_buf *out, const char *s, size_t n, size_t width)
{
	size_t w = jx_text_width(s, n);

	jx_buf_add(out, s, n, NULL);
	jx_buf_addn(out, ' ', w < width ? width - w : 0, NULL);
}

int jx_text_from_gb18030(iconv_t cd, const char *src, size_t n, struct jx_buf *out, size_t *used)
{
	char *in = (char *)src, *o;
	size_t left = n, room = n * 2 + 8; /* a GB18030 character never takes more bytes in UTF-8 than twice its own */
	int rc = 0;

	jx_buf_grow(out, room, NULL);
	o = out->ptr + out->len;
	if (iconv(cd, &in, &left, &o, &room) == (size_t)-1)
		rc = errno;
	jx_buf_setlen(out, (size_t)(o - out->ptr));
	*used = n - left;
	return rc;
}
