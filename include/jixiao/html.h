/*
 * html.h — reading web pages: the lines and cells of an HTML document, and the limits that hold
 * against hostile pages. The reader of target tables (jx_reader_html in reader.h) hands these lines
 * to table.c, which decides what the cells mean; this interface is what it shares with its tests.
 *
 * A page is read whole (the parser needs it in memory), decoded to UTF-8 — a BOM, else the charset
 * its <meta> declares (UTF-8, or GBK, GB2312 and GB18030, all read as GB18030), else detected as text
 * is (valid UTF-8, else GB18030) — and parsed by gumbo as a browser would. Then its tree is walked in
 * document order:
 *
 *   text       every block outside tables (p, div, h1–h6, li, a caption, a line ended by <br>, each
 *              cell of a layout table) is one JX_LINE_TEXT line with one cell, white space collapsed
 *              (&nbsp; as a space, a line break between two CJK characters dropped), unless CSS
 *              white-space (an inline style, a <style> rule of the form tag.class, or <pre>) keeps
 *              the line breaks (and then the spaces); head, script, style, noscript, template, title,
 *              textarea and select are not text;
 *   layout     a table holding another table lays a page out: its cells are blocks, walked in turn;
 *   grid       any other table is a table of data: rowspan and colspan expanded as the HTML table
 *              model places cells, each <tr> is one JX_LINE_ROW holding its non-empty cells in order,
 *              a merged cell once, at the top-left of its range (col its first column, from 1). A
 *              cell's text is its text content with <br> and block boundaries as "\n", each line
 *              trimmed, blank lines dropped. Row groups come as a browser shows them (the caption
 *              first, then the first thead, the rest in order, the first tfoot last), and a cell spans
 *              no further down than its row group.
 */
#ifndef JIXIAO_HTML_H
#define JIXIAO_HTML_H

#include <stddef.h>

#include "jixiao/table.h"

#define JX_HTML_SNIFF 4096               /* bytes of the head looked at for the format and the charset */
#define JX_HTML_MAX_INPUT (64u << 20)    /* bytes of a page */
#define JX_HTML_MAX_TREE (1024u << 20)   /* bytes the parser may allocate for the page's tree */
#define JX_HTML_MAX_DEPTH 256            /* elements open at once, as the parser would nest them */
#define JX_HTML_MAX_ROWSPAN 65534        /* rowspan is clamped to this, as browsers do */
#define JX_HTML_MAX_COLSPAN 1000         /* colspan too */
#define JX_HTML_MAX_COLUMNS 1000         /* columns whose cover by rowspans is tracked (cells further
						  * right are placed as if nothing covered them) */
#define JX_HTML_MAX_ROWS 100000          /* rows of one table */

/* Where a line of a page is, for messages. */
struct jx_html_where {
	unsigned table;  /* the table it is a row of, counting the page's data tables from 1; 0 for text */
	unsigned row;    /* its row in that table, from 1; for text, the line of the source it begins on */
	size_t offset;   /* bytes of the (UTF-8) page before it, for progress */
};

/* Receives one line: cells are its non-empty cells in order (at most JX_TABLE_MAX_CELLS + 1, the
 * last one then being where the limit was passed), valid until the function returns; n may be 0 (a
 * row of empty cells). A non-zero return stops the walk, with err as fn left it. */
typedef int (*jx_html_line_fn)(void *ctx, const struct jx_html_where *where, const struct jx_cell *cells, size_t n,
			       enum jx_line_kind kind, struct jx_err *err);

/* Reads the page in (whole, from where it stands) and hands each of its lines to fn, in document
 * order. Returns 0, or -1 with err saying what is wrong and where ("page.html: 第12行: …",
 * "page.html: 表2 第5行: …"): a page over JX_HTML_MAX_INPUT, or nested deeper than
 * JX_HTML_MAX_DEPTH, or whose tree passes JX_HTML_MAX_TREE, or a table of more than
 * JX_HTML_MAX_ROWS rows (JX_ETOOBIG); bytes invalid in its encoding, or NUL (JX_EINPUT); or fn
 * stopped it. */
int jx_html_lines(struct jx_input *in, jx_html_line_fn fn, void *ctx, struct jx_err *err);

/* Writes "file: 表2 第5行 第3列" (col 0: no column) or "file: 第12行" into buf, for messages. */
void jx_html_locate(const char *file, const struct jx_html_where *where, unsigned col, char *buf, size_t size);

#endif
