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
 * Characters have strokes too. Before looking for lines, the middle half (in height) of each glyph's
 * box is cleared across its width: that is most of a character's ink, and never a cell's border,
 * which lies outside the box (poppler's boxes of Type 3 fonts are more than twice too tall, yet their
 * middle half still lies between the borders). What is left of a stroke above or below is shorter
 * than pdf_layout.c's shortest line. Space glyphs are not cleared: poppler puts the space it sees
 * between two cells' texts across the border between them.
 */
#include <math.h>
#include <stdlib.h>

#include "jixiao/alloc.h"
#include "jixiao/err.h"
#include "pdf_impl.h"

#define MAX_THICK 3.0 /* points: the thickest line; thicker ink is an area */
#define MIN_RUN 2.0   /* points: shorter runs of thin pixels are not looked at */
#define MAX_SIDE 32767 /* pixels: a larger picture is not looked at */

/* The picture being read. */
struct picture {
	uint8_t *dark;   /* w × h, row by row: nonzero where dark */
	int w, h;
	double scale;    /* pixels per point */
	int thick;       /* MAX_THICK in pixels */
	int min_run;     /* MIN_RUN in pixels */
	struct pdf_rule **rules;
	size_t *n, *cap;
};

static int clamp(double v, int hi)
{
	return v < 0 ? 0 : v > hi ? hi : (int)v;
}

/* Clears the middle half of each printable glyph's box. */
static void clear_glyphs(struct picture *P, const struct pdf_glyph *g, size_t n)
{
	size_t i;
	int x, y;

	for (i = 0; i < n; i++) {
		double q = (g[i].y1 - g[i].y0) / 4;
		int x0, x1, y0, y1;

		if (pdf_glyph_kind(g[i].text, g[i].len) != 0 || !(fabs(q) < 1e6) || !(fabs(g[i].x0) < 1e6) ||
		    !(fabs(g[i].x1) < 1e6) || !(fabs(g[i].y0) < 1e6))
			continue;
		x0 = clamp(floor(fmin(g[i].x0, g[i].x1) * P->scale), P->w);
		x1 = clamp(ceil(fmax(g[i].x0, g[i].x1) * P->scale), P->w);
		y0 = clamp(floor((fmin(g[i].y0, g[i].y1) + fabs(q)) * P->scale), P->h);
		y1 = clamp(ceil((fmax(g[i].y0, g[i].y1) - fabs(q)) * P->scale), P->h);
		for (y = y0; y < y1; y++)
			for (x = x0; x < x1; x++)
				P->dark[(size_t)y * (size_t)P->w + (size_t)x] = 0;
	}
}

static int add_rule(struct picture *P, bool vertical, int at, int a, int b, struct jx_err *err)
{
	if (*P->n >= PDF_MAX_RULES)
		return jx_err_set(err, JX_ETOOBIG, "页面上的线条超过 %d 条", PDF_MAX_RULES);
	jx_grow(P->rules, sizeof(**P->rules), *P->n + 1, P->cap);
	(*P->rules)[(*P->n)++] = (struct pdf_rule){ vertical, (at + 0.5) / P->scale, a / P->scale, b / P->scale };
	return 0;
}

/* Row y's horizontal runs of dark pixels: run[x] is the length of the one pixel x is in (0 if light). */
static void row_runs(const struct picture *P, int y, uint16_t *run)
{
	const uint8_t *d = P->dark + (size_t)y * (size_t)P->w;
	int x = 0, s;

	while (x < P->w) {
		if (!d[x]) {
			run[x++] = 0;
			continue;
		}
		for (s = x; x < P->w && d[x]; x++)
			;
		for (int i = s; i < x; i++)
			run[i] = (uint16_t)(x - s > 65535 ? 65535 : x - s);
	}
}

/* The horizontal segments of row y: runs of pixels whose vertical run (vrun) is thin. */
static int row_segments(struct picture *P, int y, const uint16_t *vrun, struct jx_err *err)
{
	const uint8_t *d = P->dark + (size_t)y * (size_t)P->w;
	int x = 0, s;

	while (x < P->w) {
		if (!d[x] || vrun[x] > P->thick) {
			x++;
			continue;
		}
		for (s = x; x < P->w && d[x] && vrun[x] <= P->thick; x++)
			;
		if (x - s >= P->min_run && add_rule(P, false, y, s, x, err))
			return -1;
	}
	return 0;
}

/* Follows the vertical segments down the columns, from the bottom row up: open[x] is the bottom of the
 * run of thin pixels column x is in at row y (-1 if none); a run ending at row y is added. */
static int column_segments(struct picture *P, int y, const uint16_t *hrun, int *open, struct jx_err *err)
{
	const uint8_t *d = P->dark + (size_t)y * (size_t)P->w;
	int x;

	for (x = 0; x < P->w; x++) {
		bool thin = y >= 0 && d[x] && hrun[x] <= P->thick;

		if (thin && open[x] < 0)
			open[x] = y;
		else if (!thin && open[x] >= 0) {
			if (open[x] - y >= P->min_run && add_rule(P, true, x, y + 1, open[x] + 1, err))
				return -1;
			open[x] = -1;
		}
	}
	return 0;
}

/* up[y * w + x]: how many dark pixels end at (x, y) going down column x. */
static uint16_t *runs_down(const struct picture *P)
{
	uint16_t *up = jx_calloc((size_t)P->w * (size_t)P->h + 1, sizeof(*up));
	size_t w = (size_t)P->w, i;

	for (i = 0; i < w * (size_t)P->h; i++)
		if (P->dark[i])
			up[i] = (uint16_t)(i >= w && up[i - w] < 65535 ? up[i - w] + 1 : 1);
	return up;
}

/* Reads the picture from the bottom row up: each pixel's vertical run is what ends there from above
 * plus what continues below; each row's horizontal runs are its own. */
static int scan(struct picture *P, struct jx_err *err)
{
	size_t w = (size_t)P->w;
	uint16_t *up = runs_down(P), *down = jx_calloc(w + 1, sizeof(*down)), *vrun = jx_calloc(w + 1, sizeof(*vrun)),
		 *hrun = jx_calloc(w + 1, sizeof(*hrun));
	int *open = jx_calloc(w + 1, sizeof(*open)), y, rc = 0;
	size_t x;

	for (x = 0; x < w; x++)
		open[x] = -1;
	for (y = P->h - 1; y >= 0 && rc == 0; y--) {
		const uint8_t *d = P->dark + (size_t)y * w;

		for (x = 0; x < w; x++) {
			down[x] = (uint16_t)(d[x] ? (down[x] < 65535 ? down[x] + 1 : 65535) : 0);
			vrun[x] = (uint16_t)(d[x] ? fmin(65535, (double)up[(size_t)y * w + x] + down[x] - 1) : 0);
		}
		row_runs(P, y, hrun);
		rc = row_segments(P, y, vrun, err);
		if (rc == 0)
			rc = column_segments(P, y, hrun, open, err);
	}
	if (rc == 0) /* close the runs reaching the top row */
		for (x = 0; x < w && rc == 0; x++)
			if (open[x] >= 0 && open[x] + 1 >= P->min_run)
				rc = add_rule(P, true, (int)x, 0, open[x] + 1, err);
	free(up);
	free(down);
	free(vrun);
	free(hrun);
	free(open);
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
