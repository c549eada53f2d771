/*
 * html_parse.c — from the untrusted bytes of a web page to gumbo's tree of it (see html_impl.h).
 *
 * Four steps, each against what a hostile page could do:
 *
 *   read     the page whole (gumbo parses a buffer), up to JX_HTML_MAX_INPUT bytes;
 *   decode   to UTF-8, the only encoding gumbo reads: a BOM decides; else the charset a <meta> in the
 *            head declares, UTF-8 or the GB family (GBK, GB2312, GB18030, read as GB18030, their
 *            superset); else the bytes as text is detected (valid UTF-8, else GB18030). Bytes invalid
 *            in the encoding decided, and NUL bytes, are an error naming the line;
 *   bound    gumbo takes time quadratic in the depth of its tree: the page's nesting is bounded
 *            first (html_nest.c);
 *   parse    gumbo allocates from an arena of at most JX_HTML_MAX_TREE bytes (a page of tiny tags
 *            takes eighty times its size). Past the cap the allocator longjmps out of gumbo, which
 *            holds nothing but arena memory, as libjpeg's error handlers leave a decoder; the tree is
 *            never freed node by node either: the arena goes at once.
 */
#include <errno.h>
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/err.h"
#include "jixiao/html.h"
#include "jixiao/input.h"
#include "jixiao/text.h"
#include "html_impl.h"

const char *html_find(const char *s, const char *end, const char *needle)
{
	size_t n = strlen(needle), i;

	for (; (size_t)(end - s) >= n; s++) {
		for (i = 0; i < n && (s[i] | (s[i] >= 'A' && s[i] <= 'Z' ? 0x20 : 0)) == needle[i]; i++)
			;
		if (i == n)
			return s;
	}
	return NULL;
}

int html_vfail(const char *file, const struct jx_html_where *where, enum jx_code code, struct jx_err *err,
	       const char *fmt, va_list ap)
{
	char at[512], msg[768];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	jx_html_locate(file, where, 0, at, sizeof(at));
	return jx_err_set(err, code, "%s: %s", at, msg);
}

int html_fail_at(const char *file, const char *s, size_t off, enum jx_code code, struct jx_err *err, const char *fmt,
		 ...)
{
	struct jx_html_where where = { 0, 1, off };
	const char *p = s, *end = s + off;
	va_list ap;
	int rc;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		where.row++;
		p++;
	}
	va_start(ap, fmt);
	rc = html_vfail(file, &where, code, err, fmt, ap);
	va_end(ap);
	return rc;
}

/* ---- reading ---- */

static int too_big(const char *file, struct jx_err *err)
{
	return jx_err_set(err, JX_ETOOBIG, "%s: 网页超过 %u MiB，无法导入", file, JX_HTML_MAX_INPUT >> 20);
}

static int read_whole(struct jx_input *in, struct jx_err *err)
{
	if (in->size > JX_HTML_MAX_INPUT)
		return too_big(in->name, err);
	while (!in->eof) {
		if (jx_input_avail(in) > JX_HTML_MAX_INPUT)
			return too_big(in->name, err);
		if (jx_input_fill(in, jx_input_avail(in) + JX_INPUT_CHUNK, err))
			return -1;
	}
	return jx_input_avail(in) > JX_HTML_MAX_INPUT ? too_big(in->name, err) : 0;
}

/* ---- decoding ---- */

enum charset { CS_NONE, CS_UTF8, CS_GB, CS_OTHER };

static enum charset charset_of(const char *label)
{
	static const char *const utf8[] = { "utf-8", "utf8", "unicode-1-1-utf-8" };
	static const char *const gb[] = { "gbk", "gb2312", "gb18030", "gb_2312", "gb_2312-80", "x-gbk", "cp936", "ms936",
					  "windows-936", "csgb2312", "chinese", "iso-ir-58", "euc-cn", "x-euc-cn",
					  "csiso58gb231280" };
	size_t i;

	for (i = 0; i < sizeof(utf8) / sizeof(utf8[0]); i++)
		if (strcmp(label, utf8[i]) == 0)
			return CS_UTF8;
	for (i = 0; i < sizeof(gb) / sizeof(gb[0]); i++)
		if (strcmp(label, gb[i]) == 0)
			return CS_GB;
	return CS_OTHER;
}

/* The charset a <meta> in the head declares, <meta charset="gbk"> or <meta http-equiv="Content-Type"
 * content="text/html; charset=gb2312">; its label, lowercased, goes to label. */
static enum charset declared(const char *s, size_t n, char *label, size_t size)
{
	const char *end = s + (n < JX_HTML_SNIFF ? n : JX_HTML_SNIFF), *p = s, *close, *cs;
	size_t len = 0;

	while ((p = html_find(p, end, "<meta")) != NULL) {
		close = memchr(p, '>', (size_t)(end - p));
		cs = html_find(p, close ? close : end, "charset");
		p += 5;
		if (!cs)
			continue;
		for (cs += 7; cs < end && (html_space(*cs) || *cs == '=' || *cs == '"' || *cs == '\''); cs++)
			;
		while (cs + len < end && len + 1 < size && (cs[len] == '-' || cs[len] == '_' || cs[len] == '.' ||
							    (cs[len] >= '0' && cs[len] <= '9') ||
							    ((cs[len] | 0x20) >= 'a' && (cs[len] | 0x20) <= 'z'))) {
			label[len] = (char)(cs[len] | (cs[len] >= 'A' && cs[len] <= 'Z' ? 0x20 : 0));
			len++;
		}
		label[len] = '\0';
		return len ? charset_of(label) : CS_NONE;
	}
	return CS_NONE;
}

static int utf8_page(struct html_page *pg, const char *file, const char *s, size_t n, const char *label,
		     struct jx_err *err)
{
	bool invalid;
	size_t ok = jx_utf8_prefix(s, n, &invalid);

	if (ok < n && !invalid)
		return html_fail_at(file, s, ok, JX_EINPUT, err, "文件末尾有不完整的字符");
	if (ok < n)
		return html_fail_at(file, s, ok, JX_EINPUT, err, "不是有效的 UTF-8 文本%s%s%s", *label ? "（网页声明的编码为 " : "",
			       label, *label ? "）" : "");
	pg->text = s;
	pg->len = n;
	return 0;
}

/* Converts the page from GB18030; returns 0, or the errno iconv stopped with (*bad: where). */
static int gb_convert(struct html_page *pg, const char *s, size_t n, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	int rc;

	if (cd == (iconv_t)-1)
		return ENOSYS;
	rc = jx_text_from_gb18030(cd, s, n, &pg->utf8, bad);
	iconv_close(cd);
	pg->text = pg->utf8.ptr;
	pg->len = pg->utf8.len;
	return rc;
}

static int gb_page(struct html_page *pg, const char *file, const char *s, size_t n, const char *label,
		   struct jx_err *err)
{
	size_t bad;
	int rc = gb_convert(pg, s, n, &bad);

	if (rc == ENOSYS)
		return jx_err_set(err, JX_EIO, "系统不支持 GB18030 转换 (iconv)");
	if (rc == EINVAL)
		return html_fail_at(file, s, bad, JX_EINPUT, err, "文件末尾有不完整的字符");
	if (rc)
		return html_fail_at(file, s, bad, JX_EINPUT, err, "不是有效的 GB18030 文本（网页声明的编码为 %s）", label);
	return 0;
}

/* No BOM, and no charset declared that jixiao reads: valid UTF-8, else GB18030, as text is detected. */
static int detected_page(struct html_page *pg, const char *file, const char *s, size_t n, const char *label,
			 struct jx_err *err)
{
	bool invalid;
	size_t ok = jx_utf8_prefix(s, n, &invalid), bad;

	if (ok == n)
		return utf8_page(pg, file, s, n, "", err);
	if (gb_convert(pg, s, n, &bad) == 0)
		return 0;
	jx_buf_release(&pg->utf8);
	return html_fail_at(file, s, ok, JX_EINPUT, err, "无法识别的编码%s%s%s：既不是 UTF-8 也不是 GB18030",
		       *label ? "（网页声明为 " : "", label, *label ? "）" : "");
}

static int decode(struct html_page *pg, const char *file, const char *s, size_t n, struct jx_err *err)
{
	const char *nul = memchr(s, '\0', n);
	char label[32] = "";

	if (nul)
		return html_fail_at(file, s, (size_t)(nul - s), JX_EINPUT, err, "含有 NUL 字节（这是二进制文件吗？）");
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		return utf8_page(pg, file, s + 3, n - 3, "", err);
	switch (declared(s, n, label, sizeof(label))) {
	case CS_UTF8:
		return utf8_page(pg, file, s, n, label, err);
	case CS_GB:
		return gb_page(pg, file, s, n, label, err);
	default:
		return detected_page(pg, file, s, n, label, err);
	}
}

/* ---- parsing, in an arena ---- */

#define CHUNK (1u << 20)

struct chunk {
	struct chunk *next;
	size_t size, used;
	max_align_t data[];
};

struct html_arena {
	struct chunk *head; /* the chunk being filled first; big allocations have chunks of their own */
	size_t total;       /* bytes handed out */
	jmp_buf *escape;    /* where to go past JX_HTML_MAX_TREE */
};

static struct chunk *new_chunk(struct html_arena *a, size_t size, bool first)
{
	struct chunk *c = jx_malloc(sizeof(*c) + size);

	c->size = size;
	c->used = 0;
	if (first || !a->head) {
		c->next = a->head;
		a->head = c;
	} else {
		c->next = a->head->next;
		a->head->next = c;
	}
	return c;
}

static void *arena_alloc(void *ctx, size_t n)
{
	struct html_arena *a = ctx;
	struct chunk *c = a->head;
	void *p;

	if (n > JX_HTML_MAX_TREE - a->total)
		longjmp(*a->escape, 1);
	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	a->total += n;
	if (n > CHUNK / 4)
		c = new_chunk(a, n, false);
	else if (!c || c->size - c->used < n)
		c = new_chunk(a, CHUNK, true);
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

static void arena_free(void *ctx, void *p)
{
	(void)ctx;
	(void)p; /* the arena goes at once, in html_page_free() */
}

/* Parses the page with gumbo in arena a; NULL if the tree would pass JX_HTML_MAX_TREE. */
static GumboOutput *parse_capped(struct html_arena *a, const char *text, size_t len)
{
	GumboOptions o = kGumboDefaultOptions;
	jmp_buf escape;

	o.allocator = arena_alloc;
	o.deallocator = arena_free;
	o.userdata = a;
	o.max_errors = 0; /* every page parses; its errors are not kept */
	a->escape = &escape;
	if (setjmp(escape))
		return NULL;
	return gumbo_parse_with_options(&o, text, len);
}

void html_page_free(struct html_page *pg)
{
	struct chunk *c, *next;

	if (pg->arena) {
		for (c = pg->arena->head; c; c = next) {
			next = c->next;
			free(c);
		}
		free(pg->arena);
	}
	jx_buf_release(&pg->utf8);
	memset(pg, 0, sizeof(*pg));
}

int html_page_read(struct html_page *pg, struct jx_input *in, struct jx_err *err)
{
	memset(pg, 0, sizeof(*pg));
	jx_buf_init(&pg->utf8, SIZE_MAX);
	if (read_whole(in, err) || decode(pg, in->name, jx_input_ptr(in), jx_input_avail(in), err) ||
	    html_bound_nesting(pg->text, pg->len, in->name, err)) {
		html_page_free(pg);
		return -1;
	}
	pg->arena = jx_calloc(1, sizeof(*pg->arena));
	pg->tree = parse_capped(pg->arena, pg->text, pg->len);
	if (!pg->tree) {
		html_page_free(pg);
		return jx_err_set(err, JX_ETOOBIG, "%s: 网页过于复杂：解析所需内存超过 %u MiB，无法导入", in->name,
				  JX_HTML_MAX_TREE >> 20);
	}
	return 0;
}
