/*
 * html_import.c — target tables from web pages: the lines and cells of an HTML page (html.h), handed
 * to table.c, which decides what they mean, as it does for document text and for sheets.
 *
 * The page comes parsed by gumbo (html_parse.c). Its tree is walked in document order, and each line a
 * reader of the page would see becomes a line for table.c:
 *
 *   a block of text outside data tables (a paragraph, a heading, a list item, a line ended by <br>,
 *   a cell of a layout table) is a JX_LINE_TEXT line of one cell;
 *   a row of a data table is a JX_LINE_ROW line of its non-empty cells, placed on the table's grid
 *   as the HTML table model places them: a cell takes the first column no cell from a row above
 *   spans into, rowspan and colspan reserve the columns and rows it covers (no further than its row
 *   group), and a merged cell is handed over once, at the top-left of its range.
 *
 * A table that holds another table lays the page out; its cells are walked as blocks. Text is what a
 * browser shows: white space collapsed (a line break between two wide characters, as CJK text is
 * wrapped in the source, vanishes), unless CSS white-space keeps the line breaks (<pre>, an inline
 * style, or a rule of a <style> sheet of the simple forms tag, .class and tag.class, which is how
 * jixiao's own pages keep a goal's lines).
 *
 * Messages name the place on the page: "page.html: 表2 第5行 第3列" for a table's cell, counting
 * data tables from 1, and "page.html: 第12行" (a line of the source) for text.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao/alloc.h"
#include "jixiao/buf.h"
#include "jixiao/err.h"
#include "jixiao/html.h"
#include "jixiao/input.h"
#include "jixiao/reader.h"
#include "jixiao/table.h"
#include "jixiao/text.h"
#include "html_impl.h"

#define WALK_MAX_DEPTH (2 * JX_HTML_MAX_DEPTH) /* html_parse.c keeps trees near half as deep */
#define MAX_PRE_RULES 64                       /* style rules that keep line breaks, kept per page */

void jx_html_locate(const char *file, const struct jx_html_where *where, unsigned col, char *buf, size_t size)
{
	if (where->table && col)
		snprintf(buf, size, "%s: 表%u 第%u行 第%u列", file, where->table, where->row, col);
	else if (where->table)
		snprintf(buf, size, "%s: 表%u 第%u行", file, where->table, where->row);
	else
		snprintf(buf, size, "%s: 第%u行", file, where->row);
}

/* ---- text as a browser shows it ---- */

struct text {
	struct jx_buf buf; /* the lines so far, '\n' between them */
	bool started;      /* the current line has a character */
	bool last_wide;    /* its last character is a wide one (CJK) */
	bool space;        /* white space is pending after it */
	bool segment;      /* the pending white space holds a line break of the source */
	bool hard;         /* … or a no-break space, which stays a space */
	bool brk;          /* a line break is pending: the next character begins a line */
};

static void text_reset(struct text *t)
{
	jx_buf_reset(&t->buf);
	t->started = t->last_wide = t->space = t->segment = t->hard = t->brk = false;
}

static void text_char(struct text *t, const char *s, size_t len)
{
	bool wide = (unsigned char)s[0] >= 0xE1 && jx_text_width(s, len) == 2; /* wide ones start at U+1100 */

	if (t->brk) {
		jx_buf_addc(&t->buf, '\n', NULL);
		t->brk = t->started = false;
	}
	if (t->space && t->started && (t->hard || !t->segment || !t->last_wide || !wide))
		jx_buf_addc(&t->buf, ' ', NULL);
	t->space = t->segment = t->hard = false;
	jx_buf_add(&t->buf, s, len, NULL);
	t->started = true;
	t->last_wide = wide;
}

/* Adds s[0..n) (valid UTF-8), its white space collapsed unless keep (where CSS keeps line breaks,
 * which the caller takes care of, spaces are kept too, so that jixiao's goals read back as written). */
static void text_add(struct text *t, const char *s, size_t n, bool keep)
{
	size_t i = 0, len;
	int32_t cp;

	while (i < n) {
		len = jx_utf8_decode(s + i, n - i, &cp);
		if (keep && (cp == ' ' || cp == '\t' || cp == 0xA0)) {
			text_char(t, " ", 1);
		} else if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0) {
			t->space = true;
			t->segment |= cp == '\n' || cp == '\r';
			t->hard |= cp == 0xA0;
		} else {
			text_char(t, s + i, len);
		}
		i += len;
	}
}

static void text_break(struct text *t)
{
	t->brk |= t->started;
	t->space = t->segment = t->hard = false;
}

/* Appends t's lines to out, each trimmed, blank ones dropped; returns the bytes appended. */
static size_t text_lines(const struct text *t, struct jx_buf *out)
{
	const char *p = t->buf.ptr, *end = t->buf.ptr + t->buf.len;
	size_t start = out->len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *s = p;
		size_t n = (size_t)((nl ? nl : end) - p);

		jx_text_trim(&s, &n);
		if (n && out->len > start)
			jx_buf_addc(out, '\n', NULL);
		jx_buf_add(out, s, n, NULL);
		p = nl ? nl + 1 : end;
	}
	return out->len - start;
}

/* ---- the walk ---- */

struct pre_rule {
	GumboTag tag;  /* GUMBO_TAG_UNKNOWN: any */
	char cls[64];  /* "": any */
};

struct grid {
	struct jx_html_where at;                    /* the table, and the row being read */
	unsigned width;                             /* columns a cell from above may cover: 1 … width */
	unsigned covered[JX_HTML_MAX_COLUMNS + 1];  /* rows below the current one each column is covered for */
	bool busy[JX_HTML_MAX_COLUMNS + 1];         /* columns of the current row a cell from above covers */
	struct jx_buf text;                         /* the row's cell texts */
	size_t off[JX_TABLE_MAX_CELLS + 1];         /* where each is in text */
	struct jx_cell cells[JX_TABLE_MAX_CELLS + 1];
	size_t n;
};

struct walk {
	const char *file;
	jx_html_line_fn fn;
	void *ctx;
	struct jx_err *err;
	struct pre_rule pre[MAX_PRE_RULES]; /* the page's style rules that keep line breaks */
	size_t n_pre;
	unsigned depth;                     /* elements being walked into */
	unsigned tables;                    /* data tables so far */
	struct text block;                  /* text outside data tables: the block being read */
	struct jx_html_where block_at;      /* where it began */
	struct text cell;                   /* the text of a data table's cell */
	struct grid grid;                   /* the data table being read */
};

static int fail(struct walk *w, const struct jx_html_where *where, enum jx_code code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(struct walk *w, const struct jx_html_where *where, enum jx_code code, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = html_vfail(w->file, where, code, w->err, fmt, ap);
	va_end(ap);
	return rc;
}

static bool is_block(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
	case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
	case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HTML: case GUMBO_TAG_LEGEND: case GUMBO_TAG_LI:
	case GUMBO_TAG_LISTING: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL:
	case GUMBO_TAG_P: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
	case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH:
	case GUMBO_TAG_THEAD: case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_XMP:
		return true;
	default:
		return false;
	}
}

/* Elements whose content is not text of the page. */
static bool is_skipped(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_TITLE: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SELECT:
		return true;
	default:
		return false;
	}
}

/* ---- CSS white-space ---- */

static bool starts(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - p) >= n && html_find(p, p + n, word) == p;
}

/* True if the declarations [s, end) set white-space to a value that keeps line breaks. */
static bool keeps_breaks_decl(const char *s, const char *end)
{
	const char *p = s;

	while ((p = html_find(p, end, "white-space")) != NULL) {
		for (p += strlen("white-space"); p < end && html_space(*p); p++)
			;
		if (p == end || *p != ':')
			continue;
		for (p++; p < end && html_space(*p); p++)
			;
		if (starts(p, end, "pre") || starts(p, end, "break-spaces"))
			return true;
	}
	return false;
}

/* True if [s, end) is a selector of one element: no combinator, attribute, pseudo-class, id or '*'. */
static bool simple_selector(const char *s, const char *end)
{
	for (; s < end; s++)
		if (html_space(*s) || *s == '>' || *s == '+' || *s == '~' || *s == '[' || *s == ':' || *s == '#' ||
		    *s == '*' || *s == '\0')
			return false;
	return true;
}

/* Keeps one selector [s, end) if it is tag, .class or tag.class. */
static void add_selector(struct walk *w, const char *s, const char *end)
{
	struct pre_rule r = { GUMBO_TAG_UNKNOWN, "" };
	const char *dot;

	while (s < end && html_space(*s))
		s++;
	while (end > s && html_space(end[-1]))
		end--;
	if (s == end || w->n_pre == MAX_PRE_RULES || !simple_selector(s, end))
		return;
	dot = memchr(s, '.', (size_t)(end - s));
	if (dot != s && (r.tag = gumbo_tagn_enum(s, (unsigned)((dot ? dot : end) - s))) == GUMBO_TAG_UNKNOWN)
		return;
	if (dot && (memchr(dot + 1, '.', (size_t)(end - dot - 1)) || (size_t)(end - dot) > sizeof(r.cls) ||
		    end == dot + 1))
		return;
	if (dot)
		memcpy(r.cls, dot + 1, (size_t)(end - dot - 1));
	w->pre[w->n_pre++] = r;
}

static void add_selectors(struct walk *w, const char *s, const char *end)
{
	const char *comma;

	while ((comma = memchr(s, ',', (size_t)(end - s))) != NULL) {
		add_selector(w, s, comma);
		s = comma + 1;
	}
	add_selector(w, s, end);
}

/* Reads a style sheet for the rules that keep line breaks. An at-rule's block ({…{…}…}) is entered,
 * so that the rules in @media are read too. */
static void read_style(struct walk *w, const char *css)
{
	struct jx_buf b = JX_BUF_INIT;
	const char *p, *open, *close, *sel;

	for (p = css; *p;) { /* without comments */
		const char *c = strstr(p, "/*"), *e = c ? strstr(c + 2, "*/") : NULL;

		jx_buf_add(&b, p, c ? (size_t)(c - p) : strlen(p), NULL);
		p = !c ? p + strlen(p) : e ? e + 2 : c + strlen(c);
	}
	for (p = b.ptr; (open = memchr(p, '{', (size_t)(b.ptr + b.len - p))) != NULL;) {
		for (sel = open; sel > p && sel[-1] != '}' && sel[-1] != ';'; sel--)
			;
		close = open + 1 + strcspn(open + 1, "{}");
		if (!*close)
			break;
		if (*close == '}' && keeps_breaks_decl(open + 1, close))
			add_selectors(w, sel, open);
		p = *close == '{' ? open + 1 : close + 1;
	}
	jx_buf_release(&b);
}

/* Finds the page's <style> sheets. */
static void find_styles(struct walk *w, const GumboNode *node, unsigned depth)
{
	const GumboVector *kids;
	size_t i;

	if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT)
		return;
	kids = node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children : &node->v.element.children;
	if (node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == GUMBO_TAG_STYLE) {
		for (i = 0; i < kids->length; i++)
			if (((const GumboNode *)kids->data[i])->type == GUMBO_NODE_TEXT)
				read_style(w, ((const GumboNode *)kids->data[i])->v.text.text);
		return;
	}
	for (i = 0; i < kids->length && depth < WALK_MAX_DEPTH; i++)
		find_styles(w, kids->data[i], depth + 1);
}

static bool has_class(const GumboElement *e, const char *cls)
{
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, "class");
	const char *p = a ? a->value : "";
	size_t n = strlen(cls);

	while (*p) {
		size_t len = 0;

		while (html_space(*p))
			p++;
		while (p[len] && !html_space(p[len]))
			len++;
		if (len == n && memcmp(p, cls, n) == 0)
			return true;
		p += len;
	}
	return false;
}

/* True if the element's CSS keeps the line breaks of its text. */
static bool keeps_breaks(const struct walk *w, const GumboElement *e)
{
	const GumboAttribute *style = gumbo_get_attribute(&e->attributes, "style");
	size_t i;

	if (e->tag == GUMBO_TAG_PRE || e->tag == GUMBO_TAG_LISTING || e->tag == GUMBO_TAG_XMP ||
	    e->tag == GUMBO_TAG_PLAINTEXT)
		return true;
	if (style && keeps_breaks_decl(style->value, style->value + strlen(style->value)))
		return true;
	for (i = 0; i < w->n_pre; i++)
		if ((w->pre[i].tag == GUMBO_TAG_UNKNOWN || w->pre[i].tag == e->tag) &&
		    (!w->pre[i].cls[0] || has_class(e, w->pre[i].cls)))
			return true;
	return false;
}

/* ---- blocks of text ---- */

/* Hands the block of text read so far over as a line, if it holds any. */
static int flush_block(struct walk *w)
{
	const char *s = w->block.buf.ptr;
	size_t n = w->block.buf.len;
	struct jx_cell cell;
	int rc = 0;

	jx_text_trim(&s, &n);
	if (n) {
		cell = (struct jx_cell){ s, n, 1 };
		rc = w->fn(w->ctx, &w->block_at, &cell, 1, JX_LINE_TEXT, w->err);
	}
	text_reset(&w->block);
	return rc ? -1 : 0;
}

/* A line break: in a cell, a new line of its text; elsewhere, the end of a block. */
static int line_break(struct walk *w, struct text *cell)
{
	if (cell) {
		text_break(cell);
		return 0;
	}
	return flush_block(w);
}

/* Notes where a block begins: the line of the source of the first character of s. */
static void note_block(struct walk *w, const GumboText *tx, const char *s, size_t n, unsigned line)
{
	size_t i;

	for (i = 0; i < n && html_space(s[i]); i++)
		line += s[i] == '\n';
	w->block_at = (struct jx_html_where){ 0, line, tx->start_pos.offset };
}

static int add_text(struct walk *w, const GumboText *tx, struct text *cell, bool pre)
{
	const char *s = tx->text;
	size_t n = strlen(s);
	unsigned line = tx->start_pos.line;

	for (;;) {
		const char *nl = pre ? memchr(s, '\n', n) : NULL;
		size_t len = nl ? (size_t)(nl - s) : n;

		if (cell) {
			text_add(cell, s, len, pre);
		} else {
			bool empty = !w->block.started;

			text_add(&w->block, s, len, pre);
			if (empty && w->block.started)
				note_block(w, tx, s, len, line);
		}
		if (!nl)
			return 0;
		if (line_break(w, cell))
			return -1;
		line++;
		s = nl + 1;
		n -= len + 1;
	}
}

/* ---- data tables ---- */

/* True if the subtree under node holds a table. */
static bool holds_table(const GumboNode *node, unsigned depth)
{
	const GumboVector *kids = &node->v.element.children;
	size_t i;

	for (i = 0; i < kids->length; i++) {
		const GumboNode *k = kids->data[i];

		if (k->type == GUMBO_NODE_ELEMENT &&
		    (k->v.element.tag == GUMBO_TAG_TABLE || depth >= WALK_MAX_DEPTH || holds_table(k, depth + 1)))
			return true;
	}
	return false;
}

/* rowspan or colspan, as HTML reads it ("3", " +3", "3px"): 1 if absent or not a number, zero if 0,
 * at most max. */
static unsigned span(const GumboElement *e, const char *name, unsigned zero, unsigned max)
{
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);
	const char *s = a ? a->value : "";
	unsigned long v = 0;
	bool digits = false;

	while (html_space(*s))
		s++;
	s += *s == '+';
	for (; *s >= '0' && *s <= '9'; s++) {
		digits = true;
		v = v > max ? v : v * 10 + (unsigned long)(*s - '0');
	}
	return !digits ? 1 : v == 0 ? zero : v > max ? max : (unsigned)v;
}

static void group_start(struct grid *g)
{
	memset(g->covered, 0, sizeof(g->covered[0]) * (g->width + 1));
	memset(g->busy, 0, sizeof(g->busy[0]) * (g->width + 1));
	g->width = 0;
}

/* A new row: the columns cells from the rows above cover in it. */
static void row_start(struct grid *g)
{
	unsigned c;

	for (c = 1; c <= g->width; c++) {
		g->busy[c] = g->covered[c] > 0;
		g->covered[c] -= g->covered[c] > 0;
	}
	jx_buf_reset(&g->text);
	g->n = 0;
}

/* A cell at col spanning colspan columns and rowspan rows covers them in the rows below. */
static void cover(struct grid *g, unsigned col, unsigned colspan, unsigned rowspan)
{
	unsigned c, last = col + colspan - 1 < JX_HTML_MAX_COLUMNS ? col + colspan - 1 : JX_HTML_MAX_COLUMNS;

	if (rowspan < 2)
		return;
	for (c = col; c <= last; c++)
		g->covered[c] = g->covered[c] > rowspan - 1 ? g->covered[c] : rowspan - 1;
	g->width = last > g->width ? last : g->width;
}

/* Reads a cell's text; keeps it if it is not empty. */
static int grid_cell(struct walk *w, const GumboNode *td, unsigned col, bool pre);

static int emit_row(struct walk *w)
{
	struct grid *g = &w->grid;
	size_t i;

	for (i = 0; i < g->n; i++)
		g->cells[i].text = g->text.ptr + g->off[i];
	return w->fn(w->ctx, &g->at, g->cells, g->n, JX_LINE_ROW, w->err) ? -1 : 0;
}

static int grid_row(struct walk *w, const GumboNode *tr, bool pre)
{
	const GumboVector *kids = &tr->v.element.children;
	struct grid *g = &w->grid;
	unsigned col = 1;
	size_t i;

	g->at.offset = tr->v.element.start_pos.offset;
	if (++g->at.row > JX_HTML_MAX_ROWS)
		return fail(w, &g->at, JX_ETOOBIG, "一张表超过 %d 行", JX_HTML_MAX_ROWS);
	row_start(g);
	pre = pre || keeps_breaks(w, &tr->v.element);
	for (i = 0; i < kids->length; i++) {
		const GumboNode *k = kids->data[i];
		unsigned rowspan, colspan;

		if (k->type != GUMBO_NODE_ELEMENT || (k->v.element.tag != GUMBO_TAG_TD && k->v.element.tag != GUMBO_TAG_TH))
			continue;
		while (col <= JX_HTML_MAX_COLUMNS && g->busy[col])
			col++;
		rowspan = span(&k->v.element, "rowspan", JX_HTML_MAX_ROWSPAN, JX_HTML_MAX_ROWSPAN);
		colspan = span(&k->v.element, "colspan", 1, JX_HTML_MAX_COLSPAN);
		if (g->n <= JX_TABLE_MAX_CELLS && grid_cell(w, k, col, pre))
			return -1;
		if (col <= JX_HTML_MAX_COLUMNS)
			cover(g, col, colspan, rowspan);
		col = col > UINT_MAX - colspan ? col : col + colspan;
	}
	return emit_row(w);
}

static int row_group(struct walk *w, const GumboNode *group, bool pre)
{
	const GumboVector *kids = &group->v.element.children;
	size_t i;

	group_start(&w->grid);
	pre = pre || keeps_breaks(w, &group->v.element);
	for (i = 0; i < kids->length; i++) {
		const GumboNode *k = kids->data[i];

		if (k->type == GUMBO_NODE_ELEMENT && k->v.element.tag == GUMBO_TAG_TR && grid_row(w, k, pre))
			return -1;
	}
	return 0;
}

static int walk_element(struct walk *w, const GumboNode *node, struct text *cell, bool pre);

/* The index of the first child of table that is an element with tag t; the number of children if none. */
static size_t first_child(const GumboNode *table, GumboTag t)
{
	const GumboVector *kids = &table->v.element.children;
	size_t i;

	for (i = 0; i < kids->length; i++)
		if (((const GumboNode *)kids->data[i])->type == GUMBO_NODE_ELEMENT &&
		    ((const GumboNode *)kids->data[i])->v.element.tag == t)
			break;
	return i;
}

/* The rows of a part of a table: a row group, or a row outside any. */
static int grid_part(struct walk *w, const GumboNode *k, bool pre)
{
	if (k->type != GUMBO_NODE_ELEMENT)
		return 0;
	switch (k->v.element.tag) {
	case GUMBO_TAG_THEAD:
	case GUMBO_TAG_TBODY:
	case GUMBO_TAG_TFOOT:
		return row_group(w, k, pre);
	case GUMBO_TAG_TR:
		return grid_row(w, k, pre);
	default:
		return 0;
	}
}

/* A data table, in the order a browser shows it: its captions as text, its (first) head, its row groups
 * and rows, its (first) foot, wherever the page puts them. */
static int walk_grid(struct walk *w, const GumboNode *table, bool pre)
{
	const GumboVector *kids = &table->v.element.children;
	size_t head = first_child(table, GUMBO_TAG_THEAD), foot = first_child(table, GUMBO_TAG_TFOOT), i;
	int rc = flush_block(w);

	w->grid.at = (struct jx_html_where){ ++w->tables, 0, table->v.element.start_pos.offset };
	group_start(&w->grid);
	pre = pre || keeps_breaks(w, &table->v.element);
	for (i = 0; i < kids->length && !rc; i++)
		if (((const GumboNode *)kids->data[i])->type == GUMBO_NODE_ELEMENT &&
		    ((const GumboNode *)kids->data[i])->v.element.tag == GUMBO_TAG_CAPTION)
			rc = walk_element(w, kids->data[i], NULL, pre);
	if (!rc && head < kids->length)
		rc = grid_part(w, kids->data[head], pre);
	for (i = 0; i < kids->length && !rc; i++)
		if (i != head && i != foot)
			rc = grid_part(w, kids->data[i], pre);
	if (!rc && foot < kids->length)
		rc = grid_part(w, kids->data[foot], pre);
	return rc;
}

/* ---- the tree ---- */

static int walk_node(struct walk *w, const GumboNode *node, struct text *cell, bool pre);

static int walk_children(struct walk *w, const GumboVector *kids, struct text *cell, bool pre)
{
	size_t i;

	for (i = 0; i < kids->length; i++)
		if (walk_node(w, kids->data[i], cell, pre))
			return -1;
	return 0;
}

static int grid_cell(struct walk *w, const GumboNode *td, unsigned col, bool pre)
{
	struct grid *g = &w->grid;
	size_t off = g->text.len, len;

	text_reset(&w->cell);
	if (walk_children(w, &td->v.element.children, &w->cell, pre || keeps_breaks(w, &td->v.element)))
		return -1;
	len = text_lines(&w->cell, &g->text);
	if (len) {
		g->off[g->n] = off;
		g->cells[g->n++] = (struct jx_cell){ NULL, len, col };
		jx_buf_addc(&g->text, '\0', NULL);
	}
	return 0;
}

static int walk_element(struct walk *w, const GumboNode *node, struct text *cell, bool pre)
{
	const GumboElement *e = &node->v.element;
	bool block = is_block(e->tag);
	int rc;

	if (is_skipped(e->tag))
		return 0;
	if (e->tag == GUMBO_TAG_BR || e->tag == GUMBO_TAG_HR)
		return line_break(w, cell);
	if (w->depth >= WALK_MAX_DEPTH) {
		struct jx_html_where at = { 0, e->start_pos.line, e->start_pos.offset };

		return fail(w, &at, JX_ETOOBIG, "网页中的元素嵌套超过 %d 层，无法导入", WALK_MAX_DEPTH);
	}
	if (e->tag == GUMBO_TAG_TABLE && !cell && !holds_table(node, w->depth))
		return walk_grid(w, node, pre);
	w->depth++;
	pre = pre || keeps_breaks(w, e);
	rc = (block && line_break(w, cell)) || walk_children(w, &e->children, cell, pre) || (block && line_break(w, cell));
	w->depth--;
	return rc ? -1 : 0;
}

static int walk_node(struct walk *w, const GumboNode *node, struct text *cell, bool pre)
{
	switch (node->type) {
	case GUMBO_NODE_DOCUMENT:
		return walk_children(w, &node->v.document.children, cell, pre);
	case GUMBO_NODE_ELEMENT:
		return walk_element(w, node, cell, pre);
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_WHITESPACE:
	case GUMBO_NODE_CDATA:
		return add_text(w, &node->v.text, cell, pre);
	default:
		return 0; /* comments, templates */
	}
}

int jx_html_lines(struct jx_input *in, jx_html_line_fn fn, void *ctx, struct jx_err *err)
{
	struct html_page pg;
	struct walk *w;
	int rc;

	if (html_page_read(&pg, in, err))
		return -1;
	w = jx_calloc(1, sizeof(*w));
	w->file = in->name;
	w->fn = fn;
	w->ctx = ctx;
	w->err = err;
	jx_buf_init(&w->block.buf, SIZE_MAX);
	jx_buf_init(&w->cell.buf, SIZE_MAX);
	jx_buf_init(&w->grid.text, SIZE_MAX);
	find_styles(w, pg.tree->document, 0);
	rc = walk_node(w, pg.tree->document, NULL, false);
	if (!rc)
		rc = flush_block(w);
	jx_buf_release(&w->block.buf);
	jx_buf_release(&w->cell.buf);
	jx_buf_release(&w->grid.text);
	free(w);
	html_page_free(&pg);
	return rc ? -1 : 0;
}

/* ---- the reader ---- */

struct reader {
	struct jx_input *in;
	struct jx_tables *tables;
	struct jx_html_where *log; /* where each line handed to tables since the current table began is */
	size_t n_log, cap_log;
	unsigned first;            /* the number of the line log[0] is */
	unsigned next;             /* the number of the next line */
};

static void locate(void *ctx, unsigned row, unsigned col, char *buf, size_t size)
{
	const struct reader *r = ctx;

	if (row - r->first < r->n_log)
		jx_html_locate(r->in->name, &r->log[row - r->first], col, buf, size);
	else
		snprintf(buf, size, "%s", r->in->name);
}

static int html_line(void *ctx, const struct jx_html_where *where, const struct jx_cell *cells, size_t n,
		     enum jx_line_kind kind, struct jx_err *err)
{
	struct reader *r = ctx;

	if (n == 0)
		return 0;
	if (jx_tables_state(r->tables) == JX_TABLE_OUTSIDE) { /* no message names a line before this one */
		r->first = r->next;
		r->n_log = 0;
	}
	jx_grow(&r->log, sizeof(*r->log), r->n_log + 1, &r->cap_log);
	r->log[r->n_log++] = *where;
	r->in->consumed = where->offset < r->in->size ? where->offset : r->in->size;
	return jx_tables_line(r->tables, r->next++, cells, n, kind, err);
}

static int html_read(struct jx_input *in, jx_sink_fn sink, void *ctx, struct jx_err *err)
{
	struct reader r = { in, NULL, NULL, 0, 0, 1, 1 };
	int rc;

	r.tables = jx_tables_new(sink, ctx, locate, &r);
	jx_tables_grid(r.tables, true);
	rc = jx_html_lines(in, html_line, &r, err);
	if (rc == 0)
		rc = jx_tables_finish(r.tables, err);
	if (rc == 0 && jx_tables_count(r.tables) == 0)
		rc = jx_err_set(err, JX_EINPUT, "%s: 网页中没有找到绩效目标表（应有标题“部门预算项目支出绩效目标表”）", in->name);
	jx_tables_free(r.tables);
	free(r.log);
	in->consumed = in->size;
	return rc < 0 ? -1 : 0;
}

/* After an optional BOM and white space, '<', and one of the tags a page begins with in the head. */
static bool html_sniff(const char *head, size_t n)
{
	static const char *const marks[] = { "<!doctype html", "<html", "<head", "<body", "<meta", "<table" };
	const char *p = head, *end = head + (n < JX_HTML_SNIFF ? n : JX_HTML_SNIFF);
	size_t i;

	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end && html_space(*p))
		p++;
	if (p == end || *p != '<')
		return false;
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (html_find(p, end, marks[i]))
			return true;
	return false;
}

const struct jx_reader jx_reader_html = { "html", html_sniff, html_read };
