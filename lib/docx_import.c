/*
 * docx_import.c — target tables from Word documents (.docx): word/document.xml streamed through
 * expat, never held whole, its paragraphs and table rows handed as lines to table.c
 * (jx_tables_line), which decides what they mean. This file recovers lines and cells, nothing more.
 * ooxml_import.c opens the container and, when it holds a document, hands it to docx_import().
 *
 * The lines, in document order:
 *
 *   prose  a paragraph (w:p) of the body: a JX_LINE_TEXT line for each of its lines — w:br and w:cr
 *          break lines as they show (a title and its year in one paragraph are two lines), w:tab is
 *          a space; blank lines are left out;
 *   rows   a row (w:tr) of a table: its non-empty cells (w:tc), each the text of its paragraphs
 *          joined by "\n", every line trimmed and blank lines dropped. A cell's column is its first
 *          grid column, from 1: w:gridBefore skips leading grid columns, w:gridSpan spans columns.
 *          A cell continuing a vertical merge (w:vMerge but restart) or an old-style horizontal one
 *          (w:hMerge) is empty, whatever it holds: a merged cell's text is at its top-left only,
 *          which is what table.h asks for.
 *
 * Text is what Word shows: w:t in runs and the results of fields. Left out are deleted revisions
 * (w:del, w:moveFrom, w:delText), field codes (w:instrText), hidden runs (w:vanish), phonetic guides
 * (w:rt), the former properties kept by revisions (w:tcPrChange …, whose old w:gridSpan no longer
 * holds), drawings, pictures and embedded objects (text boxes with them) and the fallback of
 * alternate content, which repeats its choice. Inserted revisions (w:ins, w:moveTo) are read, and
 * content controls (w:sdt), smart tags, hyperlinks, simple fields and custom XML are looked through,
 * wherever they wrap paragraphs, rows, cells or runs. Line breaks written inside w:t are spaces.
 *
 * A table inside a cell is flattened: that cell is layout, not data. What its row held before the
 * inner table is handed on as a row, the cell's own text as prose (what comes before the inner table
 * and what comes after it), the inner table's rows as rows, in their place; the outer row's later
 * cells make a row of their own. So a target table framed by a one-cell layout table, with its title
 * above it in the same cell, reads as if the frame were not there.
 *
 * Elements are matched by their local names and recognised by nesting depth, not by a fixed
 * hierarchy, so wrappers may stand anywhere; a row, cell, paragraph or table ends where its own
 * element ends, however hostile the nesting in between.
 *
 * Places: lines are numbered as they are handed on, and locate() turns a number back into
 * "report.docx: 表2 第5行 第3列" (tables counted in document order, inner ones too; rows within the
 * table; grid columns) or "report.docx: 第12段" (the body's paragraphs that hold text, tables aside).
 * Only the places of the target table being read are kept, so memory does not grow with the document.
 * The limits against hostile documents are in jixiao/docx.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/docx.h"
#include "jixiao/err.h"
#include "jixiao/input.h"
#include "jixiao/table.h"
#include "jixiao/text.h"
#include "ooxml_impl.h"

#define DOCUMENT "word/document.xml"
#define MAX_ROW_CELLS (JX_TABLE_MAX_CELLS + 1) /* kept per row: one more than a table allows, to say so */

struct place {
	unsigned table; /* 表N, from 1; 0 for a paragraph of the body */
	unsigned row;   /* the table's 第N行, or the paragraph's 第N段 */
	unsigned col;   /* for prose from a layout cell, that cell's column; else 0 */
};

struct level {                    /* a table being read */
	unsigned number;          /* 表N */
	unsigned depth;           /* XML depth of its w:tbl */
	unsigned rows;            /* rows begun: the current one is 第rows行 */
	unsigned row_depth;       /* XML depth of the open w:tr; 0 if none */
	unsigned cell_depth;      /* XML depth of the open w:tc; 0 if none */
	unsigned next_col;        /* grid column of the next cell */
	unsigned col, span;       /* the open cell's first grid column and the columns it spans */
	bool hidden;              /* the open cell continues a merge: its text is not shown */
	bool layout;              /* the open cell holds a table */
	struct jx_buf cell;       /* the open cell's text as written */
	struct jx_buf text;       /* the text of the row's cells, as handed on */
	struct jx_cell cells[MAX_ROW_CELLS];
	size_t at[MAX_ROW_CELLS]; /* where each cell's text begins in text */
	size_t n;
};

struct docx {
	struct jx_input *in;       /* its consumed shows progress */
	uint64_t size;             /* what word/document.xml says it inflates to; 0 if unknown */
	const char *file;          /* the input's name, for messages */
	struct jx_tables *tables;
	unsigned xml_depth;        /* elements open */
	unsigned skip;             /* XML depth of the element whose content is skipped; 0 if none */
	unsigned runs;             /* runs (w:r) open */
	unsigned rpr;              /* XML depth of the open run properties; 0 if none */
	bool hidden_run;           /* the run is hidden (w:vanish) */
	unsigned t;                /* XML depth of the open w:t; 0 if none */
	unsigned para;             /* XML depth of the open paragraph of the body; 0 if none */
	struct jx_buf para_text;   /* its text */
	unsigned paragraphs;       /* paragraphs of the body that held text, so far */
	unsigned n_tables;         /* tables begun */
	struct level *levels[JX_DOCX_MAX_DEPTH]; /* allocated when first reached */
	unsigned depth;            /* tables open: levels[depth - 1] is the innermost */
	unsigned lines;            /* lines handed on */
	struct place *places;      /* the places of the lines since the current target table began */
	size_t n_places, cap_places;
	unsigned first;            /* the number of the line places[0] is the place of */
};

/* ---- places ---- */

static void where(const struct docx *d, struct place p, unsigned col, char *buf, size_t size)
{
	if (!p.table)
		snprintf(buf, size, "%s: 第%u段", d->file, p.row);
	else if (p.col || col)
		snprintf(buf, size, "%s: 表%u 第%u行 第%u列", d->file, p.table, p.row, p.col ? p.col : col);
	else
		snprintf(buf, size, "%s: 表%u 第%u行", d->file, p.table, p.row);
}

static void locate(void *ctx, unsigned row, unsigned col, char *buf, size_t size)
{
	const struct docx *d = ctx;

	if (row >= d->first && row - d->first < d->n_places)
		where(d, d->places[row - d->first], col, buf, size);
	else
		snprintf(buf, size, "%s", d->file);
}

static struct place row_place(const struct level *l)
{
	return (struct place){ l->number, l->rows, 0 };
}

static struct place cell_place(const struct level *l)
{
	return (struct place){ l->number, l->rows, l->col };
}

/* The place of the text being read: the open cell, or the body's next paragraph. */
static struct place here(const struct docx *d)
{
	const struct level *l = d->depth ? d->levels[d->depth - 1] : NULL;

	if (!l)
		return (struct place){ 0, d->paragraphs + 1, 0 };
	return l->cell_depth ? cell_place(l) : row_place(l);
}

/* Stops the parse with a message about place p; returns -1. */
static int stop_at(struct ooxml_xml *x, struct place p, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int stop_at(struct ooxml_xml *x, struct place p, const char *fmt, ...)
{
	char at[512], msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	where(x->state, p, 0, at, sizeof(at));
	ooxml_stop(x, "%s: %s", at, msg);
	return -1;
}

/* ---- handing lines on ---- */

/* Shows how far the import is: the share of word/document.xml parsed, by the size the zip declares. */
static void progress(struct ooxml_xml *x, struct docx *d)
{
	XML_Index at = XML_GetCurrentByteIndex(x->parser);
	double done = d->size && at > 0 ? (double)at / (double)d->size : 0;

	d->in->consumed = done >= 1 ? d->in->size : (uint64_t)(done * (double)d->in->size);
}

/* Hands one line to table.c, keeping its place while its table may still need it. */
static int hand_on(struct ooxml_xml *x, struct place p, const struct jx_cell *cells, size_t n, enum jx_line_kind kind)
{
	struct docx *d = x->state;
	unsigned before = jx_tables_count(d->tables);

	if (n == 0)
		return 0;
	if (d->n_places == JX_DOCX_MAX_LINES)
		return stop_at(x, p, "一张绩效目标表超过 %u 行", JX_DOCX_MAX_LINES);
	if (d->n_places == 0)
		d->first = d->lines + 1;
	jx_grow(&d->places, sizeof(*d->places), d->n_places + 1, &d->cap_places);
	d->places[d->n_places++] = p;
	if (jx_tables_line(d->tables, ++d->lines, cells, n, kind, x->err)) {
		x->failed = true; /* table.c has said why */
		XML_StopParser(x->parser, XML_FALSE);
		return -1;
	}
	progress(x, d);
	if (jx_tables_state(d->tables) == JX_TABLE_OUTSIDE) {
		d->n_places = 0;
	} else if (jx_tables_count(d->tables) != before) { /* a table begins here: the last one is done */
		d->places[0] = p;
		d->n_places = 1;
		d->first = d->lines;
	}
	return 0;
}

/* Hands text on as prose, a line at a time. */
static int hand_on_prose(struct ooxml_xml *x, struct place p, const char *text, size_t n)
{
	const char *line;
	size_t len;

	while (jx_text_next_line(&text, &n, &line, &len)) {
		struct jx_cell c = { line, len, 1 }; /* prose stands at the left margin */

		if (len && hand_on(x, p, &c, 1, JX_LINE_TEXT))
			return -1;
	}
	return 0;
}

/* Hands on the paragraph of the body read so far, if it holds text. */
static int flush_paragraph(struct ooxml_xml *x, struct docx *d)
{
	const char *s = d->para_text.ptr;
	size_t n = d->para_text.len;
	int rc = 0;

	jx_text_trim(&s, &n);
	if (n) {
		d->paragraphs++;
		rc = hand_on_prose(x, (struct place){ 0, d->paragraphs, 0 }, s, n);
	}
	jx_buf_reset(&d->para_text);
	return rc;
}

/* Hands on the cells of l's row read so far. */
static int flush_row(struct ooxml_xml *x, struct level *l)
{
	size_t i;
	int rc;

	for (i = 0; i < l->n; i++)
		l->cells[i].text = l->text.ptr + l->at[i];
	rc = hand_on(x, row_place(l), l->cells, l->n, JX_LINE_ROW);
	l->n = 0;
	jx_buf_reset(&l->text);
	return rc;
}

/* ---- text ---- */

/* Where text read now goes: the open cell (unless its text is hidden) or paragraph of the body. */
static struct jx_buf *target(struct docx *d)
{
	struct level *l = d->depth ? d->levels[d->depth - 1] : NULL;

	if (!l)
		return d->para ? &d->para_text : NULL;
	return l->cell_depth && !l->hidden ? &l->cell : NULL;
}

static void too_long(struct ooxml_xml *x)
{
	struct docx *d = x->state;

	stop_at(x, here(d), "%s的文字超过 %u KiB", d->depth ? "单元格" : "段落", JX_DOCX_MAX_TEXT >> 10);
}

/* Adds text written in the document; line breaks in it are spaces. */
static void add_text(struct ooxml_xml *x, const char *s, size_t n)
{
	struct jx_buf *b = target(x->state);
	size_t i;

	if (!b)
		return;
	i = b->len;
	if (jx_buf_add(b, s, n, NULL)) {
		too_long(x);
		return;
	}
	for (; i < b->len; i++)
		if (b->ptr[i] == '\n' || b->ptr[i] == '\r')
			b->ptr[i] = ' ';
}

/* Adds a line break (w:br, w:cr, the end of a paragraph in a cell). */
static void add_break(struct ooxml_xml *x)
{
	struct jx_buf *b = target(x->state);

	if (b && jx_buf_addc(b, '\n', NULL))
		too_long(x);
}

/* ---- tables ---- */

/* The number in attribute val, or dflt if there is none; ULONG_MAX if it is too large. */
static unsigned long val_number(const XML_Char **atts, unsigned long dflt)
{
	const char *v = ooxml_attr(atts, "val");
	unsigned long n;
	char *end;

	if (!v || *v < '0' || *v > '9')
		return dflt;
	errno = 0;
	n = strtoul(v, &end, 10);
	return *end ? dflt : errno ? ULONG_MAX : n;
}

/* Hands on what the container of a table that begins held before it (see the top of the file). */
static int before_table(struct ooxml_xml *x, struct docx *d, struct level *outer)
{
	int rc;

	if (!outer)
		return d->para ? flush_paragraph(x, d) : 0;
	if (!outer->cell_depth)
		return 0;
	if (flush_row(x, outer))
		return -1;
	outer->layout = true;
	rc = outer->hidden ? 0 : hand_on_prose(x, cell_place(outer), outer->cell.ptr, outer->cell.len);
	jx_buf_reset(&outer->cell);
	return rc;
}

static struct level *level_new(void)
{
	struct level *l = jx_calloc(1, sizeof(*l));

	jx_buf_init(&l->cell, JX_DOCX_MAX_TEXT);
	jx_buf_init(&l->text, SIZE_MAX);
	return l;
}

static int table_start(struct ooxml_xml *x, struct docx *d)
{
	struct level *outer = d->depth ? d->levels[d->depth - 1] : NULL, *l;

	if (d->depth == JX_DOCX_MAX_DEPTH)
		return stop_at(x, here(d), "表格嵌套超过 %d 层", JX_DOCX_MAX_DEPTH);
	if (before_table(x, d, outer))
		return -1;
	if (!d->levels[d->depth])
		d->levels[d->depth] = level_new();
	l = d->levels[d->depth++];
	l->number = ++d->n_tables;
	l->depth = d->xml_depth;
	l->rows = l->row_depth = l->cell_depth = 0;
	return 0;
}

static int row_start(struct ooxml_xml *x, struct docx *d, struct level *l)
{
	if (l->rows == JX_DOCX_MAX_ROWS)
		return stop_at(x, row_place(l), "表格超过 %u 行", JX_DOCX_MAX_ROWS);
	l->rows++;
	l->row_depth = d->xml_depth;
	l->next_col = 1;
	l->n = 0;
	jx_buf_reset(&l->text);
	return 0;
}

static int grid_before(struct ooxml_xml *x, struct level *l, const XML_Char **atts)
{
	unsigned long n = val_number(atts, 0);

	if (n >= JX_DOCX_MAX_COLS)
		return stop_at(x, row_place(l), "行首空出的列数（gridBefore）“%.20s”超出上限：一张表最多 %u 列",
			       ooxml_attr(atts, "val"), JX_DOCX_MAX_COLS);
	l->next_col = 1 + (unsigned)n;
	return 0;
}

static int cell_start(struct ooxml_xml *x, struct docx *d, struct level *l)
{
	if (l->next_col > JX_DOCX_MAX_COLS)
		return stop_at(x, row_place(l), "这一行超过 %u 列", JX_DOCX_MAX_COLS);
	l->cell_depth = d->xml_depth;
	l->col = l->next_col;
	l->span = 1;
	l->hidden = l->layout = false;
	jx_buf_reset(&l->cell);
	return 0;
}

static int grid_span(struct ooxml_xml *x, struct level *l, const XML_Char **atts)
{
	unsigned long n = val_number(atts, 1);

	if (n > JX_DOCX_MAX_COLS - l->col + 1ul)
		return stop_at(x, cell_place(l), "合并的列数（gridSpan）“%.20s”超出上限：一张表最多 %u 列",
			       ooxml_attr(atts, "val"), JX_DOCX_MAX_COLS);
	l->span = n ? (unsigned)n : 1;
	return 0;
}

/* w:vMerge or w:hMerge: any value but restart continues the merge. */
static void merge(struct level *l, const XML_Char **atts)
{
	const char *v = ooxml_attr(atts, "val");

	if (!v || strcmp(v, "restart") != 0)
		l->hidden = true;
}

/* Keeps the cell just read in the row, if it shows text; a layout cell's text goes on as prose. */
static int cell_end(struct ooxml_xml *x, struct level *l)
{
	size_t start = l->text.len, len;

	l->cell_depth = 0;
	l->next_col = l->col + l->span;
	if (l->hidden)
		return 0;
	if (l->layout)
		return hand_on_prose(x, cell_place(l), l->cell.ptr, l->cell.len);
	if (start + l->cell.len > JX_DOCX_MAX_ROW_TEXT)
		return stop_at(x, cell_place(l), "这一行的文字超过 %u KiB", JX_DOCX_MAX_ROW_TEXT >> 10);
	len = jx_text_add_lines(&l->text, l->cell.ptr, l->cell.len);
	if (len == 0 || l->n == MAX_ROW_CELLS) {
		jx_buf_setlen(&l->text, start);
		return 0;
	}
	l->at[l->n] = start;
	l->cells[l->n++] = (struct jx_cell){ NULL, len, l->col };
	return 0;
}

/* ---- elements ---- */

enum element {
	E_OTHER, E_SKIP, E_P, E_TBL,
	E_TR, E_TC, E_GRID_BEFORE, E_GRID_SPAN, E_MERGE,  /* of tables: E_TR … E_MERGE */
	E_R, E_RPR, E_VANISH, E_T, E_TAB, E_BREAK, E_HYPHEN, /* of runs: E_R on */
};

struct name {
	const char *local;
	enum element e;
};

/* Sorted by local name (strcmp order), for bsearch. */
static const struct name names[] = {
	{ "Fallback", E_SKIP },      { "br", E_BREAK },           { "cr", E_BREAK },
	{ "del", E_SKIP },           { "delInstrText", E_SKIP },  { "delText", E_SKIP },
	{ "drawing", E_SKIP },       { "gridBefore", E_GRID_BEFORE }, { "gridSpan", E_GRID_SPAN },
	{ "hMerge", E_MERGE },       { "instrText", E_SKIP },     { "moveFrom", E_SKIP },
	{ "noBreakHyphen", E_HYPHEN }, { "object", E_SKIP },      { "p", E_P },
	{ "pPrChange", E_SKIP },     { "pict", E_SKIP },          { "ptab", E_TAB },
	{ "r", E_R },                { "rPr", E_RPR },            { "rPrChange", E_SKIP },
	{ "rt", E_SKIP },            { "sectPrChange", E_SKIP },  { "t", E_T },
	{ "tab", E_TAB },            { "tbl", E_TBL },            { "tblGridChange", E_SKIP },
	{ "tblPrChange", E_SKIP },   { "tblPrExChange", E_SKIP }, { "tc", E_TC },
	{ "tcPrChange", E_SKIP },    { "tr", E_TR },              { "trPrChange", E_SKIP },
	{ "vMerge", E_MERGE },       { "vanish", E_VANISH },
};

static int by_local(const void *key, const void *n)
{
	return strcmp(key, ((const struct name *)n)->local);
}

static enum element element(const XML_Char *name)
{
	const struct name *n = bsearch(ooxml_local(name), names, sizeof(names) / sizeof(names[0]), sizeof(names[0]),
				       by_local);

	return n ? n->e : E_OTHER;
}

/* True unless a toggle property says val="0", "false" or "off". */
static bool toggle_on(const XML_Char **atts)
{
	const char *v = ooxml_attr(atts, "val");

	return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

/* Elements of tables: each applies to the innermost table, in its place there. */
static void table_element(struct ooxml_xml *x, struct docx *d, enum element e, const XML_Char **atts)
{
	struct level *l = d->depth ? d->levels[d->depth - 1] : NULL;

	if (!l)
		return;
	if (e == E_TR && !l->row_depth)
		row_start(x, d, l);
	else if (e == E_TC && l->row_depth && !l->cell_depth)
		cell_start(x, d, l);
	else if (e == E_GRID_BEFORE && l->row_depth && !l->cell_depth)
		grid_before(x, l, atts);
	else if (e == E_GRID_SPAN && l->cell_depth)
		grid_span(x, l, atts);
	else if (e == E_MERGE && l->cell_depth)
		merge(l, atts);
}

/* Elements of runs: text, tabs, breaks and what hides them. */
static void run_element(struct ooxml_xml *x, struct docx *d, enum element e, const XML_Char **atts)
{
	if (e == E_R) {
		d->runs++;
		d->hidden_run = false;
	} else if (!d->runs) {
		return; /* a w:tab outside runs is a tab stop, not a tab */
	} else if (e == E_RPR && !d->rpr) {
		d->rpr = d->xml_depth;
	} else if (e == E_VANISH && d->rpr) {
		d->hidden_run = toggle_on(atts);
	} else if (d->hidden_run) {
		return;
	} else if (e == E_T) {
		d->t = d->xml_depth;
	} else if (e == E_TAB) {
		add_text(x, " ", 1);
	} else if (e == E_BREAK) {
		add_break(x);
	} else if (e == E_HYPHEN) {
		add_text(x, "-", 1);
	}
}

static void XMLCALL doc_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct ooxml_xml *x = ud;
	struct docx *d = x->state;
	enum element e;

	d->xml_depth++;
	if (x->failed || d->skip || (e = element(name)) == E_OTHER)
		return;
	if (e == E_SKIP)
		d->skip = d->xml_depth;
	else if (e == E_P && !d->depth && !d->para)
		d->para = d->xml_depth;
	else if (e == E_TBL)
		table_start(x, d);
	else if (e >= E_TR && e <= E_MERGE)
		table_element(x, d, e, atts);
	else if (e >= E_R)
		run_element(x, d, e, atts);
}

static void element_end(struct ooxml_xml *x, struct docx *d, enum element e)
{
	struct level *l = d->depth ? d->levels[d->depth - 1] : NULL;
	unsigned depth = d->xml_depth;

	if (e == E_P && !l && d->para == depth) {
		d->para = 0;
		flush_paragraph(x, d);
	} else if (e == E_P) {
		add_break(x);
	} else if (e == E_TBL && l && l->depth == depth) {
		d->depth--;
	} else if (e == E_TR && l && l->row_depth == depth) {
		l->row_depth = 0;
		flush_row(x, l);
	} else if (e == E_TC && l && l->cell_depth == depth) {
		cell_end(x, l);
	} else if (e == E_R && d->runs) {
		d->runs--;
		d->hidden_run = false;
	} else if (e == E_RPR && d->rpr == depth) {
		d->rpr = 0;
	} else if (e == E_T && d->t == depth) {
		d->t = 0;
	}
}

static void XMLCALL doc_end(void *ud, const XML_Char *name)
{
	struct ooxml_xml *x = ud;
	struct docx *d = x->state;

	if (!x->failed && d->skip)
		d->skip = d->skip == d->xml_depth ? 0 : d->skip;
	else if (!x->failed)
		element_end(x, d, element(name));
	d->xml_depth--;
}

static void XMLCALL doc_text(void *ud, const XML_Char *s, int len)
{
	struct ooxml_xml *x = ud;
	struct docx *d = x->state;

	if (!x->failed && d->t && !d->skip)
		add_text(x, s, (size_t)len);
}

/* ---- the document ---- */

static void docx_free(struct docx *d)
{
	unsigned i;

	for (i = 0; i < JX_DOCX_MAX_DEPTH && d->levels[i]; i++) {
		jx_buf_release(&d->levels[i]->cell);
		jx_buf_release(&d->levels[i]->text);
		free(d->levels[i]);
	}
	jx_tables_free(d->tables);
	jx_buf_release(&d->para_text);
	free(d->places);
	free(d);
}

int docx_import(struct ooxml_zip *z, struct jx_input *in, jx_sink_fn sink, void *ctx, struct jx_err *err)
{
	static const struct ooxml_handlers h = { doc_start, doc_end, doc_text };
	struct docx *d = jx_calloc(1, sizeof(*d));
	int rc;

	d->in = in;
	d->size = ooxml_zip_size(z, DOCUMENT);
	d->file = in->name;
	d->tables = jx_tables_new(sink, ctx, locate, d);
	jx_tables_grid(d->tables, true);
	jx_buf_init(&d->para_text, JX_DOCX_MAX_TEXT);
	rc = ooxml_parse(z, DOCUMENT, true, &h, d, err);
	if (rc == 0)
		rc = jx_tables_finish(d->tables, err);
	if (rc == 0 && jx_tables_count(d->tables) == 0)
		rc = jx_err_set(err, JX_EINPUT,
				"%s: 没有找到绩效目标表：应有标题“部门预算项目支出绩效目标表”，在表格上方或表格的第一行", d->file);
	docx_free(d);
	return rc;
}
