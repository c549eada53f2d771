/*
 * pdf_rules.c — the ruling lines of a page, found in a picture of it (see pdf_impl.h).
 *
 * poppler-glib does not give a page's vector paths, so the reader draws the page and this module reads
 * the pixels; what draws the lines (strokes, thin filled rectangles as Word writes them, a scan with
 * a text layer) does not matter. A pixel of a horizontal line is a dark pixel whose run of dark pixels
 * up and down its column is at most MAX_THICK points long: thin. A filled area (shading, a picture, a
 * thick bar) is no line. Runs of such pixels along a row at least MIN_RUN points long are the
 * horizontal segments; vertical ones are found the same way down the columns. Where a vertical line
 * crosses a horizontal one the crossing is thick for both, which cuts them into pieces that
 * pdf_layout.c joins again, as it joins the rows of pixels of a line two pixels thick.
 *
 * Characters have strokes too. Before looking for lines, the core of each glyph's box is cleared
 * across its width: around the box's middle, half its height or CORE_WIDTH of its width (a Chinese
 * character's ink is about as tall as it is wide), whichever is taller, but at most 80% of the box.
 * That is most of a character's ink, and never a cell's border, which lies outside the box: poppler's
 * boxes of Type 3 fonts are more than twice too tall, yet their middle half still lies between the
 * borders. What is left of a stroke above or below is shorter than MIN_RUN, or than pdf_layout.c's
 * shortest line. Space glyphs are not cleared: poppler puts the space it sees between two cells'
 * texts across the border between them. At most MAX_CLEARED pictures' worth of pixels are cleared in
 * all, which no real page comes near.
 *
 * A page is mostly paper, so the picture is read a row at a time, skipping eight light pixels at once,
 * and each pixel's flags are kept in its own byte: one pass marks runs thin along their row and down
 * their column and follows the vertical lines, a second pass finds the horizontal ones.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/err.h"
#include "pdf_impl.h"

#define MAX_THICK 3.0  /* points: the thickest line; thicker ink is an area */
#define MIN_RUN 3.0    /* points: shorter runs of thin pixels are not looked at */
#define MAX_SIDE 32767 /* pixels: a larger picture is not looked at */
#define CORE_WIDTH 0.9 /* of a glyph's width: the least height of its core (a Chinese character's ink) */
#define MAX_CLEARED 8  /* pictures' worth of pixels cleared under glyphs, at most */

/* A pixel's flags, in its byte of the picture. */
enum {
	DARK = 1,   /* as the caller gave it */
	THIN_H = 2, /* its run along its row is thin: it may be part of a vertical line */
	THIN_V = 4, /* its run down its column is thin: it may be part of a horizontal line */
};

/* The picture being read. */
struct picture {
	uint8_t *px;     /* w × h, row by row: the flags of each pixel */
	int w, h;
	double scale;    /* pixels per point */
	int thick;       /* MAX_THICK in pixels */
	int min_run;     /* MIN_RUN in pixels */
	struct pdf_rule **rules;
	size_t *n, *cap;
};

/* A run of pixels down a column ends: [from, to) in column x. */
typedef int (*column_fn)(struct picture *P, int x, int from, int to, struct jx_err *err);

static int clamp(double v, int hi)
{
	return v < 0 ? 0 : v > hi ? hi : (int)v;
}

static uint8_t *row_at(const struct picture *P, int y)
{
	return y >= 0 && y < P->h ? P->px + (size_t)y * (size_t)P->w : NULL;
}

/* ---- characters ---- */

/* The part of glyph g to clear, in pixels, into r[4] (x0, y0, x1, y1, ends excluded); false if none. */
static bool glyph_core(const struct picture *P, const struct pdf_glyph *g, int *r)
{
	double x0 = fmin(g->x0, g->x1), x1 = fmax(g->x0, g->x1), y0 = fmin(g->y0, g->y1), y1 = fmax(g->y0, g->y1);
	double half = fmin(fmax((y1 - y0) / 4, CORE_WIDTH * (x1 - x0) / 2), 0.4 * (y1 - y0)), cy = (y0 + y1) / 2;

	if (pdf_glyph_kind(g->text, g->len) != 0 || !(fabs(x0) < 1e6 && fabs(x1) < 1e6) ||
	    !(fabs(y0) < 1e6 && fabs(y1) < 1e6))
		return false;
	r[0] = clamp(floor(x0 * P->scale), P->w);
	r[2] = clamp(ceil(x1 * P->scale), P->w);
	r[1] = clamp(floor((cy - half) * P->scale), P->h);
	r[3] = clamp(ceil((cy + half) * P->scale), P->h);
	return r[0] < r[2] && r[1] < r[3];
}

/* Clears the core of each printable glyph's box. */
static void clear_glyphs(struct picture *P, const struct pdf_glyph *g, size_t n)
{
	size_t i, budget = MAX_CLEARED * (size_t)P->w * (size_t)P->h;
	int r[4], y;

	for (i = 0; i < n; i++) {
		size_t area;

		if (!glyph_core(P, &g[i], r))
			continue;
		area = (size_t)(r[2] - r[0]) * (size_t)(r[3] - r[1]);
		if (area > budget)
			return;
		budget -= area;
		for (y = r[1]; y < r[3]; y++)
			memset(row_at(P, y) + r[0], 0, (size_t)(r[2] - r[0]));
	}
}

/* ---- runs of pixels ---- */

/* The first x from x on where row a or row b (either may be NULL) has a nonzero byte, else w. */
static int next_set(const uint8_t *a, const uint8_t *b, int x, int w)
{
	uint64_t u, v;

	for (; x + 8 <= w; x += 8) {
		u = v = 0;
		if (a)
			memcpy(&u, a + x, 8);
		if (b)
			memcpy(&v, b + x, 8);
		if (u | v)
			break;
	}
	while (x < w && !((a && a[x]) || (b && b[x])))
		x++;
	return x;
}

/* Marks THIN_H the runs of dark pixels of row y no longer than thick. */
static void mark_row(struct picture *P, int y)
{
	uint8_t *r = row_at(P, y);
	int x = next_set(r, NULL, 0, P->w), s, i;

	while (x < P->w) {
		for (s = x; x < P->w && r[x]; x++)
			;
		if (x - s <= P->thick)
			for (i = s; i < x; i++)
				r[i] |= THIN_H;
		x = next_set(r, NULL, x, P->w);
	}
}

/* Follows the runs of pixels with flag down the columns to row y (y == h: past the last row): open[x]
 * is the row where column x's run began, or -1. Calls end for each run that ends above row y. A run
 * can only change where row y or the row above has a pixel, so only there is looked at. */
static int follow_columns(struct picture *P, int y, uint8_t flag, int *open, column_fn end, struct jx_err *err)
{
	const uint8_t *above = row_at(P, y - 1), *here = row_at(P, y);
	int x;

	for (x = next_set(above, here, 0, P->w); x < P->w; x = next_set(above, here, x + 1, P->w)) {
		bool on = here && (here[x] & flag);

		if (on && open[x] < 0)
			open[x] = y;
		else if (!on && open[x] >= 0) {
			int from = open[x];

			open[x] = -1;
			if (end(P, x, from, y, err))
				return -1;
		}
	}
	return 0;
}

/* ---- lines ---- */

static int add_rule(struct picture *P, bool vertical, int at, int a, int b, struct jx_err *err)
{
	if (*P->n >= PDF_MAX_RULES)
		return jx_err_set(err, JX_ETOOBIG, "页面上的线条超过 %d 条", PDF_MAX_RULES);
	jx_grow(P->rules, sizeof(**P->rules), *P->n + 1, P->cap);
	(*P->rules)[(*P->n)++] = (struct pdf_rule){ vertical, (at + 0.5) / P->scale, a / P->scale, b / P->scale };
	return 0;
}

/* A run of dark pixels down a column: thin, its pixels may be part of a horizontal line. */
static int mark_column(struct picture *P, int x, int from, int to, struct jx_err *err)
{
	int y;

	(void)err;
	if (to - from <= P->thick)
		for (y = from; y < to; y++)
			row_at(P, y)[x] |= THIN_V;
	return 0;
}

/* A run of THIN_H pixels down a column: long enough, a vertical line. */
static int vertical_line(struct picture *P, int x, int from, int to, struct jx_err *err)
{
	return to - from >= P->min_run ? add_rule(P, true, x, from, to, err) : 0;
}

/* The horizontal lines of row y: runs of THIN_V pixels long enough. */
static int horizontal_lines(struct picture *P, int y, struct jx_err *err)
{
	const uint8_t *r = row_at(P, y);
	int x = next_set(r, NULL, 0, P->w), s;

	while (x < P->w) {
		if (!(r[x] & THIN_V)) {
			x = next_set(r, NULL, x + 1, P->w);
			continue;
		}
		for (s = x; x < P->w && (r[x] & THIN_V); x++)
			;
		if (x - s >= P->min_run && add_rule(P, false, y, s, x, err))
			return -1;
	}
	return 0;
}

/* Reads the picture: row by row, marking thin runs and following vertical lines; then the rows again
 * for the horizontal lines, once every column's runs are known. */
static int scan(struct picture *P, struct jx_err *err)
{
	int *open_dark = jx_calloc((size_t)P->w + 1, sizeof(int));
	int *open_thin = jx_calloc((size_t)P->w + 1, sizeof(int));
	int x, y, rc = 0;

	for (x = 0; x < P->w; x++)
		open_dark[x] = open_thin[x] = -1;
	for (y = 0; y <= P->h && rc == 0; y++) {
		if (y < P->h)
			mark_row(P, y);
		follow_columns(P, y, DARK, open_dark, mark_column, err);
		rc = follow_columns(P, y, THIN_H, open_thin, vertical_line, err);
	}
	for (y = 0; y < P->h && rc == 0; y++)
		rc = horizontal_lines(P, y, err);
	free(open_dark);
	free(open_thin);
	return rc;
}

int pdf_rules_find(uint8_t *dark, int w, int h, double scale, const struct pdf_glyph *g, size_t n_glyphs,
		   struct pdf_rule **rules, size_t *n, size_t *cap, struct jx_err *err)
{
	struct picture P = { dark, w, h, scale, 0, 0, rules, n, cap };

	if (w <= 0 || h <= 0 || w > MAX_SIDE || h > MAX_SIDE || !(scale > 0))
		return 0;
	P.thick = (int)ceil(MAX_THICK * scale);
	P.min_run = (int)ceil(MIN_RUN * scale);
	clear_glyphs(&P, g, n_glyphs);
	return scan(&P, err);
}
