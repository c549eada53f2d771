/*
 * html_impl.h — the parts of the HTML reader, inside libjixiao (the reader is jx_reader_html in
 * reader.h; its lines and limits are in html.h).
 *
 *   html_parse.c   from the untrusted bytes of a page to gumbo's tree of it: read whole, decoded to
 *                  UTF-8, its nesting bounded before gumbo sees it, the tree in a capped arena;
 *   html_nest.c    the bound on nesting: a model of the parser's stack that errs only deeper;
 *   html_import.c  from the tree to lines and cells (jx_html_lines), and the reader.
 */
#ifndef JIXIAO_HTML_IMPL_H
#define JIXIAO_HTML_IMPL_H

#include <gumbo.h>
#include <stdarg.h>
#include <stddef.h>

#include "jixiao/buf.h"
#include "jixiao/err.h"

struct jx_err;
struct jx_html_where;
struct jx_input;
struct html_arena;

struct html_page {
	const char *text;         /* the page in UTF-8: the input's own bytes, or utf8's */
	size_t len;               /* its length */
	struct jx_buf utf8;       /* the page converted from GB18030, when it was */
	GumboOutput *tree;        /* gumbo's tree of it, allocated in arena */
	struct html_arena *arena; /* all the tree's memory */
};

/* Reads the rest of in whole and parses it into pg. Returns 0, or -1 with err naming the file (and
 * the line): too big, bytes invalid in its encoding, nested too deeply, a tree too big. On success
 * free pg with html_page_free(); the page stays valid while in is open. */
int html_page_read(struct html_page *pg, struct jx_input *in, struct jx_err *err);
void html_page_free(struct html_page *pg);

/* Refuses a page the parser would nest deeper than JX_HTML_MAX_DEPTH (html_nest.c): returns 0, or -1
 * with err naming the line (JX_ETOOBIG). */
int html_bound_nesting(const char *s, size_t n, const char *file, struct jx_err *err);

/* Fills err with "file: where: message", where as jx_html_locate() writes it. Returns -1. */
int html_vfail(const char *file, const struct jx_html_where *where, enum jx_code code, struct jx_err *err,
	       const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

/* Fills err with "file: 第N行: message", N the line of byte off of s. Returns -1. */
int html_fail_at(const char *file, const char *s, size_t off, enum jx_code code, struct jx_err *err,
		 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Finds the ASCII lowercase needle in [s, end), letter case aside; NULL if it is not there. */
const char *html_find(const char *s, const char *end, const char *needle);

/* True for the white space of HTML: tab, LF, FF, CR and space. */
static inline int html_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

#endif
