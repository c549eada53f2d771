/*
 * pdf_impl.h — the parts of the PDF reader, inside libjixiao (the reader itself is jx_reader_pdf in
 * reader.h).
 *
 *   pdf_rules.c   the ruling lines of a page, found in a picture of it: long thin runs of dark pixels;
 *   pdf_layout.c  a page's lines and cells from its glyphs and ruling lines: grids of bordered tables
 *                 (merged cells where a separating line is missing, wrapped text joined), text lines
 *                 elsewhere, and columns split at wide gaps where a page has no grid;
 *   pdf_import.c  the reader: poppler-glib opens the document, gives each page's glyphs and draws the
 *                 page for pdf_rules.c; the lines go to table.c like every laid-out document's.
 *
 * pdf_rules.c and pdf_layout.c know nothing of poppler: they take plain arrays, so that unit tests and
 * the fuzzer drive them directly. Coordinates are PDF points (1/72 inch), x to the right and y down
 * from the top of the page, as poppler-glib gives them.
 */
#ifndef JIXIAO_PDF_IMPL_H
#define JIXIAO_PDF_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao/table.h"

struct jx_err;

#define PDF_MAX_GLYPHS 100000 /* glyphs on one page */
#define PDF_MAX_RULES 262144  /* ruling segments handed in for one page */
#define PDF_MAX_MERGED 4096   /* ruling lines of one direction on a page, once collinear pieces are joined */

/* A character on the page and the box poppler gives it. */
struct pdf_glyph {
	const char *text;         /* its UTF-8 (one character, usually); not NUL-terminated */
	size_t len;               /* bytes of text */
	double x0, y0, x1, y1;    /* its box: left, top, right, bottom */
};

/* A ruling line: a horizontal segment from (a, at) to (b, at), or a vertical one from (at, a) to (at, b). */
struct pdf_rule {
	bool vertical;
	double at;                /* its y if horizontal, its x if vertical */
	double a, b;              /* where it starts and ends along its direction */
};

/* Whether a glyph's text is white space only (1), printable (0), or to be dropped (-1: invalid UTF-8,
 * a control character, white space within printable text, more than a few bytes). */
int pdf_glyph_kind(const char *text, size_t len);

/* ---- ruling lines (pdf_rules.c) ---- */

/* Finds the ruling lines in a picture of a page: dark[y * w + x] is 1 where pixel (x, y) is dark, else
 * 0; scale is pixels per point. The core of each glyph's box is cleared first, so that strokes of
 * characters are not taken for lines (dark is changed, and holds flags of its own). Appends the
 * segments found to *rules (grown with jx_grow, *n and *cap updated; the caller frees *rules). Fails
 * with JX_ETOOBIG past PDF_MAX_RULES segments. */
int pdf_rules_find(uint8_t *dark, int w, int h, double scale, const struct pdf_glyph *g, size_t n_glyphs,
		   struct pdf_rule **rules, size_t *n, size_t *cap, struct jx_err *err);

/* ---- lines and cells (pdf_layout.c) ---- */

/* Receives a line of the page, top to bottom: a row of a table (its non-empty cells, a merged cell once
 * at its top-left, col its first grid column from 1; n may be 0 for an empty row, and is at most
 * JX_TABLE_MAX_CELLS + 1, one past the limit for table.c to refuse), or a line of text (one cell,
 * col 1). A cell's text may hold newlines, where the document's text broke within the cell. cells are
 * valid until the function returns. */
typedef int (*pdf_line_fn)(void *ctx, const struct jx_cell *cells, size_t n, enum jx_line_kind kind,
			   struct jx_err *err);

/* Lays out one page: its glyphs (in any order; spaces between words as glyphs of their own) and its
 * ruling lines (in any order, pieces and overlaps allowed), and hands its lines to fn in order. Fails
 * with JX_ETOOBIG past PDF_MAX_GLYPHS glyphs, PDF_MAX_RULES rules, PDF_MAX_MERGED lines of a
 * direction, or a table of more than 65,536 grid cells, before fn is called; the message does not
 * name the page. Fails with what fn returns, if it fails. */
int pdf_layout_page(const struct pdf_glyph *g, size_t n_glyphs, const struct pdf_rule *rules, size_t n_rules,
		    pdf_line_fn fn, void *ctx, struct jx_err *err);

#endif
