/*
 * render_pdf.c — target tables as A4 PDF pages, drawn with cairo and laid out with pango in Noto Sans
 * CJK (cairo's own font selection has no fallback, so every piece of text goes through pango).
 *
 * The statement opens the document; each table starts a new page with its title and the official form
 * drawn as a bordered grid: the header block (name, unit, the header fields, the funds given, 年度主要任务,
 * the goals; render_impl.h), then the indicators under a header row, level-1 and level-2 labels merged
 * over the rows of their group, and the optional indicator columns the table has after 指标值 — such a
 * table goes on A4 landscape pages in the smaller type, its columns narrowed alike when they are many
 * (pages of tables without them stay portrait, and come out as before). A table is first built
 * as a grid of laid-out cells (struct table), then paginated: whole rows go on a page while they fit;
 * the indicator header row is repeated on each page the table continues on, a merged cell cut by a
 * page break shows its label again, and a row taller than a page (a long goal) is split by lines.
 *
 * Glyphs are drawn through cairo user fonts that fill each glyph's outline from the real face, so
 * the PDF embeds them as Type 3 fonts (with the text attached, for search and copying). cairo 1.16
 * cannot be trusted to subset Noto Sans CJK itself: its charstring parser miscounts the hints of a
 * glyph whose first hintmask follows path operators, drops a subroutine the glyph calls, and the
 * glyph comes out blank (如 does); it also leaks memory for each CID-keyed font it subsets. The
 * price: poppler guesses the size of Type 3 text from the width of a font's first glyph, so in a
 * document with hundreds of distinct characters its text extraction may put a few on the wrong line.
 *
 * A self-evaluation (score.h) is drawn the same way on a page of its own: 项目支出绩效自评表, the header
 * block with budget execution, then the indicators (target, actual, points, score, reason) under their
 * header row, level cells merged, what each group earned, the total and the grade. The summary follows
 * on a new page: by unit and by year, the projects, the average and the count and money of each grade,
 * under two header rows repeated as the indicator header is. The reports' tables have more columns
 * than the target tables, so their text is a size smaller.
 *
 * cairo writes into a buffer in the renderer's state; each callback hands what was written to the
 * caller's buffer, so the PDF streams page by page. The same data gives the same bytes: the document's
 * dates are fixed and nothing else in the file depends on the time or the run.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <float.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/model.h"
#include "jixiao/publish.h"
#include "jixiao/render.h"
#include "jixiao/score.h"
#include "render_impl.h"

#define PAGE_W 595.28 /* A4 portrait, in points */
#define PAGE_H 841.89
#define MARGIN 42.0
#define BODY_PT 10.5                   /* body text */
#define TITLE_PT 16.0                  /* titles */
#define PAD 4.0                        /* between a cell's border and its text */
#define GAP 8.0                        /* after a title or a paragraph */
#define FONT "Noto Sans CJK SC"
#define FIXED_DATE "2000-01-01T00:00:00" /* the document's creation and modification date */
#define SMALL_PT 9.0                   /* the reports' many columns */

enum font { F_BODY, F_BOLD, F_TITLE, F_SMALL, F_SMALL_BOLD, N_FONT };

/* A real font face and the user font face that draws its outlines. */
struct outline_face {
	cairo_font_face_t *real; /* as pango chose it */
	cairo_font_face_t *user; /* holds a reference to real */
};

/* The renderer's state, from begin to end. */
struct pdf {
	struct jx_buf bytes;                /* what cairo wrote that the caller has not been given */
	cairo_surface_t *surface;           /* the PDF document */
	cairo_t *cr;                        /* draws on surface */
	PangoFontMap *fonts;                /* this output's own: its caches go when it ends */
	PangoContext *pango;                /* lays text out for cr */
	PangoFontDescription *font[N_FONT]; /* by enum font */
	struct outline_face *faces;         /* the faces met so far */
	size_t n_faces;
	size_t cap_faces;
	double page_w, page_h;              /* the current page's size: A4, portrait or landscape */
	double y;                           /* where the next thing is drawn on the current page */
	bool blank;                         /* nothing drawn on the current page yet */
	bool abandoned;                     /* the output is being dropped: cairo's last words are not kept */
};

/* The columns of a target table: the header block's labels, then the indicator table's four. */
enum { COL_LABEL, COL_LEVEL1, COL_LEVEL2, COL_NAME, COL_TARGET, NCOL };

static const double col_width[NCOL] = { 64, 64, 106, 0, 92 }; /* COL_NAME takes what is left */

/* The columns of a self-evaluation table (绩效自评表); the header block's labels span the first two. */
enum { S_LEVEL1, S_LEVEL2, S_NAME, S_TARGET, S_ACTUAL, S_POINTS, S_SCORE, S_REASON, SCOL };

static const double score_width[SCOL] = { 54, 54, 0, 58, 58, 36, 36, 90 }; /* S_NAME takes what is left */

/* The most columns a table has: a summary's 年度, 预算单位, 项目数, 平均分, then a count and an amount per
 * grade. */
#define MAXCOL (5 + 2 * JX_MAX_GRADES)

/* One slot of the grid: a cell starts there (layout set), or a cell to its left or above covers it. */
struct tcell {
	PangoLayout *layout; /* the cell's text, laid out to its width; NULL where the slot is covered */
	int cols;            /* columns the cell spans */
	int rows;            /* rows the cell spans (a merged cell spans more than one) */
	int above;           /* in a slot covered from above: how many rows up the cell starts; else 0 */
	int line;            /* the first line not drawn yet: a row taller than a page is drawn in parts */
};

struct trow {
	struct tcell cell[MAXCOL]; /* by column */
	double height;             /* its height as laid out (what is left of it, once split) */
};

/* A table being built and drawn. */
struct table {
	int ncol;                /* its columns */
	double left[MAXCOL + 1]; /* where each column starts, and where the last ends */
	struct trow *row;        /* the rows in order */
	size_t n;
	size_t cap;
	size_t header;           /* the first row repeated at the top of each later page (the header row) */
	size_t n_header;         /* how many are (0: none) */
};

/* A row's place on a page. */
struct place {
	size_t row;    /* index in the table */
	double top;    /* where it is drawn */
	double height; /* how tall it is here: less than the row where it is split */
};

enum align { LEFT, CENTRE };

static cairo_status_t collect(void *closure, const unsigned char *data, unsigned int length)
{
	struct pdf *pd = closure;

	if (!pd->abandoned)
		jx_buf_add(&pd->bytes, data, length, NULL);
	return CAIRO_STATUS_SUCCESS;
}

static const cairo_user_data_key_t real_key; /* a user font face's real face */

/* Renders glyph of the user font sf: fills the glyph's outline from the real face, in font space. */
static cairo_status_t outline_glyph(cairo_scaled_font_t *sf, unsigned long glyph, cairo_t *cr,
				    cairo_text_extents_t *extents)
{
	cairo_font_face_t *real = cairo_font_face_get_user_data(cairo_scaled_font_get_font_face(sf), &real_key);
	cairo_glyph_t g = { glyph, 0, 0 };

	if (glyph == PANGO_GLYPH_EMPTY || (glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
		*extents = (cairo_text_extents_t){ 0, 0, 0, 0, 0, 0 };
		return CAIRO_STATUS_SUCCESS;
	}
	cairo_set_font_face(cr, real);
	cairo_set_font_size(cr, 1);
	cairo_glyph_path(cr, &g, 1);
	cairo_fill(cr);
	cairo_glyph_extents(cr, &g, 1, extents);
	return cairo_status(cr);
}

/* The user font face drawing real's outlines, made the first time real is met. */
static cairo_font_face_t *outline_face(struct pdf *pd, cairo_font_face_t *real)
{
	struct outline_face *f;
	size_t i;

	for (i = 0; i < pd->n_faces; i++)
		if (pd->faces[i].real == real)
			return pd->faces[i].user;
	jx_grow(&pd->faces, sizeof(*pd->faces), pd->n_faces + 1, &pd->cap_faces);
	f = &pd->faces[pd->n_faces++];
	f->real = real;
	f->user = cairo_user_font_face_create();
	cairo_user_font_face_set_render_glyph_func(f->user, outline_glyph);
	cairo_font_face_set_user_data(f->user, &real_key, cairo_font_face_reference(real),
				      (cairo_destroy_func_t)cairo_font_face_destroy);
	return f->user;
}

static PangoFontDescription *font_new(double size, PangoWeight weight)
{
	PangoFontDescription *d = pango_font_description_from_string(FONT);

	pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
	pango_font_description_set_weight(d, weight);
	return d;
}

static void *pdf_begin(struct jx_buf *out, const struct jx_render_opts *o)
{
	struct pdf *pd = jx_calloc(1, sizeof(*pd));

	(void)out;
	(void)o;
	jx_buf_init(&pd->bytes, SIZE_MAX);
	pd->page_w = PAGE_W;
	pd->page_h = PAGE_H;
	pd->surface = cairo_pdf_surface_create_for_stream(collect, pd, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(pd->surface, CAIRO_PDF_METADATA_CREATE_DATE, FIXED_DATE);
	cairo_pdf_surface_set_metadata(pd->surface, CAIRO_PDF_METADATA_MOD_DATE, FIXED_DATE);
	cairo_pdf_surface_set_metadata(pd->surface, CAIRO_PDF_METADATA_CREATOR, "jixiao");
	pd->cr = cairo_create(pd->surface);
	cairo_set_line_width(pd->cr, 0.5);
	pd->fonts = pango_cairo_font_map_new();
	pd->pango = pango_font_map_create_context(pd->fonts);
	pango_cairo_update_context(pd->cr, pd->pango);
	pango_context_set_language(pd->pango, pango_language_from_string("zh-cn"));
	pango_context_set_round_glyph_positions(pd->pango, FALSE); /* a CJK character is 1 em, not 11 points */
	pd->font[F_BODY] = font_new(BODY_PT, PANGO_WEIGHT_NORMAL);
	pd->font[F_BOLD] = font_new(BODY_PT, PANGO_WEIGHT_BOLD);
	pd->font[F_TITLE] = font_new(TITLE_PT, PANGO_WEIGHT_BOLD);
	pd->font[F_SMALL] = font_new(SMALL_PT, PANGO_WEIGHT_NORMAL);
	pd->font[F_SMALL_BOLD] = font_new(SMALL_PT, PANGO_WEIGHT_BOLD);
	pd->y = MARGIN;
	pd->blank = true;
	return pd;
}

/* Hands what cairo has written to out, and reports whether cairo has failed. */
static int hand_over(struct pdf *pd, struct jx_buf *out, struct jx_err *err)
{
	cairo_status_t st = cairo_status(pd->cr);

	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(pd->surface);
	jx_buf_add(out, pd->bytes.ptr, pd->bytes.len, NULL);
	jx_buf_reset(&pd->bytes);
	if (st != CAIRO_STATUS_SUCCESS)
		return jx_err_set(err, JX_EIO, "生成 PDF 失败: %s", cairo_status_to_string(st));
	return 0;
}

/* Ends the current page and starts the next at its top margin. */
static void page_break(struct pdf *pd)
{
	cairo_show_page(pd->cr);
	pd->y = MARGIN;
	pd->blank = true;
}

/* Where nothing is drawn below on the current page. */
static double bottom(const struct pdf *pd)
{
	return pd->page_h - MARGIN;
}

/* The width of the text and the tables on the current page. */
static double text_w(const struct pdf *pd)
{
	return pd->page_w - 2 * MARGIN;
}

/* Makes sure what comes next starts a page, an A4 page landscape or portrait. */
static void new_page(struct pdf *pd, bool landscape)
{
	double w = landscape ? PAGE_H : PAGE_W;

	if (!pd->blank)
		page_break(pd);
	if (w != pd->page_w) { /* before anything is drawn on the page, as cairo wants */
		pd->page_w = w;
		pd->page_h = landscape ? PAGE_W : PAGE_H;
		cairo_pdf_surface_set_size(pd->surface, pd->page_w, pd->page_h);
	}
}

/* Returns a new layout of text in font, wrapped to width; the caller unrefs it. */
static PangoLayout *text_layout(struct pdf *pd, const char *text, enum font f, double width, enum align a)
{
	PangoLayout *l = pango_layout_new(pd->pango);

	pango_layout_set_font_description(l, pd->font[f]);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, a == CENTRE ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, text, -1);
	return l;
}

/* An iterator over l's lines, standing at line first. */
static PangoLayoutIter *iter_at(PangoLayout *l, int first)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int i;

	for (i = 0; i < first; i++)
		pango_layout_iter_next_line(it);
	return it;
}

/* How many of l's lines from first fit in room points; *height receives their height. */
static int lines_fit(PangoLayout *l, int first, double room, double *height)
{
	int count = pango_layout_get_line_count(l), n = 0, top = 0, y0, y1;
	PangoLayoutIter *it = iter_at(l, first);

	*height = 0;
	while (first + n < count) {
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		top = n ? top : y0;
		if ((double)(y1 - top) / PANGO_SCALE > room)
			break;
		*height = (double)(y1 - top) / PANGO_SCALE;
		n++;
		pango_layout_iter_next_line(it);
	}
	pango_layout_iter_free(it);
	return n;
}

/* The height of l's lines from first on. */
static double lines_height(PangoLayout *l, int first)
{
	double h;

	lines_fit(l, first, DBL_MAX, &h);
	return h;
}

/* Selects for cr the user font drawing run's font, at its size. Returns false if it has none. */
static bool run_font(struct pdf *pd, const PangoGlyphItem *run)
{
	cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
	cairo_matrix_t m;

	if (!sf)
		return false;
	cairo_scaled_font_get_font_matrix(sf, &m);
	cairo_set_font_face(pd->cr, outline_face(pd, cairo_scaled_font_get_font_face(sf)));
	cairo_set_font_matrix(pd->cr, &m);
	return true;
}

/* Draws run (of text) with its origin at (x, y), each cluster of glyphs tied to its characters.
 * Returns the run's width. */
static double show_run(struct pdf *pd, const char *text, PangoGlyphItem *run, double x, double y)
{
	PangoGlyphString *gs = run->glyphs;
	cairo_glyph_t *g = jx_calloc((size_t)gs->num_glyphs + 1, sizeof(*g));
	cairo_text_cluster_t *cl = jx_calloc((size_t)gs->num_glyphs + 1, sizeof(*cl));
	PangoGlyphItemIter it;
	int i, n = 0, w = 0;
	gboolean more;

	for (i = 0; i < gs->num_glyphs; i++) {
		const PangoGlyphGeometry *geo = &gs->glyphs[i].geometry;

		g[i] = (cairo_glyph_t){ gs->glyphs[i].glyph, x + (double)(w + geo->x_offset) / PANGO_SCALE,
					y + (double)geo->y_offset / PANGO_SCALE };
		w += geo->width;
	}
	for (more = pango_glyph_item_iter_init_start(&it, run, text); more; more = pango_glyph_item_iter_next_cluster(&it))
		cl[n++] = (cairo_text_cluster_t){ it.end_index - it.start_index, abs(it.end_glyph - it.start_glyph) };
	if (run_font(pd, run))
		cairo_show_text_glyphs(pd->cr, text + run->item->offset, run->item->length, g, gs->num_glyphs, cl, n,
				       run->item->analysis.level % 2 ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
	free(g);
	free(cl);
	return (double)w / PANGO_SCALE;
}

/* Draws line with its baseline's left end at (x, y). */
static void show_line(struct pdf *pd, PangoLayoutLine *line, double x, double y)
{
	const char *text = pango_layout_get_text(line->layout);
	GSList *r;

	for (r = line->runs; r; r = r->next)
		x += show_run(pd, text, r->data, x, y);
}

/* Draws n of l's lines from first, the first line's top at y, the layout's left edge at x. */
static void show_lines(struct pdf *pd, PangoLayout *l, int first, int n, double x, double y)
{
	PangoLayoutIter *it = iter_at(l, first);
	PangoRectangle ext;
	int i, y0, y1;

	pango_layout_iter_get_line_yrange(it, &y0, &y1);
	for (i = 0; i < n; i++) {
		pango_layout_iter_get_line_extents(it, NULL, &ext);
		show_line(pd, pango_layout_iter_get_line_readonly(it), x + (double)ext.x / PANGO_SCALE,
			  y + (double)(pango_layout_iter_get_baseline(it) - y0) / PANGO_SCALE);
		pango_layout_iter_next_line(it);
	}
	pango_layout_iter_free(it);
	if (n)
		pd->blank = false;
}

/* Draws text at the current position across the text width, continuing on new pages (a line always
 * fits on a fresh one), then leaves a gap. indent: of each paragraph's first line. */
static void flow(struct pdf *pd, const char *text, enum font f, enum align a, double indent)
{
	PangoLayout *l = text_layout(pd, text, f, text_w(pd), a);
	int line = 0, count = pango_layout_get_line_count(l);

	pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
	while (line < count) {
		double h;
		int n = lines_fit(l, line, bottom(pd) - pd->y, &h);

		if (n == 0) {
			page_break(pd);
			continue;
		}
		show_lines(pd, l, line, n, MARGIN, pd->y);
		pd->y += h;
		line += n;
	}
	pd->y += GAP;
	g_object_unref(l);
}

static int pdf_statement(void *state, struct jx_buf *out, const struct jx_statement *s,
			 const struct jx_render_opts *o, struct jx_err *err)
{
	struct jx_buf title = JX_BUF_INIT, body = JX_BUF_INIT;
	struct pdf *pd = state;
	char *line, *next;

	(void)o;
	jx_statement_write(s, &title, &body);
	new_page(pd, false);
	flow(pd, title.ptr, F_TITLE, CENTRE, 0);
	for (line = body.ptr; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		flow(pd, line, F_BODY, LEFT, 2 * BODY_PT);
	}
	jx_buf_release(&title);
	jx_buf_release(&body);
	return hand_over(pd, out, err);
}

/* Starts an empty table of ncol columns as wide as width says, across the page's text width: a width
 * of 0 takes what the others leave. */
static void table_init(const struct pdf *pd, struct table *t, const double *width, int ncol)
{
	double rest = text_w(pd);
	int c;

	memset(t, 0, sizeof(*t));
	t->ncol = ncol;
	for (c = 0; c < ncol; c++)
		rest -= width[c];
	t->left[0] = MARGIN;
	for (c = 0; c < ncol; c++)
		t->left[c + 1] = t->left[c] + (width[c] ? width[c] : rest);
}

/* The width of cols columns from c. */
static double cols_width(const struct table *t, int c, int cols)
{
	return t->left[c + cols] - t->left[c];
}

/* Which row the cell covering row r's slot c starts in, or -1 if a cell to its left covers it. */
static long origin(const struct table *t, size_t r, int c)
{
	const struct tcell *cell = &t->row[r].cell[c];

	if (cell->layout)
		return (long)r;
	return cell->above ? (long)r - cell->above : -1;
}

/* Appends an empty row, its slots covered where merged cells above reach down into it. */
static void add_row(struct table *t)
{
	struct trow *row;
	int c;

	jx_grow(&t->row, sizeof(*t->row), t->n + 1, &t->cap);
	row = &t->row[t->n++];
	memset(row, 0, sizeof(*row));
	for (c = 0; t->n > 1 && c < t->ncol; c++) {
		long o = origin(t, t->n - 2, c);

		if (o >= 0 && (size_t)o + (size_t)t->row[o].cell[c].rows > t->n - 1)
			row->cell[c].above = (int)(t->n - 1 - (size_t)o);
	}
}

/* Puts text in the last row at column c, spanning cols columns and rows rows. */
static void put(struct pdf *pd, struct table *t, int c, int cols, int rows, const char *text, enum font f,
		enum align a)
{
	struct tcell *cell = &t->row[t->n - 1].cell[c];

	cell->layout = text_layout(pd, text, f, cols_width(t, c, cols) - 2 * PAD, a);
	cell->cols = cols;
	cell->rows = rows;
}

/* The height row r needs for what is left of its own cells. */
static double row_height(const struct table *t, size_t r)
{
	double h = 0;
	int c;

	for (c = 0; c < t->ncol; c++) {
		const struct tcell *cell = &t->row[r].cell[c];
		double need = cell->layout && cell->rows == 1 ? lines_height(cell->layout, cell->line) + 2 * PAD : 0;

		h = need > h ? need : h;
	}
	return h;
}

/* Makes the last row a merged cell (starting at row r, column c) spans taller if its text needs it. */
static void fit_merged(struct table *t, size_t r, int c)
{
	const struct tcell *cell = &t->row[r].cell[c];
	size_t last = r + (size_t)cell->rows - 1, k;
	double need = lines_height(cell->layout, 0) + 2 * PAD, sum = 0;

	for (k = r; k <= last; k++)
		sum += t->row[k].height;
	if (need > sum)
		t->row[last].height += need - sum;
}

/* Sets every row's height from the text of its cells. */
static void measure(struct table *t)
{
	size_t r;
	int c;

	for (r = 0; r < t->n; r++)
		t->row[r].height = row_height(t, r);
	for (r = 0; r < t->n; r++)
		for (c = 0; c < t->ncol; c++)
			if (t->row[r].cell[c].layout && t->row[r].cell[c].rows > 1)
				fit_merged(t, r, c);
}

/* Draws a cell's border over [top, top + height) and as many of its lines as fit, centred; returns how
 * many lines it drew. */
static int draw_cell(struct pdf *pd, const struct table *t, const struct tcell *cell, int c, double top, double height)
{
	double x = t->left[c], h;
	int n = lines_fit(cell->layout, cell->line, height - 2 * PAD, &h);

	cairo_rectangle(pd->cr, x, top, cols_width(t, c, cell->cols), height);
	cairo_stroke(pd->cr);
	show_lines(pd, cell->layout, cell->line, n, x + PAD, top + (height - h) / 2);
	pd->blank = false;
	return n;
}

/* Draws the cells of the m rows placed on this page. A merged cell is drawn once, over the rows it
 * covers here. In a row split at the page's foot, its own cells remember how far they got. */
static void draw_places(struct pdf *pd, struct table *t, const struct place *pl, size_t m, bool split)
{
	size_t k, j;
	int c;

	for (k = 0; k < m; k++) {
		for (c = 0; c < t->ncol; c++) {
			long o = origin(t, pl[k].row, c);
			struct tcell *cell;
			int drawn;

			if (o < 0 || (k > 0 && origin(t, pl[k - 1].row, c) == o))
				continue;
			for (j = k + 1; j < m && origin(t, pl[j].row, c) == o; j++)
				;
			cell = &t->row[o].cell[c];
			drawn = draw_cell(pd, t, cell, c, pl[k].top, pl[j - 1].top + pl[j - 1].height - pl[k].top);
			if (split && k == m - 1 && cell->rows == 1)
				cell->line += drawn;
		}
	}
}

static double place(struct place *pl, size_t *m, size_t row, double top, double height)
{
	pl[*m] = (struct place){ row, top, height };
	(*m)++;
	return top + height;
}

/* Chooses what goes on this page from row *r on: the header rows again if the table continues past
 * them, whole rows while they fit, then the first part of a row no page could hold. Advances *r past
 * the whole rows; returns how many places it filled, and in *split whether the last is a part. */
static size_t page_rows(struct pdf *pd, struct table *t, size_t *r, struct place *pl, bool *split)
{
	bool repeat = t->n_header && *r >= t->header + t->n_header;
	double y = pd->y, fresh = bottom(pd) - MARGIN;
	size_t m = 0, h;

	for (h = t->header; repeat && h < t->header + t->n_header; h++) {
		y = place(pl, &m, h, y, t->row[h].height);
		fresh -= t->row[h].height;
	}
	while (*r < t->n && y + t->row[*r].height <= bottom(pd)) {
		y = place(pl, &m, *r, y, t->row[*r].height);
		(*r)++;
	}
	if (!repeat && t->n_header && *r >= t->header + t->n_header) /* what a later page repeats */
		for (h = t->header; h < t->header + t->n_header; h++)
			fresh -= t->row[h].height;
	*split = *r < t->n && t->row[*r].height > fresh && bottom(pd) - y >= 2 * (PAD + BODY_PT);
	if (*split)
		place(pl, &m, *r, y, bottom(pd) - y);
	return m;
}

/* Draws t from the current position, over as many pages as it takes. */
static void draw_table(struct pdf *pd, struct table *t)
{
	struct place *pl = jx_calloc(t->n + t->n_header + 1, sizeof(*pl));
	size_t r = 0, m;
	bool split;

	measure(t);
	for (;;) {
		m = page_rows(pd, t, &r, pl, &split);
		draw_places(pd, t, pl, m, split);
		pd->y = m ? pl[m - 1].top + pl[m - 1].height : pd->y;
		if (r == t->n)
			break;
		if (split)
			t->row[r].height = row_height(t, r);
		page_break(pd);
	}
	free(pl);
}

/* A target table's columns: the five, then the optional indicator columns the table has (render_impl.h),
 * which put it on a landscape page in the smaller type. */
struct target {
	enum jx_ifield col[JX_IF_COUNT]; /* the optional columns, in order */
	size_t n_col;
	int ncol;                        /* all its columns */
	enum font body, bold;            /* its type */
};

/* Widths of the optional columns, and the least the name's column keeps when the columns are narrowed
 * to fit the page. */
static const double optional_width[JX_IF_COUNT] = {
	[JX_IF_DIRECTION] = 40, [JX_IF_WEIGHT] = 32,     [JX_IF_EXPLANATION] = 110, [JX_IF_SCORING] = 110,
	[JX_IF_BASIS] = 52,     [JX_IF_VALUE_TYPE] = 40, [JX_IF_NOTE] = 70,         [JX_IF_LONG_TARGET] = 64,
	[JX_IF_PREVIOUS] = 60,
};
#define NAME_MIN 120.0

static void target_init(struct target *g, const struct jx_project *p)
{
	g->n_col = jx_project_columns(p, g->col);
	g->ncol = NCOL + (int)g->n_col;
	g->body = g->n_col ? F_SMALL : F_BODY;
	g->bold = g->n_col ? F_SMALL_BOLD : F_BOLD;
}

/* The columns' widths into w: the five's and the optional ones', all but the labels' narrowed alike if
 * they leave the name less than NAME_MIN; the name's 0 (what is left). */
static void target_widths(const struct pdf *pd, const struct target *g, double *w)
{
	double fixed = 0, room = text_w(pd) - NAME_MIN - col_width[COL_LABEL], scale;
	int c;

	for (c = 0; c < g->ncol; c++) {
		w[c] = c < NCOL ? col_width[c] : optional_width[g->col[c - NCOL]];
		fixed += c == COL_LABEL ? 0 : w[c];
	}
	if (fixed <= room)
		return;
	scale = room / fixed;
	for (c = COL_LABEL + 1; c < g->ncol; c++)
		w[c] *= scale;
}

/* A row of the header block: label, then text across the other columns. */
static void field(struct pdf *pd, struct table *t, const struct target *g, const char *label, const char *text)
{
	add_row(t);
	put(pd, t, COL_LABEL, 1, 1, label, g->body, CENTRE);
	put(pd, t, COL_LEVEL1, g->ncol - 1, 1, text, g->body, LEFT);
}

/* The funds rows the table gives under their label: what each amount is, then the amount, the total's
 * followed by the funds' note. */
static void funds(struct pdf *pd, struct table *t, const struct target *g, const struct jx_project *p)
{
	struct jx_funds_row rows[JX_FUNDS_ROWS];
	size_t n = jx_render_funds(p, rows), i;
	struct jx_buf text = JX_BUF_INIT;
	char s[JX_DEC_STRMAX];

	for (i = 0; i < n; i++) {
		add_row(t);
		if (i == 0)
			put(pd, t, COL_LABEL, 1, (int)n, p->kind == JX_KIND_DEPARTMENT ? "部门预算（万元）" : "项目资金（万元）",
			    g->body, CENTRE);
		jx_buf_reset(&text);
		jx_buf_adds(&text, jx_money_format(rows[i].amount, s), NULL);
		if (i == 0 && p->f[JX_PF_FUNDS_NOTE])
			jx_buf_adds(&text, p->f[JX_PF_FUNDS_NOTE], NULL);
		put(pd, t, COL_LEVEL1, 2, 1, rows[i].label, g->body, CENTRE);
		put(pd, t, COL_NAME, g->ncol - COL_NAME, 1, text.ptr, g->body, LEFT);
	}
	jx_buf_release(&text);
}

/* 年度主要任务 over its column names and a row per task: the task, 总额, 财政拨款, 其他资金. */
static void tasks(struct pdf *pd, struct table *t, const struct target *g, const struct jx_project *p)
{
	static const char *const heads[4] = { "任务名称", "总额", "财政拨款", "其他资金" };
	char s[JX_DEC_STRMAX];
	size_t i;
	int c;

	if (!p->n_tasks)
		return;
	add_row(t);
	put(pd, t, COL_LABEL, 1, (int)p->n_tasks + 1, "年度主要任务", g->body, CENTRE);
	for (c = COL_LEVEL1; c < NCOL; c++)
		put(pd, t, c, c == COL_TARGET ? g->ncol - c : 1, 1, heads[c - COL_LEVEL1], g->bold, CENTRE);
	for (i = 0; i < p->n_tasks; i++) {
		add_row(t);
		put(pd, t, COL_LEVEL1, 1, 1, p->tasks[i].name, g->body, LEFT);
		put(pd, t, COL_LEVEL2, 1, 1, jx_money_format(p->tasks[i].total, s), g->body, CENTRE);
		put(pd, t, COL_NAME, 1, 1, jx_money_format(p->tasks[i].fiscal, s), g->body, CENTRE);
		put(pd, t, COL_TARGET, g->ncol - COL_TARGET, 1, jx_money_format(p->tasks[i].other, s), g->body, CENTRE);
	}
}

/* The 实施期目标 beside its label, if the table has one; then 总体目标 over 年度目标 and the year's goal. */
static void goals(struct pdf *pd, struct table *t, const struct target *g, const struct jx_project *p)
{
	if (p->f[JX_PF_LONG_GOAL])
		field(pd, t, g, jx_project_field(JX_PF_LONG_GOAL)->label, p->f[JX_PF_LONG_GOAL]);
	add_row(t);
	put(pd, t, COL_LABEL, 1, 2, "总体目标", g->body, CENTRE);
	put(pd, t, COL_LEVEL1, g->ncol - 1, 1, "年度目标", g->body, CENTRE);
	add_row(t);
	put(pd, t, COL_LEVEL1, g->ncol - 1, 1, p->goal, g->body, LEFT);
}

static void header_block(struct pdf *pd, struct table *t, const struct target *g, const struct jx_project *p)
{
	enum jx_pfield fields[JX_PF_COUNT];
	size_t n = jx_render_fields(p, fields), i;
	bool dept = p->kind == JX_KIND_DEPARTMENT;

	field(pd, t, g, dept ? "部门名称" : "项目名称", p->name);
	if (!dept)
		field(pd, t, g, "预算单位", p->unit);
	for (i = 0; i < n; i++)
		field(pd, t, g, jx_project_field(fields[i])->label, p->f[fields[i]]);
	funds(pd, t, g, p);
	tasks(pd, t, g, p);
	goals(pd, t, g, p);
}

static void indicator_rows(struct pdf *pd, struct table *t, const struct target *g, const struct jx_project *p)
{
	static const char *const heads[] = { "一级指标", "二级指标", "三级指标", "指标值" };
	struct jx_buf name = JX_BUF_INIT;
	size_t i, k;
	int c;

	add_row(t);
	t->header = t->n - 1;
	t->n_header = 1;
	put(pd, t, COL_LABEL, 1, (int)p->n_ind + 1, "绩效指标", g->body, CENTRE);
	for (c = COL_LEVEL1; c < g->ncol; c++)
		put(pd, t, c, 1, 1, c < NCOL ? heads[c - COL_LEVEL1] : jx_indicator_field(g->col[c - NCOL])->label, g->bold,
		    CENTRE);
	for (i = 0; i < p->n_ind; i++) {
		const struct jx_indicator *ind = &p->ind[i];
		int group = jx_project_group_start(p, i);

		add_row(t);
		if (group == 1)
			put(pd, t, COL_LEVEL1, 1, (int)jx_project_group_span(p, i, 1), ind->level1, g->body, CENTRE);
		if (group)
			put(pd, t, COL_LEVEL2, 1, (int)jx_project_group_span(p, i, 2), ind->level2, g->body, CENTRE);
		jx_buf_reset(&name);
		jx_buf_adds(&name, ind->name, NULL);
		if (ind->unit)
			jx_buf_addf(&name, NULL, "(%s)", ind->unit);
		put(pd, t, COL_NAME, 1, 1, name.ptr, g->body, LEFT);
		put(pd, t, COL_TARGET, 1, 1, ind->target ? ind->target : "", g->body, CENTRE);
		for (k = 0; k < g->n_col; k++)
			put(pd, t, NCOL + (int)k, 1, 1, ind->f[g->col[k]] ? ind->f[g->col[k]] : "", g->body, CENTRE);
	}
	jx_buf_release(&name);
}

static void table_free(struct table *t)
{
	size_t r;
	int c;

	for (r = 0; r < t->n; r++)
		for (c = 0; c < t->ncol; c++)
			if (t->row[r].cell[c].layout)
				g_object_unref(t->row[r].cell[c].layout);
	free(t->row);
}

static int pdf_project(void *state, struct jx_buf *out, const struct jx_project *p, size_t index,
		       const struct jx_render_opts *o, struct jx_err *err)
{
	struct pdf *pd = state;
	struct target g;
	struct table t;
	double w[MAXCOL];
	char year[32];

	(void)index;
	(void)o;
	target_init(&g, p);
	new_page(pd, g.n_col > 0);
	target_widths(pd, &g, w);
	table_init(pd, &t, w, g.ncol);
	flow(pd, jx_render_title(p), F_TITLE, CENTRE, 0);
	snprintf(year, sizeof(year), "(%d年度)", p->year);
	flow(pd, year, F_BODY, CENTRE, 0);
	header_block(pd, &t, &g, p);
	indicator_rows(pd, &t, &g, p);
	draw_table(pd, &t);
	table_free(&t);
	return hand_over(pd, out, err);
}

/* ---- reports: the self-evaluation table and the summaries ---- */

/* The indicator's name with its unit, as the target table writes it. */
static void full_name(struct jx_buf *out, const struct jx_indicator *ind)
{
	jx_buf_reset(out);
	jx_buf_adds(out, ind->name, NULL);
	if (ind->unit)
		jx_buf_addf(out, NULL, "(%s)", ind->unit);
}

/* The reason shown for a line: the one given, （应说明） where one is asked for, or nothing. */
/* The header block: the project, then budget execution as a row of labels over a row of figures. */
static void score_header(struct pdf *pd, struct table *t, const struct jx_score *sc)
{
	static const char *const heads[] = { "年度资金总额（万元）", "全年执行数（万元）", "执行率", "分值", "得分",
					     "执行数截至" };
	const struct jx_project *p = sc->p;
	bool dept = p->kind == JX_KIND_DEPARTMENT;
	char total[JX_DEC_STRMAX], rate[JX_DEC_STRMAX + 1], points[JX_DEC_STRMAX], score[JX_DEC_STRMAX];
	const char *cells[6];
	int c;

	add_row(t);
	put(pd, t, S_LEVEL1, 2, 1, dept ? "部门名称" : "项目名称", F_SMALL, CENTRE);
	put(pd, t, S_NAME, SCOL - S_NAME, 1, p->name, F_SMALL, LEFT);
	if (!dept) {
		add_row(t);
		put(pd, t, S_LEVEL1, 2, 1, "预算单位", F_SMALL, CENTRE);
		put(pd, t, S_NAME, SCOL - S_NAME, 1, p->unit, F_SMALL, LEFT);
	}
	add_row(t);
	put(pd, t, S_LEVEL1, 2, 2, "预算执行", F_SMALL, CENTRE);
	for (c = S_NAME; c < SCOL; c++)
		put(pd, t, c, 1, 1, heads[c - S_NAME], F_SMALL_BOLD, CENTRE);
	if (sc->spent && p->total)
		snprintf(rate, sizeof(rate), "%s%%", jx_dec_format(sc->rate, points));
	else
		strcpy(rate, "—");
	cells[0] = jx_money_format(p->total, total);
	cells[1] = sc->spent ? sc->spent->value : "（未填报）";
	cells[2] = rate;
	cells[3] = jx_dec_format(sc->points[JX_GROUP_BUDGET], points);
	cells[4] = sc->evaluated ? jx_dec_format(sc->score[JX_GROUP_BUDGET], score) : "—";
	cells[5] = sc->spent && sc->spent->as_of ? sc->spent->as_of : "—";
	add_row(t);
	for (c = S_NAME; c < SCOL; c++)
		put(pd, t, c, 1, 1, cells[c - S_NAME], F_SMALL, CENTRE);
}

/* The indicators under their header row, level cells merged over their groups. */
static void score_rows(struct pdf *pd, struct table *t, const struct jx_score *sc)
{
	static const char *const heads[SCOL] = { "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
						 "得分", "偏差原因分析及改进措施" };
	const struct jx_project *p = sc->p;
	struct jx_buf name = JX_BUF_INIT, reason = JX_BUF_INIT;
	char points[JX_DEC_STRMAX], score[JX_DEC_STRMAX];
	size_t i;
	int c;

	add_row(t);
	t->header = t->n - 1;
	t->n_header = 1;
	for (c = 0; c < SCOL; c++)
		put(pd, t, c, 1, 1, heads[c], F_SMALL_BOLD, CENTRE);
	for (i = 0; i < sc->n; i++) {
		const struct jx_scored *l = &sc->ind[i];
		const struct jx_indicator *ind = &p->ind[l->index];
		int group = jx_project_group_start(p, l->index);
		int span1 = (int)jx_project_group_span(p, l->index, 1), span2 = (int)jx_project_group_span(p, l->index, 2);
		bool scored = l->group > 0;

		add_row(t);
		if (group == 1)
			put(pd, t, S_LEVEL1, 1, span1, ind->level1, F_SMALL, CENTRE);
		if (group)
			put(pd, t, S_LEVEL2, 1, span2, ind->level2, F_SMALL, CENTRE);
		full_name(&name, ind);
		put(pd, t, S_NAME, 1, 1, name.ptr, F_SMALL, LEFT);
		put(pd, t, S_TARGET, 1, 1, ind->target ? ind->target : "（无）", F_SMALL, CENTRE);
		put(pd, t, S_ACTUAL, 1, 1, l->actual ? l->actual->value : "—", F_SMALL, CENTRE);
		put(pd, t, S_POINTS, 1, 1, scored ? jx_dec_format(l->points, points) : "—", F_SMALL, CENTRE);
		put(pd, t, S_SCORE, 1, 1, scored && sc->evaluated ? jx_dec_format(l->score, score) : "—", F_SMALL, CENTRE);
		put(pd, t, S_REASON, 1, 1, jx_scored_reason(l, &reason), F_SMALL, LEFT);
	}
	jx_buf_release(&name);
	jx_buf_release(&reason);
}

/* What each group earned of its points, then the total, its points and the grade. */
static void score_total(struct pdf *pd, struct table *t, const struct jx_score *sc)
{
	struct jx_buf groups = JX_BUF_INIT;
	struct jx_dec points = { 0, 0 };
	char a[JX_DEC_STRMAX], b[JX_DEC_STRMAX], grade[JX_GRADE_MAX + 16];
	int k;

	for (k = 0; k < JX_N_GROUPS; k++) {
		jx_buf_addf(&groups, NULL, "%s%s %s/%s", k ? "；" : "", jx_group_label(k),
			    sc->evaluated ? jx_dec_format(sc->score[k], a) : "—", jx_dec_format(sc->points[k], b));
		jx_dec_add(points, sc->points[k], &points);
	}
	add_row(t);
	put(pd, t, S_LEVEL1, 2, 1, "分项得分/分值", F_SMALL, CENTRE);
	put(pd, t, S_NAME, SCOL - S_NAME, 1, groups.ptr, F_SMALL, LEFT);
	add_row(t);
	put(pd, t, S_LEVEL1, S_POINTS, 1, "总分", F_SMALL_BOLD, CENTRE);
	put(pd, t, S_POINTS, 1, 1, jx_dec_format(points, a), F_SMALL_BOLD, CENTRE);
	put(pd, t, S_SCORE, 1, 1, sc->evaluated ? jx_dec_format(sc->total, b) : "—", F_SMALL_BOLD, CENTRE);
	snprintf(grade, sizeof(grade), "评级：%s", sc->evaluated ? sc->grade : JX_UNEVALUATED);
	put(pd, t, S_REASON, 1, 1, grade, F_SMALL_BOLD, CENTRE);
	jx_buf_release(&groups);
}

/* A project's self-evaluation table (项目支出绩效自评表) on a page of its own, continued on more as it
 * takes, its indicator header row repeated. */
static int pdf_score(void *state, struct jx_buf *out, const struct jx_score *sc, size_t index,
		     const struct jx_render_opts *o, struct jx_err *err)
{
	struct pdf *pd = state;
	struct table t;
	char line[320];

	(void)index;
	(void)o;
	new_page(pd, false);
	table_init(pd, &t, score_width, SCOL);
	flow(pd, sc->p->kind == JX_KIND_DEPARTMENT ? "部门整体支出绩效自评表" : "项目支出绩效自评表", F_TITLE, CENTRE,
	     0);
	snprintf(line, sizeof(line), "(%d年度)", sc->p->year);
	flow(pd, line, F_BODY, CENTRE, 0);
	score_header(pd, &t, sc);
	score_rows(pd, &t, sc);
	score_total(pd, &t, sc);
	draw_table(pd, &t);
	table_free(&t);
	if (sc->before_year_end) {
		pd->y += GAP;
		snprintf(line, sizeof(line), "注：%zu 项实际完成值截至 %d 年年末以前（最早截至 %.10s），本自评不是全年结果。",
			 sc->before_year_end, sc->p->year, sc->earliest);
		flow(pd, line, F_BODY, LEFT, 0);
	}
	if (sc->missing_reasons) {
		pd->y += GAP;
		snprintf(line, sizeof(line), "注：%zu 条指标得分%s，应说明偏差原因。",
			 sc->missing_reasons, sc->asked);
		flow(pd, line, F_BODY, LEFT, 0);
	}
	if (*sc->weight_note) {
		pd->y += GAP;
		flow(pd, sc->weight_note, F_BODY, LEFT, 0);
	}
	if (sc->capped) {
		pd->y += GAP;
		flow(pd, sc->cap_note, F_BODY, LEFT, 0);
	}
	return hand_over(pd, out, err);
}

/* The widths of a summary's columns into w (the count in *ncol): 年度, 预算单位 (what is left), 项目数,
 * 平均分, 未评价, then a count and an amount per grade; narrowed alike if the grades are too many to fit. */
static void summary_widths(const struct pdf *pd, size_t grades, double *w, int *ncol)
{
	const double unit_min = 80, count_w = 24, money_w = 54;
	double fixed = 34 + 40 + 40 + 40 + (double)grades * (count_w + money_w), scale = 1;
	size_t k;

	if (fixed > text_w(pd) - unit_min)
		scale = (text_w(pd) - unit_min) / fixed;
	w[0] = 34 * scale;
	w[1] = 0;
	w[2] = 40 * scale;
	w[3] = 40 * scale;
	w[4] = 40 * scale;
	for (k = 0; k < grades; k++) {
		w[5 + k] = count_w * scale;
		w[5 + grades + k] = money_w * scale;
	}
	*ncol = 5 + 2 * (int)grades;
}

/* A table of summary groups under two header rows: 年度, 预算单位 (by unit; by year the year spans it),
 * 项目数, 平均分, 未评价, then the projects and the money of each grade. */
static void summary_table(struct pdf *pd, const struct jx_score_summary *sum, const struct jx_score_group *g,
			  size_t n, bool unit)
{
	static const char *const heads[5] = { "年度", "预算单位", "项目数", "平均分", JX_UNEVALUATED };
	const int grades = (int)sum->n_grades;
	double w[MAXCOL];
	char cell[JX_DEC_STRMAX];
	struct table t;
	int ncol, c, k;
	size_t i;

	summary_widths(pd, sum->n_grades, w, &ncol);
	table_init(pd, &t, w, ncol);
	add_row(&t);
	t.header = 0;
	t.n_header = 2;
	if (unit)
		for (c = 0; c < 5; c++)
			put(pd, &t, c, 1, 2, heads[c], F_SMALL_BOLD, CENTRE);
	else
		for (c = 0; c < 5; c++)
			if (c != 1)
				put(pd, &t, c, c ? 1 : 2, 2, heads[c], F_SMALL_BOLD, CENTRE);
	if (grades) {
		put(pd, &t, 5, grades, 1, "各等级项目数（个）", F_SMALL_BOLD, CENTRE);
		put(pd, &t, 5 + grades, grades, 1, "各等级资金（万元）", F_SMALL_BOLD, CENTRE);
	}
	add_row(&t);
	for (k = 0; k < grades; k++) {
		put(pd, &t, 5 + k, 1, 1, sum->grade[k], F_SMALL_BOLD, CENTRE);
		put(pd, &t, 5 + grades + k, 1, 1, sum->grade[k], F_SMALL_BOLD, CENTRE);
	}
	for (i = 0; i < n; i++) {
		add_row(&t);
		snprintf(cell, sizeof(cell), "%d", g[i].year);
		put(pd, &t, 0, unit ? 1 : 2, 1, cell, F_SMALL, CENTRE);
		if (unit)
			put(pd, &t, 1, 1, 1, g[i].key, F_SMALL, LEFT);
		snprintf(cell, sizeof(cell), "%zu", g[i].n + g[i].unevaluated);
		put(pd, &t, 2, 1, 1, cell, F_SMALL, CENTRE);
		put(pd, &t, 3, 1, 1, g[i].n ? jx_dec_format(g[i].average, cell) : "—", F_SMALL, CENTRE);
		snprintf(cell, sizeof(cell), "%zu", g[i].unevaluated);
		put(pd, &t, 4, 1, 1, cell, F_SMALL, CENTRE);
		for (k = 0; k < grades; k++) {
			snprintf(cell, sizeof(cell), "%zu", g[i].count[k]);
			put(pd, &t, 5 + k, 1, 1, cell, F_SMALL, CENTRE);
			put(pd, &t, 5 + grades + k, 1, 1, jx_money_format(g[i].money[k], cell), F_SMALL, CENTRE);
		}
	}
	draw_table(pd, &t);
	table_free(&t);
}

/* The summaries by unit and by year, on a new page. */
static int pdf_summary(void *state, struct jx_buf *out, const struct jx_score_summary *sum,
		       const struct jx_render_opts *o, struct jx_err *err)
{
	struct pdf *pd = state;

	(void)o;
	new_page(pd, false);
	flow(pd, "绩效自评汇总", F_TITLE, CENTRE, 0);
	flow(pd, "按预算单位", F_BOLD, LEFT, 0);
	summary_table(pd, sum, sum->units, sum->n_units, true);
	pd->y += 2 * GAP;
	flow(pd, "按年度", F_BOLD, LEFT, 0);
	summary_table(pd, sum, sum->years, sum->n_years, false);
	return hand_over(pd, out, err);
}

static int pdf_end(void *state, struct jx_buf *out, size_t count, bool failed, const struct jx_render_opts *o,
		   struct jx_err *err)
{
	struct pdf *pd = state;
	int rc = 0, f;
	size_t i;

	(void)count;
	(void)o;
	pd->abandoned = failed;
	cairo_surface_finish(pd->surface);
	if (!failed)
		rc = hand_over(pd, out, err);
	cairo_destroy(pd->cr);
	cairo_surface_destroy(pd->surface);
	for (i = 0; i < pd->n_faces; i++)
		cairo_font_face_destroy(pd->faces[i].user);
	free(pd->faces);
	g_object_unref(pd->pango);
	g_object_unref(pd->fonts);
	for (f = 0; f < N_FONT; f++)
		pango_font_description_free(pd->font[f]);
	jx_buf_release(&pd->bytes);
	free(pd);
	return rc;
}

const struct jx_renderer jx_render_pdf = { .name = "pdf",
					   .begin = pdf_begin,
					   .statement = pdf_statement,
					   .project = pdf_project,
					   .end = pdf_end,
					   .score = pdf_score,
					   .summary = pdf_summary };
