/*
 * pdf_layout.c — a page's lines and cells from where its characters are drawn and from its ruling
 * lines (see pdf_impl.h). Nothing here knows PDF: the reader hands in glyph boxes and line segments.
 *
 * Ruling lines. Pieces of one line (the same y, or x, within SNAP; gaps up to JOIN_GAP) are joined,
 * and lines shorter than MIN_RULE dropped (what is left of the strokes of characters). Horizontal and
 * vertical lines that meet (each reaching within TOUCH of the other) form a component; one with at
 * least three lines, of both directions, is a table (two columns without side borders have a single
 * vertical line).
 *
 * Tables. The grid has a column boundary at each vertical line of the table and a row boundary at each
 * horizontal one (positions within GRID_SNAP are one), and its outer edges where its lines end, so that
 * a table drawn without side borders keeps its outer columns. Two neighbouring grid cells are one
 * merged cell unless lines cover at least COVER of the boundary between them; a merged cell is
 * reported once, on the row of its top-left grid cell, with that cell's column. A glyph belongs to
 * the cell holding the centre of its box.
 *
 * Text lines. Glyphs are taken in the order of the vertical centres of their boxes, and a glyph joins
 * the line above when their boxes overlap vertically by LINE_OVERLAP of the lower of the two heights;
 * a line reads left to right. (poppler gives boxes, not baselines. For Type 3 fonts, which cairo
 * writes, it guesses the size from a glyph's width, and the boxes come out more than twice as tall as
 * the text: lines 1.5 em apart then overlap by less than half.) Within a line a space glyph, or a gap
 * of at least the line's height without one, is one space; but Word and LibreOffice set Chinese and
 * Latin text a little apart (autospace, 1/5 to 1/4 em), which poppler reads as a space: between an
 * ideograph and a Latin letter or digit, such a gap is none, which keeps names such as
 * 博湖县2021年…项目 as written. The page's autospace is learnt from where its lines put Chinese and
 * Latin text side by side (the most of those gaps narrower than AUTOSPACE em, the ideograph's width,
 * within AUTOSPACE_SPREAD em of one another; a justified line's spacing between ideographs aside): a
 * wider gap holds a space typed, even one a CJK font draws hardly wider (水沟林场 7 个). On a page
 * without autospace to learn from, a gap narrower than AUTOSPACE em is none, a space typed there lost.
 *
 * Wrapped text. The lines of one cell make one text, joined without a space, as Chinese is written,
 * but with one between Latin letters on both sides of the break (a wrapped word; digits are joined,
 * for a number is broken as readily as Chinese). Where the text itself breaks (a goal's paragraphs)
 * the lines are joined by a newline: the line ended with room before the cell's right edge (its
 * border less the padding its text keeps on the left) for the next line's first piece — a character
 * with the punctuation that may not be parted from it, or a Latin word — and HARD_SLACK em more.
 * A paragraph whose last line is full cannot be told from a wrap, and is joined. After a
 * punctuation mark the cell's own habit decides: documents converted from full-width punctuation
 * write "，" as ", " in one table and "," in the next, so the break gets a space if that mark is
 * followed by a space more often than not where the cell's lines do not break (digits after it aside:
 * 3.5, 1,000); with no telling, after ASCII ",.;:!?" only (the space a line break swallowed). But a
 * number broken after its point or a thousands separator ("2024." / "01") is joined whole.
 *
 * Pages without a table. Each text line is cut into cells at gaps of at least CELL_GAP times the line's
 * height (its glyph boxes' mean height, about 1.2 em in common fonts): wider than a space between
 * words, narrower than the white between the columns of a table laid out without borders. From the
 * first line with two cells or more to the last, every line is a row (a line of one cell there is a
 * wrapped name, or the goal); before and after, lines are text. A row's cell's column is its left
 * edge's place among the left edges of the rows' cells, clustered within the median line height.
 *
 * Lines go out top to bottom: text lines and tables in the order of their tops.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/text.h"
#include "pdf_impl.h"

#define SNAP 1.5            /* points: pieces this close across their direction are one line */
#define JOIN_GAP 2.0        /* points: pieces of a line this close along it are joined */
#define MIN_RULE 4.0        /* points: shorter lines are strokes of characters */
#define TOUCH 2.0           /* points: a horizontal and a vertical line this close meet */
#define GRID_SNAP 2.0       /* points: grid positions this close are one */
#define COVER 0.5           /* the share of a boundary lines must cover for cells to be apart */
#define LINE_OVERLAP 0.6    /* the vertical overlap of glyphs on one line, of the lower height */
#define CELL_GAP 1.0        /* a gap of this many line heights separates cells (or words) */
#define MAX_COORD 1e6       /* points: nothing on a page lies further out */
#define MAX_GLYPH_TEXT 32   /* bytes of one glyph's text */
#define MAX_GRID_CELLS 65536 /* grid cells of one table */
#define AUTOSPACE 0.3        /* em: a narrower gap between Chinese and Latin text may be no space */
#define AUTOSPACE_SPREAD 0.04 /* em: autospace gaps on one page differ by at most this */
#define HARD_SLACK 0.5      /* em: more room than this left on a line means the text broke there */
#define MAX_HABITS 32       /* punctuation marks whose spacing is learnt, in one cell */

enum { H, V }; /* the directions of ruling lines */

/* A glyph as laid out. */
struct gl {
	double x0, y0, x1, y1; /* its box, normalised */
	double cy;             /* its vertical centre */
	const char *text;      /* valid UTF-8 */
	size_t len;
	size_t order;          /* its place in the input: ties keep it */
	bool space;            /* white space only */
	int region;            /* the table it lies in, or -1 */
};

/* A ruling line, its pieces joined. */
struct seg {
	double at, a, b;
	int region; /* the table it belongs to, or -1 */
};

/* A text line: glyphs [first, first + n) of the array it was found in, left to right. */
struct tline {
	size_t first, n;
	double top, bottom; /* the mean top and bottom of its glyphs */
	double height;      /* the mean height of its glyphs other than spaces */
	double left, right; /* where its glyphs other than spaces begin and end */
};

/* A table: its grid positions (nx of them at L->pos[xs], ny at L->pos[ys]) and its outline. */
struct region {
	size_t xs, nx, ys, ny;
	double x0, y0, x1, y1;
	int id; /* its index when found, which its lines were marked with */
};

/* How a cell's text spaces after a punctuation mark: how often a space follows it, how often
 * something else does, where the text does not break. */
struct habit {
	int32_t mark;
	unsigned spaced, tight;
};

struct habits {
	struct habit h[MAX_HABITS];
	size_t n;
};

/* A cell of a page without tables: glyphs [first, end) of its line. */
struct bcell {
	size_t line, first, end;
	unsigned col;
};

struct layout {
	struct gl *g;                     /* the glyphs kept */
	size_t n;
	struct seg *seg[2];               /* by direction, sorted by at */
	size_t nseg[2], capseg[2];
	struct region *reg;               /* sorted by top */
	size_t nreg, capreg;
	double *pos;                      /* the regions' grid positions */
	size_t npos, cappos;
	struct tline *lines;              /* lines found so far */
	size_t nlines, caplines;
	double autospace;                 /* em: the widest gap between Chinese and Latin text that is
					   * the layout's, not a space typed (learn_autospace) */
	struct jx_buf text;               /* cell texts of the table or line being emitted */
	struct jx_buf scratch;            /* the text of one cell's lines */
	size_t *span;                     /* where each of those lines starts in scratch */
	size_t cap_span;
	struct jx_cell cells[JX_TABLE_MAX_CELLS + 1];
	pdf_line_fn fn;
	void *ctx;
};

/* ---- glyphs ---- */

static bool finite_box(double x0, double y0, double x1, double y1)
{
	return fabs(x0) <= MAX_COORD && fabs(y0) <= MAX_COORD && fabs(x1) <= MAX_COORD && fabs(y1) <= MAX_COORD;
}

int pdf_glyph_kind(const char *s, size_t n)
{
	size_t i = 0, spaces = 0, chars = 0;
	int32_t cp;

	if (n == 0 || n > MAX_GLYPH_TEXT || !jx_utf8_valid(s, n))
		return -1;
	while (i < n) {
		i += jx_utf8_decode(s + i, n - i, &cp);
		chars++;
		if (jx_text_is_space(cp))
			spaces++;
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return -1;
	}
	return spaces == chars ? 1 : spaces ? -1 : 0;
}

static void take_glyphs(struct layout *L, const struct pdf_glyph *g, size_t n)
{
	size_t i;

	L->g = jx_calloc(n + 1, sizeof(*L->g));
	for (i = 0; i < n; i++) {
		int kind = pdf_glyph_kind(g[i].text, g[i].len);
		struct gl *o = &L->g[L->n];

		if (kind < 0 || !finite_box(g[i].x0, g[i].y0, g[i].x1, g[i].y1))
			continue;
		o->x0 = fmin(g[i].x0, g[i].x1);
		o->x1 = fmax(g[i].x0, g[i].x1);
		o->y0 = fmin(g[i].y0, g[i].y1);
		o->y1 = fmax(g[i].y0, g[i].y1);
		o->cy = (o->y0 + o->y1) / 2;
		o->text = g[i].text;
		o->len = g[i].len;
		o->order = i;
		o->space = kind == 1;
		o->region = -1;
		L->n++;
	}
}

static int cmp_double(double a, double b)
{
	return a < b ? -1 : a > b;
}

static int by_centre(const void *pa, const void *pb)
{
	const struct gl *a = pa, *b = pb;
	int c = cmp_double(a->cy, b->cy);

	return c ? c : cmp_double((double)a->order, (double)b->order);
}

static int by_left(const void *pa, const void *pb)
{
	const struct gl *a = pa, *b = pb;
	int c = cmp_double(a->x0, b->x0);

	return c ? c : cmp_double((double)a->order, (double)b->order);
}

/* ---- text lines ---- */

static bool on_line(const struct tline *l, const struct gl *g)
{
	double overlap = fmin(l->bottom, g->y1) - fmax(l->top, g->y0);

	return overlap >= LINE_OVERLAP * fmin(l->bottom - l->top, g->y1 - g->y0);
}

/* Finishes line l of g: sorts it left to right and measures its height. */
static void line_finish(struct tline *l, struct gl *g)
{
	double sum = 0;
	size_t i, n = 0;

	qsort(g + l->first, l->n, sizeof(*g), by_left);
	l->left = INFINITY;
	l->right = -INFINITY;
	for (i = l->first; i < l->first + l->n; i++)
		if (!g[i].space) {
			sum += g[i].y1 - g[i].y0;
			l->left = fmin(l->left, g[i].x0);
			l->right = fmax(l->right, g[i].x1);
			n++;
		}
	l->height = n ? sum / (double)n : 0;
}

/* Sorts g[0..n) into text lines, appended to L->lines; returns the index of the first. */
static size_t find_lines(struct layout *L, struct gl *g, size_t n)
{
	size_t i, start = L->nlines;

	qsort(g, n, sizeof(*g), by_centre);
	for (i = 0; i < n; i++) {
		struct tline *l = L->nlines > start ? &L->lines[L->nlines - 1] : NULL;

		if (l && on_line(l, &g[i])) {
			l->top = (l->top * (double)l->n + g[i].y0) / (double)(l->n + 1);
			l->bottom = (l->bottom * (double)l->n + g[i].y1) / (double)(l->n + 1);
			l->n++;
			continue;
		}
		jx_grow(&L->lines, sizeof(*L->lines), L->nlines + 1, &L->caplines);
		L->lines[L->nlines++] = (struct tline){ i, 1, g[i].y0, g[i].y1, 0, 0, 0 };
	}
	for (i = start; i < L->nlines; i++)
		line_finish(&L->lines[i], g);
	return start;
}

/* ---- characters ---- */

/* Latin letters, accented ones too. */
static bool letter(int32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 0xc0 && cp < 0x2000 && cp != 0xd7 && cp != 0xf7);
}

static bool latin(int32_t cp)
{
	return letter(cp) || (cp >= '0' && cp <= '9');
}

/* CJK ideographs (汉字), the extensions and compatibility forms included. */
static bool ideograph(int32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);
}

static int32_t first_char(const char *s, size_t n)
{
	int32_t cp;

	jx_utf8_decode(s, n, &cp);
	return cp;
}

/* Where the last code point of the valid UTF-8 s[0..n), n > 0, begins. */
static size_t last_start(const char *s, size_t n)
{
	size_t i = n - 1;

	while (i > 0 && n - i < 4 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return i;
}

/* The last code point of the valid UTF-8 s[0..n), n > 0. */
static int32_t last_char(const char *s, size_t n)
{
	size_t i = last_start(s, n);

	return first_char(s + i, n - i);
}

/* ---- the text of a line ---- */

/* True if glyph k of a line starts far enough from what is left of it (ending at right) to be apart. */
static bool far_apart(const struct gl *g, double right, size_t k, double height)
{
	return g[k].x0 - right >= CELL_GAP * height;
}

/* The space a line of glyphs g[first..end) puts between neighbouring ideographs: none, unless the line
 * is justified, which spaces out every character, those beside Latin text too. */
static double line_spacing(const struct gl *g, size_t first, size_t end)
{
	const struct gl *last = NULL;
	double spacing = INFINITY;
	size_t i;

	for (i = first; i < end; i++) {
		if (g[i].space) {
			last = NULL;
			continue;
		}
		if (last && ideograph(last_char(last->text, last->len)) && ideograph(first_char(g[i].text, g[i].len)))
			spacing = fmin(spacing, g[i].x0 - last->x1);
		last = &g[i];
	}
	return isfinite(spacing) && spacing > 0 ? spacing : 0;
}

/* If one of glyph a and glyph b after it (what is left of b ending at right) is an ideograph and the
 * other Latin, sets *gap to the gap between them in em (the ideograph's width), less the line's
 * spacing, and returns true. */
static bool mixed_gap(const struct gl *a, double right, const struct gl *b, double spacing, double *gap)
{
	int32_t ca = last_char(a->text, a->len), cb = first_char(b->text, b->len);
	const struct gl *ideo = ideograph(ca) && latin(cb) ? a : latin(ca) && ideograph(cb) ? b : NULL;

	if (!ideo || ideo->x1 - ideo->x0 <= 0)
		return false;
	*gap = (b->x0 - right - spacing) / (ideo->x1 - ideo->x0);
	return true;
}

/* True if the gap between glyph a and glyph b after it, which ends at right, is the space a layout
 * puts between Chinese and Latin text rather than a space typed: no wider than limit em (the page's
 * autospace, see learn_autospace), the line's spacing aside. */
static bool autospace(const struct gl *a, double right, const struct gl *b, double spacing, double limit)
{
	double gap;

	return mixed_gap(a, right, b, spacing, &gap) && gap <= limit;
}

/* Appends the text of glyphs g[first..end) of a line of the given height to out: a space for space
 * glyphs (but not between Chinese and Latin text where the gap is only autospace, up to limit em) and
 * for wide gaps, none at either end. */
static void range_text(const struct gl *g, size_t first, size_t end, double height, double limit,
		       struct jx_buf *out)
{
	const struct gl *last = NULL;
	double right = 0, spacing = line_spacing(g, first, end);
	bool gap = false;
	size_t i;

	for (i = first; i < end; i++) {
		if (g[i].space) {
			gap = last != NULL;
			continue;
		}
		if (last && ((gap && !autospace(last, right, &g[i], spacing, limit)) || far_apart(g, right, i, height)))
			jx_buf_addc(out, ' ', NULL);
		jx_buf_add(out, g[i].text, g[i].len, NULL);
		right = last ? fmax(right, g[i].x1) : g[i].x1;
		last = &g[i];
		gap = false;
	}
}

/* ASCII punctuation, general punctuation (quotes, dashes), CJK and full-width punctuation. */
static bool punctuation(int32_t cp)
{
	return (cp > 0x20 && cp < 0x7f && !latin(cp)) || (cp >= 0x2010 && cp <= 0x206f) ||
	       (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) ||
	       (cp >= 0xff3b && cp <= 0xff40) || (cp >= 0xff5b && cp <= 0xff65);
}

static struct habit *habit_of(struct habits *H, int32_t mark, bool add)
{
	size_t i;

	for (i = 0; i < H->n; i++)
		if (H->h[i].mark == mark)
			return &H->h[i];
	if (!add || H->n == MAX_HABITS)
		return NULL;
	H->h[H->n] = (struct habit){ mark, 0, 0 };
	return &H->h[H->n++];
}

/* Learns from a line of a cell what follows its punctuation marks. */
static void learn(struct habits *H, const char *s, size_t n)
{
	int32_t a = 0, c;
	size_t i = 0;

	while (i < n) {
		i += jx_utf8_decode(s + i, n - i, &c);
		if (punctuation(a) && !(c >= '0' && c <= '9')) {
			struct habit *h = habit_of(H, a, true);

			if (h && c == ' ')
				h->spaced++;
			else if (h)
				h->tight++;
		}
		a = c;
	}
}

static bool digit(int32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* True if a cell's text broken between code points a and b is written with a space there; before is
 * the code point before a, 0 if none. A number broken after its point or a thousands separator
 * ("2023.07-2024." / "01", "1," / "000") is joined, whatever the cell's habit after the mark. */
static bool wrap_space(struct habits *H, int32_t before, int32_t a, int32_t b)
{
	const struct habit *h;

	if (letter(a) && letter(b))
		return true;
	if (!punctuation(a) || ((a == '.' || a == ',') && digit(before) && digit(b)))
		return false;
	h = habit_of(H, a, false);
	if (h && h->spaced != h->tight)
		return h->spaced > h->tight;
	return a < 0x80 && strchr(",.;:!?", (int)a);
}

/* Appends line to the text of a cell begun at out->ptr + start: after a line break made in the text,
 * a newline; after a wrap, a space or none. */
static void join_line(struct jx_buf *out, size_t start, const char *line, size_t len, bool hard, struct habits *H)
{
	const char *text = out->ptr + start;
	size_t n = out->len - start, at;
	int32_t b;

	jx_text_trim(&line, &len);
	if (len == 0)
		return;
	b = first_char(line, len);
	if (n > 0 && hard) {
		jx_buf_addc(out, '\n', NULL);
	} else if (n > 0) {
		at = last_start(text, n);
		if (wrap_space(H, at > 0 ? last_char(text, at) : 0, first_char(text + at, n - at), b))
			jx_buf_addc(out, ' ', NULL);
	}
	jx_buf_add(out, line, len, NULL);
}

/* Punctuation a line may not begin with (，。、） …): it goes with the character before it. */
static bool closing(int32_t cp)
{
	static const int32_t marks[] = { ',', '.', ';', ':', '!', '?', ')', ']', '}', '%', 0x2019, 0x201d, 0x2026,
					 0x3001, 0x3002, 0x3009, 0x300b, 0x300d, 0x300f, 0x3011, 0x3015, 0xff01,
					 0xff05, 0xff09, 0xff0c, 0xff0e, 0xff1a, 0xff1b, 0xff1f };
	size_t i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (marks[i] == cp)
			return true;
	return false;
}

/* Punctuation a line may not end with (（《“ …): it goes with the character after it. */
static bool opening(int32_t cp)
{
	return cp == '(' || cp == '[' || cp == '{' || cp == 0x2018 || cp == 0x201c || cp == 0x3008 || cp == 0x300a ||
	       cp == 0x300c || cp == 0x300e || cp == 0x3010 || cp == 0x3014 || cp == 0xff08;
}

/* The width of what begins line l and cannot be broken: its first character with the punctuation
 * that goes with it, or its first Latin word. */
static double first_piece(const struct gl *g, const struct tline *l)
{
	size_t i = l->first, end = l->first + l->n;
	int32_t cp;

	while (i < end && g[i].space)
		i++;
	if (i == end)
		return 0;
	cp = last_char(g[i].text, g[i].len);
	while (i + 1 < end && !g[i + 1].space &&
	       (opening(cp) || (latin(cp) && latin(first_char(g[i + 1].text, g[i + 1].len))) ||
		closing(first_char(g[i + 1].text, g[i + 1].len)))) {
		i++;
		cp = last_char(g[i].text, g[i].len);
	}
	return g[i].x1 - l->left;
}

/* The em of a cell's text: its widest ideograph, or else most of its lines' height. */
static double cell_em(const struct gl *g, size_t n, const struct tline *lines, size_t nl)
{
	double em = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (ideograph(first_char(g[i].text, g[i].len)))
			em = fmax(em, g[i].x1 - g[i].x0);
	for (i = 0; em == 0 && i < nl; i++)
		em = fmax(em, 0.8 * lines[i].height);
	return em;
}

/* Marks hard[i] each line of a cell after which the text itself breaks (a new paragraph): there was
 * room before the cell's right edge (its border, less the padding its text keeps on the left) for
 * the next line's first piece and HARD_SLACK em more. */
static void find_breaks(const struct gl *g, size_t n, const struct tline *lines, size_t nl, double left,
			double right, bool *hard)
{
	double pad = INFINITY, em = cell_em(g, n, lines, nl), edge;
	size_t i;

	for (i = 0; i < nl; i++)
		pad = fmin(pad, lines[i].left - left);
	edge = right - fmax(pad, 0);
	for (i = 0; i + 1 < nl; i++)
		hard[i] = edge - lines[i].right > first_piece(g, &lines[i + 1]) + HARD_SLACK * em;
}

/* Appends the text of the glyphs g[0..n) of one cell, between left and right, to L->text: its lines,
 * joined as wrapped text (after learning from them how the cell spaces after its punctuation), a
 * newline where the text itself breaks. */
static void cell_text(struct layout *L, struct gl *g, size_t n, double left, double right)
{
	struct habits H = { .n = 0 };
	size_t start = L->text.len, first = find_lines(L, g, n), nl = L->nlines - first, i;
	bool *hard = jx_calloc(nl + 1, sizeof(*hard));

	jx_buf_reset(&L->scratch);
	jx_grow(&L->span, sizeof(*L->span), nl + 1, &L->cap_span);
	for (i = 0; i < nl; i++) {
		const struct tline *l = &L->lines[first + i];

		L->span[i] = L->scratch.len;
		range_text(g, l->first, l->first + l->n, l->height, L->autospace, &L->scratch);
		learn(&H, L->scratch.ptr + L->span[i], L->scratch.len - L->span[i]);
	}
	L->span[nl] = L->scratch.len;
	find_breaks(g, n, L->lines + first, nl, left, right, hard);
	for (i = 0; i < nl; i++)
		join_line(&L->text, start, L->scratch.ptr + L->span[i], L->span[i + 1] - L->span[i], i > 0 && hard[i - 1],
			  &H);
	free(hard);
	L->nlines = first;
}

/* Hands a line of text (one cell, column 1) to the caller; an empty one is skipped. */
static int emit_text(struct layout *L, const struct gl *g, const struct tline *l, struct jx_err *err)
{
	const char *s;
	size_t len;

	jx_buf_reset(&L->text);
	range_text(g, l->first, l->first + l->n, l->height, L->autospace, &L->text);
	s = L->text.ptr;
	len = L->text.len;
	jx_text_trim(&s, &len);
	if (len == 0)
		return 0;
	L->cells[0] = (struct jx_cell){ s, len, 1 };
	return L->fn(L->ctx, L->cells, 1, JX_LINE_TEXT, err);
}

/* ---- ruling lines ---- */

static int by_at(const void *pa, const void *pb)
{
	const struct seg *a = pa, *b = pb;
	int c = cmp_double(a->at, b->at);

	return c ? c : cmp_double(a->a, b->a);
}

static int by_start(const void *pa, const void *pb)
{
	const struct seg *a = pa, *b = pb;
	int c = cmp_double(a->a, b->a);

	return c ? c : cmp_double(a->b, b->b);
}

/* Keeps a joined line if it is long enough: its place the mean of its pieces', weighted by length. */
static int keep_line(struct layout *L, int dir, double a, double b, double sum, double weight, struct jx_err *err)
{
	if (b - a < MIN_RULE)
		return 0;
	if (L->nseg[dir] == PDF_MAX_MERGED)
		return jx_err_set(err, JX_ETOOBIG, "页面上的线条超过 %d 条", PDF_MAX_MERGED);
	jx_grow(&L->seg[dir], sizeof(struct seg), L->nseg[dir] + 1, &L->capseg[dir]);
	L->seg[dir][L->nseg[dir]++] = (struct seg){ weight > 0 ? sum / weight : (a + b) / 2, a, b, -1 };
	return 0;
}

/* Joins the pieces p[0..n) of the lines at about one place (sorted here by where they start). */
static int join_pieces(struct layout *L, int dir, struct seg *p, size_t n, struct jx_err *err)
{
	double a, b, sum = 0, weight = 0;
	size_t i;

	qsort(p, n, sizeof(*p), by_start);
	a = p[0].a;
	b = p[0].b;
	for (i = 0; i < n; i++) {
		if (i > 0 && p[i].a > b + JOIN_GAP) {
			if (keep_line(L, dir, a, b, sum, weight, err))
				return -1;
			a = p[i].a;
			b = p[i].b;
			sum = weight = 0;
		}
		b = fmax(b, p[i].b);
		sum += p[i].at * (p[i].b - p[i].a);
		weight += p[i].b - p[i].a;
	}
	return keep_line(L, dir, a, b, sum, weight, err);
}

/* Collects the rules of direction dir and joins them into L->seg[dir], sorted by place. */
static int merge_rules(struct layout *L, const struct pdf_rule *r, size_t n, int dir, struct jx_err *err)
{
	struct seg *p = jx_calloc(n + 1, sizeof(*p));
	size_t i, m = 0, g;
	int rc = 0;

	for (i = 0; i < n; i++)
		if ((r[i].vertical ? V : H) == dir && finite_box(r[i].at, r[i].a, r[i].b, 0))
			p[m++] = (struct seg){ r[i].at, fmin(r[i].a, r[i].b), fmax(r[i].a, r[i].b), -1 };
	qsort(p, m, sizeof(*p), by_at);
	for (i = 0; i < m && rc == 0; i = g) {
		for (g = i + 1; g < m && p[g].at - p[i].at <= SNAP; g++)
			;
		rc = join_pieces(L, dir, p + i, g - i, err);
	}
	if (L->nseg[dir]) /* lines joined from one group of pieces may be out of order */
		qsort(L->seg[dir], L->nseg[dir], sizeof(struct seg), by_at);
	free(p);
	return rc;
}

/* ---- tables ---- */

static unsigned uf_find(unsigned *parent, unsigned i)
{
	while (parent[i] != i) {
		parent[i] = parent[parent[i]];
		i = parent[i];
	}
	return i;
}

static void uf_union(unsigned *parent, unsigned a, unsigned b)
{
	a = uf_find(parent, a);
	b = uf_find(parent, b);
	if (a != b)
		parent[a > b ? a : b] = a < b ? a : b;
}

/* The first of the n sorted values v[] greater than x. */
static size_t upper(const double *v, size_t n, double x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first horizontal line at or below y. */
static size_t first_h_from(const struct layout *L, double y)
{
	size_t lo = 0, hi = L->nseg[H];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (L->seg[H][mid].at < y)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Joins horizontal and vertical lines that meet into components (parent: H lines, then V lines). */
static void connect(struct layout *L, unsigned *parent)
{
	size_t nh = L->nseg[H], i, j;

	for (i = 0; i < nh + L->nseg[V]; i++)
		parent[i] = (unsigned)i;
	for (j = 0; j < L->nseg[V]; j++) {
		const struct seg *v = &L->seg[V][j];

		for (i = first_h_from(L, v->a - TOUCH); i < nh && L->seg[H][i].at <= v->b + TOUCH; i++)
			if (v->at >= L->seg[H][i].a - TOUCH && v->at <= L->seg[H][i].b + TOUCH)
				uf_union(parent, (unsigned)i, (unsigned)(nh + j));
	}
}

static int by_value(const void *pa, const void *pb)
{
	return cmp_double(*(const double *)pa, *(const double *)pb);
}

/* Appends to L->pos the grid positions from v[0..n) (sorted here): values within GRID_SNAP of the
 * first of a run are one. Returns how many. */
static size_t add_positions(struct layout *L, double *v, size_t n)
{
	size_t i, m = 0;

	qsort(v, n, sizeof(*v), by_value);
	for (i = 0; i < n; i++)
		if (m == 0 || v[i] - L->pos[L->npos - 1] > GRID_SNAP) {
			jx_grow(&L->pos, sizeof(*L->pos), L->npos + 1, &L->cappos);
			L->pos[L->npos++] = v[i];
			m++;
		}
	return m;
}

/* The positions across direction dir of the lines of component root: the places of the lines of the
 * other direction and the ends of this direction's. Appends them to L->pos; returns how many. */
static size_t grid_positions(struct layout *L, unsigned *parent, unsigned root, int dir, double *tmp)
{
	size_t nh = L->nseg[H], i, n = 0;
	int other = dir == H ? V : H;
	double lo = INFINITY, hi = -INFINITY;

	for (i = 0; i < L->nseg[other]; i++)
		if (uf_find(parent, (unsigned)(other == H ? i : nh + i)) == root)
			tmp[n++] = L->seg[other][i].at;
	for (i = 0; i < L->nseg[dir]; i++)
		if (uf_find(parent, (unsigned)(dir == H ? i : nh + i)) == root) {
			lo = fmin(lo, L->seg[dir][i].a);
			hi = fmax(hi, L->seg[dir][i].b);
		}
	tmp[n++] = lo;
	tmp[n++] = hi;
	return add_positions(L, tmp, n);
}

/* Makes a table of component root, if its grid has a cell; marks its lines. */
static int add_region(struct layout *L, unsigned *parent, unsigned root, double *tmp, struct jx_err *err)
{
	struct region r;
	size_t nh = L->nseg[H], i;

	r.xs = L->npos;
	r.nx = grid_positions(L, parent, root, H, tmp); /* column boundaries: along horizontal lines */
	r.ys = L->npos;
	r.ny = grid_positions(L, parent, root, V, tmp);
	if (r.nx < 2 || r.ny < 2) {
		L->npos = r.xs;
		return 0;
	}
	if ((r.nx - 1) * (r.ny - 1) > MAX_GRID_CELLS)
		return jx_err_set(err, JX_ETOOBIG, "表格的格子超过 %d 个", MAX_GRID_CELLS);
	r.x0 = L->pos[r.xs];
	r.x1 = L->pos[r.xs + r.nx - 1];
	r.y0 = L->pos[r.ys];
	r.y1 = L->pos[r.ys + r.ny - 1];
	r.id = (int)L->nreg;
	for (i = 0; i < nh + L->nseg[V]; i++)
		if (uf_find(parent, (unsigned)i) == root)
			(i < nh ? &L->seg[H][i] : &L->seg[V][i - nh])->region = (int)L->nreg;
	jx_grow(&L->reg, sizeof(*L->reg), L->nreg + 1, &L->capreg);
	L->reg[L->nreg++] = r;
	return 0;
}

/* Finds the tables: components of three lines or more, of both directions (a table without side
 * borders may have a single vertical line). */
static int find_regions(struct layout *L, struct jx_err *err)
{
	size_t nh = L->nseg[H], total = nh + L->nseg[V], i;
	unsigned *parent = jx_calloc(total + 1, sizeof(*parent)), *count = jx_calloc(2 * total + 2, sizeof(*count));
	double *tmp = jx_calloc(total + 2, sizeof(*tmp));
	int rc = 0;

	connect(L, parent);
	for (i = 0; i < total; i++)
		count[2 * uf_find(parent, (unsigned)i) + (i >= nh)]++;
	for (i = 0; i < total && rc == 0; i++)
		if (uf_find(parent, (unsigned)i) == i && count[2 * i] && count[2 * i + 1] &&
		    count[2 * i] + count[2 * i + 1] >= 3)
			rc = add_region(L, parent, (unsigned)i, tmp, err);
	free(parent);
	free(count);
	free(tmp);
	return rc;
}

/* ---- a table's cells ---- */

/* A table being emitted: its grid and what covers the boundaries between its cells. */
struct grid {
	const double *xs, *ys; /* nc + 1 and nr + 1 positions */
	size_t nc, nr;
	double *vcover;        /* [r * (nc + 1) + c]: length of lines on the boundary left of cell (r, c) */
	double *hcover;        /* [r * nc + c]: length of lines on the boundary above cell (r, c) */
	unsigned *parent;      /* merged cells, r * nc + c */
	size_t *first;         /* glyphs of the cell anchored at (r, c): [first[i], first[i + 1]) of a sorted copy */
	size_t *text;          /* its text: [text[2i], + text[2i + 1]) of L->text */
};

/* Adds the length of line s to the boundaries it lies on: s lies at one of the positions across[] (nacross
 * of them) and runs along cells between the positions along[0..ncells]. The boundary at across[k] of
 * cell i is cover[k * step_k + i * step_i]. */
static void add_cover(const struct seg *s, const double *across, size_t nacross, const double *along, size_t ncells,
		      double *cover, size_t step_k, size_t step_i)
{
	size_t k = upper(across, nacross, s->at), i = upper(along, ncells + 1, s->a);

	if (k == 0 || s->at - across[k - 1] > GRID_SNAP)
		return;
	k--;
	for (i = i ? i - 1 : 0; i < ncells && along[i] < s->b; i++) {
		double len = fmin(s->b, along[i + 1]) - fmax(s->a, along[i]);

		if (len > 0)
			cover[k * step_k + i * step_i] += len;
	}
}

/* Measures how much of each boundary between the cells of region k its lines cover. */
static void cover_boundaries(const struct layout *L, int k, struct grid *G)
{
	size_t i;

	for (i = 0; i < L->nseg[V]; i++)
		if (L->seg[V][i].region == k)
			add_cover(&L->seg[V][i], G->xs, G->nc + 1, G->ys, G->nr, G->vcover, 1, G->nc + 1);
	for (i = 0; i < L->nseg[H]; i++)
		if (L->seg[H][i].region == k)
			add_cover(&L->seg[H][i], G->ys, G->nr + 1, G->xs, G->nc, G->hcover, G->nc, 1);
}

/* Merges the cells no line separates. */
static void merge_cells(struct grid *G)
{
	size_t r, c, nc = G->nc;

	for (r = 0; r < G->nr; r++)
		for (c = 0; c < nc; c++) {
			unsigned i = (unsigned)(r * nc + c);

			if (c + 1 < nc && G->vcover[r * (nc + 1) + c + 1] < COVER * (G->ys[r + 1] - G->ys[r]))
				uf_union(G->parent, i, i + 1);
			if (r + 1 < G->nr && G->hcover[(r + 1) * nc + c] < COVER * (G->xs[c + 1] - G->xs[c]))
				uf_union(G->parent, i, (unsigned)(i + nc));
		}
}

/* The grid cell (row-major index) holding point (x, y), which lies in the grid. */
static size_t cell_at(const struct grid *G, double x, double y)
{
	size_t c = upper(G->xs, G->nc + 1, x), r = upper(G->ys, G->nr + 1, y);

	c = c == 0 ? 0 : c - 1 < G->nc ? c - 1 : G->nc - 1;
	r = r == 0 ? 0 : r - 1 < G->nr ? r - 1 : G->nr - 1;
	return r * G->nc + c;
}

/* Sorts the glyphs of region k by the cell they belong to (its top-left cell, the anchor, after
 * merging) into a new array; G->first tells where each cell's begin. */
static struct gl *group_glyphs(const struct layout *L, int k, struct grid *G)
{
	size_t ncell = G->nc * G->nr, i;
	size_t *fill = jx_calloc(ncell + 1, sizeof(*fill)), *at = jx_calloc(L->n + 1, sizeof(*at));
	struct gl *out = jx_calloc(L->n + 1, sizeof(*out));

	for (i = 0; i < L->n; i++)
		if (L->g[i].region == k) {
			at[i] = uf_find(G->parent, (unsigned)cell_at(G, (L->g[i].x0 + L->g[i].x1) / 2, L->g[i].cy));
			G->first[at[i] + 1]++;
		}
	for (i = 0; i < ncell; i++)
		G->first[i + 1] += G->first[i];
	for (i = 0; i < L->n; i++)
		if (L->g[i].region == k)
			out[G->first[at[i]] + fill[at[i]]++] = L->g[i];
	free(fill);
	free(at);
	return out;
}

/* The right edge of each merged cell, by its anchor (the top-left grid cell, which is its root). */
static double *right_edges(const struct grid *G)
{
	double *right = jx_calloc(G->nc * G->nr + 1, sizeof(*right));
	size_t i;

	for (i = 0; i < G->nc * G->nr; i++) {
		size_t root = uf_find(G->parent, (unsigned)i);

		right[root] = fmax(right[root], G->xs[i % G->nc + 1]);
	}
	return right;
}

/* Emits row r of the table: the cells anchored on it with text, left to right. */
static int emit_row(struct layout *L, const struct grid *G, size_t r, struct jx_err *err)
{
	size_t c, n = 0;

	for (c = 0; c < G->nc && n <= JX_TABLE_MAX_CELLS; c++) {
		size_t i = r * G->nc + c;

		if (uf_find(G->parent, (unsigned)i) == i && G->text[2 * i + 1] > 0)
			L->cells[n++] =
				(struct jx_cell){ L->text.ptr + G->text[2 * i], G->text[2 * i + 1], (unsigned)c + 1 };
	}
	return L->fn(L->ctx, L->cells, n, JX_LINE_ROW, err);
}

static void grid_free(struct grid *G)
{
	free(G->vcover);
	free(G->hcover);
	free(G->parent);
	free(G->first);
	free(G->text);
}

/* Emits table k, row by row. */
static int emit_region(struct layout *L, int k, struct jx_err *err)
{
	const struct region *R = &L->reg[k];
	struct grid G = { L->pos + R->xs, L->pos + R->ys, R->nx - 1, R->ny - 1, NULL, NULL, NULL, NULL, NULL };
	size_t ncell = G.nc * G.nr, i;
	double *right;
	struct gl *g;
	int rc = 0;

	G.vcover = jx_calloc(G.nr * (G.nc + 1), sizeof(double));
	G.hcover = jx_calloc((G.nr + 1) * G.nc, sizeof(double));
	G.parent = jx_calloc(ncell, sizeof(unsigned));
	G.first = jx_calloc(ncell + 1, sizeof(size_t));
	G.text = jx_calloc(2 * ncell, sizeof(size_t));
	for (i = 0; i < ncell; i++)
		G.parent[i] = (unsigned)i;
	cover_boundaries(L, k, &G);
	merge_cells(&G);
	right = right_edges(&G);
	g = group_glyphs(L, k, &G);
	jx_buf_reset(&L->text);
	for (i = 0; i < ncell; i++) {
		G.text[2 * i] = L->text.len;
		if (G.first[i + 1] > G.first[i])
			cell_text(L, g + G.first[i], G.first[i + 1] - G.first[i], G.xs[i % G.nc], right[i]);
		G.text[2 * i + 1] = L->text.len - G.text[2 * i];
	}
	free(right);
	for (i = 0; i < G.nr && rc == 0; i++)
		rc = emit_row(L, &G, i, err);
	free(g);
	grid_free(&G);
	return rc;
}

/* ---- pages with tables ---- */

static int by_top(const void *pa, const void *pb)
{
	const struct region *a = pa, *b = pb;
	int c = cmp_double(a->y0, b->y0);

	return c ? c : cmp_double(a->x0, b->x0);
}

/* Sorts the tables by their tops, and marks their lines again with their new indices. */
static void sort_regions(struct layout *L)
{
	int *to = jx_calloc(L->nreg + 1, sizeof(*to));
	size_t i;
	int d;

	qsort(L->reg, L->nreg, sizeof(*L->reg), by_top);
	for (i = 0; i < L->nreg; i++)
		to[L->reg[i].id] = (int)i;
	for (d = H; d <= V; d++)
		for (i = 0; i < L->nseg[d]; i++)
			if (L->seg[d][i].region >= 0)
				L->seg[d][i].region = to[L->seg[d][i].region];
	free(to);
}

/* Marks each glyph with the first table holding the centre of its box. */
static void place_glyphs(struct layout *L)
{
	size_t i, k;

	for (i = 0; i < L->n; i++) {
		double x = (L->g[i].x0 + L->g[i].x1) / 2, y = L->g[i].cy;

		for (k = 0; k < L->nreg && L->g[i].region < 0; k++)
			if (x >= L->reg[k].x0 && x <= L->reg[k].x1 && y >= L->reg[k].y0 && y <= L->reg[k].y1)
				L->g[i].region = (int)k;
	}
}

static double centre(const struct tline *l)
{
	return (l->top + l->bottom) / 2;
}

/* Emits the tables and, around them, the lines of the glyphs outside, in the order of their tops. */
static int emit_ruled(struct layout *L, struct jx_err *err)
{
	struct gl *outside = jx_calloc(L->n + 1, sizeof(*outside));
	size_t i, n = 0, k = 0, first;
	int rc = 0;

	sort_regions(L);
	place_glyphs(L);
	for (i = 0; i < L->n; i++)
		if (L->g[i].region < 0)
			outside[n++] = L->g[i];
	first = find_lines(L, outside, n);
	for (i = first; i < L->nlines && rc == 0; i++) {
		while (k < L->nreg && rc == 0 && L->reg[k].y0 <= centre(&L->lines[i]))
			rc = emit_region(L, (int)k++, err);
		if (rc == 0)
			rc = emit_text(L, outside, &L->lines[i], err);
	}
	while (k < L->nreg && rc == 0)
		rc = emit_region(L, (int)k++, err);
	free(outside);
	return rc;
}

/* ---- pages without tables ---- */

/* A page without tables, cut into cells. */
struct plain {
	struct bcell *cell;   /* the cells, line by line, left to right */
	size_t n, cap;
	double *left;         /* column starts: the left edges of the cells, clustered */
	size_t ncol;
};

/* Cuts line li (glyphs g) into cells at wide gaps, at most JX_TABLE_MAX_CELLS + 1 of them (the rest
 * of a line goes to the last, for the table reader to refuse if the line is in a table). */
static void cut_line(struct plain *P, const struct gl *g, size_t li, const struct tline *l)
{
	size_t i, end = l->first + l->n, start = P->n;
	double right = 0;
	bool any = false;

	for (i = l->first; i < end; i++) {
		if (g[i].space)
			continue;
		if (!any || (far_apart(g, right, i, l->height) && P->n - start <= JX_TABLE_MAX_CELLS)) {
			if (any)
				P->cell[P->n - 1].end = i;
			jx_grow(&P->cell, sizeof(*P->cell), P->n + 1, &P->cap);
			P->cell[P->n++] = (struct bcell){ li, i, end, 0 };
		}
		right = any ? fmax(right, g[i].x1) : g[i].x1;
		any = true;
	}
}

/* Numbers the cells of lines [top, bottom] by column: their left edges clustered within tolerance tol
 * (a cluster begins where an edge lies further than tol right of the cluster's first). */
static void number_columns(struct plain *P, const struct gl *g, size_t top, size_t bottom, double tol)
{
	double *x = jx_calloc(P->n + 1, sizeof(*x));
	size_t i, n = 0;

	for (i = 0; i < P->n; i++)
		if (P->cell[i].line >= top && P->cell[i].line <= bottom)
			x[n++] = g[P->cell[i].first].x0;
	qsort(x, n, sizeof(*x), by_value);
	P->left = jx_calloc(n + 1, sizeof(*P->left));
	for (i = 0; i < n; i++)
		if (P->ncol == 0 || x[i] - P->left[P->ncol - 1] > tol)
			P->left[P->ncol++] = x[i];
	for (i = 0; i < P->n; i++)
		P->cell[i].col = (unsigned)upper(P->left, P->ncol, g[P->cell[i].first].x0);
	free(x);
}

/* The median height of lines [first, last). */
static double median_height(const struct layout *L, size_t first, size_t last)
{
	double *h = jx_calloc(last - first + 1, sizeof(*h)), m;
	size_t i;

	for (i = first; i < last; i++)
		h[i - first] = L->lines[i].height;
	qsort(h, last - first, sizeof(*h), by_value);
	m = last > first ? h[(last - first) / 2] : 0;
	free(h);
	return m;
}

/* Emits the cells [*c, …) of line li as a row, advancing *c past them. */
static int emit_cells(struct layout *L, const struct plain *P, const struct gl *g, size_t *c, size_t li,
		      struct jx_err *err)
{
	size_t off[JX_TABLE_MAX_CELLS + 1], n = 0, i;

	jx_buf_reset(&L->text);
	for (; *c < P->n && P->cell[*c].line == li; (*c)++) {
		off[n] = L->text.len;
		range_text(g, P->cell[*c].first, P->cell[*c].end, L->lines[li].height, L->autospace, &L->text);
		L->cells[n].len = L->text.len - off[n];
		L->cells[n++].col = P->cell[*c].col;
	}
	for (i = 0; i < n; i++) /* the buffer no longer moves */
		L->cells[i].text = L->text.ptr + off[i];
	return L->fn(L->ctx, L->cells, n, JX_LINE_ROW, err);
}

/* Emits a page without tables: lines cut into cells; rows from the first line of several cells to the
 * last, text lines before and after. */
static int emit_plain(struct layout *L, struct jx_err *err)
{
	struct plain P = { 0 };
	size_t first = find_lines(L, L->g, L->n), i, c = 0, top = SIZE_MAX, bottom = 0;
	int rc = 0;

	for (i = first; i < L->nlines; i++) {
		size_t before = P.n;

		cut_line(&P, L->g, i, &L->lines[i]);
		if (P.n - before >= 2) {
			top = top == SIZE_MAX ? i : top;
			bottom = i;
		}
	}
	number_columns(&P, L->g, top, bottom, median_height(L, first, L->nlines));
	for (i = first; i < L->nlines && rc == 0; i++) {
		if (i >= top && i <= bottom) {
			rc = emit_cells(L, &P, L->g, &c, i, err);
			continue;
		}
		while (c < P.n && P.cell[c].line == i)
			c++;
		rc = emit_text(L, L->g, &L->lines[i], err);
	}
	free(P.cell);
	free(P.left);
	return rc;
}

/* ---- the page ---- */

/* Learns the page's autospace: the gap its layout leaves between Chinese and Latin text, which is the
 * same wherever they meet (LibreOffice's is about 1/5 em, Word's 1/4), where a space typed in a CJK
 * font may be hardly wider (Noto's, 1/4 em). The narrow gaps (under AUTOSPACE em, the lines' own
 * spacing aside) are gathered from the page's lines, and the most of them within AUTOSPACE_SPREAD em
 * of the narrowest among them are the autospace: a gap wider than they is a space. A page without
 * such gaps keeps AUTOSPACE, where a space typed that narrow is lost. */
static void learn_autospace(struct layout *L)
{
	struct gl *g;
	double *gaps, gap;
	size_t first, n = 0, i, j, best = 0, most = 0;

	L->autospace = AUTOSPACE;
	if (L->n == 0)
		return;
	g = jx_malloc(L->n * sizeof(*g));
	gaps = jx_malloc(L->n * sizeof(*gaps));
	memcpy(g, L->g, L->n * sizeof(*g));
	first = find_lines(L, g, L->n);
	for (i = first; i < L->nlines; i++) {
		const struct tline *l = &L->lines[i];
		double spacing = line_spacing(g, l->first, l->first + l->n), right = 0;
		const struct gl *last = NULL;

		for (j = l->first; j < l->first + l->n; j++) {
			if (g[j].space)
				continue;
			if (last && mixed_gap(last, right, &g[j], spacing, &gap) && gap < AUTOSPACE)
				gaps[n++] = fmax(gap, 0);
			right = last ? fmax(right, g[j].x1) : g[j].x1;
			last = &g[j];
		}
	}
	L->nlines = first;
	qsort(gaps, n, sizeof(*gaps), by_value);
	for (i = j = 0; i < n; i++) {
		while (j < n && gaps[j] <= gaps[i] + AUTOSPACE_SPREAD)
			j++;
		if (j - i > most) {
			most = j - i;
			best = i;
		}
	}
	if (n)
		L->autospace = fmin(gaps[best] + AUTOSPACE_SPREAD, AUTOSPACE);
	free(gaps);
	free(g);
}

static void layout_free(struct layout *L)
{
	free(L->g);
	free(L->seg[H]);
	free(L->seg[V]);
	free(L->reg);
	free(L->pos);
	free(L->lines);
	free(L->span);
	jx_buf_release(&L->text);
	jx_buf_release(&L->scratch);
}

int pdf_layout_page(const struct pdf_glyph *g, size_t n_glyphs, const struct pdf_rule *rules, size_t n_rules,
		    pdf_line_fn fn, void *ctx, struct jx_err *err)
{
	struct layout L;
	int rc;

	if (n_glyphs > PDF_MAX_GLYPHS)
		return jx_err_set(err, JX_ETOOBIG, "页面上的文字超过 %d 个字符", PDF_MAX_GLYPHS);
	if (n_rules > PDF_MAX_RULES)
		return jx_err_set(err, JX_ETOOBIG, "页面上的线条超过 %d 条", PDF_MAX_RULES);
	memset(&L, 0, sizeof(L));
	L.fn = fn;
	L.ctx = ctx;
	jx_buf_init(&L.text, SIZE_MAX);
	jx_buf_init(&L.scratch, SIZE_MAX);
	take_glyphs(&L, g, n_glyphs);
	learn_autospace(&L);
	rc = merge_rules(&L, rules, n_rules, H, err);
	if (rc == 0)
		rc = merge_rules(&L, rules, n_rules, V, err);
	if (rc == 0)
		rc = find_regions(&L, err);
	if (rc == 0)
		rc = L.nreg ? emit_ruled(&L, err) : emit_plain(&L, err);
	layout_free(&L);
	return rc ? -1 : 0;
}
